"""Reader for public event pages (genre ``event-page``) and the event parsing network pages share.

An event page describes one event: a title, a date and place in a header or label line, organisers
named in prose ("organised by …", "in collaboration with …", "Co-organised with …"), and people in
lists — ``Name, Title, Organisation`` lines under a heading ("Speakers", "Participants",
"Panellists"), role-prefixed lines ("Co-chair: …", "Moderator: …", "Chair: SILVA, Mariana (…)"),
several people on one line separated by ``;``. Process mentions come from
:mod:`govgraph.extract.processes`, dated by the event's date or, when the page gives none, by the
year its text is written in.

Every name of a group, role or process comes from the SKOS schemes through
:mod:`govgraph.extract.lexicon`; names of people are canonicalised by :mod:`govgraph.extract.names`.
What this module knows itself is page *syntax*: label words of dates and places, month names, the
connectors that introduce organisers, and the shape of a job title.

Public API: :class:`EventPageReader`, :class:`PageContext`, :func:`read_event`, :func:`content_lines`,
:func:`find_dates`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from govgraph.extract.lexicon import Lexicon, get_lexicon
from govgraph.extract.names import (
    PersonIndex,
    canonical_name,
    is_placeholder,
    looks_like_organisation,
    looks_like_person,
    split_title,
)
from govgraph.extract.normalise import Line, NormalisedText, normalise_file
from govgraph.extract.processes import find_mentions
from govgraph.extract.slots import split_slots, take_groups
from govgraph.records import (
    Document,
    Event,
    InstrumentMention,
    Organisation,
    Organiser,
    Participant,
    ProcessMention,
    SourceDocument,
    SourceFile,
    Span,
)

__all__ = [
    "NUMERIC_DATE",
    "EventPageReader",
    "PageContext",
    "collect_people",
    "content_lines",
    "document_from_events",
    "find_dates",
    "has_facts",
    "new_context",
    "read_event",
    "text_year",
    "title_like",
    "written_before",
]

GENRE = "event-page"

# -- dates -------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "janvier", "enero"),
            ("february", "feb", "février", "fevrier", "febrero"),
            ("march", "mar", "mars", "marzo"),
            ("april", "apr", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("june", "jun", "juin", "junio"),
            ("july", "jul", "juillet", "julio"),
            ("august", "aug", "août", "aout", "agosto"),
            ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
            ("october", "oct", "octobre", "octubre"),
            ("november", "nov", "novembre", "noviembre"),
            ("december", "dec", "décembre", "decembre", "diciembre"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{g}>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DASH = r"\s*[-–—‐]\s*"
_DE = r"(?:\s+de)?"  # Spanish "3 de junio de 2025"
# "21–22 May 2024", "3 de junio de 2025", "14 March 2022"
_DMY = re.compile(
    r"(?<![\w])(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:"
    + _DASH
    + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
    + _DE
    + r"\s+"
    + _MONTH.format(g="m")
    + _DE
    + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?(?!\w)",
    re.IGNORECASE,
)
# "March 2, 2015", "March 2-3, 2015", "Monday, March 2"
_MDY = re.compile(
    r"(?<![\w])"
    + _MONTH.format(g="m")
    + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:"
    + _DASH
    + r"(?P<d2>\d{1,2}))?(?:,?\s+(?P<y>(?:19|20)\d\d))?(?!\w)",
    re.IGNORECASE,
)
# "May 2021" (month and year, no day): dates the text, never the event
_MY = re.compile(r"(?<![\w])" + _MONTH.format(g="m") + r"\s+(?P<y>(?:19|20)\d\d)(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")
_BLANK_DIGIT = re.compile(r"\s\d")  # what "March 2" needs between the month and the day
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\s*(?:am|pm)\b|\bUTC\b|\bGMT\b|\bCES?T\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateHit:
    """A date found in a text: ISO start and end (``None`` when the year is not written)."""

    start: int
    end: int
    month: int
    day: int
    day_end: int | None
    year: int | None

    def iso(self, year: int | None = None) -> tuple[str | None, str | None]:
        """ISO start and end dates, with ``year`` standing in for a year the text leaves out."""
        y = self.year or year
        if y is None:
            return None, None
        try:
            first = dt.date(y, self.month, self.day).isoformat()
            last = dt.date(y, self.month, self.day_end).isoformat() if self.day_end else None
        except ValueError:
            return None, None
        return first, last


# "2024-09-12" and "12.09.2024" (the dotted form is day first wherever pages write it)
_ISO = re.compile(r"(?<![\w.])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w])")
_SLASHED = re.compile(r"(?<![\w/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\w/])")
# A numeric date of any order, for telling where an event starts even when its day is ambiguous.
NUMERIC_DATE = re.compile(
    r"(?<![\w/.])\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d(?![\w/])|(?<!\w)(?:19|20)\d\d-\d\d-\d\d(?!\w)"
)
_DOTTED = re.compile(r"(?<![\w.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?![\w])")


def find_dates(text: str) -> list[DateHit]:
    """Every day-precise date in ``text`` (day-month-year, month-day-year, ISO, dotted), in text order."""
    return list(_find_dates(text))


@lru_cache(maxsize=8192)
def _find_dates(text: str) -> tuple[DateHit, ...]:
    # Lines are looked at several times (fields, header, prose): the answer is cached per line.
    return tuple(_scan_dates(text))


def _scan_dates(text: str) -> list[DateHit]:
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    if not _HAS_DIGIT.search(text):
        return hits
    # Each pattern is only run on a text holding the characters it cannot match without (cheap
    # tests; the patterns try every position): "-" for ISO, "." for dotted, "/" for slashed dates,
    # a blank before a digit for "March 2".
    for pattern, needed in ((_ISO, "-"), (_DOTTED, ".")):
        if needed not in text:
            continue
        for m in pattern.finditer(text):
            month, day = int(m["m"]), int(m["d"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                hits.append(DateHit(m.start(), m.end(), month, day, None, int(m["y"])))
                taken.append((m.start(), m.end()))
    for m in _SLASHED.finditer(text) if "/" in text else ():
        a, b = int(m["a"]), int(m["b"])
        # 12/05/2023 could be May or December: only a part above 12 tells which is the day.
        if a > 12 >= b >= 1 and a <= 31:
            day, month = a, b
        elif b > 12 >= a >= 1 and b <= 31:
            day, month = b, a
        else:
            continue
        hits.append(DateHit(m.start(), m.end(), month, day, None, int(m["y"])))
        taken.append((m.start(), m.end()))
    for pattern in (_DMY, _MDY):
        if pattern is _MDY and not _BLANK_DIGIT.search(text):
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            month = _MONTHS.get(m["m"].lower().rstrip("."))
            day = int(m["d1"])
            if month is None or not 1 <= day <= 31:
                continue
            # A bare "may 2" inside prose is too weak without a year: only accept capitalised months.
            if m["y"] is None and not m["m"][0].isupper():
                continue
            day_end = int(m["d2"]) if m["d2"] else None
            hits.append(DateHit(m.start(), m.end(), month, day, day_end, int(m["y"]) if m["y"] else None))
            taken.append((m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


def text_year(text: str) -> int | None:
    """The year a text is written in, as far as it says: the latest year of a written date.

    "In May 2021, a new UN process starts" is written in (or just before) 2021; bare years in
    ranges ("2021–2025") are not dates and count only when nothing else does.
    """
    dated: list[int] = []
    bare: list[int] = []
    for m in _YEAR.finditer(text):
        # A year is a date's when a month name comes just before it ("May 2021", "March 2, 2015").
        before = _WORD.findall(text[max(0, m.start() - 24) : m.start()])
        (dated if any(w.lower() in _MONTHS for w in before[-2:]) else bare).append(int(m.group(0)))
    if dated:
        return max(dated)
    return max(bare) if bare else None


# "In May 2021, a new UN process starts": the text is written before the month it looks ahead to.
_LOOKS_AHEAD = re.compile(
    r"\b(?:in|from|on|by)\s+" + _MONTH.format(g="m") + r"\s+(?P<y>(?:19|20)\d\d),?\s+[^.\n]{0,120}?"
    r"\b(?:starts|will\s+start|begins|will\s+begin|opens|will\s+open|is\s+due\s+to|will\s+be\s+launched|"
    r"is\s+expected\s+to|will\s+hold|will\s+meet|launches|will\s+launch)\b",
    re.IGNORECASE,
)


def written_before(text: str) -> str | None:
    """The last day a text can have been written on, when it speaks of a month as still ahead.

    >>> written_before("In May 2021, a new UN process starts, mandated with …")
    '2021-04-30'
    """
    m = _LOOKS_AHEAD.search(text)
    if not m:
        return None
    month = _MONTHS.get(m["m"].lower().rstrip("."))
    if month is None:
        return None
    return (dt.date(int(m["y"]), month, 1) - dt.timedelta(days=1)).isoformat()


# -- page syntax -------------------------------------------------------------------------------------

# Field labels of dates and places (page syntax in the languages of the corpus, not names of things).
_DATE_LABEL = re.compile(r"^(?:date|dates|when|fecha|date et heure|time|día|dia)\s*:\s*", re.IGNORECASE)
_PLACE_LABEL = re.compile(r"^(?:venue|location|place|where|lugar|lieu|sede|city)\s*:\s*", re.IGNORECASE)
_POSTED = re.compile(r"^(?:posted|published|updated|last updated|publicado)\b", re.IGNORECASE)
# Lines of web furniture: share bars, "read more" links, breadcrumbs, pagination.
_WEB_NOISE = re.compile(
    r"^(?:share(?: this)?\b|read more\b|load more\b|leer más\b|lire la suite\b|subscribe\b|"
    r"sign up\b|print\b|back to\b|home\s*[»>/]|tags?:|categor(?:y|ies):|filed under\b|"
    r"registration is now closed|there are no upcoming events|to add an? (?:background paper|report)\b|"
    r"click here\b|https?://|posted in\b|leave a (?:comment|reply)\b|register(?: here| now)?\s*$|"
    r"add to (?:my )?calendar\b|view (?:all|more) events\b)",
    re.IGNORECASE,
)
# From such a line on, a page lists other posts (teasers), not this page's content.
_TEASER_START = re.compile(
    r"^(?:related posts|related articles|recent posts|more events|you may also like|see also:|"
    r"leer más\b|latest news)",
    re.IGNORECASE,
)
_TAGS_ONLY = re.compile(r"^(?:\s*\[[^\]\n]*\]\s*)+$")
_LISTING_HEADING = re.compile(
    r"^(?:upcoming events|past events|events|eventos(?: / events)?|próximos eventos|eventos pasados)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-–•*·▪●]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")

# Connectors that introduce organisers in prose.
_ORGANISER_TRIGGER = re.compile(
    r"\b(?:co-?organi[sz]ed\s+(?:by|with)|organi[sz]ed\s+by|hosted\s+by|convened\s+by|"
    r"(?:jointly\s+)?organi[sz]ed\s+(?=in\s+(?:collaboration|partnership|cooperation|association))|"
    r"in\s+(?:collaboration|partnership|cooperation|association)\s+with|together\s+with|"
    r"(?:organi[sz]ations|groups|partners|networks)\s+including|organizado\s+por|organisé\s+par|"
    r"en\s+colaboración\s+con|en\s+collaboration\s+avec|joint\s+initiative\s+of)\s+",
    re.IGNORECASE,
)
# A subject organising the event: "the Centre for Cyber Norms hosts a webinar".
_ORGANISER_VERB = re.compile(
    r"\s+(?:\([A-Z][A-Za-z]{1,9}\)\s+)?(?:hosts|is\s+hosting|will\s+host|invites\s+you|organi[sz]es|"
    r"is\s+organi[sz]ing|convenes|will\s+convene)\b"
)
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.&-]*"
_CONNECTOR_WORD = r"(?:for|of|and|on|the|de|du|des|la|le|el|del|für|und|at|in)"
_SUBJECT = re.compile(rf"(?:{_NAME_WORD}(?:\s+{_CONNECTOR_WORD})*\s+)*{_NAME_WORD}$")
# The end of a list of organisers: sentence end, a dash clause, a comma before a lower-case word
# (", discusses"), "and"/"y" before a lower-case verb (", and takes place"), or a new trigger.
_LIST_END = re.compile(
    r"(?<!\b[A-Z])\.(?=\s+[A-ZÀ-Þ]|\s*$)|\s[–—]\s|\s-\s|,\s+(?=[a-zà-ÿ])(?!and\s|y\s|et\s|the\s)|"
    r"\s+(?:and|y|et)\s+(?!the\b|la\b|el\b|le\b|les\b|los\b|las\b|l')(?=[a-zà-ÿ])|"
    r"\s+(?:will|is|are|was|were|takes?|to)\s+(?=[a-z])|:\s"
)
_LIST_SPLIT = re.compile(
    r"\s*[,;]\s*(?:and\s+|y\s+|et\s+)?|\s+(?:and|y|et|&)\s+(?=(?:the|la|el|le|les|los|las|l')\s)|"
    r"(?<=\))\s+(?:and|y|et|&)\s+"
)
_ARTICLE = re.compile(r"^(?:the|la|el|los|las|le|les|l'|die|der|das)\s+", re.IGNORECASE)
_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9&.\-]{1,11})\)")
_PARENS = re.compile(r"\s*\([^()]*\)")

# Words that make a comma part a job title rather than a body ("South African Representative to
# the UN GGE"). These are kinds of position, not names of any group, role or process.
_POSITION_WORDS = frozenset(
    {
        "representative",
        "representatives",
        "adviser",
        "advisor",
        "advisers",
        "advisors",
        "officer",
        "officers",
        "director",
        "directors",
        "manager",
        "managers",
        "head",
        "coordinator",
        "coordinators",
        "coordinadora",
        "coordinador",
        "lead",
        "leader",
        "chief",
        "counsel",
        "counsellor",
        "counselor",
        "ambassador",
        "envoy",
        "minister",
        "secretary",
        "expert",
        "experts",
        "fellow",
        "professor",
        "lecturer",
        "researcher",
        "researchers",
        "editor",
        "co-editor",
        "president",
        "vice-president",
        "chair",
        "chairperson",
        "founder",
        "co-founder",
        "consultant",
        "analyst",
        "specialist",
        "attaché",
        "attache",
        "delegate",
        "diplomat",
        "deputy",
        "member",
        "associate",
        "assistant",
        "principal",
        "partner",
        "executive",
        "strategist",
        "scientist",
        "engineer",
        "student",
        "candidate",
        "intern",
        "rapporteur",
        "moderator",
        "speaker",
        "ceo",
        "cto",
        "ciso",
        "vp",
        "svp",
        "evp",
        "journalist",
        "activist",
        "lawyer",
        "attorney",
        "judge",
        "prosecutor",
        "senator",
        "commissioner",
        "economist",
        "developer",
        "trainer",
        "campaigner",
        "governor",
        "mayor",
        "spokesperson",
        "ombudsperson",
        "programme-lead",
    }
)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# -- document-level context -------------------------------------------------------------------------


@dataclass
class PageContext:
    """What one page's events share: its text, lexicon, people, acronyms and the year it speaks of."""

    source: SourceFile
    nt: NormalisedText
    lexicon: Lexicon
    people: PersonIndex = field(default_factory=PersonIndex)
    acronyms: dict[str, str] = field(default_factory=dict)  # "SWP" -> "Stiftung Wissenschaft und Politik"
    year: int | None = None
    as_of: str | None = None  # the last day the text can be from, when it says so (never an event date)

    def span(self, line: Line) -> Span:
        """Evidence for a whole normalised line, pointing into the file as published."""
        span = self.nt.span(line.start, max(line.end, line.start + 1))
        if span.file != self.source.path:
            span = Span(self.source.path, span.start, span.end, span.line, span.quote)
        return span

    def role(self, label: str) -> str | None:
        """The role a label names: the scheme's labels, then a shared word stem of a label.

        The stem fallback lets inflected and other-language forms of a scheme label count
        ("moderation", "Moderación" ~ "Moderator"; "Relatoría" ~ "Relator"; "Organizan" ~
        "Organizer") without a second list of role names.
        """
        # Asked of nearly every line and word: the answer is cached by the label as written, and
        # by the label stripped (several spellings of one label share the work of _role).
        raw_cache = _RAW_ROLE_CACHE.setdefault(id(self.lexicon), {})
        if label in raw_cache:
            return raw_cache[label]
        stripped = label.strip().strip(":").strip()
        if not stripped or len(stripped) > 40:
            raw_cache[label] = None
            return None
        cache = _ROLE_CACHE.setdefault(id(self.lexicon), {})
        if stripped not in cache:
            cache[stripped] = self._role(stripped)
        raw_cache[label] = cache[stripped]
        return cache[stripped]

    def _role(self, label: str) -> str | None:
        role = self.lexicon.role(label)
        if role is not None:
            return role
        if " " in label:
            # "Speakers include", "Moderated by", "Chaired by": the first word carries the role.
            first, _, rest = label.partition(" ")
            if len(rest.split()) <= 2 and rest.split()[0].casefold() in {"include", "includes", "by", "are", "is"}:
                return self.role(first)
            return None
        folded = _strip_accents(label).casefold()
        if len(folded) < 5:
            return None
        stems = _role_stems(self.lexicon)
        if folded[:6] in stems and len(folded) >= 6:
            return stems[folded[:6]]
        # A whole five-letter label and an ending: "chaired" ~ "Chair".
        return stems.get(folded[:5]) if len(folded) > 5 and folded[:5] in _short_labels(self.lexicon) else None

    def organisation_name(self, text: str, *, record: bool = False) -> tuple[str, str | None] | None:
        """A clean organisation name and its acronym from a list item, or ``None`` if not a name.

        With ``record`` the acronym is remembered for the page ("SWP" later means the long name):
        only for names the caller keeps, so that a discarded parse never defines an acronym.
        """
        item = _ARTICLE.sub("", text.strip(" .,;:–—-\"'“”")).strip()
        if not item or not (item[0].isupper() or item[0].isdigit()):
            return None
        acronym = None
        m = _ACRONYM.search(item)
        if m:
            acronym = m["acr"]
            item = (item[: m.start()] + item[m.end() :]).strip()
        item = " ".join(item.split())
        if item in self.acronyms:  # an acronym the page defined earlier
            acronym, item = item, self.acronyms[item]
        if len(item) < 2 or len(item.split()) > 14 or is_placeholder(item):
            return None
        if record and acronym and acronym != item:
            self.acronyms.setdefault(acronym, item)
        return item, acronym


