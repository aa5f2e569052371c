"""Actor networks: SPARQL projections of the store → networkx graphs → measures → files.

- ``projections``: person/organisation co-participation, actor–event and actor–process graphs, filters;
- ``measures``: centralities, communities and the multistakeholder measures (group mixing,
  assortativity, E-I index, Gould–Fernandez brokerage, per-event stakeholder balance);
- ``exports``: GraphML, GEXF, D3 node-link JSON, CSV tables, PNG, a self-contained HTML page;
- ``stats``: the summary ``govgraph network stats`` prints;
- ``kinds``: the names of the projections and formats (light to import).

The names below are imported on first use, so importing this package (or ``kinds``) does not load
igraph, leidenalg or networkx.
"""

from __future__ import annotations

import importlib
from typing import Any

from govgraph.network.kinds import ExportFormat, Projection

_LAZY = {
    "Filters": "projections",
    "load_network_data": "projections",
    "project": "projections",
    "annotate": "measures",
    "check_writable": "exports",
    "export": "exports",
    "export_network": "exports",
    "network_stats": "stats",
    "render_text": "stats",
    "summarise": "stats",
}

__all__ = ["ExportFormat", "Projection", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"govgraph.network.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'govgraph.network' has no attribute {name!r}")
