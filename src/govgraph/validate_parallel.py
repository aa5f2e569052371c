"""SHACL validation of a large store, a partition of document graphs at a time, in worker processes.

Full validation copies the whole store into one rdflib graph for pyshacl: fine for the bundled
corpus, but at 10^7 triples the copy alone needs tens of gigabytes. The model makes every document
graph stand alone (each node it mentions carries its type, and actors their name, inside it —
docs/model.md), so each partition is validated with pyshacl together with the ontology and the
reference graph, with the partition's subjects as focus nodes; the reference graph is validated
once, as its own partition. What compares nodes across graphs is the global checks' job, and they
run once over the whole store, as in a full run. ``tests/test_validate_parallel.py`` checks that
both ways give the same results on the built corpus.

Memory stays flat in the store size; time is pyshacl's throughput divided by the number of cores.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from govgraph import workers
from govgraph.vocab import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH, SH

if TYPE_CHECKING:
    from govgraph.store import GraphStore
    from govgraph.validate import GlobalCheck, ValidationReport, ValidationResult

GRAPHS_PER_PARTITION = 25
"""Document graphs per pyshacl run. pyshacl's cost grows faster than the data it is given, so small
partitions win until the context added to each dominates: on 10^5 synthetic triples, 2 processes,
5 / 10 / 25 / 100 / 400 graphs per partition took 30 / 24 / 21 / 31 / 94 s (measured
on 2026-11-23 over a store of ``benchmarks/triples.py --triples 1e5``)."""

_context: dict[str, Any] = {}


def _use_context(shapes_nt: bytes, context_nt: bytes) -> None:
    """Worker initializer: the shapes and the context graph (ontology + reference) every run adds."""
    shapes = Graph()
    shapes.parse(data=shapes_nt, format="nt")
    context = Graph()
    context.parse(data=context_nt, format="nt")
    _context.update(shapes=shapes, context=context)


def validate_partition(partition_nq: bytes) -> list[ValidationResult]:
    """pyshacl over one partition (N-Quads of its graphs) plus the context; the partition's
    subjects are the focus nodes. Returns the results as ``validate.ValidationResult`` objects."""
    from govgraph.validate import _pyshacl, _results_from_report

    graph = Graph()
    for triple in _context["context"]:
        graph.add(triple)
    focus: set[URIRef] = set()
    for quad in ox.parse(partition_nq, format=ox.RdfFormat.N_QUADS):
        triple = _rdflib_triple(quad)
        graph.add(triple)
        if isinstance(triple[0], URIRef):
            focus.add(triple[0])
    report = _pyshacl(graph, _context["shapes"], sorted(focus))
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
    graphs_per_partition: int = GRAPHS_PER_PARTITION,
    progress: Callable[[str, int, int], None] | None = None,
) -> ValidationReport:
    """The store's validation report, partition by partition (see the module's docstring)."""
    from govgraph.validate import _finish, _term_from_compact, run_global_checks

    started = time.perf_counter()
    reference_nt = store.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(REFERENCE_GRAPH)))
    context_nt = (ontology.serialize(format="nt", encoding="utf-8") or b"") + reference_nt
    shapes_nt = shapes.serialize(format="nt", encoding="utf-8") or b""
    skip = {str(ONTOLOGY_GRAPH), str(REFERENCE_GRAPH)}
    documents = sorted(name for name in (str(g) for g in store.graph_names()) if name not in skip)
    # the ontology and reference graphs are a partition of their own: their nodes are validated once
    tasks = itertools.chain(
        partitions(store, sorted(skip), len(skip)), partitions(store, documents, graphs_per_partition)
    )
    total = 1 + math.ceil(len(documents) / graphs_per_partition)
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
            if result.key() not in seen:  # a node named in several partitions is validated in each
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
