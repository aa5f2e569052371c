"""The build: documents + ontology + reference data → a validated store, swapped in whole.

    discover (corpus) → read (extract.registry) → resolve (resolve.Resolver) → triples (rdf)
        → new store directory → validate (pyshacl) → summary → swap in

Reading and mapping run per document in worker processes for large corpora (``workers``).

Nothing is written where the user's store is until every step has succeeded, so an interrupted
or failed build leaves the previous store exactly as it was.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from govgraph import paths, records, workers
from govgraph.errors import GovgraphError
from govgraph.rdfio import read_graphs
from govgraph.store import GraphStore, building, graph_quads
from govgraph.vocab import ONTOLOGY_GRAPH, REFERENCE_GRAPH

LOAD_BATCH_BYTES = 32 * 1024 * 1024
"""N-Quads per bulk load (about 1.5·10^5 quads): Oxigraph's bulk loader holds a whole batch in memory, so
feeding it a bounded batch at a time keeps a build's peak memory flat in the corpus size."""

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


def static_quads(ontology: Graph, reference: Graph) -> Iterator[ox.Quad]:
    """The ontology graph and the reference graph, as quads."""
    yield from graph_quads(ONTOLOGY_GRAPH, ontology)
    yield from graph_quads(REFERENCE_GRAPH, reference)


def build(
    corpus_dir: Path | None = None,
    store_dir: Path | None = None,
    *,
    validate: bool = True,
    progress: Progress | None = None,
    reference_dir: Path | None = None,
    jobs: int | None = None,
) -> BuildSummary:
    """Build the graph from ``corpus_dir`` into ``store_dir`` and return its summary.

    The new store is written beside the old one and swapped in only when reading, mapping,
    loading and (with ``validate``) SHACL validation have all succeeded; otherwise the previous
    store is left untouched and the error is raised (``BuildInvalidError`` for violations).
    ``jobs`` worker processes read and map the documents (default: one per core for large
    corpora, none for small ones — ``workers.default_jobs``); the store is the same for any value.
    """
    from govgraph.corpus import list_documents
    from govgraph.resolve import Resolver
    from govgraph.validate import load_ontology, validate_store

    started = time.perf_counter()
    corpus_dir = Path(corpus_dir or paths.CORPUS_DIR)
    store_dir = Path(store_dir or paths.default_store_dir())
    if not corpus_dir.is_dir():
        raise GovgraphError(f"no corpus directory at {corpus_dir}")

    ontology = load_ontology()  # the ontology with its concept schemes, parsed once per process
    reference = load_reference_graph(reference_dir)
    sources = list_documents(corpus_dir)
    jobs = workers.default_jobs(len(sources)) if jobs is None else max(1, jobs)
    resolver = Resolver.from_reference(reference)
    batches = list(workers.chunks(sources))

    with building(store_dir) as store, tempfile.TemporaryFile(dir=store.path.parent) as spill_file:
        spill = workers.Spill(spill_file)
        done = 0
        for names, pickled in workers.ordered_map(workers.read_chunk, batches, jobs=jobs):
            for document_id, document_names in names:
                resolver.learn_names(document_id, document_names)
            spill.write(pickled)
            done += len(names)
            if progress:
                progress("reading documents", done, len(sources))

        store.ox.bulk_extend(static_quads(ontology, reference))
        mapped = workers.ordered_map(
            workers.map_chunk, spill, jobs=jobs, initializer=workers.use_resolver, initargs=(resolver,)
        )
        for part in workers.batched_bytes(_counted(mapped, len(spill), progress), LOAD_BATCH_BYTES):
            store.ox.bulk_load(part, format=ox.RdfFormat.N_QUADS)
        store.ox.flush()
        summary = summarise(store)
        summary.store = str(store_dir)
        if validate:
            if progress:
                progress("validating", 0, 1)
            report = validate_store(store, jobs=jobs, progress=progress)
            if progress and report.stats.get("mode") != "partitioned":
                progress("validating", 1, 1)
            counts = report.counts_by_severity()
            summary.violations = counts.get("Violation", 0)
            summary.warnings = counts.get("Warning", 0)
            # like `govgraph validate --fail-on violation`: warnings are reported, not failures
            summary.conforms = summary.violations == 0
            if summary.violations:
                raise BuildInvalidError(
                    f"the built graph has {summary.violations} SHACL violation(s); the previous store "
                    "was kept. Run `govgraph validate` on the extracted files to see them.",
                    report,
                )
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def _counted(parts: Iterable[bytes], total: int, progress: Progress | None) -> Iterator[bytes]:
    """``parts`` unchanged, reporting each one to ``progress`` as a mapped and loaded chunk."""
    for done, part in enumerate(parts, start=1):
        yield part
        if progress:
            progress("mapping and loading", done, total)


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
