"""In-context validation equals full validation of store + delta (differential), on the fixtures and
on a generated graph of a few thousand triples; the neighbourhood it fetches does not grow with the
store."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from govgraph.ingest import read_input
from govgraph.store import GraphStore
from govgraph.validate import (
    DELTA_GRAPH,
    ValidationReport,
    load_checks,
    neighbourhood,
    validate_graphs,
    validate_in_context,
)
from govgraph.vocab import ID
from test_validate import FIXED, THREE_MISTAKES, fixture_shapes, make_store

GG = "https://w3id.org/govgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NAME = "http://xmlns.com/foaf/0.1/name"
SNAME = "https://schema.org/name"
DATE = "https://schema.org/startDate"
ROLES = ["speaker", "moderator", "organizer", "rapporteur"]


def _is_global(key: tuple[str, ...]) -> bool:
    return key[4].startswith("global check")


def full_report(store: GraphStore, delta: Graph) -> ValidationReport:
    """pyshacl over everything: the store's every graph plus the delta in a graph of its own."""
    dataset = Dataset()
    dataset.parse(data=store.sorted_nquads(), format="nquads")
    graph = dataset.graph(URIRef(DELTA_GRAPH))
    for triple in delta:
        graph.add(triple)
    return validate_graphs(dataset, shapes=fixture_shapes())


def assert_same_as_full(store: GraphStore, delta: Graph) -> tuple[ValidationReport, ValidationReport]:
    shapes = fixture_shapes()
    in_context = validate_in_context(delta, store, shapes=shapes)
    full = full_report(store, delta)
    _context, focus = neighbourhood(store, delta, shapes=shapes)
    focus_names = {f"id:{str(f)[len(ID) :]}" if str(f).startswith(ID) else str(f) for f in focus}
    delta_subjects = {f"id:{str(s)[len(ID) :]}" for s in delta.subjects() if str(s).startswith(ID)}
    expected_shapes = {r.key() for r in full.results if not _is_global(r.key()) and r.focus_node in focus_names}
    got_shapes = {r.key() for r in in_context.results if not _is_global(r.key())}
    assert got_shapes == expected_shapes
    expected_global = {
        r.key()
        for r in full.results
        if _is_global(r.key()) and ({r.focus_node, *(r.value or "").split(", ")} & delta_subjects)
    }
    got_global = {r.key() for r in in_context.results if _is_global(r.key())}
    assert got_global == expected_global
    return in_context, full


# -- fixtures ------------------------------------------------------------------------------------