# Per lexicon (by id; a lexicon lives as long as the process): label → role, stem → role.
_ROLE_CACHE: dict[int, dict[str, str | None]] = {}
_RAW_ROLE_CACHE: dict[int, dict[str, str | None]] = {}  # label as written → role
_STEM_CACHE: dict[int, dict[str, str]] = {}


def _role_stems(lexicon: Lexicon) -> dict[str, str]:
    """The six-letter stems of the one-word visible role labels, first concept of the scheme wins."""
    if id(lexicon) not in _STEM_CACHE:
        stems: dict[str, str] = {}
        for concept in lexicon.concepts.get("role", []):
            if concept.notation == "contributor":  # a NETmundial submitter, never an event role
                continue
            for lab in (concept.pref_label, *concept.alt_labels):
                stem = _strip_accents(lab).casefold()
                if " " not in lab and len(stem) >= 6:
                    stems.setdefault(stem[:6], concept.notation)
                elif " " not in lab and len(stem) == 5:
                    stems.setdefault(stem, concept.notation)
        _STEM_CACHE[id(lexicon)] = stems
    return _STEM_CACHE[id(lexicon)]


def _short_labels(lexicon: Lexicon) -> set[str]:
    """One-word visible role labels of exactly five letters ("Chair"), for the stem fallback."""
    return {
        _strip_accents(lab).casefold()
        for concept in lexicon.concepts.get("role", [])
        if concept.notation != "contributor"
        for lab in (concept.pref_label, *concept.alt_labels)
        if " " not in lab and len(lab) == 5
    }


