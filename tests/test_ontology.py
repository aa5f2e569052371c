"""The ontology, the concept schemes and the shapes run over them and the reference data."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from govgraph.vocab import GG, iri

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "govgraph.ttl"
SCHEMES = sorted((ROOT / "ontology" / "schemes").glob("*.ttl"))
REFERENCE = sorted((ROOT / "data" / "reference").glob("*.ttl"))
SCHEME = "https://w3id.org/govgraph/id/scheme/"

CONTRACT = {
    "stakeholder-group": (GG.StakeholderGroup, {
        "Government", "Civil Society", "Private Sector", "Technical Community",
        "Intergovernmental Organization", "Academia", "Other",
    }),
    "regional-group": (GG.RegionalGroup, {
        "African Group", "Asia-Pacific Group", "Eastern European Group", "GRULAC", "WEOG",
    }),
    "role": (GG.Role, {
        "organizer", "speaker", "moderator", "online_moderator", "rapporteur", "co_chair", "contributor",
    }),
    "process": (GG.Process, {
        "OEWG", "GGE", "AHC", "UNCC", "WSIS", "WSIS+10", "NETmundial", "IGF", "Roadmap", "GDC",
        "PermanentMechanism",
    }),
    "genre": (GG.Genre, {
        "igf-session", "event-page", "network-events-page", "netmundial-contribution", "ingested-rdf",
    }),
    "track": (GG.Track, {"principles", "roadmap", "combined"}),
}


@cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


@cache
def schemes() -> Graph:
    graph = Graph()
    for path in SCHEMES:
        graph.parse(path)
    return graph


@cache
def reference() -> Graph:
    graph = Graph()
    for path in REFERENCE:
        graph.parse(path)
    return graph


def concepts(cls: URIRef) -> dict[str, URIRef]:
    g = schemes()
    return {str(g.value(c, SKOS.notation)): c for c in g.subjects(RDF.type, cls)}


def test_ontology_parses_with_version() -> None:
    g = ontology()
    onto = URIRef("https://w3id.org/govgraph/ontology")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionIRI) is not None


def test_every_gg_term_is_labelled_and_defined() -> None:
    g = ontology()
    terms = {
        s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in g.subjects(RDF.type, kind) if str(s).startswith(str(GG))
    }
    assert len(terms) > 60
    unlabelled = sorted(str(t) for t in terms if g.value(t, RDFS.label) is None)
    undefined = sorted(str(t) for t in terms if g.value(t, SKOS.definition) is None)
    assert unlabelled == []
    assert undefined == []


def test_every_scheme_file_parses_and_has_one_scheme() -> None:
    names = sorted(p.stem for p in SCHEMES)
    assert names == [
        "event-formats", "genres", "processes", "regional-groups", "roles", "sdgs",
        "stakeholder-groups", "tracks",
    ]
    for path in SCHEMES:
        g = Graph().parse(path)
        assert len(list(g.subjects(RDF.type, SKOS.ConceptScheme))) == 1, path.name


@pytest.mark.parametrize("scheme", sorted(CONTRACT))
def test_scheme_has_exactly_the_contract_notations(scheme: str) -> None:
    cls, expected = CONTRACT[scheme]
    found = concepts(cls)
    assert set(found) == expected
    g = schemes()
    for notation, concept in found.items():
        kind = "stakeholder-group" if scheme == "stakeholder-group" else scheme
        assert concept == iri(kind, notation), notation
        assert (concept, SKOS.inScheme, URIRef(SCHEME + scheme)) in g
        assert (concept, RDF.type, SKOS.Concept) in g
        assert (URIRef(SCHEME + scheme), SKOS.hasTopConcept, concept) in g


def test_concept_iris_follow_the_model() -> None:
    assert iri("stakeholder-group", "Civil Society") in concepts(GG.StakeholderGroup).values()
    assert concepts(GG.StakeholderGroup)["Civil Society"] == URIRef(
        "https://w3id.org/govgraph/id/stakeholder-group/civil-society")
    assert concepts(GG.RegionalGroup)["WEOG"] == URIRef("https://w3id.org/govgraph/id/regional-group/weog")
    assert concepts(GG.Role)["online_moderator"] == URIRef("https://w3id.org/govgraph/id/role/online-moderator")
    assert concepts(GG.Process)["WSIS+10"] == URIRef("https://w3id.org/govgraph/id/process/wsis-10")


def test_every_concept_has_label_notation_scheme_definition() -> None:
    g = schemes()
    all_concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(all_concepts) == 7 + 5 + 7 + 11 + 20 + 17 + 169 + 5 + 3
    for c in all_concepts:
        assert len([lb for lb in g.objects(c, SKOS.prefLabel) if lb.language == "en"]) == 1, c
        assert len(list(g.objects(c, SKOS.notation))) == 1, c
        assert g.value(c, SKOS.inScheme) is not None, c
        assert g.value(c, SKOS.definition) is not None, c
    for s in g.subjects(RDF.type, SKOS.ConceptScheme):
        assert g.value(s, RDFS.label) is not None and g.value(s, SKOS.definition) is not None, s
        assert g.value(s, SKOS.hasTopConcept) is not None, s


def test_labels_are_disjoint_per_concept() -> None:
    """SKOS: a concept's pref, alt and hidden labels do not repeat one another."""
    g = schemes()
    for c in set(g.subjects(RDF.type, SKOS.Concept)):
        pref = set(g.objects(c, SKOS.prefLabel))
        alt = set(g.objects(c, SKOS.altLabel))
        hidden = set(g.objects(c, SKOS.hiddenLabel))
        assert not pref & alt and not pref & hidden and not alt & hidden, c


