"""Reader for a network's events page (genre ``network-events-page``): several events in one page.

A civil-society network's events page lists its events one after the other, each with its own date,
place, organisers, agenda and people. The page's structure splits it into events:

- a heading (``## Pre-IGF civil society day``) opens an event and titles it;
- a line that starts with a date (``12–13 June 2019 | Berlin``, ``On Monday, March 2, in Paris, …``)
  opens an event; a title-like line right after it titles it;
- a title-like line followed by a date field (``Fecha: 3 de junio de 2025``) opens an event;
- the shortcodes an events plugin prints at the end of each event (``[eventreports event="94489"]``,
  removed from the text by normalisation but still in the file) close an event;
- listing headings ("Upcoming events", "Past events") and "There are no upcoming events." separate
  events and are none; teasers of other posts and web furniture are dropped
  (:func:`govgraph.extract.event_page.content_lines`).

A stretch of text that states nothing of an event (no date, title, people or organisers) and is not
closed by the plugin's shortcodes continues the event before it (an event report printed after its
agenda); after a separator it is page furniture and dropped. Each event is then read like an event
page (:func:`govgraph.extract.event_page.read_event`), with the page's people shared, so that a first
name alone ("moderation: Maria") refers back to a person named in full anywhere on the page — and is
no one when nobody is.

Public API: :class:`NetworkEventsReader`, :func:`split_sections`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from govgraph.extract.event_page import (
    _DATE_LABEL,
    _LISTING_HEADING,
    _MD_HEADING,
    _PLACE_LABEL,
    _POSTED,
    _TEASER_START,
    NUMERIC_DATE,
    PageContext,
    collect_people,
    content_lines,
    document_from_events,
    find_dates,
    has_facts,
    new_context,
    read_event,
    text_year,
    title_like,
)
from govgraph.extract.lexicon import Lexicon
from govgraph.extract.normalise import Line
from govgraph.records import Document, Event, SourceDocument

__all__ = ["GENRE", "NetworkEventsReader", "Section", "split_sections"]

GENRE = "network-events-page"

# A shortcode with attributes, as an events plugin prints it in the published file.
_SHORTCODE = re.compile(r"\[[a-z][\w-]*\s+[\w-]+\s*=")
_NO_EVENTS = re.compile(r"^there are no (?:upcoming |past )?events\b|^no hay eventos\b", re.IGNORECASE)
# "On Monday, March 2, …": a weekday and a date opening a sentence.
_LEADING_DATE_SLACK = 25


@dataclass
class Section:
    """The lines of one candidate event, with what the page's structure says about them."""

    lines: list[Line] = field(default_factory=list)
    title: str | None = None
    closed: bool = False  # ended by the events plugin's shortcodes
    after_separator: bool = False
    heading: bool = False


@lru_cache(maxsize=8192)
def _starts_with_date(text: str) -> bool:
    # Cached: section splitting asks it of the same lines several times.
    if _DATE_LABEL.match(text) or _POSTED.match(text):
        return False  # "Posted on 3 March 2015" dates a post, not an event
    hits = find_dates(text)
    if hits and hits[0].start <= _LEADING_DATE_SLACK:
        return True
    numeric = NUMERIC_DATE.search(text)
    return bool(numeric) and numeric.start() <= _LEADING_DATE_SLACK


def _is_field_line(text: str, ctx: PageContext) -> bool:
    """A "Label: value" line whose label is a role or a date/place field, not a title."""
    label, sep, _ = text.partition(":")
    return bool(sep) and (
        ctx.role(label) is not None or bool(_DATE_LABEL.match(text)) or bool(_PLACE_LABEL.match(text))
    )