def test_three_mistakes_in_context_equals_full_validation(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    delta = read_input(THREE_MISTAKES).graph
    in_context, full = assert_same_as_full(store, delta)
    # the fixture store conforms, so the two runs agree on everything
    assert sorted(r.key() for r in in_context.results) == sorted(r.key() for r in full.results)
    assert len(in_context.results) == 3


def test_delta_touching_store_nodes_sees_their_stored_triples(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    delta = Graph().parse(
        data="@prefix person: <https://w3id.org/govgraph/id/person/> .\n"
        "@prefix pt: <https://w3id.org/govgraph/id/participation/> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "@prefix gg: <https://w3id.org/govgraph/ontology#> .\n"
        'person:david-souter foaf:name "D. Souter" .\n'
        'person:a-esterhuysen a gg:Person ; foaf:name "Anriette Esterhuysen" .\n'
        "pt:p3 a gg:Participation ; gg:participant person:anriette-esterhuysen ;\n"
        "    gg:event <https://w3id.org/govgraph/id/event/igf-2021-ws-257> .\n"
        "pt:p4 a gg:Participation ; gg:participant person:anriette-esterhuysen ;\n"
        "    gg:event <https://w3id.org/govgraph/id/event/igf-2021-ws-257> .\n",
        format="turtle",
    )
    in_context, _full = assert_same_as_full(store, delta)
    assert [(r.focus_node, r.value, r.constraint) for r in in_context.results] == [
        ("id:person/a-esterhuysen", "id:person/anriette-esterhuysen", "global check duplicate-name"),
        ("id:participation/p3", "id:participation/p4", "global check duplicate-participation"),
        ("id:person/david-souter", None, "sh:MaxCountConstraintComponent"),
    ]
    assert in_context.results[1].message == (
        "Anriette Esterhuysen takes part in Multistakeholder engagement in implementation of the Roadmap "
        "through 2 participation nodes (id:participation/p3, id:participation/p4); merge them into one."
    )


def test_replaced_graph_is_left_out_of_the_context(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    graph_iri = f"{ID}document/ingest/workshop-ttl"
    store.replace_graphs({graph_iri: list(read_input(FIXED).graph)})
    changed = tmp_path / "workshop.ttl"
    changed.write_text(
        FIXED.read_text(encoding="utf-8").replace('person:jane-doe a gg:Person ;\n    foaf:name "Jane Doe" .', "")
        + "person:jane-doe a gg:Person .\n",
        encoding="utf-8",
    )
    delta = read_input(changed).graph
    masked = validate_in_context(delta, store, shapes=fixture_shapes(), replacing=())
    seen = validate_in_context(delta, store, shapes=fixture_shapes(), replacing=[graph_iri])
    assert [r.focus_node for r in masked.results] == []  # the old graph still gives jane-doe a name
    assert [(r.focus_node, r.path, r.constraint) for r in seen.results] == [
        ("id:person/jane-doe", "foaf:name", "sh:MinCountConstraintComponent")
    ]


# -- a generated graph ---------------------------------------------------------------------------


def _iri(kind: str, slug: str) -> str:
    return f"<{ID}{kind}/{slug}>"


def generate_store(seed: int, events: int, prefix: str = "") -> str:
    """N-Quads: events with participations in one document graph each, a few mistakes among them."""
    rng = random.Random(seed)
    lines = []
    people = [f"{prefix}person-{i}" for i in range(events * 3)]
    for e in range(events):
        graph = f"<{ID}document/gen/{prefix}doc-{e}>"
        event = _iri("event", f"{prefix}event-{e}")
        lines += [
            f"{event} <{TYPE}> <{GG}Event> {graph} .",
            f'{event} <{SNAME}> "Event {prefix}{e}" {graph} .',
            f'{event} <{DATE}> "20{10 + e % 15:02d}-0{1 + e % 9}-1{e % 10}"^^<{XSD}date> {graph} .',
        ]
        for k in rng.sample(range(len(people)), 4):
            person = _iri("person", people[k])
            participation = _iri("participation", f"{prefix}e{e}-p{k}")
            lines += [
                f"{person} <{TYPE}> <{GG}Person> {graph} .",
                f'{person} <{NAME}> "Person {people[k]}" {graph} .',
                f"{participation} <{TYPE}> <{GG}Participation> {graph} .",
                f"{participation} <{GG}participant> {person} {graph} .",
                f"{participation} <{GG}event> {event} {graph} .",
                f"{participation} <{GG}role> {_iri('role', rng.choice(ROLES))} {graph} .",
            ]
        if e % 17 == 3:  # a mistake already in the store
            lines.append(f"{_iri('participation', f'{prefix}e{e}-bad')} <{TYPE}> <{GG}Participation> {graph} .")
    return "\n".join(lines) + "\n"


def generate_delta(seed: int, events: int) -> Graph:
    """A few hundred triples: new events and people, new participations of stored people in stored
    events (some duplicates), second names, bad dates and roles, a new name equal to a stored one."""
    rng = random.Random(seed)
    lines = []
    for n in range(25):
        event = _iri("event", f"event-{rng.randrange(events)}")
        person = _iri("person", f"person-{rng.randrange(events * 3)}")
        participation = _iri("participation", f"new-{n}")
        role = "panellist" if n % 7 == 0 else rng.choice(ROLES)
        lines += [
            f"{participation} <{TYPE}> <{GG}Participation> .",
            f"{participation} <{GG}participant> {person} .",
            f"{participation} <{GG}event> {event} .",
            f"{participation} <{GG}role> {_iri('role', role)} .",
        ]
    for n in range(15):
        event = _iri("event", f"new-event-{n}")
        lines += [f"{event} <{TYPE}> <{GG}Event> ."]
        if n % 4:
            lines.append(f'{event} <{SNAME}> "New event {n}" .')
        lines.append(f'{event} <{DATE}> "{"2024-05-01" if n % 3 else "May 2024"}" .' if n % 5 == 0 else "")
        for k in range(3):
            person = _iri("person", f"new-person-{n}-{k}")
            participation = _iri("participation", f"new-{n}-{k}")
            lines += [
                f"{person} <{TYPE}> <{GG}Person> .",
                f'{person} <{NAME}> "New person {n}-{k}" .',
                f"{participation} <{TYPE}> <{GG}Participation> .",
                f"{participation} <{GG}participant> {person} .",
                f"{participation} <{GG}event> {event} .",
            ]
    for n in range(5):
        lines.append(f'{_iri("person", f"person-{n * 7}")} <{NAME}> "Another name {n}" .')
        lines.append(f'{_iri("event", f"event-{n * 5}")} <{DATE}> "soon" .')
    twin = _iri("person", "person-twin")
    lines += [f"{twin} <{TYPE}> <{GG}Person> .", f'{twin} <{NAME}> "Person person-11" .']
    return Graph().parse(data="\n".join(line for line in lines if line) + "\n", format="nt")


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    store = make_store(tmp_path_factory.mktemp("generated") / "store")
    store.ox.load(generate_store(7, 120).encode("utf-8"), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    return store


def test_generated_graph_in_context_equals_full(generated_store: GraphStore) -> None:
    delta = generate_delta(11, 120)
    assert len(generated_store) > 5000
    assert 250 < len(delta) < 600
    in_context, full = assert_same_as_full(generated_store, delta)
    counts = in_context.counts_by_severity()
    assert counts["Violation"] > 20
    # the store's own mistakes are not the delta's: the full run has more
    assert len(full.results) > len(in_context.results)
    assert {r.constraint for r in in_context.results} >= {
        "sh:MinCountConstraintComponent",
        "sh:MaxCountConstraintComponent",
        "sh:ClassConstraintComponent",
        "sh:DatatypeConstraintComponent",
        "global check duplicate-name",
    }


def test_neighbourhood_does_not_grow_with_the_store(tmp_path: Path) -> None:
    import pyoxigraph as ox

    small = make_store(tmp_path / "small")
    small.ox.load(generate_store(7, 60).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    large = make_store(tmp_path / "large")
    large.ox.load(generate_store(7, 60).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    large.ox.load(generate_store(8, 600, prefix="other-").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    assert len(large) > 8 * len(small) - 8 * 3000
    delta = generate_delta(11, 60)
    shapes = fixture_shapes()
    context_small, focus_small = neighbourhood(small, delta, shapes=shapes)
    context_large, focus_large = neighbourhood(large, delta, shapes=shapes)
    assert focus_small == focus_large
    assert set(context_small) == set(context_large)


def test_checks_have_headers() -> None:
    checks = {c.name: c for c in load_checks()}
    assert sorted(checks) == ["duplicate-name", "duplicate-participation", "person-listed-twice", "two-mandates"]
    assert {n: c.severity for n, c in checks.items()} == {
        "duplicate-name": "Violation",
        "duplicate-participation": "Violation",
        "person-listed-twice": "Violation",
        "two-mandates": "Warning",
    }
    assert [str(a) for a in checks["duplicate-participation"].anchors] == [GG + "participant"]
    assert checks["two-mandates"].anchors == ()
    assert isinstance(checks["duplicate-name"].path, URIRef)