def test_visible_labels_name_one_process_only() -> None:
    """No visible label (case-folded) of one process is a visible label of another."""
    g = schemes()
    owner: dict[str, str] = {}
    for notation, c in concepts(GG.Process).items():
        for label in [*g.objects(c, SKOS.prefLabel), *g.objects(c, SKOS.altLabel), Literal(notation)]:
            key = str(label).casefold()
            assert owner.setdefault(key, notation) == notation, (str(label), owner[key], notation)


GGE_2019 = "Group of Governmental Experts on Advancing responsible State behaviour in cyberspace in the context of international security"  # noqa: E501
OEWG_2019 = "Open-Ended Working Group on developments in the field of information and telecommunications in the context of international security"  # noqa: E501
OEWG_2021 = "Open-ended working group on security of and in the use of information and communications technologies"
AHC_FULL = "Ad Hoc Committee to Elaborate a Comprehensive International Convention on Countering the Use of Information and Communications Technologies for Criminal Purposes"  # noqa: E501


@pytest.mark.parametrize(("notation", "label", "kind"), [
    ("GGE", "UNGGE", SKOS.altLabel),
    ("GGE", "UN GGE", SKOS.altLabel),
    ("GGE", GGE_2019, SKOS.altLabel),
    ("OEWG", OEWG_2019, SKOS.altLabel),
    ("OEWG", OEWG_2021, SKOS.altLabel),
    ("OEWG", "Groupe de travail à composition non limitée", SKOS.altLabel),
    ("AHC", AHC_FULL, SKOS.altLabel),
    ("UNCC", "UN Cybercrime Convention", SKOS.altLabel),
    ("UNCC", "cybercrime convention", SKOS.altLabel),
    ("UNCC", "the Convention", SKOS.hiddenLabel),
    ("AHC", "the Committee", SKOS.hiddenLabel),
    ("Roadmap", "Roadmap", SKOS.hiddenLabel),
    ("Roadmap", "Secretary-General's Roadmap", SKOS.altLabel),
    ("IGF", "the Forum", SKOS.hiddenLabel),
    ("IGF", "Forum sur la gouvernance de l'Internet", SKOS.altLabel),
    ("IGF", "Foro de Gobernanza de Internet", SKOS.altLabel),
    ("WSIS", "WSIS+20", SKOS.altLabel),
    ("WSIS", "Sommet mondial sur la société de l'information", SKOS.altLabel),
    ("WSIS", "Cumbre Mundial sobre la Sociedad de la Información", SKOS.altLabel),
    ("NETmundial", "NETmundial+10", SKOS.altLabel),
    ("NETmundial", "Global Multistakeholder Meeting on the Future of Internet Governance", SKOS.altLabel),
    ("PermanentMechanism", "Programme of Action", SKOS.altLabel),
    ("PermanentMechanism", "permanent mechanism", SKOS.altLabel),
    ("GDC", "Global Digital Compact", SKOS.prefLabel),
])
def test_process_surface_forms(notation: str, label: str, kind: URIRef) -> None:
    concept = concepts(GG.Process)[notation]
    assert label in {str(lb) for lb in schemes().objects(concept, kind)}


