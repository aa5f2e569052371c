"""Writing actor networks for other tools: GraphML, GEXF, D3 JSON, CSV tables, a PNG figure, an HTML page.

Every writer takes a networkx graph whose attributes are scalars (``prepare`` makes sure of it) and
writes a valid file even for an empty graph, so a filter that matches nothing still gives a file a tool
can open.

Formats
-------
``graphml``  GraphML (Gephi, Cytoscape, yEd, igraph) with typed node and edge attributes.
``gexf``     GEXF 1.2 (Gephi's own format); node ``label`` is the GEXF label.
``json``     node-link JSON in the D3 shape: ``{"directed", "multigraph", "graph", "nodes": [{"id", …}],
             "links": [{"source", "target", …}]}``.
``csv``      two tables: for ``-o net.csv`` (or ``-o net``) the files ``net-nodes.csv`` (``id`` and
             every node attribute) and ``net-edges.csv`` (``source``, ``target`` and every edge attribute).
``png``      a figure (matplotlib, Agg backend) with nodes coloured by stakeholder group and a legend.
``html``     one self-contained page that works offline: Cytoscape.js (vendored under ``vendor/``, see
             its README) and the data inlined; nodes coloured by group with a legend that filters,
             a search box and hover details (label, groups, degree, the events and evidence of edges).
             Its Content-Security-Policy forbids any network request.
"""

from __future__ import annotations

import csv
import html
import json
import math
import os
import random
import re
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx

from govgraph.errors import BadInputError
from govgraph.network.kinds import ExportFormat
from govgraph.network.measures import annotate
from govgraph.network.projections import Filters, Projection, project
from govgraph.store import GraphStore

__all__ = [
    "COLOURS",
    "ExportFormat",
    "check_writable",
    "colour_key",
    "csv_paths",
    "export",
    "export_network",
    "layout",
    "output_paths",
    "prepare",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_json",
    "write_png",
]


#: Colours by stakeholder group (Okabe–Ito, readable with colour blindness), then for node kinds
#: with no group and for actors whose group is not stated.
COLOURS = {
    "Government": "#0072B2",
    "Civil Society": "#009E73",
    "Private Sector": "#E69F00",
    "Technical Community": "#CC79A7",
    "Intergovernmental Organization": "#56B4E9",
    "Academia": "#D55E00",
    "Other": "#F0E442",
    "event": "#555555",
    "process": "#222222",
    "not stated": "#BBBBBB",
}


def colour_key(attributes: dict[str, Any]) -> str:
    """The legend entry of a node: its stakeholder group, else ``event``/``process``, else ``not stated``."""
    group = attributes.get("stakeholder_group") or ""
    if group:
        return str(group)
    kind = attributes.get("kind")
    return str(kind) if kind in ("event", "process") else "not stated"


def _colour(key: str) -> str:
    return COLOURS.get(key, "#7F7F7F")


def prepare(graph: nx.Graph) -> nx.Graph:
    """A copy whose graph, node and edge attributes are all str, int, float or bool (``None`` → ``""``).

    GraphML and GEXF hold nothing else; a non-scalar value (a list, a set) becomes its items joined
    by ``;``.
    """

    def scalar(value: Any) -> str | int | float | bool:
        if value is None:
            return ""
        if isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, list | tuple | set | frozenset):
            return ";".join(sorted(str(v) for v in value))
        return str(value)

    result = nx.Graph()
    result.graph.update({k: scalar(v) for k, v in graph.graph.items()})
    result.add_nodes_from((n, {k: scalar(v) for k, v in d.items()}) for n, d in graph.nodes(data=True))
    result.add_edges_from((u, v, {k: scalar(x) for k, x in d.items()}) for u, v, d in graph.edges(data=True))
    return result


def csv_paths(output: Path) -> tuple[Path, Path]:
    """The node and edge table paths for ``-o output``: ``X.csv`` (or ``X``) → ``X-nodes.csv``, ``X-edges.csv``."""
    output = Path(output)
    stem = output.name[: -len(".csv")] if output.name.lower().endswith(".csv") else output.name
    return output.with_name(f"{stem}-nodes.csv"), output.with_name(f"{stem}-edges.csv")


