"""The govgraph benchmark suite: synthetic corpora and triples of the real corpus's shape, and a runner.

Run from the repository root: ``python benchmarks/run.py --smoke`` (see ``benchmarks/README.md``).
"""
