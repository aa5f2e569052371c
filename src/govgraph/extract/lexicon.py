"""The names the extractor recognises, read from the SKOS concept schemes and the reference data.

The labels of ``ontology/schemes/*.ttl`` are the project's only list of names: stakeholder groups,
UN regional groups, roles, event formats, SDG targets, processes, genres, tracks. The reference data
(``data/reference/*.ttl``) adds process instances with their dates, instruments, organisations and
states. Nothing here hard-codes a name.

Matching rules (the schemes' own comments state them):

- ``skos:prefLabel`` and ``skos:altLabel`` match case-insensitively on word boundaries, except labels
  written all in capitals (acronyms: ``GGE``, ``WEOG``), which match case-sensitively;
- ``skos:hiddenLabel`` forms are ambiguous without context: :meth:`Matcher.lookup` of a whole field
  that states a value of the scheme accepts them (``hidden=True``, the default), running-text search
  (:meth:`Matcher.find`) returns them only when asked and flags them (``Match.hidden``);
- separators inside a label are loose: ``Open-Ended`` = ``Open Ended``, and a short parenthetical
  between two words of a label is skipped (``information and communications technologies (ICTs)
  for criminal purposes``);
- longest label first, so ``Online Moderator`` wins over ``Moderator``; a hidden label never cuts a
  visible one short (``the Group`` inside ``the Group of Governmental Experts``).

The labels of a set are compiled into one character-trie regex (lower-case labels run over the
lower-cased text, acronyms over the text as written), so a text is scanned once per set, not once
per label.

Usage::

    lex = get_lexicon()                       # loaded once per process (cached)
    lex.stakeholder_group("Civil Society")    # -> "Civil Society"
    lex.regional_group("Intergovernmental Organization")   # -> None (an IGO is not a region)
    lex.role("Online Moderator")              # -> "online_moderator"
    lex.processes.find(text)                  # -> [Match(notation="OEWG", start=…, …), …]
    lex.instances_of("OEWG")                  # -> [ProcessInstance("oewg-2019-2021", …), …]

Tests and tools may build a :class:`Lexicon` from other files with :meth:`Lexicon.from_files`.

Public API: :func:`get_lexicon`, :class:`Lexicon`, :class:`Matcher`, :class:`Match`,
:class:`Concept`, :class:`ProcessInstance`, :class:`NamedThing`, :func:`label_key`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from govgraph import paths
from govgraph.vocab import GG, SCHEMA

__all__ = [
    "OTHER_GROUP",
    "SCHEMES",
    "Concept",
    "Lexicon",
    "Match",
    "Matcher",
    "NamedThing",
    "ProcessInstance",
    "get_lexicon",
    "label_key",
    "stakeholder_groups",
]

# The schemes by the local name of their IRI (https://w3id.org/govgraph/id/scheme/<name>), with the
# class their concepts carry, for schemes that omit skos:inScheme.
SCHEMES: dict[str, URIRef] = {
    "stakeholder-group": GG.StakeholderGroup,
    "regional-group": GG.RegionalGroup,
    "role": GG.Role,
    "process": GG.Process,
    "event-format": GG.EventFormat,
    "sdg": GG.SDGTarget,
    "genre": GG.Genre,
    "track": GG.Track,
}
_CLASS_TO_SCHEME = {cls: name for name, cls in SCHEMES.items()}
_CLASS_TO_SCHEME[GG.SDGGoal] = "sdg"
_SCHEME_PREFIX = "https://w3id.org/govgraph/id/scheme/"

_SEP = re.compile(r"[\s\-‐‑–]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_TRIM = " \t.,;:!?*•·|/\\\"'"
_PAREN = re.compile(r"^(?P<outer>.*?)\s*\((?P<inner>[^()]*)\)\s*(?P<rest>.*)$")
# Between two words of a label: blanks/hyphens, optionally a short parenthetical such as "(ICTs)".
_LABEL_GAP = r"(?:[\s\-‐‑–]+(?:\([^()\n]{1,25}\)[\s\-‐‑–]+)?)"


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """The lookup key of a label or field: quotes straightened, separators collapsed, ends trimmed.

    Acronyms keep their case (they match case-sensitively); every other key is case-folded.

    >>> label_key("  Western-European and  Others Group: ")
    'western european and others group'
    >>> label_key("WEOG")
    'WEOG'
    """
    key = _SEP.sub(" ", text.translate(_QUOTES)).strip(_TRIM).strip()
    return key if _is_acronym(key) else key.casefold()


def _is_acronym(label: str) -> bool:
    # Two letters or more, none of them lower case: "GGE", "WSIS+10", "UN-GGE".
    return label.upper() == label and sum(c.isalpha() for c in label) >= 2


@dataclass(frozen=True)
class Concept:
    """A SKOS concept of one scheme with all its labels."""

    iri: str
    scheme: str
    notation: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()

    @property
    def local_name(self) -> str:
        return self.iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Match:
    """A label found in a text: the value it names, where, the words used and whether hidden."""

    notation: str
    start: int
    end: int
    surface: str
    hidden: bool = False


@dataclass(frozen=True)
class NamedThing:
    """A reference individual (instrument, organisation, state) with its labels."""

    iri: str
    name: str
    labels: tuple[str, ...] = ()
    stakeholder_group: str | None = None  # an organisation's known group (an inference source)
    kind: str = "organisation"

    @property
    def local_name(self) -> str:
        return self.iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ProcessInstance:
    """One mandated run of a process (reference data), e.g. ``oewg-2019-2021``."""

    local_name: str
    process: str  # the process notation
    start: dt.date | None = None
    end: dt.date | None = None
    labels: tuple[str, ...] = ()
    succeeds: tuple[str, ...] = ()  # local names of the instances this one follows (gg:succeeds)
    venues: tuple[str, ...] = ()  # where it met: its schema:location and its meetings' (gg:withinProcess)

    def active_on(self, day: dt.date) -> bool:
        """Whether the instance runs on ``day`` (an open end runs on)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def covers_year(self, year: int) -> bool:
        """Whether any day of ``year`` falls within the instance."""
        first = self.start.year if self.start else -10_000
        last = self.end.year if self.end else 10_000
        return first <= year <= last


