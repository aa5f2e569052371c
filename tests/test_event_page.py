"""The event-page reader: exact records on seed 004 and the hard event pages of tests/data/docs."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from govgraph.corpus import read_source_file
from govgraph.extract.event_page import EventPageReader, find_dates, text_year, written_before
from govgraph.extract.processes import find_process_mentions
from govgraph.paths import CORPUS_DIR
from govgraph.records import SourceDocument

HERE = Path(__file__).parent
DOCS = HERE / "data" / "docs" / "event-page"
GOLD = HERE / "gold"


def read(path: Path, collection: str = "files"):
    root = CORPUS_DIR if collection == "seeds" else path.parent
    source_file = read_source_file(path, root)
    source = SourceDocument(
        id=f"{collection}/{path.stem}", collection=collection, genre="event-page", files=[source_file]
    )
    return EventPageReader().read(source)


def people(document):
    return [(p.name, p.roles, p.affiliation, p.title) for e in document.events for p in e.participants]


def organisers(document):
    return sorted((o.name, o.kind) for e in document.events for o in e.organisers)


SEED_004 = CORPUS_DIR / "seeds" / "004_f23cb15b7c619879.txt"
EUISS = "European Union Institute for Security Studies"


def test_seed_004_participants_titles_and_affiliations():
    doc = read(SEED_004, "seeds")
    assert doc.id == "seeds/004_f23cb15b7c619879"
    assert doc.genre == "event-page"
    assert len(doc.events) == 1
    assert people(doc) == [
        (
            "Moliehi Makumane",
            ["speaker"],
            None,
            "Special Advisor, South African Representative to the UN Group of Governmental Experts (GGE)",
        ),
        ("Marwa Fatafta", ["speaker"], "Access Now", "MENA Policy Manager"),
        ("Fernanda Teixeira Souza Domingos", ["speaker"], "Brazil", "Coordinator, Cybercrime Supporting Group"),
        ("Michele Socco", ["speaker"], "European Commission", "Policy Officer, Cybercrime Unit"),
        ("Daniel McBryde", ["speaker"], "Global Affairs Canada", "Senior Policy Adviser"),
        (
            "Joyce Hakmeh",
            ["co_chair"],
            "Chatham House",
            "Senior Research Fellow, International Security Programme; Co-Editor, Journal of Cyber Policy",
        ),
        ("Patryk Pawlak", ["co_chair"], EUISS, "Brussels Executive Officer"),
    ]
    # groups are never stated on this page, so never filled in
    assert all(p.stakeholder_group is None and p.regional_group is None for p in doc.events[0].participants)
    assert organisers(doc) == [(EUISS, "organisation")]


def test_seed_004_no_date_but_the_year_of_its_text_dates_the_processes():
    doc = read(SEED_004, "seeds")
    event = doc.events[0]
    assert (event.title, event.date, event.location) == (None, None, None)
    assert [m.process for m in event.processes] == ["AHC", "OEWG", "GGE"]
    # "In May 2021, a new UN process starts": written before May 2021, dated 2021-04-30 at the latest;
    # the reader dates its mentions by that day (which instance it picks is processes.py's rule).
    assert written_before(doc.files[0].text) == "2021-04-30"
    expected = find_process_mentions(doc.files[0].text, 2021, date="2021-04-30")
    assert {m.process: m.instance for m in event.processes} == {m.process: m.instance for m in expected}
    assert {m.process: m.instance for m in event.processes}["OEWG"] is not None
    assert [o.name for o in doc.organisations] == [
        EUISS,
        "Access Now",
        "European Commission",
        "Global Affairs Canada",
        "Chatham House",
    ]


def test_seed_004_contract_matches_gold_exactly_on_people():
    contract = read(SEED_004, "seeds").to_contract()
    gold = json.loads((GOLD / "seeds" / "004_f23cb15b7c619879.json").read_text(encoding="utf-8"))
    assert contract["events"][0]["participants"] == gold["events"][0]["participants"]
    assert contract["processes"] == gold["processes"]


def test_crlf_nbsp_mojibake_and_honorifics():
    doc = read(DOCS / "hard_ep_crlf_mojibake.txt")
    event = doc.events[0]
    assert event.title == "Norms in practice: regional perspectives on responsible state behaviour"
    assert (event.date, event.end_date, event.location) == ("2022-03-14", None, "Online (Zoom)")
    assert people(doc) == [
        (
            "Tomás Ortega Villanueva",
            ["speaker"],
            "Permanent Mission of Costa Rica to the United Nations in Geneva",
            "Permanent Representative",
        ),
        ("Jane Doe", ["speaker"], "University of Leeds", "Senior Lecturer in International Law"),
        ("Amélie Côté", ["speaker"], "Global Cyber Alliance", "Director, Cyber Policy"),
        ("Kwame Mensah-Bonsu", ["moderator"], "Geneva Internet Platform", "Programme Lead"),
    ]
    assert organisers(doc) == [
        ("Geneva Internet Platform", "organisation"),
        ("Organization of American States", "organisation"),
    ]
    assert [m.process for m in doc.processes] == ["OEWG"]


def test_placeholders_surname_first_and_one_person_in_three_roles():
    doc = read(DOCS / "hard_ep_placeholders_roles.txt")
    event = doc.events[0]
    assert (event.date, event.location) == ("2023-11-08", "Montevideo, Uruguay")
    assert people(doc) == [
        ("Mariana Silva", ["co_chair", "rapporteur", "organizer"], "Ministry of Foreign Affairs of Uruguay", None),
        ("Luis Alberto Rodríguez Peña", ["speaker"], "CERT.uy", "Cybersecurity Coordinator"),
        ("Chidi Okafor", ["speaker"], "Research ICT Africa", "Senior Researcher"),
    ]
    # "Speaker TBC" and "Representative of the Ministry … (to be confirmed)" are no one
    names = " ".join(p.name for p in event.participants).casefold()
    assert "tbc" not in names and "representative" not in names
    assert organisers(doc) == [
        ("Inter-American Development Bank", "organisation"),
        ("Latin American Cyber Diplomacy Network", "organisation"),
        ("Mariana Silva", "person"),
    ]
    # the Spanish label of the OEWG counts
    assert [m.process for m in event.processes] == ["OEWG", "AHC"]


def test_2020_page_nfd_accents_and_the_budapest_convention_is_no_process():
    doc = read(DOCS / "hard_ep_oewg_2020_nfd.txt")
    event = doc.events[0]
    assert event.date == "2020-09-17"  # the event's day, not the "Posted on" day
    assert people(doc) == [
        ("Zoë Brønsted", ["speaker", "moderator"], "Nordic Digital Rights Forum", "Head of Policy"),
        (
            "Łukasz Wiśniewski",
            ["speaker"],
            "Ministry of Foreign Affairs of Poland",
            "Counsellor, Cyber Policy Department",
        ),
        ("François Lefèvre", ["speaker"], "Council of Europe", "Senior Expert, Cybercrime Programme Office"),
    ]
    assert {m.process: m.instance for m in event.processes} == {"OEWG": "oewg-2019-2021", "GGE": "gge-2019-2021"}
    assert [i.instrument for i in event.instruments] == ["budapest-convention"]
    assert organisers(doc) == [("Centre for Cyber Norms", "organisation")]


def test_2024_page_duplicated_block_and_shortcodes():
    doc = read(DOCS / "hard_ep_2024_convention_dup.txt")
    event = doc.events[0]
    assert event.title == "After the Convention: what next for cybercrime cooperation?"
    assert (event.date, event.location) == ("2024-09-12", "New York and online")
    assert people(doc) == [
        ("Abena Owusu-Ansah", ["speaker"], "Ghana", "Director, Cyber Security Authority"),
        ("Ilse van der Berg", ["speaker"], "Cybersecurity Tech Accord", "Senior Manager, Digital Diplomacy"),
        ("Marco Bianchi", ["speaker"], "United Nations Office on Drugs and Crime", "Legal Officer"),
        ("Priya Raman", ["moderator"], "CyberPeace Institute", "Programme Director"),
    ]
    assert organisers(doc) == [
        ("Cybersecurity Tech Accord", "organisation"),
        ("Permanent Mission of Ghana", "organisation"),
    ]
    # a state named as affiliation is not listed among the organisations
    assert "Ghana" not in [o.name for o in doc.organisations]
    assert {m.process: m.instance for m in event.processes if m.process == "OEWG"} == {"OEWG": "oewg-2021-2025"}
    # "the draft UN Convention against Cybercrime", then "the Convention": the convention, by its committee
    assert sorted(m.process for m in event.processes) == ["AHC", "OEWG", "UNCC"]


def test_cochairs_on_one_line_keynote_and_rapporteurs_by_name():
    doc = read(DOCS / "hard_ep_honorifics_semicolons.txt")
    event = doc.events[0]
    assert (event.date, event.end_date, event.location) == ("2024-05-21", "2024-05-22", "Geneva")
    assert people(doc) == [
        ("Ingrid Løvaas", ["co_chair"], "Norway", "Ambassador for Cyber Affairs"),
        (
            "Ahmed Al-Mansouri",
            ["co_chair"],
            "United Arab Emirates",
            "Director of International Cooperation, Telecommunications Regulatory Authority",
        ),
        ("Sophie Hartmann-Weiss", ["speaker"], "University of Geneva", "Professor of Internet Law"),
        ("Daniel Osei", ["speaker", "rapporteur"], "Smart Africa", "Policy Lead"),
        ("Hana Kobayashi", ["speaker", "rapporteur"], "Keio University", "Senior Researcher"),
        ("Olga Petrenko", ["speaker"], "International Telecommunication Union", "Advisor"),
    ]
    assert [m.process for m in event.processes] == ["GDC", "WSIS"]  # WSIS+20 is WSIS


@pytest.mark.parametrize("path", [*sorted(DOCS.glob("*.txt")), SEED_004], ids=lambda p: p.stem)
def test_every_person_has_evidence_that_names_them(path):
    collection = "seeds" if path == SEED_004 else "files"
    doc = read(path, collection)
    original = doc.files[0].text
    assert doc.events[0].participants
    for person in doc.events[0].participants:
        assert person.evidence, person.name
        for span in person.evidence:
            assert original[span.start : span.end] == span.quote
        # The quote is the line as published: NFD or mojibake there, NFC in the name.
        published = unicodedata.normalize("NFC", " ".join(span.quote for span in person.evidence)).casefold()
        surname = person.name.split()[-1]
        mojibake = surname.encode("utf-8").decode("cp1252", errors="replace")
        assert surname.casefold() in published or mojibake.casefold() in published, (person.name, published)


def test_dates_in_the_languages_and_forms_of_the_pages():
    assert [h.iso() for h in find_dates("21–22 May 2024")] == [("2024-05-21", "2024-05-22")]
    assert [h.iso() for h in find_dates("Fecha: 3 de junio de 2025")] == [("2025-06-03", None)]
    assert [h.iso(2015) for h in find_dates("On Monday, March 2, in Paris")] == [("2015-03-02", None)]
    assert find_dates("in May 2021, a new process") == []
    assert text_year("In May 2021, a new UN process starts") == 2021


def test_a_page_with_no_people_gives_no_invented_actors(tmp_path):
    page = tmp_path / "prose.txt"
    page.write_text("A short note on internet governance.\nNothing else is said here.\n", encoding="utf-8")
    doc = read(page)
    assert [p for e in doc.events for p in e.participants] == []
    assert doc.organisations == []


def _page(tmp_path, text: str):
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    return read(page)


def test_name_on_one_line_title_and_organisation_on_the_next(tmp_path):
    doc = _page(
        tmp_path,
        "Cyber Resilience Roundtable\nDate: 2024-06-18\nSpeakers\nAnna-Lena Vogt\n"
        "Head of Cyber Diplomacy, Federal Foreign Office\nPedro Álvarez\nSenior Fellow, Real Instituto Elcano\n",
    )
    assert doc.events[0].date == "2024-06-18"
    assert people(doc) == [
        ("Anna-Lena Vogt", ["speaker"], "Federal Foreign Office", "Head of Cyber Diplomacy"),
        ("Pedro Álvarez", ["speaker"], "Real Instituto Elcano", "Senior Fellow"),
    ]


def test_table_rows_brackets_and_roles_written_in_prose(tmp_path):
    doc = _page(
        tmp_path,
        "Launch of the Cyber Norms Index\nDate: 5 December 2022\nPanel\nName | Title | Organisation\n"
        "Sara Lindqvist | Senior Adviser | Swedish Ministry for Foreign Affairs\n"
        "Chair: Dr. Helen O'Connor (Director, Cyber Programme, Global Policy Institute)\n"
        "Opening remarks by H.E. Amina Mohamed (Ministry of ICT, Kenya).\n"
        "The session will be moderated by Jane Doe, Director, Electoral Integrity Project and chaired by "
        "Prof. Samuel Otieno.\nSpeaker to be confirmed (Private sector)\n",
    )
    assert people(doc) == [
        ("Sara Lindqvist", ["speaker"], "Swedish Ministry for Foreign Affairs", "Senior Adviser"),
        ("Helen O'Connor", ["co_chair"], "Global Policy Institute", "Director, Cyber Programme"),
        ("Amina Mohamed", ["speaker"], "Ministry of ICT, Kenya", None),
        ("Jane Doe", ["moderator"], "Electoral Integrity Project", "Director"),
        ("Samuel Otieno", ["co_chair"], None, None),
    ]


def test_an_organisers_heading_lists_bodies_one_a_line(tmp_path):
    doc = _page(
        tmp_path,
        "Regional Dialogue on Cyber Capacity Building\nDate: 20–21 February 2025\nLocation: Accra, Ghana\n"
        "Organisers\nAccess Now\nSmart Africa\nMinistry of Communications and Digitalisation, Ghana\n"
        "Speakers\nEfua Asante, Chief Technology Officer, Smart Africa\n",
    )
    assert organisers(doc) == [
        ("Access Now", "organisation"),
        ("Ministry of Communications and Digitalisation, Ghana", "organisation"),
        ("Smart Africa", "organisation"),
    ]
    assert people(doc) == [("Efua Asante", ["speaker"], "Smart Africa", "Chief Technology Officer")]
    assert (doc.events[0].date, doc.events[0].end_date) == ("2025-02-20", "2025-02-21")


def test_stakeholder_and_regional_group_slots_on_an_event_page():
    doc = read(DOCS / "hard_ep_stakeholder_slots.txt")
    (event,) = doc.events
    assert (event.title, event.date, event.location) == (
        "Regional Dialogue on Cyber Capacity Building: Africa and Latin America",
        "2022-03-14",
        "Online",
    )
    assert organisers(doc) == [("Global Forum on Cyber Expertise", "organisation"), ("LACNIC", "organisation")]
    # "Speakers (name, stakeholder group, regional group):" is a role heading with a note on the layout;
    # dash-separated slots, "Tech community" / "CSO" / "IGO" (hidden labels), "Africa Group", slots in
    # brackets separated by "/": groups, never an affiliation or a title.
    assert [
        (p.name, p.roles, p.stakeholder_group, p.regional_group, p.affiliation, p.title, [s.line for s in p.evidence])
        for p in event.participants
    ] == [
        ("Amina Ndiaye", ["speaker"], "Government", "African Group", None, None, [7]),
        ("Luis Alberto Gómez", ["speaker"], "Academia", "GRULAC", None, None, [8]),
        ("Beatriz Salgado", ["speaker", "rapporteur"], "Technical Community", "GRULAC", None, None, [9, 14]),
        ("Kofi Boateng", ["speaker"], "Private Sector", "African Group", None, None, [10]),
        ("Ngozi Okafor", ["speaker"], "Civil Society", "African Group", None, None, [11]),
        ("Helena Varga", ["moderator"], "Intergovernmental Organization", "Eastern European Group", None, None, [13]),
    ]
    assert [(m.process, m.instance) for m in event.processes] == [("OEWG", "oewg-2021-2025")]


def test_group_slots_after_a_title_and_organisation():
    from govgraph.extract.event_page import new_context, parse_person_spec
    from govgraph.records import SourceFile

    ctx = new_context(SourceFile("files/x.txt", "0" * 64, "utf-8", "x"))
    spec = parse_person_spec("Jane Doe, Policy Lead, Acme Institute, Civil Society, WEOG", ctx)
    assert (spec.name, spec.title, spec.affiliation, spec.stakeholder_group, spec.regional_group) == (
        "Jane Doe",
        "Policy Lead",
        "Acme Institute",
        "Civil Society",
        "WEOG",
    )
    # No group slot: the line is read as before ("Name, Title, Organisation").
    spec = parse_person_spec("Jane Doe – Senior Advisor, Ministry of ICT, Kenya", ctx)
    assert (spec.title, spec.affiliation, spec.stakeholder_group, spec.regional_group) == (
        "Senior Advisor, Ministry of ICT",
        "Kenya",
        None,
        None,
    )
