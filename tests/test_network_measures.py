"""Network measures on small graphs whose values are worked out by hand here, in the comments."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from govgraph.network import measures
from govgraph.network.projections import ParticipationRecord


def grouped(edges: list[tuple[str, str]], groups: dict[str, str], weights: dict[tuple[str, str], int] | None = None):
    graph = nx.Graph()
    for node, group in groups.items():
        graph.add_node(node, stakeholder_group=group, label=node.upper())
    for u, v in edges:
        graph.add_edge(u, v, weight=(weights or {}).get((u, v), 1))
    return graph


# -- centralities -----------------------------------------------------------------------------------


def test_degree_and_weighted_degree():
    # a–b (weight 2), b–c (weight 3): degrees 1, 2, 1; strengths 2, 2 + 3 = 5, 3
    graph = grouped([("a", "b"), ("b", "c")], {"a": "", "b": "", "c": ""}, {("a", "b"): 2, ("b", "c"): 3})
    assert measures.degree(graph) == {"a": 1, "b": 2, "c": 1}
    assert measures.weighted_degree(graph) == {"a": 2.0, "b": 5.0, "c": 3.0}


def test_betweenness_exact_on_a_path():
    # path a–b–c–d. Pairs through b: (a,c), (a,d) = 2; through c: (a,d), (b,d) = 2; a and d: 0.
    # normalised by (n-1)(n-2)/2 = 3·2/2 = 3  →  b = c = 2/3
    graph = nx.path_graph(["a", "b", "c", "d"])
    assert measures.betweenness(graph) == pytest.approx({"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0})
    assert measures.betweenness(graph, normalized=False) == pytest.approx({"a": 0, "b": 2, "c": 2, "d": 0})


def test_betweenness_splits_equal_paths():
    # the 4-cycle a–b–c–d–a: a and c are joined by two shortest paths (via b, via d), each gets 1/2;
    # likewise b–d gives 1/2 to a and 1/2 to c. So every node has 1/2, normalised by 3 → 1/6
    graph = nx.cycle_graph(["a", "b", "c", "d"])
    assert measures.betweenness(graph) == pytest.approx(dict.fromkeys("abcd", 1 / 6))


def test_betweenness_sampled_with_every_source_is_exact_and_repeats():
    # with k = n every node is a source, so the estimate n/k · Σ_sources δ_s(v) is the exact value;
    # with k < n the seed fixes the sample, so two runs agree exactly
    graph = nx.path_graph(["a", "b", "c", "d"])
    graph.add_edge("d", "e")
    assert measures.betweenness(graph, k=5) == pytest.approx(measures.betweenness(graph))
    assert measures.betweenness(graph, k=2, seed=7) == measures.betweenness(graph, k=2, seed=7)


def test_betweenness_sampled_estimate_by_hand():
    # star: centre 0, leaves 1, 2, 3 (n = 4). Exact: the centre lies on the paths of the 3 leaf pairs → 3.
    # Brandes–Pich with k = 1: random.Random(0).sample(range(4), 1) = [3], a leaf. Its dependency on the
    # centre δ_3(0) counts targets 1 and 2 = 2 ordered paths, i.e. 1 undirected pair; scaled by n/k = 4 → 4.
    # (Unbiased: the centre as source gives 0 and each leaf 1, mean 3/4, times 4 = 3 = exact.)
    star = nx.star_graph(3)
    assert measures.betweenness(star, normalized=False) == pytest.approx({0: 3.0, 1: 0.0, 2: 0.0, 3: 0.0})
    assert measures.betweenness(star, k=1, seed=0, normalized=False) == pytest.approx({0: 4.0, 1: 0.0, 2: 0.0, 3: 0.0})


def test_eigenvector_of_a_star():
    # star with centre c and 3 leaves: λ = √3, x_c = √3 · x_leaf; unit norm: 3 x² + 3 x² = 1
    # → x_leaf = 1/√6 ≈ 0.408, x_c = 1/√2 ≈ 0.707 (networkx's scaling)
    graph = nx.star_graph(["c", "l1", "l2", "l3"])
    values = measures.eigenvector(graph)
    assert values["c"] == pytest.approx(1 / math.sqrt(2))
    assert values["l1"] == pytest.approx(1 / math.sqrt(6))
    assert values == pytest.approx(nx.eigenvector_centrality(graph, tol=1e-12, max_iter=1000), abs=1e-6)


def test_pagerank_of_a_three_node_path():
    # leaves l1, l2 and centre c, d = 0.85, n = 3.  l = 0.15/3 + 0.85 · c/2 and c = 0.15/3 + 0.85 · 2l;
    # with c + 2l = 1: l = 0.05 + 0.425 (1 − 2l) → 1.85 l = 0.475 → l = 0.475/1.85 = 0.25676, c = 0.48649
    graph = nx.path_graph(["l1", "c", "l2"])
    values = measures.pagerank(graph)
    assert values["l1"] == pytest.approx(0.475 / 1.85)
    assert values["c"] == pytest.approx(1 - 2 * 0.475 / 1.85)
    assert sum(values.values()) == pytest.approx(1.0)


def test_communities_of_two_triangles_and_a_bridge():
    # two triangles a-b-c and d-e-f joined by c–d: modularity is highest with each triangle a community
    # (Q = 2 · [3/7 − (7/14)²] = 2 · (0.4286 − 0.25) = 0.357, against 0 for one community)
    graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    result = measures.communities(graph, seed=1)
    assert result == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}
    assert measures.communities(graph, seed=1) == result  # seeded: repeats exactly


def test_annotate_writes_scalar_attributes():
    graph = nx.path_graph(["a", "b", "c"])
    measures.annotate(graph)
    assert graph.nodes["b"]["degree"] == 2
    assert graph.nodes["b"]["betweenness"] == pytest.approx(1.0)  # the one pair (a, c), normalised by 1
    assert set(graph.nodes["a"]) == {"degree", "weighted_degree", "betweenness", "eigenvector", "pagerank", "community"}
    assert all(isinstance(v, int | float) for v in graph.nodes["a"].values())


def test_empty_graph_measures():
    graph = nx.Graph()
    measures.annotate(graph)
    assert measures.betweenness(graph) == {}
    assert measures.ei_index(graph) == {"overall": None, "groups": {}, "external": 0, "internal": 0}
    assert measures.assortativity(graph) is None
    assert measures.mixing_matrix(graph) == ([], [])


# -- group measures ---------------------------------------------------------------------------------

# The "kite" used below: groups G (Government), C (Civil Society), P (Private Sector).
#   g1 – g2, g1 – c1, g2 – c1, c1 – c2, c2 – p1, and n1 (no group) – g1
KITE_GROUPS = {
    "g1": "Government",
    "g2": "Government",
    "c1": "Civil Society",
    "c2": "Civil Society",
    "p1": "Private Sector",
    "n1": "",
}
KITE_EDGES = [("g1", "g2"), ("g1", "c1"), ("g2", "c1"), ("c1", "c2"), ("c2", "p1"), ("n1", "g1")]


def kite():
    return grouped(KITE_EDGES, KITE_GROUPS, {("c1", "c2"): 3})


def test_mixing_matrix():
    # groups sorted: Civil Society, Government, Private Sector. Edges (n1–g1 left out, n1 has no group):
    # CS–CS: c1–c2 = 1; CS–Gov: g1–c1, g2–c1 = 2; CS–PS: c2–p1 = 1; Gov–Gov: g1–g2 = 1
    groups, matrix = measures.mixing_matrix(kite())
    assert groups == ["Civil Society", "Government", "Private Sector"]
    assert matrix == [[1, 2, 1], [2, 1, 0], [1, 0, 0]]
    # weighted: c1–c2 has weight 3
    _, weighted = measures.mixing_matrix(kite(), weight="weight")
    assert weighted == [[3, 2, 1], [2, 1, 0], [1, 0, 0]]


def test_assortativity():
    # 5 counted edges, 10 edge ends. e (fractions of ends): CS→CS 2/10, Gov→Gov 2/10,
    # CS→Gov = Gov→CS = 2/10, CS→PS = PS→CS = 1/10.
    # a_CS = 2+2+1 = 5/10, a_Gov = 2+2 = 4/10, a_PS = 1/10. Σ e_ii = 4/10 = 0.4.
    # Σ a_i² = 0.25 + 0.16 + 0.01 = 0.42.  r = (0.4 − 0.42) / (1 − 0.42) = −0.02 / 0.58 = −0.0344828
    assert measures.assortativity(kite()) == pytest.approx(-0.02 / 0.58)
    graph = kite()
    graph.remove_node("n1")  # networkx agrees once the ungrouped node is gone
    assert measures.assortativity(graph) == pytest.approx(
        nx.attribute_assortativity_coefficient(graph, "stakeholder_group")
    )


def test_assortativity_undefined_for_one_group():
    graph = grouped([("a", "b")], {"a": "Academia", "b": "Academia"})
    assert measures.assortativity(graph) is None  # Σ a_i² = 1: 0/0


def test_ei_index():
    # overall: external = g1–c1, g2–c1, c2–p1 = 3; internal = g1–g2, c1–c2 = 2 → (3−2)/5 = 0.2
    # Civil Society: external g1–c1, g2–c1, c2–p1 = 3, internal c1–c2 = 1 → (3−1)/4 = 0.5
    # Government: external g1–c1, g2–c1 = 2, internal g1–g2 = 1 → (2−1)/3 = 1/3
    # Private Sector: external c2–p1 = 1, internal 0 → 1.0
    result = measures.ei_index(kite())
    assert result["overall"] == pytest.approx(0.2)
    assert result["external"] == 3 and result["internal"] == 2
    assert result["groups"] == pytest.approx({"Civil Society": 0.5, "Government": 1 / 3, "Private Sector": 1.0})


def test_ei_index_all_internal_is_minus_one():
    graph = grouped([("a", "b"), ("b", "c")], dict.fromkeys("abc", "Academia"))
    assert measures.ei_index(graph)["overall"] == -1.0


def test_brokerage_roles():
    # Broker c1 (CS), neighbours g1, g2 (Gov), c2 (CS). Unordered pairs of neighbours:
    #   {g1, g2}: tied (g1–g2) → closed, no brokerage
    #   {g1, c2}: open; g1 → c1 → c2: A=Gov, B=CS, C=CS → B with C: gatekeeper;
    #             c2 → c1 → g1: A=CS=B, C=Gov → representative
    #   {g2, c2}: the same: 1 gatekeeper + 1 representative
    # → c1: representative 2, gatekeeper 2, total 4
    # Broker c2 (CS), neighbours c1 (CS), p1 (PS): pair {c1, p1} open →
    #   c1 → c2 → p1 representative, p1 → c2 → c1 gatekeeper → 1 + 1
    # Broker g1 (Gov), neighbours g2, c1, n1: n1 has no group (left out); {g2, c1} tied → nothing
    # Broker g2 (Gov), neighbours g1, c1: tied → nothing. p1, n1: one neighbour each → nothing.
    result = measures.brokerage(kite())
    assert result["c1"] == {
        "coordinator": 0,
        "itinerant": 0,
        "representative": 2,
        "gatekeeper": 2,
        "liaison": 0,
        "total": 4,
    }
    assert result["c2"] == {
        "coordinator": 0,
        "itinerant": 0,
        "representative": 1,
        "gatekeeper": 1,
        "liaison": 0,
        "total": 2,
    }
    for node in ("g1", "g2", "p1", "n1"):
        assert result[node]["total"] == 0


def test_brokerage_coordinator_itinerant_liaison():
    # star around b: a and c in b's group (coordinator pair), d and e in group Y (itinerant for b in X),
    # f in group Z. b in X. Neighbours: a(X), c(X), d(Y), e(Y), f(Z); no ties among them.
    # ordered pairs (A, C) over 5 neighbours: 5·4 = 20
    #   coordinator: (a,c), (c,a) = 2
    #   itinerant: (d,e), (e,d) = 2
    #   representative: A in X, C not: a,c × d,e,f = 6; gatekeeper: the reverse = 6
    #   liaison: A, C in different groups, both not X: (d,f), (e,f), (f,d), (f,e) = 4
    #   2 + 2 + 6 + 6 + 4 = 20 ✓
    groups = {"b": "X", "a": "X", "c": "X", "d": "Y", "e": "Y", "f": "Z"}
    graph = grouped([("b", n) for n in "acdef"], groups)
    assert measures.brokerage(graph)["b"] == {
        "coordinator": 2,
        "itinerant": 2,
        "representative": 6,
        "gatekeeper": 6,
        "liaison": 4,
        "total": 20,
    }


def test_event_balance():
    # E1: Government, Civil Society, Civil Society, Private Sector → shares 1/4, 1/2, 1/4
    #     H = −(¼ ln ¼ + ½ ln ½ + ¼ ln ¼) = ½ ln 4 + ½ ln 2 = 1.5 ln 2 = 1.0397; ln 6 = 1.7918 → 0.58026
    # E2: one Academia participant and one whose group is not stated → shares Academia 1, balance 0
    # E3: only an organisation (people only by default) → no participant, balance None... (not listed)
    # E4: all six groups once each → H = ln 6 → balance 1
    def p(event, actor, *groups):
        return ParticipationRecord(iri=f"{event}/{actor}", actor=actor, event=event, groups=set(groups))

    records = [
        p("E1", "a", "Government"),
        p("E1", "b", "Civil Society"),
        p("E1", "c", "Civil Society"),
        p("E1", "d", "Private Sector"),
        p("E2", "a", "Academia"),
        p("E2", "e"),
        p("E3", "org", "Civil Society"),
        *(p("E4", f"x{i}", g) for i, g in enumerate(measures.STAKEHOLDER_GROUPS)),
    ]
    kinds = {r.actor: "person" for r in records} | {"org": "organisation"}
    result = measures.event_balance(records, actors=kinds)
    assert sorted(result) == ["E1", "E2", "E4"]
    assert result["E1"]["shares"]["Civil Society"] == 0.5
    assert result["E1"]["shares"]["Government"] == 0.25
    assert result["E1"]["balance"] == pytest.approx(1.5 * math.log(2) / math.log(6))
    assert result["E2"] == {
        "participants": 2,
        "stated": 1,
        "unstated": 1,
        "shares": {g: (1.0 if g == "Academia" else 0.0) for g in measures.STAKEHOLDER_GROUPS},
        "balance": 0.0,
    }
    assert result["E4"]["balance"] == pytest.approx(1.0)
    # everyone counted when no kinds are given: E3 appears with one Civil Society organisation
    assert measures.event_balance(records, actors=kinds, kinds=None)["E3"]["balance"] == 0.0
