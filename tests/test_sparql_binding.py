"""Parameters are bound as data in a VALUES block, never spliced: the query's shape stays the same."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery

from govgraph.errors import BadInputError
from govgraph.sparql import bind_values, outer_group_start

QUERY = """PREFIX ex: <http://example.org/#>
# a comment with a { brace
SELECT ?name WHERE {
  ?person ex:name ?name ; ex:note "a { string" .
}"""


def test_values_block_opens_the_outermost_group() -> None:
    bound = bind_values(QUERY, {"person": URIRef("http://example.org/p1")})
    assert bound == QUERY.replace(
        "WHERE {", "WHERE { VALUES (?person) { (<http://example.org/p1>) } "
    )


def test_hostile_value_stays_one_literal_and_the_query_keeps_its_shape() -> None:
    hostile = 'x" } ; DROP ALL ; # {'
    bound = prepareQuery(bind_values(QUERY, {"name": Literal(hostile)})).algebra["p"]["p"]
    original = prepareQuery(QUERY).algebra["p"]["p"]
    # the bound query is the original pattern joined with a one-row table holding the literal
    assert bound.name == "Join"
    assert bound["p1"]["p"]["res"] == [{Variable("name"): Literal(hostile)}]
    assert bound["p2"] == original


def test_bad_iri_and_bad_names_are_refused() -> None:
    with pytest.raises(BadInputError, match="not a valid IRI"):
        bind_values(QUERY, {"person": URIRef("http://example.org/a b")})
    with pytest.raises(BadInputError, match="not a SPARQL variable name"):
        bind_values(QUERY, {"x } DROP": Literal("1")})


def test_outer_group_skips_iris_strings_and_comments() -> None:
    assert QUERY[: outer_group_start(QUERY)].endswith("SELECT ?name WHERE {")
    assert outer_group_start('SELECT * WHERE { ?s ?p "}" }') == len("SELECT * WHERE {")
