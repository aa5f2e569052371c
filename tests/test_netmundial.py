"""The NETmundial 2014 reader: exact records read by hand from the files, and counts over all 187."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from govgraph.corpus import discover
from govgraph.extract.netmundial import (
    NetmundialReader,
    canonical_person_name,
    get_state_index,
)
from govgraph.paths import CORPUS_DIR
from govgraph.records import SourceDocument, SourceFile, Span

GOLD_DIR = Path(__file__).parent / "gold" / "netmundial2014"


@pytest.fixture(scope="module")
def documents():
    reader = NetmundialReader()
    sources = [s for s in discover(CORPUS_DIR) if s.collection == "netmundial2014"]
    return {s.id.rsplit("/", 1)[-1]: reader.read(s) for s in sources}


def contract(documents, number):
    (contribution,) = documents[number].contributions
    return contribution.to_contract()


def person(name, group, affiliation, inferred, title=None, kind="person"):
    return {
        "name": name,
        "kind": kind,
        "roles": ["contributor"],
        "stakeholder_group": group,
        "regional_group": None,
        "affiliation": affiliation,
        "title": title,
        "inferred_regional_group": inferred,
    }


def test_001(documents):
    assert contract(documents, "001") == {
        "number": "001",
        "title": "REPORT OF THE EXPERTS MEETING ON CYBERSPACE LAW",
        "meeting": "netmundial-2014",
        "contributors": [
            person("Andrii Paziuk", "Academia", "Institute of International Relations", "Eastern European Group")
        ],
        "organisation": "Institute of International Relations",
        "sector": "Academia",
        "region": "Ukraine",
        "countries": ["UKR"],
        "track": "principles",
        "keywords": ["UNESCO", "cyberspace law"],
    }
    assert documents["001"].title == "REPORT OF THE EXPERTS MEETING ON CYBERSPACE LAW"
    assert documents["001"].genre == "netmundial-contribution"
    assert [f.path for f in documents["001"].files] == ["netmundial2014/001A.txt", "netmundial2014/001B.txt"]


def test_002_organisation_wraps(documents):
    org = "Federal Foreign Office, Commissioner for International Cyber Policy"
    assert contract(documents, "002") == {
        "number": "002",
        "title": "German Government Proposal on Global Internet Principles",
        "meeting": "netmundial-2014",
        "contributors": [person("Dirk Brengelmann", "Government", org, "WEOG")],
        "organisation": org,
        "sector": "Government",
        "region": "Germany",
        "countries": ["DEU"],
        "track": "principles",
        "keywords": ["Openness", "Freedom", "Privacy", "Global Nature"],
    }


def test_002_evidence_spans(documents):
    (c,) = documents["002"].contributions
    f = "netmundial2014/002A.txt"
    assert c.evidence == [
        Span(f, 0, 56, 1, "German Government Proposal on Global Internet Principles"),
        Span(f, 58, 101, 2, "Area: SET OF INTERNET GOVERNANCE PRINCIPLES"),
        Span(f, 103, 132, 3, "Entitled by: Dirk Brengelmann"),
        Span(f, 134, 149, 4, "Region: Germany"),
        Span(f, 151, 219, 5, "Organization: Federal Foreign Office, Commissioner for International"),
        Span(f, 222, 234, 6, "Cyber Policy"),
        Span(f, 236, 254, 7, "Sector: Government"),
        Span(f, 256, 307, 8, "Keywords: Openness, Freedom, Privacy, Global Nature"),
    ]
    (dirk,) = c.contributors
    assert dirk.evidence == [
        Span(f, 103, 132, 3, "Entitled by: Dirk Brengelmann"),
        Span(f, 236, 254, 7, "Sector: Government"),
        Span(f, 151, 219, 5, "Organization: Federal Foreign Office, Commissioner for International"),
        Span(f, 222, 234, 6, "Cyber Policy"),
        Span(f, 134, 149, 4, "Region: Germany"),
    ]


def test_005_title_glued_to_area_and_three_people(documents):
    # "Entitled by: Roberto Uzal Daniel Riesco Germán Montejano" has no separators; the full text
    # prints "Roberto Uzal (*) Daniel Riesco (*) Germán Montejano (*)".
    uni = "Universidad Nacional de San Luis"
    assert contract(documents, "005") == {
        "number": "005",
        "title": "Internet Roadmap topics: Freedom and Security in Cyberspace - A Cyber Defense perspective",
        "meeting": "netmundial-2014",
        "contributors": [
            person("Roberto Uzal", "Academia", uni, "GRULAC"),
            person("Daniel Riesco", "Academia", uni, "GRULAC"),
            person("Germán Montejano", "Academia", uni, "GRULAC"),
        ],
        "organisation": uni,
        "sector": "Academia",
        "region": "Argentina",
        "countries": ["ARG"],
        "track": "combined",
        "keywords": ["Internet-roadmap", "Freedom&Security", "Cyber-Defense", "Cyber-Attacks", "Cyber-Espionage"],
    }
    (c,) = documents["005"].contributions
    assert c.evidence[1] == Span(
        "netmundial2014/005A.txt",
        51,
        140,
        2,
        "Cyberspace - A Cyber Defense perspectiveArea: COMBINED INTERNET GOVERNANCE PRINCIPLES AND",
    )


def test_006_organisation_submits(documents):
    assert contract(documents, "006") == {
        "number": "006",
        "title": "U.S. Government Submission for NETmundial",
        "meeting": "netmundial-2014",
        "contributors": [
            person("U.S. Department of State", "Government", "U.S. Government", "WEOG", kind="organisation")
        ],
        "organisation": "U.S. Government",
        "sector": "Government",
        "region": "United States",
        "countries": ["USA"],
        "track": "combined",
        # No separator in the field: one keyword as published.
        "keywords": [
            "USA government multistakeholderism human-rights access stability security interoperability "
            "functionality innovation"
        ],
    }
    assert [(o.name, o.stakeholder_group) for o in documents["006"].organisations] == [
        ("U.S. Government", "Government"),
        ("U.S. Department of State", "Government"),
    ]


def test_007_degree_stripped(documents):
    assert contract(documents, "007") == {
        "number": "007",
        "title": "Can Trade Set Information Free? Trade Agreements, Internet Governance and Internet Freedom",
        "meeting": "netmundial-2014",
        "contributors": [person("Susan Ariel Aaronson", "Academia", "George Washington University", "WEOG")],
        "organisation": "George Washington University",
        "sector": "Academia",
        "region": "The United States",
        "countries": ["USA"],
        "track": "combined",
        "keywords": ["trade", "internet freedom", "internet governance", "FTAs"],
    }


def test_009_ministry_and_lost_apostrophe(documents):
    assert contract(documents, "009") == {
        "number": "009",
        "title": "International code of conduct for information security",
        "meeting": "netmundial-2014",
        "contributors": [
            person(
                "Ministry of Foreign Affairs of the People's Republic of China",
                "Government",
                "Government of People's Republic of China",
                "Asia-Pacific Group",
                kind="organisation",
            )
        ],
        "organisation": "Government of People's Republic of China",
        "sector": "Government",
        "region": "People?s Republic of China",
        "countries": ["CHN"],
        "track": "combined",
        "keywords": [
            "information security",
            "international cooperation",
            "international deliberations",
            "global culture of cybersecurity",
        ],
    }


def test_021_two_countries_no_inferred_group(documents):
    c = contract(documents, "021")
    assert (c["region"], c["countries"]) == ("USA / Poland", ["USA", "POL"])
    assert c["contributors"] == [person("Roy Balleste", "Academia", "St. Thomas University / University of ?d?", None)]


def test_058_sector_other_stays_other(documents):
    assert contract(documents, "058") == {
        "number": "058",
        "title": "Internet Universality: A Means Towards Building Knowledge Societies and the Post-2015 "
        "Sustainable Development Agenda",
        "meeting": "netmundial-2014",
        "contributors": [person("Guy Berger", "Other", "UNESCO", "WEOG")],
        "organisation": "UNESCO",
        "sector": "Other",
        "region": "France",
        "countries": ["FRA"],
        "track": "principles",
        "keywords": ["Internet Universality", "Human Rights", "Openness", "Accessibility", "Multi-stakeholder"],
    }


def test_084_lost_letters_in_region(documents):
    assert contract(documents, "084") == {
        "number": "084",
        "title": "Proposal of principles for a good internet governance",
        "meeting": "netmundial-2014",
        "contributors": [person("Ababacar Diop", "Civil Society", "JONCTION", "African Group")],
        "organisation": "JONCTION",
        "sector": "Civil Society",
        "region": "Sngal",
        "countries": ["SEN"],
        "track": "principles",
        "keywords": [],
    }


def test_085_organisation_is_not_its_own_affiliate(documents):
    c = contract(documents, "085")
    assert c["contributors"] == [
        person("Organisation for Economic Co-Operation and Development", "Other", None, None, kind="organisation")
    ]
    assert c["organisation"] == "OECD"
    assert [(o.name, o.acronym) for o in documents["085"].organisations] == [
        ("Organisation for Economic Co-Operation and Development", "OECD")
    ]


def test_field_label_echoed_in_value(documents):
    c = contract(documents, "086")
    assert c["title"] == (
        "Keywords - Internet investment, innovation, competition, multistakeholder, standards, human rights"
    )
    assert c["organisation"] == "Verizon Communications"
    assert (c["region"], c["countries"]) == ("Region - Global with company headquarters in the U.S.", [])
    assert c["keywords"] == []


def test_position_written_as_the_organisation(documents):
    c = contract(documents, "053")
    org = "Argentina Internet Association (CABASE)"
    assert c["contributors"] == [person("Anthony Harris", "Private Sector", org, "GRULAC", title="Executive Director")]
    assert c["organisation"] == org
    c = contract(documents, "165")
    assert c["contributors"] == [
        person("Lee Hibbard", "Other", None, None, title="Coordinator for Internet Governance")
    ]
    assert (c["organisation"], c["region"], c["countries"]) == (
        None,
        "Directorate General Human Rights and Rule of Law",
        [],
    )
    hibbard = documents["165"].contributions[0].contributors[0]
    assert hibbard.evidence[-1].quote == "Organization: Coordinator for Internet Governance"
    c = contract(documents, "176")
    assert (c["organisation"], c["contributors"][0]["title"]) == (
        "IST of University of Lisbon, Portugal",
        "Professor; Panelist of ICANN?s Strategy Panel on the Role in the Internet Governance System",
    )


def test_131_job_title_after_name(documents):
    c = contract(documents, "131")
    org = "Department of Foreign Affairs, Trade and Development"
    assert c["contributors"] == [person("Michael Walma", "Government", org, "WEOG", title="Director, Policy Planning")]


def test_138_surname_first_in_capitals(documents):
    c = contract(documents, "138")
    assert c["contributors"] == [person("Etienne Tshishimbi", "Civil Society", "ISOC SN / CACSUP SN", "African Group")]
    assert (c["region"], c["countries"]) == ("Senegal / AFRICA", ["SEN"])
    assert c["keywords"] == ["Young participation", "Internet governance", "inclusion", "Sphere of decision"]


def test_160_two_people_and_no_organisation(documents):
    c = contract(documents, "160")
    assert c["contributors"] == [
        person("Stefania Milan", "Civil Society", None, "WEOG"),
        person("Antonella Giulia Pizzaleo", "Civil Society", None, "WEOG"),
    ]
    assert c["organisation"] is None
    assert documents["160"].organisations == []


def test_163_seven_people_over_three_lines(documents):
    c = contract(documents, "163")
    assert [p["name"] for p in c["contributors"]] == [
        "Ricardo Patara",
        "Arturo Servin",
        "Nicolas Antoniello",
        "Alejandro Guzman",
        "Milton Kashiwakura",
        "Christian O'Flaherty",
        "Edmundo Cazarez Lopez",
    ]
    assert {p["stakeholder_group"] for p in c["contributors"]} == {"Technical Community"}
    assert c["countries"] == []
    # The name broken over two lines keeps a span from its first word to its last.
    guzman = documents["163"].contributions[0].contributors[3]
    assert guzman.evidence[0] == Span(
        "netmundial2014/163A.txt",
        124,
        205,
        4,
        "Entitled by: Ricardo Patara, Arturo Servin, Nicolas Antoniello, Alejandro",
    )


def test_164_semicolons(documents):
    c = contract(documents, "164")
    assert [p["name"] for p in c["contributors"]] == [
        "Max Larson Henry",
        "Alejandro Escobar",
        "Hernan Arcidiacono",
        "Rolando Toledo",
        "Fabian Mejia",
    ]
    assert c["organisation"] == "LAC-IX (The IXP Association for Latin America and The Caribbean)"


def test_name_forms(documents):
    assert contract(documents, "041")["contributors"][0]["name"] == "Louis Pouzin"
    assert contract(documents, "174")["contributors"][0]["name"] == "Mary Uduma"
    assert contract(documents, "048")["contributors"][0]["name"] == "Lorenzo Pupillo"
    assert contract(documents, "175")["contributors"][0]["name"] == "J-F C. Morfin"
    assert contract(documents, "102")["contributors"][0]["name"] == "M. Chris Riley"
    assert [p["name"] for p in contract(documents, "134")["contributors"]] == [
        "Bertrand de La Chapelle",
        "Paul Fehlinger",
    ]
    # Lost characters stay lost: nothing is guessed back.
    assert contract(documents, "027")["contributors"][0]["name"] == "Sen Siochr"
    assert contract(documents, "027")["organisation"] == "Just Net Coalition"


def test_canonical_person_name():
    assert canonical_person_name("Dr. Mary  Uduma, PhD") == "Mary Uduma"
    assert canonical_person_name("TSHISHIMBI Etienne") == "Etienne Tshishimbi"
    assert canonical_person_name("Christian O'FLAHERTY") == "Christian O'Flaherty"
    assert canonical_person_name("K?dzierski Emil") == "K?dzierski Emil"


def test_regions_resolve_tolerantly():
    states = get_state_index()
    assert states.countries("So Paulo, Brazil") == ["BRA"]
    assert states.countries("Sngal") == ["SEN"]
    assert states.countries("People?s Republic of China") == ["CHN"]
    assert states.countries("Italy, Brazil") == ["ITA", "BRA"]
    assert states.countries("India and Brasil") == ["IND", "BRA"]
    assert states.countries("Trinidad and Tobago") == ["TTO"]
    assert states.countries("Democratic Republic Of Congo") == ["COD"]
    assert states.countries("Cote d'Ivoire") == ["CIV"]
    assert states.countries("Global") == []
    assert states.countries("Latin America and The Caribbean") == []
    assert states.countries("Europe, Middle East and North Africa") == []
    assert states.regional_groups["SEN"] == "African Group"


def test_counts_over_all_contributions(documents):
    # Verified with grep over data/corpus/netmundial2014/*A.txt ("^Sector:", "Area: SET|ROADMAP|COMBINED").
    contributions = [c for d in documents.values() for c in d.contributions]
    assert len(documents) == 187 and len(contributions) == 187
    assert Counter(c.sector for c in contributions) == {
        "Civil Society": 59,
        "Private Sector": 43,
        "Government": 28,
        "Academia": 21,
        "Other": 20,
        "Technical Community": 16,
    }
    assert Counter(c.track for c in contributions) == {"combined": 79, "principles": 64, "roadmap": 44}
    # 41 regions name no state (17 "Global", world regions, free text); 7 name several.
    assert sum(1 for c in contributions if not c.countries) == 41
    assert sorted(c.number for c in contributions if len(c.countries) > 1) == [
        "021",
        "048",
        "072",
        "078",
        "125",
        "153",
        "172",
    ]
    assert sorted(c.number for c in contributions if any(p.kind == "organisation" for p in c.contributors)) == [
        "006",
        "009",
        "018",
        "046",
        "047",
        "085",
        "093",
        "101",
        "108",
    ]
    assert sum(1 for c in contributions for p in c.contributors if p.kind == "person") == 195
    assert sorted(c.number for c in contributions if c.organisation is None) == [
        "022",
        "032",
        "038",
        "052",
        "060",
        "065",
        "076",
        "098",
        "122",
        "160",
        "165",
        "182",
    ]
    assert sum(1 for c in contributions if not c.keywords) == 23
    assert Counter(c.countries[0] for c in contributions if len(c.countries) == 1).most_common(2) == [
        ("USA", 30),
        ("BRA", 15),
    ]


def test_every_span_points_into_the_file(documents):
    texts = {f.path: f.text for d in documents.values() for f in d.files}
    for d in documents.values():
        for c in d.contributions:
            spans = list(c.evidence) + [s for p in c.contributors for s in p.evidence]
            for span in spans:
                text = texts[span.file]
                assert text[span.start : span.end].startswith(span.quote), span
                assert len(re.findall(r"\r\n|\r|\n", text[: span.start])) + 1 == span.line, span
            for p in c.contributors:
                quoted = " ".join(texts[p.evidence[0].file][p.evidence[0].start : p.evidence[0].end].split())
                for word in p.name.split():
                    assert word.casefold() in quoted.casefold(), (p.name, quoted)


def test_process_mentions_with_the_meetings_year(documents):
    mentions = {(m.process, m.instance) for m in documents["006"].processes}
    assert ("NETmundial", "netmundial-2014") in mentions
    first = next(m for m in documents["006"].processes if m.process == "NETmundial")
    assert first.evidence is not None and first.evidence.file == "netmundial2014/006A.txt"
    assert first.evidence.quote == "U.S. Government Submission for NETmundial"
    assert documents["001"].processes == []


def test_gold_files_agree_with_the_reader(documents):
    golds = sorted(GOLD_DIR.glob("*.json"))
    assert len(golds) >= 20
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        number = path.stem
        document = documents[number]
        assert gold["document"] == f"netmundial2014/{number}"
        assert gold["genre"] == "netmundial-contribution" and gold["events"] == []
        assert gold["contributions"] == [c.to_contract() for c in document.contributions], number
        assert gold["organisations"] == document.to_contract()["organisations"], number


def test_a_file_without_metadata_gives_no_contribution():
    source = SourceDocument(
        id="files/x",
        collection="files",
        genre="netmundial-contribution",
        files=[SourceFile("files/xA.txt", "0" * 64, "utf-8", "Just some text\r\nwith no fields.\r\n")],
    )
    document = NetmundialReader().read(source)
    assert document.contributions == [] and document.title is None


def test_reader_without_b_file():
    text = (
        "A title\r\nArea: ROADMAP FOR THE FURTHER EVOLUTION OF THE INTERNET\r\nGOVERNANCE ECOSYSTEM\r\n"
        "Entitled by: Dr. Ana Maria Silva\r\nRegion: Brasil\r\nOrganization: Instituto Exemplo\r\n"
        "Sector: Technical community\r\nKeywords: one; two\r\nAbstract\r\nThe IGF matters.\r\n"
    )
    source = SourceDocument(
        id="files/999",
        collection="files",
        genre="netmundial-contribution",
        files=[SourceFile("files/999A.txt", "0" * 64, "utf-8", text)],
    )
    document = NetmundialReader().read(source)
    (c,) = document.contributions
    assert c.to_contract() == {
        "number": "999",
        "title": "A title",
        "meeting": "netmundial-2014",
        "contributors": [person("Ana Maria Silva", "Technical Community", "Instituto Exemplo", "GRULAC")],
        "organisation": "Instituto Exemplo",
        "sector": "Technical Community",
        "region": "Brasil",
        "countries": ["BRA"],
        "track": "roadmap",
        "keywords": ["one", "two"],
    }
    assert [m.process for m in document.processes] == ["IGF"]


@pytest.mark.parametrize(
    ("number", "surface", "file", "line"),
    [
        ("002", "this International Multistakeholder meeting on Internet Governance in Sao Paulo", "002B.txt", 5),
        ("012", "The Global Multi-stakeholder Meeting in Sao Paulo", "012B.txt", 79),
        ("053", "the discussions in Sao Paulo", "053B.txt", 9),
        ("046", "the So Paulo meeting", "046A.txt", 1),  # a character the publisher lost
    ],
)
def test_the_meeting_named_by_its_venue(documents, number, surface, file, line):
    (netmundial,) = [m for m in documents[number].processes if m.process == "NETmundial"]
    assert (netmundial.instance, netmundial.surface) == ("netmundial-2014", surface)
    assert (netmundial.evidence.file, netmundial.evidence.line) == (f"netmundial2014/{file}", line)
    assert " ".join(surface.split()[-2:]) in " ".join(netmundial.evidence.quote.split())


def test_venue_mentions_and_their_false_positives():
    from govgraph.extract.lexicon import get_lexicon
    from govgraph.extract.netmundial import venue_mentions
    from govgraph.extract.normalise import normalise

    lex = get_lexicon()

    def found(text):
        return [(m.process, m.instance, m.surface, m.occurrences) for m in venue_mentions(normalise(text), lex)]

    assert found("We hope the meeting in São Paulo succeeds. This Sao Paulo meeting matters.") == [
        ("NETmundial", "netmundial-2014", "the meeting in São Paulo", 2)
    ]
    assert found("the discussions in So Paulo") == [("NETmundial", "netmundial-2014", "the discussions in So Paulo", 1)]
    assert found("Region: Sao Paulo, Brazil") == []  # a place is no meeting
    assert found("as agreed at the LACNIC meeting in São Paulo") == []  # another body's meeting
    assert found("the meeting in Buenos Aires") == []
    assert venue_mentions(normalise("the meeting in São Paulo"), lex, meeting="no-such-meeting") == []


def test_a_meeting_in_sao_paulo_is_netmundial_only_in_a_contribution():
    from govgraph.extract.event_page import EventPageReader

    text = "Civil society strategy workshop\n12 May 2019, Geneva\nWe report on the meeting in São Paulo last year.\n"
    sf = SourceFile("files/e.txt", "0" * 64, "utf-8", text)
    doc = EventPageReader().read(SourceDocument("files/e", "files", "event-page", [sf]))
    assert [m.process for m in doc.processes] == []
