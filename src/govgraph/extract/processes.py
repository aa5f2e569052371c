"""Process and instrument mentions: which UN / multistakeholder processes a text names, and which run.

Every mention is normalised to the process concept (its ``skos:notation``: ``OEWG``, ``GGE``, ``AHC``
…) *and*, where the text's date allows, to the process instance meant (``oewg-2019-2021``). The
labels come from ``ontology/schemes/processes.ttl``, the instances and their dates from
``data/reference/processes.ttl`` (through :mod:`govgraph.extract.lexicon`).

How an instance is chosen for one occurrence, first rule that decides wins:

0. the words name one instance: a label of that instance in the reference data, or a review number
   ("WSIS+20", "NETmundial+10") only that instance's labels carry;
1. a hidden label (``the Roadmap``, ``the Committee``) takes the instance of the nearest visible
   mention of the same process (it refers back to it); without one it is not a mention at all,
   unless it is written as a name (its last word capitalised) in a sentence that names a process
   of the same lineage ("the Global Mechanism that follows the OEWG": the permanent mechanism
   succeeds the OEWG 2021–2025 in the reference data), which resolves it by the rules below;
2. a process with a single instance: that instance;
3. a year written in the same sentence that falls in exactly one instance ("the 2015 consensus
   report" of the GGE → the GGE 2014–2015);
4. the text's date (``date``, else ``year``): the one instance running then; if none runs then but
   a link of the process's own lineage does (an instance of another process that follows one of
   its instances and is followed by another, ``Lexicon.chain_links``) *and the word after the
   label is a word of that link's labels* ("the WSIS review" in a 2015 text: the WSIS+10 review,
   a mention of ``WSIS+10``), that link; otherwise the latest instance that started before it (the
   text looks back: "the WSIS principles" in 2014 are the summit's). Rule 3 takes a link on the
   year alone ("the WSIS process in 2015");
5. otherwise ``None`` — never a guess.

The Convention and the body negotiating it are told apart: the convention's name governed by a
process that works towards it ("a new UN process … mandated with working towards a possible
comprehensive international convention on countering the use of ICTs for criminal purposes") is a
mention of the negotiating committee (``AHC``), not of the convention (``UNCC``).

Instruments that are not processes (the Budapest Convention, GA resolutions such as
``A/RES/73/27``) are :class:`~govgraph.records.InstrumentMention` s: labels from the reference data's
``gg:Instrument`` individuals, plus any GA resolution symbol (``A/RES/73/27``, "resolution 73/27").

Public API: :func:`find_process_mentions`, :func:`find_instrument_mentions`, :func:`find_mentions`,
:func:`resolve_instance`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from govgraph.extract.lexicon import Lexicon, Match, ProcessInstance, get_lexicon, label_key
from govgraph.extract.normalise import NormalisedText, identity
from govgraph.records import InstrumentMention, ProcessMention

__all__ = ["find_instrument_mentions", "find_mentions", "find_process_mentions", "resolve_instance"]

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
# A GA resolution by symbol or by "resolution 73/27"; the number pair is what identifies it.
# The left edges are tested after the first letter ("A" not after a word character or "/", "R" not
# after a word character: the same as a lookbehind in front), so the pattern opens with a literal
# and the regex engine skips to the "A"s and "R"s of a text instead of trying every position.
_RESOLUTION = re.compile(
    r"A(?<![\w/]A)/RES/(\d{1,3})/(\d{1,4})(?![\w/])|[Rr](?<!\w[Rr])esolutions?\s+(\d{2,3})/(\d{1,4})(?![\w/])"
)
# A process noun followed closely by words of working towards/negotiating: the convention named
# right after it is the object of that process (the AHC), not the convention itself. A "draft"
# convention is the UNCC itself (DESIGN: the convention, draft or adopted).
_NEGOTIATING = re.compile(
    r"\b(?:process|committee|negotiations?|body)\b[^.\n]{0,80}?"
    r"\b(?:towards?|elaborat\w*|negotiat\w*)\b(?![^.\n]*\bdraft\b)[^.\n]{0,40}$",
    re.IGNORECASE,
)
_PLUS = re.compile(r"\+\s*(\d{1,2})\b")
_CONVENTION = "UNCC"
_NEGOTIATOR = "AHC"


@dataclass(frozen=True)
class _Hit:
    process: str
    instance: str | None
    start: int
    end: int
    surface: str
    hidden: bool = False


def _as_nt(text: NormalisedText | str) -> NormalisedText:
    return text if isinstance(text, NormalisedText) else identity(text)


def _to_date(date: str | dt.date | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(
        text.rfind(".", 0, start), text.rfind("\n", 0, start), text.rfind("?", 0, start), text.rfind("!", 0, start)
    )
    m = _SENTENCE_END.search(text, end)
    return left + 1, (m.start() if m else len(text))


def _instance_by_surface(process: str, surface: str, lexicon: Lexicon) -> str | None:
    """The instance the words themselves name: a label of exactly one instance ("Global Multistakeholder
    Meeting on the Future of Internet Governance" is NETmundial 2014) or a "+N" review number that
    exactly one instance's labels carry ("WSIS+20", "NETmundial+10")."""
    instances = lexicon.instances_of(process)
    key = label_key(surface).casefold()
    named = [i for i in instances if any(label_key(lb).casefold() == key for lb in i.labels)]
    if len(named) == 1:
        return named[0].local_name
    plus = _PLUS.search(surface)
    if plus is not None:
        tagged = [i for i in instances if any(f"+{plus[1]}" in lb.replace(" ", "") for lb in i.labels)]
        if len(tagged) == 1:
            return tagged[0].local_name
    return None


def resolve_instance(
    process: str,
    *,
    lexicon: Lexicon | None = None,
    years_in_sentence: list[int] | None = None,
    date: str | dt.date | None = None,
    year: int | None = None,
    next_word: str | None = None,
) -> str | None:
    """The instance (local name) of ``process`` an occurrence means, by rules 2–5 of the module doc.

    ``next_word`` is the word written right after the occurrence ("review" in "the WSIS review").
    """
    lex = lexicon or get_lexicon()
    instances = lex.instances_of(process)
    if not instances:
        return None
    if len(instances) == 1:
        return instances[0].local_name
    for y in years_in_sentence or ():
        covering = [i for i in instances if i.covers_year(y)]
        if len(covering) == 1:
            return covering[0].local_name
        if not covering and (link := _link(process, lex, lambda i, y=y: i.covers_year(y))) is not None:
            return link
    day = _to_date(date)
    if day is not None:
        if (
            not any(i.active_on(day) for i in instances)
            and (link := _link(process, lex, lambda i: i.active_on(day), next_word)) is not None
        ):
            return link
        return _pick(instances, lambda i: i.active_on(day), lambda i: i.start is not None and i.start <= day)
    if year is not None:
        if (
            not any(i.covers_year(year) for i in instances)
            and (link := _link(process, lex, lambda i: i.covers_year(year), next_word)) is not None
        ):
            return link
        return _pick(instances, lambda i: i.covers_year(year), lambda i: i.start is not None and i.start.year <= year)
    return None


def _anchored(m: Match, matches: Sequence[Match], text: str, lexicon: Lexicon) -> bool:
    """Whether a hidden label written as a name shares its sentence with a visible mention of a
    process of the same lineage (rule 1)."""
    words = m.surface.split()
    if not words or not words[-1][:1].isupper():
        return False
    neighbours = lexicon.lineage_neighbours(m.notation)
    s0, s1 = _sentence(text, m.start, m.end)
    return any(not x.hidden and x.notation in neighbours and s0 <= x.start < s1 for x in matches)


def _link(process: str, lexicon: Lexicon, running, next_word: str | None = "") -> str | None:
    """The one link of ``process``'s lineage that runs then (rules 3 and 4), else ``None``.

    By the text's date (``next_word`` not ``""``) the word after the label must be a word of the
    link's labels other than the processes' names ("review" of "WSIS+10 review").
    """
    links = [i for i in lexicon.chain_links(process) if running(i)]
    if len(links) != 1:
        return None
    if next_word != "":
        # The words of the link's labels beyond the process's name: "review" of "WSIS+10 review".
        words = {w for lb in links[0].labels for w in _words(lb)} - _words(process) - _words(links[0].process)
        if (next_word or "").casefold() not in words:
            return None
    return links[0].local_name


def _words(label: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", label)}


_NEXT_WORD = re.compile(r"[\s\-–]*([^\W\d_]+)")


def _process_of(process: str, instance: str | None, lexicon: Lexicon) -> str:
    """The process an occurrence is of once its instance is known: a link of the lineage is of its own
    process (``WSIS`` in 2015 → the ``WSIS+10`` review)."""
    pi = lexicon.instance(instance) if instance else None
    return pi.process if pi is not None else process


def _pick(instances: list[ProcessInstance], running, started) -> str | None:
    active = [i for i in instances if running(i)]
    if len(active) == 1:
        return active[0].local_name
    if active:
        return None  # two runs overlap the date: ambiguous, never a guess
    before = [i for i in instances if started(i)]
    return before[-1].local_name if before else None


def _scan(
    nt: NormalisedText,
    year: int | None,
    date: str | dt.date | None,
    lexicon: Lexicon,
    start: int,
    end: int | None,
    context: frozenset[str],
    exclude: Sequence[tuple[int, int]] = (),
) -> tuple[list[_Hit], list[tuple[str, int, int, str]]]:
    text = nt.text
    stop = len(text) if end is None else end
    instruments: list[tuple[str, int, int, str]] = [
        (m.notation, m.start, m.end, m.surface) for m in lexicon.instruments_matcher.find(text, start=start, end=stop)
    ]
    for m in _RESOLUTION.finditer(text, start, stop):
        session, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if not any(s <= m.start() < e for _, s, e, _ in instruments):
            instruments.append((f"a-res-{int(session)}-{int(number)}", m.start(), m.end(), m.group()))
    instruments.sort(key=lambda t: t[1])

    # Where an instrument's name and a process label overlap, the longer words win: the
    # "Budapest Convention" is no hidden "Convention" of the UNCC, and the OEWG's full title holds
    # the title of its mandating resolution.
    found = lexicon.processes.find(text, hidden=True, start=start, end=stop)
    spans = sorted(
        [(m.start, m.end, "p", i) for i, m in enumerate(found)]
        + [(s, e, "i", i) for i, (_, s, e, _) in enumerate(instruments)],
        key=lambda t: (t[0], -(t[1] - t[0])),
    )
    kept: set[tuple[str, int]] = set()
    last_end = -1
    for s, e, kind, i in spans:
        if any(xs <= s < xe for xs, xe in exclude):
            continue  # a part of the page that is not its text (a session code, boilerplate)
        if s >= last_end:
            kept.add((kind, i))
            last_end = e
    matches: list[Match] = [m for i, m in enumerate(found) if ("p", i) in kept]
    instruments = [t for i, t in enumerate(instruments) if ("i", i) in kept]
    visible = {m.notation for m in matches if not m.hidden} | context
    hits: list[_Hit] = []
    anchored: set[int] = set()  # starts of hidden labels a related process in their sentence anchors
    for m in matches:
        if m.hidden and m.notation not in visible:
            if not _anchored(m, matches, text, lexicon):
                continue
            anchored.add(m.start)
        process = m.notation
        if process == _CONVENTION and not m.hidden:
            s0, _ = _sentence(text, m.start, m.end)
            if _NEGOTIATING.search(text, s0, m.start):
                process = _NEGOTIATOR
        if m.hidden:
            hits.append(_Hit(process, None, m.start, m.end, m.surface, True))  # resolved below
            continue
        instance = _instance_by_surface(process, m.surface, lexicon)
        if instance is None:
            s0, s1 = _sentence(text, m.start, m.end)
            years = [int(y) for y in _YEAR.findall(text, s0, s1)]
            nxt = _NEXT_WORD.match(text, m.end, min(m.end + 40, len(text)))
            instance = resolve_instance(
                process,
                lexicon=lexicon,
                years_in_sentence=years,
                date=date,
                year=year,
                next_word=nxt.group(1) if nxt else None,
            )
            process = _process_of(process, instance, lexicon)
        hits.append(_Hit(process, instance, m.start, m.end, m.surface))
    # Hidden labels refer back to the nearest visible mention of their process (else forward).
    resolved: list[_Hit] = []
    for i, h in enumerate(hits):
        if h.hidden:
            before = [x for x in hits[:i] if x.process == h.process and not x.hidden]
            after = [x for x in hits[i + 1 :] if x.process == h.process and not x.hidden]
            ref = before[-1] if before else (after[0] if after else None)
            if ref is None:
                if h.process not in context and h.start not in anchored:
                    continue
                instance = resolve_instance(h.process, lexicon=lexicon, date=date, year=year)
            else:
                instance = ref.instance
            h = _Hit(_process_of(h.process, instance, lexicon), instance, h.start, h.end, h.surface, True)
        resolved.append(h)
    return resolved, instruments


def find_mentions(
    text: NormalisedText | str,
    year: int | None = None,
    *,
    date: str | dt.date | None = None,
    lexicon: Lexicon | None = None,
    start: int = 0,
    end: int | None = None,
    context: frozenset[str] | set[str] = frozenset(),
    exclude: Sequence[tuple[int, int]] = (),
) -> tuple[list[ProcessMention], list[InstrumentMention]]:
    """Process and instrument mentions of ``text[start:end]`` in one pass (see the two functions).

    ``exclude`` lists ``(start, end)`` ranges of the text whose words are not the document's own
    (a session code, schedule boilerplate): labels starting there are not mentions.
    """
    nt = _as_nt(text)
    lex = lexicon or get_lexicon()
    hits, instruments = _scan(nt, year, date, lex, start, end, frozenset(context), exclude)
    # Occurrences left without an instance belong to the one run the same text resolves elsewhere
    # ("NETmundial 2014" … "the Global Multistakeholder Meeting"): the text speaks of one run.
    runs: dict[str, set[str]] = {}
    for h in hits:
        if h.instance is not None:
            runs.setdefault(h.process, set()).add(h.instance)
    groups: dict[tuple[str, str | None], list[_Hit]] = {}
    for h in hits:
        instance = h.instance
        if instance is None and len(runs.get(h.process, ())) == 1:
            instance = next(iter(runs[h.process]))
        groups.setdefault((h.process, instance), []).append(h)
    processes: list[ProcessMention] = []
    order: dict[int, int] = {}
    for (process, instance), group in groups.items():
        # Surface and evidence from the first unambiguous occurrence, if any; all are counted.
        first = next((h for h in group if not h.hidden), group[0])
        processes.append(
            ProcessMention(
                process=process,
                instance=instance,
                surface=first.surface,
                occurrences=len(group),
                evidence=nt.span(first.start, first.end),
            )
        )
        order[id(processes[-1])] = group[0].start
    # In the order the text first names them (a hidden label in a title counts for the order).
    processes.sort(key=lambda m: order[id(m)])
    found: dict[str, InstrumentMention] = {}
    for local, s, e, surface in instruments:
        if local in found:
            found[local].occurrences += 1
        else:
            found[local] = InstrumentMention(local, surface, 1, nt.span(s, e))
    return processes, list(found.values())


def find_process_mentions(
    text: NormalisedText | str,
    year: int | None = None,
    *,
    date: str | dt.date | None = None,
    lexicon: Lexicon | None = None,
    start: int = 0,
    end: int | None = None,
    context: frozenset[str] | set[str] = frozenset(),
    exclude: Sequence[tuple[int, int]] = (),
) -> list[ProcessMention]:
    """The processes ``text[start:end]`` names: one mention per (process, instance), in text order.

    ``year``/``date`` are the text's own date (a page's event date), used to pick the instance.
    ``context`` holds process notations known from outside the span (e.g. the document's), which
    let hidden labels count. Each mention carries the first occurrence's surface form and evidence
    span (the whole original line) and how many times the span names it. Pass the
    :class:`NormalisedText` of a file to get spans into that file.
    """
    return find_mentions(
        text, year, date=date, lexicon=lexicon, start=start, end=end, context=context, exclude=exclude
    )[0]


def find_instrument_mentions(
    text: NormalisedText | str,
    *,
    lexicon: Lexicon | None = None,
    start: int = 0,
    end: int | None = None,
) -> list[InstrumentMention]:
    """The instruments (not processes) ``text[start:end]`` names, one mention per instrument."""
    return find_mentions(text, lexicon=lexicon, start=start, end=end)[1]