def content_lines(nt: NormalisedText) -> list[Line]:
    """The lines of a page that carry content: no blanks, web furniture, bare tags or teasers.

    Everything from a "Related posts"-style heading on is dropped, and so is a line cut short with
    an ellipsis (the teaser of another post).
    """
    out: list[Line] = []
    for line in nt.lines:
        text = line.text.strip()
        if not text:
            continue
        if _TEASER_START.match(text):
            break
        if _WEB_NOISE.match(text) or _TAGS_ONLY.match(text):
            continue
        if text.endswith(("…", "...")) and not text.endswith(" ..."):
            continue
        out.append(line)
    return out


# -- people ----------------------------------------------------------------------------------------


@dataclass
class _PersonSpec:
    name: str
    title: str | None
    affiliation: str | None
    acronym: str | None = None
    stakeholder_group: str | None = None
    regional_group: str | None = None


# Words that open a sentence but never a name.
_FUNCTION_WORDS = frozenset(
    {
        "on",
        "in",
        "at",
        "the",
        "for",
        "with",
        "by",
        "from",
        "to",
        "of",
        "and",
        "or",
        "a",
        "an",
        "this",
        "that",
        "these",
        "our",
        "their",
        "its",
        "we",
        "you",
        "join",
        "see",
        "el",
        "la",
        "los",
        "las",
        "en",
        "de",
        "del",
        "le",
        "les",
        "du",
        "des",
        "au",
        "une",
        "un",
    }
)


