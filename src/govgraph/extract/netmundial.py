"""Reader for the NETmundial 2014 contributions (genre ``netmundial-contribution``).

A contribution is a pair of files: ``NNNA.txt`` holds the title, a metadata block and the abstract;
``NNNB.txt`` the full text (``data/corpus/netmundial2014/SOURCE.md``). The metadata block::

    <title, one or more lines; the last may run into "Area:">
    Area: <track, may wrap>            Entitled by: <submitters, may wrap>
    Region: <as published>             Organization: <may wrap>
    Sector: <stakeholder group>        Keywords: <may wrap>
    Doc Attached: ...                  Abstract

gives one :class:`~govgraph.records.Contribution` to the meeting ``netmundial-2014``. Track and
sector are looked up in the SKOS schemes (through :mod:`govgraph.extract.lexicon`); the region is
kept as published and resolved to ISO alpha-3 codes through the states' labels of the reference
data, tolerating characters the publisher lost ("Sngal", "People?s Republic of China"). Every fact
carries the evidence span of the line that states it. Process mentions come from the title and the
abstract of the A file and from the B file, dated 2014 (the meeting's year). A contribution written
for the meeting may name it only by its venue: "the meeting in São Paulo", "this Sao Paulo meeting",
"the discussions in Sao Paulo" are the meeting itself (:func:`venue_mentions`; the venue is the
reference data's ``schema:location`` of the meeting's instance, written with or without its accents
or with a character the publisher lost). This holds in this genre only, where every text is a
contribution to that meeting: elsewhere a meeting in São Paulo is just a meeting in São Paulo.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from govgraph import paths
from govgraph.extract import processes
from govgraph.extract.lexicon import Lexicon, get_lexicon, label_key
from govgraph.extract.normalise import NormalisedText, evidence_span, normalise_file
from govgraph.records import (
    Contribution,
    Document,
    Organisation,
    Participant,
    ProcessMention,
    SourceDocument,
    SourceFile,
    Span,
)
from govgraph.vocab import GG

__all__ = [
    "GENRE",
    "MEETING",
    "YEAR",
    "NetmundialReader",
    "StateIndex",
    "canonical_person_name",
    "get_state_index",
]

GENRE = "netmundial-contribution"
MEETING = "netmundial-2014"
YEAR = 2014  # the contributions were submitted for NETmundial, April 2014; they state no other date

_FIELDS = {
    "area": "area",
    "entitled by": "entitled",
    "region": "region",
    "organization": "organization",
    "organisation": "organization",
    "sector": "sector",
    "keywords": "keywords",
    "key words": "keywords",
    "doc attached": "doc",
}
_FIELD_LINE = re.compile(
    r"^[ \t]*(?P<label>Entitled by|Region|Organi[sz]ation|Sector|Key ?words|Doc Attached)[ \t]*:", re.I
)
# "Area:" may be glued to the end of the title's last line ("…perspectiveArea: COMBINED …").
_AREA = re.compile(r"Area[ \t]*:")
_ABSTRACT_LINE = re.compile(r"^[ \t]*Abstract[ \t]*$")
_DOCUMENT_LINE = re.compile(r"^[ \t]*Document[ \t]*$")
_GLUED_ABSTRACT = re.compile(r"Abstract[ \t]*$")

# Generic nouns that make a name an organisation's ("U.S. Department of State", "Norwegian
# government", "IEEE Standards Association"). Types of body, not names of any body.
_ORGANISATION_WORDS = re.compile(
    r"\b(?:ministry|ministries|ministère|ministerio|minist[ée]rio|department|government|gouvernement|"
    r"organi[sz]ations?|association|associa[çc][ãa]o|panel|council|committee|commission|comit[eé]|"
    r"institute|institut|instituto|institution|university|universit[éy]|universidad|universidade|"
    r"society|soci[ée]t[ée]|foundation|fondation|coalition|group|agency|office|union|cent(?:er|re)|"
    r"forum|network|alliance|federation|chamber|secretariat|authority|directorate|corporation|"
    r"company|inc|ltd|llc|gmbh|s\.a|ag|bureau|board|caucus|consortium|initiative|project|"
    r"partnership|league|parliament|embassy|mission|delegation|registry|registrar)\b\.?",
    re.I,
)
# Courtesy titles written before a name, and degrees written after it: dropped from the name.
_HONORIFIC = re.compile(
    r"^(?:(?:mr|mrs|ms|mx|miss|dr|prof|professor|sir|dame|h\.\s?e|hon|amb|ambassador|eng|ing)\.?\s+)+",
    re.I,
)
_DEGREE = re.compile(r"^(?:ph\.?\s?d|d\.?phil|m\.?sc|m\.?a|b\.?a|ll\.?[bm]|m\.?d|mba|m\.?phil|esq|jr|sr)\.?$", re.I)
# Values meaning "no organisation": placeholders, e-mail addresses, individual capacities.
_NO_VALUE = re.compile(r"^(?:n/?a|none|nil|null|-+|\.+|not applicable)$", re.I)
_EMAIL = re.compile(r"^\S+@\S+\.\S+$")
_INDIVIDUAL = re.compile(r"^(?:personal|individual|individial|independent|private)\b", re.I)
_LIST_SEPARATOR = re.compile(r"\s*;\s*|\s*,\s*|\s+(?:and|&)\s+|\s*&\s*")


# -- values with their offsets --------------------------------------------------------------------


@dataclass
class _Value:
    """A field value joined from its lines, with each character's offset in the normalised text."""

    text: str = ""
    offsets: list[int] = field(default_factory=list)  # -1 for a space inserted between lines
    lines: list[tuple[int, int]] = field(default_factory=list)  # normalised (start, end) per line

    def add(self, nt_text: str, start: int, end: int) -> None:
        while start < end and nt_text[start] in " \t":
            start += 1
        while end > start and nt_text[end - 1] in " \t":
            end -= 1
        if start >= end:
            return
        self.lines.append((start, end))
        # A word broken at a hyphen ("Free-Libre-Open-" / "Source-Software") joins without a blank.
        hyphen_break = self.text.endswith("-") and len(self.text) > 1 and self.text[-2].isalnum()
        if self.text and not hyphen_break:
            self.text += " "
            self.offsets.append(-1)
        self.text += nt_text[start:end]
        self.offsets.extend(range(start, end))

    def locate(self, start: int, end: int) -> tuple[int, int] | None:
        """The normalised span of ``text[start:end]``."""
        inside = [o for o in self.offsets[start:end] if o >= 0]
        return (inside[0], inside[-1] + 1) if inside else None


