"""The embedded store: opening, atomic graph replacement, swapping a build in, sorted dumps."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from govgraph.errors import StoreError
from govgraph.store import MARKER, GraphStore, building, nquads_of

A, P = URIRef("http://example.org/a"), URIRef("http://example.org/p")
G1, G2 = "http://example.org/graph/1", "http://example.org/graph/2"


def make_store(path: Path, value: str = "one") -> GraphStore:
    dataset = Dataset()
    dataset.graph(URIRef(G1)).add((A, P, Literal(value)))
    with building(path) as store:
        store.bulk_load_nquads(nquads_of(dataset))
    return GraphStore.open(path)


def test_open_refuses_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="is not a govgraph store"):
        GraphStore.open(tmp_path)
    with pytest.raises(StoreError, match="no store at"):
        GraphStore.open(tmp_path / "missing")


def test_building_refuses_to_replace_a_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a govgraph store"), building(tmp_path):
        pass
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_failed_build_leaves_the_previous_store_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "store"
    store = make_store(target)
    before = store.sorted_nquads()
    store.close()
    with pytest.raises(RuntimeError), building(target) as new:
        new.bulk_load_nquads(b'<http://example.org/b> <http://example.org/p> "two" .\n')
        raise RuntimeError("interrupted")
    reopened = GraphStore.open(target)
    assert reopened.sorted_nquads() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_successful_build_replaces_the_store(tmp_path: Path) -> None:
    target = tmp_path / "store"
    make_store(target, "one").close()
    make_store(target, "two").close()
    store = GraphStore.open(target, read_only=True)
    assert store.select("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": Literal("two")}]
    assert (target / MARKER).is_file()


def test_replace_graphs_is_one_transaction(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    store.replace_graphs({G1: [(A, P, Literal('new "} # value'))], G2: [(A, P, Literal("x"))]})
    assert store.sorted_nquads() == (
        f'<http://example.org/a> <http://example.org/p> "new \\"}} # value" <{G1}> .\n'
        f'<http://example.org/a> <http://example.org/p> "x" <{G2}> .\n'
    )
    before = store.sorted_nquads()
    with pytest.raises(Exception, match="not a valid graph IRI"):
        store.replace_graphs({G1: [], "http://bad iri": [(A, P, Literal("y"))]})
    assert store.sorted_nquads() == before


def test_union_default_graph_counts_a_node_once_per_graph(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    store.replace_graphs({G2: [(A, P, Literal("one"))]})
    rows = store.select("SELECT (COUNT(*) AS ?all) (COUNT(DISTINCT ?s) AS ?distinct) WHERE { ?s ?p ?o }")
    assert rows == [{"all": Literal(2), "distinct": Literal(1)}]