def test_sdg_scheme_has_17_goals_and_169_targets() -> None:
    g = schemes()
    goals = concepts(GG.SDGGoal)
    targets = concepts(GG.SDGTarget)
    assert sorted(goals, key=int) == [str(n) for n in range(1, 18)]
    assert len(targets) == 169
    assert goals["17"] == URIRef("https://w3id.org/govgraph/id/sdg/17")
    assert targets["17.16"] == URIRef("https://w3id.org/govgraph/id/sdg/17.16")
    assert g.value(targets["16.a"], SKOS.broader) == goals["16"]
    assert sum(1 for t in targets if t.startswith("17.")) == 19
    assert sorted(t for t in targets if t.startswith("3.") and not t[2:].isdigit()) == ["3.a", "3.b", "3.c", "3.d"]
    for notation, target in targets.items():
        assert g.value(target, SKOS.broader) == goals[notation.split(".")[0]]


def test_event_formats_are_kebab_slugs_with_igf_spellings() -> None:
    g = schemes()
    found = concepts(GG.EventFormat)
    assert {"round-table", "classroom", "panel", "break-out-group-discussion", "birds-of-a-feather",
            "other"} <= set(found)
    labels = {str(lb) for c in found.values() for p in (SKOS.prefLabel, SKOS.altLabel)
              for lb in g.objects(c, p)}
    igf_spellings = {"Round Table - Circle", "Round Table - U-shape", "Break-out Group Discussions",
                     "Birds of a Feather"}
    assert igf_spellings <= labels


def test_shape_vocabularies_match_the_schemes() -> None:
    """Every sh:in list of concept IRIs in the shapes is exactly one scheme's set of concepts."""
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    by_class = {cls: set(concepts(cls).values()) for cls in (
        GG.StakeholderGroup, GG.RegionalGroup, GG.Role, GG.Process, GG.EventFormat, GG.SDGTarget, GG.Genre, GG.Track)}
    lists = 0
    for shape, head in shapes.subject_objects(SH["in"]):
        members = set(shapes.items(head))
        if not all(isinstance(m, URIRef) for m in members):
            continue
        lists += 1
        assert members in by_class.values(), shape
    assert lists == 14


def _conforms(data: Graph) -> tuple[bool, str]:
    ont = ontology() + schemes()
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=Graph().parse(ROOT / "ontology" / "shapes.ttl"), ont_graph=ont,
        inference="none", advanced=True,
    )
    return conforms, text


def test_shapes_conform_over_ontology_schemes_and_reference() -> None:
    conforms, text = _conforms(ontology() + schemes() + reference())
    assert conforms, text


def test_shapes_catch_an_undefined_ontology_term() -> None:
    data = ontology() + schemes()
    data.remove((GG.Person, SKOS.definition, None))
    conforms, text = _conforms(data)
    assert not conforms
    assert "Results (1)" in text and "ontology#Person has no definition" in text


@pytest.mark.parametrize(("cls", "notation", "labels"), [
    (GG.RegionalGroup, "WEOG", {"Western European and Others Group (WEOG)", "Western European and Others Group"}),
    (GG.RegionalGroup, "GRULAC", {"Latin American and Caribbean Group (GRULAC)", "Latin American and Caribbean Group"}),
    (GG.RegionalGroup, "Asia-Pacific Group", {"Asia and the Pacific Group", "Asia-Pacific States"}),
    (GG.RegionalGroup, "African Group", {"Africa Group"}),
    (GG.Role, "organizer", {"Organiser"}),
    (GG.Role, "speaker", {"Panelist", "Panellist"}),
    (GG.Role, "online_moderator", {"Remote Moderator"}),
    (GG.Role, "co_chair", {"Co-Chair", "Chair"}),
])
def test_visible_labels(cls: URIRef, notation: str, labels: set[str]) -> None:
    g = schemes()
    concept = concepts(cls)[notation]
    visible = {str(lb) for p in (SKOS.prefLabel, SKOS.altLabel) for lb in g.objects(concept, p)}
    assert labels <= visible


def test_host_is_a_hidden_label_of_organizer() -> None:
    g = schemes()
    assert "Host" in {str(lb) for lb in g.objects(concepts(GG.Role)["organizer"], SKOS.hiddenLabel)}
