"""Network measures for multistakeholder research, on networkx graphs.

networkx is the interface: every function takes a ``networkx.Graph`` and returns plain Python values
(or writes scalar node attributes with ``annotate``). The heavy algorithms (betweenness, eigenvector
centrality, PageRank, community detection) run in igraph / leidenalg, which were several times faster
than networkx here; their results are mapped back to the networkx node keys.

Node attributes default to ``stakeholder_group``; a node whose group is ``""`` (not stated) takes no
part in the group measures (mixing, assortativity, E-I, brokerage): the edges and triads touching it
are left out rather than counted in an invented group.

References
----------
.. [Brandes2001] U. Brandes, "A faster algorithm for betweenness centrality", Journal of
   Mathematical Sociology 25(2), 163–177, 2001.
.. [BrandesPich2007] U. Brandes and C. Pich, "Centrality estimation in large networks",
   International Journal of Bifurcation and Chaos 17(7), 2303–2318, 2007.
.. [Bonacich1987] P. Bonacich, "Power and centrality: a family of measures", American Journal of
   Sociology 92(5), 1170–1182, 1987.
.. [Brin1998] S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web search engine",
   Computer Networks and ISDN Systems 30, 107–117, 1998.
.. [Traag2019] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
   well-connected communities", Scientific Reports 9, 5233, 2019.
.. [Newman2003] M. E. J. Newman, "Mixing patterns in networks", Physical Review E 67, 026126, 2003.
.. [Krackhardt1988] D. Krackhardt and R. N. Stern, "Informal networks and organizational crises: an
   experimental simulation", Social Psychology Quarterly 51(2), 123–140, 1988.
.. [Gould1989] R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach to
   brokerage in transaction networks", Sociological Methodology 19, 89–126, 1989.
.. [Shannon1948] C. E. Shannon, "A mathematical theory of communication", Bell System Technical
   Journal 27, 379–423, 1948.
.. [Pielou1966] E. C. Pielou, "The measurement of diversity in different types of biological
   collections", Journal of Theoretical Biology 13, 131–144, 1966.
"""

from __future__ import annotations

import math
import random
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import igraph as ig
import leidenalg
import networkx as nx

from govgraph.network.projections import ParticipationRecord

__all__ = [
    "BETWEENNESS_EXACT_LIMIT",
    "BROKERAGE_ROLES",
    "annotate",
    "assortativity",
    "betweenness",
    "brokerage",
    "communities",
    "degree",
    "ei_index",
    "eigenvector",
    "event_balance",
    "mixing_matrix",
    "pagerank",
    "to_igraph",
    "weighted_degree",
]



def __getattr__(name: str) -> Any:
    # STAKEHOLDER_GROUPS: the six groups of the extraction contract, read from the SKOS scheme on
    # first use (not at import, which would load the lexicon for every command)
    if name == "STAKEHOLDER_GROUPS":
        from govgraph.extract.lexicon import stakeholder_groups

        return stakeholder_groups()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Gould and Fernandez's five brokerage roles, in their order.
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

#: Above this many nodes ``betweenness`` samples ``k`` sources instead of computing exactly.
BETWEENNESS_EXACT_LIMIT = 5000

GROUP = "stakeholder_group"


def to_igraph(graph: nx.Graph, weight: str | None = "weight") -> tuple[ig.Graph, list[Any]]:
    """The graph as an undirected igraph ``Graph`` and the networkx node keys in igraph's vertex order.

    Edge weights (attribute ``weight``, default 1) become the igraph edge attribute ``weight``.
    """
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    result = ig.Graph(n=len(nodes), edges=edges, directed=False)
    if weight is not None:
        result.es["weight"] = [float(data.get(weight, 1)) for _, _, data in graph.edges(data=True)]
    return result, nodes


def degree(graph: nx.Graph) -> dict[Any, int]:
    """The number of neighbours of each node (for co-participation: the number of co-participants)."""
    return {node: int(d) for node, d in graph.degree()}


def weighted_degree(graph: nx.Graph, weight: str = "weight") -> dict[Any, float]:
    """The sum of the weights of each node's edges ("strength"; for co-participation: shared events summed).

    Reference: A. Barrat et al., "The architecture of complex weighted networks", PNAS 101(11), 2004.
    """
    return {node: float(d) for node, d in graph.degree(weight=weight)}


