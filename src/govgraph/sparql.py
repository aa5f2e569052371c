"""Binding parameters into SPARQL as data, for the embedded store and remote endpoints alike.

A parameter never becomes query text: its value is serialised as an RDF term (IRI checked,
literal escaped by rdflib) inside a ``VALUES`` block placed first in the query's outermost group
pattern, so the query's own shape is untouched and a value holding quotes, braces or ``#`` stays
one literal. This is how SPARQLWrapper, which has no binding API, gets bound parameters. The
embedded store binds them as the query's initial bindings instead (``GraphStore.query``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from govgraph.errors import BadInputError

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def term_to_sparql(term: Node) -> str:
    """One RDF term in SPARQL syntax; raises ``BadInputError`` for an IRI that is not one."""
    if isinstance(term, URIRef):
        if _BAD_IRI_CHARS.search(str(term)):
            raise BadInputError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    if isinstance(term, BNode):
        raise BadInputError("a blank node cannot be a query parameter")
    raise TypeError(f"not an RDF term: {term!r}")


def outer_group_start(sparql: str) -> int:
    """Index just after the ``{`` that opens the query's outermost group pattern.

    Skips IRIs, strings and comments, so a ``{`` inside them is not taken for the pattern.
    """
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            newline = sparql.find("\n", i)
            i = n if newline < 0 else newline + 1
            continue
        if c == "<":
            close = sparql.find(">", i + 1)
            # a '<' that is a comparison operator has whitespace or '=' after it; an IRI has none
            if close > 0 and not re.search(r"[\s]", sparql[i + 1 : close]):
                i = close + 1
                continue
        if c in "\"'":
            i = _skip_string(sparql, i)
            continue
        if c == "{":
            return i + 1
        i += 1
    raise BadInputError("the query has no group pattern ({ … }) to bind parameters into")


def _skip_string(text: str, start: int) -> int:
    quote = text[start]
    long_quote = text.startswith(quote * 3, start)
    delimiter = quote * 3 if long_quote else quote
    i = start + len(delimiter)
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(delimiter, i):
            return i + len(delimiter)
        i += 1
    raise BadInputError("unterminated string in the query")


def check_bindings(bindings: Mapping[str, Node]) -> list[str]:
    """The bindings' variable names, sorted; raises ``BadInputError`` for a name that is not a
    variable's or a value that cannot be bound (an IRI that is not one, a blank node)."""
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise BadInputError(f"not a SPARQL variable name: {name!r}")
        term_to_sparql(bindings[name])
    return names


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with ``bindings`` as a one-row ``VALUES`` block opening its outermost pattern."""
    if not bindings:
        return sparql
    names = check_bindings(bindings)
    variables = " ".join(f"?{name}" for name in names)
    values = " ".join(term_to_sparql(bindings[name]) for name in names)
    at = outer_group_start(sparql)
    return f"{sparql[:at]} VALUES ({variables}) {{ ({values}) }} {sparql[at:]}"