class Matcher:
    """Finds and looks up the labels of a set of named values (one scheme, or reference things)."""

    def __init__(self, entries: Iterable[tuple[str, str, bool]]) -> None:
        """``entries``: ``(label, value, hidden)``; the value is a notation or a local name."""
        self._keys: dict[str, str] = {}
        self._hidden_keys: dict[str, str] = {}
        visible: list[str] = []
        hidden: list[str] = []
        self._surface: dict[str, tuple[str, bool]] = {}
        for label, value, is_hidden in entries:
            label = label.strip()
            if not label:
                continue
            key = label_key(label)
            if is_hidden:
                self._hidden_keys.setdefault(key, value)
                hidden.append(label)
            else:
                self._keys.setdefault(key, value)
                visible.append(label)
            self._surface.setdefault(key, (value, is_hidden))
        self.values: frozenset[str] = frozenset(self._keys.values()) | frozenset(self._hidden_keys.values())
        self._visible_re = _compile(visible)
        self._hidden_re = _compile(hidden)
        self._add_caches()

    def _add_caches(self) -> None:
        # Readers look the same fields up again and again (every entry's slots, every heading);
        # the answer depends on the labels alone, fixed from here on.
        self._lookup = lru_cache(maxsize=1 << 16)(self._lookup_uncached)

    def __getstate__(self) -> dict:
        # A cache is no state: a pickled matcher (to a worker process) builds its own.
        return {k: v for k, v in self.__dict__.items() if k != "_lookup"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._add_caches()

    def __bool__(self) -> bool:
        return bool(self.values)

    def lookup(self, field_text: str, *, hidden: bool = True) -> str | None:
        """The value a whole field names, or ``None``.

        ``field_text`` is the entire content of a slot that states a value of this kind (a cell of
        a ``Name, Stakeholder group, Regional group`` line), so hidden labels count unless
        ``hidden=False``. ``"Western European and Others Group (WEOG)"`` resolves through either
        part when the whole is not a label; two parts naming different values give ``None``.
        """
        return self._lookup(field_text, hidden)

    def _lookup_uncached(self, field_text: str, hidden: bool) -> str | None:
        value = self._lookup_exact(field_text, hidden)
        if value is not None:
            return value
        m = _PAREN.match(field_text)
        if m is None:
            return None
        found = {
            v
            for part in (m["outer"] + (" " + m["rest"] if m["rest"] else ""), m["inner"])
            if part.strip() and (v := self._lookup_exact(part, hidden)) is not None
        }
        return found.pop() if len(found) == 1 else None

    def _lookup_exact(self, text: str, hidden: bool) -> str | None:
        key = label_key(text)
        value = self._keys.get(key)
        if value is None and key != key.casefold():
            # An acronym-shaped field ("CIVIL SOCIETY") may still spell a case-insensitive label.
            value = self._keys.get(key.casefold())
        if value is None and hidden:
            value = self._hidden_keys.get(key) or self._hidden_keys.get(key.casefold())
        return value

    def find(self, text: str, *, hidden: bool = False, start: int = 0, end: int | None = None) -> list[Match]:
        """Every label occurrence in ``text[start:end]``, longest first, not overlapping.

        Hidden labels are returned (with ``hidden=True`` on the match) only when ``hidden`` is set;
        the caller decides whether their context allows them.
        """
        stop = len(text) if end is None else end
        out = self._find(self._visible_re, text, start, stop)
        if hidden and self._hidden_re is not None:
            # Hidden labels are searched apart and give way to any visible label they overlap:
            # "the Group" must not cut "the Group of Governmental Experts" short.
            taken = [(m.start, m.end) for m in out]
            extra = [
                m
                for m in self._find(self._hidden_re, text, start, stop)
                if not any(s < m.end and m.start < e for s, e in taken)
            ]
            out = sorted(out + extra, key=lambda m: m.start)
        return out

    def _find(self, regex: _Regexes | None, text: str, start: int, stop: int) -> list[Match]:
        if regex is None:
            return []
        out = []
        for s, e in regex.finditer(text, start, stop):
            surface = text[s:e]
            value, is_hidden = self._resolve(surface)
            if value is not None:
                out.append(Match(value, s, e, surface, is_hidden))
        return out

    def _resolve(self, surface: str) -> tuple[str | None, bool]:
        key = label_key(_strip_inner_parens(surface))
        for k in (key, key.casefold()):
            if k in self._keys:
                return self._keys[k], False
        for k in (key, key.casefold()):
            if k in self._hidden_keys:
                return self._hidden_keys[k], True
        return None, False


def _strip_inner_parens(surface: str) -> str:
    return re.sub(r"\s*\([^()]*\)\s*", " ", surface) if "(" in surface else surface


_GAP = "\x00"  # stands for the loose separator between two words of a label while building a trie


def _units(label: str, fold: bool) -> str:
    words = [w for w in _SEP.split(label.translate(_QUOTES)) if w]
    text = _GAP.join(words)
    return text.lower() if fold else text


def _trie_pattern(keys: Iterable[str], after_first: str = "") -> str:
    """One regex for many labels: a character trie, so each text position is tried once, not once
    per label; greedy optional tails make the longest label win. ``after_first`` is put right after
    the first character of every label (see :func:`_compile`)."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict, lead: str = "") -> str:
        alternatives = []
        for ch in sorted(k for k in node if k):
            unit = _LABEL_GAP if ch == _GAP else ("['’]" if ch == "'" else re.escape(ch))
            alternatives.append(unit + lead + pattern(node[ch]))
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return pattern(trie, after_first)


@dataclass(frozen=True)
class _Regexes:
    """The case-insensitive and the case-sensitive (acronym) labels of one set, compiled apart."""

    folded: re.Pattern[str] | None  # lower-case trie, run on the lower-cased text (fast)
    folded_ci: re.Pattern[str] | None  # the same with IGNORECASE, for texts lower() would resize
    exact: re.Pattern[str] | None

    def finditer(self, text: str, start: int, stop: int) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        if self.folded is not None:
            lowered = _lowered(text)
            if lowered is not None:
                spans.extend(m.span() for m in self.folded.finditer(lowered, start, stop))
            else:
                spans.extend(m.span() for m in self.folded_ci.finditer(text, start, stop))  # type: ignore[union-attr]
        if self.exact is not None:
            spans.extend(m.span() for m in self.exact.finditer(text, start, stop))
        # Longest first where the two sets overlap; the rest in text order.
        spans.sort(key=lambda se: (se[0], -se[1]))
        out: list[tuple[int, int]] = []
        for s, e in spans:
            if not out or s >= out[-1][1]:
                out.append((s, e))
        return out


def _compile(labels: Sequence[str]) -> _Regexes | None:
    unique = set(labels)
    if not unique:
        return None
    folded = {_units(lb, True) for lb in unique if not _is_acronym(lb)}
    exact = {_units(lb, False) for lb in unique if _is_acronym(lb)}
    edge_l, edge_r = r"(?<![\w+])", r"(?![\w+])"
    folded_body = _trie_pattern(folded) if folded else ""
    # The acronyms' left edge is checked after their first character, as "not a word character
    # before that character": the same test, but a pattern that opens with a literal lets the
    # regex engine skip ahead to the few positions holding a capital that can start an acronym,
    # instead of trying the trie at every position (five times faster on a long contribution).
    # The lower-case trie keeps its edge in front: nearly every letter can start one of its labels.
    exact_body = _trie_pattern(exact, after_first=r"(?<![\w+].)") if exact else ""
    return _Regexes(
        re.compile(edge_l + "(?:" + folded_body + ")" + edge_r) if folded else None,
        re.compile(edge_l + "(?i:" + folded_body + ")" + edge_r) if folded else None,
        re.compile("(?:" + exact_body + ")" + edge_r) if exact else None,
    )


_LAST_LOWERED: list[tuple[str, str | None]] = [("", "")]


def _lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset (else ``None``); the last one is remembered, as
    one text is searched by several matchers in a row."""
    last_text, last_lower = _LAST_LOWERED[0]
    if last_text is text:
        return last_lower
    lower = text.lower()
    result = lower if len(lower) == len(text) else None
    _LAST_LOWERED[0] = (text, result)
    return result


@dataclass
class Lexicon:
    """All concepts and reference things, with a matcher per scheme. Build once; share freely."""

    concepts: dict[str, list[Concept]] = field(default_factory=dict)
    instances: list[ProcessInstance] = field(default_factory=list)
    instruments: list[NamedThing] = field(default_factory=list)
    organisations: list[NamedThing] = field(default_factory=list)
    states: list[NamedThing] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._matchers: dict[str, Matcher] = {}
        for scheme in SCHEMES:
            entries: list[tuple[str, str, bool]] = []
            for c in self.concepts.get(scheme, []):
                entries.append((c.pref_label, c.notation, False))
                if label_key(c.notation) not in {label_key(h) for h in c.hidden_labels}:
                    # The notation is a visible label unless the scheme hides that very form
                    # (a bare "Roadmap" is ambiguous).
                    entries.append((c.notation, c.notation, False))
                entries.extend((lb, c.notation, False) for lb in c.alt_labels)
                entries.extend((lb, c.notation, True) for lb in c.hidden_labels)
            self._matchers[scheme] = Matcher(entries)
        self.instruments_matcher = Matcher(
            (lb, t.local_name, False) for t in self.instruments for lb in (t.name, *t.labels)
        )
        self._org_by_key: dict[str, NamedThing] = {}
        for t in [*self.organisations, *self.states]:
            for lb in (t.name, *t.labels):
                self._org_by_key.setdefault(label_key(lb), t)
        self._instances_by_process: dict[str, list[ProcessInstance]] = {}
        for inst in self.instances:
            self._instances_by_process.setdefault(inst.process, []).append(inst)
        for insts in self._instances_by_process.values():
            insts.sort(key=lambda i: (i.start or dt.date.min, i.local_name))
        self._notations = {scheme: {c.notation: c for c in cs} for scheme, cs in self.concepts.items()}
        # Readers ask these for every process occurrence; the answers depend on the reference data
        # alone, fixed once the lexicon is built, so each is worked out once.
        self._instance_by_name: dict[str, ProcessInstance] = {}
        for inst in self.instances:
            self._instance_by_name.setdefault(inst.local_name, inst)  # the first, as a scan would find
        self._chain_links: dict[str, tuple[ProcessInstance, ...]] = {}
        self._neighbours: dict[str, frozenset[str]] = {}
        self._add_caches()

    def _add_caches(self) -> None:
        self._role = lru_cache(maxsize=1 << 14)(self._role_uncached)  # every line of a page is tried

    def __getstate__(self) -> dict:
        # A cache is no state: a pickled lexicon (to a worker process) builds its own.
        return {k: v for k, v in self.__dict__.items() if k != "_role"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._add_caches()

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def from_files(cls, files: Iterable[Path | str]) -> Lexicon:
        """A lexicon from the given Turtle files (schemes and reference data in any mix)."""
        graph = Graph()
        for f in files:
            graph.parse(str(f), format="turtle")
        return cls.from_graph(graph)

    @classmethod
    def from_dirs(cls, *dirs: Path | str) -> Lexicon:
        """A lexicon from every ``*.ttl`` in ``dirs`` (missing directories are skipped)."""
        files = [f for d in dirs if Path(d).is_dir() for f in sorted(Path(d).glob("*.ttl"))]
        return cls.from_files(files)

    @classmethod
    def from_graph(cls, g: Graph) -> Lexicon:
        """A lexicon from an rdflib graph holding schemes and reference individuals."""
        concepts: dict[str, list[Concept]] = {}
        notation_of: dict[URIRef, str] = {}
        for subject in set(g.subjects(SKOS.notation, None)):
            scheme = _scheme_of(g, subject)
            if scheme is None:
                continue
            notation = str(g.value(subject, SKOS.notation))
            pref = _labels(g, subject, SKOS.prefLabel)
            concept = Concept(
                iri=str(subject),
                scheme=scheme,
                notation=notation,
                pref_label=pref[0] if pref else notation,
                alt_labels=tuple(pref[1:] + _labels(g, subject, SKOS.altLabel)),
                hidden_labels=tuple(_labels(g, subject, SKOS.hiddenLabel)),
            )
            concepts.setdefault(scheme, []).append(concept)
            notation_of[subject] = notation
        for cs in concepts.values():
            cs.sort(key=lambda c: c.notation)

        instances = []
        for inst in sorted(set(g.subjects(RDF.type, GG.ProcessInstance))):
            process = g.value(inst, GG.instanceOf)
            if process is None or process not in notation_of:
                continue
            instances.append(
                ProcessInstance(
                    local_name=str(inst).rstrip("/").rsplit("/", 1)[-1],
                    process=notation_of[process],
                    # Full dates where the reference is sure of them, else its gg:startYear/endYear.
                    start=_date(g.value(inst, SCHEMA.startDate) or g.value(inst, GG.startYear)),
                    end=_date(g.value(inst, SCHEMA.endDate) or g.value(inst, GG.endYear), end=True),
                    labels=tuple(_all_labels(g, inst)),
                    succeeds=tuple(sorted(str(o).rstrip("/").rsplit("/", 1)[-1] for o in g.objects(inst, GG.succeeds))),
                    venues=tuple(
                        sorted(
                            {str(v) for v in g.objects(inst, SCHEMA.location)}
                            | {
                                str(v)
                                for meeting in g.subjects(GG.withinProcess, inst)
                                for v in g.objects(meeting, SCHEMA.location)
                            }
                        )
                    ),
                )
            )
        instrument_types = {GG.Instrument, *g.subjects(RDFS.subClassOf, GG.Instrument), GG.Resolution}
        instruments = _things(g, instrument_types, "instrument", extra=(GG.symbol,))
        organisations = _things(g, {GG.Organisation}, "organisation", extra=(GG.acronym,), groups=notation_of)
        states = _things(g, {GG.State}, "state")
        return cls(concepts, instances, instruments, organisations, states)

    # -- matchers -------------------------------------------------------------------------------

    def matcher(self, scheme: str) -> Matcher:
        """The matcher of a scheme by name (a key of :data:`SCHEMES`)."""
        return self._matchers[scheme]

    @property
    def stakeholder_groups(self) -> Matcher:
        return self._matchers["stakeholder-group"]

    @property
    def regional_groups(self) -> Matcher:
        return self._matchers["regional-group"]

    @property
    def roles(self) -> Matcher:
        return self._matchers["role"]

    @property
    def processes(self) -> Matcher:
        return self._matchers["process"]

    @property
    def event_formats(self) -> Matcher:
        return self._matchers["event-format"]

    @property
    def sdgs(self) -> Matcher:
        return self._matchers["sdg"]

    @property
    def genres(self) -> Matcher:
        return self._matchers["genre"]

    # -- field lookups --------------------------------------------------------------------------

    def stakeholder_group(self, field_text: str) -> str | None:
        """The stakeholder-group notation a field states, or ``None``."""
        return self.stakeholder_groups.lookup(field_text)

    def regional_group(self, field_text: str) -> str | None:
        """The regional-group notation a field states, or ``None``.

        A field naming a stakeholder group is never a region: IGF pages write
        ``Intergovernmental Organization, Intergovernmental Organization`` for an IGO.
        """
        if self.stakeholder_groups.lookup(field_text, hidden=False) is not None:
            return None
        return self.regional_groups.lookup(field_text)

    def role(self, field_text: str, *, hidden: bool = True) -> str | None:
        """The role notation a role heading or prefix names (``"Online Moderator"``), or ``None``.

        Plural and numbered forms (``Speakers``, ``Speaker 3``) resolve too.
        """
        return self._role(field_text, hidden)

    def _role_uncached(self, field_text: str, hidden: bool) -> str | None:
        text = re.sub(r"\s*#?\d+\s*$", "", field_text.strip().rstrip(":").strip().replace("(s)", "s"))
        value = self.roles.lookup(text, hidden=hidden)
        if value is None and text.lower().endswith("s"):
            value = self.roles.lookup(text[:-1], hidden=hidden)
        return value

    def event_format(self, field_text: str) -> str | None:
        """The event-format notation a field names, or ``None``."""
        return self.event_formats.lookup(field_text)

    def sdg(self, notation: str) -> str | None:
        """The SDG goal/target notation if the scheme knows it (``"17.16"``, ``"5.b"``, ``"17"``).

        With no SDG scheme loaded, any well-formed notation is accepted as written.
        """
        value = notation.strip().lower()
        known = self._notations.get("sdg")
        if not known:
            return value if re.fullmatch(r"\d{1,2}(?:\.[0-9a-z]{1,2})?", value) else None
        return value if value in known else None

    def process(self, field_text: str) -> str | None:
        """The process notation a field names, or ``None``."""
        return self.processes.lookup(field_text)

    def concept(self, scheme: str, notation: str) -> Concept | None:
        """The concept of ``scheme`` with ``notation``."""
        return self._notations.get(scheme, {}).get(notation)

    # -- reference data -------------------------------------------------------------------------

    def instances_of(self, process: str) -> list[ProcessInstance]:
        """The instances of a process (by notation), earliest first."""
        return self._instances_by_process.get(process, [])

    def chain_links(self, process: str) -> list[ProcessInstance]:
        """Instances of *other* processes that lie inside the lineage of ``process``'s own instances:
        each follows one of its instances and is followed by another (``gg:succeeds``, transitively).
        The WSIS+10 review (2014–2015) follows the Tunis phase and is followed by WSIS+20: it is
        the run of WSIS between them. A process that only follows (the permanent mechanism after
        the OEWG) is not a link of the OEWG's chain.
        """
        if process not in self._chain_links:
            self._chain_links[process] = self._find_chain_links(process)
        return list(self._chain_links[process])

    def _find_chain_links(self, process: str) -> tuple[ProcessInstance, ...]:
        own = {i.local_name for i in self.instances_of(process)}
        by_name = {i.local_name: i for i in self.instances}

        def ancestors(name: str) -> set[str]:
            seen: set[str] = set()
            todo = list(by_name[name].succeeds) if name in by_name else []
            while todo:
                n = todo.pop()
                if n not in seen:
                    seen.add(n)
                    todo.extend(by_name[n].succeeds if n in by_name else ())
            return seen

        return tuple(
            i
            for i in self.instances
            if i.process != process and ancestors(i.local_name) & own and any(i.local_name in ancestors(o) for o in own)
        )

    def lineage_neighbours(self, process: str) -> frozenset[str]:
        """The other processes one of whose instances directly follows or precedes one of
        ``process``'s (``gg:succeeds``): the permanent mechanism and the OEWG, WSIS and WSIS+10."""
        if process not in self._neighbours:
            self._neighbours[process] = self._find_neighbours(process)
        return self._neighbours[process]

    def _find_neighbours(self, process: str) -> frozenset[str]:
        by_name = {i.local_name: i for i in self.instances}
        out: set[str] = set()
        for i in self.instances:
            for prior in (by_name[n] for n in i.succeeds if n in by_name):
                if i.process == process and prior.process != process:
                    out.add(prior.process)
                if prior.process == process and i.process != process:
                    out.add(i.process)
        return frozenset(out)

    def instance(self, local_name: str) -> ProcessInstance | None:
        """A process instance by local name (``"oewg-2019-2021"``)."""
        return self._instance_by_name.get(local_name)

    def known_actor(self, name: str) -> NamedThing | None:
        """The reference organisation or state a name (or acronym) denotes, or ``None``."""
        return self._org_by_key.get(label_key(name)) or self._org_by_key.get(label_key(name).casefold())

    def is_concept_label(self, text: str) -> bool:
        """Whether ``text`` is a label of a stakeholder group, regional group or role."""
        return any(
            self._matchers[s].lookup(text, hidden=False) is not None
            for s in ("stakeholder-group", "regional-group", "role")
        )


def _scheme_of(g: Graph, subject: URIRef) -> str | None:
    for scheme in g.objects(subject, SKOS.inScheme):
        s = str(scheme)
        if s.startswith(_SCHEME_PREFIX):
            name = s[len(_SCHEME_PREFIX) :].strip("/")
            if name in SCHEMES:
                return name
            if name.rstrip("s") in SCHEMES:
                return name.rstrip("s")
    for cls in g.objects(subject, RDF.type):
        if cls in _CLASS_TO_SCHEME:
            return _CLASS_TO_SCHEME[cls]
    return None


def _labels(g: Graph, subject: URIRef, prop: URIRef) -> list[str]:
    values = [o for o in g.objects(subject, prop) if isinstance(o, Literal)]
    # English first, then the others, each sorted: a deterministic order whatever the parser did.
    values.sort(key=lambda o: (o.language not in (None, "en"), str(o)))
    return [str(v) for v in values]


def _all_labels(g: Graph, subject: URIRef, extra: Sequence[URIRef] = ()) -> list[str]:
    out: list[str] = []
    for prop in (SKOS.prefLabel, FOAF.name, RDFS.label, SKOS.altLabel, *extra):
        for v in _labels(g, subject, prop):
            if v not in out:
                out.append(v)
    return out


def _things(
    g: Graph,
    types: set[URIRef],
    kind: str,
    extra: Sequence[URIRef] = (),
    groups: dict[URIRef, str] | None = None,
) -> list[NamedThing]:
    subjects = sorted({s for t in types for s in g.subjects(RDF.type, t)})
    out = []
    for s in subjects:
        labels = _all_labels(g, s, extra)
        if not labels:
            continue
        group = g.value(s, GG.knownStakeholderGroup)
        out.append(
            NamedThing(
                iri=str(s),
                name=labels[0],
                labels=tuple(labels[1:]),
                stakeholder_group=(groups or {}).get(group) if group is not None else None,
                kind=kind,
            )
        )
    return out


def _date(value: object, *, end: bool = False) -> dt.date | None:
    """An ISO date, year-month or year; a partial end date means the last day of its period."""
    if value is None:
        return None
    text = str(value)
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = int(text[:4]), int(text[5:7])
            if end:
                nxt = dt.date(year + month // 12, month % 12 + 1, 1)
                return nxt - dt.timedelta(days=1)
            return dt.date(year, month, 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The project's lexicon: every scheme of ``ontology/schemes`` and ``data/reference``, loaded once."""
    return Lexicon.from_dirs(paths.SCHEMES_DIR, paths.REFERENCE_DIR)


# The stakeholder-group concept a source may state but the multistakeholder model does not count as a
# group of its own (NETmundial's "Other" sector).
OTHER_GROUP = "Other"


def stakeholder_groups() -> tuple[str, ...]:
    """The stakeholder groups of the extraction contract, as the SKOS scheme's notations (without
    ``Other``), in the scheme's order: the one list analyses and generators use."""
    return tuple(c.notation for c in get_lexicon().concepts["stakeholder-group"] if c.notation != OTHER_GROUP)
