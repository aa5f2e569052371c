"""``govgraph validate`` / ``govgraph ingest`` end to end: the maintainer's walkthrough of
docs/maintainers.md (a Turtle file with three kinds of mistake, the report, the fix, the ingest)
with the project's own shapes, then exit codes, formats and ``--fail-on``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from govgraph import paths
from govgraph.store import GraphStore
from govgraph.validate import load_shapes
from govgraph.vocab import RDF, REFERENCE_GRAPH, SH
from test_validate import FIXED, FIXTURE_SHAPES, THREE_MISTAKES, make_store


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    """Run the ``govgraph`` console entry point in-process: (exit code, stdout, stderr)."""
    from govgraph.cli import main

    monkeypatch.setattr(sys, "argv", ["govgraph", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    """A store with the ontology, the schemes and the bundled reference data (what `build` starts from)."""
    (tmp_path / "empty.trig").write_text("", encoding="utf-8")
    store = make_store(tmp_path / "store", tmp_path / "empty.trig")
    for file in sorted(paths.REFERENCE_DIR.glob("*.ttl")):
        store.ox.load(path=str(file), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(REFERENCE_GRAPH)))
    store.close()
    return tmp_path / "store"


def shape_message(shape: str) -> str:
    shapes = load_shapes()
    node = URIRef("https://w3id.org/govgraph/shapes#" + shape)
    return str(shapes.value(node, SH.message))


@pytest.mark.skipif(not paths.SHAPES_FILE.is_file(), reason="ontology/shapes.ttl not written yet")
def test_walkthrough_three_mistakes_validate_fix_ingest(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop = tmp_path / "workshop.ttl"
    shutil.copy(THREE_MISTAKES, workshop)
    with GraphStore.open(store_dir, read_only=True) as store:
        before = store.sorted_nquads()

    # 1. validate: three results, each with its rule, node, property, line and column
    code, out, _err = run(capsys, monkeypatch, "validate", str(workshop), "--store", str(store_dir), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert [
        (r["source_shape"], r["focus_node"], r["focus_label"], r["path"], r["value"], r["line"], r["column"])
        for r in report["results"]
    ] == [
        (
            "ggsh:Event-start-datatype",
            "id:event/igf-2021-ws-999",
            "Cyber norms in practice",
            "schema:startDate",
            '"7 December 2021"',
            14,
            22,
        ),
        (
            "ggsh:Organisation-group-in",
            "id:organisation/cyber-peace-lab",
            "Cyber Peace Lab",
            "gg:knownStakeholderGroup",
            "id:stakeholder-group/ngo",
            20,
            30,
        ),
        ("ggsh:Person-name-min", "id:person/jane-doe", "Jane Doe", "foaf:name", None, 22, 1),
    ]
    assert [r["message"] for r in report["results"]] == [
        shape_message("Event-start-datatype"),
        shape_message("Organisation-group-in"),
        shape_message("Person-name-min"),
    ]
    assert [r["expected"] for r in report["results"]][0::2] == ["a literal of datatype xsd:date", "at least 1 value(s)"]
    assert report["counts"] == {"Violation": 3, "Warning": 0, "Info": 0}

    # the same as text, for a person
    code, out, _err = run(capsys, monkeypatch, "validate", str(workshop), "--store", str(store_dir))
    assert code == 1
    assert f"{workshop}:14:22  Cyber norms in practice  (id:event/igf-2021-ws-999)" in out
    assert f"{workshop}:20:30  Cyber Peace Lab  (id:organisation/cyber-peace-lab)" in out
    assert f"{workshop}:22:1  Jane Doe  (id:person/jane-doe)" in out
    assert out.endswith("Does not conform: 3 violations, 0 warnings, 0 infos.\n")

    # 2. ingest refuses it, and the store is unchanged
    code, out, err = run(capsys, monkeypatch, "ingest", str(workshop), "--store", str(store_dir))
    assert code == 1
    assert "not ingested: the store is unchanged." in err
    with GraphStore.open(store_dir, read_only=True) as store:
        assert store.sorted_nquads() == before

    # 3. fix the file: it conforms
    shutil.copy(FIXED, workshop)
    code, out, _err = run(capsys, monkeypatch, "validate", str(workshop), "--store", str(store_dir))
    assert (code, out) == (0, "Conforms: no violations, warnings or infos.\n")

    # 4. ingest it: one graph, with provenance; again: nothing changes
    code, out, _err = run(capsys, monkeypatch, "ingest", str(workshop), "--store", str(store_dir))
    assert code == 0
    assert out == "ingested   <https://w3id.org/govgraph/id/document/ingest/workshop-ttl>  23 triples\n"
    with GraphStore.open(store_dir, read_only=True) as store:
        after = store.sorted_nquads()
    code, out, _err = run(capsys, monkeypatch, "ingest", str(workshop), "--store", str(store_dir))
    assert (code, out) == (0, "unchanged  <https://w3id.org/govgraph/id/document/ingest/workshop-ttl>\n")
    with GraphStore.open(store_dir, read_only=True) as store:
        assert store.sorted_nquads() == after


def test_exit_codes_and_fail_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(tmp_path / "store").close()
    store = str(tmp_path / "store")
    shapes = str(FIXTURE_SHAPES)
    prefixes = (
        "@prefix gg: <https://w3id.org/govgraph/ontology#> .\n@prefix schema: <https://schema.org/> .\n"
        "@prefix id: <https://w3id.org/govgraph/id/> .\n"
    )
    warning = tmp_path / "warning.ttl"
    warning.write_text(
        prefixes + '<https://w3id.org/govgraph/id/event/e1> a gg:Event ; schema:name "E1" ;\n'
        "    gg:durationMinutes 0 .\n",
        encoding="utf-8",
    )
    info = tmp_path / "info.ttl"
    info.write_text(
        prefixes + "<https://w3id.org/govgraph/id/process-instance/x> a gg:ProcessInstance ;\n"
        "    gg:mandatedBy <https://w3id.org/govgraph/id/instrument/nothing> .\n",
        encoding="utf-8",
    )
    common = ("--store", store, "--shapes", shapes)
    assert run(capsys, monkeypatch, "validate", str(warning), *common)[0] == 0
    assert run(capsys, monkeypatch, "validate", str(warning), *common, "--fail-on", "warning")[0] == 1
    assert run(capsys, monkeypatch, "validate", str(info), *common, "--fail-on", "warning")[0] == 0
    assert run(capsys, monkeypatch, "validate", str(info), *common, "--fail-on", "info")[0] == 1
    assert run(capsys, monkeypatch, "validate", str(THREE_MISTAKES), *common)[0] == 1
    assert run(capsys, monkeypatch, "validate", str(FIXED), *common)[0] == 0

    code, _out, err = run(capsys, monkeypatch, "validate", str(FIXED), *common, "--format", "xml")
    assert code == 2
    assert "--format must be one of text, json, turtle, not 'xml'" in " ".join(err.split())
    code, _out, err = run(capsys, monkeypatch, "validate", str(FIXED), *common, "--fail-on", "error")
    assert code == 2
    code, _out, err = run(capsys, monkeypatch, "validate", str(FIXED), "--store", str(tmp_path), "--shapes", shapes)
    assert code == 2
    assert "is not a govgraph store" in " ".join(err.split())
    code, _out, err = run(capsys, monkeypatch, "validate", str(tmp_path / "missing.ttl"), *common)
    assert code == 2
    assert f"{tmp_path}/missing.ttl: no such file" in " ".join(err.split())


def test_turtle_format_is_a_shacl_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(tmp_path / "store").close()
    code, out, _err = run(
        capsys,
        monkeypatch,
        "validate",
        str(THREE_MISTAKES),
        "--store",
        str(tmp_path / "store"),
        "--shapes",
        str(FIXTURE_SHAPES),
        "--format",
        "turtle",
    )
    assert code == 1
    graph = Graph().parse(data=out, format="turtle")
    assert len(list(graph.subjects(RDF.type, SH.ValidationResult))) == 3


def test_validate_without_files_checks_the_whole_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path / "store")
    store.ox.load(
        b"<https://w3id.org/govgraph/id/person/x> a <https://w3id.org/govgraph/ontology#Person> .",
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://w3id.org/govgraph/id/document/test/x"),
    )
    store.close()
    code, out, _err = run(
        capsys,
        monkeypatch,
        "validate",
        "--store",
        str(tmp_path / "store"),
        "--shapes",
        str(FIXTURE_SHAPES),
        "--format",
        "json",
    )
    assert code == 1
    [result] = json.loads(out)["results"]
    assert (result["focus_node"], result["path"], result["graph"]) == (
        "id:person/x",
        "foaf:name",
        "https://w3id.org/govgraph/id/document/test/x",
    )


def test_data_gate_script(tmp_path: Path) -> None:
    """scripts/check-data.sh: canonical Turtle (turtlefmt --check) and validation in context."""
    import os
    import subprocess

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "GOVGRAPH_STORE": str(tmp_path / "no-store")}

    def gate(*files: Path) -> tuple[int, str]:
        done = subprocess.run(
            [str(root / "scripts" / "check-data.sh"), *map(str, files)],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        return done.returncode, done.stdout + done.stderr

    assert gate(FIXED)[0] == 0
    code, output = gate(THREE_MISTAKES)
    assert code == 1
    assert "ggsh:Person-name-min" in output or "foaf:name" in output
    untidy = tmp_path / "untidy.ttl"
    untidy.write_text(FIXED.read_text(encoding="utf-8").replace("@prefix gg: ", "@prefix   gg: "), encoding="utf-8")
    code, output = gate(untidy)
    assert code == 1
    assert "not in canonical form" in output
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b foo:c .\n", encoding="utf-8")
    assert gate(broken)[0] == 2