@lru_cache(maxsize=8192)
def _is_position(text: str) -> bool:
    """Whether a comma part names a position: a position word before any word of a body's kind."""
    words = [w.strip("(),.;:").casefold() for w in _PARENS.sub("", text).split()]
    for i, word in enumerate(words):
        if word in _POSITION_WORDS:
            return True
        if looks_like_organisation(" ".join(words[: i + 1]).title()) and i > 0:
            return False
    return False


def _split_name(spec: str, ctx: PageContext) -> tuple[str, str] | None:
    """``(canonical name, rest)`` of a person spec, or ``None`` when it does not start with a person."""
    _LEXICONS[id(ctx.lexicon)] = ctx.lexicon
    return _split_name_cached(spec, id(ctx.lexicon))


_LEXICONS: dict[int, Lexicon] = {}


@lru_cache(maxsize=8192)
def _split_name_cached(spec: str, lexicon_id: int) -> tuple[str, str] | None:
    # Pure in (spec, lexicon); pages repeat lines (duplicated blocks, a person in several roles).
    lexicon = _LEXICONS[lexicon_id]
    spec = _BULLET.sub("", spec).strip(" .;")
    spec = re.sub(r"^(?:and|y|et|und|&)\s+", "", spec)
    if not spec or is_placeholder(spec.split(",")[0].split(" – ")[0]):
        return None
    # Surname first in capitals, comma, given names: "SILVA, Mariana (…)", "RODRÍGUEZ PEÑA, Luis – …"
    m = re.match(r"^(?P<sur>[A-ZÀ-ÖØ-Þ'’\- ]{2,}),\s*(?P<given>[^,(–—]+?)(?P<rest>\s*(?:\(|[–—]|,|$).*)$", spec)
    if m and any(c.isalpha() for c in m["sur"]) and not is_placeholder(m["given"]):
        # The capitals mark the surname: names.py turns "SILVA Mariana" round and name-cases it.
        name = canonical_name(f"{m['sur'].strip()} {m['given'].strip()}")
        if looks_like_person(name, lexicon):
            return name, m["rest"].strip(" ,")
    # The name ends at a dash, a bracket or a comma; degrees after a comma belong to the name.
    m = re.match(r"^(?P<name>[^,(–—]+?)\s*(?P<rest>(?:[–—]|\(|,|$).*)$", spec)
    if not m:
        return None
    raw, rest = m["name"], m["rest"]
    while True:  # ", PhD", ", Ph.D."
        d = re.match(
            r"^,\s*(Ph\.?\s?D\.?|D\.?Phil\.?|M\.?D\.?|MBA|LL\.?M\.?|M\.?A\.?|M\.?Sc\.?|Esq\.?)(?=\s*(?:,|$|\())", rest
        )
        if not d:
            break
        rest = rest[d.end() :]
    if is_placeholder(raw) or raw.split()[0].casefold() in _FUNCTION_WORDS:
        return None  # "On Monday, March 2, …" opens a sentence, not a name
    _, bare = split_title(raw)
    if not looks_like_person(bare, lexicon) or _is_position(bare):
        return None  # "Senior Fellow, Real Instituto Elcano" starts with a position, not a name
    return canonical_name(bare), rest.strip()


def parse_person_spec(spec: str, ctx: PageContext) -> _PersonSpec | None:
    """One person of a list: ``Name, Title, Organisation``, ``Name (Organisation)``, ``Name – Title, Org``.

    The last comma part is the affiliation unless it is itself a position; the rest is the title.
    Several positions separated by ``;`` keep the first one's organisation as the affiliation.
    """
    split = _split_name(spec, ctx)
    if split is None:
        return None
    name, rest = split
    affiliation: str | None = None
    title: str | None = None
    sg = rg = None
    rest = rest.lstrip(" ,–—-").strip()
    paren = re.match(r"^\((?P<org>[^()]+)\)\s*(?:[,–—-]\s*)?(?P<tail>.*)$", rest)
    if paren:
        inner = paren["org"].strip()
        g_sg, g_rg, others, seen = _group_slots(inner, ctx)
        if seen:
            # "Helena Varga (IGO / Eastern European Group)": the brackets hold group slots.
            sg, rg, inner = g_sg, g_rg, ", ".join(others)
        if "," in inner and not paren["tail"].strip():
            rest = inner  # "Jane Doe (Director, Cyber Policy, Org)": the brackets hold title and body
        else:
            if not is_placeholder(inner) and not re.fullmatch(r"(?i)online|remote|virtual|tbc|tbd", inner):
                affiliation = inner
            rest = paren["tail"].strip()
    if rest:
        positions = [p.strip() for p in rest.split(";") if p.strip()]
        g_sg, g_rg, others, seen = _group_slots(positions[0], ctx)
        if seen:
            # "Jane Doe — Government — African Group", "Jane Doe, Title, Org, Civil Society, WEOG".
            sg, rg = sg or g_sg, rg or g_rg
            positions[0] = ", ".join(others)
        parts = [p.strip() for p in re.split(r",\s*", positions[0]) if p.strip()]
        if affiliation is None and parts:
            if len(parts) == 1:
                if _is_position(parts[0]):
                    title = parts[0]
                else:
                    affiliation = parts[0]
            elif _is_position(parts[-1]):
                title = ", ".join(parts)
            elif not any(_is_position(x) for x in parts[:-1]):
                affiliation = ", ".join(parts)  # "(Ministry of ICT, Kenya)": a body and where it is
            else:
                affiliation = parts[-1]
                title = ", ".join(parts[:-1])
        elif parts:
            title = ", ".join(parts)
        if len(positions) > 1:
            title = "; ".join(p for p in [title, *positions[1:]] if p)
    acronym = None
    if affiliation:
        cleaned = ctx.organisation_name(affiliation)
        affiliation, acronym = cleaned if cleaned else (None, None)
    return _PersonSpec(name, title or None, affiliation, acronym, sg, rg)


