"""Parameters: typed, checked against the header, bound as data (never spliced into the text)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.errors import BadInputError
from govgraph.query import bind_params, get_query, parse_query_file, parse_query_text, run_query
from govgraph.sparql import bind_values
from govgraph.store import GraphStore

ID = "https://w3id.org/govgraph/id/"
HOSTILE = 'x" } ; DROP ALL ; # {'

NAMED = """#+ summary: People with exactly this name.
#+ params:
#+   - name: name
#+     type: string
#+     required: true
#+     description: the name, exactly
#+ example: govgraph query named.rq --param name=X
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?person WHERE {
  ?person foaf:name ?name .   # a comment with a { brace
}
ORDER BY ?person
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    path = tmp_path_factory.mktemp("params") / "store"
    created = GraphStore.create(path)
    name = ox.NamedNode("http://xmlns.com/foaf/0.1/name")
    graph = ox.NamedNode(ID + "document/test/1")
    created.ox.add(ox.Quad(ox.NamedNode(ID + "person/hostile"), name, ox.Literal(HOSTILE), graph))
    created.ox.add(ox.Quad(ox.NamedNode(ID + "person/plain"), name, ox.Literal("x"), graph))
    created.close()
    with GraphStore.open(path, read_only=True) as opened:
        yield opened


@pytest.fixture()
def named(tmp_path: Path) -> Path:
    path = tmp_path / "named.rq"
    path.write_text(NAMED, encoding="utf-8")
    return path


def test_a_hostile_value_matches_the_literal_exactly(store: GraphStore, named: Path) -> None:
    result = run_query(named, {"name": HOSTILE}, store=store)
    assert result.values() == [(ID + "person/hostile",)]
    assert run_query(named, {"name": "x"}, store=store).values() == [(ID + "person/plain",)]


def test_a_hostile_value_leaves_the_algebra_unchanged(named: Path) -> None:
    query = parse_query_file(named)
    bindings = bind_params(query, {"name": HOSTILE})
    assert bindings == {"name": Literal(HOSTILE)}
    original = prepareQuery(query.text).algebra
    bound = prepareQuery(bind_values(query.text, bindings)).algebra
    # the bound query is the original pattern joined with a one-row table holding exactly the value
    pattern = bound["p"]["p"]["p"]
    assert pattern.name == "Join"
    assert pattern["p1"]["p"]["res"] == [{Variable("name"): Literal(HOSTILE)}]
    assert pattern["p2"] == original["p"]["p"]["p"]
    assert bound["PV"] == original["PV"]


def test_every_library_query_keeps_its_shape_when_bound() -> None:
    """Bind each library query's parameters (defaults or a sample) and compare the algebra."""
    samples = {"integer": "2021", "iri": ID + "event/x", "actor": "Anriette Esterhuysen", "event": "igf-2021"}
    for name in ("stakeholder-balance-by-year", "actors-in-process", "evidence", "event-participants"):
        query = get_query(name)
        params = {p.name: samples.get(p.type, p.default or "x") for p in query.params if p.required or p.default}
        params.update({p.name: samples[p.type] for p in query.params if p.type in samples})
        bindings = bind_params(query, params)
        assert bindings, name
        bound = bind_values(query.text, bindings)
        assert bound.replace(_values_block(bindings), "", 1) == query.text, name
        prepareQuery(bound)  # still one valid query


def _values_block(bindings: dict) -> str:
    names = sorted(bindings)
    values = " ".join(bindings[n].n3() for n in names)
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }} "


def test_typed_values() -> None:
    timeline = get_query("actor-timeline")
    assert bind_params(timeline, {}) == {"actor": URIRef(ID + "person/anriette-esterhuysen")}
    assert bind_params(timeline, {"actor": "Anriette  Esterhuysen"}) == {
        "actor": URIRef(ID + "person/anriette-esterhuysen")
    }
    assert bind_params(timeline, {"actor": "organisation/access-now"}) == {
        "actor": URIRef(ID + "organisation/access-now")
    }
    assert bind_params(get_query("actors-in-process"), {"process": "wsis+10"}) == {
        "process": URIRef(ID + "process/wsis-10")
    }
    assert bind_params(get_query("organisations-in-two-processes"), {"group": "civil society"}) == {
        "first": URIRef(ID + "process/oewg"),
        "second": URIRef(ID + "process/ahc"),
        "group": URIRef(ID + "stakeholder-group/civil-society"),
    }
    year = bind_params(get_query("stakeholder-balance-by-year"), {"year": "2021"})
    assert year == {"year": Literal(2021)}
    assert str(year["year"].datatype) == "http://www.w3.org/2001/XMLSchema#integer"


