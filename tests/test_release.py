"""`govgraph export`: the release dump is deterministic and describes itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from govgraph.release import DATA_LICENCE, DATASET, DATASET_GRAPH, VOID, export
from govgraph.store import GraphStore
from govgraph.vocab import DCTERMS

pytestmark = pytest.mark.slow


def test_nquads_dump_is_sorted_deterministic_and_self_describing(built_store: GraphStore, tmp_path: Path) -> None:
    first, second = tmp_path / "a.nq", tmp_path / "b.nq"
    count = export(built_store, first)
    export(built_store, second)
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == count
    dataset = Dataset()
    dataset.parse(first, format="nquads")
    description = dataset.graph(DATASET_GRAPH)
    stored = sum(1 for _ in built_store.quads())
    assert (DATASET, VOID.triples, Literal(stored)) in description
    assert (DATASET, DCTERMS.license, DATA_LICENCE) in description
    subsets = set(description.objects(DATASET, VOID.subset))
    assert subsets == {URIRef(g) for g in built_store.graph_names()}
    assert count == stored + len(description)


def test_trig_dump_parses_back_to_the_same_quads(built_store_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "release.trig"
    result = subprocess.run(
        [sys.executable, "-m", "govgraph", "export", "-o", str(output), "--store", str(built_store_dir)],
        capture_output=True, text=True, check=True,
    )
    count = int(result.stdout.split()[1])
    dataset = Dataset()
    dataset.parse(output, format="trig")
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == count
