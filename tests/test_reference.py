"""Exact facts of the curated reference data (data/reference/)."""

from __future__ import annotations

import csv
import itertools
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from govgraph.vocab import GG, SCHEMA, iri

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "data" / "reference"
PI = "https://w3id.org/govgraph/id/process-instance/"
INST = "https://w3id.org/govgraph/id/instrument/"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


@cache
def ref() -> Graph:
    graph = Graph()
    for path in sorted(REF.glob("*.ttl")):
        graph.parse(path)
    return graph


def state(code: str) -> URIRef:
    return URIRef(f"https://w3id.org/govgraph/id/state/{code}")


def group(notation: str) -> URIRef:
    return iri("regional-group", notation)


def pi(slug: str) -> URIRef:
    return URIRef(PI + slug)


def inst(slug: str) -> URIRef:
    return URIRef(INST + slug)


# ---------------------------------------------------------------- states

def test_193_member_states_each_with_one_group_and_code() -> None:
    g = ref()
    states = set(g.subjects(RDF.type, GG.State))
    assert len(states) == 193
    for s in states:
        assert len(list(g.objects(s, GG.regionalGroup))) == 1, s
        code = str(g.value(s, GG.isoCode))
        assert s == state(code.lower())
        assert g.value(s, FOAF.name) is not None
        assert g.value(s, DCTERMS.source) is not None


def test_group_sizes() -> None:
    g = ref()
    counts: dict[str, int] = {}
    for s in g.subjects(RDF.type, GG.State):
        key = str(g.value(s, GG.regionalGroup)).rsplit("/", 1)[1]
        counts[key] = counts.get(key, 0) + 1
    assert counts == {
        "african-group": 54, "asia-pacific-group": 54, "eastern-european-group": 23, "grulac": 33, "weog": 29,
    }


def test_united_states_is_weog_with_its_names_and_note() -> None:
    g = ref()
    usa = state("usa")
    assert g.value(usa, GG.regionalGroup) == group("WEOG")
    assert g.value(usa, FOAF.name) == Literal("United States", lang="en")
    alts = {str(a) for a in g.objects(usa, SKOS.altLabel)}
    assert {"USA", "US", "U.S.", "United States of America"} <= alts
    assert "observer" in str(g.value(usa, SKOS.note))


def test_turkiye_is_weog_with_asia_pacific_in_a_note() -> None:
    g = ref()
    tur = state("tur")
    assert list(g.objects(tur, GG.regionalGroup)) == [group("WEOG")]
    assert g.value(tur, FOAF.name) == Literal("Türkiye", lang="en")
    assert "Turkey" in {str(a) for a in g.objects(tur, SKOS.altLabel)}
    note = str(g.value(tur, SKOS.note))
    assert "Asia-Pacific" in note and "WEOG" in note


def test_kiribati_is_asia_pacific_with_a_note() -> None:
    g = ref()
    assert g.value(state("kir"), GG.regionalGroup) == group("Asia-Pacific Group")
    assert g.value(state("kir"), SKOS.note) is not None


@pytest.mark.parametrize(("code", "name", "alts"), [
    ("civ", "Côte d’Ivoire", {"Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"}),
    ("cod", "Democratic Republic of the Congo", {"DR Congo", "Democratic Republic of Congo"}),
    ("gbr", "United Kingdom", {"UK", "United Kingdom of Great Britain and Northern Ireland"}),
    ("bra", "Brazil", {"Brasil"}),
    ("rus", "Russia", {"Russian Federation"}),
    ("kor", "South Korea", {"Republic of Korea"}),
    ("irn", "Iran", {"Islamic Republic of Iran"}),
    ("chn", "China", {"People's Republic of China"}),
    ("vnm", "Vietnam", {"Viet Nam"}),
    ("syr", "Syria", {"Syrian Arab Republic"}),
    ("tza", "Tanzania", {"United Republic of Tanzania"}),
    ("bol", "Bolivia", {"Bolivia (Plurinational State of)"}),
    ("ven", "Venezuela", {"Venezuela (Bolivarian Republic of)"}),
    ("mda", "Moldova", {"Republic of Moldova"}),
    ("lao", "Laos", {"Lao PDR"}),
    ("fsm", "Micronesia", {"Micronesia (Federated States of)"}),
    ("stp", "São Tomé and Príncipe", {"São Tomé & Príncipe", "Sao Tome and Principe"}),
    ("vct", "Saint Vincent and the Grenadines", {"St. Vincent & Grenadines"}),
])
def test_state_names(code: str, name: str, alts: set[str]) -> None:
    g = ref()
    assert g.value(state(code), FOAF.name) == Literal(name, lang="en")
    assert alts <= {str(a) for a in g.objects(state(code), SKOS.altLabel)}