def test_optional_parameters_stay_unbound() -> None:
    assert bind_params(get_query("stakeholder-balance-by-year"), {}) == {}


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        (
            "stakeholder-balance-by-year",
            {"year": "twenty"},
            "parameter 'year' of 'stakeholder-balance-by-year': 'twenty' is not an integer",
        ),
        (
            "actors-in-process",
            {"process": "ICANN"},
            "parameter 'process' of 'actors-in-process': 'ICANN' is not one of OEWG, GGE",
        ),
        ("event-participants", {}, "query 'event-participants' needs --param event=… (event)"),
        ("stakeholder-balance-by-year", {"yaer": "2021"}, "has no parameter 'yaer' (did you mean year?)"),
        ("evidence", {"node": "http://example.org/a b"}, "'http://example.org/a b' is not an IRI"),
        ("evidence", {"node": "http://example.org/>{}"}, "is not an IRI"),
    ],
)
def test_bad_parameters(name: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(BadInputError) as caught:
        bind_params(get_query(name), params)
    assert message in str(caught.value)


def test_unknown_query_names_suggest_close_ones() -> None:
    with pytest.raises(BadInputError, match=r"unknown query 'actor-timline'; did you mean actor-timeline\b"):
        get_query("actor-timline")
    with pytest.raises(BadInputError, match="`govgraph queries` lists them"):
        get_query("zzzzzz")


def test_ad_hoc_syntax_errors_give_line_and_column(store: GraphStore) -> None:
    text = "SELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER( ?x = }"
    with pytest.raises(BadInputError, match=r"SPARQL syntax error in query 'ad-hoc': line 3, column 16: expected"):
        run_query(parse_query_text(text), store=store)


def test_header_is_parsed() -> None:
    query = parse_query_text(NAMED, name="named")
    assert query.summary == "People with exactly this name."
    assert [(p.name, p.type, p.required, p.description) for p in query.params] == [
        ("name", "string", True, "the name, exactly")
    ]
    assert query.example == "govgraph query named.rq --param name=X"
    two = get_query("organisations-in-two-processes")
    assert [(p.name, p.default) for p in two.params] == [("first", "OEWG"), ("second", "AHC"), ("group", None)]
    assert two.param("group").allowed[:2] == ("Government", "Civil Society")
    assert two.description.startswith("An organisation is engaged in a process when it takes part in an event")


def test_bad_header_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("#+ summary: x\n#+ params:\n#+   - name: y\n#+     type: colour\nSELECT * { ?s ?p ?o }\n")
    with pytest.raises(BadInputError, match="parameter 'y' has unknown type 'colour'"):
        parse_query_file(path)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "actor-timline"], "unknown query 'actor-timline'; did you mean actor-timeline"),
        (["query", "stakeholder-balance-by-year", "--param", "year=twenty"], "'twenty' is not an integer"),
        (["query", "stakeholder-balance-by-year", "--param", "year"], "--param wants KEY=VALUE, got 'year'"),
        (["query", "--sparql", "SELECT ?x WHERE {\n ?x ?p }"], "SPARQL syntax error in query 'ad-hoc': line 2, column"),
        (["query"], "give a query NAME (or FILE.rq) or --sparql TEXT"),
        (["queries", "co-participant"], "did you mean co-participants"),
    ],
)
def test_cli_reports_one_line_and_exit_2(store: GraphStore, args: list[str], message: str) -> None:
    """Through the real console entry point: one line on stderr, exit 2, no traceback."""
    extra = ["--store", str(store.path)] if args[0] == "query" else []
    done = subprocess.run(
        [sys.executable, "-m", "govgraph", *args, *extra], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert message in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stdout == ""


def test_cli_runs_a_query_file_with_params(store: GraphStore, named: Path) -> None:
    outcome = CliRunner().invoke(
        app, ["query", str(named), "--param", f"name={HOSTILE}", "--format", "csv", "--store", str(store.path)]
    )
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stdout_bytes == f"person\r\n{ID}person/hostile\r\n".encode()


def test_python_callers_may_pass_numbers() -> None:
    assert bind_params(get_query("stakeholder-balance-by-year"), {"year": 2021}) == {"year": Literal(2021)}