@dataclass
class _Block:
    title: _Value
    fields: dict[str, _Value]
    end: int  # normalised offset where the abstract starts


def _parse_block(nt: NormalisedText) -> _Block | None:
    text = nt.text
    area = _AREA.search(text)
    first_field = next((line for line in nt.lines if _FIELD_LINE.match(line.text)), None)
    if area is not None and first_field is not None and first_field.start < area.start():
        area = None  # an "Area:" after the block (in the abstract) is not the track field
    if area is None and first_field is None:
        return None
    if area is not None:
        block_start = area.start()
    else:
        assert first_field is not None
        block_start = first_field.start
    title = _Value()
    fields: dict[str, _Value] = {}
    current: str | None = "area" if area is not None else None
    end = len(text)
    for line in nt.lines:
        if line.end <= block_start and not (area is None and line.start == block_start):
            title.add(text, line.start, line.end)
            continue
        if area is not None and line.start <= area.start() < line.end + 1:
            title.add(text, line.start, area.start())
            fields["area"] = value = _Value()
            value.add(text, area.end(), line.end)
            continue
        if _ABSTRACT_LINE.match(line.text) or _DOCUMENT_LINE.match(line.text):
            end = line.end
            break
        m = _FIELD_LINE.match(line.text)
        if m:
            current = _FIELDS[" ".join(m["label"].lower().split())]
            glued = _GLUED_ABSTRACT.search(line.text) if current == "doc" else None
            value = fields.setdefault(current, _Value())
            value.add(text, line.start + m.end(), line.start + (glued.start() if glued else len(line.text)))
            if glued:
                end = line.end
                break
            continue
        if not line.text.strip():
            current = None if current in ("keywords", "doc") else current
            continue
        if current is None or current == "doc":
            end = line.start  # text after the block that is not a field: the abstract, unlabelled
            break
        fields[current].add(text, line.start, line.end)
    return _Block(title, fields, end)


