"""SHACL validation of govgraph data: full runs, in-context delta runs, global checks and reports.

pyshacl is the authority on what conforms (DESIGN.md). This module decides *what* pyshacl sees and
turns its answer into a report a person can act on.

Full validation (``validate_graphs``)
    The data (a Graph or every graph of a Dataset, as one union graph) plus the ontology and concept
    schemes, validated against ``ontology/shapes.ttl`` with inference ``none`` and SHACL-AF
    (``advanced``) on; then the global checks.

In-context validation (``validate_in_context``)
    A maintainer's new triples (the *delta*) are validated together with the store's neighbourhood
    of the nodes they touch, never with the whole store. The neighbourhood is fetched with a few
    indexed SPARQL queries whose cost grows with the delta:

    1. the store's subjects that point at a delta subject (``SELECT ... VALUES ?o``, OSP index);
    2. every triple whose subject is a focus node: delta subjects, IRIs the delta points to and the
       subjects found in 1 (``CONSTRUCT ... VALUES ?s``, SPO index);
    3. every triple of the nodes those triples point to (types, labels, concept triples: what
       ``sh:class``, ``sh:in`` and ``sh:node`` look at on a value);
    4. when the shapes use inverse paths or ``sh:targetObjectsOf``, the incoming triples of the
       focus nodes with exactly those predicates.

    pyshacl then runs with ``focus_nodes`` set to the delta subjects, the IRIs they point to and the
    nodes pointing at them. For shapes whose constraints look at a focus node's own values and the
    values' own triples (every shape govgraph has), the result equals a full validation of store +
    delta restricted to those focus nodes; ``tests/test_validate_context.py`` checks exactly that.
    Graphs being replaced (a re-ingested file) are left out of the context.

Global checks (``ontology/checks/*.rq``)
    Rules that compare nodes with each other run as one ``GROUP BY … HAVING`` query each, over the
    store's union graph (full) or, in context, over the delta plus the store's nodes that share the
    check's *anchor* value with a delta node (the ``# Anchor:`` predicate of the check's header, e.g.
    the participant of a participation). Fetched quads keep their named graphs, because some checks
    group by source document (``GRAPH ?source``); the delta sits in the graph it will be ingested
    into. In context only rows that involve a delta subject are kept.

Where a result was written (``SourceIndex``)
    rdflib keeps no positions. After a file has parsed cleanly, ``SourceIndex.build`` re-scans its
    text with a small tokenizer for Turtle/TriG/N-Triples/N-Quads (IRIs, prefixed names, strings,
    numbers, blank-node labels and ``[ ]``/``( )`` nesting) and walks the statements with the
    file's own prefixes and base, recording for every subject the line and column where it opens a
    statement, for every (subject, predicate) the position of the predicate, and for every
    (subject, predicate, object) the position of the object. A result is located at its value's
    position, else its path's, else its focus node's. Nodes written as ``[ … ]`` or ``_:label``
    are matched through the triple that points at them and the predicates written inside them.
    JSON-LD files are located by file only.

Reports group results by source shape and message; every result carries the focus node's label
(never a blank-node id), the path, the value, what was expected, the ``sh:message``, and the file,
line and column (or, for a full run over the store, the named graph). Formats: text (colour in a
terminal), JSON, and the standard SHACL report in Turtle.
"""

from __future__ import annotations

import bisect
import functools
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from govgraph import paths
from govgraph.errors import BadInputError
from govgraph.vocab import DCTERMS, FOAF, GG, ID, PREFIXES, SCHEMA, SH, SKOS

if TYPE_CHECKING:
    from govgraph.store import GraphStore

log = logging.getLogger(__name__)

SEVERITIES = ("Violation", "Warning", "Info")
FAIL_ON = {"violation": 0, "warning": 1, "info": 2}
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
GLOBAL_CHECK_COMPONENT = GG.GlobalCheck
_BATCH = 2000  # IRIs per VALUES block

PARTITIONED_FROM = 200_000
"""Stores larger than this are validated by partitions: a full run holds the whole store in rdflib
for pyshacl (843 MB at 1.97·10^5 triples in benchmarks/RESULTS.md; 194 MB by partitions at 10^6)."""


# =============================================================================================
# Loading the shapes, the ontology and the checks
# =============================================================================================


def _parse_turtle_files(files: Iterable[Path]) -> Graph:
    from govgraph.rdfio import read_graphs  # file:line:column on a syntax error

    return read_graphs(list(files))


