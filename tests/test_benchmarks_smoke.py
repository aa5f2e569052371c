"""The benchmark suite at smoke scale: it runs, every stage reports, the generators are deterministic.

Never a timing assertion: the smoke run only checks that each stage works (figures at this scale mean
nothing, and the machines are shared).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import generate, run, triples  # noqa: E402

# Stages whose govgraph API has landed: they must run ("ok"), not merely be reported.
MUST_RUN_ON_TRIPLES = {
    "generate",
    "load",
    "query",
    "validate-full",
    "validate-delta",
    "network-projection",
    "network-measure",
    "network-export",
}
MUST_RUN_ON_DOCUMENTS = {"generate", "extract", "build", "load", "query", "network-projection"}


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_generate_is_deterministic(tmp_path: Path) -> None:
    generate.generate(30, 11, tmp_path / "a")
    generate.generate(30, 11, tmp_path / "b")
    generate.generate(30, 12, tmp_path / "c")
    a, b, c = _digest(tmp_path / "a"), _digest(tmp_path / "b"), _digest(tmp_path / "c")
    assert a == b
    assert a != c


def test_generated_corpus_has_the_bundled_layout(tmp_path: Path) -> None:
    from govgraph.corpus import discover

    counts = generate.generate(40, 3, tmp_path / "corpus")
    documents = discover(tmp_path / "corpus")
    assert len(documents) == 40 == sum(counts.values())
    genres = {d.genre for d in documents}
    assert genres == set(generate.GENRES)
    pairs = [d for d in documents if d.genre == "netmundial-contribution"]
    assert pairs and all(len(d.files) == 2 for d in pairs)
    assert (tmp_path / "corpus" / "igf-sessions" / "MANIFEST.tsv").is_file()
    encodings = {f.encoding for d in pairs for f in d.files}
    assert "windows-1252" in encodings or "iso-8859-1" in encodings


def test_triples_and_delta_are_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        triples.generate(6000, 5, tmp_path / name / "g.nq")
        triples.delta(tmp_path / name / "g.nq.nodes.json", 1000, 5, tmp_path / name / "delta.nq")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    expected = json.loads((tmp_path / "a" / "delta.nq.expected.json").read_text())
    assert 900 <= expected["triples"] <= 1100
    assert len(expected["mistakes"]) == 5


@pytest.mark.timeout(600)
def test_smoke_run_reports_every_stage(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads((out / "results.json").read_text(encoding="utf-8"))
    rows = report["rows"]
    assert (out / "results.png").stat().st_size > 0
    for kind in ("documents", "triples"):
        stages = {r["stage"] for r in rows if r["kind"] == kind}
        assert stages >= set(run.STAGES), (kind, set(run.STAGES) - stages)
    statuses = {(r["kind"], r["stage"]): set() for r in rows}
    for r in rows:
        statuses[(r["kind"], r["stage"])].add(r["status"])
    for stage in MUST_RUN_ON_TRIPLES:
        assert "ok" in statuses[("triples", stage)], (stage, [r for r in rows if r["stage"] == stage][:2])
    for stage in MUST_RUN_ON_DOCUMENTS:
        assert "ok" in statuses[("documents", stage)], stage
    build_only = [r for r in rows if r["stage"] == "build" and "build-only scale" in (r["note"] or "")]
    assert [r["status"] for r in build_only] == ["ok"], build_only
    # the same query text ran on both sides: the rdflib baseline was measured for some library query
    assert any(r["stage"] == "query" and r["baseline_status"] == "ok" for r in rows)
    # a query with an optional event parameter is also timed scoped to one event
    scoped = [r for r in rows if r["stage"] == "query" and r["item"] == "stakeholder-balance-by-event[event]"]
    assert scoped and all(r["status"] == "ok" for r in scoped), scoped
    assert all(r["status"] in {"ok", "not available", "skipped", "error"} for r in rows)