# -- states ---------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _place_key(text: str) -> str:
    """Case, accents, quotes, "&" and the article "the" do not distinguish place names."""
    text = _fold(text).translate(str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})).lower()
    text = text.replace("&", " and ")
    text = re.sub(r"[^a-z0-9'? ]+", " ", text)
    return " ".join(w for w in text.split() if w != "the")


@dataclass
class StateIndex:
    """States by every label the reference data gives them, for resolving a region field."""

    keys: dict[str, set[str]]  # place key -> ISO alpha-3 codes
    regional_groups: dict[str, str]  # ISO alpha-3 -> regional-group notation
    names: dict[str, str]  # ISO alpha-3 -> name

    @classmethod
    def from_graph(cls, graph: Graph, lexicon: Lexicon | None = None) -> StateIndex:
        """Index the ``gg:State`` individuals of ``graph`` (``gg:isoCode``, names, regional group)."""
        lexicon = lexicon or get_lexicon()
        group_notation = {c.iri: c.notation for c in lexicon.concepts.get("regional-group", [])}
        keys: dict[str, set[str]] = {}
        groups: dict[str, str] = {}
        names: dict[str, str] = {}
        for state in sorted(set(graph.subjects(RDF.type, GG.State))):
            code = graph.value(state, GG.isoCode)
            iso = str(code).upper() if code is not None else str(state).rsplit("/", 1)[-1].upper()
            labels = sorted(
                {
                    str(o)
                    for p in (FOAF.name, SKOS.prefLabel, SKOS.altLabel, RDFS.label)
                    for o in graph.objects(state, p)
                }
            )
            if not labels:
                continue
            names[iso] = str(graph.value(state, FOAF.name) or labels[0])
            group = graph.value(state, GG.regionalGroup)
            if group is not None:
                notation = graph.value(group, SKOS.notation)
                groups[iso] = str(notation) if notation is not None else group_notation.get(str(group), "")
            for label in labels:
                for variant in _label_variants(label):
                    keys.setdefault(_place_key(variant), set()).add(iso)
        keys.pop("", None)
        return cls(keys, {k: v for k, v in groups.items() if v}, names)

    def lookup(self, segment: str) -> str | None:
        """The ISO alpha-3 code a place name denotes, or ``None`` (unknown or ambiguous)."""
        key = _place_key(segment)
        if not key:
            return None
        exact = self.keys.get(key)
        if exact is not None:
            return next(iter(exact)) if len(exact) == 1 else None
        if "?" in key:
            # "?" stands for a character the publisher could not encode (’, ł, ã …).
            pattern = re.compile(re.escape(key).replace(r"\?", ".{0,2}"))
            return self._unique(k for k in self.keys if pattern.fullmatch(k))
        lost = self._unique(k for k in self.keys if _lost_letters(key, k))
        if lost:
            return lost
        # "Islamic Republic of Iran", "People's Republic of China": the form of state before a
        # name the reference data knows; only when the full form itself is not a label.
        short = re.sub(
            r"^(?:(?:people'?s|islamic|democratic|federal|federative|united|arab|socialist)"
            r" )*(?:republic|kingdom|state|federation|commonwealth) of ",
            "",
            key,
        )
        if short != key and short in self.keys and len(self.keys[short]) == 1:
            return next(iter(self.keys[short]))
        return None

    def _unique(self, keys: Iterable[str]) -> str | None:
        codes = {code for k in keys for code in self.keys[k]}
        return codes.pop() if len(codes) == 1 else None

    def countries(self, region: str) -> list[str]:
        """ISO alpha-3 codes of the states a region field names, in the order written.

        The field is split at commas, semicolons and slashes ("Italy, Brazil", "USA / Poland") and,
        when a part is no state as a whole ("Trinidad and Tobago" is), at "and". World regions,
        "Global", cities and free text give nothing.
        """
        found: list[str] = []
        for part in re.split(r"\s*[,;/]\s*|\s+-\s+", region):
            code = self.lookup(part)
            codes = (
                [code]
                if code
                else [c for p in re.split(r"\s+and\s+", part, flags=re.I) if p != part and (c := self.lookup(p))]
            )
            for c in codes:
                if c not in found:
                    found.append(c)
        return found


