"""Exports round-trip: every format is parsed back and compared with the graph that was written."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.errors import BadInputError
from govgraph.network import exports, measures
from govgraph.network.exports import ExportFormat, check_writable, csv_paths, export, export_network, prepare
from govgraph.network.projections import Filters, project
from test_network_projections import ALICE, BOB, CAROL, DAVE, E1, E4, ERIN, fixture_store

PERSONS = sorted([ALICE, BOB, CAROL, DAVE, ERIN])


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("network-exports") / "store"
    fixture_store(path).close()
    return path


@pytest.fixture(scope="module")
def store(store_path):
    from govgraph.store import GraphStore

    graph_store = GraphStore.open(store_path, read_only=True)
    yield graph_store
    graph_store.close()


@pytest.fixture(scope="module")
def person_graph(store):
    return measures.annotate(project(store, "person", evidence=True))


def assert_same_attributes(actual: dict, expected: dict):
    assert set(actual) == set(expected)
    for key, value in expected.items():
        if isinstance(value, float):
            assert actual[key] == pytest.approx(value, rel=1e-12), key
        else:
            assert actual[key] == value, key


def test_graphml_round_trip(tmp_path, person_graph):
    path = tmp_path / "person.graphml"
    export(person_graph, path, "graphml")
    back = nx.read_graphml(path)
    assert sorted(back) == PERSONS
    assert {tuple(sorted(e)) for e in back.edges()} == {tuple(sorted(e)) for e in person_graph.edges()}
    for node, data in person_graph.nodes(data=True):
        assert_same_attributes(back.nodes[node], data)
    for u, v, data in person_graph.edges(data=True):
        assert_same_attributes(back.edges[u, v], data)
    assert back.edges[ALICE, CAROL]["weight"] == 2  # stays an integer
    assert back.edges[ALICE, CAROL]["events"] == f"{E1};{E4}"
    assert back.graph["projection"] == "person"


def test_gexf_round_trip(tmp_path, person_graph):
    path = tmp_path / "person.gexf"
    export(person_graph, path, "gexf")
    back = nx.read_gexf(path)
    assert sorted(back) == PERSONS
    for node, data in person_graph.nodes(data=True):
        assert_same_attributes(back.nodes[node], data)
    for u, v, data in person_graph.edges(data=True):
        got = dict(back.edges[u, v])
        got.pop("id")  # GEXF numbers its edges
        # GEXF's own weight attribute is a float
        assert_same_attributes(got, {**data, "weight": float(data["weight"])})
    assert 'xmlns="http://www.gexf.net/1.2draft"' in path.read_text(encoding="utf-8")


def test_d3_json_has_links(tmp_path, person_graph):
    path = tmp_path / "person.json"
    export(person_graph, path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"directed", "multigraph", "graph", "nodes", "links"}
    assert sorted(n["id"] for n in data["nodes"]) == PERSONS
    assert len(data["links"]) == 8
    link = next(x for x in data["links"] if {x["source"], x["target"]} == {ALICE, CAROL})
    assert link["weight"] == 2 and link["event_labels"] == "Cyber norms in practice;Norms, rules and principles"
    back = nx.node_link_graph(data, edges="links")
    for node, attributes in person_graph.nodes(data=True):
        assert_same_attributes(back.nodes[node], attributes)


def test_csv_tables(tmp_path, person_graph):
    nodes_path, edges_path = export(person_graph, tmp_path / "person.csv", "csv")
    assert (nodes_path.name, edges_path.name) == ("person-nodes.csv", "person-edges.csv")
    with nodes_path.open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with edges_path.open(encoding="utf-8", newline="") as handle:
        edge_rows = list(csv.DictReader(handle))
    assert sorted(row["id"] for row in nodes) == PERSONS
    header = list(nodes[0])
    assert header[:6] == ["id", "label", "kind", "stakeholder_group", "regional_group", "iri"]
    erin = next(row for row in nodes if row["id"] == ERIN)
    assert (erin["label"], erin["stakeholder_group"], erin["degree"]) == ("Erin Estrada", "Academia", "3")
    assert len(edge_rows) == 8
    assert list(edge_rows[0])[:5] == ["source", "target", "weight", "events", "event_labels"]
    pair = next(r for r in edge_rows if {r["source"], r["target"]} == {ALICE, CAROL})
    assert pair["weight"] == "2" and pair["events"] == f"{E1};{E4}"
    # evidence keeps its line breaks inside one quoted cell
    assert "\n" not in pair["events"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("net.csv", ("net-nodes.csv", "net-edges.csv")),
        ("net", ("net-nodes.csv", "net-edges.csv")),
        ("a.b.CSV", ("a.b-nodes.csv", "a.b-edges.csv")),
    ],
)
def test_csv_paths(name, expected):
    assert tuple(p.name for p in csv_paths(Path("/x") / name)) == expected


def test_png_coloured_by_group(tmp_path, person_graph):
    from matplotlib import image

    path = tmp_path / "person.png"
    export(person_graph, path, "png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = image.imread(str(path))[:, :, :3]

    def present(hex_colour: str) -> bool:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        return bool((abs(pixels - rgb).max(axis=2) < 0.01).any())

    # each of the five groups of the fixture appears (nodes and legend); Intergovernmental does not
    for group in ("Government", "Civil Society", "Private Sector", "Technical Community", "Academia"):
        assert present(exports.COLOURS[group]), group
    assert not present(exports.COLOURS["Intergovernmental Organization"])


def test_html_is_self_contained(tmp_path, person_graph):
    path = tmp_path / "person.html"
    export(person_graph, path, "html")
    page = path.read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page
    assert "default-src 'none'" in page  # the Content-Security-Policy forbids any request
    assert "cytoscape" in page
    data = json.loads(page.split('<script id="graph-data" type="application/json">', 1)[1].split("</script>", 1)[0])
    assert sorted(n["id"] for n in data["nodes"]) == PERSONS
    assert len(data["edges"]) == 8
    erin = next(n for n in data["nodes"] if n["id"] == ERIN)
    assert (erin["group"], erin["degree"]) == ("Academia", 3)
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {BOB, ERIN})
    assert edge["evidence"] == "NETmundial 2014: Entitled by: Erin Estrada"
    assert [entry["group"] for entry in data["legend"]] == [
        "Government",
        "Civil Society",
        "Private Sector",
        "Technical Community",
        "Academia",
    ]


def test_html_cannot_be_broken_out_of_by_data(tmp_path):
    graph = nx.Graph()
    graph.add_node("x", label="</script><script>alert(1)</script>", stakeholder_group="", kind="person")
    path = tmp_path / "x.html"
    export(graph, path, "html")
    page = path.read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in page
    assert page.count("</script>") == 3  # data, library, application


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_empty_graph_gives_valid_empty_files(tmp_path, store, fmt):
    graph = measures.annotate(project(store, "person", Filters(process="OEWG", year_from=2030)))
    assert graph.number_of_nodes() == 0
    written = export(graph, tmp_path / f"empty.{fmt.value}", fmt)
    for path in written:
        assert path.stat().st_size > 0
    if fmt is ExportFormat.graphml:
        assert nx.read_graphml(written[0]).number_of_nodes() == 0
    elif fmt is ExportFormat.gexf:
        assert nx.read_gexf(written[0]).number_of_nodes() == 0
    elif fmt is ExportFormat.json:
        assert json.loads(written[0].read_text(encoding="utf-8"))["links"] == []
    elif fmt is ExportFormat.csv:
        assert written[0].read_text(encoding="utf-8").splitlines() == ["id"]
        assert written[1].read_text(encoding="utf-8").splitlines() == ["source,target"]
    elif fmt is ExportFormat.png:
        assert written[0].read_bytes()[:4] == b"\x89PNG"
    else:
        assert '"nodes": []' in written[0].read_text(encoding="utf-8")


def test_prepare_makes_attributes_scalar():
    graph = nx.Graph()
    graph.add_node("a", groups={"b", "a"}, missing=None, n=1)
    graph.add_edge("a", "b", events=["e2", "e1"])
    prepared = prepare(graph)
    assert prepared.nodes["a"] == {"groups": "a;b", "missing": "", "n": 1}
    assert prepared.edges["a", "b"] == {"events": "e1;e2"}


def test_check_writable(tmp_path):
    with pytest.raises(BadInputError, match="does not exist"):
        check_writable(tmp_path / "missing" / "x.gexf", "gexf")
    with pytest.raises(BadInputError, match="is a directory"):
        check_writable(tmp_path, "graphml")
    (tmp_path / "net-edges.csv").mkdir()
    with pytest.raises(BadInputError, match=r"net-edges\.csv: it is a directory"):
        check_writable(tmp_path / "net.csv", "csv")
    check_writable(tmp_path / "fine.gexf", "gexf")
    assert not (tmp_path / "fine.gexf").exists()  # nothing is created by the check


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only directories")
def test_check_writable_read_only_directory(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(BadInputError, match="is not writable"):
            check_writable(locked / "x.gexf", "gexf")
    finally:
        locked.chmod(0o700)


def test_export_network(tmp_path, store):
    graph, written = export_network(store, "bipartite", "gexf", tmp_path / "b.gexf")
    assert written == [tmp_path / "b.gexf"]
    back = nx.read_gexf(written[0])
    assert back.number_of_nodes() == 10 and back.number_of_edges() == 12
    assert back.nodes[ALICE]["degree"] == 3  # E1, E2, E4
    assert graph.nodes[ALICE]["bipartite"] == 0


# -- command line ------------------------------------------------------------------------------


runner = CliRunner()


def test_cli_export(tmp_path, store_path):
    output = tmp_path / "org.graphml"
    result = runner.invoke(
        app, ["network", "export", "-p", "organisation", "-f", "graphml", "-o", str(output), "--store", str(store_path)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote the organisation network (4 nodes, 5 edges) as graphml" in result.output
    assert nx.read_graphml(output).number_of_edges() == 5


def test_cli_export_with_filters(tmp_path, store_path):
    output = tmp_path / "p.json"
    result = runner.invoke(
        app,
        [
            "network",
            "export",
            "-f",
            "json",
            "-o",
            str(output),
            "--store",
            str(store_path),
            "--process",
            "OEWG",
            "--from",
            "2022",
            "--to",
            "2022",
            "--collection",
            "seeds",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(output.read_text(encoding="utf-8"))
    assert sorted(n["id"] for n in data["nodes"]) == sorted([ALICE, DAVE, ERIN])
    assert data["graph"]["process"] == "OEWG" and data["graph"]["from"] == 2022


def test_cli_empty_projection_says_so_and_writes_a_file(tmp_path, store_path):
    output = tmp_path / "empty.gexf"
    result = runner.invoke(
        app,
        [
            "network",
            "export",
            "-f",
            "gexf",
            "-o",
            str(output),
            "--store",
            str(store_path),
            "--group",
            "Academia",
            "--process",
            "IGF",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "no actors match the filters" in result.output
    assert nx.read_gexf(output).number_of_nodes() == 0


def test_cli_unknown_projection_and_format_list_the_valid_ones(tmp_path, store_path):
    result = runner.invoke(app, ["network", "export", "-p", "people", "-f", "gexf", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "person" in result.output and "organisation" in result.output and "bipartite" in result.output
    result = runner.invoke(app, ["network", "export", "-f", "pdf", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    for fmt in ExportFormat:
        assert fmt.value in result.output


def test_cli_unwritable_output_fails_before_any_work(tmp_path):
    # the store does not exist either: failing on the output path proves it was checked first
    result = runner.invoke(
        app,
        [
            "network",
            "export",
            "-f",
            "gexf",
            "-o",
            str(tmp_path / "nowhere" / "x.gexf"),
            "--store",
            str(tmp_path / "no-store"),
        ],
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, BadInputError)
    assert "does not exist" in str(result.exception)


def test_cli_stats_json(store_path):
    result = runner.invoke(app, ["network", "stats", "--format", "json", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["nodes"], summary["edges"], summary["components"]) == (5, 8, 1)
    assert summary["density"] == pytest.approx(8 / 10)  # 8 of the 5·4/2 = 10 possible edges
    assert summary["top"]["degree"][0] == {
        "id": ALICE,
        "label": "Alice Adeyemi",
        "stakeholder_group": "Civil Society",
        "value": 4,
    }
    # every person is in a different group: all 8 edges external → E-I = (8 − 0)/8 = 1
    assert summary["ei_index"]["overall"] == 1.0
    # Alice brokers the open pairs {Bob, Dave} and {Carol, Erin}: 2 pairs × 2 orders = 4, all liaison
    # (three different groups); each other person brokers one open pair (Bob: {Carol, Erin}; Carol:
    # {Bob, Dave}; Dave: {Carol, Erin}; Erin: {Bob, Dave}) → 4 × 2 more
    assert summary["brokerage"]["roles"]["liaison"] == 4 + 4 * 2
    assert summary["event_balance"]["events"] == 4


def test_cli_stats_text(store_path):
    result = runner.invoke(app, ["network", "stats", "-p", "organisation", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("organisation network\nnodes 4  edges 5  density 0.8333")
    assert "E-I index overall: 1.000" in result.output