def _group_slots(text: str, ctx: PageContext) -> tuple[str | None, str | None, tuple[str, ...], bool]:
    """The group slots of the text after a name (:func:`govgraph.extract.slots.take_groups`)."""
    _LEXICONS[id(ctx.lexicon)] = ctx.lexicon
    return _group_slots_cached(text, id(ctx.lexicon))


@lru_cache(maxsize=8192)
def _group_slots_cached(text: str, lexicon_id: int) -> tuple[str | None, str | None, tuple[str, ...], bool]:
    # Pure in (text, lexicon); a page's people are parsed twice (collect_people, then read_event).
    lexicon = _LEXICONS[lexicon_id]
    parts = [p for f in re.split(r",\s*", text) if f.strip() for p in split_slots(f.strip(), lexicon)]
    sg, rg, others, seen = take_groups(parts, lexicon)
    return sg, rg, tuple(others), seen


def _split_people(rest: str, ctx: PageContext) -> list[str]:
    """The person specs of one line: ``;`` separates people unless the part continues a position."""
    chunks: list[str] = []
    for part in rest.split(";"):
        part = part.strip()
        if not part:
            continue
        first = part.split(",")[0].split("(")[0].split(" – ")[0].strip()
        starts_person = (
            not chunks
            or (_split_name(part, ctx) is not None and not _is_position(first))
            or (len(first.split()) == 1 and ctx.people.first_name(first) is not None)
        )
        if starts_person:
            chunks.append(part)
        else:
            chunks[-1] = f"{chunks[-1]}; {part}"
    # "Anna Keller (SWP), Marcus Brandt (EU Cyber Direct)" and "X (Org) and a representative (TBC)"
    out: list[str] = []
    for chunk in chunks:
        out.extend(p for p in re.split(r"(?<=\))\s*(?:,|\band\b|\by\b|&)\s*", chunk) if p.strip())
    return out


# -- one event ---------------------------------------------------------------------------------------


@dataclass
class _EventBuilder:
    ctx: PageContext
    event: Event = field(default_factory=Event)
    _by_name: dict[str, Participant] = field(default_factory=dict)
    _organisers: dict[str, Organiser] = field(default_factory=dict)

    def person(self, spec: _PersonSpec, role: str | None, line: Line) -> Participant:
        name = self.ctx.people.add(spec.name)
        p = self._by_name.get(name)
        if p is None:
            p = Participant(name=name)
            self._by_name[name] = p
            self.event.participants.append(p)
        if role and role not in p.roles:
            p.roles.append(role)
        p.affiliation = p.affiliation or spec.affiliation
        # Groups come only from the slots of a line that states them; the first statement stays.
        p.stakeholder_group = p.stakeholder_group or spec.stakeholder_group
        p.regional_group = p.regional_group or spec.regional_group
        if spec.affiliation and spec.acronym and spec.acronym != spec.affiliation:
            self.ctx.acronyms.setdefault(spec.acronym, spec.affiliation)
        p.title = p.title or spec.title
        span = self.ctx.span(line)
        if span not in p.evidence:
            p.evidence.append(span)
        if role == "organizer":
            self.organiser(name, "person", line)
        return p

    def back_reference(self, given: str, role: str | None, line: Line) -> bool:
        """A first name alone: a role for the one listed person with that given name, if any."""
        name = self.ctx.people.first_name(given.strip(" .,;:"))
        if name is None:
            return False
        self.person(_PersonSpec(name, None, None), role, line)
        return True

    def organiser(self, name: str, kind: str, line: Line) -> None:
        key = name.casefold()
        if key not in self._organisers:
            self._organisers[key] = Organiser(name=name, kind=kind)  # type: ignore[arg-type]
            self.event.organisers.append(self._organisers[key])
        span = self.ctx.span(line)
        if span not in self._organisers[key].evidence:
            self._organisers[key].evidence.append(span)


def _organiser_items(text: str, ctx: PageContext) -> list[str]:
    """Organisation names listed after an organiser trigger, up to the end of the list."""
    end = _LIST_END.search(text)
    trigger = _ORGANISER_TRIGGER.search(text)
    stop = min(m.start() for m in (end, trigger) if m is not None) if (end or trigger) else len(text)
    names: list[str] = []
    for item in _LIST_SPLIT.split(text[:stop]):
        cleaned = ctx.organisation_name(item, record=True)
        if not cleaned:
            continue
        known = ctx.lexicon.known_actor(cleaned[0])
        if names and cleaned[1] and known is not None and known.kind == "state":
            # "Ministry of Communications, Switzerland (MCDRS)": the state and acronym end one name.
            merged = f"{names[-1]}, {cleaned[0]}"
            ctx.acronyms[cleaned[1]] = merged
            names[-1] = merged
            continue
        names.append(cleaned[0])
    return names


def _organisers_in_prose(text: str, ctx: PageContext) -> list[str]:
    names: list[str] = []
    for m in _ORGANISER_TRIGGER.finditer(text):
        names.extend(_organiser_items(text[m.end() :], ctx))
    for m in _ORGANISER_VERB.finditer(text):
        before = text[: m.start()].rstrip()
        subject = _SUBJECT.search(before)
        if subject:
            cleaned = ctx.organisation_name(subject.group(0), record=True)
            if cleaned and looks_like_organisation(cleaned[0], ctx.lexicon):
                names.append(cleaned[0])
    return names


def _inline_roles(text: str) -> Iterable[tuple[str, str]]:
    """``(label, names)`` of bracketed role remarks in an agenda line: "(moderation: Andrew)"."""
    for m in re.finditer(r"\((?P<label>[^:()]{3,30}):\s*(?P<names>[^()]+)\)", text):
        yield m["label"], m["names"]


_PROSE_PERSON = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|van|von|de|der|den|del|da|dos|du|la|le|al|bin|ibn)){{1,5}})"
    r"\s*\((?P<org>[^()]{2,80})\)"
)
_PROSE_SPEAKER_VERB = re.compile(
    r"\b(?:will\s+)?(?:open|opens|present|presents|speak|speaks|deliver|delivers|address|addresses|"
    r"introduce|introduces|give|gives|share|shares|remarks|keynote|presentation|intervention|welcome)\b",
    re.IGNORECASE,
)
# "The session will be moderated by Jane Doe, Director, Org." — a role verb, "by", a person.
_ROLE_BY = re.compile(
    r"\b(?P<label>[A-Za-zÀ-ÿ-]{5,})\s+by\s+(?P<spec>(?:(?:H\.E\.|Dr\.|Prof\.|Mr\.|Ms\.|Mrs\.)\s+)*"
    r"[A-ZÀ-Þ][^.;:]*?)(?=\.\s|\.$|;|$|,?\s+and\s+(?=[a-z]))"
)