def _label_variants(label: str) -> list[str]:
    variants = [label]
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", label)  # "Iran (Islamic Republic of)"
    if m:
        variants += [f"{m[2]} {m[1]}", m[1]]
    m = re.fullmatch(r"([^,]+),\s*(.+)", label)  # "Korea, Republic of"
    if m:
        variants.append(f"{m[2]} {m[1]}")
    # As published with its non-ASCII letters lost: "Sénégal" -> "Sngal", "São Tomé" -> "So Tom".
    variants += [v2 for v in list(variants) if (v2 := "".join(c for c in v if ord(c) < 128)) != v]
    return variants


def _lost_letters(segment: str, label: str) -> bool:
    """``segment`` is ``label`` with at most two vowels lost (accented letters are mostly vowels)."""
    if len(segment) < 5 or not 0 < len(label) - len(segment) <= 2 or segment[0] != label[0]:
        return False
    i = 0
    for ch in label:
        if i < len(segment) and segment[i] == ch:
            i += 1
        elif ch not in "aeiouy":
            return False
    return i == len(segment)


@lru_cache(maxsize=1)
def get_state_index() -> StateIndex:
    """The states of the project's reference data (``data/reference/*.ttl``), loaded once."""
    graph = Graph()
    states_file = paths.REFERENCE_DIR / "states.ttl"
    files = [states_file] if states_file.is_file() else sorted(Path(paths.REFERENCE_DIR).glob("*.ttl"))
    for f in files:
        graph.parse(f, format="turtle")
    return StateIndex.from_graph(graph)


# -- names ----------------------------------------------------------------------------------------


def _title_case(token: str) -> str:
    # "POUZIN" -> "Pouzin", "O'FLAHERTY" -> "O'Flaherty"; one-letter parts are initials ("J-F").
    parts = re.split(r"([-'’])", token)
    return "".join(p[0].upper() + p[1:].lower() if len(p) > 1 and p.isalpha() else p for p in parts)


def _all_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def canonical_person_name(raw: str) -> str:
    """A person's name as the graph writes it: given name first, NFC, no courtesy title or degree.

    Names written in capitals are put in title case ("Louis POUZIN" -> "Louis Pouzin"); a surname
    written first in capitals before a given name that is not ("TSHISHIMBI Etienne") moves last.
    Characters the publisher lost stay lost ("Sen Siochr"): nothing is guessed back.

    >>> canonical_person_name("Mrs. Mary Uduma")
    'Mary Uduma'
    >>> canonical_person_name("TSHISHIMBI Etienne")
    'Etienne Tshishimbi'
    """
    name = " ".join(unicodedata.normalize("NFC", raw).split()).strip(" ,;")
    name = _HONORIFIC.sub("", name)
    tokens = [t for t in name.split() if not _DEGREE.match(t.strip(","))]
    tokens = [t.rstrip(",") for t in tokens]
    if not tokens:
        return name
    caps = [_all_caps(t) for t in tokens]
    if len(tokens) >= 2 and caps[0] and not all(caps) and not any(caps[1:]):
        tokens = tokens[1:] + tokens[:1]
        caps = caps[1:] + caps[:1]
    return " ".join(_title_case(t) if c else t for t, c in zip(tokens, caps, strict=True))


def _is_organisation_name(name: str, organisation: str | None, lexicon: Lexicon) -> bool:
    if organisation and label_key(name).casefold() == label_key(organisation).casefold():
        return True
    if lexicon.known_actor(name) is not None:
        return True
    return bool(_ORGANISATION_WORDS.search(name))


@dataclass
class _Name:
    text: str  # as published
    start: int  # offsets in the joined field value
    end: int
    kind: str
    title: str | None = None


