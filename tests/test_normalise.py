"""Text normalisation: every fix, and every offset mapped back into the text as it is on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.extract.normalise import evidence_span, identity, normalise, normalise_file
from govgraph.paths import CORPUS_DIR
from govgraph.records import SourceFile, Span

SEEDS = CORPUS_DIR / "seeds"


def _seed(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def _orig(nt, needle: str) -> str:
    """The original text behind the first occurrence of ``needle`` in the normalised text."""
    i = nt.text.index(needle)
    start, end = nt.original_span(i, i + len(needle))
    return nt.original[start:end]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\x85b", "a\nb"),
        ("a\u2028b\u2029c", "a\nb\nc"),
        ("\ufeffIGF 2021", "IGF 2021"),
        ("Speaker:\u00a0Jane\u202fDoe", "Speaker: Jane Doe"),
        ("Kainz\u00adLabbe", "KainzLabbe"),
        ("To\u200bm\u200cá\u200ds\u2060", "Tomás"),
        ("Jose\u0301 Ferna\u0301ndez", "José Fernández"),
        ("Rights &amp; Norms", "Rights & Norms"),
        ("JosÃ© GarcÃ\u00ada", "José García"),
        ("SZABÃ“ Eszter", "SZABÓ Eszter"),
        ("the Secretary-Generalâ€™s Roadmap", "the Secretary-General's Roadmap"),
        ("O\u2019Brien", "O'Brien"),
        ("plain ASCII line", "plain ASCII line"),
        ("", ""),
    ],
)
def test_fixes(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


def test_shortcodes_removed_placeholders_kept() -> None:
    raw = "See [backgroundpapers event=”94489″] and [/participants] [participants event=”157964″] (transport [TBC]) [1]"
    assert normalise(raw).text == "See  and   (transport [TBC]) [1]"


def test_html_tags_removed() -> None:
    nt = normalise("<p>Speaker 1: <strong>Jane Doe</strong>, Civil Society<br />next</p> a < b > c")
    assert nt.text == " Speaker 1: Jane Doe, Civil Society next  a < b > c"
    assert _orig(nt, "Jane Doe") == "Jane Doe"


def test_offsets_map_each_fixed_token_back_to_its_original() -> None:
    raw = "\ufeffOrganizer 1: JosÃ© GarcÃ\u00ada\r\nSpeaker 2: Mari\u0301a Kowal\u00adski,\u00a0Civil\u00a0Society\x85Z"
    nt = normalise(raw)
    assert nt.text == "Organizer 1: José García\nSpeaker 2: María Kowalski, Civil Society\nZ"
    assert _orig(nt, "José") == "JosÃ©"
    assert _orig(nt, "García") == "GarcÃ\u00ada"
    assert _orig(nt, "María") == "Mari\u0301a"
    assert _orig(nt, "Kowalski") == "Kowal\u00adski"  # invisible characters map letter by letter
    assert _orig(nt, " Civil Society") == "\u00a0Civil\u00a0Society"
    assert _orig(nt, "Organizer 1") == "Organizer 1"
    assert _orig(nt, "Civil Society") == "Civil\u00a0Society"  # same length: position by position
    assert _orig(nt, "Z") == "Z"


def test_span_is_the_stripped_original_line_with_its_number() -> None:
    raw = "Title\r\n\r\n    Speaker 1: Jos\u00e9\u00a0Doe, Civil Society  \r\nlast"
    nt = normalise(raw, file="x/doc.txt")
    i = nt.text.index("José")
    span = nt.span(i, i + 8)
    assert span == Span("x/doc.txt", 13, 47, 3, "Speaker 1: José\u00a0Doe, Civil Society")
    assert raw[span.start : span.end] == span.quote
    exact = nt.span(i, i + 8, whole_line=False)
    assert raw[exact.start : exact.end] == "José\u00a0Doe"
    assert exact.line == 3


def test_evidence_span_names_the_source_file() -> None:
    text = "a\nSpeaker 1: Jane Doe\n"
    sf = SourceFile(path="seeds/x.txt", sha256="0" * 64, encoding="utf-8", text=text)
    nt = normalise_file(sf)
    i = nt.text.index("Jane")
    assert evidence_span(sf, nt, i, i + 8) == Span("seeds/x.txt", 2, 21, 2, "Speaker 1: Jane Doe")


def test_lines_are_normalised_lines_with_offsets() -> None:
    nt = normalise("a\r\nbb\rccc")
    assert [(ln.start, ln.end, ln.text) for ln in nt.lines] == [(0, 1, "a"), (2, 4, "bb"), (5, 8, "ccc")]
    assert all(nt.text[ln.start : ln.end] == ln.text for ln in nt.lines)


def test_identity_keeps_the_text() -> None:
    nt = identity("x\r\nJane Doe")
    assert nt.text == "x\r\nJane Doe"
    assert nt.original_span(3, 7) == (3, 7)
    assert nt.span(3, 7) == Span("", 3, 11, 2, "Jane Doe")


def test_seed_002_repeated_blocks_removed_evidence_at_first_occurrence() -> None:
    raw = _seed("002_ab2014dc970125be")
    nt = normalise(raw)
    assert nt.text.count("Speaker 2: Vera Toro Catalina") == 1
    assert nt.text.count("Duration (minutes): 60") == 1
    assert nt.text.count("Effectively addressing cyber threats") == 1
    assert [(raw[s:e][:30], raw[f : f + min(30, e - s)]) for s, e, f in nt.duplicates] == [
        ("Speaker 2: Vera Toro Catalina,", "Speaker 2: Vera Toro Catalina,"),
        ("Speaker 3: Raman Jit Singh Chi", "Speaker 3: Raman Jit Singh Chi"),
        ("Speaker 4: Oluseyi Oyebisi, Ci", "Speaker 4: Oluseyi Oyebisi, Ci"),
        ("Speaker 5: Suto Timea, Private", "Speaker 5: Suto Timea, Private"),
        ("Duration (minutes): 60", "Duration (minutes): 60"),
        ("Format description: The classr", "Format description: The classr"),
        ("Effectively addressing cyber t", "Effectively addressing cyber t"),
    ]
    i = nt.text.index("Speaker 5: Suto Timea")
    assert nt.span(i, i + 21).line == 7  # the first occurrence, not line 11


def test_a_line_repeated_under_another_heading_is_kept() -> None:
    # Seed 001: the same "Name, group, group" line follows "Online Moderator" and "Rapporteur".
    nt = normalise(_seed("001_f8a1a0766480eedb"))
    assert nt.text.count("Jason Munyan, Intergovernmental Organization, Intergovernmental Organization") == 2
    assert nt.duplicates == []


def test_adjacent_repeated_line_removed_unless_dedupe_is_off() -> None:
    raw = "Speakers\nJane Doe, Civil Society\nJane Doe, Civil Society\nEnd"
    assert normalise(raw).text == "Speakers\nJane Doe, Civil Society\nEnd"
    assert normalise(raw, dedupe=False).text == raw


def test_every_seed_maps_back_exactly() -> None:
    for path in sorted(Path(SEEDS).glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        nt = normalise(raw)
        for ln in nt.lines:
            if not ln.text.strip():
                continue
            start, end = nt.original_span(ln.start, ln.end)
            assert normalise(raw[start:end], dedupe=False).text.strip() == ln.text.strip(), (path.name, ln)