_SEGMENT_SPLIT = re.compile(r"\s+[|·•]\s+")  # the fields of a header or table row
_SDG_HEADING = re.compile(r"(?i)SDGs?:?|Sustainable Development Goals:?")


def read_event(ctx: PageContext, lines: Sequence[Line], *, title: str | None = None, guess_title: bool = True) -> Event:
    """One event from the content lines that describe it (a whole event page, or one section).

    ``title`` (a section heading) wins over the first title-like line; without ``guess_title`` no line
    is taken for a title (a network page's section has its title from its structure or none).
    """
    b = _EventBuilder(ctx)
    heading_role: str | None = None
    in_list = False
    date_hit: tuple[str | None, str | None] | None = None
    date_line: Line | None = None
    location: str | None = None
    title_line: Line | None = None
    prose: list[Line] = []
    sdg_mode = False
    last_bare: Participant | None = None  # a person whose line gave a name only

    for index, line in enumerate(lines):
        previous_line = lines[index - 1] if index else None
        text = _MD_HEADING.sub("", line.text).strip()
        if not text or _LISTING_HEADING.match(text):
            continue
        segments = [s.strip() for s in _SEGMENT_SPLIT.split(text) if s.strip()]

        # Field lines: dates and places, possibly several fields on one line ("Fecha: … · Lugar: …").
        fields_seen = False
        for seg in segments:
            if _DATE_LABEL.match(seg):
                fields_seen = True
                value = _DATE_LABEL.sub("", seg)
                hits = find_dates(value)
                if hits and date_hit is None:
                    date_hit, date_line = hits[0].iso(ctx.year), line
                    rest = value[hits[0].end :].strip(" ,")
                    place = re.match(r"^(?:in\s+)?(?P<p>[A-ZÀ-Þ][^,\d(]*(?:,\s*[A-ZÀ-Þ][^,\d(]*)?)$", rest)
                    if place and not _TIME.search(rest) and location is None:
                        location = place["p"].strip()
            elif _PLACE_LABEL.match(seg):
                fields_seen = True
                if location is None:
                    location = _PLACE_LABEL.sub("", seg).strip(" .")
        if fields_seen:
            sdg_mode = False
            continue

        if sdg_mode:
            target = ctx.lexicon.sdg(text)
            if target and len(text) <= 6:
                if target not in b.event.sdg_targets:
                    b.event.sdg_targets.append(target)
                continue
            sdg_mode = False
        if _SDG_HEADING.fullmatch(text):
            sdg_mode = True
            continue

        # A header line holding a date: "Wednesday 8 November 2023 | 10:00 – 12:00 | Montevideo".
        hits = find_dates(text)
        if hits and len(text.split()) <= 14 and not _POSTED.match(text) and not text.endswith("."):
            if date_hit is None:
                date_hit, date_line = hits[0].iso(ctx.year), line
                if location is None:
                    location = _header_location(text, segments, hits[0])
            continue

        # "14:00 UTC | Online": a time line's other fields name the place.
        # Only right under the date line: agenda tables ("12:00-13:00 | Lunch |") name no place.
        if (
            _TIME.match(text)
            and len(text.split()) <= 10
            and len(segments) > 1
            and not hits
            and date_line is not None
            and previous_line is date_line
        ):
            if location is None:
                location = next((x for x in segments[1:] if x[0].isupper() and not _TIME.search(x)), None)
            continue

        # A role heading on its own line ("Speakers", "Online Moderator", "Panellists:", "Speakers
        # (name, stakeholder group, regional group):" — a bracketed note on the list's layout).
        heading = _HEADING_NOTE.sub("", text.rstrip(":")).strip()
        role = ctx.role(heading) if heading and len(heading.split()) <= 4 and ":" not in heading else None
        if role is not None:
            heading_role, in_list = role, True
            continue

        # A role-prefixed line: "Co-chair: …", "Chair: SILVA, Mariana (…)", "Organised by: …".
        label, sep, rest = _split_label(text)
        label_role = ctx.role(label) if sep and len(label.split()) <= 4 else None
        if label_role == "organizer" and sep not in (":", " – ", " - ", " — "):
            label_role = None  # "Organised by X together with Y." is prose: the organiser triggers read it
        if label_role is not None:
            _role_line(b, ctx, label_role, rest.strip(), line)
            in_list = label_role != "organizer" and in_list
            continue

        # Under an "Organisers" heading each line names organisers: bodies unless a listed person.
        if in_list and heading_role == "organizer" and len(text.split()) <= 20 and not _SENTENCE_BREAK.search(text):
            # One organiser a line ("Ministry of Communications, Ghana" is one body); a person only
            # when the page names them as a person elsewhere.
            item = _BULLET.sub("", text).strip(" .;")
            known = ctx.people.find(canonical_name(split_title(item)[1])) if looks_like_person(item) else None
            if known:
                b.person(_PersonSpec(known, None, None), "organizer", line)
            elif (cleaned := ctx.organisation_name(item, record=True)) is not None:
                b.organiser(cleaned[0], "organisation", line)
            continue

        # A line of a person list, under a heading or not: "Name, Title, Organisation". A line behind
        # a label that is not a role ("Transfer to venue: …", "Opening remarks: …") lists no one.
        labelled = sep == ":" and 0 < len(label.split()) <= 4 and not label.strip().isdigit()
        people_text = text
        if len(segments) >= 2 and looks_like_person(segments[0], ctx.lexicon):
            people_text = ", ".join(segments)  # a table row: "Jane Doe | Director | Organisation"
        # Long lines and sentences are prose: no list line there (and parsing them costs most).
        list_shaped = len(people_text) < 400 and not _SENTENCE_BREAK.search(people_text)
        specs = (
            _split_people(people_text, ctx)
            if list_shaped and ("," in people_text or "(" in people_text or in_list) and not labelled
            else []
        )
        parsed = [parse_person_spec(s, ctx) for s in specs]
        people = [p for p in parsed if p is not None]
        looks_like_list_line = (
            people
            and len(text) < 400
            and not _SENTENCE_BREAK.search(text)
            and (in_list or all(p.title or p.affiliation for p in people))
        )
        if looks_like_list_line:
            added = [b.person(p, heading_role or "speaker", line) for p in people]
            bare = len(people) == 1 and not (people[0].title or people[0].affiliation)
            last_bare = added[0] if bare and "," not in text and "(" not in text else None
            continue
        if in_list and is_placeholder(re.split(r"\s[–—-]\s|,", text)[0]):
            continue  # "Speaker TBC – Private sector" inside a list: nothing, not the list's end
        if last_bare is not None and in_list and sep != ":":
            # A name on one line, "Title, Organisation" on the next.
            parts = [x.strip() for x in re.split(r",\s*", text) if x.strip()]
            if parts and (_is_position(parts[0]) or (len(parts) == 1 and looks_like_organisation(parts[0]))):
                spec = parse_person_spec(f"{last_bare.name}, {text}", ctx)
                if spec:
                    last_bare.title = last_bare.title or spec.title
                    last_bare.affiliation = last_bare.affiliation or spec.affiliation
                    last_bare.evidence.append(ctx.span(line))
                last_bare = None
                continue
        last_bare = None

        # A title: the first short line that is not a sentence.
        if guess_title and title is None and title_line is None and title_like(text):
            title_line = line
            continue
        if len(text.split()) > 3 or not in_list:
            in_list = False
            heading_role = None if len(text.split()) > 3 else heading_role
        prose.append(line)

    # Prose: organisers, dates written in sentences, people named with their organisation.
    for line in prose:
        text = line.text
        for name in _organisers_in_prose(text, ctx):
            kind = "person" if ctx.people.find(name) else "organisation"
            b.organiser(ctx.people.find(name) or name, kind, line)
        for label, names in _inline_roles(text):
            role = ctx.role(label)
            if role is None:
                continue
            for part in re.split(r"\s*(?:\+|&|,|\band\b|\by\b)\s*", names):
                part = part.strip()
                if not part:
                    continue
                if len(part.split()) == 1:
                    b.back_reference(part, role, line)
                else:
                    spec = parse_person_spec(part, ctx)
                    if spec:
                        b.person(spec, role, line)
        for m in _ROLE_BY.finditer(text):
            role = ctx.role(m["label"])
            if role is None or role == "organizer":
                continue  # organisers are read by the organiser triggers
            for part in re.split(r"\s+and\s+(?=[A-ZÀ-Þ])|;\s*", m["spec"]):
                spec = parse_person_spec(part, ctx)
                if spec:
                    b.person(spec, role, line)
        for m in _PROSE_PERSON.finditer(text):
            org = m["org"].strip()
            if is_placeholder(org):
                continue  # "(TBC)" is no affiliation
            sentence = _sentence_around(text, m.start(), m.end())
            role = next(
                (r for w in re.findall(r"[A-Za-zÀ-ÿ-]{4,}", sentence) if (r := ctx.role(w)) and r != "organizer"),
                None,
            )
            if role is None and (re.fullmatch(r"[A-Z]{2,10}", org) or not _PROSE_SPEAKER_VERB.search(sentence)):
                continue  # without a role word, "Name (APC)" may just define an acronym
            spec = parse_person_spec(f"{m['name']} ({org})", ctx)
            if spec:
                b.person(spec, role or "speaker", line)
        if date_hit is None:
            for hit in find_dates(text):
                if _POSTED.match(text.strip()):
                    break
                iso = hit.iso(ctx.year)
                if iso[0]:
                    date_hit, date_line = iso, line
                    after = text[hit.end : hit.end + 60]
                    place = re.match(r",?\s+in\s+(?P<p>[A-ZÀ-Þ][\w\-]+(?:\s+[A-ZÀ-Þ][\w\-]+)?)", after)
                    if place and location is None:
                        location = place["p"]
                    break

    # Organiser role lines name people the page lists elsewhere: settle their kind now.
    event = b.event
    if title is None and title_line is not None:
        title = _TITLE_PREFIX.sub("", title_line.text.strip()).strip() or None
    event.title = title
    if date_hit:
        event.date, event.end_date = date_hit
    event.location = location
    event.evidence = ctx.span(title_line or date_line or lines[0]) if lines else None
    _attach_processes(event, ctx, lines)
    return event