def betweenness(graph: nx.Graph, *, k: int | None = None, seed: int = 0, normalized: bool = True) -> dict[Any, float]:
    """Shortest-path betweenness centrality, counting hops (edge weights are not distances here).

    The share of shortest paths between other pairs of nodes that pass through a node [Brandes2001],
    normalised as networkx does for undirected graphs (divided by ``(n-1)(n-2)/2``).

    Exact when ``k`` is ``None`` and the graph has at most ``BETWEENNESS_EXACT_LIMIT`` nodes;
    otherwise estimated from ``k`` source nodes drawn with ``random.Random(seed)`` (default
    ``k = 256``), scaled by ``n / k`` [BrandesPich2007] — the same seed always gives the same values.
    Computed by igraph (Brandes' algorithm in C).
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    h, nodes = to_igraph(graph, weight=None)
    if k is None and n > BETWEENNESS_EXACT_LIMIT:
        k = 256
    if k is not None and k < n:
        sources = sorted(random.Random(seed).sample(range(n), k))
        raw = h.betweenness(directed=False, sources=sources)
        raw = [value * n / k for value in raw]
    else:
        raw = h.betweenness(directed=False)
    scale = 2.0 / ((n - 1) * (n - 2)) if normalized and n > 2 else 1.0
    if normalized and n <= 2:
        scale = 0.0
    return {node: float(value) * scale for node, value in zip(nodes, raw, strict=True)}


def eigenvector(graph: nx.Graph, weight: str | None = "weight") -> dict[Any, float]:
    """Eigenvector centrality [Bonacich1987], scaled like networkx's (unit Euclidean norm).

    A node is central when its neighbours are: the entries of the leading eigenvector of the
    (weighted) adjacency matrix. On a disconnected graph the leading eigenvector lives on the
    component with the largest eigenvalue and every other node gets 0, as networkx's converged power
    iteration gives (values below 1e-12 are set to 0). Computed by igraph (ARPACK).
    """
    if graph.number_of_edges() == 0:
        return {node: 0.0 for node in graph}
    h, nodes = to_igraph(graph, weight=weight)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # igraph warns on disconnected graphs
        values = h.eigenvector_centrality(scale=True, weights="weight" if weight else None)
    values = [abs(v) if abs(v) > 1e-12 else 0.0 for v in values]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return {node: v / norm for node, v in zip(nodes, values, strict=True)}


def pagerank(graph: nx.Graph, *, damping: float = 0.85, weight: str | None = "weight") -> dict[Any, float]:
    """PageRank [Brin1998] with damping ``damping``, each undirected edge followed both ways.

    Values sum to 1. Computed by igraph (PRPACK, exact linear solve, so no iteration tolerance).
    """
    if graph.number_of_nodes() == 0:
        return {}
    h, nodes = to_igraph(graph, weight=weight)
    values = h.pagerank(directed=False, damping=damping, weights="weight" if weight else None)
    return {node: float(v) for node, v in zip(nodes, values, strict=True)}


def communities(graph: nx.Graph, *, seed: int = 0, weight: str | None = "weight") -> dict[Any, int]:
    """Leiden communities maximising modularity [Traag2019], seeded so that a run repeats exactly.

    Communities are numbered 0, 1, … by decreasing size, ties by their smallest node key (as a
    string), so the numbers do not depend on the algorithm's internal order. Isolated nodes each
    form a community of their own.
    """
    if graph.number_of_nodes() == 0:
        return {}
    h, nodes = to_igraph(graph, weight=weight)
    partition = leidenalg.find_partition(
        h, leidenalg.ModularityVertexPartition, weights="weight" if weight and h.ecount() else None, seed=seed
    )
    groups = [sorted(str(nodes[i]) for i in members) for members in partition]
    by_key = {str(node): node for node in nodes}
    groups.sort(key=lambda members: (-len(members), members[0]))
    return {by_key[member]: number for number, members in enumerate(groups) for member in members}


def annotate(graph: nx.Graph, *, seed: int = 0, k: int | None = None) -> nx.Graph:
    """Write the centralities and communities into the graph as scalar node attributes, and return it.

    Attributes: ``degree``, ``weighted_degree``, ``betweenness``, ``eigenvector``, ``pagerank``,
    ``community`` (see each function; ``k`` and ``seed`` go to ``betweenness`` and ``communities``).
    """
    measures: dict[str, Mapping[Any, object]] = {
        "degree": degree(graph),
        "weighted_degree": weighted_degree(graph),
        "betweenness": betweenness(graph, k=k, seed=seed),
        "eigenvector": eigenvector(graph),
        "pagerank": pagerank(graph),
        "community": communities(graph, seed=seed),
    }
    for name, values in measures.items():
        nx.set_node_attributes(graph, values, name)
    return graph


# -- stakeholder-group measures ------------------------------------------------------------------


def _group_of(graph: nx.Graph, attribute: str) -> dict[Any, str]:
    return {node: str(data.get(attribute) or "") for node, data in graph.nodes(data=True)}


def mixing_matrix(
    graph: nx.Graph, attribute: str = GROUP, *, weight: str | None = None
) -> tuple[list[str], list[list[float]]]:
    """The group mixing matrix: how many edges join each pair of groups [Newman2003].

    Returns the groups (sorted) and a symmetric matrix ``M`` where ``M[i][j]`` (``i != j``) is the
    number of edges between a node of group ``i`` and one of group ``j`` and ``M[i][i]`` the number
    of edges inside group ``i``; every edge is counted once, so the upper triangle with the diagonal
    sums to the number of edges between grouped nodes. With ``weight``, edge weights are summed
    instead (for co-participation: shared events).
    """
    group = _group_of(graph, attribute)
    groups = sorted({g for g in group.values() if g})
    index = {g: i for i, g in enumerate(groups)}
    matrix = [[0.0 for _ in groups] for _ in groups]
    for u, v, data in graph.edges(data=True):
        a, b = group[u], group[v]
        if not a or not b:
            continue
        value = float(data.get(weight, 1)) if weight else 1.0
        matrix[index[a]][index[b]] += value
        if a != b:
            matrix[index[b]][index[a]] += value
    return groups, matrix


def assortativity(graph: nx.Graph, attribute: str = GROUP) -> float | None:
    """Newman's attribute assortativity coefficient r for a categorical attribute [Newman2003].

    ``r = (Σ_i e_ii − Σ_i a_i b_i) / (1 − Σ_i a_i b_i)`` where ``e_ij`` is the fraction of edge ends
    joining group i to group j (each undirected edge counted in both directions) and ``a_i = b_i =
    Σ_j e_ij``. 1 when edges only join like groups, negative when they prefer unlike ones. ``None``
    when it is undefined (no edge between grouped nodes, or a single group: denominator 0).
    """
    group = _group_of(graph, attribute)
    counts: Counter[tuple[str, str]] = Counter()
    for u, v in graph.edges():
        a, b = group[u], group[v]
        if a and b and u != v:
            counts[(a, b)] += 1
            counts[(b, a)] += 1
    total = sum(counts.values())
    if not total:
        return None
    margins: Counter[str] = Counter()
    for (a, _), value in counts.items():
        margins[a] += value
    trace = sum(value for (a, b), value in counts.items() if a == b) / total
    expected = sum((m / total) ** 2 for m in margins.values())
    if math.isclose(expected, 1.0):
        return None
    return (trace - expected) / (1 - expected)


def ei_index(graph: nx.Graph, attribute: str = GROUP) -> dict[str, Any]:
    """Krackhardt and Stern's E-I index, overall and per group [Krackhardt1988].

    ``EI = (E − I) / (E + I)`` where E counts external ties (between different groups) and I internal
    ties (inside a group): −1 when every tie stays inside the groups, +1 when every tie crosses them.
    Per group g: E is the number of edges from g to other groups, I the number inside g. Edges touching
    a node with no group are left out; a group (or a graph) with no counted edge has ``None``.

    Returns ``{"overall": value, "groups": {group: value}, "external": E, "internal": I}``.
    """
    group = _group_of(graph, attribute)
    external: Counter[str] = Counter()
    internal: Counter[str] = Counter()
    total_external = total_internal = 0
    for u, v in graph.edges():
        a, b = group[u], group[v]
        if not a or not b:
            continue
        if a == b:
            internal[a] += 1
            total_internal += 1
        else:
            external[a] += 1
            external[b] += 1
            total_external += 1

    def ratio(e: int, i: int) -> float | None:
        return (e - i) / (e + i) if e + i else None

    groups = sorted({g for g in group.values() if g})
    return {
        "overall": ratio(total_external, total_internal),
        "groups": {g: ratio(external[g], internal[g]) for g in groups},
        "external": total_external,
        "internal": total_internal,
    }


def brokerage(graph: nx.Graph, attribute: str = GROUP) -> dict[Any, dict[str, int]]:
    """Gould and Fernandez's brokerage roles of every node across groups [Gould1989].

    Gould and Fernandez define brokerage on directed graphs: node B brokers the two-path A → B → C
    when A and C are not directly tied (A → C absent). The role depends on the groups of A, B, C:

    ========================  ===================================
    role                      groups
    ========================  ===================================
    coordinator               A, B and C all in one group
    itinerant (consultant)    A and C in one group, B in another
    representative            B with A, C elsewhere (B speaks for its group)
    gatekeeper                B with C, A elsewhere (B lets others in)
    liaison                   A, B and C in three different groups
    ========================  ===================================

    Co-participation is undirected, so each undirected edge is read as a pair of arcs, as statnet's
    ``sna::brokerage`` does for symmetric data (C. T. Butts, ``sna`` R package): each unordered pair
    {A, C} of non-adjacent neighbours of B gives the two ordered two-paths A → B → C and C → B → A.
    Consequently a coordinator, itinerant or liaison pair counts 2, and a pair with one end in B's group
    counts 1 as representative and 1 as gatekeeper, so those two roles are always equal in undirected
    graphs. Triads with a node of no group are left out.

    Returns ``{node: {role: count, ..., "total": count}}`` for every node.
    """
    group = _group_of(graph, attribute)
    neighbours = {node: {n for n in graph[node] if n != node and group[n]} for node in graph}
    # closed pairs: (A, C) tied to each other and both tied to B — one per triangle corner, found by
    # intersecting the neighbour sets of each edge's ends (set intersection runs in C)
    closed: dict[Any, Counter[tuple[str, str]]] = defaultdict(Counter)
    for a, c in graph.edges():
        if a == c or not group[a] or not group[c]:
            continue
        for b in neighbours[a] & neighbours[c]:
            closed[b][(group[a], group[c])] += 1
            closed[b][(group[c], group[a])] += 1
    result: dict[Any, dict[str, int]] = {}
    for broker in graph:
        counts = dict.fromkeys(BROKERAGE_ROLES, 0)
        b = group[broker]
        if b:
            by_group = Counter(group[n] for n in neighbours[broker])
            # ordered pairs (A, C) of distinct neighbours by the groups of A and C, minus the closed ones
            for ga, na in by_group.items():
                for gc, nc in by_group.items():
                    pairs = na * (nc - 1) if ga == gc else na * nc
                    counts[_role(ga, b, gc)] += pairs - closed[broker][(ga, gc)]
        counts_total = dict(counts)
        counts_total["total"] = sum(counts.values())
        result[broker] = counts_total
    return result


def _role(a: str, b: str, c: str) -> str:
    if a == b == c:
        return "coordinator"
    if a == c:
        return "itinerant"
    if a == b:
        return "representative"
    if b == c:
        return "gatekeeper"
    return "liaison"


def event_balance(
    participations: Iterable[ParticipationRecord],
    *,
    groups: tuple[str, ...] | None = None,
    actors: Mapping[str, str] | None = None,
    kinds: Iterable[str] | None = ("person",),
) -> dict[str, dict[str, Any]]:
    """Per-event stakeholder balance: each group's share of the participants and an entropy index.

    For each event, the participants with a stated group among ``groups`` are counted once each (a participation
    stating several groups counts for each of them, 1/k each). ``shares[g]`` is group g's share of them, and
    ``balance`` is Shannon's entropy of the shares [Shannon1948] divided by its maximum ``ln K`` for ``K =
    len(groups)`` (the scheme's six groups by default), so 0 means one group only and 1 means all six groups in
    equal numbers — Pielou's evenness [Pielou1966] taken over the whole scheme, not only the groups present, so
    an event of two groups cannot look perfectly balanced. Participants whose group is not stated, or not in
    ``groups`` ("Other"), are counted in ``unstated`` and left out of the shares. ``actors`` maps actor IRI →
    kind, and with ``kinds`` only those actors are counted (people, by default: the speakers' balance); with
    ``actors`` ``None`` everyone is counted.

    Returns ``{event IRI: {"participants": n, "stated": s, "unstated": u, "shares": {group: share},
    "balance": value or None}}`` (``None`` when no participant has a group).
    """
    if groups is None:
        from govgraph.extract.lexicon import stakeholder_groups

        groups = stakeholder_groups()
    wanted = set(kinds) if kinds is not None else None
    counts: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(groups, 0.0))
    totals: Counter[str] = Counter()
    unstated: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for record in participations:
        if actors is not None and wanted is not None and actors.get(record.actor) not in wanted:
            continue
        if (record.event, record.actor) in seen:
            continue
        seen.add((record.event, record.actor))
        totals[record.event] += 1
        stated = [g for g in sorted(record.groups) if g in groups]
        if not stated:
            unstated[record.event] += 1
            counts[record.event]
            continue
        for g in stated:
            counts[record.event][g] += 1 / len(stated)
    result: dict[str, dict[str, Any]] = {}
    for event in sorted(counts):
        row = counts[event]
        stated_total = sum(row.values())
        shares = {g: (row[g] / stated_total if stated_total else 0.0) for g in groups}
        entropy = -sum(p * math.log(p) for p in shares.values() if p > 0)
        balance = entropy / math.log(len(groups)) if stated_total and len(groups) > 1 else None
        result[event] = {
            "participants": totals[event],
            "stated": totals[event] - unstated[event],
            "unstated": unstated[event],
            "shares": shares,
            "balance": balance,
        }
    return result
