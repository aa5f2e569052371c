"""The lexicon: labels of the concept schemes and the reference data, matched by the scheme's rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govgraph.extract.lexicon import Lexicon, Match, get_lexicon, label_key

FIXTURE = Path(__file__).parent / "data" / "lexicon"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    """A frozen lexicon (tests/data/lexicon): its answers do not move when the curated labels grow."""
    return Lexicon.from_dirs(FIXTURE)


def test_label_key() -> None:
    assert label_key("  Western-European and  Others Group: ") == "western european and others group"
    assert label_key("WEOG") == "WEOG"
    assert label_key("Secretary-General’s Roadmap") == "secretary general's roadmap"


@pytest.mark.parametrize(
    ("field", "stakeholder", "regional"),
    [
        ("Civil Society", "Civil Society", None),
        ("civil society", "Civil Society", None),
        ("Intergovernmental Organization", "Intergovernmental Organization", None),
        ("Intergovernmental Organisation", "Intergovernmental Organization", None),
        ("IGO", "Intergovernmental Organization", None),  # hidden label: fine in a group field
        ("Western European and Others Group (WEOG)", None, "WEOG"),
        ("Latin American and Caribbean Group (GRULAC)", None, "GRULAC"),
        ("WEOG", None, "WEOG"),
        ("EEG", None, "Eastern European Group"),
        ("Kenya", None, None),
        ("", None, None),
    ],
)
def test_group_fields(lex: Lexicon, field: str, stakeholder: str | None, regional: str | None) -> None:
    assert lex.stakeholder_group(field) == stakeholder
    assert lex.regional_group(field) == regional


def test_parenthesis_parts_must_agree(lex: Lexicon) -> None:
    assert lex.regional_groups.lookup("Western European and Others Group (GRULAC)") is None
    assert lex.regional_groups.lookup("Western European and Others Group (the West)") == "WEOG"


def test_roles(lex: Lexicon) -> None:
    assert lex.role("Online Moderator") == "online_moderator"
    assert lex.role("Onsite Moderator:") == "moderator"
    assert lex.role("Speaker 3") == "speaker"
    assert lex.role("Speakers") == "speaker"
    assert lex.role("Panelists") == "speaker"
    assert lex.role("Participants") == "speaker"
    assert lex.role("Participants", hidden=False) is None
    assert lex.role("Format") is None


def test_find_longest_first_case_rules_and_hidden(lex: Lexicon) -> None:
    text = "The Open-Ended Working Group (OEWG) met; the Working Group and the oewg; Roadmap talk."
    assert lex.processes.find(text) == [
        Match("OEWG", 4, 28, "Open-Ended Working Group"),
        Match("OEWG", 30, 34, "OEWG"),
    ]
    assert lex.processes.find(text, hidden=True) == [
        Match("OEWG", 4, 28, "Open-Ended Working Group"),
        Match("OEWG", 30, 34, "OEWG"),
        Match("OEWG", 41, 58, "the Working Group", hidden=True),
        Match("Roadmap", 73, 80, "Roadmap", hidden=True),
    ]


def test_find_skips_hyphen_variants_and_short_parentheticals(lex: Lexicon) -> None:
    text = (
        "an open ended working group and a comprehensive international convention on countering the use of "
        "information and communications technologies (ICTs) for criminal purposes"
    )
    found = lex.processes.find(text)
    assert [(m.notation, m.start) for m in found] == [("OEWG", 3), ("UNCC", 34)]
    assert found[1].end == len(text)


def test_find_respects_word_boundaries(lex: Lexicon) -> None:
    assert lex.processes.find("OEWGs and preOEWG and OEWG-related") == [Match("OEWG", 22, 26, "OEWG")]


def test_event_format_and_sdg(lex: Lexicon) -> None:
    assert lex.event_format("Roundtable") == "round-table"
    assert lex.event_formats.find("Round Table - Circle - 90 Min")[0].notation == "round-table"
    assert lex.sdg("17.16") == "17.16"
    assert lex.sdg("5.B") == "5.b"
    assert lex.sdg("17") == "17"
    assert lex.sdg("17.99") is None


def test_instances_and_reference_things(lex: Lexicon) -> None:
    assert [(i.local_name, i.start, i.end) for i in lex.instances_of("OEWG")] == [
        ("oewg-2019-2021", dt.date(2019, 6, 3), dt.date(2021, 3, 12)),
        ("oewg-2021-2025", dt.date(2021, 6, 1), dt.date(2025, 7, 11)),
    ]
    assert lex.instances_of("GGE") == []  # no GGE concept in the fixture schemes
    assert [i.local_name for i in lex.instruments] == ["a-res-73-27", "budapest-convention"]
    assert lex.instruments_matcher.find("the Budapest Convention")[0].notation == "budapest-convention"
    assert lex.known_actor("access now").name == "Access Now"
    assert lex.known_actor("UN").name == "United Nations"
    assert lex.known_actor("Jane Doe") is None
    assert lex.is_concept_label("Online Moderator")
    assert not lex.is_concept_label("Jane Doe")


def test_project_lexicon_loads_every_scheme() -> None:
    lex = get_lexicon()
    assert get_lexicon() is lex  # cached
    assert {c.notation for c in lex.concepts["stakeholder-group"]} >= {
        "Government",
        "Civil Society",
        "Private Sector",
        "Technical Community",
        "Intergovernmental Organization",
        "Academia",
    }
    assert {c.notation for c in lex.concepts["regional-group"]} == {
        "African Group",
        "Asia-Pacific Group",
        "Eastern European Group",
        "GRULAC",
        "WEOG",
    }
    assert {c.notation for c in lex.concepts["process"]} == {
        "OEWG",
        "GGE",
        "AHC",
        "UNCC",
        "WSIS",
        "WSIS+10",
        "NETmundial",
        "IGF",
        "Roadmap",
        "GDC",
        "PermanentMechanism",
    }
    assert {"organizer", "speaker", "moderator", "online_moderator", "rapporteur", "co_chair"} <= {
        c.notation for c in lex.concepts["role"]
    }
    assert lex.instances_of("OEWG")


@pytest.mark.parametrize(
    ("field", "stakeholder", "regional"),
    [
        ("Tech community", "Technical Community", None),
        ("CSO", "Civil Society", None),
        ("Western European and Others", None, "WEOG"),
        ("Latin America and Caribbean", None, "GRULAC"),
        ("Latin America and the Caribbean", None, "GRULAC"),
        ("Asia-Pacific", None, "Asia-Pacific Group"),
        ("Group of African States", None, "African Group"),
    ],
)
def test_project_labels_of_group_slots(field: str, stakeholder: str | None, regional: str | None) -> None:
    lex = get_lexicon()
    assert lex.stakeholder_group(field) == stakeholder
    assert lex.regional_group(field) == regional


def test_short_region_names_are_hidden_labels() -> None:
    # Matched only in a field that states a group: "Asia-Pacific" in prose is no regional group.
    lex = get_lexicon()
    assert lex.regional_groups.lookup("Asia-Pacific", hidden=False) is None
    assert lex.regional_groups.find("cooperation in the Asia-Pacific and in Latin America and the Caribbean") == []
    assert lex.stakeholder_groups.find("the tech community") == []


def test_group_slots_split_and_taken() -> None:
    from govgraph.extract.slots import is_group_field, split_slots, take_groups

    lex = get_lexicon()
    assert split_slots("Ana Lima / Private Sector / Eastern European Group", lex) == [
        "Ana Lima",
        "Private Sector",
        "Eastern European Group",
    ]
    assert split_slots("Ana Lima – Tech community – WEOG", lex) == ["Ana Lima", "Tech community", "WEOG"]
    assert split_slots("IGO / Eastern European Group", lex) == ["IGO", "Eastern European Group"]
    assert split_slots("Jane Doe - Acme Institute", lex) == ["Jane Doe - Acme Institute"]  # no group: one field
    assert split_slots("CERT/CC", lex) == ["CERT/CC"]
    assert is_group_field("Africa Group", lex) and not is_group_field("Africa", lex)
    assert take_groups(["Policy Lead", "Acme", "Eastern European Group", "Government"], lex) == (
        "Government",
        "Eastern European Group",
        ["Policy Lead", "Acme"],
        True,
    )
    # After a group slot, a part that names no group is in the regional slot: neither region nor kept.
    assert take_groups(["IGO", "International Telecommunication Union (ITU)"], lex) == (
        "Intergovernmental Organization",
        None,
        [],
        True,
    )
    assert take_groups(["Director", "Ministry of ICT"], lex) == (None, None, ["Director", "Ministry of ICT"], False)


def test_process_instances_carry_lineage_and_venues() -> None:
    lex = get_lexicon()
    wsis10 = lex.instance("wsis-10-2015")
    assert wsis10.succeeds == ("wsis-2005",)
    assert lex.instance("netmundial-2014").venues == ("São Paulo",)  # from the meeting (meetings.ttl)
    assert [i.local_name for i in lex.chain_links("WSIS")] == ["wsis-10-2015"]
    assert lex.chain_links("OEWG") == []  # the permanent mechanism follows the OEWG; nothing follows it back
    assert lex.lineage_neighbours("PermanentMechanism") == {"OEWG"}
    assert lex.lineage_neighbours("WSIS") == {"WSIS+10"}