_TITLE_PREFIX = re.compile(r"^#+\s*")
_HEADING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
# A sentence ends after a lower-case word, not after an abbreviation ("H.E. Ambassador", "Prof. Dr.").
_SENTENCE_BREAK = re.compile(r"\b[a-zà-ÿ][\w-]{3,}[.!?]\s+[A-ZÀ-Þ]")


def title_like(text: str) -> bool:
    """Whether a line reads as a title: short, not a sentence, not cut off, not a bare tag."""
    words = text.split()
    if not 2 <= len(words) <= 20 or text.endswith((".", ",", ";", ":")) or _POSTED.match(text):
        return False
    if words[-1].casefold() in {"of", "the", "and", "to", "for", "with", "by", "a", "an", "de", "la", "y"}:
        return False  # a sentence cut off ("This meeting is a joint initiative of")
    if _TIME.match(text) or " | " in text:
        return False  # "14:00 UTC | Online" is a field line
    if text.isupper() and len(words) <= 3:  # "UPCOMING EVENT"
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "\"“'"


def _header_location(text: str, segments: list[str], hit: DateHit) -> str | None:
    """The place written next to a date in a header line, if any."""
    for seg in segments:
        if find_dates(seg) or _TIME.search(seg):
            if len(segments) == 1:
                # "Geneva, 21–22 May 2024" or "8 October 2023, Kyoto"
                before = seg[: hit.start].strip(" ,–-") if seg == text else ""
                after = seg[hit.end :].strip(" ,–-") if seg == text else ""
                for part in (before, after):
                    if part and not re.search(r"\d", part) and part[0].isupper() and not _weekday(part):
                        return part
            continue
        seg = seg.strip(" .")
        if seg and (seg[0].isupper()) and not _weekday(seg):
            return seg
    return None


def _weekday(text: str) -> bool:
    return bool(
        re.fullmatch(
            r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day|lunes|martes|miércoles|jueves|viernes|"
            r"sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
            text.strip(" ,"),
        )
    )


_BY_PREFIX = re.compile(r"^(?P<label>[A-Za-zÀ-ÿ-]{4,30}\s+by)\s*:?\s+(?=\S)", re.IGNORECASE)
_DASH_PREFIX = re.compile(r"^(?P<label>[^,:;()–—]{2,40}?)\s+[–—-]\s+(?=\S)")


def _split_label(text: str) -> tuple[str, str, str]:
    """``(label, separator, rest)`` of a line that opens with a label: "X: …", "X – …", "Moderated by …"."""
    label, sep, rest = text.partition(":")
    if sep and len(label.split()) <= 4:
        return label, sep, rest
    m = _BY_PREFIX.match(text)
    if m:
        return m["label"], " by ", text[m.end() :]
    m = _DASH_PREFIX.match(text)
    if m and len(m["label"].split()) <= 3:
        return m["label"], " – ", text[m.end() :]
    return text, "", ""


def _sentence_around(text: str, start: int, end: int) -> str:
    left = text.rfind(". ", 0, start)
    right = text.find(". ", end)
    return text[left + 1 if left >= 0 else 0 : right if right >= 0 else len(text)]


