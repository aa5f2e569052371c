"""The build: documents + ontology + reference data → a validated store, swapped in whole.

    discover (corpus) → read (extract.registry) → resolve (resolve.Resolver) → triples (rdf)
        → new store directory → validate (pyshacl) → summary → swap in

Nothing is written where the user's store is until every step has succeeded, so an interrupted
or failed build leaves the previous store exactly as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from govgraph import paths, records
from govgraph.errors import GovgraphError
from govgraph.rdfio import read_graphs
from govgraph.store import GraphStore, building, to_ox
from govgraph.vocab import ONTOLOGY_GRAPH, REFERENCE_GRAPH

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a long stage runs."""


class BuildInvalidError(GovgraphError):
    """The built graph does not conform to the shapes; the previous store was kept."""

    exit_code = 1

    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class BuildSummary:
    """What a build produced, as ``govgraph build`` prints it."""

    store: str
    documents_by_collection: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    graphs: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    actors_by_group: dict[str, int] = field(default_factory=dict)
    conforms: bool | None = None
    violations: int = 0
    warnings: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def reference_files(reference_dir: Path | None = None) -> list[Path]:
    return sorted(Path(reference_dir or paths.REFERENCE_DIR).glob("*.ttl"))


def load_reference_graph(reference_dir: Path | None = None) -> Graph:
    """The curated reference data: states, processes, instruments, meetings, organisations, decisions."""
    return read_graphs(reference_files(reference_dir))


def read_corpus(corpus_dir: Path, progress: Progress | None = None) -> list[records.Document]:
    """Discover and read every document of the corpus, in a deterministic order."""
    from govgraph.corpus import discover
    from govgraph.extract.registry import read_document

    sources = discover(Path(corpus_dir))
    documents = []
    for index, source in enumerate(sources):
        documents.append(read_document(source))
        if progress:
            progress("reading documents", index + 1, len(sources))
    return documents


def dataset_quads(
    ontology: Graph, reference: Graph, documents: list[records.Document], resolver: Any
) -> Iterator[ox.Quad]:
    """Every quad of the build: ontology graph, reference graph, one graph per document."""
    from govgraph.rdf import document_triples

    yield from _graph_quads(ONTOLOGY_GRAPH, ontology)
    yield from _graph_quads(REFERENCE_GRAPH, reference)
    for document in documents:
        graph_iri, triples = document_triples(document, resolver)
        yield from _graph_quads(graph_iri, triples)


def _graph_quads(graph_iri: URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> Iterator[ox.Quad]:
    graph = ox.NamedNode(str(graph_iri))
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)


def build(
    corpus_dir: Path | None = None,
    store_dir: Path | None = None,
    *,
    validate: bool = True,
    progress: Progress | None = None,
    reference_dir: Path | None = None,
) -> BuildSummary:
    """Build the graph from ``corpus_dir`` into ``store_dir`` and return its summary.

    The new store is written beside the old one and swapped in only when reading, mapping,
    loading and (with ``validate``) SHACL validation have all succeeded; otherwise the previous
    store is left untouched and the error is raised (``BuildInvalidError`` for violations).
    """
    from govgraph.resolve import Resolver
    from govgraph.validate import load_ontology, validate_store

    started = time.perf_counter()
    corpus_dir = Path(corpus_dir or paths.CORPUS_DIR)
    store_dir = Path(store_dir or paths.default_store_dir())
    if not corpus_dir.is_dir():
        raise GovgraphError(f"no corpus directory at {corpus_dir}")

    ontology = load_ontology()  # the ontology with its concept schemes, parsed once per process
    reference = load_reference_graph(reference_dir)
    documents = read_corpus(corpus_dir, progress)
    resolver = Resolver.from_reference(reference)
    resolver.learn(documents)

    with building(store_dir) as store:
        if progress:
            progress("loading the store", 0, 1)
        store.ox.bulk_extend(dataset_quads(ontology, reference, documents, resolver))
        store.ox.flush()
        if progress:
            progress("loading the store", 1, 1)
        summary = summarise(store)
        summary.store = str(store_dir)
        if validate:
            if progress:
                progress("validating", 0, 1)
            report = validate_store(store)
            counts = report.counts_by_severity()
            summary.violations = counts.get("Violation", 0)
            summary.warnings = counts.get("Warning", 0)
            # like `govgraph validate --fail-on violation`: warnings are reported, not failures
            summary.conforms = summary.violations == 0
            if progress:
                progress("validating", 1, 1)
            if summary.violations:
                raise BuildInvalidError(
                    f"the built graph has {summary.violations} SHACL violation(s); the previous store "
                    "was kept. Run `govgraph validate` on the extracted files to see them.",
                    report,
                )
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def summarise(store: GraphStore) -> BuildSummary:
    """The figures of a store: documents per collection, triples, actors per group, counts."""
    summary = BuildSummary(store=str(store.path), triples=len(store), graphs=len(store.graph_names()))
    for row in _library_rows("summary-documents-by-collection", store=store):
        summary.documents_by_collection[str(row["collection"])] = int(row["count"])
    counts = _library_rows("summary-counts", store=store)
    summary.counts = {name: int(value) for name, value in counts[0].items()} if counts else {}
    for row in _library_rows("summary-actors-by-group", store=store):
        summary.actors_by_group[str(row["group"])] = int(row["count"])
    return summary


def stats(store_dir: Path | None = None) -> BuildSummary:
    """The summary of an existing store, without rebuilding it."""
    store_dir = Path(store_dir or paths.default_store_dir())
    store = GraphStore.open(store_dir, read_only=True)
    try:
        return summarise(store)
    finally:
        store.close()


def _library_rows(name: str, *, store: GraphStore) -> list[dict[str, Any]]:
    """Rows of a library query as Python values (the summary figures come from queries/*.rq)."""
    sparql = (paths.QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    return [
        {key: (value.toPython() if value is not None else None) for key, value in row.items()}
        for row in store.select(sparql)
    ]
