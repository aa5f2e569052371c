"""Shared fixtures: the bundled corpus built once per test session into a temporary store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govgraph.pipeline import BuildSummary, build
from govgraph.store import GraphStore


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """The bundled corpus built (and validated) once: the store directory and the build summary."""
    store_dir = tmp_path_factory.mktemp("built") / "store"
    summary = build(store_dir=store_dir)
    return store_dir, summary


@pytest.fixture(scope="session")
def built_store_dir(built: tuple[Path, BuildSummary]) -> Path:
    return built[0]


@pytest.fixture()
def built_store(built_store_dir: Path) -> Iterator[GraphStore]:
    """The built store opened read-only for one test."""
    store = GraphStore.open(built_store_dir, read_only=True)
    yield store
    store.close()
