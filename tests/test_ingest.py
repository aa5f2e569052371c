"""``govgraph ingest``: provenance, idempotence, replacement, atomicity under SIGKILL, bad input."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from govgraph.errors import BadInputError
from govgraph.ingest import MAX_LITERAL_CHARS, ingest, ingest_graph_iri, read_input
from govgraph.store import GraphStore
from govgraph.vocab import GG, ID, PROV
from test_validate import FIXED, FIXTURE_SHAPES, THREE_MISTAKES, fixture_shapes, make_store

WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def run_cli(*args: str) -> tuple[int, str, str]:
    process = subprocess.run(
        [sys.executable, "-m", "govgraph", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )
    return process.returncode, process.stdout, process.stderr


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    make_store(tmp_path / "store").close()
    return tmp_path / "store"


def test_ingest_writes_one_graph_with_provenance(store_dir: Path) -> None:
    with GraphStore.open(store_dir) as store:
        outcome = ingest([FIXED], store, shapes=fixture_shapes(), user="Maintainer One", now=WHEN)
        assert outcome.ingested
        graph = ingest_graph_iri(FIXED)
        assert graph == f"{ID}document/ingest/three-mistakes-fixed-ttl"
        assert outcome.written == {graph: 10 + 13}  # the file, then the provenance
        rows = store.select(
            "SELECT ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
            {"g": URIRef(graph), "s": URIRef(graph)},
        )
        by_predicate = {str(r["p"]): r["o"] for r in rows}
        assert by_predicate[str(PROV.wasAttributedTo)] == URIRef(f"{ID}agent/maintainer-one")
        assert by_predicate[str(PROV.generatedAtTime)] == Literal(
            "2026-01-02T03:04:05Z",
            datatype=URIRef("http://www.w3.org/2001/XMLSchema#dateTime"),
            normalize=False,
        )
        source = by_predicate[str(GG.sourceFile)]
        file_rows = {
            str(r["p"]): str(r["o"])
            for r in store.select(
                "SELECT ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                {"g": URIRef(graph), "s": source},  # type: ignore[dict-item]
            )
        }
        import hashlib

        assert file_rows[str(GG.sha256)] == hashlib.sha256(FIXED.read_bytes()).hexdigest()
        assert file_rows[str(GG.filePath)] == FIXED.as_posix()


def test_reingesting_the_same_file_changes_nothing(store_dir: Path) -> None:
    with GraphStore.open(store_dir) as store:
        ingest([FIXED], store, shapes=fixture_shapes(), now=WHEN)
        before = store.sorted_nquads()
        outcome = ingest([FIXED], store, shapes=fixture_shapes(), now=WHEN + dt.timedelta(days=1))
        assert not outcome.ingested
        assert outcome.unchanged == [ingest_graph_iri(FIXED)]
        assert store.sorted_nquads() == before


def test_a_changed_file_replaces_its_graph(store_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "workshop.ttl"
    file.write_text(FIXED.read_text(encoding="utf-8"), encoding="utf-8")
    with GraphStore.open(store_dir) as store:
        ingest([file], store, shapes=fixture_shapes(), now=WHEN)
        file.write_text(
            FIXED.read_text(encoding="utf-8").replace('"Cyber norms in practice"', '"Cyber norms, in practice"'),
            encoding="utf-8",
        )
        outcome = ingest([file], store, shapes=fixture_shapes(), now=WHEN)
        assert outcome.ingested
        graph = URIRef(ingest_graph_iri(file))
        names = store.select("SELECT ?n WHERE { GRAPH ?g { ?e <https://schema.org/name> ?n } }", {"g": graph})
        assert [str(r["n"]) for r in names] == ["Cyber norms, in practice"]
        assert [g for g in store.graph_names() if "/ingest/" in g] == [str(graph)]


def test_failed_validation_leaves_the_store_unchanged(store_dir: Path) -> None:
    with GraphStore.open(store_dir) as store:
        before = store.sorted_nquads()
        outcome = ingest([FIXED, THREE_MISTAKES], store, shapes=fixture_shapes(), now=WHEN)
        assert not outcome.ingested
        assert outcome.report is not None
        # jane-doe's name comes from the fixed file in the same ingest: two mistakes remain
        assert [(r.focus_node, r.path) for r in outcome.report.results] == [
            ("id:event/igf-2021-ws-999", "schema:startDate"),
            ("id:organisation/cyber-peace-lab", "gg:knownStakeholderGroup"),
        ]
        assert store.sorted_nquads() == before


# -- bad input -----------------------------------------------------------------------------------

PREFIXES = "@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"

BAD_INPUTS = [
    ("empty.ttl", b"", "empty.ttl:1:1: empty file"),
    ("blank.ttl", b"\n  \n", "blank.ttl:1:1: empty file"),
    (
        "comments.ttl",
        b"# nothing here\n@prefix ex: <http://example.org/> .\n",
        "comments.ttl:1:1: no triples (only comments, prefixes or whitespace)",
    ),
    (
        "binary.ttl",
        b"@prefix ex: <http://example.org/> .\nex:a ex:b \x00\x01\x02",
        "binary.ttl:2:11: binary content (a NUL byte): not an RDF text file",
    ),
    (
        "latin1.ttl",
        PREFIXES.encode() + 'ex:a ex:b "café" .\n'.encode("latin-1"),
        "latin1.ttl:3:15: not UTF-8 text (byte 0xe9); RDF files must be UTF-8",
    ),
    (
        "json.ttl",
        b'{"@id": "http://example.org/a", "http://example.org/p": "x"}\n',
        "json.ttl:1:1: { is not a valid subject or graph name"
        " (the file looks like JSON-LD: is .ttl the right extension?)",
    ),
    (
        "turtle.jsonld",
        PREFIXES.encode() + b"ex:a ex:b ex:c .\n",
        "turtle.jsonld:1:1: Unexpected char: '@'"
        " (the file does not look like JSON-LD: is .jsonld the right extension?)",
    ),
    (
        "prefix.ttl",
        PREFIXES.encode() + b"ex:a ex:b foo:c .\n",
        "prefix.ttl:3:11: The prefix foo: has not been declared",
    ),
    (
        "syntax.ttl",
        PREFIXES.encode() + b"ex:a ex:b ex:c\nex:d ex:e ex:f .\n",
        "syntax.ttl:4:1: A dot is expected at the end of statements",
    ),
    (
        "space.ttl",
        PREFIXES.encode() + b"ex:a ex:b <http://example.org/a b> .\n",
        "space.ttl:3:11: Invalid IRI code point ' '",
    ),
    (
        "space.jsonld",
        b'{"@id": "http://example.org/a b", "http://example.org/p": "x"}\n',
        "space.jsonld:1:9: IRI 'http://example.org/a b' contains a space or a character IRIs may not hold",
    ),
    (
        "date.ttl",
        PREFIXES.encode() + b'ex:a ex:b "x" ;\n    ex:date "2019-02-30"^^xsd:date .\n',
        "date.ttl:4:13: ill-typed literal \"2019-02-30\"^^xsd:date — '2019-02-30' is not a valid xsd:date",
    ),
    (
        "integer.ttl",
        PREFIXES.encode() + b'ex:a ex:minutes "ninety"^^xsd:integer , "2019-01-01"^^xsd:date .\n'
        b'ex:b ex:minutes "1.5"^^xsd:integer .\n',
        'integer.ttl:3:17: ill-typed literal "ninety"^^xsd:integer'
        " — 'ninety' is not a valid xsd:integer (and 1 more)",
    ),
    (
        "huge.ttl",
        PREFIXES.encode() + b'ex:a ex:b "x" .\nex:a ex:quote "' + b"y" * (MAX_LITERAL_CHARS + 1) + b'" .\n',
        f"huge.ttl:4:15: a literal of {MAX_LITERAL_CHARS + 1:,} characters exceeds the limit of {MAX_LITERAL_CHARS:,}",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_reported_with_its_location(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    file = tmp_path / name
    file.write_bytes(content)
    with pytest.raises(BadInputError) as raised:
        read_input(file)
    assert str(raised.value) == f"{tmp_path}/{message}"


def test_a_text_file_of_no_known_genre_is_bad_input(tmp_path: Path) -> None:
    file = tmp_path / "notes.xyz"
    file.write_text("some text\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="cannot tell the document's genre"):
        read_input(file)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInputError) as raised:
        read_input(tmp_path / "nope.ttl")
    assert str(raised.value) == f"{tmp_path}/nope.ttl: no such file"


@pytest.mark.parametrize("name", ["date.ttl", "prefix.ttl", "space.ttl", "empty.ttl", "binary.ttl"])
def test_cli_bad_input_exits_2_and_leaves_the_store(store_dir: Path, tmp_path: Path, name: str) -> None:
    content, message = next((c, m) for n, c, m in BAD_INPUTS if n == name)
    file = tmp_path / name
    file.write_bytes(content)
    with GraphStore.open(store_dir, read_only=True) as store:
        before = store.sorted_nquads()
    # a good file beside the bad one: nothing of either lands
    code, _out, err = run_cli(
        "ingest", str(FIXED), str(file), "--store", str(store_dir), "--shapes", str(FIXTURE_SHAPES)
    )
    assert code == 2
    assert f"{tmp_path}/{message}" in " ".join(err.split())
    assert "Traceback" not in err
    with GraphStore.open(store_dir, read_only=True) as store:
        assert store.sorted_nquads() == before


# -- atomicity -----------------------------------------------------------------------------------


def test_sigkill_in_the_middle_of_an_ingest_leaves_the_store_unchanged(store_dir: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.ttl"
    with big.open("w", encoding="utf-8") as out:
        out.write("@prefix ex: <http://example.org/> .\n")
        for i in range(25_000):
            padding = "with some padding to make the update longer"
            out.write(f'ex:thing-{i} ex:p "value {i} {padding}" ; ex:q ex:o-{i % 97} .\n')
    with GraphStore.open(store_dir, read_only=True) as store:
        before = store.sorted_nquads()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "govgraph",
            "ingest",
            str(big),
            "--store",
            str(store_dir),
            "--shapes",
            str(FIXTURE_SHAPES),
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if "ingest: writing" in line:
            break
    time.sleep(0.5)  # well inside the one SPARQL update that writes 50,000 triples
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "".join(seen)
    assert any("ingest: writing 50013 triples into 1 graph(s)" in line for line in seen)
    with GraphStore.open(store_dir, read_only=True) as store:
        assert store.sorted_nquads() == before
    # and the same ingest, left alone, does land
    code, out, _err = run_cli("ingest", str(big), "--store", str(store_dir), "--shapes", str(FIXTURE_SHAPES))
    assert code == 0
    assert "50013 triples" in out