def _split_names(value: str, organisation: str | None, full_texts: Sequence[str], lexicon: Lexicon) -> list[_Name]:
    """The submitters of an ``Entitled by`` field: one organisation, or people with their titles."""
    text = value.strip()
    if not text:
        return []
    if _is_organisation_name(text, organisation, lexicon):
        return [_Name(text, 0, len(text), "organisation")]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for m in _LIST_SEPARATOR.finditer(text):
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, len(text)))
    names: list[_Name] = []
    in_title = False
    for start, end in pieces:
        piece = text[start:end].strip()
        if not piece:
            continue
        if _DEGREE.match(piece):
            continue  # "Susan Ariel Aaronson, Ph.D."
        if names and (in_title or len(piece.split()) == 1):
            # A one-word part after a name is a position ("Michael Walma, Director, Policy
            # Planning"): it and everything after it is that person's title.
            last = names[-1]
            last.title = f"{last.title}, {piece}" if last.title else piece
            in_title = True
            continue
        kind = "organisation" if _is_organisation_name(piece, organisation, lexicon) else "person"
        if kind == "person":
            names.extend(_Name(text[s:e], s, e, kind) for s, e in _segment_run(text, start, end, full_texts))
        else:
            names.append(_Name(piece, start, end, kind))
    return names


def _segment_run(text: str, start: int, end: int, full_texts: Sequence[str]) -> list[tuple[int, int]]:
    """Split a run of several names written without separators, as the document itself writes them.

    "Roberto Uzal Daniel Riesco Germán Montejano" is three people: the full text prints the same
    words with marks between the names ("Roberto Uzal (*) Daniel Riesco (*) Germán Montejano").
    A run of at most four words, or one the text never separates, stays one name.
    """
    tokens = list(re.finditer(r"\S+", text[start:end]))
    if len(tokens) < 5:
        return [(start, end)]
    words = [t.group() for t in tokens]
    pattern = re.compile(
        r"(?<!\w)"
        + "".join(re.escape(w) + (r"([^\w\n]{1,12}?)" if i < len(words) - 1 else "") for i, w in enumerate(words))
        + r"(?!\w)"
    )
    # The first place where the text separates the words decides; a place that prints them with
    # blanks only (the metadata line itself) says nothing.
    for full in full_texts:
        for m in pattern.finditer(full):
            cuts = [i + 1 for i, gap in enumerate(m.groups()) if gap.strip()]
            if cuts:
                bounds = [0, *cuts, len(words)]
                return [(start + tokens[a].start(), start + tokens[b - 1].end()) for a, b in pairwise(bounds)]
    return [(start, end)]


def _is_acronym_of(acronym: str, name: str) -> bool:
    """Whether ``acronym`` spells the initials of ``name`` ("OECD" for "Organisation for Economic
    Co-Operation and Development"; small words may be left out)."""
    letters = re.sub(r"[^A-Za-z]", "", acronym)
    if len(letters) < 2 or " " in acronym.strip() or not letters.isupper():
        return False
    initials = [w[0].upper() for w in name.split() if w[0].isalpha()]
    significant = [w[0].upper() for w in name.split() if w[0].isupper()]
    return letters.upper() in ("".join(initials), "".join(significant))


# A position written where the organisation is expected: generic words for a post, not names.
_POSITION = re.compile(
    r"^(?:executive\s+director|director(?:\s*/\s*head)?|head|deputy|coordinator|professor|lecturer|"
    r"chair(?:man|person|woman)?|president|vice[- ]president|ceo|cto|manager|officer|secretary[- ]general|"
    r"adviser|advisor|counsel(?:l?or)?|researcher|consultant)\b",
    re.I,
)


def _organisation_and_position(value: str) -> tuple[str | None, str | None]:
    """The organisation an ``Organization:`` field names and a position it states before it, if any.

    "Executive Director - Argentina Internet Association (CABASE)" gives both; "Professor at IST of
    University of Lisbon, Portugal; Panelist of …" gives the body after "at" and the rest as the
    position; "Coordinator for Internet Governance" is a position only.
    """
    text = _organisation(value)
    if text is None or not _POSITION.match(text):
        return text, None
    head, dash, body = text.partition(" - ")
    if dash and body.strip():
        return body.strip(), head.strip()
    m = re.match(r"(?P<post>[^;]+?)\s+at\s+(?P<body>[^;]+)(?:;\s*(?P<more>.+))?$", text)
    if m:
        post = m["post"] + (f"; {m['more']}" if m["more"] else "")
        return m["body"].strip(), post.strip()
    return None, text


