"""Reading RDF files with errors a person can act on: file, line and column, never a traceback.

Syntax is checked with pyoxigraph's strict parsers, which report positions; the graph handed on is
parsed by rdflib itself (pyshacl is given rdflib-parsed graphs, see DESIGN.md).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Dataset, Graph

from govgraph.errors import BadInputError, read_input_bytes

GraphT = TypeVar("GraphT", Graph, Dataset)

# extension → (rdflib format, pyoxigraph format): the RDF files govgraph reads; anything else handed
# to `ingest`/`validate` is a document of a corpus genre, extracted first
RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    ".ttl": ("turtle", ox.RdfFormat.TURTLE),
    ".turtle": ("turtle", ox.RdfFormat.TURTLE),
    ".trig": ("trig", ox.RdfFormat.TRIG),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
    ".ntriples": ("nt", ox.RdfFormat.N_TRIPLES),
    ".nq": ("nquads", ox.RdfFormat.N_QUADS),
    ".nquads": ("nquads", ox.RdfFormat.N_QUADS),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    ".json-ld": ("json-ld", ox.RdfFormat.JSON_LD),
}


def is_rdf_file(path: Path) -> bool:
    return path.suffix.lower() in RDF_FORMATS


def read_text(path: Path) -> str:
    """The file's text as UTF-8; a clear error for a missing, empty, binary or non-UTF-8 file."""
    data = read_input_bytes(path, "RDF file")
    if b"\x00" in data:
        raise BadInputError(f"{path}: looks like a binary file (it contains NUL bytes), not RDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadInputError(f"{path}:{line}: not UTF-8 text (byte {data[error.start]:#04x})") from None


def check_syntax(path: Path, text: str | None = None) -> None:
    """Parse strictly with pyoxigraph; raise ``BadInputError`` naming file, line and column."""
    _, ox_format = _format_of(path)
    text = read_text(path) if text is None else text
    try:
        for _ in ox.parse(text, format=ox_format, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as error:
        line, column = error.lineno, error.offset
        message = str(error.msg if hasattr(error, "msg") else error)
        message = message.split(": ", 1)[-1] if message.startswith("Parser error") else message
        raise BadInputError(f"{path}:{line}:{column}: {message}") from None


def _format_of(path: Path) -> tuple[str, ox.RdfFormat]:
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise BadInputError(f"{path}: unknown RDF file extension (known: {known})") from None


def read_graph(path: Path) -> Graph:
    """A triples file (Turtle, N-Triples, JSON-LD, RDF/XML) as an rdflib Graph, syntax checked first."""
    return _parse_into(Graph(), path)


def read_dataset(path: Path) -> Dataset:
    """Any RDF file as an rdflib Dataset (triples files land in the default graph)."""
    return _parse_into(Dataset(), path)


def _parse_into(graph: GraphT, path: Path) -> GraphT:
    text = read_text(path)
    check_syntax(path, text)
    rdflib_format, _ = _format_of(path)
    with quiet_rdflib():
        graph.parse(data=text, format=rdflib_format, publicID=path.resolve().as_uri())
    return graph


def read_graphs(paths: list[Path]) -> Graph:
    """Several triples files merged into one rdflib Graph."""
    graph = Graph()
    for path in paths:
        graph += read_graph(path)
    return graph


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """rdflib logs a whole traceback for an ill-typed literal and warns on odd booleans; govgraph
    reports those itself, with their location, so keep stderr readable."""
    logger = logging.getLogger("rdflib.term")
    previous = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(previous)