def output_paths(output: Path, fmt: ExportFormat | str) -> list[Path]:
    """Every file ``export`` writes for ``output`` in format ``fmt``."""
    return list(csv_paths(output)) if ExportFormat(fmt) is ExportFormat.csv else [Path(output)]


def layout(graph: nx.Graph, *, seed: int = 0) -> dict[Any, tuple[float, float]]:
    """Node positions in [0, 1]², repeatable for one ``seed``.

    Each connected component is laid out on its own with igraph's Fruchterman–Reingold layout (a
    component of more than 12 nodes with density at least 1/2 — everyone at one meeting — on a circle)
    (T. M. J. Fruchterman and E. M. Reingold, "Graph drawing by force-directed placement", Software:
    Practice and Experience 21(11), 1129–1164, 1991), scaled to a square whose side grows with the
    square root of its size, and the squares are packed in rows, largest first — so a dense clique
    does not shrink to a dot beside a sparse component. igraph draws its random start from the
    generator set here and Python's ``random`` module is restored afterwards.
    """
    if graph.number_of_nodes() == 0:
        return {}
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(graph)), key=lambda c: (-len(c), str(c[0]))
    )
    boxes: list[tuple[list[Any], list[tuple[float, float]], float]] = []
    ig.set_random_number_generator(random.Random(seed))
    try:
        for nodes in components:
            side = math.sqrt(len(nodes))
            if len(nodes) == 1:
                coords = [(0.5, 0.5)]
            elif len(nodes) > 12 and nx.density(graph.subgraph(nodes)) >= 0.5:
                # a near-clique (everyone at one meeting): forces only crush it; a circle shows each node
                coords = [
                    (
                        0.5 + 0.5 * math.cos(2 * math.pi * i / len(nodes)),
                        0.5 + 0.5 * math.sin(2 * math.pi * i / len(nodes)),
                    )
                    for i in range(len(nodes))
                ]
            else:
                index = {node: i for i, node in enumerate(nodes)}
                sub = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.subgraph(nodes).edges()])
                raw = sub.layout_fruchterman_reingold(niter=500 if len(nodes) < 5000 else 100).coords
                xs, ys = [c[0] for c in raw], [c[1] for c in raw]
                span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
                coords = [((x - min(xs)) / span, (y - min(ys)) / span) for x, y in raw]
            boxes.append((nodes, coords, side))
    finally:
        ig.set_random_number_generator(random)
    # shelf packing: rows of boxes (with a margin) no wider than the largest box or the square root of the total
    width = max(boxes[0][2], math.sqrt(sum(side * side for _, _, side in boxes)) * 1.3) * 1.2
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, coords, side in boxes:
        cell = side * 1.2
        if x > 0 and x + cell > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (cx, cy) in zip(nodes, coords, strict=True):
            positions[node] = (x + 0.1 * side + cx * side, y + 0.1 * side + cy * side)
        x += cell
        row_height = max(row_height, cell)
    extent = max(max(p[0] for p in positions.values()), max(p[1] for p in positions.values())) or 1.0
    return {node: (px / extent, py / extent) for node, (px, py) in positions.items()}


# -- writers ----------------------------------------------------------------------------------------


def write_graphml(graph: nx.Graph, path: Path) -> None:
    """GraphML with typed attributes (``attr.type`` int, double, string, boolean)."""
    nx.write_graphml(prepare(graph), str(path), encoding="utf-8", prettyprint=True)


def write_gexf(graph: nx.Graph, path: Path) -> None:
    """GEXF 1.2draft, as Gephi reads it."""
    nx.write_gexf(prepare(graph), str(path), encoding="utf-8", prettyprint=True, version="1.2draft")


def node_link(graph: nx.Graph) -> dict[str, Any]:
    """The graph as node-link data in the D3 shape (edges under ``links``)."""
    return nx.node_link_data(prepare(graph), edges="links")