def _organisation(value: str) -> str | None:
    text = re.sub(r"^\s*Organi[sz]ation\s*[-:]\s*", "", value, flags=re.I).strip(" ,;")
    if not text or _NO_VALUE.match(text) or _EMAIL.match(text):
        return None
    if _INDIVIDUAL.match(text) and not _ORGANISATION_WORDS.search(text):
        return None  # "Personal submission", "Independent Researcher": no body is named
    # "Just Net Coalition: This Coalition was formed at a meeting in Delhi …": the name, then a note.
    named, colon, note = text.partition(": ")
    if colon and named.strip() and len(note.split()) > 3:
        text = named.strip()
    return text


def _keywords(value: str) -> list[str]:
    text = re.sub(r"^\s*Key ?words\s*:\s*", "", value, flags=re.I).strip()
    if not text:
        return []
    if re.search(r"[;,]", text):
        parts = re.split(r"\s*[;,]\s*", text)
    elif re.search(r"\s-\s", text):
        parts = re.split(r"\s+-\s+", text)
    else:
        parts = [text]
    out: list[str] = []
    for part in parts:
        part = part.strip(" .")
        if part and part not in out:
            out.append(part)
    return out


# -- the reader -----------------------------------------------------------------------------------


class NetmundialReader:
    """Reads a NETmundial 2014 contribution (an A file and, usually, its B file)."""

    genre = GENRE

    def __init__(self, lexicon: Lexicon | None = None, states: StateIndex | None = None) -> None:
        self._lexicon = lexicon
        self._states = states

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = get_lexicon()
        return self._lexicon

    @property
    def states(self) -> StateIndex:
        if self._states is None:
            self._states = get_state_index()
        return self._states

    def read(self, source: SourceDocument) -> Document:
        """The contribution of ``source``; a document without a metadata block gives no contribution."""
        a_file, b_file = _pair(source.files)
        document = Document(id=source.id, collection=source.collection, genre=GENRE, files=list(source.files))
        if a_file is None:
            return document
        nt = normalise_file(a_file, dedupe=False)
        block = _parse_block(nt)
        if block is None:
            return document

        def spans(value: _Value | None) -> list[Span]:
            return [evidence_span(a_file, nt, s, e) for s, e in (value.lines if value else [])]

        def text_of(name: str) -> str | None:
            value = block.fields.get(name)
            return value.text.strip() if value and value.text.strip() else None

        lex = self.lexicon
        title = block.title.text.strip() or None
        area, sector_text, region = text_of("area"), text_of("sector"), text_of("region")
        organisation, position = _organisation_and_position(text_of("organization") or "")
        track = lex.matcher("track").lookup(area) if area else None
        sector = lex.stakeholder_group(sector_text) if sector_text else None
        countries = self.states.countries(region) if region else []
        inferred_group = self.states.regional_groups.get(countries[0]) if len(countries) == 1 else None

        # The B file (the full text) is normalised once: names are looked up in it and its processes read.
        b_nt = normalise_file(b_file) if b_file else None
        b_text = b_nt.text if b_nt else ""
        entitled = block.fields.get("entitled")
        names = _split_names(entitled.text, organisation, [b_text, nt.text], lex) if entitled else []
        people = [n for n in names if n.kind == "person"]
        if position and len(people) == 1 and people[0].title is None:
            # The field states the one submitter's position ("Executive Director - Argentina Internet
            # Association (CABASE)", "Coordinator for Internet Governance"), not only a body.
            people[0].title = position
        elif position:
            organisation = _organisation(text_of("organization") or "")  # nobody to give it to: as stated
        sector_spans = spans(block.fields.get("sector"))
        org_spans = spans(block.fields.get("organization")) if organisation or position else []
        region_spans = spans(block.fields.get("region"))
        contributors: list[Participant] = []
        for name in names:
            located = entitled.locate(name.start, name.end) if entitled else None
            name_spans = [evidence_span(a_file, nt, *located)] if located else spans(entitled)
            canonical = canonical_person_name(name.text) if name.kind == "person" else " ".join(name.text.split())
            if any(c.name == canonical for c in contributors):
                continue
            # An organisation submitting for itself is not its own affiliate ("Government of Sweden" /
            # "Government of Sweden"; "Organisation for Economic Co-Operation and Development" / "OECD").
            itself = (
                name.kind == "organisation"
                and organisation is not None
                and (canonical == organisation or _is_acronym_of(organisation, canonical))
            )
            affiliation = organisation if organisation and not itself else None
            contributors.append(
                Participant(
                    name=canonical,
                    kind="person" if name.kind == "person" else "organisation",
                    roles=["contributor"],
                    stakeholder_group=sector,
                    affiliation=affiliation,
                    title=name.title,
                    inferred_regional_group=inferred_group,
                    evidence=name_spans
                    + sector_spans
                    + (org_spans if affiliation or (position and name.title == position) else [])
                    + (region_spans if inferred_group else []),
                )
            )

        evidence = spans(block.title) + [
            s
            for key in ("area", "entitled", "region", "organization", "sector", "keywords")
            for s in spans(block.fields.get(key))
        ]
        contribution = Contribution(
            number=source.id.rsplit("/", 1)[-1],
            title=title,
            meeting=MEETING,
            contributors=contributors,
            organisation=organisation,
            sector=sector,
            region=region,
            countries=countries,
            track=track,
            keywords=_keywords(text_of("keywords") or ""),
            evidence=sorted(set(evidence), key=lambda s: (s.file, s.start, s.end)),
        )
        document.title = title
        document.contributions = [contribution]
        organisations: list[Organisation] = []
        for c in contributors:
            if c.kind == "organisation":
                acronym = organisation if organisation and _is_acronym_of(organisation, c.name) else None
                organisations.append(
                    Organisation(c.name, sector, acronym=acronym, evidence=c.evidence[0] if c.evidence else None)
                )
        if organisation and all(organisation not in (o.name, o.acronym) for o in organisations):
            organisations.insert(0, Organisation(organisation, sector, evidence=org_spans[0] if org_spans else None))
        document.organisations = organisations
        document.processes = self._processes(a_file, nt, block, b_file, b_nt)
        return document

    def _processes(
        self,
        a_file: SourceFile,
        nt: NormalisedText,
        block: _Block,
        b_file: SourceFile | None,
        b_nt: NormalisedText | None,
    ) -> list[ProcessMention]:
        """Processes named in the title and abstract of the A file and in the B file (2014)."""
        # The A file's abstract runs to its "Document" line; what follows repeats the B file.
        abstract_end = len(nt.text)
        for line in nt.lines:
            if line.start >= block.end and _DOCUMENT_LINE.match(line.text):
                abstract_end = line.start
                break
        if b_file is None:
            abstract_end = len(nt.text)
        found: list[ProcessMention] = []
        pieces: list[tuple[SourceFile, NormalisedText, int, int]] = []
        if block.title.lines:
            pieces.append((a_file, nt, block.title.lines[0][0], block.title.lines[-1][1]))
        pieces.append((a_file, nt, block.end, abstract_end))
        if b_file is not None and b_nt is not None:
            pieces.append((b_file, b_nt, 0, len(b_nt.text)))
        for _file, text, start, end in pieces:
            for mention in processes.find_process_mentions(text, YEAR, lexicon=self.lexicon, start=start, end=end):
                _merge_mention(found, mention)
            for mention in venue_mentions(text, self.lexicon, start=start, end=end):
                _merge_mention(found, mention)
        return found


