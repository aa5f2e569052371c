"""Where the project's data lives: ontology, reference data, queries, bundled corpus, the store.

In a source checkout (or an editable install) these are the top-level folders of the repository;
in a wheel they are packaged under ``govgraph/resources``. Nothing here ever points outside the
project.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_RESOURCES = _PACKAGE / "resources"
_CHECKOUT = _PACKAGE.parents[1]


def _resource(name: str) -> Path:
    packaged = _RESOURCES / name
    return packaged if packaged.exists() else _CHECKOUT / name


ONTOLOGY_DIR = _resource("ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "govgraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
SCHEMES_DIR = ONTOLOGY_DIR / "schemes"
CHECKS_DIR = ONTOLOGY_DIR / "checks"
DATA_DIR = _resource("data")
REFERENCE_DIR = DATA_DIR / "reference"
CORPUS_DIR = DATA_DIR / "corpus"
QUERIES_DIR = _resource("queries")

STORE_ENV = "GOVGRAPH_STORE"


def default_store_dir() -> Path:
    """The store directory: ``$GOVGRAPH_STORE``, else ``$XDG_DATA_HOME/govgraph/store``."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "govgraph" / "store"