def split_sections(ctx: PageContext) -> list[Section]:
    """Split a page's lines into candidate event sections by the page's structure (module docstring)."""
    nt = ctx.nt
    keep = {line.start for line in content_lines(nt)}
    shortcode_lines = {
        number for number, text in enumerate(nt.original.splitlines(), start=1) if _SHORTCODE.search(text)
    }
    sections: list[Section] = []
    cur = Section()

    def push(new: Section) -> Section:
        if cur.lines or cur.closed:
            sections.append(cur)
        return new

    for line in nt.lines:
        text = _MD_HEADING.sub("", line.text).strip()
        if _TEASER_START.match(line.text.strip()):
            break
        original_line = nt.original_line(nt.original_offset(line.start))[0]
        if original_line in shortcode_lines:
            cur.closed = True
            continue
        if _LISTING_HEADING.match(text) or _NO_EVENTS.match(text):
            cur = push(Section(after_separator=True))
            continue
        if line.start not in keep or not text:
            continue
        if _MD_HEADING.match(line.text):
            cur = push(Section(title=text, heading=True))
        elif _DATE_LABEL.match(text) and cur.lines:
            # A date field: the title-like line just before it opens (and titles) the event.
            previous = cur.lines[-1]
            prev_text = _MD_HEADING.sub("", previous.text).strip()
            if title_like(prev_text) and not _starts_with_date(prev_text):
                if len(cur.lines) == 1 and not cur.closed:
                    cur.title = cur.title or prev_text
                else:
                    cur.lines.pop()
                    cur = push(Section(lines=[previous], title=prev_text))
            elif any(_DATE_LABEL.match(x.text.strip()) for x in cur.lines):
                cur = push(Section())
        elif _starts_with_date(text):
            nxt = _next_content(nt.lines, line, keep)
            title_follows = (
                nxt is not None and title_like(nxt.text.strip()) and not _is_field_line(nxt.text.strip(), ctx)
            )
            previous = cur.lines[-1] if cur.lines else None
            prev_text = previous.text.strip() if previous else ""
            if cur.heading and len(cur.lines) == 1:
                pass  # the date of the heading's event
            elif not any(_starts_with_date(x.text) or _DATE_LABEL.match(x.text.strip()) for x in cur.lines):
                # The first date of a stretch without one is that stretch's date: descriptions come
                # before the date line as often as after it.
                if (
                    cur.title is None
                    and previous is not None
                    and title_like(prev_text)
                    and not (_is_field_line(prev_text, ctx) or _starts_with_date(prev_text))
                ):
                    cur.title = prev_text
            elif (
                previous is not None
                and not title_follows
                and title_like(prev_text)
                and not _is_field_line(prev_text, ctx)
                and not _starts_with_date(prev_text)
            ):
                # "Title" then "Thursday, 14 March 2024": the title opens the event.
                if len(cur.lines) == 1 and not cur.closed and cur.title is None:
                    cur.title = prev_text
                else:
                    cur.lines.pop()
                    cur = push(Section(lines=[previous], title=prev_text))
            elif cur.lines:
                cur = push(Section())
        elif cur.closed:
            cur = push(Section())
        cur.lines.append(line)
    if cur.lines:
        sections.append(cur)
    # A date line followed by a title-like line: that line is the title.
    for sec in sections:
        if sec.title is None and len(sec.lines) > 1 and _starts_with_date(sec.lines[0].text):
            candidate = sec.lines[1].text.strip()
            if title_like(candidate) and not find_dates(candidate):
                sec.title = candidate
    return sections


def _next_content(lines: list[Line], line: Line, keep: set[int]) -> Line | None:
    after = False
    for other in lines:
        if after and other.start in keep and other.text.strip():
            return other
        if other.start == line.start:
            after = True
    return None


def _is_event(section: Section, event: Event) -> bool:
    return bool(
        section.closed or section.heading or section.title or event.date or event.participants or event.organisers
    )


class NetworkEventsReader:
    """Reads a network's events page: one event per section, people shared across the page."""

    genre = GENRE

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    def _read_section(self, ctx: PageContext, section: Section, page_year: int | None) -> Event:
        # The year a section's dates leave out is the section's own, else the page's.
        ctx.year = text_year("\n".join(line.text for line in section.lines)) or page_year
        return read_event(ctx, section.lines, title=section.title, guess_title=False)

    def read(self, source: SourceDocument) -> Document:
        """Extract every event of every file of ``source``, in page order."""
        events: list[Event] = []
        contexts: list[PageContext] = []
        for file in source.files:
            ctx = new_context(file, self._lexicon)
            contexts.append(ctx)
            page_year = ctx.year
            collect_people(ctx, content_lines(ctx.nt))
            kept: list[tuple[Section, Event]] = []
            for section in split_sections(ctx):
                event = self._read_section(ctx, section, page_year)
                if _is_event(section, event):
                    kept.append((section, event))
                elif kept and not section.after_separator:
                    # Text after an event's agenda (its report) belongs to that event.
                    previous, _ = kept[-1]
                    previous.lines.extend(section.lines)
                    kept[-1] = (previous, self._read_section(ctx, previous, page_year))
                elif has_facts(event) and event.processes and not section.after_separator:
                    kept.append((section, event))
            events.extend(event for _, event in kept)
        return document_from_events(source, self.genre, events, contexts)
