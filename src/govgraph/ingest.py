"""Reading a maintainer's files and adding them to the store: checked, validated in context, atomic.

``read_inputs`` turns files into triples or stops with a one-line ``BadInputError`` (exit 2) that
names the file, line and column:

- a missing file, a directory, an empty file or one with no triples;
- binary content (a NUL byte) or text that is not UTF-8;
- syntax errors, including the wrong syntax for the extension, undefined prefixes and IRIs with
  spaces: every RDF file is first parsed by pyoxigraph, whose errors carry line and column;
- literals longer than ``MAX_LITERAL_CHARS`` (100,000 characters: an evidence quote is a line, an
  abstract a few thousand characters);
- ill-typed literals such as ``"2019-02-30"^^xsd:date`` or ``"ninety"^^xsd:integer``. pyoxigraph
  accepts them; rdflib flags them (``Literal.ill_typed``) and would log a traceback, which is
  silenced here and replaced by the literal and its position.

The triples pyshacl sees are parsed by rdflib itself (DESIGN.md: literals made by other parsers can
make ``sh:in`` miss). Files whose extension is not an RDF one are documents of the corpus genres,
extracted through ``govgraph.extract.registry.read_document`` and ``govgraph.rdf.document_dataset``.

``ingest`` validates the files in the context of the store (``govgraph.validate``) and, only if
nothing reaches ``fail_on``, writes every file's graph in ONE SPARQL update
(``GraphStore.replace_graphs``): either everything lands or nothing does, and a process killed at
any moment leaves the store as it was. Each RDF file goes into its own named graph,
``https://w3id.org/govgraph/id/document/ingest/{slug-of-file-name}`` (the graphs of a TriG or
N-Quads file are merged into it), with its provenance: the document node (the graph IRI) is
``prov:wasAttributedTo`` the user and has a ``prov:generatedAtTime``; its ``gg:SourceFile`` has
``gg:filePath`` and the ``gg:sha256`` of the bytes. A file whose graph already holds the same hash
is left alone (re-ingesting is idempotent); a changed file replaces its graph.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from govgraph import paths
from govgraph.errors import BadInputError
from govgraph.rdfio import RDF_FORMATS, quiet_rdflib
from govgraph.store import GraphStore
from govgraph.validate import (
    SourceIndex,
    SourceMap,
    ValidationReport,
    compact,
    load_ontology,
    load_shapes,
    validate_in_context,
)
from govgraph.vocab import DCTERMS, GG, ID, ONTOLOGY_GRAPH, PROV, REFERENCE_GRAPH, slugify

MAX_LITERAL_CHARS = 100_000

_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def ingest_graph_iri(path: Path) -> str:
    """The named graph of an ingested RDF file: ``…/id/document/ingest/{slug-of-file-name}``."""
    slug = slugify(Path(path).name)
    if not slug:
        raise BadInputError(f"{path}: the file name gives no graph name (it has no letters or digits)")
    return f"{ID}document/ingest/{slug}"


@dataclass
class InputFile:
    """One file read and checked: its triples by named graph, its hash and where each triple was written."""

    path: Path
    display: str
    sha256: str
    graphs: dict[str, Graph]
    index: SourceIndex | None = None
    is_document: bool = False

    @property
    def graph(self) -> Graph:
        if len(self.graphs) == 1:
            return next(iter(self.graphs.values()))
        union = Graph()
        for graph in self.graphs.values():
            for triple in graph:
                union.add(triple)
        return union


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _fail(display: str, message: str, line: int | None = None, column: int | None = None) -> BadInputError:
    where = f"{display}:{line}:{column}" if line is not None else display
    return BadInputError(f"{where}: {message}")




def read_inputs(files: Iterable[Path | str]) -> list[InputFile]:
    """Read and check every file; the first bad one stops everything with a located ``BadInputError``."""
    inputs = [read_input(Path(f)) for f in files]
    seen: dict[str, str] = {}
    for item in inputs:
        for graph in item.graphs:
            if graph in seen:
                raise BadInputError(
                    f"{item.display}: goes into the same graph as {seen[graph]} (<{graph}>); rename one of them"
                )
            seen[graph] = item.display
    return inputs


def read_input(path: Path) -> InputFile:
    """Read one file (RDF by its extension, else a corpus document) and check it."""
    display = str(path)
    if not path.exists():
        raise _fail(display, "no such file")
    if path.is_dir():
        raise _fail(display, "is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _fail(display, f"cannot read: {error.strerror}") from None
    if not data.strip():
        raise _fail(display, "empty file", 1, 1)
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix not in RDF_FORMATS:
        return _read_document(path, display, digest)
    nul = data.find(b"\x00")
    if nul >= 0:
        head = data[:nul].decode("utf-8", "replace")
        raise _fail(display, "binary content (a NUL byte): not an RDF text file", *_position(head, len(head)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        head = data[: error.start].decode("utf-8", "replace")
        raise _fail(
            display,
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); RDF files must be UTF-8",
            *_position(head, len(head)),
        ) from None
    rdflib_format, ox_format = RDF_FORMATS[suffix]
    base = path.resolve().as_uri()
    _syntax_check(display, data, text, suffix, ox_format, base)
    try:
        with quiet_rdflib():
            if ox_format.supports_datasets:  # TriG, N-Quads: every graph of the file, merged
                dataset = Dataset()
                dataset.parse(data=text, format=rdflib_format, publicID=base)
                graph = Graph()
                for s, p, o, _g in dataset.quads((None, None, None, None)):
                    graph.add((s, p, o))
            else:
                graph = Graph().parse(data=text, format=rdflib_format, publicID=base)
    except Exception as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise _fail(display, f"cannot parse as {rdflib_format}: {first}") from None
    if ox_format == ox.RdfFormat.JSON_LD:
        _check_jsonld_iris(display, text)
    if not len(graph):
        raise _fail(display, "no triples (only comments, prefixes or whitespace)", 1, 1)
    index = SourceIndex.build(text, display, base) if ox_format != ox.RdfFormat.JSON_LD else None
    _check_terms(display, graph, index)
    return InputFile(path=path, display=display, sha256=digest, graphs={ingest_graph_iri(path): graph}, index=index)


def _syntax_check(display: str, data: bytes, text: str, suffix: str, ox_format: ox.RdfFormat, base: str) -> None:
    try:
        for _quad in ox.parse(data, format=ox_format, base_iri=base):
            pass
    except SyntaxError as error:
        message = str(error.args[0]) if error.args else str(error)
        message = re.sub(r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): ", "", message)
        line = column = None
        if len(error.args) > 1 and isinstance(error.args[1], tuple) and len(error.args[1]) >= 3:
            line, column = error.args[1][1], error.args[1][2]
        looks_json = text.lstrip().startswith(("{", "["))
        if ox_format == ox.RdfFormat.JSON_LD and not looks_json:
            message += f" (the file does not look like JSON-LD: is {suffix} the right extension?)"
        elif ox_format != ox.RdfFormat.JSON_LD and looks_json:
            message += f" (the file looks like JSON-LD: is {suffix} the right extension?)"
        raise _fail(display, message, line, column) from None


def _check_jsonld_iris(display: str, text: str) -> None:
    """JSON-LD parsers drop IRIs with spaces silently: find them in the JSON instead."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise _fail(display, f"not JSON: {error}") from None

    def walk(node: Any, key: str | None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if ":" in k and _BAD_IRI.search(k):
                    raise located(k)
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and key in ("@id", "@type", "@vocab", "@base") and _BAD_IRI.search(node):
            raise located(node)

    def located(value: str) -> BadInputError:
        offset = text.find(json.dumps(value, ensure_ascii=False))
        position = _position(text, offset) if offset >= 0 else (None, None)
        return _fail(display, f"IRI {value!r} contains a space or a character IRIs may not hold", *position)

    walk(document, None)


def _check_terms(display: str, graph: Graph, index: SourceIndex | None) -> None:
    """Huge literals, ill-typed literals and IRIs that are not IRIs, each reported with its position."""
    sources = SourceMap([index] if index else [], graph, [display])
    problems: list[tuple[tuple[int, int], str]] = []

    def add(s: Any, p: Any, o: Any, message: str) -> None:
        location = sources.locate(s, p, o)
        line = location.line if location and location.line is not None else 0
        column = location.column if location and location.column is not None else 0
        problems.append(((line, column), message))

    for s, p, o in graph:
        for term in (s, p, o):
            if isinstance(term, URIRef) and _BAD_IRI.search(str(term)):
                add(s, p, o, f"IRI <{term}> contains a space or a character IRIs may not hold")
        if isinstance(o, Literal):
            if len(o) > MAX_LITERAL_CHARS:
                add(s, p, o, f"a literal of {len(o):,} characters exceeds the limit of {MAX_LITERAL_CHARS:,}")
            elif o.ill_typed:
                add(s, p, o, f"ill-typed literal {compact(o)} — {str(o)!r} is not a valid {compact(o.datatype)}")
    if not problems:
        return
    problems.sort()
    (line, column), message = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise _fail(display, message + more, line or None, column or None)


def _read_document(path: Path, display: str, digest: str) -> InputFile:
    """A document of a corpus genre: extracted (``govgraph.extract``) into its own document graph."""
    try:
        from govgraph.extract.output import read_path
        from govgraph.pipeline import load_reference_graph
        from govgraph.rdf import document_dataset
        from govgraph.resolve import Resolver
    except ImportError:
        raise _fail(
            display,
            f"unknown file type {path.suffix or '(no extension)'!r}: expected "
            f"{', '.join(sorted(RDF_FORMATS))} or a document of a corpus genre",
        ) from None
    document = read_path(path)
    dataset = document_dataset(document, Resolver.from_reference(load_reference_graph()))
    graphs: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = str(g.identifier if isinstance(g, Graph) else g) if g is not None else ingest_graph_iri(path)
        graphs.setdefault(name, Graph()).add((s, p, o))
    if not graphs:
        raise _fail(display, "the document gave no triples")
    for graph in graphs.values():
        _check_terms(display, graph, None)
    return InputFile(path=path, display=display, sha256=digest, graphs=graphs, is_document=True)


# =============================================================================================
# Provenance and the context store
# =============================================================================================


def provenance(item: InputFile, graph_iri: str, *, user: str, when: dt.datetime) -> list[tuple[Any, Any, Any]]:
    """Who ingested the file, when, and from which bytes."""
    document = URIRef(graph_iri)
    agent = URIRef(f"{ID}agent/{slugify(user) or 'unknown'}")
    triples: list[tuple[Any, Any, Any]] = [
        (document, PROV.wasAttributedTo, agent),
        (document, PROV.generatedAtTime, Literal(when.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)),
        (agent, RDF.type, PROV.Agent),
        (agent, RDFS.label, Literal(user)),
    ]
    if item.is_document:
        return triples
    source = URIRef(f"{ID}file/ingest/{slugify(item.path.name)}")
    triples += [
        (document, RDF.type, GG.Document),
        (document, GG.genre, URIRef(f"{ID}genre/ingested-rdf")),
        (document, DCTERMS.title, Literal(item.path.name)),
        (document, GG.collection, Literal("ingest")),
        (document, GG.sourceFile, source),
        (source, RDF.type, GG.SourceFile),
        (source, GG.filePath, Literal(item.path.as_posix())),
        (source, GG.sha256, Literal(item.sha256)),
        (source, GG.encoding, Literal("utf-8")),
    ]
    return triples


def stored_hashes(store: GraphStore, graph_iri: str) -> set[str]:
    """The source hashes a named graph of the store records."""
    rows = store.ox.query(
        f"SELECT ?h WHERE {{ GRAPH <{graph_iri}> {{ ?f <{GG.sha256}> ?h }} }}", use_default_graph_as_union=False
    )
    return {row["h"].value for row in rows}


def reference_context() -> GraphStore:
    """An in-memory store of the bundled ontology, schemes and reference data: the context for
    validating files when no store has been built."""
    memory = ox.Store()
    files = [(paths.ONTOLOGY_FILE, ONTOLOGY_GRAPH)]
    files += [(p, ONTOLOGY_GRAPH) for p in sorted(paths.SCHEMES_DIR.glob("*.ttl"))]
    files += [(p, REFERENCE_GRAPH) for p in sorted(paths.REFERENCE_DIR.glob("*.ttl"))]
    for file, graph in files:
        try:
            memory.load(path=str(file), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(graph)))
        except SyntaxError as error:
            raise BadInputError(f"{file}: {error.args[0] if error.args else error}") from None
    return GraphStore(Path("(bundled reference data)"), memory, read_only=True)


