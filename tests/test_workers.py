"""The build's worker processes: order, bounded memory plumbing, and the same store for any ``jobs``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govgraph import paths, workers
from govgraph.errors import BadInputError
from govgraph.pipeline import build
from govgraph.store import GraphStore


def test_ordered_map_keeps_the_order_of_the_items_across_processes() -> None:
    items = [[f"word {i}"] * (i % 7 + 1) for i in range(40)]
    assert list(workers.ordered_map(len, items, jobs=2)) == [len(item) for item in items]
    assert list(workers.ordered_map(len, items, jobs=1)) == [len(item) for item in items]


def test_a_failure_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(TypeError):
        list(workers.ordered_map(len, [[1], 5, [2]], jobs=2))


def test_chunks_and_batched_bytes_cover_everything_once_in_order() -> None:
    assert [list(c) for c in workers.chunks(list(range(7)), 3)] == [[0, 1, 2], [3, 4, 5], [6]]
    parts = [b"ab", b"c", b"def", b"g", b""]
    assert list(workers.batched_bytes(parts, 3)) == [b"abc", b"def", b"g"]
    assert list(workers.batched_bytes([], 3)) == []


def test_spill_gives_back_what_was_written_in_order(tmp_path: Path) -> None:
    with (tmp_path / "spill").open("w+b") as handle:
        spill = workers.Spill(handle)
        for blob in (b"first", b"", b"third chunk"):
            spill.write(blob)
        assert len(spill) == 3
        assert list(spill) == [b"first", b"", b"third chunk"]
        assert list(spill) == [b"first", b"", b"third chunk"]


def test_default_jobs_reads_small_corpora_in_process() -> None:
    assert workers.default_jobs(192) == 1
    assert workers.default_jobs(workers.PARALLEL_FROM) == 1
    assert 1 <= workers.default_jobs(100 * workers.PARALLEL_FROM) <= max(1, __import__("os").cpu_count() or 1)


@pytest.mark.slow
def test_worker_processes_build_the_same_store_byte_for_byte(built_store_dir: Path, tmp_path: Path) -> None:
    build(store_dir=tmp_path / "parallel", validate=False, jobs=2)
    single = GraphStore.open(built_store_dir, read_only=True)
    parallel = GraphStore.open(tmp_path / "parallel", read_only=True)
    assert parallel.sorted_nquads() == single.sorted_nquads()


@pytest.mark.slow
def test_a_binary_file_read_in_a_worker_fails_the_build_and_keeps_the_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(paths.CORPUS_DIR / "seeds", corpus / "seeds")
    store_dir = tmp_path / "store"
    build(corpus, store_dir, validate=False, jobs=1)
    before = GraphStore.open(store_dir, read_only=True).sorted_nquads()
    binary = corpus / "seeds" / "zz-scan.txt"
    binary.write_bytes(b"\x00\x01PK\x03\x04" * 100)
    with pytest.raises(BadInputError, match=r"zz-scan\.txt: not a text document"):
        build(corpus, store_dir, validate=False, jobs=2)
    assert GraphStore.open(store_dir, read_only=True).sorted_nquads() == before
    assert not list(tmp_path.glob(".store.building-*"))
