"""Projections of the fixture graph (tests/data/network/fixture.trig), every value worked out by hand.

The fixture (see its header): E1 igf-2021-ws-1 = Alice, Bob, Carol (+ APC as organiser); E2 OEWG side
event = Alice, Dave, Erin; E3 NETmundial 2014 = Erin, Bob; E4 seeds-s3-1 = Alice, Carol, Dave.
Alice's E2 participation is described in two named graphs.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.errors import BadInputError
from govgraph.network.projections import (
    ActorInfo,
    EventInfo,
    Filters,
    NetworkData,
    ParticipationRecord,
    load_network_data,
    majority,
    organisation_network,
    project,
)
from govgraph.store import GraphStore
from govgraph.vocab import ONTOLOGY_GRAPH

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "network" / "fixture.trig"
ID = "https://w3id.org/govgraph/id/"
ALICE, BOB, CAROL, DAVE, ERIN = (
    ID + "person/" + n for n in ("alice-adeyemi", "bob-becker", "carol-chen", "dave-dlamini", "erin-estrada")
)
APC, ACME, ISOC, DEU = (
    ID + "organisation/apc",
    ID + "organisation/acme",
    ID + "organisation/internet-society",
    (ID + "state/deu"),
)
E1, E2, E3, E4 = (ID + "event/" + n for n in ("igf-2021-ws-1", "oewg-side-event-2022", "netmundial-2014", "seeds-s3-1"))


def fixture_store(path: Path) -> GraphStore:
    """The fixture plus the real concept schemes (in the ontology graph, as a build puts them)."""
    store = GraphStore.create(path)
    store.ox.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    for scheme in sorted((ROOT / "ontology" / "schemes").glob("*.ttl")):
        store.ox.load(path=str(scheme), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    graph_store = fixture_store(tmp_path_factory.mktemp("network") / "store")
    yield graph_store
    graph_store.close()


def edges(graph) -> dict[tuple[str, str], int]:
    return {tuple(sorted((u, v))): data["weight"] for u, v, data in graph.edges(data=True)}


def test_fixture_really_describes_a_participation_twice(store):
    rows = store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://w3id.org/govgraph/id/participation/0000000000000201> "
        "<https://w3id.org/govgraph/ontology#participant> ?a } }"
    )
    assert int(rows[0]["n"]) == 2


def test_person_network(store):
    graph = project(store, "person")
    assert sorted(graph) == sorted([ALICE, BOB, CAROL, DAVE, ERIN])
    # E1 gives a–b, a–c, b–c; E2 a–d, a–e, d–e; E3 b–e; E4 a–c, a–d, c–d → a–c and a–d share 2 events;
    # Alice's duplicated E2 participation still counts once (a–d would be 3, a–e 2 otherwise)
    assert edges(graph) == {
        (ALICE, BOB): 1,
        (ALICE, CAROL): 2,
        (BOB, CAROL): 1,
        (ALICE, DAVE): 2,
        (ALICE, ERIN): 1,
        (DAVE, ERIN): 1,
        (BOB, ERIN): 1,
        (CAROL, DAVE): 1,
    }
    assert graph.edges[ALICE, CAROL]["events"] == f"{E1};{E4}"
    assert graph.edges[ALICE, CAROL]["event_labels"] == "Cyber norms in practice;Norms, rules and principles"
    assert graph.edges[BOB, ERIN]["event_labels"] == "NETmundial 2014"


def test_person_attributes(store):
    graph = project(store, "person")
    alice = graph.nodes[ALICE]
    assert alice == {
        "label": "Alice Adeyemi",
        "kind": "person",
        "stakeholder_group": "Civil Society",
        "regional_group": "WEOG",
        "iri": ALICE,
        "n_events": 3,  # E1, E2 (described twice), E4
    }
    # Erin states Academia at E2 and Civil Society at E3: a tie, broken alphabetically → Academia;
    # her region is stated at E2 (African Group) and only inferred at E3
    assert graph.nodes[ERIN]["stakeholder_group"] == "Academia"
    assert graph.nodes[ERIN]["regional_group"] == "African Group"
    # Bob: stated WEOG at E1, inferred WEOG at E3; Carol never states a region
    assert graph.nodes[BOB]["regional_group"] == "WEOG"
    assert graph.nodes[CAROL]["regional_group"] == ""
    assert graph.nodes[DAVE]["stakeholder_group"] == "Technical Community"


def test_organisation_network(store):
    graph = project(store, "organisation")
    # E1: APC (organiser and Alice's affiliation), Germany (Bob's), Acme (Carol's); E2: APC, ISOC;
    # E3: APC (Erin's), Germany (Bob's); E4: APC, Acme, ISOC
    assert edges(graph) == {
        (ACME, APC): 2,  # E1, E4
        (APC, DEU): 2,  # E1, E3
        (ACME, DEU): 1,  # E1
        (APC, ISOC): 2,  # E2, E4
        (ACME, ISOC): 1,  # E4
    }
    assert graph.nodes[APC]["stakeholder_group"] == "Civil Society"
    assert graph.nodes[APC]["n_events"] == 4
    assert graph.nodes[DEU] | {} == {
        "label": "Germany",
        "kind": "state",
        "stakeholder_group": "Government",
        "regional_group": "WEOG",  # the reference data's membership
        "iri": DEU,
        "n_events": 2,
    }
    assert graph.nodes[ISOC]["stakeholder_group"] == "Technical Community"
    assert graph.nodes[ACME]["stakeholder_group"] == "Private Sector"
    # an organisation's region is its own, not that of the people affiliated with it
    assert graph.nodes[APC]["regional_group"] == ""


def test_bipartite_network(store):
    graph = project(store, "bipartite")
    actors = {n for n, d in graph.nodes(data=True) if d["bipartite"] == 0}
    events = {n for n, d in graph.nodes(data=True) if d["bipartite"] == 1}
    assert actors == {ALICE, BOB, CAROL, DAVE, ERIN, APC}
    assert events == {E1, E2, E3, E4}
    # Alice 3, Bob 2, Carol 2, Dave 2, Erin 2, APC 1 = 12 edges
    assert graph.number_of_edges() == 12
    assert graph.edges[CAROL, E1]["roles"] == "moderator;speaker"
    assert graph.edges[ERIN, E3]["stakeholder_group"] == "Civil Society"
    assert graph.edges[ERIN, E2]["stakeholder_group"] == "Academia"
    assert graph.nodes[E1]["date"] == "2021-12-06"  # its meeting's date: it has none of its own
    assert graph.nodes[E1]["processes"] == "IGF"
    assert graph.nodes[E4]["date"] == ""
    assert graph.nodes[E2]["n_participants"] == 3


def test_process_network(store):
    graph = project(store, "process")
    assert edges(graph) == {
        (ALICE, "process:IGF"): 1,
        (ALICE, "process:OEWG"): 2,  # E2 and E4
        (BOB, "process:IGF"): 1,
        (BOB, "process:NETmundial"): 1,
        (CAROL, "process:IGF"): 1,
        (CAROL, "process:OEWG"): 1,
        (DAVE, "process:OEWG"): 2,
        (ERIN, "process:NETmundial"): 1,
        (ERIN, "process:OEWG"): 1,
        (APC, "process:IGF"): 1,
    }
    assert graph.nodes["process:OEWG"]["kind"] == "process"
    assert graph.nodes["process:OEWG"]["iri"] == ID + "process/oewg"
    assert graph.nodes["process:OEWG"]["label"] == "Open-Ended Working Group on ICTs"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # OEWG: E2 (mention) and E4 (mention)
        (
            Filters(process="oewg"),
            {(ALICE, CAROL): 1, (ALICE, DAVE): 2, (ALICE, ERIN): 1, (CAROL, DAVE): 1, (DAVE, ERIN): 1},
        ),
        # IGF: E1 only, through its meeting's gg:withinProcess
        (Filters(process="IGF"), {(ALICE, BOB): 1, (ALICE, CAROL): 1, (BOB, CAROL): 1}),
        # NETmundial: E3, the meeting's own gg:withinProcess
        (Filters(process="NETmundial"), {(BOB, ERIN): 1}),
        # from 2021: E1 (2021, its meeting's date) and E2 (2022); E4 has no date, E3 is 2014
        (
            Filters(year_from=2021),
            {(ALICE, BOB): 1, (ALICE, CAROL): 1, (BOB, CAROL): 1, (ALICE, DAVE): 1, (ALICE, ERIN): 1, (DAVE, ERIN): 1},
        ),
        (Filters(year_to=2015), {(BOB, ERIN): 1}),
        (Filters(year_from=2022, year_to=2022), {(ALICE, DAVE): 1, (ALICE, ERIN): 1, (DAVE, ERIN): 1}),
        (Filters(collection="netmundial2014"), {(BOB, ERIN): 1}),
        # process and period together: OEWG events in 2022 = E2
        (Filters(process="OEWG", year_from=2022), {(ALICE, DAVE): 1, (ALICE, ERIN): 1, (DAVE, ERIN): 1}),
    ],
)
def test_person_filters(store, filters, expected):
    assert edges(project(store, "person", filters)) == expected


def test_group_filter_keeps_participations_stating_the_group(store):
    # Civil Society is stated by Alice at E1, E2, E4 and by Erin at E3 (not at E2): no shared event
    graph = project(store, "person", Filters(group="civil society"))
    assert sorted(graph) == [ALICE, ERIN]
    assert graph.number_of_edges() == 0
    assert graph.nodes[ERIN]["stakeholder_group"] == "Civil Society"  # her group within the filter


def test_collection_filter_counts_the_ingested_copy(store):
    # the duplicated participation is derived from seeds/s2 in both graphs; the ingested graph's
    # document is in collection "ingest" but the participation says prov:wasDerivedFrom seeds/s2
    assert project(store, "person", Filters(collection="ingest")).number_of_nodes() == 0
    graph = project(store, "person", Filters(collection="seeds"))
    assert edges(graph)[(ALICE, DAVE)] == 2


def test_empty_projection_is_an_empty_graph(store):
    graph = project(store, "organisation", Filters(process="OEWG", year_from=2030))
    assert graph.number_of_nodes() == 0
    assert graph.graph["projection"] == "organisation"


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(process="Martian Council"), "unknown process 'Martian Council' for --process; the store knows"),
        (Filters(group="Aliens"), "unknown stakeholder group 'Aliens' for --group"),
        (Filters(year_from=2024, year_to=2020), "the period is empty: --from 2024 is after --to 2020"),
    ],
)
def test_bad_filters(store, filters, message):
    with pytest.raises(BadInputError, match=message):
        project(store, "person", filters)


def test_unknown_projection_lists_the_valid_ones(store):
    with pytest.raises(BadInputError, match="choose one of person, organisation, bipartite, process"):
        project(store, "people")


def test_filter_value_is_bound_not_spliced(store):
    # a value with quotes and braces stays one literal: no match, no syntax error, no injection
    graph = project(store, "person", Filters(collection='seeds" } UNION { ?p ?x ?y } #'))
    assert graph.number_of_nodes() == 0


def test_evidence_on_edges(store):
    graph = project(store, "person", evidence=True)
    # Alice–Erin share E2: Alice's quote there (described twice, listed once); Erin has none at E2
    assert (
        graph.edges[ALICE, ERIN]["evidence"]
        == "Capacity building for the OEWG: Alice Adeyemi (APC) - Civil Society - WEOG"
    )
    assert graph.edges[BOB, ERIN]["evidence"] == "NETmundial 2014: Entitled by: Erin Estrada"


def test_load_network_data_rows(store):
    data = load_network_data(store)
    # 4 + 3 + 3 + 2 = 12 participations, the duplicated one once
    assert len(data.participations) == 12
    assert len({p.iri for p in data.participations}) == 12


def test_majority_rule():
    assert majority(["b", "a", "b"]) == "b"
    assert majority(["b", "a"]) == "a"  # tie → alphabetical
    assert majority([]) == ""


def test_known_group_of_an_organisation_wins_over_statements():
    # built by hand: ISOC known as Technical Community, but both participations affiliated with it
    # state Civil Society → the curated reference group wins; Acme has no known group → majority
    data = NetworkData(
        filters=Filters(),
        participations=[
            ParticipationRecord("p1", "x", "e1", groups={"Civil Society"}, affiliations={"isoc"}),
            ParticipationRecord("p2", "y", "e1", groups={"Civil Society"}, affiliations={"acme"}),
        ],
        actors={
            "isoc": ActorInfo("isoc", "organisation", "ISOC", known_group="Technical Community"),
            "acme": ActorInfo("acme", "organisation", "Acme"),
            "x": ActorInfo("x", "person", "X"),
            "y": ActorInfo("y", "person", "Y"),
        },
        events={"e1": EventInfo("e1", "E1")},
        process_labels={},
    )
    graph = organisation_network(data)
    assert graph.nodes["isoc"]["stakeholder_group"] == "Technical Community"
    assert graph.nodes["acme"]["stakeholder_group"] == "Civil Society"
    assert graph.edges["acme", "isoc"]["events"] == "e1"


def test_events_larger_than_the_limit_join_nobody(store):
    # with at most 2 people per event, only E3 (Erin, Bob) adds an edge; E1, E2 and E4 have 3 people each
    graph = project(store, "person", max_event_size=2)
    assert edges(graph) == {(BOB, ERIN): 1}
    assert graph.graph["skipped_events"] == ";".join(sorted([E1, E2, E4]))
    assert graph.number_of_nodes() == 5  # everyone keeps a node
    assert graph.nodes[ALICE]["n_events"] == 3  # and their events
    # 0 means no limit, like the default on this small graph
    assert edges(project(store, "person", max_event_size=0)) == edges(project(store, "person"))
    assert project(store, "person").graph["skipped_events"] == ""