# Words for a gathering ("the meeting", "the discussions") and what may stand between the article and
# them: up to six words, none an acronym in capitals ("the LACNIC meeting in São Paulo" is LACNIC's).
_GATHERING = r"(?:meeting|discussions?|conference|summit|gathering|event|deliberations?)"
_QUALIFIER = r"(?:(?!(?:the|this|that)\b)(?-i:(?![A-Z]{2,}\b))[\w-]+\s+){0,6}?"


@lru_cache(maxsize=8)
def _place(venue: str) -> str:
    """The regex of a venue's name as publishers write it: with or without its accents, or with a
    character lost."""
    units: list[str] = []
    for ch in unicodedata.normalize("NFC", venue):
        base = _fold(ch)
        if ch.isspace():
            units.append(r"\s+")
        elif base != ch:
            units.append(f"(?:{re.escape(ch)}|{re.escape(base)}|\\?)?")  # "São", "Sao", "S?o", "So"
        else:
            units.append(re.escape(ch))
    return "".join(units)


@lru_cache(maxsize=8)
def _venue_named(venue: str) -> re.Pattern[str]:
    """The venue's name alone, which every mention holds."""
    return re.compile(_place(venue), re.IGNORECASE)


@lru_cache(maxsize=8)
def _venue_pattern(venue: str) -> re.Pattern[str]:
    place = _place(venue)
    return re.compile(
        rf"\b(?:the|this|that)\s+{_QUALIFIER}{_GATHERING}\s+(?:[a-z]+\s+){{0,4}}?in\s+{place}\b"
        rf"|\b(?:the|this|that)\s+{place}\s+{_GATHERING}\b",
        re.IGNORECASE,
    )


