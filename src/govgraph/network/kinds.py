"""The projections and export formats by name: what the command line offers, importable without the
heavy libraries (igraph pulls in matplotlib), so ``govgraph --help`` stays quick."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ExportFormat", "Projection"]


class Projection(StrEnum):
    """The projections ``govgraph.network.project`` builds."""

    person = "person"
    organisation = "organisation"
    bipartite = "bipartite"
    process = "process"


class ExportFormat(StrEnum):
    """The formats ``govgraph.network.export`` writes."""

    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    html = "html"
    png = "png"
