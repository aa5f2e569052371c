"""Process and instrument mentions: concept, instance by the text's date, occurrences, evidence."""

from __future__ import annotations

import pytest

from govgraph.extract.normalise import normalise
from govgraph.extract.processes import (
    find_instrument_mentions,
    find_mentions,
    find_process_mentions,
    resolve_instance,
)
from govgraph.paths import CORPUS_DIR
from govgraph.records import Span

SEEDS = CORPUS_DIR / "seeds"


def _found(text: str, year: int | None = None, **kw) -> list[tuple[str, str | None, int]]:
    return [(m.process, m.instance, m.occurrences) for m in find_process_mentions(text, year, **kw)]


@pytest.mark.parametrize(
    ("year", "date", "instance"),
    [
        (2020, None, "oewg-2019-2021"),
        (2024, None, "oewg-2021-2025"),
        (2021, "2021-12-07", "oewg-2021-2025"),
        (2019, "2019-11-25", "oewg-2019-2021"),
        (None, None, None),  # no date: never a guess
    ],
)
def test_oewg_instance_from_the_date(year: int | None, date: str | None, instance: str | None) -> None:
    assert _found("States met in the OEWG.", year, date=date) == [("OEWG", instance, 1)]


def test_a_year_in_the_sentence_picks_the_instance() -> None:
    text = (
        "The UN Group of Governmental Experts (UNGGE) made a milestone 2015 consensus report. "
        "In 2019 two processes were created: another UN Group of Governmental Experts and an OEWG."
    )
    assert _found(text, 2019, date="2019-11-25") == [
        ("GGE", "gge-2014-2015", 2),
        ("GGE", "gge-2019-2021", 1),
        ("OEWG", "oewg-2019-2021", 1),
    ]


def test_the_words_can_name_the_instance() -> None:
    text = "NETmundial+10 takes place in April; NETmundial in 2014 began it. The WSIS+20 review too."
    assert _found(text, 2024, date="2024-02-01") == [
        ("NETmundial", "netmundial-10", 1),
        ("NETmundial", "netmundial-2014", 1),
        ("WSIS", "wsis-20-2025", 1),
    ]
    assert _found("the Global Multistakeholder Meeting on the Future of Internet Governance") == [
        ("NETmundial", "netmundial-2014", 1)
    ]


def test_single_instance_processes() -> None:
    assert _found("the Global Digital Compact and the IGF") == [("GDC", "gdc-2024", 1), ("IGF", "igf", 1)]


def test_negotiating_process_towards_the_convention_is_the_ahc() -> None:
    text = (
        "In May 2021, a new UN process starts, mandated with working towards a possible comprehensive "
        "international convention on countering the use of information and communications technologies "
        "(ICTs) for criminal purposes."
    )
    assert _found(text) == [("AHC", "ahc-2022-2024", 1)]
    # The convention itself, signed or drafted, is the UNCC.
    assert _found("the upcoming signing ceremony of the UN Cybercrime Convention (UNCC)") == [("UNCC", "uncc-2024", 2)]
    assert _found("the Ad Hoc Committee (AHC) negotiated the text") == [("AHC", "ahc-2022-2024", 2)]


def test_hidden_labels_need_a_visible_label_of_their_process() -> None:
    assert _found("Roadmap: towards a coordinated model of Internet Governance") == []
    text = "The Roadmap matters. The Secretary-General's Roadmap for Digital Cooperation. The Roadmap again."
    mentions = find_process_mentions(text)
    assert [(m.process, m.instance, m.occurrences, m.surface) for m in mentions] == [
        ("Roadmap", "roadmap-2020", 3, "Secretary-General's Roadmap for Digital Cooperation")
    ]
    assert _found("the Roadmap", context={"Roadmap"}) == [("Roadmap", "roadmap-2020", 1)]


def test_hidden_label_never_cuts_a_longer_visible_label() -> None:
    text = "norms agreed in the 2015 report of the Group of Governmental Experts"
    assert _found(text, 2019) == [("GGE", "gge-2014-2015", 1)]


def test_wsis_review_labels() -> None:
    assert _found("the WSIS+20 review and WSIS+10", 2025, date="2025-06-01") == [
        ("WSIS", "wsis-20-2025", 1),
        ("WSIS+10", "wsis-10-2015", 1),
    ]


def test_instruments_are_not_processes() -> None:
    text = (
        "The Budapest Convention differs from the UN Convention against Cybercrime; the OEWG was "
        "established by A/RES/73/27 and continued under resolution 75/240. The Convention opens for signature."
    )
    processes, instruments = find_mentions(text, 2025, date="2025-01-10")
    assert [(m.process, m.instance, m.occurrences) for m in processes] == [
        ("UNCC", "uncc-2024", 2),
        ("OEWG", "oewg-2021-2025", 1),
    ]
    assert [(i.instrument, i.surface, i.occurrences) for i in instruments] == [
        ("budapest-convention", "Budapest Convention", 1),
        ("a-res-73-27", "A/RES/73/27", 1),
        ("a-res-75-240", "resolution 75/240", 1),
    ]
    assert find_instrument_mentions(text) == instruments


def test_excluded_ranges_are_not_mentions() -> None:
    text = "IGF 2023 Open Forum #88\nThe OEWG met."
    assert _found(text, 2023) == [("IGF", "igf", 2), ("OEWG", "oewg-2021-2025", 1)]  # "Forum" is hidden
    assert _found(text, 2023, exclude=[(0, 23)]) == [("OEWG", "oewg-2021-2025", 1)]


