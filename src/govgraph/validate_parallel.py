"""SHACL validation of a large store, a partition of document graphs at a time, in worker processes.

Full validation copies the whole store into one rdflib graph for pyshacl: fine for the bundled
corpus, but at 10^7 triples the copy alone needs tens of gigabytes. The model makes every document
graph stand alone (each node it mentions carries its type, and actors their name, inside it —
docs/model.md), so each partition is validated with pyshacl together with the ontology and the
reference graph. Every run also validates the context's own nodes, so a result reported by several
partitions is kept once. What compares nodes across graphs is the global checks' job, and they run
once over the whole store, as in a full run.

pyshacl is given no focus nodes: it checks each of a shape's targets against the focus-node list
with a list scan, inside every nested shape too, so with focus nodes its cost grew with the
partition's size squared (16.7 million term comparisons for 75 document graphs).
``tests/test_validate_parallel.py`` checks that both ways give the same results on the built corpus.

Memory stays flat in the store size; time is pyshacl's throughput divided by the number of cores.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from govgraph import workers
from govgraph.vocab import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH, SH

if TYPE_CHECKING:
    from govgraph.store import GraphStore
    from govgraph.validate import GlobalCheck, ValidationReport, ValidationResult

GRAPHS_PER_PARTITION = 100
"""Document graphs per pyshacl run: large enough that validating the context again in every run
costs little, small enough to keep a worker's graph near 10^4 triples. On 10^5 synthetic triples
(``benchmarks/triples.py --triples 1e5``), 2 processes, 25 / 100 / 200 graphs per partition took
26.6 / 14.3 / 15.9 s (2026-11-23)."""

_context: dict[str, Any] = {}


def _use_context(shapes_nt: bytes, context_nt: bytes) -> None:
    """Worker initializer: the shapes and the context graph (ontology + reference) every run adds."""
    shapes = Graph()
    shapes.parse(data=shapes_nt, format="nt")
    context = Graph()
    context.parse(data=context_nt, format="nt")
    _context.update(shapes=shapes, context=context)


def validate_partition(partition_nq: bytes) -> list[ValidationResult]:
    """pyshacl over one partition (N-Quads of its graphs) plus the context. Returns the results as
    ``validate.ValidationResult`` objects."""
    from govgraph.validate import _pyshacl, _results_from_report

    graph = Graph()
    for triple in _context["context"]:
        graph.add(triple)
    for quad in ox.parse(partition_nq, format=ox.RdfFormat.N_QUADS):
        graph.add(_rdflib_triple(quad))
    report = _pyshacl(graph, _context["shapes"], None)
    return _results_from_report(report, _context["shapes"], graph, None)


def _rdflib_triple(quad: ox.Quad) -> tuple[Any, Any, Any]:
    from govgraph.store import from_ox

    return from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)


def partitions(store: GraphStore, graphs: Sequence[str], size: int) -> Iterator[bytes]:
    """N-Quads of ``size`` graphs at a time, in the order of ``graphs``."""
    for batch in workers.chunks(graphs, size):
        quads = itertools.chain.from_iterable(
            store.ox.quads_for_pattern(None, None, None, ox.NamedNode(name)) for name in batch
        )
        yield ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def validate_store_partitioned(
    store: GraphStore,
    *,
    shapes: Graph,
    ontology: Graph,
    checks: Sequence[GlobalCheck],
    jobs: int | None = None,
    graphs_per_partition: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ValidationReport:
    """The store's validation report, partition by partition (see the module's docstring)."""
    from govgraph.validate import _finish, _term_from_compact, run_global_checks

    started = time.perf_counter()
    graphs_per_partition = graphs_per_partition or GRAPHS_PER_PARTITION
    reference_nt = store.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(REFERENCE_GRAPH)))
    context_nt = (ontology.serialize(format="nt", encoding="utf-8") or b"") + reference_nt
    shapes_nt = shapes.serialize(format="nt", encoding="utf-8") or b""
    skip = {str(ONTOLOGY_GRAPH), str(REFERENCE_GRAPH)}
    documents = sorted(name for name in (str(g) for g in store.graph_names()) if name not in skip)
    # every partition brings the context along; a store without documents still has it validated
    tasks = partitions(store, documents, graphs_per_partition) if documents else iter([b""])
    total = max(1, math.ceil(len(documents) / graphs_per_partition))
    jobs = jobs if jobs is not None else workers.default_jobs(len(documents))
    seen: set[tuple[str, ...]] = set()
    results = []
    for done, found in enumerate(
        workers.ordered_map(
            validate_partition, tasks, jobs=jobs, initializer=_use_context, initargs=(shapes_nt, context_nt)
        ),
        start=1,
    ):
        for result in found:
            if result.key() not in seen:  # the context's nodes are validated in every partition
                seen.add(result.key())
                results.append(result)
        if progress:
            progress("validating", done, total)
    results.extend(run_global_checks(store, checks))
    report = _report_graph(results, _term_from_compact)
    stats = {
        "mode": "partitioned",
        "partitions": total,
        "jobs": jobs,
        "triples": len(store),
        "seconds": round(time.perf_counter() - started, 3),
    }
    return _finish(report, results, [], stats)


def _report_graph(results: Sequence[ValidationResult], term: Callable[[str], Node | None]) -> Graph:
    """A SHACL validation report graph of ``results`` (focus, path, value, severity, shape, message)."""
    report = Graph()
    for prefix, namespace in PREFIXES.items():
        report.bind(prefix, namespace)
    report_node = BNode()
    report.add((report_node, SH.conforms, Literal(not results)))
    report.add((report_node, RDF.type, SH.ValidationReport))
    for result in results:
        node = BNode()
        report.add((report_node, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        for predicate, text in (
            (SH.focusNode, result.focus_node),
            (SH.resultPath, result.path),
            (SH.value, result.value),
            (SH.sourceConstraintComponent, result.constraint),
        ):
            value = term(text) if text else None
            if value is not None:
                report.add((node, predicate, value))
        report.add((node, SH.resultSeverity, SH[result.severity]))
        report.add((node, SH.resultMessage, Literal(result.message)))
    return report