@functools.lru_cache(maxsize=8)
def _load_shapes_cached(path: Path) -> Graph:
    if not path.is_file():
        raise BadInputError(f"{path}: no shapes file")
    return _parse_turtle_files([path])


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph (``ontology/shapes.ttl`` unless ``path``), parsed once per process.

    The graph is shared: do not modify it.
    """
    return _load_shapes_cached(Path(path or paths.SHAPES_FILE).resolve())


@functools.lru_cache(maxsize=4)
def _load_ontology_cached(ontology_file: Path, schemes_dir: Path) -> Graph:
    files = [ontology_file, *sorted(schemes_dir.glob("*.ttl"))] if schemes_dir.is_dir() else [ontology_file]
    return _parse_turtle_files(files)


def load_ontology(ontology_file: Path | None = None, schemes_dir: Path | None = None) -> Graph:
    """``ontology/govgraph.ttl`` plus every ``ontology/schemes/*.ttl``, parsed once per process.

    The graph is shared: do not modify it.
    """
    return _load_ontology_cached(
        Path(ontology_file or paths.ONTOLOGY_FILE).resolve(), Path(schemes_dir or paths.SCHEMES_DIR).resolve()
    )


@dataclass(frozen=True)
class GlobalCheck:
    """One ``ontology/checks/*.rq`` file: a SELECT with GROUP BY … HAVING and a header saying
    what it finds (``# Finds:``), the message (``# Message:``, ``{variable}`` placeholders are
    filled with the labels of the row's values), ``# Severity:``, ``# Expected:``, ``# Path:``
    (the property the result is reported on) and ``# Anchor:`` (the predicate whose shared value
    brings the store's nodes into an in-context run; ``subject`` when the focus node's own triples
    suffice). Each row gives ``?nodes``: the offending nodes, space-separated."""

    name: str
    query: str
    finds: str
    message: str
    severity: str
    expected: str
    path: URIRef | None
    anchors: tuple[URIRef, ...]

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ID}check/{self.name}")


def _expand(curie: str) -> URIRef:
    curie = curie.strip()
    if curie.startswith("<") and curie.endswith(">"):
        return URIRef(curie[1:-1])
    prefix, _, local = curie.partition(":")
    if prefix not in PREFIXES:
        raise BadInputError(f"unknown prefix in {curie!r} (known: {', '.join(PREFIXES)})")
    return URIRef(str(PREFIXES[prefix]) + local)


def parse_check(path: Path) -> GlobalCheck:
    """Read one global check and its header."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line[1:].strip()
        match = re.match(r"([A-Za-z]+):\s*(.*)", body)
        if match and match.group(1).lower() in {"finds", "message", "severity", "expected", "path", "anchor"}:
            key = match.group(1).lower()
            header[key] = match.group(2).strip()
        elif key and body:
            header[key] += " " + body
    missing = {"finds", "message", "severity"} - header.keys()
    if missing:
        raise BadInputError(f"{path}: the header lacks {', '.join(sorted(missing))}")
    severity = header["severity"].capitalize()
    if severity not in SEVERITIES:
        raise BadInputError(f"{path}: severity {header['severity']!r} is not one of {', '.join(SEVERITIES)}")
    anchors = tuple(_expand(a) for a in re.split(r"[\s,]+", header.get("anchor", "")) if a and a.lower() != "subject")
    return GlobalCheck(
        name=path.stem,
        query=text,
        finds=header["finds"],
        message=header["message"],
        severity=severity,
        expected=header.get("expected", header["finds"]),
        path=_expand(header["path"]) if header.get("path") else None,
        anchors=anchors,
    )


def load_checks(directory: Path | None = None) -> list[GlobalCheck]:
    """Every global check of ``ontology/checks/`` (sorted by name)."""
    directory = Path(directory or paths.CHECKS_DIR)
    if not directory.is_dir():
        return []
    return [parse_check(p) for p in sorted(directory.glob("*.rq"))]


def check_shapes_graph(shapes: Graph | None = None) -> tuple[bool, str]:
    """Validate the shapes graph itself against SHACL-SHACL (pyshacl's ``meta_shacl``)."""
    from pyshacl.entrypoints import meta_validate

    conforms, _graph, text = meta_validate(shapes if shapes is not None else load_shapes(), inference="none")
    return bool(conforms), str(text)


# =============================================================================================
# Where a triple was written
# =============================================================================================

_PN_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_U = _PN_BASE + "_"
_PN = _PN_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_BASE}](?:[{_PN}.]*[{_PN}])?"
_PN_LOCAL = f"(?:[{_PN_U}:0-9]|{_PLX})(?:(?:[{_PN}.:]|{_PLX})*(?:[{_PN}:]|{_PLX}))?"
_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<ws>\s+)",
            r"(?P<comment>#[^\r\n]*)",
            r"(?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)",
            r'(?P<lstring>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\')',
            r'(?P<string>"(?:[^"\\\r\n]|\\.)*"|\'(?:[^\'\\\r\n]|\\.)*\')',
            r"(?P<dtype>\^\^)",
            r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
            f"(?P<bnode>_:[{_PN_U}0-9](?:[{_PN}.]*[{_PN}])?)",
            f"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
            r"(?P<number>[+-]?(?:\d+\.\d*[eE][+-]?\d+|\.\d+[eE][+-]?\d+|\d+[eE][+-]?\d+|\d*\.\d+|\d+))",
            r"(?P<word>[A-Za-z][A-Za-z0-9_]*)",
            r"(?P<punct>[.;,\[\](){}])",
            r"(?P<other>.)",
        ]
    ),
    re.DOTALL,
)
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_TERM_KINDS = {"iri", "pname", "bnode", "string", "lstring", "number"}


def _unescape_string(body: str) -> str:
    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        if text[1] in "uU":
            return chr(int(text[2:], 16))
        return _ESCAPES.get(text[1], text[1:])

    return re.sub(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", replace, body)


@dataclass
class SourceIndex:
    """Positions (1-based line, column) of what one RDF file wrote, keyed by term keys.

    A key is the IRI itself, ``_:label`` for a labelled blank node, ``[offset`` / ``(offset`` for
    an anonymous node or list written at that character offset, and ``"lexical`` for a literal.
    """

    file: str
    subjects: dict[str, tuple[int, int]] = field(default_factory=dict)
    predicates: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    objects: dict[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)
    children: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    written_predicates: dict[str, set[str]] = field(default_factory=dict)
    first_as_object: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, file: str, base: str | None = None) -> SourceIndex:
        """Scan ``text`` (which has already parsed cleanly) and record where each statement was written."""
        index = cls(file)
        _Scanner(text, index, base).run()
        return index


class _Stop(Exception):
    pass


class _Scanner:
    def __init__(self, text: str, index: SourceIndex, base: str | None) -> None:
        self.text = text
        self.index = index
        self.base = base
        self.prefixes: dict[str, str] = {}
        self.tokens = [
            (m.lastgroup or "other", m.group(0), m.start())
            for m in _TOKEN.finditer(text)
            if m.lastgroup not in ("ws", "comment")
        ]
        self.i = 0
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    # -- helpers ------------------------------------------------------------------------------

    def pos(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def peek(self, ahead: int = 0) -> tuple[str, str, int]:
        j = self.i + ahead
        if j >= len(self.tokens):
            raise _Stop
        return self.tokens[j]

    def at(self, kind: str, text: str | None = None, ahead: int = 0) -> bool:
        j = self.i + ahead
        if j >= len(self.tokens):
            return False
        tok_kind, tok_text, _ = self.tokens[j]
        return tok_kind == kind and (text is None or tok_text == text)

    def iri(self, kind: str, text: str) -> str:
        if kind == "iri":
            value = _unescape_string(text[1:-1])
            if self.base and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
                value = urljoin(self.base, value)
            return value
        if kind == "pname":
            prefix, _, local = text.partition(":")
            return self.prefixes.get(prefix, prefix + ":") + re.sub(r"\\(.)", r"\1", local)
        if kind == "word" and text == "a":
            return str(RDF.type)
        return text

    # -- grammar ------------------------------------------------------------------------------

    def run(self) -> None:
        while self.i < len(self.tokens):
            start = self.i
            try:
                self.statement()
            except _Stop:
                return
            if self.i == start:  # never loop on a token the scanner does not understand
                self.i += 1

    def statement(self) -> None:
        kind, text, _ = self.peek()
        lowered = text.lower()
        if (kind == "lang" and lowered in ("@prefix", "@base")) or (kind == "word" and lowered in ("prefix", "base")):
            self.i += 1
            if lowered.endswith("prefix"):
                _kind, ptext, _ = self.peek()
                self.i += 1
                ikind, itext, _ = self.peek()
                self.i += 1
                self.prefixes[ptext[:-1]] = self.iri(ikind, itext)
            else:
                ikind, itext, _ = self.peek()
                self.i += 1
                self.base = self.iri(ikind, itext)
            if self.at("punct", "."):
                self.i += 1
            return
        if kind == "word" and lowered == "graph":
            self.i += 2
            if self.at("punct", "{"):
                self.i += 1
            return
        if kind == "punct" and text in "{}.":
            self.i += 1
            return
        if kind in ("iri", "pname", "bnode") and self.at("punct", "{", 1):
            self.i += 2
            return
        subject = self.subject()
        if subject is None:
            return
        self.predicate_object_list(subject)
        if self.at("punct", "."):
            self.i += 1

    def subject(self) -> str | None:
        kind, text, offset = self.peek()
        if kind == "punct" and text == "[":
            key = f"[{offset}"
            self.index.subjects.setdefault(key, self.pos(offset))
            self.i += 1
            self.predicate_object_list(key)
            if self.at("punct", "]"):
                self.i += 1
            return key
        if kind == "punct" and text == "(":
            return self.collection(offset)
        if kind in ("iri", "pname", "bnode"):
            key = text if kind == "bnode" else self.iri(kind, text)
            self.index.subjects.setdefault(key, self.pos(offset))
            self.i += 1
            return key
        self.i += 1
        return None

    def collection(self, offset: int) -> str:
        key = f"({offset}"
        self.i += 1
        while not self.at("punct", ")"):
            self.object(key, str(RDF.first))
        self.i += 1
        return key

    def predicate_object_list(self, subject: str) -> None:
        while True:
            kind, text, offset = self.peek()
            if kind not in ("iri", "pname") and not (kind == "word" and text == "a"):
                return
            predicate = self.iri(kind, text)
            self.index.predicates.setdefault((subject, predicate), self.pos(offset))
            self.index.written_predicates.setdefault(subject, set()).add(predicate)
            self.i += 1
            self.object(subject, predicate)
            while self.at("punct", ","):
                self.i += 1
                self.object(subject, predicate)
            if self.at("punct", ";"):
                while self.at("punct", ";"):
                    self.i += 1
                continue
            next_kind = self.peek()[0]
            if next_kind in ("iri", "bnode"):  # the graph label of an N-Quads line
                self.i += 1
            return

    def object(self, subject: str, predicate: str) -> None:
        kind, text, offset = self.peek()
        position = self.pos(offset)
        if kind == "punct" and text == "[":
            key = f"[{offset}"
            self._record_object(subject, predicate, key, position, child=True)
            self.i += 1
            self.predicate_object_list(key)
            if self.at("punct", "]"):
                self.i += 1
            return
        if kind == "punct" and text == "(":
            key = f"({offset}"
            self._record_object(subject, predicate, key, position, child=True)
            self.collection(offset)
            return
        self.i += 1
        if kind in ("string", "lstring"):
            quote = 3 if kind == "lstring" else 1
            key = '"' + _unescape_string(text[quote:-quote])
            if self.at("lang"):
                self.i += 1
            elif self.at("dtype"):
                self.i += 2
        elif kind == "number" or (kind == "word" and text in ("true", "false")):
            key = '"' + text
        elif kind == "bnode":
            key = text
            self._record_object(subject, predicate, key, position, child=True)
            return
        elif kind in ("iri", "pname"):
            key = self.iri(kind, text)
        else:
            return
        self._record_object(subject, predicate, key, position)

    def _record_object(
        self, subject: str, predicate: str, key: str, position: tuple[int, int], *, child: bool = False
    ) -> None:
        self.index.objects.setdefault((subject, predicate, key), position)
        self.index.first_as_object.setdefault(key, position)
        if child:
            self.index.children.setdefault((subject, predicate), []).append(key)


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


class SourceMap:
    """The positions of every input file, and the graph they parsed into (to resolve blank nodes)."""

    def __init__(self, indexes: Sequence[SourceIndex], graph: Graph, files: Sequence[str] = ()) -> None:
        self.indexes = list(indexes)
        self.graph = graph
        self.files = list(files) or [index.file for index in self.indexes]

    def _key(self, node: Node, index: SourceIndex, depth: int = 0) -> str | None:
        if isinstance(node, URIRef):
            return str(node)
        if isinstance(node, Literal):
            return '"' + str(node)
        if not isinstance(node, BNode) or depth > 6:
            return None
        node_predicates = {str(p) for p in self.graph.predicates(node, None)}
        for parent, predicate in self.graph.subject_predicates(node):
            parent_key = self._key(parent, index, depth + 1)
            if parent_key is None:
                continue
            candidates = index.children.get((parent_key, str(predicate)), [])
            for candidate in candidates:
                if node_predicates <= index.written_predicates.get(candidate, set()):
                    return candidate
            if candidates:
                return candidates[0]
        return None

    def locate(self, focus: Node, path: Node | None, value: Node | None) -> Location | None:
        """The most precise place any input file wrote (focus, path, value), else where focus was written."""
        keyed = [(index, self._key(focus, index)) for index in self.indexes]
        if isinstance(path, URIRef) and value is not None:
            for index, key in keyed:
                value_key = self._key(value, index)
                position = index.objects.get((key, str(path), value_key)) if key and value_key else None
                if position:
                    return Location(index.file, *position)
        if isinstance(path, URIRef):
            for index, key in keyed:
                position = index.predicates.get((key, str(path))) if key else None
                if position:
                    return Location(index.file, *position)
        for index, key in keyed:
            position = index.subjects.get(key) if key else None
            if position:
                return Location(index.file, *position)
        # written only as an object somewhere (or in a file without positions)
        for index, key in keyed:
            position = index.first_as_object.get(key) if key else None
            if position:
                return Location(index.file, *position)
        return Location(self.files[0]) if len(self.files) == 1 else None


# =============================================================================================
# Results and reports
# =============================================================================================

_PREFIX_ORDER = sorted(
    [(str(ns), p) for p, ns in PREFIXES.items()] + [("https://w3id.org/govgraph/shapes#", "ggsh")],
    key=lambda item: -len(item[0]),
)


def compact(node: Node | str | None) -> str:
    """A short, readable name for a term: ``gg:Person``, ``id:person/anriette-esterhuysen``, a literal in N3."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        if node.datatype:
            return f'"{node}"^^{compact(node.datatype)}'
        if node.language:
            return f'"{node}"@{node.language}'
        return f'"{node}"'
    if isinstance(node, BNode):
        return f"_:{node}"
    text = str(node)
    if text.startswith(ID):
        return "id:" + text[len(ID) :]
    for namespace, prefix in _PREFIX_ORDER:
        if text.startswith(namespace) and re.fullmatch(r"[A-Za-z0-9_.\-]*", text[len(namespace) :]):
            return f"{prefix}:{text[len(namespace) :]}"
    return f"<{text}>"


_LABEL_PROPERTIES = (FOAF.name, SKOS.prefLabel, RDFS.label, SCHEMA.name, DCTERMS.title, GG.code, GG.symbol)


def label_of(node: Node, graph: Graph, depth: int = 0) -> str:
    """The label a person recognises a node by; never a blank-node id."""
    if isinstance(node, Literal):
        return str(node)
    for prop in _LABEL_PROPERTIES:
        values = sorted(graph.objects(node, prop), key=lambda v: (getattr(v, "language", None) not in (None, "en"), v))
        if values:
            return str(values[0])
    participant, event = graph.value(node, GG.participant), graph.value(node, GG.event)
    if participant is not None and event is not None and depth < 2:
        return f"{label_of(participant, graph, depth + 1)} at {label_of(event, graph, depth + 1)}"
    if event is not None and depth < 2:
        return f"a participation in {label_of(event, graph, depth + 1)}"
    quote = graph.value(node, GG.quote)
    if quote is not None:
        return f"“{quote}”"
    if isinstance(node, BNode):
        kind = graph.value(node, RDF.type)
        kind_text = compact(kind) if kind is not None else "node"
        if depth < 3:
            for parent, predicate in graph.subject_predicates(node):
                return f"{kind_text} (unnamed) under {label_of(parent, graph, depth + 1)} via {compact(predicate)}"
        return f"{kind_text} (unnamed)"
    return compact(node)


@dataclass(frozen=True)
class ValidationResult:
    """One finding: what is wrong, on which node and property, what was expected, and where."""

    severity: str
    focus_node: str
    focus_label: str
    path: str | None
    value: str | None
    constraint: str
    expected: str
    source_shape: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    graph: str | None = None

    @property
    def location(self) -> str:
        if self.file is None:
            return f"graph <{self.graph}>" if self.graph else ""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def key(self) -> tuple[str, ...]:
        """What the result says, without where it was written (for comparing runs)."""
        return (
            self.severity,
            self.focus_node,
            self.path or "",
            self.value or "",
            self.constraint,
            self.source_shape,
            self.message,
        )

    def sort_key(self) -> tuple[Any, ...]:
        return (
            SEVERITY_RANK.get(self.severity, 9),
            self.source_shape,
            self.message,
            self.file or "",
            self.line or 0,
            self.column or 0,
            self.focus_node,
            self.path or "",
            self.value or "",
        )


@dataclass
class ValidationReport:
    """The outcome of a validation: results (sorted), the SHACL report graph, and run figures."""

    results: list[ValidationResult]
    graph: Graph
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        return not self.results

    def counts_by_severity(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for result in self.results:
            counts[result.severity] = counts.get(result.severity, 0) + 1
        return counts

    def fails(self, fail_on: str = "violation") -> bool:
        """Whether any result is at or above ``fail_on`` (violation, warning or info)."""
        if fail_on not in FAIL_ON:
            raise BadInputError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
        limit = FAIL_ON[fail_on]
        return any(SEVERITY_RANK.get(r.severity, 0) <= limit for r in self.results)

    def groups(self) -> list[tuple[tuple[str, str, str], list[ValidationResult]]]:
        """Results grouped by (severity, source shape, message), in report order."""
        grouped: dict[tuple[str, str, str], list[ValidationResult]] = {}
        for result in self.results:
            grouped.setdefault((result.severity, result.source_shape, result.message), []).append(result)
        return list(grouped.items())

    # -- formats ------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "counts": self.counts_by_severity(),
            "groups": [
                {"severity": severity, "shape": shape, "message": message, "count": len(results)}
                for (severity, shape, message), results in self.groups()
            ],
            "results": [asdict(r) for r in self.results],
        }

    def text(self) -> str:
        """The plain-text report (no markup)."""
        return self.to_text()

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_turtle(self) -> str:
        return self.graph.serialize(format="turtle")

    def to_text(self, *, markup: bool = False) -> str:
        """The report for a person. With ``markup`` the text carries rich markup (for a terminal)."""

        def m(style: str, text: str) -> str:
            if not markup:
                return text
            return f"[{style}]{_escape_markup(text)}[/]"

        def plain(text: str) -> str:
            return _escape_markup(text) if markup else text

        styles = {"Violation": "bold red", "Warning": "bold yellow", "Info": "bold cyan"}
        lines: list[str] = []
        for (severity, shape, message), results in self.groups():
            count = f" ({len(results)})" if len(results) > 1 else ""
            lines.append(f"{m(styles.get(severity, 'bold'), severity)} {m('bold', shape)}{plain(count)}")
            lines.append(f"  {plain(message)}")
            for r in results:
                where = r.location or "(no location)"
                lines.append(f"  {m('cyan', where)}  {m('bold', r.focus_label)}  {plain('(' + r.focus_node + ')')}")
                details = []
                if r.path:
                    details.append(f"path {r.path}")
                details.append(f"value {r.value}" if r.value else "no value")
                details.append(f"expected {r.expected}")
                lines.append(f"      {plain(' · '.join(details))}")
            lines.append("")
        counts = self.counts_by_severity()
        if self.conforms:
            lines.append(m("bold green", "Conforms: no violations, warnings or infos."))
        else:
            summary = ", ".join(f"{counts[s]} {s.lower()}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES)
            lines.append(m("bold", f"Does not conform: {summary}."))
        return "\n".join(lines) + "\n"


def _escape_markup(text: str) -> str:
    return text.replace("[", "\\[")


_COMPONENT_PARAMETERS = {
    "MinCountConstraintComponent": (SH.minCount, "at least {} value(s)"),
    "MaxCountConstraintComponent": (SH.maxCount, "at most {} value(s)"),
    "DatatypeConstraintComponent": (SH.datatype, "a literal of datatype {}"),
    "ClassConstraintComponent": (SH["class"], "an instance of {}"),
    "NodeKindConstraintComponent": (SH.nodeKind, "a node of kind {}"),
    "PatternConstraintComponent": (SH.pattern, "text matching /{}/"),
    "MinInclusiveConstraintComponent": (SH.minInclusive, "a value ≥ {}"),
    "MinExclusiveConstraintComponent": (SH.minExclusive, "a value > {}"),
    "MaxInclusiveConstraintComponent": (SH.maxInclusive, "a value ≤ {}"),
    "MaxExclusiveConstraintComponent": (SH.maxExclusive, "a value < {}"),
    "MinLengthConstraintComponent": (SH.minLength, "at least {} character(s)"),
    "MaxLengthConstraintComponent": (SH.maxLength, "at most {} character(s)"),
    "HasValueConstraintComponent": (SH.hasValue, "the value {}"),
    "NodeConstraintComponent": (SH.node, "a node conforming to {}"),
    "EqualsConstraintComponent": (SH.equals, "the same values as {}"),
    "DisjointConstraintComponent": (SH.disjoint, "no value shared with {}"),
    "LessThanConstraintComponent": (SH.lessThan, "values less than those of {}"),
    "LessThanOrEqualsConstraintComponent": (SH.lessThanOrEquals, "values not greater than those of {}"),
    "QualifiedMinCountConstraintComponent": (SH.qualifiedMinCount, "at least {} value(s) of the qualified shape"),
    "QualifiedMaxCountConstraintComponent": (SH.qualifiedMaxCount, "at most {} value(s) of the qualified shape"),
}
_COMPONENT_TEXT = {
    "ClosedConstraintComponent": "no properties beyond those the shape declares",
    "UniqueLangConstraintComponent": "at most one value per language",
    "OrConstraintComponent": "a value satisfying one of the sh:or alternatives",
    "AndConstraintComponent": "a value satisfying every sh:and shape",
    "XoneConstraintComponent": "a value satisfying exactly one sh:xone shape",
    "NotConstraintComponent": "a value not matching the sh:not shape",
    "SPARQLConstraintComponent": "no match of the shape's SPARQL constraint",
}


def _expected(component: Node | None, shape: Node | None, shapes: Graph) -> str:
    name = str(component).rsplit("#", 1)[-1] if component is not None else ""
    if name in _COMPONENT_TEXT:
        return _COMPONENT_TEXT[name]
    if name == "InConstraintComponent" and shape is not None:
        members = shapes.value(shape, SH["in"])
        items = [compact(i) for i in Collection(shapes, members)] if members is not None else []
        shown = ", ".join(items[:8]) + (f", … ({len(items)} in all)" if len(items) > 8 else "")
        return f"one of {shown}"
    if name == "LanguageInConstraintComponent" and shape is not None:
        members = shapes.value(shape, SH.languageIn)
        items = [str(i) for i in Collection(shapes, members)] if members is not None else []
        return f"a language tag in {', '.join(items)}"
    if name in _COMPONENT_PARAMETERS and shape is not None:
        parameter, template = _COMPONENT_PARAMETERS[name]
        values = sorted(shapes.objects(shape, parameter))
        if values:
            shown = " or ".join(str(v) if isinstance(v, Literal) else compact(v) for v in values)
            return template.format(shown)
    return compact(component) if component is not None else ""


def _render_path(path: Node | None, graph: Graph, depth: int = 0) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return compact(path)
    if depth > 5:
        return "…"
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (_render_path(inverse, graph, depth + 1) or "")
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_render_path(p, graph, depth + 1) or "" for p in Collection(graph, alternatives)) + ")"
    for prop, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, prop)
        if inner is not None:
            return (_render_path(inner, graph, depth + 1) or "") + suffix
    if graph.value(path, RDF.first) is not None:
        return "/".join(_render_path(p, graph, depth + 1) or "" for p in Collection(graph, path))
    return compact(path)


def _shape_name(shape: Node | None, shapes: Graph) -> str:
    if shape is None:
        return ""
    if not isinstance(shape, BNode):
        return compact(shape)
    parent = next(iter(sorted(shapes.subjects(SH.property, shape))), None)
    path = _render_path(shapes.value(shape, SH.path), shapes)
    if parent is not None:
        return f"{_shape_name(parent, shapes)} › {path}" if path else _shape_name(parent, shapes)
    return f"property shape {path}" if path else "an unnamed shape"


def _results_from_report(
    report: Graph,
    shapes: Graph,
    data: Graph,
    sources: SourceMap | None,
) -> list[ValidationResult]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path_node = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        component = report.value(node, SH.sourceConstraintComponent)
        shape = report.value(node, SH.sourceShape)
        severity = report.value(node, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        location = sources.locate(focus, path_node, value) if sources and focus is not None else None
        results.append(
            ValidationResult(
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                focus_node=compact(focus),
                focus_label=label_of(focus, data) if focus is not None else "",
                path=_render_path(path_node, report) if path_node is not None else None,
                value=compact(value) if value is not None else None,
                constraint=compact(component),
                expected=_expected(component, shape, shapes),
                source_shape=_shape_name(shape, shapes),
                message=" ".join(messages) or "(the shape gives no message)",
                file=location.file if location else None,
                line=location.line if location else None,
                column=location.column if location else None,
            )
        )
    return results


# =============================================================================================
# Running pyshacl
# =============================================================================================


def _as_graph(data: Graph | Dataset | ConjunctiveGraph, ontology: Graph | None) -> Graph:
    """One union graph of ``data`` (every named graph of a Dataset) plus ``ontology``."""
    graph = Graph()
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        for s, p, o, _g in data.quads((None, None, None, None)):
            graph.add((s, p, o))
    else:
        for triple in data:
            graph.add(triple)
    if ontology is not None:
        for triple in ontology:
            graph.add(triple)
    return graph


def _pyshacl(data: Graph, shapes: Graph, focus_nodes: Sequence[URIRef] | None) -> Graph:
    if focus_nodes is not None and not focus_nodes:
        return _empty_report(True)
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=False,
        allow_infos=False,
        focus_nodes=list(focus_nodes) if focus_nodes is not None else None,
    )
    return report


def _empty_report(conforms: bool) -> Graph:
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(conforms)))
    return report


def _finish(
    report_graph: Graph,
    results: list[ValidationResult],
    global_rows: list[tuple[GlobalCheck, list[URIRef], ValidationResult]],
    stats: dict[str, Any],
) -> ValidationReport:
    report_node = next(iter(report_graph.subjects(RDF.type, SH.ValidationReport)), None)
    if report_node is None:
        report_node = BNode()
        report_graph.add((report_node, RDF.type, SH.ValidationReport))
    for check, nodes, result in global_rows:
        node = BNode()
        report_graph.add((report_node, SH.result, node))
        report_graph.add((node, RDF.type, SH.ValidationResult))
        report_graph.add((node, SH.focusNode, nodes[0]))
        for other in nodes[1:]:
            report_graph.add((node, SH.value, other))
        if check.path is not None:
            report_graph.add((node, SH.resultPath, check.path))
        report_graph.add((node, SH.resultSeverity, SH[check.severity]))
        report_graph.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
        report_graph.add((node, SH.sourceShape, check.iri))
        report_graph.add((node, SH.resultMessage, Literal(result.message)))
        results.append(result)
    report_graph.set((report_node, SH.conforms, Literal(not results)))
    for prefix, namespace in PREFIXES.items():
        report_graph.bind(prefix, namespace)
    results.sort(key=ValidationResult.sort_key)
    return ValidationReport(results=results, graph=report_graph, stats=stats)


def validate_graphs(
    data: Graph | Dataset,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    sources: SourceMap | None = None,
    checks: Sequence[GlobalCheck] | None = None,
    global_checks: bool = True,
) -> ValidationReport:
    """Full validation: every node of ``data`` (all its graphs as one) against every shape, then the
    global checks. ``ontology`` (default: ontology + concept schemes) is added to the data so that
    ``sh:class`` sees the class hierarchy and concepts."""
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    started = time.perf_counter()
    graph = _as_graph(data, ontology)
    report = _pyshacl(graph, shapes, None)
    results = _results_from_report(report, shapes, graph, sources)
    rows: list[tuple[GlobalCheck, list[URIRef], ValidationResult]] = []
    if global_checks:
        store = ox.Store()
        store.extend(_ox_quads(data))  # a Dataset keeps its graphs: some checks group by source graph
        rows = _run_checks(store, checks if checks is not None else load_checks(), graph, sources, None, union=True)
    stats = {"mode": "full", "triples": len(graph), "seconds": round(time.perf_counter() - started, 3)}
    return _finish(report, results, rows, stats)


def validate_store(
    store: GraphStore,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    checks: Sequence[GlobalCheck] | None = None,
    partitioned: bool | None = None,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ValidationReport:
    """Full validation of everything in ``store``; global checks run as SPARQL over the store, and each
    result names the named graph that holds the offending triple.

    A store of more than ``PARTITIONED_FROM`` triples (or any, with ``partitioned=True``) is validated
    a partition of document graphs at a time in ``jobs`` worker processes (``validate_parallel``).
    """
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    checks = checks if checks is not None else load_checks()
    if partitioned is None:
        partitioned = len(store) > PARTITIONED_FROM
    if partitioned:
        from govgraph.validate_parallel import validate_store_partitioned

        final = validate_store_partitioned(
            store, shapes=shapes, ontology=ontology, checks=checks, jobs=jobs, progress=progress
        )
        final.results = [_with_graph(store, r) for r in final.results]
        return final
    started = time.perf_counter()
    dataset = Dataset()
    dataset.parse(data=store.ox.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    graph = _as_graph(dataset, ontology)
    report = _pyshacl(graph, shapes, None)
    results = _results_from_report(report, shapes, graph, None)
    rows = _run_checks(store.ox, checks, graph, None, None, union=True)
    stats = {"mode": "store", "triples": len(graph), "seconds": round(time.perf_counter() - started, 3)}
    final = _finish(report, results, rows, stats)
    final.results = [_with_graph(store, r) for r in final.results]
    return final


def _with_graph(store: GraphStore, result: ValidationResult) -> ValidationResult:
    """The result with the named graph that holds its triple (or, failing that, its focus node)."""
    focus = _term_from_compact(result.focus_node)
    if not isinstance(focus, URIRef):
        return result
    path = _term_from_compact(result.path) if result.path else None
    patterns = [f"<{focus}> <{path}> ?o"] if isinstance(path, URIRef) else []
    patterns.append(f"<{focus}> ?p ?o")
    for pattern in patterns:
        rows = store.ox.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {pattern} }} }} ORDER BY ?g LIMIT 1")
        for row in rows:
            return ValidationResult(**{**asdict(result), "graph": row["g"].value})
    return result


def _term_from_compact(text: str | None) -> URIRef | None:
    if not text or text.startswith(("_:", '"', "^", "(")) or "/" in text.split(":", 1)[0]:
        return None
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith("id:"):
        return URIRef(ID + text[3:])
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and re.fullmatch(r"[A-Za-z0-9_.\-]*", local):
        return URIRef(str(PREFIXES[prefix]) + local)
    return None


# =============================================================================================
# Global checks
# =============================================================================================


def _ox_quads(data: Graph | Dataset, graph_name: str = "urn:govgraph:data") -> Iterator[ox.Quad]:
    """The data as pyoxigraph quads: a Dataset's named graphs kept, a Graph's triples in ``graph_name``."""
    from govgraph.store import to_ox

    if isinstance(data, (Dataset, ConjunctiveGraph)):
        for s, p, o, g in data.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            graph = ox.NamedNode(str(name)) if isinstance(name, URIRef) else ox.NamedNode(graph_name)
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)
        return
    named = ox.NamedNode(graph_name)
    for s, p, o in data:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), named)


def _run_checks(
    store: ox.Store,
    checks: Sequence[GlobalCheck],
    labels: Graph,
    sources: SourceMap | None,
    involving: set[str] | None,
    *,
    union: bool = False,
) -> list[tuple[GlobalCheck, list[URIRef], ValidationResult]]:
    """Run each check; keep rows whose nodes include one of ``involving`` (all rows when ``None``)."""
    from govgraph.store import from_ox

    found = []
    for check in checks:
        solutions = store.query(check.query, use_default_graph_as_union=union)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            values = {name: from_ox(row[name]) for name in names}
            nodes_text = values.get("nodes")
            if nodes_text is None:
                raise BadInputError(f"global check {check.name}: a row has no ?nodes")
            nodes = [URIRef(n) for n in sorted(set(str(nodes_text).split()))]
            if involving is not None and not any(str(n) in involving for n in nodes):
                continue
            found.append((check, nodes, _check_result(check, nodes, values, labels, sources)))
    return found


def _check_result(
    check: GlobalCheck,
    nodes: list[URIRef],
    values: dict[str, Any],
    labels: Graph,
    sources: SourceMap | None,
) -> ValidationResult:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "nodes":
            return ", ".join(compact(n) for n in nodes)
        value = values.get(name)
        if value is None:
            return match.group(0)
        if isinstance(value, URIRef):
            return label_of(value, labels)
        parts = str(value).split(", ")
        if all(re.match(r"https?://\S+$", part) for part in parts):  # a GROUP_CONCAT of IRIs
            return ", ".join(compact(URIRef(part)) for part in sorted(parts))
        return str(value)

    focus = nodes[0]
    location = sources.locate(focus, check.path, None) if sources else None
    return ValidationResult(
        severity=check.severity,
        focus_node=compact(focus),
        focus_label=label_of(focus, labels),
        path=compact(check.path) if check.path is not None else None,
        value=", ".join(compact(n) for n in nodes[1:]) or None,
        constraint=f"global check {check.name}",
        expected=check.expected,
        source_shape=f"check {check.name}",
        message=re.sub(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", fill, check.message),
        file=location.file if location else None,
        line=location.line if location else None,
        column=location.column if location else None,
    )


def run_global_checks(store: GraphStore, checks: Sequence[GlobalCheck] | None = None) -> list[ValidationResult]:
    """Every global check over the store's union graph, as results (sorted)."""
    checks = checks if checks is not None else load_checks()
    involved: set[URIRef] = set()
    raw_rows = []
    for check in checks:
        for row in store.select(check.query):
            raw_rows.append((check, row))
            involved.update(URIRef(n) for n in str(row.get("nodes") or "").split())
            involved.update(v for v in row.values() if isinstance(v, URIRef))
    labels = _fetch_labels(store, involved)
    results = []
    for check, row in raw_rows:
        nodes = [URIRef(n) for n in sorted(set(str(row.get("nodes") or "").split()))]
        results.append(_check_result(check, nodes, row, labels, None))
    return sorted(results, key=ValidationResult.sort_key)


def _fetch_labels(store: GraphStore, nodes: Iterable[URIRef]) -> Graph:
    from govgraph.store import from_ox

    graph = Graph()
    props = " ".join(f"<{p}>" for p in (*_LABEL_PROPERTIES, GG.participant, GG.event, RDF.type))
    for batch in _batches(sorted(nodes)):
        query = (
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {_values(batch)} }} VALUES ?p {{ {props} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        for triple in store.ox.query(query):
            graph.add(tuple(from_ox(t) for t in (triple.subject, triple.predicate, triple.object)))  # type: ignore[arg-type]
    return graph


# =============================================================================================
# In-context validation
# =============================================================================================


def _batches(items: Sequence[Any], size: int = _BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _values(nodes: Iterable[Node]) -> str:
    from govgraph.sparql import term_to_sparql

    return " ".join(term_to_sparql(n) for n in nodes)


def _graph_filter(variable: str, excluded: Sequence[str]) -> str:
    if not excluded:
        return ""
    return f"FILTER(?{variable} NOT IN ({', '.join(f'<{g}>' for g in excluded)}))"


class _Fetched:
    """Quads fetched from the store: as rdflib triples (for pyshacl) and as pyoxigraph quads with
    their named graphs (for the global checks, some of which group by source graph)."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.quads: list[ox.Quad] = []

    def add(self, solutions: Any, s: str = "s", p: str = "p", o: str = "o") -> None:
        from govgraph.store import from_ox

        for row in solutions:
            subject, predicate, obj = row[s], row[p], row[o]
            self.quads.append(ox.Quad(subject, predicate, obj, row["g"]))
            self.graph.add((from_ox(subject), from_ox(predicate), from_ox(obj)))


def _outgoing(store: GraphStore, nodes: Sequence[URIRef], excluded: Sequence[str], into: _Fetched) -> None:
    for batch in _batches(sorted(nodes)):
        query = (
            f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {_values(batch)} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} {_graph_filter('g', excluded)} }}"
        )
        into.add(store.ox.query(query))


def _incoming_subjects(store: GraphStore, nodes: Sequence[URIRef], excluded: Sequence[str]) -> set[URIRef]:
    found: set[URIRef] = set()
    for batch in _batches(sorted(nodes)):
        query = (
            f"SELECT DISTINCT ?s WHERE {{ VALUES ?o {{ {_values(batch)} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?s)) {_graph_filter('g', excluded)} }}"
        )
        found.update(URIRef(row["s"].value) for row in store.ox.query(query))
    return found


def _incoming(
    store: GraphStore, nodes: Sequence[URIRef], predicates: Sequence[URIRef], excluded: Sequence[str], into: _Fetched
) -> None:
    for batch in _batches(sorted(nodes)):
        query = (
            f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?o {{ {_values(batch)} }} VALUES ?p {{ {_values(predicates)} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} {_graph_filter('g', excluded)} }}"
        )
        into.add(store.ox.query(query))


def _blank_closure(store: GraphStore, fetched: _Fetched, excluded: Sequence[str]) -> None:
    """Blank nodes of the store cannot be named in VALUES: fetch them through their parent."""
    parents = sorted({s for s, _p, o in fetched.graph if isinstance(o, BNode) and isinstance(s, URIRef)})
    for batch in _batches(parents):
        query = (
            f"SELECT ?b ?q ?v ?g WHERE {{ VALUES ?s {{ {_values(batch)} }} GRAPH ?g {{ ?s ?p ?b "
            f"FILTER(isBlank(?b)) ?b ?q ?v }} {_graph_filter('g', excluded)} }}"
        )
        fetched.add(store.ox.query(query), "b", "q", "v")


@functools.lru_cache(maxsize=8)
def _shape_reach(shapes_id: int, shapes: Graph) -> tuple[URIRef, ...]:
    """Predicates the shapes follow backwards (inverse paths, sh:targetObjectsOf)."""
    found = {p for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef)}
    found |= {p for p in shapes.objects(None, SH.targetObjectsOf) if isinstance(p, URIRef)}
    return tuple(sorted(found))


def neighbourhood(
    store: GraphStore,
    delta: Graph,
    *,
    shapes: Graph | None = None,
    replacing: Sequence[str] = (),
) -> tuple[Graph, list[URIRef]]:
    """The store's triples that validating ``delta`` in context needs, and the focus nodes.

    Focus nodes: the delta's subjects, the IRIs its triples point to (rdf:type classes aside) and
    the store's subjects pointing at a delta subject. Context: every triple of a focus node, every
    triple of the nodes those point to, and the incoming triples the shapes follow backwards.
    Graphs in ``replacing`` are left out (their content is being replaced by the delta).
    """
    fetched, focus = _neighbourhood(store, delta, shapes if shapes is not None else load_shapes(), replacing)
    return fetched.graph, focus


def _neighbourhood(
    store: GraphStore, delta: Graph, shapes: Graph, replacing: Sequence[str]
) -> tuple[_Fetched, list[URIRef]]:
    excluded = list(replacing)
    subjects = {s for s in delta.subjects() if isinstance(s, URIRef)}
    objects = {o for _s, p, o in delta if isinstance(o, URIRef) and p != RDF.type}
    pointing = _incoming_subjects(store, sorted(subjects), excluded)
    focus = sorted(subjects | objects | pointing)
    fetched = _Fetched()
    _outgoing(store, focus, excluded, fetched)
    focus_set = set(focus)
    second = {o for _s, _p, o in fetched.graph if isinstance(o, URIRef)}
    second |= {o for _s, _p, o in delta if isinstance(o, URIRef)}
    _outgoing(store, sorted(second - focus_set), excluded, fetched)
    backwards = _shape_reach(id(shapes), shapes)
    if backwards:
        _incoming(store, focus, list(backwards), excluded, fetched)
    _blank_closure(store, fetched, excluded)
    return fetched, focus


DELTA_GRAPH = "urn:govgraph:delta"


def validate_in_context(
    delta: Graph | Dataset,
    store: GraphStore,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    sources: SourceMap | None = None,
    replacing: Sequence[str] = (),
    delta_graph: str = DELTA_GRAPH,
    checks: Sequence[GlobalCheck] | None = None,
    global_checks: bool = True,
) -> ValidationReport:
    """Validate ``delta`` against the shapes in the context of ``store`` (see the module docstring).

    The store is only read. Results concern the focus nodes (the delta's subjects, the IRIs it
    points to, the nodes pointing at its subjects) and global-check rows involving a delta subject.
    A Dataset delta keeps its named graphs for the global checks; a Graph is named ``delta_graph``
    (the graph it will be ingested into).
    """
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    started = time.perf_counter()
    delta_triples = delta if type(delta) is Graph else _as_graph(delta, None)
    fetched, focus = _neighbourhood(store, delta_triples, shapes, replacing)
    fetch_done = time.perf_counter()
    graph = Graph()
    for source in (delta_triples, fetched.graph, ontology):
        for triple in source:
            graph.add(triple)
    report = _pyshacl(graph, shapes, focus)
    results = _results_from_report(report, shapes, graph, sources)
    shacl_done = time.perf_counter()
    rows: list[tuple[GlobalCheck, list[URIRef], ValidationResult]] = []
    if global_checks:
        checks = list(checks if checks is not None else load_checks())
        delta_quads = list(_ox_quads(delta, delta_graph))
        rows = _checks_in_context(store, delta_triples, delta_quads, fetched, graph, checks, sources, replacing)
    for i, result in enumerate(results):  # a result on a stored node names the graph that holds it
        if result.file is None:
            results[i] = _with_graph(store, result)
    stats = {
        "mode": "in-context",
        "delta_triples": len(delta_triples),
        "context_triples": len(fetched.graph),
        "focus_nodes": len(focus),
        "fetch_seconds": round(fetch_done - started, 3),
        "shacl_seconds": round(shacl_done - fetch_done, 3),
        "seconds": round(time.perf_counter() - started, 3),
    }
    return _finish(report, results, rows, stats)


def _checks_in_context(
    store: GraphStore,
    delta: Graph,
    delta_quads: list[ox.Quad],
    fetched: _Fetched,
    labels: Graph,
    checks: Sequence[GlobalCheck],
    sources: SourceMap | None,
    replacing: Sequence[str],
) -> list[tuple[GlobalCheck, list[URIRef], ValidationResult]]:
    """The checks over the delta, the neighbourhood and the store's nodes sharing an anchor value
    with the delta (all with their named graphs); only rows involving a delta subject are kept."""
    if not checks:
        return []
    excluded = list(replacing)
    extra = _Fetched()
    anchors = sorted({a for check in checks for a in check.anchors})
    for anchor in anchors:
        values = sorted({o for o in delta.objects(None, anchor) if not isinstance(o, BNode)})
        for batch in _batches(values):
            query = (
                f"SELECT ?x ?q ?y ?g WHERE {{ VALUES ?v {{ {_values(batch)} }} "
                f"GRAPH ?h {{ ?x <{anchor}> ?v }} {_graph_filter('h', excluded)} "
                f"GRAPH ?g {{ ?x ?q ?y }} {_graph_filter('g', excluded)} }}"
            )
            extra.add(store.ox.query(query), "x", "q", "y")
    memory = ox.Store()
    memory.extend(delta_quads)
    memory.extend(fetched.quads)
    memory.extend(extra.quads)
    involving = {str(s) for s in delta.subjects() if isinstance(s, URIRef)}
    if len(extra.graph):
        labels = labels + extra.graph
    return _run_checks(memory, checks, labels, sources, involving, union=True)