# Where a mention of the venue can start: at an article (the first words of _venue_pattern).
_ARTICLE_AT = re.compile(r"\b(?=(?:the|this|that)\s)", re.IGNORECASE)
# The most words a mention writes before the venue's name: the article, six qualifiers, the
# gathering, four words and "in" (_venue_pattern).
_WORDS_BEFORE_VENUE = 13


def _venue_hits(venue: str, text: str, start: int, stop: int) -> list[re.Match[str]]:
    """``_venue_pattern(venue).finditer(text, start, stop)``, tried only where a mention can start.

    Searching the whole text tries the pattern's leading words at every article, a tenth of a
    contribution's reading time; yet every mention holds the venue's name, which most texts never
    write, and starts at most :data:`_WORDS_BEFORE_VENUE` words before it. Each name found gives the
    articles up to it that could open a mention, and the pattern is tried there, in text order
    and never inside a mention already found — what ``finditer`` does, minus the attempts that
    cannot succeed.
    """
    pattern = _venue_pattern(venue)
    hits: list[re.Match[str]] = []
    tried = start  # articles before this were tried, or lie inside a hit
    for name in _venue_named(venue).finditer(text, start, stop):
        # A mention's venue name starts in the name found here (or at it): its first word is at
        # most that many words back. Words are runs of non-space, as the pattern's \s+ sees them.
        i = name.start()
        for _ in range(_WORDS_BEFORE_VENUE):
            while i > tried and text[i - 1].isspace():
                i -= 1
            while i > tried and not text[i - 1].isspace():
                i -= 1
        for article in _ARTICLE_AT.finditer(text, max(i, tried), name.end()):
            q = article.start()
            if q < tried:
                continue
            hit = pattern.match(text, q, stop)
            if hit is not None:
                hits.append(hit)
                tried = hit.end()
        tried = max(tried, name.end())
    return hits


def venue_mentions(
    nt: NormalisedText, lexicon: Lexicon, *, start: int = 0, end: int | None = None, meeting: str = MEETING
) -> list[ProcessMention]:
    """The contribution's meeting named by its venue ("the meeting in São Paulo"), one mention.

    Only for texts that are contributions to ``meeting`` (this reader's genre): the venue comes from
    the reference data (``ProcessInstance.venues``), never from a list in the code.
    """
    instance = lexicon.instance(meeting)
    if instance is None:
        return []
    stop = len(nt.text) if end is None else end
    hits = sorted(
        (m for venue in instance.venues for m in _venue_hits(venue, nt.text, start, stop)),
        key=lambda m: m.start(),
    )
    if not hits:
        return []
    first = hits[0]
    return [
        ProcessMention(
            process=instance.process,
            instance=instance.local_name,
            surface=" ".join(first.group().split()),
            occurrences=len(hits),
            evidence=nt.span(first.start(), first.end()),
        )
    ]


def _merge_mention(found: list[ProcessMention], mention: ProcessMention) -> None:
    for existing in found:
        if existing.process == mention.process and existing.instance == mention.instance:
            existing.occurrences += mention.occurrences
            return
    found.append(mention)


def _pair(files: Sequence[SourceFile]) -> tuple[SourceFile | None, SourceFile | None]:
    a_file = next((f for f in files if re.search(r"\d+A\.txt$", f.path)), None)
    b_file = next((f for f in files if re.search(r"\d+B\.txt$", f.path)), None)
    if a_file is None and b_file is None and files:
        a_file = files[0]  # a single file outside the corpus naming: read it as the metadata file
    return a_file, b_file