def _role_line(b: _EventBuilder, ctx: PageContext, role: str, rest: str, line: Line) -> None:
    if not rest:
        return
    if role == "organizer":
        end = _LIST_END.search(rest)
        items = [i.strip() for i in _LIST_SPLIT.split(rest[: end.start()] if end else rest) if i.strip()]
        for item in items:
            # A person organiser is one the page names as a person elsewhere, or the only name of
            # the line with a person's shape; in a list of several, names are organisations.
            known = ctx.people.find(canonical_name(split_title(item)[1])) if looks_like_person(item) else None
            if known or (len(items) == 1 and looks_like_person(item, ctx.lexicon)):
                spec = parse_person_spec(item, ctx)
                if spec:
                    b.person(spec, role, line)
                    continue
            cleaned = ctx.organisation_name(item, record=True)
            if cleaned:
                b.organiser(cleaned[0], "organisation", line)
        return
    for spec_text in _split_people(rest, ctx):
        if len(spec_text.split()) == 1 and b.back_reference(spec_text, role, line):
            continue
        spec = parse_person_spec(spec_text, ctx)
        if spec:
            b.person(spec, role, line)


def _attach_processes(event: Event, ctx: PageContext, lines: Sequence[Line]) -> None:
    if not lines:
        return
    year = int(event.date[:4]) if event.date else ctx.year
    # Without a stated date, the day a text must predate still dates its mentions (instances only).
    date = event.date or ctx.as_of
    if date and not event.date:
        year = int(date[:4])
    processes: list[ProcessMention] = []
    instruments: list[InstrumentMention] = []
    # One call per run of consecutive content lines, so noise between them is never read.
    for start, end in _runs(ctx.nt, lines):
        found, inst = find_mentions(ctx.nt, year, date=date, lexicon=ctx.lexicon, start=start, end=end)
        processes.extend(found)
        instruments.extend(inst)
    event.processes = _merge_mentions(processes)
    event.instruments = _merge_instruments(instruments)


def _runs(nt: NormalisedText, lines: Sequence[Line]) -> list[tuple[int, int]]:
    index = {line.start: i for i, line in enumerate(nt.lines)}
    runs: list[tuple[int, int]] = []
    prev = None
    for line in lines:
        i = index.get(line.start)
        if (
            runs
            and prev is not None
            and i is not None
            and all(not nt.lines[j].text.strip() for j in range(prev + 1, i))
        ):
            runs[-1] = (runs[-1][0], line.end)
        else:
            runs.append((line.start, line.end))
        prev = i
    return runs


def _merge_mentions(mentions: Iterable[ProcessMention]) -> list[ProcessMention]:
    merged: dict[tuple[str, str | None], ProcessMention] = {}
    for m in mentions:
        key = (m.process, m.instance)
        if key in merged:
            merged[key].occurrences += m.occurrences
        else:
            merged[key] = ProcessMention(m.process, m.instance, m.surface, m.occurrences, m.evidence)
    return list(merged.values())


def _merge_instruments(mentions: Iterable[InstrumentMention]) -> list[InstrumentMention]:
    merged: dict[str, InstrumentMention] = {}
    for m in mentions:
        if m.instrument in merged:
            merged[m.instrument].occurrences += m.occurrences
        else:
            merged[m.instrument] = InstrumentMention(m.instrument, m.surface, m.occurrences, m.evidence)
    return list(merged.values())


# -- the document ------------------------------------------------------------------------------------


def new_context(source: SourceFile, lexicon: Lexicon | None = None) -> PageContext:
    """The context of one file: normalised text, lexicon, and the year its text is written in."""
    nt = normalise_file(source)
    ctx = PageContext(source=source, nt=nt, lexicon=lexicon or get_lexicon())
    ctx.year = text_year(nt.text)
    ctx.as_of = written_before(nt.text)
    return ctx


def collect_people(ctx: PageContext, lines: Sequence[Line]) -> None:
    """Register every fully named person of the page first, so first-name mentions can refer back."""
    for line in lines:
        text = line.text.strip()
        label, sep, rest = _split_label(text)
        role = ctx.role(label) if sep else None
        # A bare name counts only behind a person's role label ("Rapporteur: Mariana Silva"): a line
        # "Smart Africa" alone has a name's shape but could be any body.
        list_shaped = len(text) < 400 and not _SENTENCE_BREAK.search(text)
        candidates = (
            [rest] if role and role != "organizer" else [text] if list_shaped and ("," in text or "(" in text) else []
        )
        for m in _PROSE_PERSON.finditer(text):
            candidates.append(m.group(0))
        for candidate in candidates:
            for spec_text in _split_people(candidate, ctx) if "," in candidate or ";" in candidate else [candidate]:
                if len(spec_text.split()) < 2 or (not role and "," not in spec_text and "(" not in spec_text):
                    continue
                spec = parse_person_spec(spec_text, ctx)
                if spec:
                    ctx.people.add(spec.name)


def document_from_events(
    source: SourceDocument, genre: str, events: list[Event], contexts: list[PageContext]
) -> Document:
    """The document record: its events, organisations (organisers and affiliations), all processes."""
    doc = Document(id=source.id, collection=source.collection, genre=genre, files=list(source.files))
    doc.events = events
    lex = contexts[0].lexicon if contexts else get_lexicon()
    seen: dict[str, Organisation] = {}
    acronyms = {v: k for ctx in contexts for k, v in ctx.acronyms.items()}

    def add(name: str | None, evidence: Span | None) -> None:
        if not name or name.casefold() in seen:
            return
        known = lex.known_actor(name)
        if known is not None and known.kind == "state":
            return  # a state is an actor of its own kind, not an organisation
        seen[name.casefold()] = Organisation(name=name, acronym=acronyms.get(name), evidence=evidence)

    for event in events:
        for o in event.organisers:
            if o.kind == "organisation":
                add(o.name, o.evidence[0] if o.evidence else None)
        for p in event.participants:
            add(p.affiliation, p.evidence[0] if p.evidence else None)
    doc.organisations = list(seen.values())
    doc.processes = _merge_mentions(m for e in events for m in e.processes)
    doc.instruments = _merge_instruments(m for e in events for m in e.instruments)
    doc.title = next((e.title for e in events if e.title), None)
    doc.date = next((e.date for e in events if e.date), None)
    return doc


def has_facts(event: Event) -> bool:
    """Whether an event record states anything at all (people, organisers, processes, date, title)."""
    return bool(event.participants or event.organisers or event.processes or event.date or event.title)


class EventPageReader:
    """Reads an event page: one event per file, its people, organisers, date, place and processes."""

    genre = GENRE

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    def read(self, source: SourceDocument) -> Document:
        """Extract the event of each file of ``source`` (``None`` wherever the page says nothing)."""
        events: list[Event] = []
        contexts: list[PageContext] = []
        for file in source.files:
            ctx = new_context(file, self._lexicon)
            lines = content_lines(ctx.nt)
            collect_people(ctx, lines)
            event = read_event(ctx, lines)
            if event.date:
                ctx.year = int(event.date[:4])
            contexts.append(ctx)
            if has_facts(event):
                events.append(event)
        return document_from_events(source, self.genre, events, contexts)
