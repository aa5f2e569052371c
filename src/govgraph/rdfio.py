"""Reading RDF files with errors a person can act on: file, line and column, never a traceback.

Syntax is checked with pyoxigraph's strict parsers, which report positions; the graph handed on is
parsed by rdflib itself (pyshacl is given rdflib-parsed graphs, see DESIGN.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from govgraph.errors import BadInputError

RDF_FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    ".ttl": (ox.RdfFormat.TURTLE, "turtle"),
    ".trig": (ox.RdfFormat.TRIG, "trig"),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
    ".json": (ox.RdfFormat.JSON_LD, "json-ld"),
    ".rdf": (ox.RdfFormat.RDF_XML, "xml"),
    ".owl": (ox.RdfFormat.RDF_XML, "xml"),
}


def is_rdf_file(path: Path) -> bool:
    return path.suffix.lower() in RDF_FORMATS


def read_text(path: Path) -> str:
    """The file's text as UTF-8; a clear error for a missing, empty, binary or non-UTF-8 file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadInputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInputError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise BadInputError(f"{path}: cannot read: {error.strerror}") from None
    if not data.strip():
        raise BadInputError(f"{path}: the file is empty")
    if b"\x00" in data:
        raise BadInputError(f"{path}: looks like a binary file (it contains NUL bytes), not RDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadInputError(f"{path}:{line}: not UTF-8 text (byte {data[error.start]:#04x})") from None


def check_syntax(path: Path, text: str | None = None) -> None:
    """Parse strictly with pyoxigraph; raise ``BadInputError`` naming file, line and column."""
    ox_format, _ = _format_of(path)
    text = read_text(path) if text is None else text
    try:
        for _ in ox.parse(text, format=ox_format, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as error:
        line, column = error.lineno, error.offset
        message = str(error.msg if hasattr(error, "msg") else error)
        message = message.split(": ", 1)[-1] if message.startswith("Parser error") else message
        raise BadInputError(f"{path}:{line}:{column}: {message}") from None


def _format_of(path: Path) -> tuple[ox.RdfFormat, str]:
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise BadInputError(f"{path}: unknown RDF file extension (known: {known})") from None


def read_graph(path: Path) -> Graph:
    """A triples file (Turtle, N-Triples, JSON-LD, RDF/XML) as an rdflib Graph, syntax checked first."""
    text = read_text(path)
    check_syntax(path, text)
    graph = Graph()
    _, rdflib_format = _format_of(path)
    with _quiet_rdflib():
        graph.parse(data=text, format=rdflib_format, publicID=path.resolve().as_uri())
    return graph


def read_dataset(path: Path) -> Dataset:
    """Any RDF file as an rdflib Dataset (triples files land in the default graph)."""
    text = read_text(path)
    check_syntax(path, text)
    dataset = Dataset()
    _, rdflib_format = _format_of(path)
    with _quiet_rdflib():
        dataset.parse(data=text, format=rdflib_format, publicID=path.resolve().as_uri())
    return dataset


def read_graphs(paths: list[Path]) -> Graph:
    """Several triples files merged into one rdflib Graph."""
    graph = Graph()
    for path in paths:
        graph += read_graph(path)
    return graph


class _quiet_rdflib:
    """rdflib logs a whole traceback as a warning for an ill-typed literal; keep stderr readable."""

    def __enter__(self) -> None:
        self._logger = logging.getLogger("rdflib.term")
        self._level = self._logger.level
        self._logger.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        self._logger.setLevel(self._level)