def test_evidence_is_the_first_visible_occurrence_in_the_file() -> None:
    raw = "Title line\r\nOnly the Roadmap here.\r\n\u00a0The Roadmap for Digital Cooperation (2020).\r\n"
    nt = normalise(raw, file="x/a.txt")
    (m,) = find_process_mentions(nt, 2021)
    assert m.occurrences == 2
    assert m.surface == "Roadmap for Digital Cooperation"
    assert m.evidence == Span("x/a.txt", 37, 80, 3, "The Roadmap for Digital Cooperation (2020).")
    assert raw[m.evidence.start : m.evidence.end] == m.evidence.quote


def test_resolve_instance_rules() -> None:
    assert resolve_instance("OEWG", years_in_sentence=[2020]) == "oewg-2019-2021"
    assert resolve_instance("OEWG", date="2030-01-01") == "oewg-2021-2025"  # the text looks back
    assert resolve_instance("OEWG", date="2010-01-01") is None
    assert resolve_instance("Nothing") is None


@pytest.mark.parametrize(
    ("stem", "year", "date", "expected"),
    [
        (
            "000_907f27a4b7816e82",
            2019,
            "2019-11-25",
            [
                ("IGF", "igf", 3),
                ("GGE", "gge-2014-2015", 2),
                ("GGE", "gge-2019-2021", 1),
                ("OEWG", "oewg-2019-2021", 2),
            ],
        ),
        ("001_f8a1a0766480eedb", 2021, None, [("IGF", "igf", 7), ("Roadmap", "roadmap-2020", 8)]),
        (
            "002_ab2014dc970125be",
            None,
            None,
            [
                ("PermanentMechanism", "permanent-mechanism", 5),
                ("UNCC", "uncc-2024", 6),
                ("OEWG", None, 3),
                ("AHC", "ahc-2022-2024", 2),
            ],
        ),
        (
            "004_f23cb15b7c619879",
            None,
            None,
            # The OEWG's full title of 2019-2021 names that run; the GGE has no date to go by.
            [("AHC", "ahc-2022-2024", 1), ("OEWG", "oewg-2019-2021", 1), ("GGE", None, 2)],
        ),
    ],
)
def test_seeds(stem: str, year: int | None, date: str | None, expected: list) -> None:
    nt = normalise((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"), file=f"seeds/{stem}.txt")
    mentions = find_process_mentions(nt, year, date=date)
    assert [(m.process, m.instance, m.occurrences) for m in mentions] == expected
    for m in mentions:
        assert m.evidence is not None
        assert nt.original[m.evidence.start : m.evidence.end] == m.evidence.quote


def test_the_wsis_review_in_2015_is_the_wsis_10_review() -> None:
    # WSIS has no run in 2015; the WSIS+10 review runs then and lies inside WSIS's lineage (it follows
    # the Tunis phase and is followed by WSIS+20): "the WSIS review" of a 2015 text is that review.
    assert _found("For more information about the WSIS review, follow this link.", 2015, date="2015-03-02") == [
        ("WSIS+10", "wsis-10-2015", 1)
    ]
    # A year in the sentence decides by itself.
    assert _found("Setting the scene for the WSIS process in 2015.", None) == [("WSIS+10", "wsis-10-2015", 1)]
    # Not the review: the summit's principles, looked back to from the same year.
    assert _found("We build on the WSIS principles.", 2015, date="2015-03-02") == [("WSIS", "wsis-2005", 1)]
    # "review" in 2025 is the WSIS+20 review, an instance of WSIS itself.
    assert _found("the WSIS review", 2025, date="2025-06-01") == [("WSIS", "wsis-20-2025", 1)]
    # The OEWG is no link of another lineage: "the OEWG review" in 2026 looks back to the OEWG.
    assert _found("the OEWG review", 2026, date="2026-03-01") == [("OEWG", "oewg-2021-2025", 1)]


def test_resolve_instance_takes_a_link_of_the_lineage() -> None:
    assert resolve_instance("WSIS", date="2015-03-02", next_word="review") == "wsis-10-2015"
    assert resolve_instance("WSIS", date="2015-03-02", next_word="principles") == "wsis-2005"
    assert resolve_instance("WSIS", date="2015-03-02") == "wsis-2005"
    assert resolve_instance("WSIS", years_in_sentence=[2014]) == "wsis-10-2015"


def test_a_hidden_label_written_as_a_name_is_anchored_by_its_lineage() -> None:
    # "Global Mechanism" is a hidden label: alone it could be any global mechanism.
    assert _found("The Global Mechanism of the UNCCD meets in Bonn.", 2026) == []
    # Next to the OEWG it follows, it is the permanent mechanism.
    assert _found("the work of the Global Mechanism that follows the OEWG", 2024) == [
        ("PermanentMechanism", "permanent-mechanism", 1),
        ("OEWG", "oewg-2021-2025", 1),
    ]
    # In another sentence, or in lower case ("the mechanism"), it is not anchored.
    assert _found("The Global Mechanism meets. The OEWG ended.", 2025) == [("OEWG", "oewg-2021-2025", 1)]
    assert _found("The OEWG discussed the mechanism for stakeholder participation.", 2024) == [
        ("OEWG", "oewg-2021-2025", 1)
    ]
