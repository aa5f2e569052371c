"""Reader for IGF session pages (genre ``igf-session``), in their 2019–2025 layouts.

An IGF session page describes one session. What the reader takes from it, and how:

- **code and title**: a line ``IGF 2021 WS #257`` / ``IGF 2019 Pre-Event #20`` / ``IGF 2024 Day 0
  Event #5`` / ``Open Forum #12`` (the kind before ``#`` must be an event-format label when no
  ``IGF <year>`` prefix says it is a session code); the title is the rest of that line or the next
  line, or a ``Title:`` field. The parent meeting is ``igf-<year>`` from the code, else from the date.
- **date, time, place**: ``Time: 25 November 2019, 10:35-12:35``, ``Tuesday, 7th December, 2021
  (10:50 UTC) - Tuesday, 7th December, 2021 (12:20 UTC)``, ``Location:`` / ``Venue:`` / ``Room:``.
- **format and duration**: ``Round Table - Circle - 90 Min``, ``Format`` heading + ``Classroom``,
  ``Duration (minutes): 60``; formats are event-format notations from the lexicon.
- **people**: numbered role lines (``Speaker 1: Name, Stakeholder group, Regional group``,
  ``Organizer 2: Name, Affiliation``), role headings with entries on the following lines
  (``Online Moderator`` / ``Jason Munyan, Intergovernmental Organization, …``), ``Role: value``
  lines. Role words, stakeholder groups and regional groups are labels of the concept schemes; the
  fields of an entry are told apart by the lexicon, not by position (``Name, Affiliation,
  Stakeholder group, Regional group`` and ``Name, Stakeholder group, Regional group`` both work; an
  IGO named in the regional slot is not a region). One participant per person however many roles.
  Placeholders (TBC, "Speaker to be confirmed", "Representative of …") and entries without a name
  (``Organizer 1: Civil Society, WEOG``) make no actor; an organiser that is an organisation is an
  organisation organiser.
- **SDGs**: an ``SDGs`` heading followed by targets (``17.16``, ``5.b``) or goals (``GOAL 17:
  Partnerships for the Goals`` → ``17``), kept when the SDG scheme knows them.
- **processes and instruments**: :mod:`govgraph.extract.processes` over the whole page, dated by
  the session's date.

Nothing is guessed: a value the page does not state stays ``None``. Every participant, organiser
and mention carries the evidence span of the line that states it.

Public API: :class:`IgfSessionReader` (``genre = "igf-session"``), :func:`parse_date_time`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from govgraph.extract.lexicon import Lexicon, get_lexicon
from govgraph.extract.names import (
    NameOrderEvidence,
    PersonIndex,
    is_placeholder,
    is_post_nominal,
    looks_like_organisation,
    looks_like_person,
    organisation_name,
    parse_person,
    written_in_order,
)
from govgraph.extract.normalise import NormalisedText, normalise_file
from govgraph.extract.processes import find_mentions
from govgraph.extract.slots import is_group_field, split_slots
from govgraph.records import (
    Document,
    Event,
    Organisation,
    Organiser,
    Participant,
    SourceDocument,
    Span,
)

__all__ = ["IgfSessionReader", "parse_date_time"]

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?\.?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_DATE_RE = re.compile(
    "|".join(
        [
            _DAY.format("d1") + r"\s+(?:of\s+)?" + _MONTH.format("m1") + r",?\s+" + _YEAR.format("y1"),
            _MONTH.format("m2") + r"\s+" + _DAY.format("d2") + r",?\s+" + _YEAR.format("y2"),
            r"(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)",
        ]
    ),
    re.IGNORECASE,
)
_DAY_RANGE_RE = re.compile(
    r"(?P<d0>[0-3]?\d)(?:st|nd|rd|th)?\s*[-–]\s*(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+"
    + _MONTH.format("m")
    + r",?\s+"
    + _YEAR.format("y"),
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"(?<![\d:])(?P<t>[0-2]?\d[:.][0-5]\d|[01]?\d\s*[ap]\.?m\.?)(?:\s*(?P<ap>[ap]\.?m\.?))?"
    r"(?:\s*\(?\s*(?P<tz>(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::\d\d)?)?|[A-Z]{1,3}S?T)(?![A-Za-z]))?",
    re.IGNORECASE,
)
_WEEKDAY_START = re.compile(r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b", re.IGNORECASE)

# An event code: "IGF 2021 WS #257", "Open Forum #12". The kind is checked against the lexicon.
_CODE_RE = re.compile(
    r"^(?P<code>(?:IGF\s*(?P<year>(?:19|20)\d\d)\s*[:\-–]?\s*)?"
    r"(?P<kind>[A-Za-z][\w\-/&' ]{0,40}?)\s*#\s*(?P<num>\d+[A-Za-z]?))"
    r"(?:\s*[:\-–—|]\s*|\s+|$)(?P<rest>.*)$"
)
# "Label: value" (the label is checked against the role lexicon or the field names below).
_LABELLED = re.compile(
    r"^(?P<label>[^:]{1,48}?)\s*(?:#?\s*(?P<num>\d{1,2}))?\s*:(?!\d)\s*(?P<value>.*)$"  # "10:35" is no label
)


def _labelled(text: str) -> re.Match[str] | None:
    """``_LABELLED.match(text)``; most lines of a page hold no colon, and the pattern's lazy label
    would be tried at every length up to 48 before failing on them."""
    return _LABELLED.match(text) if ":" in text else None


_ROLE_HEADING = re.compile(r"^(?P<label>\W{0,3}[A-Za-z][\w \-/()]{1,40}?)\s*(?:#?\s*\d{1,2})?\s*:?$")
# Field names of the page layouts (layout words, not names of anything the graph describes).
_TIME_FIELDS = frozenset({"time", "date", "date and time", "session time", "when", "schedule", "date & time"})
_PLACE_FIELDS = frozenset({"location", "venue", "place", "where"})
_ROOM_FIELDS = frozenset({"room", "session room"})
_TITLE_FIELDS = frozenset({"title", "session title", "workshop title"})
_HEADING_WORDS = frozenset(
    [
        "format",
        "description",
        "policy",
        "question",
        "questions",
        "expected",
        "outcome",
        "outcomes",
        "online",
        "onsite",
        "participation",
        "sdg",
        "sdgs",
        "targets",
        "target",
        "relevance",
        "session",
        "report",
        "discussion",
        "facilitation",
        "agenda",
        "background",
        "issues",
        "objectives",
        "duration",
        "content",
        "key",
        "takeaways",
        "takeaway",
        "call",
        "action",
        "outputs",
        "theme",
        "subtheme",
        "reference",
        "links",
        "document",
        "documents",
        "tools",
        "thematic",
        "track",
        "tags",
        "summary",
        "abstract",
        "notes",
        "biographies",
        "bios",
        "contact",
        "register",
        "registration",
        "check-in",
        "schedule",
        "video",
        "transcript",
        "additional",
        "materials",
        "interventions",
    ]
)
_SDG_HEADING = re.compile(
    r"^(?:SDGs?|SDG targets?|Sustainable Development Goals?)\b[^:]*?:?\s*(?P<rest>.*)$", re.IGNORECASE
)
_SDG_LINE = re.compile(
    r"(?:SDG\s*)?\d{1,2}\.(?:\d{1,2}|[a-z])(?:\s*[,;]\s*(?:SDG\s*)?\d{1,2}\.(?:\d{1,2}|[a-z]))*\.?", re.IGNORECASE
)
_SDG_TARGET = re.compile(r"(?<![\w.])(?:SDG\s*)?(?P<n>\d{1,2}\.(?:\d{1,2}|[a-z]))(?![\w.])", re.IGNORECASE)
_SDG_GOAL = re.compile(r"^\s*(?:GOAL|SDG)\s*(?P<n>\d{1,2})\b", re.IGNORECASE)
_DURATION_FIELD = re.compile(r"^(?:session\s+)?duration\b[^:]*:\s*(?P<v>.*)$", re.IGNORECASE)
_MINUTES = re.compile(r"(?P<n>\d{2,3})\s*(?:min(?:ute)?s?\b|')", re.IGNORECASE)
_HOURS = re.compile(r"(?P<n>\d(?:[.,]\d+)?)\s*(?:hours?|hrs?|h)\b", re.IGNORECASE)
# "Format", "Format:", "Session format: Panel" — not "Format description: …" (prose about the format).
_FORMAT_FIELD = re.compile(r"^(?:session\s+)?format\s*(?::\s*(?P<v>.*))?$", re.IGNORECASE)
_BOILERPLATE = re.compile(r"^check-in and access this session", re.IGNORECASE)
_ROOM_WORD = re.compile(r"\b(?:room|hall|saal|salle|sala|auditorium)\b", re.IGNORECASE)
_HEADER_LINES = 12
_LABEL_NOISE = re.compile(r"^[^\w(]+")
_REMARK = re.compile(
    r"^(?:online|remote(?:ly)?|on-?site|in[- ]person|virtual(?:ly)?|confirmed|tentative|moderator|chair|"
    r"[a-z]{2,4}/[a-z]{2,4})$",
    re.IGNORECASE,
)
_DATELINE_SEP = re.compile(r"\s+[–—|]\s+|\s+-\s+")
_NAME_PAREN = re.compile(r"(?P<n>[^()]+?)\s*\((?P<a>[^()]+)\)")
_LIST_SPLIT = re.compile(r"\s*(?:;|\s&\s|\band\b)\s*")
# Tables written with bars: the rule under the header, a numbering column, the header's column names
# (layout words of the page, not names of anything the graph describes).
_TABLE_RULE = re.compile(r":?-{2,}:?")
_ROW_NUMBER = re.compile(r"#|\d{1,3}\.?")
_COLUMN_WORDS = frozenset(
    {
        "#",
        "no",
        "no.",
        "name",
        "names",
        "full name",
        "affiliation",
        "organisation",
        "organization",
        "institution",
        "stakeholder group",
        "stakeholder",
        "sector",
        "regional group",
        "region",
        "role",
        "title",
        "position",
        "country",
    }
)


def parse_date_time(text: str) -> tuple[str | None, str | None, str | None]:
    """``(date, end_date, time)`` a line states: ISO dates (``end_date`` only when another day) and
    the time of day as written, compacted (``"10:35-12:35"``, ``"10:50-12:20 UTC"``).

    >>> parse_date_time("Time: 25 November 2019, 10:35-12:35")
    ('2019-11-25', None, '10:35-12:35')
    >>> parse_date_time("Tuesday, 7th December, 2021 (10:50 UTC) - Tuesday, 7th December, 2021 (12:20 UTC)")
    ('2021-12-07', None, '10:50-12:20 UTC')
    """
    dates: list[str] = []
    if (r := _DAY_RANGE_RE.search(text)) is not None:
        # "25–26 November 2019": the first day opens the range.
        month = _MONTHS[r["m"].lower()]
        for day in (r["d0"], r["d1"]):
            try:
                dates.append(dt.date(int(r["y"]), month, int(day)).isoformat())
            except ValueError:
                return None, None, None
    for m in _DATE_RE.finditer(text):
        iso = _iso(m)
        if iso and iso not in dates:
            dates.append(iso)
    stripped = _DATE_RE.sub(" ", text)
    times = []
    zones = []
    for m in _TIME_RE.finditer(stripped):
        t = re.sub(r"(?<=\d)\.(?=\d\d)", ":", m.group("t"))  # "10.30" is 10:30
        if m.group("ap"):
            t += " " + m.group("ap").replace(".", "").lower()
        times.append(t.strip())
        if m.group("tz"):
            zones.append(" ".join(m.group("tz").split()).upper())
    time = None
    if times:
        time = "-".join(times[:2])
        if zones and all(z == zones[0] for z in zones):
            time += " " + zones[0]
    return (dates[0] if dates else None), (dates[1] if len(dates) > 1 else None), time


def _iso(m: re.Match[str]) -> str | None:
    for i in "123":
        if m.group("y" + i):
            month_text = m.group("m" + i)
            month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
            try:
                return dt.date(int(m.group("y" + i)), month, int(m.group("d" + i))).isoformat()
            except ValueError:
                return None  # "31 February": not a date; never repaired by guessing
    return None


@dataclass
class _Line:
    index: int
    text: str  # stripped
    start: int  # normalised offsets of the stripped text
    end: int


@dataclass
class _Entry:
    """One parsed ``Name, Affiliation, Stakeholder group, Regional group`` entry."""

    name: str | None
    kind: str  # "person" | "organisation"
    title: str | None
    affiliation: str | None
    stakeholder_group: str | None
    regional_group: str | None
    in_order: bool = False  # a person's name kept in the order written, nothing marked a surname first


class IgfSessionReader:
    """Reads an IGF session page into one :class:`~govgraph.records.Event` (see the module doc)."""

    genre = "igf-session"

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = get_lexicon()
        return self._lexicon

    def read(self, source: SourceDocument) -> Document:
        """The records of one IGF session page (its first non-empty file)."""
        doc = Document(id=source.id, collection=source.collection, genre=self.genre, files=list(source.files))
        for sf in source.files:
            if not sf.text.strip():
                continue
            nt = normalise_file(sf)
            event, organisations = _PageReader(nt, self.lexicon).read()
            doc.events.append(event)
            doc.organisations.extend(o for o in organisations if o.name not in {x.name for x in doc.organisations})
            doc.processes.extend(event.processes)
            doc.instruments.extend(event.instruments)
            if doc.title is None:
                doc.title = event.title
            if doc.date is None:
                doc.date = event.date
            break
        return doc


class _PageReader:
    """The state of reading one page."""

    def __init__(self, nt: NormalisedText, lexicon: Lexicon) -> None:
        self.nt = nt
        self.lex = lexicon
        self.lines = [
            _Line(
                i, ln.text.strip(), ln.start + (len(ln.text) - len(ln.text.lstrip())), ln.start + len(ln.text.rstrip())
            )
            for i, ln in enumerate(nt.lines)
        ]
        self.event = Event()
        self.persons = PersonIndex()
        self.participants: dict[str, Participant] = {}
        self.organisations: list[Organisation] = []
        self.consumed: set[int] = set()
        self.code_lines: set[int] = set()
        self.host_line: _Line | None = None
        # The persons the last entry line added: (line index, participants, whether it stated a group).
        self._last_added: tuple[int, list[Participant], bool] | None = None
        self._previous: int | None = None
        self.entry_lines: set[int] = set()  # lines that name a person of a list
        self.in_order: set[str] = set()  # persons written with no mark of a surname first …
        self.marked: set[str] = set()  # … and those some line writes with one

    def span(self, line: _Line) -> Span:
        return self.nt.span(line.start, line.end)

    # -- the page -------------------------------------------------------------------------------

    def read(self) -> tuple[Event, list[Organisation]]:
        self._header()
        self._fields()
        self._people()
        self._turn_unmarked()
        if self.host_line is not None:
            name = organisation_name(self.host_line.text)
            self._add_organiser(name, "organisation", self.host_line)
            self._add_organisation(name, None, self.host_line)
        ev = self.event
        year = int(ev.date[:4]) if ev.date else _code_year(ev.code)
        if ev.parent is None and year is not None:
            ev.parent = f"igf-{year}"
        ev.participants = list(self.participants.values())
        for p in ev.participants:
            if p.stakeholder_group is None and p.affiliation:
                # A marked inference, kept apart from what the page states: the reference data
                # knows the affiliation's group (the United Nations is an IGO).
                known = self.lex.known_actor(p.affiliation)
                if known is not None and known.kind == "organisation":
                    p.inferred_stakeholder_group = known.stakeholder_group
        # The session code and the schedule boilerplate name the IGF on every page; they are not
        # the page's text about processes.
        exclude = [
            (ln.start, ln.end) for ln in self.lines if ln.index in self.code_lines or _BOILERPLATE.match(ln.text)
        ]
        ev.processes, ev.instruments = find_mentions(self.nt, year, date=ev.date, lexicon=self.lex, exclude=exclude)
        return ev, self.organisations

    def _nonblank(self, start: int) -> _Line | None:
        for ln in self.lines[start:]:
            if ln.text:
                return ln
        return None

    def _header(self) -> None:
        nonblank = 0
        for ln in self.lines:
            if not ln.text:
                continue
            nonblank += 1
            if nonblank > _HEADER_LINES:
                return  # a code further down is a reference to another session, not this one's
            m = _CODE_RE.match(ln.text)
            if m is None:
                continue
            kind = " ".join(m["kind"].split())
            if not m["year"] and self.lex.event_formats.lookup(kind) is None:
                continue
            code = " ".join(m["code"].split()).replace("# ", "#")
            code = re.sub(r"\s*#\s*", " #", code)
            self.event.code = code
            self.event.evidence = self.span(ln)
            self.consumed.add(ln.index)
            self.code_lines.add(ln.index)
            if m["year"]:
                self.event.parent = f"igf-{m['year']}"
            rest = m["rest"].strip(" -–—:|")
            if rest:
                self.event.title = rest
            else:
                nxt = self._nonblank(ln.index + 1)
                if nxt is not None and self._could_be_title(nxt.text):
                    self.event.title = nxt.text
                    self.consumed.add(nxt.index)
                    self._host_line(nxt.index + 1)
            return

    def _could_be_title(self, text: str) -> bool:
        if _labelled(text) and self._label_kind(text.split(":", 1)[0]) is not None:
            return False
        return not (self._is_heading(text) or (_DATE_RE.search(text) and len(text) < 80))

    def _host_line(self, start: int) -> None:
        # The line printed right under the title of pre-event and open-forum pages is the
        # organisation that organises the session (the IGF schedule prints it there).
        nxt = self._nonblank(start)
        if nxt is None or ":" in nxt.text or len(nxt.text) > 100:
            return
        if looks_like_organisation(nxt.text, self.lex) and not self.lex.is_concept_label(nxt.text):
            # Added after the labelled organisers (see read): the page's own labels come first.
            self.host_line = nxt
            self.consumed.add(nxt.index)

    def _label_kind(self, label: str) -> str | None:
        low = " ".join(label.lower().split())
        if low in _TIME_FIELDS:
            return "time"
        if low in _PLACE_FIELDS:
            return "place"
        if low in _ROOM_FIELDS:
            return "room"
        if low in _TITLE_FIELDS:
            return "title"
        return None

    def _is_heading(self, text: str) -> bool:
        words = re.findall(r"[a-z\-]+", text.lower())
        return bool(words) and len(words) <= 6 and any(w in _HEADING_WORDS for w in words)

    # -- fields ---------------------------------------------------------------------------------

    def _fields(self) -> None:
        ev = self.event
        lines = self.lines
        nonblank = 0
        for i, ln in enumerate(lines):
            text = ln.text
            if text:
                nonblank += 1
            if not text or i in self.consumed:
                continue
            m = _labelled(text)
            kind = self._label_kind(m["label"]) if m and not m["num"] else None
            if kind == "title" and ev.title is None and m["value"].strip():
                ev.title = m["value"].strip()
                self.consumed.add(i)
            elif kind == "time" and ev.date is None:
                self._set_time(m["value"], ln)
            elif kind in ("place", "room") and m["value"].strip():
                value = m["value"].strip()
                if ev.location is None:
                    ev.location = value
                if kind == "room" and ev.room is None:
                    ev.room = value
                self.consumed.add(i)
            elif ev.date is None and _WEEKDAY_START.match(text) and _DATE_RE.search(text):
                self._set_time(text, ln)
            elif (
                ev.date is None
                and m is None
                and nonblank <= _HEADER_LINES  # a dateline belongs to the page's head
                and len(text) <= 140
                and _DATE_RE.search(text)
                and _DATELINE_SEP.search(text)
            ):
                self._dateline(text, ln)
            elif (fm := _FORMAT_FIELD.match(text)) is not None and ev.format is None:
                self._format(fm["v"] or "", i)
            elif (dm := _DURATION_FIELD.match(text)) is not None and ev.duration_minutes is None:
                ev.duration_minutes = _minutes(dm["v"])
                self.consumed.add(i)
            elif (sm := _SDG_HEADING.match(text)) is not None and not ev.sdg_targets:
                self._sdgs(sm["rest"], i)

    def _set_time(self, value: str, ln: _Line) -> None:
        date, end_date, time = parse_date_time(value)
        if date is None and time is None:
            return
        self.event.date, self.event.end_date, self.event.time = date, end_date, time
        self.consumed.add(ln.index)

    def _dateline(self, text: str, ln: _Line) -> None:
        """``Kyoto, Japan – 10 October 2023, 08:45–09:45 JST – Room K``: place, date and room."""
        parts = [p.strip() for p in _DATELINE_SEP.split(text) if p.strip()]
        dated = [p for p in parts if _DATE_RE.search(p)]
        if not dated:
            return
        self._set_time(" ".join(p for p in parts if _DATE_RE.search(p) or _TIME_RE.match(p)), ln)
        ev = self.event
        for p in parts:
            if _DATE_RE.search(p) or _TIME_RE.fullmatch(p) or _WEEKDAY_START.fullmatch(p):
                continue
            if _ROOM_WORD.search(p):
                ev.room = ev.room or p
            elif ev.location is None:
                ev.location = p
        self.consumed.add(ln.index)

    def _format(self, value: str, i: int) -> None:
        """``Format: Round Table - Circle - 90 Min`` or a ``Format`` heading and the lines after it."""
        ev = self.event
        candidates = [value] if value.strip() else []
        j = i + 1
        while not candidates and j < len(self.lines) and j <= i + 3:
            if self.lines[j].text:
                candidates.append(self.lines[j].text)
            j += 1
        for text in candidates:
            found = self.lex.event_formats.find(text, hidden=False)
            if found and found[0].start < 3:
                ev.format = found[0].notation
            if ev.duration_minutes is None and (mm := _MINUTES.search(text)):
                ev.duration_minutes = int(mm["n"])
        self.consumed.add(i)

    def _sdgs(self, rest: str, i: int) -> None:
        found: list[str] = []
        texts = [rest] if rest.strip() else []
        j = i + 1
        blank_run = 0
        while j < len(self.lines):
            t = self.lines[j].text
            if not t:
                blank_run += 1
                if blank_run > 2:
                    break
                j += 1
                continue
            blank_run = 0
            if _SDG_GOAL.match(t) or _SDG_LINE.fullmatch(t):
                texts.append(t)
                self.consumed.add(j)
                j += 1
                continue
            break
        for t in texts:
            if (g := _SDG_GOAL.match(t)) and not _SDG_TARGET.search(t[g.end() :]):
                value = self.lex.sdg(str(int(g["n"])))
            else:
                value = None
            for m in _SDG_TARGET.finditer(t):
                target = self.lex.sdg(m["n"])
                if target and target not in found:
                    found.append(target)
            if value and value not in found:
                found.append(value)
        self.event.sdg_targets = found
        self.consumed.add(i)

    # -- people ---------------------------------------------------------------------------------

    def _role_of_label(self, label: str) -> str | None:
        # Pages prefix labels with icons ("🔒 Organizer 1") and write "Speaker(s)".
        label = _LABEL_NOISE.sub("", label).replace("(s)", "s").strip()
        if len(label) > 40 or not label:
            return None
        role = self.lex.role(label)
        words = label.split()
        if role is None and len(words) >= 2:
            # "Additional Speakers", "Session Moderator": a qualifier before a role label.
            role = self.lex.role(" ".join(words[1:]), hidden=False)
        return role

    def _people(self) -> None:
        current: str | None = None  # the role of the heading we are under
        after_prose = False  # a bio line came under the heading: only "Name, group" lines go on
        previous: int | None = None  # the index of the last non-blank line
        for ln in self.lines:
            text = ln.text
            if ln.index in self.consumed:
                current = None
                continue
            if not text:
                continue
            if _BOILERPLATE.match(text):
                continue
            self._previous, previous = previous, ln.index
            if self._groups_of_previous(text, ln):
                continue
            if "|" in text:
                handled, current = self._table_row(text, ln, current)
                if handled:
                    continue
            m = _labelled(text)
            if m is not None:
                role = self._role_of_label(m["label"])
                if role is not None:
                    value = m["value"].strip()
                    if value:
                        self._entries(value, role, ln, numbered=m["num"] is not None)
                        current = None
                    else:
                        current, after_prose = role, False
                    continue
            hm = _ROLE_HEADING.match(text)
            if hm is not None and (role := self._role_of_label(text.rstrip(":"))) is not None:
                current, after_prose = role, False
                continue
            if current is None or self._entries(text, current, ln, require_groups=after_prose):
                continue
            if len(text.split()) >= 6 and not self._is_heading(text):
                # A speaker's bio under their line: the list may go on after it, but only lines
                # that state a group are trusted as entries from here.
                after_prose = True
                continue
            current = None  # the heading's block ends at the first line that names no one

    def _slot_fields(self, text: str) -> list[str]:
        return [p for f in _split_fields(text) if f.strip() for p in split_slots(f.strip(), self.lex)]

    def _groups_of_previous(self, text: str, ln: _Line) -> bool:
        """``Grace Mwangi`` / ``Civil Society, African Group``: a line of group slots alone states the
        groups of the one person the line before named without any group."""
        last = self._last_added
        if last is None or last[0] != self._previous or len(last[1]) != 1 or last[2]:
            return False
        fields = self._slot_fields(text)
        if not fields or not all(is_group_field(f, self.lex) for f in fields):
            return False
        sg = rg = None
        for f in fields:
            g_sg = self.lex.stakeholder_groups.lookup(f)
            g_rg = self.lex.regional_group(f) if g_sg is None else None
            sg, rg = sg or g_sg, rg or g_rg
        p = last[1][0]
        p.stakeholder_group = p.stakeholder_group or sg
        p.regional_group = p.regional_group or rg
        # The evidence quotes both lines: the name and the groups it is given.
        first, second = self.span(self.lines[last[0]]), self.span(ln)
        span = Span(first.file, first.start, second.end, first.line, self.nt.original[first.start : second.end])
        if span not in p.evidence:
            p.evidence.append(span)
        self._last_added = (ln.index, last[1], True)
        return True

    def _table_row(self, text: str, ln: _Line, current: str | None) -> tuple[bool, str | None]:
        """A row of a ``|`` table: ``(handled, role of the rows that follow)``.

        A rule row (``|---|---|``) and a header row (column names, a role label among them:
        ``| # | Organizer | Stakeholder group | Regional group |``) name no one; a row whose first
        cell is a role label is a role line (``Onsite Moderator | Jane Doe``); any other row under a
        role is one entry whose cells are the fields of ``Name, Affiliation, Stakeholder group,
        Regional group`` (told apart by the lexicon, not by position).
        """
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if len(cells) < 2:
            return False, current
        if all(_TABLE_RULE.fullmatch(c) for c in cells if c):
            return True, current
        data = [c for c in cells if c and not _ROW_NUMBER.fullmatch(c)]
        if not data:
            return True, current
        roles = [self._role_of_label(c) for c in data]
        if all(r is not None or c.casefold() in _COLUMN_WORDS for c, r in zip(data, roles, strict=True)):
            return True, next((r for r in roles if r is not None), current)
        if roles[0] is not None and len(data) >= 2:
            self._entries(", ".join(data[1:]), roles[0], ln, numbered=True)
            return True, current
        if current is not None:
            self._entries(", ".join(data), current, ln, numbered=True)
            return True, current
        return False, current

    def _entries(
        self, value: str, role: str, ln: _Line, *, numbered: bool = False, require_groups: bool = False
    ) -> bool:
        """Add the actors a role line names (``numbered``: a "Speaker 3:" line names one entry).

        Returns whether the line was an entry (a person, an organisation organiser or a
        placeholder), so a heading's block ends at the first line that is none of these.
        """
        if is_placeholder(value) or is_placeholder(value.split(",")[0]):
            return True
        entries = self._parse_entries(value, role, numbered=numbered)
        if require_groups and not all(e.stakeholder_group or e.regional_group for e in entries):
            return False
        if not entries:
            return False
        for entry in entries:
            if entry.name is None:
                continue
            if entry.kind == "person":
                self._add_person(entry, role, ln)
            elif role == "organizer":
                self._add_organiser(entry.name, "organisation", ln)
                self._add_organisation(entry.name, entry.stakeholder_group, ln)
        return True

    def _parse_entries(self, value: str, role: str, *, numbered: bool = False) -> list[_Entry]:
        if self._is_heading(value) and "," not in value:
            return []
        value = _LABEL_NOISE.sub("", value)  # "🔒Jane Doe, …"
        fields: list[str] = []
        for k, f in enumerate(_split_fields(value)):
            f = f.strip()
            if not f or is_post_nominal(f):
                continue
            if k == 0 and (pm := _NAME_PAREN.fullmatch(f)) and len(inner := split_slots(pm["a"], self.lex)) > 1:
                # "Jane Doe (Private Sector / Eastern European Group)": the brackets hold the slots.
                fields.extend([pm["n"], *inner])
            else:
                # "Jane Doe / Private Sector / Eastern European Group", "Jane Doe – CSO – WEOG".
                fields.extend(split_slots(f, self.lex))
        sg = rg = None
        rest: list[str] = []
        group_slots = False
        for k, f in enumerate(fields):
            # Group fields follow the name; a first field counts only by a visible label, so
            # "Organizer 1: Civil Society, WEOG" states groups and no name.
            g_sg = self.lex.stakeholder_groups.lookup(f, hidden=k > 0)
            g_rg = self.lex.regional_group(f) if k > 0 else self.lex.regional_groups.lookup(f, hidden=False)
            if g_rg is not None and rg is None and g_sg is None:
                rg = g_rg
                group_slots = True
                continue
            if g_sg is not None and (sg is None or sg == g_sg):
                sg = g_sg
                group_slots = True
                continue
            if group_slots:
                # After the stakeholder group comes the regional slot: whatever else fills it (an
                # IGO's name where a region should be) is neither a region nor an affiliation.
                continue
            rest.append(f)
        if not rest:
            # "Organizer 1: Civil Society, WEOG": groups stated, no name: no actor.
            return [_Entry(None, "person", None, None, sg, rg)] if (sg or rg) else []
        if (
            sg is None
            and rg is None
            and not numbered
            and len(rest) >= 3
            and all(looks_like_person(f, self.lex) for f in rest)
        ):
            # "Speakers: Jane Doe, John Roe, Ana Lima": a list of names, no groups stated. Two
            # fields are "Name, Affiliation", the layout of organiser lines.
            return [self._entry(f, None, None, None, role) for f in rest]
        if (
            sg is None
            and rg is None
            and not numbered
            and len(rest) >= 2
            and all((pm := _NAME_PAREN.fullmatch(f)) and looks_like_person(pm["n"], self.lex) for f in rest)
        ):
            # "Speakers: Jane Doe (Acme), John Roe (Beta)": each entry carries its affiliation.
            return [self._entry(f, None, None, None, role) for f in rest]
        if (
            len(rest) >= 2
            and len(rest[0].split()) == 1
            and 1 <= len(rest[1].split()) <= 2
            and parse_person(rest[0], lexicon=self.lex) is None
            and (swapped := parse_person(f"{rest[0]}, {rest[1]}", lexicon=self.lex, surname_first=True))
        ):
            # "Doe, Jane, Civil Society, WEOG": a name field is never one word, so a single word
            # followed by one or two name words is a surname written first.
            rest = [swapped.name, *rest[2:]]
        name, affiliation = rest[0], (", ".join(rest[1:]) or None)
        entry = self._entry(name, affiliation, sg, rg, role)
        if entry.name is None and affiliation is None and (" and " in name or ";" in name or " & " in name):
            parts = [p for p in _LIST_SPLIT.split(name) if p]
            if len(parts) >= 2 and all(looks_like_person(p, self.lex) for p in parts):
                return [self._entry(p, None, None, None, role) for p in parts]
        return [entry]

    def _entry(self, name: str, affiliation: str | None, sg: str | None, rg: str | None, role: str) -> _Entry:
        # "Jane Doe (Acme)" / "Jane Doe - Acme": a name with its affiliation in one field; a remark
        # in brackets ("(online)", "(TBC)") is no affiliation.
        m = re.match(r"^(?P<n>[^()]+?)\s*\((?P<a>[^()]+)\)$", name) or re.match(
            r"^(?P<n>.+?)\s+[-–—]\s+(?P<a>.+)$", name
        )
        person = None
        if m is not None and (person := parse_person(m["n"], lexicon=self.lex)) is not None:
            extra = m["a"].strip()
            if (
                not is_placeholder(extra)
                and not _REMARK.match(extra)
                and self.lex.stakeholder_group(extra) is None
                and self.lex.regional_group(extra) is None
            ):
                affiliation = affiliation or extra
        if person is None:
            person = parse_person(name, lexicon=self.lex)
        if affiliation is not None:
            affiliation = organisation_name(affiliation)
        if person is not None:
            # Honorifics ("Dr.", "H.E.") are not a job title: IGF entries state no title.
            return _Entry(person.name, "person", None, affiliation, sg, rg, written_in_order(person))
        if is_placeholder(name):
            return _Entry(None, "person", None, None, sg, rg)
        if (role == "organizer" and looks_like_organisation(name, self.lex)) or (
            role == "organizer"
            and not looks_like_person(name, self.lex)
            and len(name.split()) <= 10
            and name[:1].isupper()
        ):
            return _Entry(organisation_name(name), "organisation", None, affiliation, sg, rg)
        return _Entry(None, "person", None, None, sg, rg)

    def _add_person(self, entry: _Entry, role: str, ln: _Line) -> None:
        assert entry.name is not None
        canonical = self.persons.add(entry.name)
        p = self.participants.get(canonical)
        if p is None:
            p = Participant(name=canonical)
            self.participants[canonical] = p
        if role not in p.roles:
            p.roles.append(role)
        self.entry_lines.add(ln.index)
        (self.in_order if entry.in_order else self.marked).add(canonical)
        # A value stated once stays; a later line never overwrites it (the first statement wins).
        p.stakeholder_group = p.stakeholder_group or entry.stakeholder_group
        p.regional_group = p.regional_group or entry.regional_group
        p.affiliation = p.affiliation or entry.affiliation
        p.title = p.title or entry.title
        span = self.span(ln)
        if span not in p.evidence:
            p.evidence.append(span)
        stated = bool(entry.stakeholder_group or entry.regional_group)
        if self._last_added is not None and self._last_added[0] == ln.index:
            if p not in self._last_added[1]:
                self._last_added[1].append(p)
            self._last_added = (ln.index, self._last_added[1], self._last_added[2] or stated)
        else:
            self._last_added = (ln.index, [p], stated)
        if role == "organizer":
            self._add_organiser(canonical, "person", ln)
        if entry.affiliation:
            # An affiliation is an organisation unless it is a state (an actor of its own kind), as
            # in the event-page reader ("Derechos Digitales" has no organisation word, and is one).
            known = self.lex.known_actor(entry.affiliation)
            if known is None or known.kind != "state":
                self._add_organisation(entry.affiliation, None, ln)

    def _turn_unmarked(self) -> None:
        """Names written surname first with no mark ("Horváth Eszter") turned round when a line of
        the page that is no list entry writes the person given name first (``names.given_name_first``)."""
        evidence = [ln for ln in self.lines if ln.text and ln.index not in self.entry_lines]
        order = NameOrderEvidence([ln.text for ln in evidence])
        for name in list(self.participants):
            if name not in self.in_order or name in self.marked:
                continue
            found = order.given_name_first(name)
            if found is None or self.persons.find(found[1]) is not None:
                continue  # no evidence; or the page lists the turned form as an entry of its own
            line, turned = evidence[found[0]], found[1]
            self.participants = {(turned if k == name else k): v for k, v in self.participants.items()}
            p = self.participants[turned]
            p.name = turned
            p.evidence.append(self.span(line))  # the line that shows the order of the name
            for o in self.event.organisers:
                if o.kind == "person" and o.name == name:
                    o.name = turned
            self.persons.add(turned)

    def _add_organiser(self, name: str, kind: str, ln: _Line) -> None:
        for o in self.event.organisers:
            if o.name == name:
                return
        self.event.organisers.append(Organiser(name=name, kind=kind, evidence=[self.span(ln)]))  # type: ignore[arg-type]

    def _add_organisation(self, name: str, sg: str | None, ln: _Line) -> None:
        for o in self.organisations:
            if o.name == name:
                if o.stakeholder_group is None:
                    o.stakeholder_group = sg
                return
        self.organisations.append(Organisation(name=name, stakeholder_group=sg, evidence=self.span(ln)))


def _split_fields(value: str) -> list[str]:
    """Comma-separated fields, commas inside brackets kept; "Jane Doe (Acme, Civil Society)" opens
    into "Jane Doe", "Acme", "Civil Society"."""
    fields: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in value:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        if ch == "," and depth == 0:
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
    fields.append("".join(current))
    if fields and (m := re.fullmatch(r"\s*(?P<n>[^()]+?)\s*\((?P<inner>[^()]*,[^()]*)\)\s*", fields[0])):
        fields[:1] = [m["n"], *m["inner"].split(",")]
    return fields


def _minutes(value: str) -> int | None:
    value = value.strip()
    if re.fullmatch(r"\d{2,3}", value):
        return int(value)
    if m := _MINUTES.search(value):
        return int(m["n"])
    if m := _HOURS.search(value):
        return round(float(m["n"].replace(",", ".")) * 60)
    return None


def _code_year(code: str | None) -> int | None:
    m = re.match(r"IGF\s*(\d{4})", code or "")
    return int(m.group(1)) if m else None
