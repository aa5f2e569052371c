"""`govgraph build` end to end on the bundled corpus: summary, determinism, atomicity, bad input."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govgraph import paths
from govgraph.errors import BadInputError, GovgraphError, StoreError
from govgraph.pipeline import BuildSummary, build
from govgraph.store import GraphStore

pytestmark = pytest.mark.slow


def test_summary_of_the_bundled_corpus(built: tuple[Path, BuildSummary]) -> None:
    _, summary = built
    assert summary.documents_by_collection == {"netmundial2014": 187, "seeds": 5}
    assert summary.counts["contributions"] == 187
    assert summary.conforms is True
    assert summary.violations == 0
    assert summary.triples > 10_000


def test_two_builds_give_byte_identical_sorted_dumps(built_store_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(store_dir=again, validate=False)
    first = GraphStore.open(built_store_dir, read_only=True)
    second = GraphStore.open(again, read_only=True)
    assert first.sorted_nquads() == second.sorted_nquads()


def test_missing_corpus_is_a_clear_error_and_the_store_is_untouched(built_store_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(GovgraphError, match="no corpus directory at"):
        build(tmp_path / "nowhere", built_store_dir)
    assert GraphStore.open(built_store_dir, read_only=True)


def test_a_directory_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "thesis.tex").write_text("precious")
    with pytest.raises(StoreError, match="is not a govgraph store"):
        build(store_dir=tmp_path)
    assert (tmp_path / "thesis.tex").read_text() == "precious"


def test_malformed_reference_turtle_names_file_line_and_column(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE_DIR, reference)
    broken = reference / "meetings.ttl"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nex:oops a \n", encoding="utf-8")
    lines = broken.read_text(encoding="utf-8").count("\n")
    with pytest.raises(BadInputError) as caught:
        build(store_dir=tmp_path / "store", reference_dir=reference)
    assert str(caught.value).startswith(f"{broken}:{lines}:")
    assert "ex:" in str(caught.value) or "prefix" in str(caught.value)
    assert not (tmp_path / "store").exists()


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govgraph", "build", "--corpus", str(tmp_path / "nowhere"), "--store",
         str(tmp_path / "store")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: no corpus directory at {tmp_path / 'nowhere'}"]
    assert "Traceback" not in result.stderr


def test_killed_build_leaves_the_previous_store_exactly_as_it_was(built_store_dir: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    shutil.copytree(built_store_dir, store_dir)
    before = GraphStore.open(store_dir, read_only=True).sorted_nquads()
    process = subprocess.Popen(
        [sys.executable, "-m", "govgraph", "build", "--store", str(store_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # kill it once its work directory exists, i.e. in the middle of writing the new store
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".store.building-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert GraphStore.open(store_dir, read_only=True).sorted_nquads() == before
    # the next build cleans up what the killed one left behind
    build(store_dir=store_dir, validate=False)
    assert not list(tmp_path.glob(".store.building-*"))


def test_stats_reads_the_same_figures_back(built: tuple[Path, BuildSummary]) -> None:
    import json

    store_dir, summary = built
    result = subprocess.run(
        [sys.executable, "-m", "govgraph", "stats", "--store", str(store_dir), "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    figures = json.loads(result.stdout)
    assert figures["documents_by_collection"] == summary.documents_by_collection
    assert figures["counts"] == summary.counts
    assert figures["actors_by_group"] == summary.actors_by_group
    assert figures["triples"] == summary.triples
