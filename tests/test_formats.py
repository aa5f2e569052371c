"""Every result format, exact text for a small result; the DataFrame's typed columns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.errors import BadInputError
from govgraph.query import QueryResult, run_query
from govgraph.store import GraphStore

QUERY = """PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?actor ?name ?events ?date WHERE {
  VALUES (?actor ?name ?events ?date) {
    (<https://w3id.org/govgraph/id/person/jane-o-neil> "Jane \\"JO\\" O'Neil, PhD" 3 "2021-12-07"^^xsd:date)
    (UNDEF "Carol Chen"@en UNDEF UNDEF)
  }
}"""

JANE = "https://w3id.org/govgraph/id/person/jane-o-neil"
XSD = "http://www.w3.org/2001/XMLSchema#"

EXPECTED = {
    "table": (
        "actor                  name                   events  date\n"
        "---------------------  ---------------------  ------  ----------\n"
        'id:person/jane-o-neil  Jane "JO" O\'Neil, PhD  3       2021-12-07\n'
        "                       Carol Chen\n"
        "(2 rows)\n"
    ),
    "csv": (f'actor,name,events,date\r\n{JANE},"Jane ""JO"" O\'Neil, PhD",3,2021-12-07\r\n,Carol Chen,,\r\n'),
    "tsv": (
        "?actor\t?name\t?events\t?date\n"
        f'<{JANE}>\t"Jane \\"JO\\" O\'Neil, PhD"\t3\t"2021-12-07"^^<{XSD}date>\n'
        '\t"Carol Chen"@en\t\t\n'
    ),
    "json": (
        '{"head":{"vars":["actor","name","events","date"]},"results":{"bindings":['
        f'{{"actor":{{"type":"uri","value":"{JANE}"}},'
        '"name":{"type":"literal","value":"Jane \\"JO\\" O\'Neil, PhD"},'
        f'"events":{{"type":"literal","value":"3","datatype":"{XSD}integer"}},'
        f'"date":{{"type":"literal","value":"2021-12-07","datatype":"{XSD}date"}}}},'
        '{"name":{"type":"literal","value":"Carol Chen","xml:lang":"en"}}]}}'
    ),
    "xml": (
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
        '<variable name="actor"/><variable name="name"/><variable name="events"/><variable name="date"/>'
        "</head><results><result>"
        f'<binding name="actor"><uri>{JANE}</uri></binding>'
        '<binding name="name"><literal>Jane &quot;JO&quot; O&apos;Neil, PhD</literal></binding>'
        f'<binding name="events"><literal datatype="{XSD}integer">3</literal></binding>'
        f'<binding name="date"><literal datatype="{XSD}date">2021-12-07</literal></binding>'
        '</result><result><binding name="name"><literal xml:lang="en">Carol Chen</literal></binding>'
        "</result></results></sparql>"
    ),
}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "store"
    GraphStore.create(path).close()
    return path


@pytest.fixture(scope="module")
def result(store_dir: Path) -> QueryResult:
    return run_query(QUERY, store=store_dir)


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_every_format_exactly(result: QueryResult, fmt: str) -> None:
    assert result.serialize(fmt) == EXPECTED[fmt]


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_the_command_line_prints_the_same(store_dir: Path, fmt: str) -> None:
    outcome = CliRunner().invoke(app, ["query", "--sparql", QUERY, "--format", fmt, "--store", str(store_dir)])
    assert outcome.exit_code == 0, outcome.output
    expected = EXPECTED[fmt] if EXPECTED[fmt].endswith("\n") else EXPECTED[fmt] + "\n"
    assert outcome.stdout_bytes == expected.encode("utf-8")


def test_results_read_back_from_their_own_json(result: QueryResult) -> None:
    again = QueryResult.from_json(result.serialize("json").encode("utf-8"))
    assert again.variables == result.variables
    assert again.rows == result.rows


def test_dataframe_has_typed_columns(result: QueryResult) -> None:
    frame = result.to_dataframe()
    assert list(frame.columns) == ["actor", "name", "events", "date"]
    assert str(frame["actor"].dtype) == "string"
    assert str(frame["name"].dtype) == "string"
    assert str(frame["events"].dtype) == "Int64"
    assert frame["date"].dtype.kind == "M"
    assert frame["actor"].tolist() == [JANE, pd.NA]
    assert frame["name"].tolist() == ['Jane "JO" O\'Neil, PhD', "Carol Chen"]
    assert frame["events"].tolist() == [3, pd.NA]
    assert frame["date"].iloc[0] == pd.Timestamp("2021-12-07")
    assert pd.isna(frame["date"].iloc[1])


def test_ask_results(store_dir: Path) -> None:
    answer = run_query("ASK { ?s ?p ?o }", store=store_dir)
    assert answer.boolean is False
    assert answer.serialize("table") == "false\n"
    assert answer.serialize("json") == '{"head":{},"boolean":false}'
    assert answer.serialize("xml") == (
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        "<head></head><boolean>false</boolean></sparql>"
    )


def test_empty_result_table(store_dir: Path) -> None:
    empty = run_query("SELECT ?s WHERE { ?s ?p ?o }", store=store_dir)
    assert empty.serialize("table") == "s\n-\n(0 rows)\n"
    assert empty.serialize("csv") == "s\r\n"
    assert len(empty.to_dataframe()) == 0


def test_unknown_format_is_refused(result: QueryResult, store_dir: Path) -> None:
    with pytest.raises(BadInputError, match="unknown format 'yaml'"):
        result.serialize("yaml")
    outcome = CliRunner().invoke(app, ["query", "--sparql", QUERY, "--format", "yaml", "--store", str(store_dir)])
    assert outcome.exit_code != 0


def test_construct_is_refused_with_a_pointer(store_dir: Path) -> None:
    with pytest.raises(BadInputError, match="CONSTRUCT or DESCRIBE"):
        run_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", store=store_dir)
