"""``govgraph network stats``: one summary of a projection — size, density, components, top actors by
each centrality, communities, the stakeholder-group mixing table, assortativity, E-I indices,
brokerage across groups and per-event stakeholder balance — as a dictionary (``--format json``) or as
text for a person (``render_text``).
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from govgraph.network.measures import (
    BROKERAGE_ROLES,
    annotate,
    assortativity,
    brokerage,
    ei_index,
    event_balance,
    mixing_matrix,
)
from govgraph.network.projections import BUILDERS, MAX_EVENT_SIZE, Filters, Projection, load_network_data
from govgraph.store import GraphStore

__all__ = ["CENTRALITIES", "network_stats", "render_text", "summarise"]

#: The centralities ranked in the summary, in the order printed.
CENTRALITIES = ("degree", "weighted_degree", "betweenness", "eigenvector", "pagerank")


def summarise(graph: nx.Graph, *, top: int = 10, seed: int = 0, k: int | None = None) -> dict[str, Any]:
    """The summary of an (annotated or not) graph as plain JSON-ready values.

    Keys: ``nodes``, ``edges``, ``density``, ``components``, ``largest_component``, ``communities``,
    ``top`` (per centrality: ``top`` actors as ``{"id", "label", "stakeholder_group", "value"}``,
    highest first, ties by label then id), ``groups`` (nodes per stakeholder group), ``mixing``
    (``{"groups", "matrix"}``, see ``mixing_matrix``), ``assortativity``, ``ei_index`` and
    ``brokerage`` (per role, the total over all nodes, and the ``top`` brokers by total).
    """
    if "degree" not in next(iter(graph.nodes.values()), {"degree": 0}):
        annotate(graph, seed=seed, k=k)
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    groups: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        key = data.get("stakeholder_group") or ""
        groups[key] = groups.get(key, 0) + 1

    def ranked(attribute: str) -> list[dict[str, Any]]:
        rows = sorted(
            graph.nodes(data=True),
            key=lambda item: (-float(item[1].get(attribute, 0)), str(item[1].get("label", item[0])), str(item[0])),
        )
        return [
            {
                "id": node,
                "label": str(data.get("label", node)),
                "stakeholder_group": data.get("stakeholder_group", ""),
                "value": data.get(attribute, 0),
            }
            for node, data in rows[:top]
        ]

    names, matrix = mixing_matrix(graph)
    roles = brokerage(graph)
    broker_rows = sorted(
        ((counts["total"], str(graph.nodes[node].get("label", node)), str(node)) for node, counts in roles.items()),
        key=lambda row: (-row[0], row[1], row[2]),
    )
    return {
        "projection": graph.graph.get("projection", ""),
        "filters": {key: graph.graph[key] for key in Filters.NAMES if graph.graph.get(key) not in ("", None)},
        "skipped_events": [e for e in str(graph.graph.get("skipped_events", "")).split(";") if e],
        "nodes": n,
        "edges": m,
        "density": nx.density(graph) if n > 1 else 0.0,
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "communities": len({data.get("community") for _, data in graph.nodes(data=True)}) if n else 0,
        "groups": dict(sorted(groups.items())),
        "top": {name: ranked(name) for name in CENTRALITIES},
        "mixing": {"groups": names, "matrix": matrix},
        "assortativity": assortativity(graph),
        "ei_index": ei_index(graph),
        "brokerage": {
            "roles": {role: sum(counts[role] for counts in roles.values()) for role in BROKERAGE_ROLES},
            "top": [
                {"id": node, "label": label, "total": total, **{r: roles[node][r] for r in BROKERAGE_ROLES}}
                for total, label, node in broker_rows[:top]
                if total > 0
            ],
        },
    }


def network_stats(
    store: GraphStore,
    projection: Projection | str = Projection.person,
    filters: Filters | None = None,
    *,
    top: int = 10,
    seed: int = 0,
    k: int | None = None,
    max_event_size: int | None = None,
) -> dict[str, Any]:
    """Project the store and summarise the network (``summarise``), with per-event stakeholder balance.

    ``event_balance`` summarises ``event_balance`` over the people taking part in the projection's
    events: the number of events, the mean balance index and the ``top`` least and most balanced events.
    """
    data = load_network_data(store, filters)
    limit = MAX_EVENT_SIZE if max_event_size is None else (max_event_size or None)
    graph = BUILDERS[Projection(projection)](data, max_event_size=limit)
    summary = summarise(graph, top=top, seed=seed, k=k)
    kinds = {iri: info.kind for iri, info in data.actors.items()}
    balance = event_balance(data.participations, actors=kinds)
    rows = sorted(
        (
            (row["balance"], data.events[event].label, event)
            for event, row in balance.items()
            if row["balance"] is not None
        ),
        key=lambda row: (row[0], row[1], row[2]),
    )
    summary["event_balance"] = {
        "events": len(balance),
        "mean": sum(r[0] for r in rows) / len(rows) if rows else None,
        "least_balanced": [
            {"event": e, "label": label, "balance": b, **_shares(balance[e])} for b, label, e in rows[:top]
        ],
        "most_balanced": [
            {"event": e, "label": label, "balance": b, **_shares(balance[e])} for b, label, e in reversed(rows[-top:])
        ],
    }
    return summary


def _shares(row: dict[str, Any]) -> dict[str, Any]:
    return {"participants": row["participants"], "shares": {g: s for g, s in row["shares"].items() if s}}


def _number(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_text(summary: dict[str, Any]) -> str:
    """The summary as plain text for a terminal."""
    lines: list[str] = []
    filters = ", ".join(f"{k} {v}" for k, v in summary["filters"].items())
    lines.append(f"{summary['projection']} network" + (f" ({filters})" if filters else ""))
    if summary.get("skipped_events"):
        lines.append(
            f"{len(summary['skipped_events'])} event(s) too large to join their participants "
            f"(--max-event-size): {'; '.join(summary['skipped_events'][:5])}"
        )
    if summary["nodes"] == 0:
        lines.append("no actors match the filters: the network is empty")
        return "\n".join(lines) + "\n"
    lines.append(
        f"nodes {summary['nodes']}  edges {summary['edges']}  density {_number(summary['density'], 4)}  "
        f"components {summary['components']} (largest {summary['largest_component']})  "
        f"communities {summary['communities']}"
    )
    lines.append("")
    lines.append("nodes per stakeholder group")
    for group, count in summary["groups"].items():
        lines.append(f"  {group or '(not stated)':<32} {count}")
    for name, rows in summary["top"].items():
        lines.append("")
        lines.append(f"top by {name.replace('_', ' ')}")
        for row in rows:
            group = f" [{row['stakeholder_group']}]" if row["stakeholder_group"] else ""
            lines.append(f"  {_number(row['value'], 4):>10}  {row['label']}{group}")
    groups, matrix = summary["mixing"]["groups"], summary["mixing"]["matrix"]
    if groups:
        lines.append("")
        lines.append("stakeholder-group mixing (edges between groups; columns numbered as the rows)")
        lines.append("  " + " " * 34 + "".join(f"{f'[{i + 1}]':>7}" for i in range(len(groups))))
        for i, (group, row) in enumerate(zip(groups, matrix, strict=True)):
            lines.append(f"  [{i + 1}] {group:<30}" + "".join(f"{_number(v, 0):>7}" for v in row))
    lines.append("")
    lines.append(f"attribute assortativity (stakeholder group): {_number(summary['assortativity'])}")
    ei = summary["ei_index"]
    lines.append(f"E-I index overall: {_number(ei['overall'])}  (external {ei['external']}, internal {ei['internal']})")
    for group, value in ei["groups"].items():
        lines.append(f"  {group:<30} {_number(value)}")
    lines.append("")
    roles = summary["brokerage"]["roles"]
    lines.append(
        "brokerage across groups (Gould–Fernandez; ordered two-paths): "
        + ", ".join(f"{role} {count}" for role, count in roles.items())
    )
    for row in summary["brokerage"]["top"]:
        lines.append(f"  {row['total']:>8}  {row['label']}")
    balance = summary.get("event_balance")
    if balance:
        lines.append("")
        lines.append(
            f"stakeholder balance of events (normalised entropy, 0 one group … 1 all six even): "
            f"{balance['events']} events, mean {_number(balance['mean'])}"
        )
        for row in balance["least_balanced"][:5]:
            lines.append(f"  {_number(row['balance'])}  {row['label']}")
    return "\n".join(lines) + "\n"
