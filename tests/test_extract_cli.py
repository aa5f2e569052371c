"""``govgraph extract`` and ``govgraph eval`` end to end: the JSON contract, RDF formats, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import FOAF
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.paths import CORPUS_DIR

HERE = Path(__file__).parent
SEED_001 = CORPUS_DIR / "seeds" / "001_f8a1a0766480eedb.txt"
SEED_004 = CORPUS_DIR / "seeds" / "004_f23cb15b7c619879.txt"
HARD = HERE / "data" / "docs" / "event-page" / "hard_ep_oewg_2020_nfd.txt"

EVENT_KEYS = [
    "title",
    "code",
    "date",
    "end_date",
    "location",
    "format",
    "duration_minutes",
    "organisers",
    "participants",
    "processes",
    "sdg_targets",
]
PARTICIPANT_KEYS = ["name", "roles", "stakeholder_group", "regional_group", "affiliation", "title"]

runner = CliRunner()


def govgraph(*args: str) -> subprocess.CompletedProcess[str]:
    """The console entry point in a child process: exit codes and stderr as a user sees them."""
    return subprocess.run([sys.executable, "-m", "govgraph", *args], capture_output=True, text=True, timeout=300)


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """The console entry point (``govgraph.cli.main``) in this process: exit code, stdout, stderr."""
    from govgraph.cli import main

    monkeypatch.setattr(sys, "argv", ["govgraph", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


def test_json_contract_shape_and_document_order():
    result = runner.invoke(app, ["extract", str(SEED_004), str(SEED_001), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["document"] for d in data] == ["seeds/004_f23cb15b7c619879", "seeds/001_f8a1a0766480eedb"]
    for doc in data:
        assert list(doc) == ["document", "genre", "events", "organisations", "processes"]
        for event in doc["events"]:
            assert list(event) == EVENT_KEYS
            for organiser in event["organisers"]:
                assert list(organiser) == ["name", "kind"]
                assert organiser["kind"] in ("person", "organisation")
            for person in event["participants"]:
                assert list(person) == PARTICIPANT_KEYS
        for organisation in doc["organisations"]:
            assert list(organisation) == ["name", "stakeholder_group"]
    assert data[0]["genre"] == "event-page"
    assert data[1]["genre"] == "igf-session"
    # the event page: seven people, two co-chairs, no group stated
    people = data[0]["events"][0]["participants"]
    assert [p["name"] for p in people if p["roles"] == ["co_chair"]] == ["Joyce Hakmeh", "Patryk Pawlak"]
    assert len(people) == 7
    assert data[0]["processes"] == ["AHC", "OEWG", "GGE"]


def test_a_file_outside_the_corpus_with_a_genre(tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(HARD), "--genre", "event-page", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    (doc,) = json.loads(out.read_text(encoding="utf-8"))
    assert doc["document"] == "files/hard_ep_oewg_2020_nfd"
    assert [p["name"] for p in doc["events"][0]["participants"]] == [
        "Zoë Brønsted",
        "Łukasz Wiśniewski",
        "François Lefèvre",
    ]


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_rdf_formats_hold_one_named_graph_per_document(fmt):
    result = runner.invoke(app, ["extract", str(SEED_004), str(HARD), "--genre", "event-page", "--format", fmt])
    assert result.exit_code == 0, result.output
    dataset = Dataset()
    dataset.parse(data=result.stdout, format={"jsonld": "json-ld"}.get(fmt, fmt))
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {
        "https://w3id.org/govgraph/id/document/seeds/004_f23cb15b7c619879",
        "https://w3id.org/govgraph/id/document/files/hard_ep_oewg_2020_nfd",
    }


def test_turtle_is_the_documents_triples_in_one_graph():
    result = runner.invoke(app, ["extract", str(SEED_004), "--format", "turtle"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    names = {str(o) for o in graph.objects(None, FOAF.name)}
    assert {"Joyce Hakmeh", "Patryk Pawlak", "Moliehi Makumane"} <= names


def test_a_page_without_actors_gives_an_empty_valid_result(tmp_path):
    page = tmp_path / "note.txt"
    page.write_text("Internet governance matters.\nMore on this soon.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "--genre", "event-page"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)
    assert doc["document"] == "files/note"
    assert [p for e in doc["events"] for p in e["participants"]] == []
    assert doc["organisations"] == []


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (lambda d: (d / "empty.txt").write_bytes(b""), ["empty.txt"], "empty file"),
        (lambda d: (d / "blob.txt").write_bytes(bytes(range(256)) * 8), ["blob.txt"], "not a text document"),
        (lambda d: None, ["missing.txt"], "no such file"),
        (
            lambda d: (d / "a.txt").write_text("Speaker 1: X", encoding="utf-8"),
            ["a.txt", "--genre", "poem"],
            "unknown document genre 'poem'",
        ),
        (
            lambda d: (d / "a.txt").write_text("hello there\n", encoding="utf-8"),
            ["a.txt"],
            "cannot tell the document's genre",
        ),
        (
            lambda d: (d / "a.txt").write_text("hello there\n", encoding="utf-8"),
            ["a.txt", "--format", "xml"],
            "unknown format 'xml'",
        ),
    ],
    ids=["empty", "binary", "missing", "unknown-genre", "undetectable-genre", "unknown-format"],
)
def test_bad_input_one_line_and_exit_2(tmp_path, monkeypatch, capsys, make, args, message):
    make(tmp_path)
    argv = [str(tmp_path / a) if a.endswith(".txt") else a for a in args]
    code, out, err = run_main(monkeypatch, capsys, "extract", *argv)
    assert code == 2, (out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and message in lines[0]


def test_the_console_script_exits_2_on_bad_input(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    done = govgraph("extract", str(tmp_path / "empty.txt"))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == f"error: {tmp_path / 'empty.txt'}: empty file"


def test_eval_prints_the_table_and_exits_0(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    contract = json.loads(runner.invoke(app, ["extract", str(SEED_004)]).stdout)[0]
    contract["events"][0]["participants"].append(
        {
            "name": "Someone Missed",
            "roles": ["speaker"],
            "stakeholder_group": None,
            "regional_group": None,
            "affiliation": None,
            "title": None,
        }
    )
    (gold / "004.json").write_text(json.dumps(contract), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    rows = {
        tuple(line.split()[:2]): line.split()[2:] for line in result.stdout.splitlines() if line.startswith("seeds/")
    }
    # 7 of 8 persons found, none spurious: P 1, R 7/8, F1 14/15
    assert rows[("seeds/004_f23cb15b7c619879", "persons")] == ["1.000", "0.875", "0.933", "7", "0", "1"]
    as_json = json.loads(runner.invoke(app, ["eval", str(gold), "--format", "json"]).stdout)
    assert as_json["overall"]["persons"] == {"tp": 7, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.875, "f1": 0.9333}


def test_eval_of_a_missing_directory_is_bad_input(tmp_path, monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, "eval", str(tmp_path / "nope"))
    assert code == 2
    assert err.strip() == f"error: {tmp_path / 'nope'}: not a directory of gold files"