# =============================================================================================
# Ingest
# =============================================================================================


@dataclass
class IngestOutcome:
    """What an ingest did: the validation report, the graphs written and those left unchanged."""

    report: ValidationReport | None
    written: dict[str, int] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    ingested: bool = False


def ingest(
    files: Sequence[Path | str],
    store: GraphStore,
    *,
    fail_on: str = "violation",
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    user: str | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestOutcome:
    """Validate ``files`` in the context of ``store`` and add them in one transaction.

    Nothing is written when any file is bad input (``BadInputError``) or when the validation has a
    result at or above ``fail_on``; unchanged files (same hash in their graph) are skipped.
    """
    say = progress or (lambda _message: None)
    say(f"reading {len(files)} file(s)")
    inputs = read_inputs(files)
    user = user or getpass.getuser()
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    outcome = IngestOutcome(report=None)
    to_write: dict[str, Graph] = {}
    changed: list[InputFile] = []
    for item in inputs:
        hashes_now = {item.sha256}
        for graph_iri, graph in item.graphs.items():
            if stored_hashes(store, graph_iri) >= hashes_now:
                outcome.unchanged.append(graph_iri)
                continue
            anchor = graph_iri if not item.is_document else _document_node(graph, graph_iri)
            for triple in provenance(item, anchor, user=user, when=when):
                graph.add(triple)  # the file's own graph object: no copy of a large file
            to_write[graph_iri] = graph
        if any(g in to_write for g in item.graphs):
            changed.append(item)
    if not to_write:
        say("nothing changed")
        return outcome
    if len(to_write) == 1:
        delta = next(iter(to_write.values()))
    else:
        delta = Graph()
        for graph in to_write.values():
            for triple in graph:
                delta.add(triple)
    say(f"validating {len(delta)} triples in context")
    sources = SourceMap([i.index for i in changed if i.index], delta, [i.display for i in changed])
    report = validate_in_context(
        delta,
        store,
        shapes=shapes if shapes is not None else load_shapes(),
        ontology=ontology if ontology is not None else load_ontology(),
        sources=sources,
        replacing=sorted(to_write),
    )
    outcome.report = report
    if report.fails(fail_on):
        say("not ingested: the validation found results at or above --fail-on")
        return outcome
    say(f"writing {len(delta)} triples into {len(to_write)} graph(s)")
    store.replace_graphs({name: list(graph) for name, graph in to_write.items()})
    outcome.written = {name: len(graph) for name, graph in to_write.items()}
    outcome.ingested = True
    say("done")
    return outcome


def _document_node(graph: Graph, graph_iri: str) -> str:
    node = URIRef(graph_iri)
    if (node, RDF.type, GG.Document) in graph:
        return graph_iri
    for document in graph.subjects(RDF.type, GG.Document):
        if not isinstance(document, BNode):
            return str(document)
    return graph_iri