def write_json(graph: nx.Graph, path: Path) -> None:
    """Node-link JSON in the D3 shape (``nodes`` with ``id``, ``links`` with ``source`` and ``target``)."""
    text = json.dumps(node_link(graph), ensure_ascii=False, indent=1, allow_nan=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


def write_csv(graph: nx.Graph, path: Path) -> tuple[Path, Path]:
    """Node and edge tables (see ``csv_paths``), UTF-8, header first, columns in a fixed order."""
    graph = prepare(graph)
    nodes_path, edges_path = csv_paths(path)
    node_columns = _columns(d for _, d in graph.nodes(data=True))
    edge_columns = _columns(d for _, _, d in graph.edges(data=True))
    with nodes_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", *node_columns])
        for node, data in graph.nodes(data=True):
            writer.writerow([node, *(data.get(c, "") for c in node_columns)])
    with edges_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", *edge_columns])
        for u, v, data in graph.edges(data=True):
            writer.writerow([u, v, *(data.get(c, "") for c in edge_columns)])
    return nodes_path, edges_path


_FIRST_COLUMNS = ("label", "kind", "stakeholder_group", "regional_group", "iri", "weight", "events", "event_labels")


def _columns(rows: Any) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    first = [c for c in _FIRST_COLUMNS if c in seen]
    return first + sorted(c for c in seen if c not in first)


def write_png(graph: nx.Graph, path: Path, *, title: str | None = None, seed: int = 0) -> None:
    """A figure of the network, nodes coloured by stakeholder group with a legend, sized by degree."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot as plt
    from matplotlib.lines import Line2D

    figure, axes = plt.subplots(figsize=(10, 8), dpi=120)
    try:
        axes.set_axis_off()
        axes.set_title(title or _title(graph))
        if graph.number_of_nodes() == 0:
            axes.text(0.5, 0.5, "no actors match the filters", ha="center", va="center", fontsize=14)
        else:
            positions = layout(graph, seed=seed)
            keys = {node: colour_key(data) for node, data in graph.nodes(data=True)}
            degrees = dict(graph.degree())
            biggest = max(degrees.values()) or 1
            nx.draw_networkx_edges(graph, positions, ax=axes, alpha=0.25, width=0.6, edge_color="#666666")
            nodes = list(graph.nodes)
            nx.draw_networkx_nodes(
                graph,
                positions,
                nodelist=nodes,
                ax=axes,
                node_color=[_colour(keys[n]) for n in nodes],
                node_size=[30 + 270 * math.sqrt(degrees[n] / biggest) for n in nodes],
                linewidths=0.5,
                edgecolors="#333333",
            )
            if graph.number_of_nodes() <= 60:
                labels = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
                nx.draw_networkx_labels(graph, positions, labels=labels, ax=axes, font_size=7)
            counts = Counter(keys.values())
            handles = [
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=9,
                    markerfacecolor=_colour(key),
                    markeredgecolor="#333333",
                    label=f"{key} ({counts[key]})",
                )
                for key in _legend_order(counts)
            ]
            axes.legend(
                handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="stakeholder group"
            )
        figure.savefig(str(path), format="png", bbox_inches="tight")
    finally:
        plt.close(figure)


def _legend_order(counts: Counter[str]) -> list[str]:
    known = [key for key in COLOURS if key in counts]
    return known + sorted(key for key in counts if key not in COLOURS)


def _title(graph: nx.Graph) -> str:
    projection = graph.graph.get("projection") or "network"
    filters = ", ".join(f"{key} {graph.graph[key]}" for key in Filters.NAMES if graph.graph.get(key) not in ("", None))
    size = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    return (
        f"govgraph {projection} network ({filters}; {size})" if filters else f"govgraph {projection} network ({size})"
    )


def _vendor(name: str) -> str:
    return resources.files("govgraph.network").joinpath("vendor", name).read_text(encoding="utf-8")


def _template() -> str:
    return resources.files("govgraph.network").joinpath("templates", "network.html").read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot close the ``<script>`` element it is inlined into."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def html_data(graph: nx.Graph, *, seed: int = 0) -> dict[str, Any]:
    """What the HTML page draws: nodes with positions, groups and colours; edges with events and evidence."""
    graph = prepare(graph)
    positions = layout(graph, seed=seed)
    degrees = dict(graph.degree())
    scale = 45.0 * math.sqrt(max(graph.number_of_nodes(), 1))
    nodes = []
    for node, data in graph.nodes(data=True):
        key = colour_key(data)
        x, y = positions[node]
        nodes.append(
            {
                "id": str(node),
                "label": str(data.get("label", node)),
                "group": key,
                "kind": data.get("kind", ""),
                "stakeholder_group": data.get("stakeholder_group", ""),
                "regional_group": data.get("regional_group", ""),
                "iri": data.get("iri", ""),
                "degree": degrees[node],
                "betweenness": data.get("betweenness", ""),
                "community": data.get("community", ""),
                "x": round(x * scale, 2),
                "y": round(y * scale, 2),
            }
        )
    edges = [
        {
            "source": str(u),
            "target": str(v),
            "weight": data.get("weight", 1),
            "events": str(data.get("event_labels") or data.get("roles") or ""),
            "evidence": str(data.get("evidence", "")),
        }
        for u, v, data in graph.edges(data=True)
    ]
    counts = Counter(n["group"] for n in nodes)
    legend = [{"group": key, "colour": _colour(key), "count": counts[key]} for key in _legend_order(counts)]
    return {"title": _title(graph), "nodes": nodes, "edges": edges, "legend": legend}


def write_html(graph: nx.Graph, path: Path, *, seed: int = 0) -> None:
    """One self-contained HTML page (Cytoscape.js and the data inlined; no request leaves the page)."""
    data = html_data(graph, seed=seed)
    parts = {
        "TITLE": html.escape(data["title"]),
        "LIBRARY": _script_safe(_vendor("cytoscape.min.js")),
        "DATA": _script_safe(json.dumps(data, ensure_ascii=False, allow_nan=False)),
    }
    # one pass, so nothing inserted is ever taken for a placeholder
    page = re.sub(r"\{\{(TITLE|LIBRARY|DATA)\}\}", lambda match: parts[match.group(1)], _template())
    Path(path).write_text(page, encoding="utf-8")


_WRITERS: dict[ExportFormat, Callable[[nx.Graph, Path], Any]] = {
    ExportFormat.graphml: write_graphml,
    ExportFormat.gexf: write_gexf,
    ExportFormat.json: write_json,
    ExportFormat.csv: write_csv,
    ExportFormat.png: write_png,
    ExportFormat.html: write_html,
}


def export(graph: nx.Graph, path: Path, fmt: ExportFormat | str) -> list[Path]:
    """Write ``graph`` to ``path`` in format ``fmt``; the files written (two for CSV)."""
    kind = ExportFormat(fmt)
    _WRITERS[kind](graph, Path(path))
    return output_paths(Path(path), kind)


def check_writable(output: Path, fmt: ExportFormat | str) -> None:
    """Fail with ``BadInputError`` unless every file of the export can be written — before any work is done.

    The directory must exist and be writable, and no output path may be a directory or a read-only file.
    Nothing is created here.
    """
    for path in output_paths(Path(output), fmt):
        parent = path.parent if str(path.parent) else Path(".")
        if path.is_dir():
            raise BadInputError(f"cannot write {path}: it is a directory")
        if not parent.is_dir():
            raise BadInputError(f"cannot write {path}: the directory {parent} does not exist")
        if path.exists() and not os.access(path, os.W_OK):
            raise BadInputError(f"cannot write {path}: the file is not writable")
        if not path.exists() and not os.access(parent, os.W_OK | os.X_OK):
            raise BadInputError(f"cannot write {path}: the directory {parent} is not writable")


def export_network(
    store: GraphStore,
    projection: Projection | str,
    fmt: ExportFormat | str,
    output: Path,
    filters: Filters | None = None,
    *,
    seed: int = 0,
    k: int | None = None,
    max_event_size: int | None = None,
) -> tuple[nx.Graph, list[Path]]:
    """Project the store, compute the node measures (``annotate``) and write the file(s).

    ``max_event_size`` as in ``project``. Returns the graph and the files written. An empty projection
    still writes a valid, empty file; the caller tells the user (``graph.number_of_nodes() == 0``).
    """
    kind = ExportFormat(fmt)
    check_writable(Path(output), kind)
    graph = project(store, projection, filters, evidence=kind is ExportFormat.html, max_event_size=max_event_size)
    annotate(graph, seed=seed, k=k)
    return graph, export(graph, Path(output), kind)
