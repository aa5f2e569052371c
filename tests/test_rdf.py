"""Records → RDF: the exact graph of a small document, compared by isomorphism with a reviewed file."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from govgraph import records
from govgraph.rdf import document_dataset, document_iri, document_triples, iso_date
from govgraph.vocab import GG, RDF, iri

EXPECTED = Path(__file__).parent / "data" / "rdf" / "small-session.trig"


class SlugResolver:
    """Identity resolution reduced to slugs: enough to test the mapping on its own."""

    def person(self, name: str) -> URIRef:
        return iri("person", name)

    def organisation(self, name: str) -> URIRef:
        return iri("organisation", name)

    def state(self, iso3: str) -> URIRef:
        return iri("state", iso3.lower())

    def state_named(self, name: str) -> URIRef | None:
        return iri("state", "bra") if name == "Brazil" else None


TEXT = "IGF 2021 WS #1\nSpeaker 1: Ana Silva, Civil Society, GRULAC\nModerator: Ana Silva\n"


def span(line: int) -> records.Span:
    lines = TEXT.split("\n")
    start = sum(len(x) + 1 for x in lines[: line - 1])
    return records.Span("test/s.txt", start, start + len(lines[line - 1]), line, lines[line - 1])


def small_document() -> records.Document:
    ana = records.Participant(
        name="Ana Silva", roles=["speaker", "moderator"], stakeholder_group="Civil Society",
        regional_group="GRULAC", affiliation="Coding Rights", evidence=[span(2), span(3)],
    )
    event = records.Event(
        title="A small session", code="IGF 2021 WS #1", date="2021-12-07", format="round-table",
        duration_minutes=90, parent="igf-2021", participants=[ana],
        organisers=[records.Organiser("Coding Rights", evidence=[span(2)])],
        processes=[records.ProcessMention("OEWG", "oewg-2021-2025", "OEWG", 2, span(1))],
        sdg_targets=["17.16"], evidence=span(1),
    )
    return records.Document(
        id="test/s", collection="test", genre="igf-session", title="A small session",
        files=[records.SourceFile("test/s.txt", "0" * 64, "utf-8", TEXT)], events=[event],
    )


def test_document_graph_is_exactly_the_reviewed_one() -> None:
    dataset = document_dataset(small_document(), SlugResolver())
    expected = Dataset()
    expected.parse(EXPECTED, format="trig")
    graph_iri = document_iri("test/s")
    actual_graph = Graph()
    for triple in dataset.graph(graph_iri):
        actual_graph.add(triple)
    expected_graph = Graph()
    for triple in expected.graph(graph_iri):
        expected_graph.add(triple)
    assert len(actual_graph) == len(expected_graph) == 66
    assert isomorphic(actual_graph, expected_graph), "\n".join(
        sorted(t.n3() for t in (to_isomorphic(actual_graph) ^ to_isomorphic(expected_graph)))
    )


def test_one_participation_per_actor_and_event_with_merged_roles() -> None:
    _, triples = document_triples(small_document(), SlugResolver())
    participations = {s for s, p, o in triples if o == GG.Participation}
    assert len(participations) == 2  # Ana Silva (speaker+moderator) and Coding Rights (organizer)
    ana = iri("person", "Ana Silva")
    (ana_participation,) = {s for s, p, o in triples if p == GG.participant and o == ana}
    roles = {o for s, p, o in triples if s == ana_participation and p == GG.role}
    assert roles == {iri("role", "speaker"), iri("role", "moderator")}


def test_mapping_is_deterministic() -> None:
    first = document_triples(small_document(), SlugResolver())
    second = document_triples(small_document(), SlugResolver())
    assert first == second


def test_invalid_dates_never_reach_the_graph() -> None:
    assert iso_date("2019-02-30") is None
    assert iso_date("2019-02-28") == Literal("2019-02-28", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))


def test_an_affiliation_that_is_a_state_is_the_state() -> None:
    document = small_document()
    document.events[0].participants[0].affiliation = "Brazil"
    _, triples = document_triples(document, SlugResolver())
    brazil = iri("state", "bra")
    assert (brazil, RDF.type, GG.State) in triples
    assert not [t for t in triples if t[0] == iri("organisation", "Brazil")]
    assert [o for s, p, o in triples if p == GG.affiliation] == [brazil]
