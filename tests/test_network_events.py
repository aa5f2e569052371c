"""The network-events-page reader: exact records on seed 003 and the hard network pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.corpus import read_source_file
from govgraph.extract.event_page import new_context
from govgraph.extract.network_events import NetworkEventsReader, split_sections
from govgraph.paths import CORPUS_DIR
from govgraph.records import SourceDocument

HERE = Path(__file__).parent
DOCS = HERE / "data" / "docs" / "network-events"
SEED_003 = CORPUS_DIR / "seeds" / "003_a2bf0719b3b5a013.txt"


def read(path: Path, collection: str = "files"):
    root = CORPUS_DIR if collection == "seeds" else path.parent
    source = SourceDocument(
        id=f"{collection}/{path.stem}",
        collection=collection,
        genre="network-events-page",
        files=[read_source_file(path, root)],
    )
    return NetworkEventsReader().read(source)


def summary(event):
    return (event.title, event.date, event.end_date, event.location)


def people(event):
    return [(p.name, p.roles, p.affiliation) for p in event.participants]


def organisers(event):
    return [(o.name, o.kind) for o in event.organisers]


PARIS_ORGANISERS = [
    "Global Partners Digital",
    "Association for Progressive Communications",
    "Center for Democracy and Technology",
    "International Federation of Library Associations and Institutions",
    "Internet Democracy Project",
    "KICTANet",
    "Centre for Communication Governance at National Law University Delhi",
    "Internet Rights and Principles Coalition",
    "Internet Society",
    "International Chamber of Commerce",
]


def test_seed_003_four_events_split_by_the_page_structure():
    doc = read(SEED_003, "seeds")
    assert doc.genre == "network-events-page"
    assert [summary(e) for e in doc.events] == [
        (None, None, None, None),  # the CS pre-NETmundial meeting: the page states no date
        (None, None, None, None),  # the pre-IGF meeting: agenda only
        (None, "2015-03-02", None, "Paris"),  # "On Monday, March 2, in Paris" — year from the section
        (None, "2015-03-03", "2015-03-04", "Paris"),  # CONNECTing the Dots
    ]
    assert [o.name for o in doc.events[2].organisers] == PARIS_ORGANISERS
    assert all(o.kind == "organisation" for o in doc.events[2].organisers)
    assert [o.name for o in doc.events[0].organisers] == []  # "a joint initiative of" and nothing after it
    # acronyms are kept on the organisations, not in their names
    acronyms = {o.name: o.acronym for o in doc.organisations}
    assert acronyms["Global Partners Digital"] == "GPD"
    assert acronyms["Internet Society"] == "ISOC"
    assert acronyms["KICTANet"] is None


def test_seed_003_first_names_alone_are_no_one_and_teasers_are_no_events():
    doc = read(SEED_003, "seeds")
    # "moderation: Andrew", "Nnenna", "Deborah + Anja": nobody on the page has those given names
    assert [p for e in doc.events for p in e.participants] == []
    # "Secretary-General Guterres" is in a teaser, cut short with an ellipsis
    assert "Guterres" not in " ".join(e.evidence.quote for e in doc.events if e.evidence)


def test_seed_003_processes_per_event():
    doc = read(SEED_003, "seeds")
    assert [m.process for m in doc.events[0].processes] == ["NETmundial"]
    assert [m.process for m in doc.events[1].processes] == ["IGF", "WSIS+10"]
    assert "Roadmap" not in [m.process for m in doc.processes]  # NETmundial's roadmap track, 2014
    assert [m.process for m in doc.processes][:3] == ["NETmundial", "IGF", "WSIS+10"]


def test_headings_back_reference_and_related_posts():
    doc = read(DOCS / "hard_ne_headings_backref.txt")
    assert [summary(e) for e in doc.events] == [
        (
            "Civil society strategy meeting ahead of the OEWG second substantive session",
            "2020-02-09",
            None,
            "New York, USA",
        ),
        ("Pre-IGF civil society day", "2019-11-24", None, "Berlin, Germany"),
    ]
    first, second = doc.events
    assert people(first) == [("Maria Lopez Herrera", ["speaker", "moderator"], "Digital Rights Coalition")]
    assert organisers(first) == [
        ("Digital Rights Coalition", "organisation"),
        ("Access Now", "organisation"),
        ("Women's Cyber Forum", "organisation"),
    ]
    assert organisers(second) == [
        ("Internet Governance Caucus", "organisation"),
        ("Heinrich Böll Foundation", "organisation"),
    ]
    assert people(second) == []
    # the Roadmap is named only in a teaser under "Related posts"
    assert [m.process for m in doc.processes] == ["OEWG", "IGF"]


def test_crlf_mojibake_spanish_labels_and_back_reference():
    doc = read(DOCS / "hard_ne_crlf_mojibake_es.txt")
    assert [summary(e) for e in doc.events] == [
        ("Encuentro regional de la sociedad civil sobre la CMSI+20", "2025-06-03", None, "Bogotá, Colombia"),
        ("Workshop: Cybercrime treaty implementation in Latin America", "2025-10-15", None, "Hanoi, Viet Nam"),
    ]
    first, second = doc.events
    assert people(first) == [("Juliana Gómez Ríos", ["moderator", "rapporteur"], "Fundación Karisma")]
    assert organisers(first) == [
        ("Fundación Karisma", "organisation"),
        ("Derechos Digitales", "organisation"),
        ("Asociación para el Progreso de las Comunicaciones", "organisation"),
    ]
    # "with the support of" UNESCO: a sponsor, not an organiser
    assert people(second) == [("Sebastián Muñoz", ["speaker"], "Derechos Digitales")]
    assert organisers(second) == [
        ("Derechos Digitales", "organisation"),
        ("Article 19 Mexico and Central America", "organisation"),
    ]
    assert [m.process for m in first.processes] == ["WSIS", "IGF"]
    assert [m.process for m in second.processes] == ["UNCC"]


def test_date_lines_and_an_acronym_affiliation_given_by_its_long_name():
    doc = read(DOCS / "hard_ne_dateline_list.txt")
    assert [summary(e) for e in doc.events] == [
        ("Norms workshop with the GGE and OEWG chairs' offices", "2019-06-12", "2019-06-13", "Berlin"),
        ("Briefing on the report of the High-level Panel on Digital Cooperation", "2019-12-04", None, "Geneva"),
    ]
    first, second = doc.events
    assert people(first) == [
        ("Anna Keller", ["speaker"], "Stiftung Wissenschaft und Politik"),
        ("Marcus Brandt", ["speaker"], "EU Cyber Direct"),
    ]
    assert people(second) == [("Anna Keller", ["speaker"], None), ("Jovan Petrović", ["speaker"], "DiploFoundation")]
    assert [m.process for m in first.processes] == ["GGE", "OEWG"]
    assert second.processes == []


def test_sections_of_seed_003():
    source = read_source_file(SEED_003, CORPUS_DIR)
    ctx = new_context(source)
    sections = split_sections(ctx)

    def lines(section):
        return [ctx.nt.original_line(ctx.nt.original_offset(line.start))[0] for line in section.lines]

    # Closed by the events plugin's shortcodes (lines 19-20, 28-29, 44-45); the teaser on line 1, the
    # separator on line 49 and the teasers after it are no section. The statement on lines 30-31 has no
    # date of its own and so stays with the date line after it (the gold puts it with the pre-IGF
    # meeting; only the per-event processes differ, IGF there).
    assert [(s.closed, s.after_separator, lines(s)) for s in sections] == [
        (True, False, [2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]),
        (True, False, [21, 22, 23, 24, 25, 26, 27]),
        (True, False, [30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43]),
        (False, False, [46, 47, 48]),
        (False, True, [55]),
    ]


def test_description_before_its_date_line_belongs_to_that_event(tmp_path):
    page = tmp_path / "events.txt"
    page.write_text(
        "The panel takes stock of capacity building in the context of the OEWG.\n"
        "On 6 June 2019, in Geneva, a group of civil society organisations including Gaismer Digital Ltd (GDL), "
        "Dalmeem Cloud Inc. (DCI), Ministry of Communications and Digital Rights, Switzerland (MCDRS) – in "
        "collaboration with the Internet Society – will be holding a 1-day event.\n"
        "Welcome and introductions (moderation: Galtir)\n"
        '[eventreports event="102602"]\n'
        "This workshop looks at the Geneva Plan of Action.\n"
        "On 5 April 2015, in Paris, a group of civil society organisations including Thinddal Institute (TI) will "
        "be holding a 1-day event.\n",
        encoding="utf-8",
    )
    doc = read(page)
    assert [summary(e) for e in doc.events] == [
        (None, "2019-06-06", None, "Geneva"),
        (None, "2015-04-05", None, "Paris"),
    ]
    assert [[m.process for m in e.processes] for e in doc.events] == [["OEWG"], ["WSIS"]]
    assert [o.name for o in doc.events[0].organisers] == [
        "Gaismer Digital Ltd",
        "Dalmeem Cloud Inc.",
        "Ministry of Communications and Digital Rights, Switzerland",
        "Internet Society",
    ]
    assert [p for e in doc.events for p in e.participants] == []  # "Galtir" refers to no one


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.txt")), ids=lambda p: p.stem)
def test_evidence_points_into_the_file_as_published(path):
    doc = read(path)
    text = doc.files[0].text
    for event in doc.events:
        for person in event.participants:
            for span in person.evidence:
                assert text[span.start : span.end] == span.quote
            # one of the lines names the person in full (a first-name line refers back to it)
            surname = person.name.split()[-1]
            forms = {surname, surname.encode("utf-8").decode("cp1252", errors="replace")}
            assert any(form in span.quote for span in person.evidence for form in forms), person.name
        for organiser in event.organisers:
            assert organiser.evidence
            for span in organiser.evidence:
                assert text[span.start : span.end] == span.quote


def test_title_before_its_date_and_an_ambiguous_numeric_date(tmp_path):
    page = tmp_path / "events.txt"
    page.write_text(
        "Events\nUpcoming Events\nWebinar: Human rights in the Global Digital Compact\nThursday, 14 March 2024\n"
        "14:00 UTC | Online\nJoin us for a briefing. Speakers: Nadia Rahman (APC) and Felipe Costa (Instituto Nupef).\n"
        "Register here\nPast Events\nIGC pre-event at IGF 2023\n8 October 2023, Kyoto\n"
        "Organized by the Internet Governance Caucus (IGC) and the Dynamic Coalition on Internet Rights.\n"
        "Moderator: Felipe Costa\nRegional consultation on the cybercrime treaty\n12/05/2023 - Santiago, Chile\n"
        "Hosted by Derechos Digitales.\nPosted in Events | Leave a comment\n",
        encoding="utf-8",
    )
    doc = read(page)
    assert [summary(e) for e in doc.events] == [
        ("Webinar: Human rights in the Global Digital Compact", "2024-03-14", None, "Online"),
        ("IGC pre-event at IGF 2023", "2023-10-08", None, "Kyoto"),
        # 12/05/2023 may be 12 May or 5 December: the event starts there, its day stays unknown
        ("Regional consultation on the cybercrime treaty", None, None, None),
    ]
    assert [people(e) for e in doc.events] == [
        [("Nadia Rahman", ["speaker"], "APC"), ("Felipe Costa", ["speaker"], "Instituto Nupef")],
        [("Felipe Costa", ["moderator"], None)],
        [],
    ]
    assert [organisers(e) for e in doc.events][2] == [("Derechos Digitales", "organisation")]
