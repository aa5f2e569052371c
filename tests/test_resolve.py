"""Identity resolution across documents: merges, non-merges, decisions, candidates, determinism."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.corpus import discover
from govgraph.extract.netmundial import NetmundialReader
from govgraph.paths import CORPUS_DIR, REFERENCE_DIR
from govgraph.records import Contribution, Document, Event, Organisation, Participant
from govgraph.resolve import MergeCandidate, Resolver, acronym_of, organisation_key, person_key

ID = "https://w3id.org/govgraph/id/"


def doc(doc_id, people=(), organisations=(), affiliations=None):
    """A document naming ``people`` at one event and ``organisations`` in its list."""
    participants = [Participant(name, roles=["speaker"], affiliation=(affiliations or {}).get(name)) for name in people]
    return Document(
        id=doc_id,
        collection="t",
        genre="event-page",
        files=[],
        events=[Event(title="e", participants=participants)],
        organisations=[Organisation(o) for o in organisations],
    )


def resolver(*documents, reference=""):
    graph = Graph()
    graph.parse(
        data="@prefix gg: <https://w3id.org/govgraph/ontology#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> ."
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix owl: <http://www.w3.org/2002/07/owl#> ."
        f"@prefix id: <{ID}> . @prefix org: <{ID}organisation/> . @prefix person: <{ID}person/> ." + reference,
        format="turtle",
    )
    r = Resolver.from_reference(graph)
    r.learn(documents)
    return r


def test_keys():
    assert person_key("Dr. Jean-Christophe NOTHIAS, Ph.D.") == "jean christophe nothias"
    assert person_key("Mrs. Mary  Uduma") == "mary uduma"
    assert person_key("José Silva") == person_key("Jose Silva") == "jose silva"
    assert organisation_key("The Association for Progressive Communications (APC)") == (
        "association for progressive communications"
    )
    assert organisation_key("Google Inc.") == "google"
    assert organisation_key("Telefonica, S.A.") == "telefonica"
    assert acronym_of("CGI.br - Brazilian Internet Steering Committee") == (
        "Brazilian Internet Steering Committee",
        "CGI.br",
    )
    assert acronym_of("Brazilian Internet Steering Committee - CGI.br") == (
        "Brazilian Internet Steering Committee",
        "CGI.br",
    )
    assert acronym_of("ISOC-Yemen") == ("ISOC-Yemen", None)
    assert acronym_of("Our Rights (OR)") == ("Our Rights", "OR")
    assert acronym_of("Egypt (Arab Republic of)") == ("Egypt (Arab Republic of)", None)


def test_spelling_variants_of_a_person_merge():
    r = resolver(
        doc("t/1", ["Anriette Esterhuysen"]),
        doc("t/2", ["Dr. Anriette  Esterhuysen"]),
        doc("t/3", ["ANRIETTE ESTERHUYSEN", "Jean-Christophe Nothias"]),
        doc("t/4", ["Jean Christophe NOTHIAS", "José Silva"]),
        doc("t/5", ["Jose Silva"]),
    )
    expected = URIRef(ID + "person/anriette-esterhuysen")
    assert r.person("Anriette Esterhuysen") == expected
    assert r.person("Dr. Anriette  Esterhuysen") == expected
    assert r.person("ANRIETTE ESTERHUYSEN") == expected
    assert r.person("Mrs Anriette Esterhuysen") == expected  # never seen, same key
    assert r.person("Jean Christophe NOTHIAS") == r.person("Jean-Christophe Nothias")
    assert r.person("Jean-Christophe Nothias") == URIRef(ID + "person/jean-christophe-nothias")
    assert r.person("Jose Silva") == r.person("José Silva") == URIRef(ID + "person/jose-silva")
    assert r.candidates() == []


def test_people_sharing_a_surname_stay_apart():
    r = resolver(doc("t/1", ["Maria Silva", "Ana Silva"]), doc("t/2", ["Paul Mitchell", "Paul Blaker"]))
    iris = {r.person(n) for n in ("Maria Silva", "Ana Silva", "Paul Mitchell", "Paul Blaker")}
    assert len(iris) == 4
    assert r.candidates() == []


def test_acronym_and_long_name_merge_across_documents():
    r = resolver(
        doc("t/1", organisations=["Association for Progressive Communications (APC)"]),
        doc("t/2", organisations=["APC"]),
        doc("t/3", organisations=["Association for Progressive Communications", "ISOC-Yemen"]),
        doc("t/4", organisations=["Internet Society (ISOC)", "ISOC"]),
        doc("t/5", organisations=["CGI.br - Brazilian Internet Steering Committee"]),
        doc("t/6", organisations=["Brazilian Internet Steering Committee - CGI.br", "The Google Inc."]),
        doc("t/7", organisations=["Google"]),
    )
    apc = URIRef(ID + "organisation/association-for-progressive-communications")
    assert r.organisation("APC") == apc
    assert r.organisation("Association for Progressive Communications (APC)") == apc
    assert r.organisation("Association for Progressive Communications") == apc
    assert r.organisation("ISOC") == URIRef(ID + "organisation/internet-society")
    assert r.organisation("ISOC-Yemen") == URIRef(ID + "organisation/isoc-yemen")
    assert r.organisation("CGI.br - Brazilian Internet Steering Committee") == URIRef(
        ID + "organisation/brazilian-internet-steering-committee"
    )
    assert r.organisation("Brazilian Internet Steering Committee - CGI.br") == r.organisation("CGI.br")
    assert r.organisation("The Google Inc.") == r.organisation("Google") == URIRef(ID + "organisation/google")


def test_an_acronym_two_long_names_claim_is_a_candidate_not_a_merge():
    r = resolver(
        doc("t/1", organisations=["Global Partners Digital (GPD)"]),
        doc("t/2", organisations=["Global Policy Dialogue (GPD)"]),
        doc("t/3", organisations=["GPD"]),
    )
    assert len({r.organisation(n) for n in ("GPD", "Global Partners Digital", "Global Policy Dialogue")}) == 3
    partners, policy, gpd = (
        ID + "organisation/global-partners-digital",
        ID + "organisation/global-policy-dialogue",
        ID + "organisation/gpd",
    )
    initials = "acronym matches the initials of the long name"
    assert r.candidates() == [
        MergeCandidate(
            "organisation",
            90.0,
            ("Global Partners Digital (GPD)", "GPD"),
            (partners, gpd),
            (("t/1",), ("t/3",)),
            initials,
        ),
        MergeCandidate(
            "organisation", 90.0, ("Global Policy Dialogue (GPD)", "GPD"), (policy, gpd), (("t/2",), ("t/3",)), initials
        ),
        MergeCandidate(
            "organisation",
            85.0,
            ("Global Partners Digital (GPD)", "Global Policy Dialogue (GPD)"),
            (partners, policy),
            (("t/1",), ("t/2",)),
            "both define the acronym GPD",
        ),
    ]


def test_reference_organisations_and_their_labels():
    reference = """
        org:un a gg:Organisation ; foaf:name "United Nations" ; gg:acronym "UN" ;
            skos:altLabel "Organisation des Nations Unies" .
    """
    r = resolver(
        doc("t/1", organisations=["United Nations", "UN"]),
        doc("t/2", ["Jason Munyan"], affiliations={"Jason Munyan": "Organisation des Nations Unies"}),
        reference=reference,
    )
    un = URIRef(ID + "organisation/un")
    assert r.organisation("United Nations") == r.organisation("UN") == un
    assert r.organisation("Organisation des Nations Unies") == un
    assert r.organisation("the united nations") == un  # not in any document: the reference label decides
    assert (
        "organisation",
        un,
        ["Organisation des Nations Unies", "UN", "United Nations"],
    ) in r.clusters()


def test_same_as_decision_merges_the_first_into_the_second():
    decisions = "person:joana-varon-ferraz owl:sameAs person:joana-varon ."
    r = resolver(doc("t/1", ["Joana Varon"]), doc("t/2", ["Joana Varon Ferraz"]), reference=decisions)
    assert r.person("Joana Varon Ferraz") == r.person("Joana Varon") == URIRef(ID + "person/joana-varon")
    assert r.candidates() == []
    # Merging into an IRI no name gives: the merged actor takes that IRI.
    decisions = "person:joana-varon-ferraz owl:sameAs person:joana-v ."
    r = resolver(doc("t/1", ["Joana Varon"]), doc("t/2", ["Joana Varon Ferraz"]), reference=decisions)
    assert r.person("Joana Varon Ferraz") == URIRef(ID + "person/joana-v")
    assert r.person("Joana Varon") == URIRef(ID + "person/joana-varon")


def test_different_from_decision_keeps_apart_and_silences_the_candidate():
    documents = [
        doc("t/1", organisations=["Association for Progressive Communications (APC)"]),
        doc("t/2", organisations=["APC"]),
        doc("t/3", ["Joana Varon"]),
        doc("t/4", ["Joana Varon Ferraz"]),
    ]
    assert resolver(*documents).organisation("APC") == URIRef(
        ID + "organisation/association-for-progressive-communications"
    )
    decisions = """
        org:apc owl:differentFrom org:association-for-progressive-communications .
        person:joana-varon owl:differentFrom person:joana-varon-ferraz .
    """
    r = resolver(*documents, reference=decisions)
    assert r.organisation("APC") == URIRef(ID + "organisation/apc")
    assert r.organisation("Association for Progressive Communications (APC)") == URIRef(
        ID + "organisation/association-for-progressive-communications"
    )
    assert r.candidates() == []
    assert [why for _, _, why in r.blocked()] == ["acronym defined"]


def test_uncertain_pairs_are_candidates_with_scores():
    r = resolver(
        doc("t/1", ["Joana Varon", "Emil Kędzierski", "D. Gross", "Milton Mueller"]),
        doc("t/2", ["Joana Varon Ferraz", "Kędzierski Emil", "David Gross", "Milton L Mueller"]),
        doc("t/3", organisations=["Organisation for Economic Co-operation and Development", "OECD"]),
        doc("t/4", organisations=["Internet Society", "Internet Society of Australia"]),
    )
    found = [(c.score, c.kind, c.names, c.reason) for c in r.candidates()]
    assert found == [
        (95.0, "person", ("Emil Kędzierski", "Kędzierski Emil"), "same words in another order"),
        (93.3, "person", ("Milton L Mueller", "Milton Mueller"), "similar spelling"),
        (
            90.0,
            "organisation",
            ("OECD", "Organisation for Economic Co-operation and Development"),
            "acronym matches the initials of the long name",
        ),
        (90.0, "person", ("Joana Varon", "Joana Varon Ferraz"), "one name extends the other"),
        (88.0, "person", ("D. Gross", "David Gross"), "an initial for a given name"),
        (86.0, "organisation", ("Internet Society", "Internet Society of Australia"), "one name extends the other"),
    ]
    # Candidates never merge.
    assert r.person("Joana Varon") != r.person("Joana Varon Ferraz")
    assert r.candidates()[0].documents == (("t/1",), ("t/2",))
    assert r.candidates()[0].as_dict()["iris"] == [ID + "person/emil-kedzierski", ID + "person/kedzierski-emil"]


def test_states():
    r = Resolver()
    assert r.state("DEU") == r.state("deu") == URIRef(ID + "state/deu")
    with pytest.raises(ValueError, match="not an ISO 3166-1 alpha-3 code"):
        r.state("Germany")


def test_contributions_are_learned():
    document = Document(
        id="nm/1",
        collection="nm",
        genre="netmundial-contribution",
        files=[],
        contributions=[
            Contribution(
                number="1",
                title=None,
                meeting="netmundial-2014",
                contributors=[Participant("Ana Silva", affiliation="Instituto Exemplo (IE)")],
                organisation="Instituto Exemplo (IE)",
            )
        ],
    )
    r = resolver(document, doc("t/2", organisations=["IE"]))
    assert r.organisation("IE") == URIRef(ID + "organisation/instituto-exemplo")
    assert ("person", URIRef(ID + "person/ana-silva"), ["Ana Silva"]) in r.clusters()


def test_deterministic_whatever_the_order():
    documents = [
        doc("t/1", ["Joana Varon", "Dr. Ana Silva"], ["Association for Progressive Communications (APC)"]),
        doc("t/2", ["Joana Varon Ferraz", "ANA SILVA"], ["APC", "Global Partners Digital (GPD)"]),
        doc("t/3", ["Ana Silva"], ["Global Policy Dialogue (GPD)", "GPD"]),
    ]
    names = [("person", n) for n in ("Joana Varon", "Joana Varon Ferraz", "Ana Silva", "Dr. Ana Silva")] + [
        ("organisation", n) for n in ("APC", "GPD", "Global Partners Digital (GPD)")
    ]

    def run(order):
        r = resolver(*order)
        return [r.person(n) if k == "person" else r.organisation(n) for k, n in names], r.candidates()

    first = run(documents)
    assert run(list(reversed(documents))) == first
    assert run([documents[1], documents[2], documents[0]]) == first
    assert first[0][2] == first[0][3] == URIRef(ID + "person/ana-silva")


@pytest.fixture(scope="module")
def netmundial_documents():
    reader = NetmundialReader()
    return [reader.read(s) for s in discover(CORPUS_DIR) if s.collection == "netmundial2014"]


def test_bundled_decisions_on_the_netmundial_contributions(netmundial_documents):
    r = Resolver.from_files(sorted(REFERENCE_DIR.glob("*.ttl")))
    r.learn(netmundial_documents)
    assert r.person("Joana Varon Ferraz") == r.person("Joana Varon") == URIRef(ID + "person/joana-varon")
    assert r.organisation("Organisation for Economic Co-Operation and Development") == r.organisation("OECD")
    assert r.organisation("Internet Society of Australia") != r.organisation("Internet Society (ISOC)")
    assert r.organisation("ISOC TUNISIA") == r.organisation("ISOC Tunisia")
    assert r.organisation("ISOC-Yemen") != r.organisation("Internet Society (ISOC)")
    assert r.person("Avri Doria") == URIRef(ID + "person/avri-doria")
    # Every similar pair among the 187 contributions is merged or decided.
    assert r.candidates() == []
    merged = {iri: names for kind, iri, names in r.clusters() if len(names) > 1}
    assert merged == {
        URIRef(ID + "organisation/association-for-progressive-communications"): [
            "Association for Progressive Communications",
            "Association for Progressive Communications (APC)",
        ],
        URIRef(ID + "organisation/brazilian-internet-steering-committee"): [
            "Brazilian Internet Steering Committee - CGI.br",
            "CGI.br - Brazilian Internet Steering Committee",
        ],
        URIRef(ID + "organisation/isoc-tunisia"): ["ISOC TUNISIA", "ISOC Tunisia"],
        URIRef(ID + "organisation/organisation-for-economic-co-operation-and-development"): [
            "OECD",
            "Organisation for Economic Co-Operation and Development",
            "Organisation for Economic Co-Operation and Development (OECD)",
        ],
        URIRef(ID + "organisation/university-of-north-carolina-greensboro"): [
            "The University of North Carolina-Greensboro",
            "University of North Carolina-- Greensboro",
        ],
        URIRef(ID + "person/joana-varon"): ["Joana Varon", "Joana Varon Ferraz"],
    }


def test_cli_review_json(tmp_path):
    corpus = tmp_path / "corpus" / "nm"
    corpus.mkdir(parents=True)
    block = (
        "Title {n}\r\nArea: SET OF INTERNET GOVERNANCE PRINCIPLES\r\nEntitled by: {name}\r\nRegion: Global\r\n"
        "Organization: Example Network\r\nSector: Civil Society\r\nKeywords:\r\nAbstract\r\nText.\r\n"
    )
    (corpus / "001A.txt").write_text(block.format(n=1, name="Maria Lopez"), encoding="utf-8")
    (corpus / "002A.txt").write_text(block.format(n=2, name="Maria Lopez Herrera"), encoding="utf-8")
    result = CliRunner().invoke(app, ["resolve", "--review", "--corpus", str(tmp_path / "corpus"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {
            "kind": "person",
            "score": 90.0,
            "names": ["Maria Lopez", "Maria Lopez Herrera"],
            "iris": [ID + "person/maria-lopez", ID + "person/maria-lopez-herrera"],
            "documents": [["nm/001"], ["nm/002"]],
            "reason": "one name extends the other",
        }
    ]
    table = CliRunner().invoke(app, ["resolve", "--review", "--corpus", str(tmp_path / "corpus")])
    assert table.exit_code == 0 and "Herrera" in table.output and "extends the" in table.output