def test_states_agree_with_the_csv_copy() -> None:
    g = ref()
    with (REF / "regional-groups.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 194  # Türkiye listed twice
    slugs = {"African Group": "african-group", "Asia-Pacific Group": "asia-pacific-group",
             "Eastern European Group": "eastern-european-group", "GRULAC": "grulac", "WEOG": "weog"}
    for row in rows:
        if row["Code"] == "TUR":
            continue
        assert g.value(state(row["Code"].lower()), GG.regionalGroup) == iri("regional-group", slugs[row["Region"]])


def test_make_states_is_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "states.ttl"
    command = [sys.executable, str(REF / "make_states.py"), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (REF / "states.ttl").read_bytes()


def test_source_md_states_the_quirks_and_licence() -> None:
    text = (REF / "SOURCE.md").read_text(encoding="utf-8")
    for needle in ("CC0", "openclimatedata/countrygroups", "Türkiye", "Kiribati", "United States", "observer"):
        assert needle in text


# ---------------------------------------------------------------- processes and instruments

def test_every_process_instance_names_its_process_and_source() -> None:
    g = ref()
    instances = set(g.subjects(RDF.type, GG.ProcessInstance))
    assert len(instances) == 20
    for p in instances:
        assert g.value(p, GG.instanceOf) is not None, p
        assert g.value(p, GG.startYear) is not None, p
        assert g.value(p, DCTERMS.source) is not None, p
        assert g.value(p, RDFS.label) is not None, p
        assert len(list(g.objects(p, GG.mandatedBy))) <= 1, p  # the two-mandates global check


@pytest.mark.parametrize(("slug", "resolution", "start", "end"), [
    ("gge-2004-2005", "A/RES/58/32", 2004, 2005),
    ("gge-2009-2010", "A/RES/60/45", 2009, 2010),
    ("gge-2012-2013", "A/RES/66/24", 2012, 2013),
    ("gge-2014-2015", "A/RES/68/243", 2014, 2015),
    ("gge-2016-2017", "A/RES/70/237", 2016, 2017),
    ("gge-2019-2021", "A/RES/73/266", 2019, 2021),
])
def test_gge_instances(slug: str, resolution: str, start: int, end: int) -> None:
    g = ref()
    node = pi(slug)
    assert g.value(node, GG.instanceOf) == iri("process", "GGE")
    mandate = g.value(node, GG.mandatedBy)
    assert (mandate, RDF.type, GG.Resolution) in g
    assert str(g.value(mandate, GG.symbol)) == resolution
    assert mandate == iri("instrument", resolution)
    assert (g.value(node, GG.startYear).toPython(), g.value(node, GG.endYear).toPython()) == (start, end)


def test_gge_lineage_is_a_chain() -> None:
    g = ref()
    chain = ["gge-2004-2005", "gge-2009-2010", "gge-2012-2013", "gge-2014-2015", "gge-2016-2017", "gge-2019-2021"]
    for earlier, later in itertools.pairwise(chain):
        assert list(g.objects(pi(later), GG.succeeds)) == [pi(earlier)]


def test_oewg_lineage_and_mandates() -> None:
    g = ref()
    first, second, mechanism = pi("oewg-2019-2021"), pi("oewg-2021-2025"), pi("permanent-mechanism")
    assert g.value(first, GG.instanceOf) == iri("process", "OEWG")
    assert g.value(second, GG.instanceOf) == iri("process", "OEWG")
    assert str(g.value(g.value(first, GG.mandatedBy), GG.symbol)) == "A/RES/73/27"
    assert str(g.value(g.value(second, GG.mandatedBy), GG.symbol)) == "A/RES/75/240"
    assert g.value(inst("a-res-73-27"), DCTERMS.date) == Literal(date(2018, 12, 5))
    assert g.value(inst("a-res-75-240"), DCTERMS.date) == Literal(date(2020, 12, 31))
    assert (second, GG.succeeds, first) in g
    assert (mechanism, GG.succeeds, second) in g
    assert (second, GG.produced, mechanism) in g
    assert g.value(mechanism, GG.instanceOf) == iri("process", "PermanentMechanism")
    assert g.value(mechanism, GG.proposedIn) == inst("a-res-77-37")
    assert g.value(mechanism, GG.mandatedBy) == inst("a-res-80-16")
    assert g.value(mechanism, GG.startYear).toPython() == 2026
    assert g.value(second, SCHEMA.endDate) == Literal(date(2025, 7, 11))


def test_ahc_produced_the_convention() -> None:
    g = ref()
    ahc, uncc = pi("ahc-2022-2024"), pi("uncc-2024")
    assert g.value(ahc, GG.instanceOf) == iri("process", "AHC")
    assert list(g.objects(ahc, GG.mandatedBy)) == [inst("a-res-74-247")]
    assert g.value(ahc, GG.modalitiesSetBy) == inst("a-res-75-282")
    assert (ahc, GG.produced, uncc) in g
    assert g.value(uncc, GG.instanceOf) == iri("process", "UNCC")
    assert g.value(uncc, GG.mandatedBy) == inst("a-res-79-243")
    assert g.value(inst("a-res-79-243"), DCTERMS.date) == Literal(date(2024, 12, 24))
    assert g.value(uncc, SCHEMA.startDate) == Literal(date(2024, 12, 24))
    assert "Hanoi" in str(g.value(uncc, SKOS.note))


def test_wsis_netmundial_igf_roadmap_gdc() -> None:
    g = ref()
    assert g.value(pi("wsis-2003"), SCHEMA.startDate) == Literal(date(2003, 12, 10))
    assert g.value(pi("wsis-2005"), SCHEMA.endDate) == Literal(date(2005, 11, 18))
    assert g.value(pi("wsis-10-2015"), GG.instanceOf) == iri("process", "WSIS+10")
    assert (pi("wsis-10-2015"), GG.produced, inst("a-res-70-125")) in g
    assert g.value(pi("wsis-20-2025"), GG.instanceOf) == iri("process", "WSIS")
    assert g.value(pi("netmundial-2014"), GG.instanceOf) == iri("process", "NETmundial")
    assert g.value(pi("netmundial-10"), GG.instanceOf) == iri("process", "NETmundial")
    assert (pi("netmundial-10"), GG.succeeds, pi("netmundial-2014")) in g
    assert g.value(pi("igf"), GG.startYear).toPython() == 2006
    assert list(g.objects(pi("igf"), GG.mandatedBy)) == [inst("tunis-agenda")]
    assert set(g.objects(pi("igf"), GG.renewedBy)) == {inst("a-res-70-125"), inst("wsis-20-outcome-document")}
    assert g.value(pi("roadmap-2020"), GG.instanceOf) == iri("process", "Roadmap")
    assert g.value(pi("gdc-2024"), GG.mandatedBy) == inst("a-res-79-1")
    assert g.value(inst("a-res-79-1"), DCTERMS.date) == Literal(date(2024, 9, 22))


def test_every_process_concept_has_an_instance() -> None:
    g = ref()
    covered = {str(o).rsplit("/", 1)[1] for o in g.objects(None, GG.instanceOf)}
    assert covered == {"oewg", "gge", "ahc", "uncc", "wsis", "wsis-10", "netmundial", "igf", "roadmap", "gdc",
                       "permanentmechanism"}


def test_instruments_budapest_and_the_2015_report() -> None:
    g = ref()
    budapest = inst("budapest-convention")
    assert (budapest, RDF.type, GG.Instrument) in g
    assert g.value(budapest, DCTERMS.date) == Literal(date(2001, 11, 23))
    assert "Budapest Convention" in {str(a) for a in g.objects(budapest, SKOS.altLabel)}
    assert str(g.value(inst("a-70-174"), GG.symbol)) == "A/70/174"
    assert (pi("gge-2014-2015"), GG.produced, inst("a-70-174")) in g
    for node in set(g.subjects(RDF.type, GG.Instrument)) | set(g.subjects(RDF.type, GG.Resolution)):
        assert g.value(node, DCTERMS.source) is not None, node
        assert g.value(node, RDFS.label) is not None, node


def test_all_dates_are_valid_xsd_dates() -> None:
    for _, _, o in ref().triples((None, None, None)):
        if isinstance(o, Literal) and o.datatype == XSD_DATE:
            assert isinstance(o.toPython(), date), o


# ---------------------------------------------------------------- meetings

def test_twenty_igf_meetings() -> None:
    g = ref()
    meetings = {s for s in g.subjects(RDF.type, GG.Meeting) if str(s).rsplit("/", 1)[1].startswith("igf-")}
    assert meetings == {URIRef(f"https://w3id.org/govgraph/id/event/igf-{y}") for y in range(2006, 2026)}
    for m in meetings:
        year = int(str(m)[-4:])
        assert str(g.value(m, SCHEMA.name)) == f"IGF {year}"
        assert g.value(m, SCHEMA.startDate).toPython().year == year
        assert g.value(m, GG.withinProcess) == pi("igf")
        assert g.value(m, DCTERMS.source) is not None


@pytest.mark.parametrize(("year", "city", "country", "start", "end"), [
    (2006, "Athens", "grc", date(2006, 10, 30), date(2006, 11, 2)),
    (2015, "João Pessoa", "bra", date(2015, 11, 10), date(2015, 11, 13)),
    (2019, "Berlin", "deu", date(2019, 11, 25), date(2019, 11, 29)),
    (2021, "Katowice", "pol", date(2021, 12, 6), date(2021, 12, 10)),
    (2025, "Lillestrøm", "nor", date(2025, 6, 23), date(2025, 6, 27)),
])
def test_igf_meeting_facts(year: int, city: str, country: str, start: date, end: date) -> None:
    g = ref()
    m = URIRef(f"https://w3id.org/govgraph/id/event/igf-{year}")
    assert str(g.value(m, SCHEMA.location)) == city
    assert g.value(m, GG.country) == state(country)
    assert g.value(m, SCHEMA.startDate).toPython() == start
    assert g.value(m, SCHEMA.endDate).toPython() == end


def test_igf_2020_was_online() -> None:
    g = ref()
    m = URIRef("https://w3id.org/govgraph/id/event/igf-2020")
    assert str(g.value(m, SCHEMA.location)) == "Online"
    assert g.value(m, GG.country) is None


def test_netmundial_meetings() -> None:
    g = ref()
    nm = URIRef("https://w3id.org/govgraph/id/event/netmundial-2014")
    assert (nm, RDF.type, GG.Meeting) in g
    assert g.value(nm, SCHEMA.startDate).toPython() == date(2014, 4, 23)
    assert g.value(nm, SCHEMA.endDate).toPython() == date(2014, 4, 24)
    assert str(g.value(nm, SCHEMA.location)) == "São Paulo"
    assert g.value(nm, GG.withinProcess) == pi("netmundial-2014")
    nm10 = URIRef("https://w3id.org/govgraph/id/event/netmundial-10")
    assert g.value(nm10, SCHEMA.startDate).toPython() == date(2024, 4, 29)
    assert g.value(nm10, SCHEMA.endDate).toPython() == date(2024, 4, 30)


# ---------------------------------------------------------------- organisations

@pytest.mark.parametrize(("name", "acronym", "group"), [
    ("Association for Progressive Communications", "APC", "Civil Society"),
    ("Internet Society", "ISOC", "Technical Community"),
    ("European Union Institute for Security Studies", "EUISS", "Intergovernmental Organization"),
    ("International Telecommunication Union", "ITU", "Intergovernmental Organization"),
    ("Centre for Communication Governance at National Law University Delhi", "CCG", "Academia"),
    ("Microsoft", None, "Private Sector"),
])
def test_organisations(name: str, acronym: str | None, group: str) -> None:
    g = ref()
    node = iri("organisation", name)
    assert (node, RDF.type, GG.Organisation) in g
    assert str(g.value(node, FOAF.name)) == name
    assert (str(g.value(node, GG.acronym)) if acronym else None) == (acronym if acronym else None)
    assert g.value(node, GG.knownStakeholderGroup) == iri("stakeholder-group", group)


def test_every_organisation_is_sourced_and_eu_cyber_direct_has_no_group() -> None:
    g = ref()
    orgs = set(g.subjects(RDF.type, GG.Organisation))
    assert len(orgs) == 38
    for o in orgs:
        assert g.value(o, DCTERMS.source) is not None, o
    assert iri("organisation", "EU Cyber Direct") == URIRef("https://w3id.org/govgraph/id/organisation/eu-cyber-direct")
    assert g.value(iri("organisation", "EU Cyber Direct"), GG.knownStakeholderGroup) is None
