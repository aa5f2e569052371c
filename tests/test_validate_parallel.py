"""Validation by partitions of document graphs gives what full validation gives (the large-store path)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import RDF

from govgraph import validate_parallel
from govgraph.store import GraphStore
from govgraph.validate import validate_store
from govgraph.vocab import ONTOLOGY_GRAPH, REFERENCE_GRAPH

pytestmark = pytest.mark.slow

BAD_GRAPH = "https://w3id.org/govgraph/id/document/planted/bad"
BAD_PARTICIPATION = "https://w3id.org/govgraph/id/participation/planted"


def _said(report: object) -> list[tuple[str, ...]]:
    return sorted((*r.key(), r.graph or "") for r in report.results)  # type: ignore[attr-defined]


def _partitioned(store: GraphStore, jobs: int) -> object:
    return validate_store(store, partitioned=True, jobs=jobs)


def test_partitions_in_two_processes_give_the_full_results_on_the_built_corpus(
    built_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small partitions, so the 192 documents are split 8 ways and each worker gets several
    monkeypatch.setattr(validate_parallel, "GRAPHS_PER_PARTITION", 25)
    full = validate_store(built_store, partitioned=False)
    parts = _partitioned(built_store, jobs=2)
    assert full.counts_by_severity().get("Violation", 0) == 0
    assert len(full.results) > 10  # the comparison is not between two empty reports
    assert _said(parts) == _said(full)
    assert parts.stats["mode"] == "partitioned" and parts.stats["partitions"] == 8


def test_a_planted_violation_is_found_in_its_partition_and_graph(built_store_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built_store_dir, copy)
    store = GraphStore.open(copy)
    gg = "https://w3id.org/govgraph/ontology#"
    graph = ox.NamedNode(BAD_GRAPH)
    participation = ox.NamedNode(BAD_PARTICIPATION)
    store.ox.add(ox.Quad(participation, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         ox.NamedNode(gg + "Participation"), graph))
    try:
        full = validate_store(store, partitioned=False)
        parts = _partitioned(store, jobs=1)
    finally:
        store.close()
    planted = [r for r in parts.results if r.focus_node.endswith("participation/planted") and r.severity == "Violation"]
    assert planted, parts.results
    assert {r.graph for r in planted} == {BAD_GRAPH}
    assert _said(parts) == _said(full)


def test_a_store_without_documents_has_its_ontology_and_reference_graphs_validated(
    built_store_dir: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built_store_dir, copy)
    store = GraphStore.open(copy)
    kept = {str(ONTOLOGY_GRAPH), str(REFERENCE_GRAPH)}
    try:
        for name in store.graph_names():
            if str(name) not in kept:
                store.ox.remove_graph(ox.NamedNode(str(name)))
        store.ox.add(ox.Quad(ox.NamedNode(BAD_PARTICIPATION), ox.NamedNode(str(RDF.type)),
                             ox.NamedNode("https://w3id.org/govgraph/ontology#Participation"),
                             ox.NamedNode(str(REFERENCE_GRAPH))))
        full = validate_store(store, partitioned=False)
        parts = _partitioned(store, jobs=1)
    finally:
        store.close()
    assert parts.stats["partitions"] == 1
    assert any(r.focus_node.endswith("participation/planted") and r.severity == "Violation" for r in parts.results)
    assert _said(parts) == _said(full)
