"""Person names within one document: canonical form, titles, placeholders, person or organisation.

- :func:`parse_person` turns what a page writes in a person slot ("Dr. MCDONALD Ellie", "Prof.
  Jane Doe, Ph.D.") into a :class:`PersonName` — the canonical name given-name first (NFC), the
  honorific/title apart — or ``None`` when the slot holds no person (a placeholder such as "TBC",
  "Speaker to be confirmed", "Representative of the Ministry", or an organisation's name).
- :func:`canonical_name` alone: given-name first, surname-first forms turned round ("MCDONALD
  Ellie" → "Ellie McDonald"; "McDonald, Ellie" only when the caller says the context writes
  surname-first), all-capital names put in name case.
- :func:`is_placeholder`, :func:`is_post_nominal`, :func:`looks_like_person`, :func:`looks_like_organisation`: the tests
  behind it. Organisations are recognised by the reference organisations of the lexicon and by name
  shape (legal-form and organisation words, acronyms, digits) — never by a list of people.
- :func:`written_in_order` and :func:`given_name_first`: a name written surname first *without any
  mark* ("Horváth Eszter") is turned round only on evidence inside the same document — the same
  person written given name first in a line that is no entry of a list ("Eszter Horváth will
  present …") or in an e-mail address (``kwabena.mensah@…``). No list of given names is consulted.
- :class:`PersonIndex`: one person per document however often or in however many forms a page
  writes them; a first-name-only mention ("moderation: Nnenna") refers back to a listed person only
  when exactly one listed person has that given name.

Public API: :class:`PersonName`, :func:`parse_person`, :func:`canonical_name`, :func:`split_title`,
:func:`written_in_order`, :func:`given_name_first`, :class:`NameOrderEvidence`,
:func:`is_placeholder`, :func:`is_post_nominal`, :func:`looks_like_person`, :func:`looks_like_organisation`,
:func:`name_key`, :func:`organisation_name`, :class:`PersonIndex`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from govgraph.extract.lexicon import Lexicon, get_lexicon

__all__ = [
    "NameOrderEvidence",
    "PersonIndex",
    "PersonName",
    "canonical_name",
    "given_name_first",
    "is_placeholder",
    "is_post_nominal",
    "looks_like_organisation",
    "looks_like_person",
    "name_key",
    "organisation_name",
    "parse_person",
    "split_title",
]

# Honorifics and titles written before a name, with the form they are kept under (None: a
# courtesy title, dropped). Kept titles say something about the person at the event ("H.E.",
# "Ambassador"); readers decide whether to use them as a title.
_TITLE_FORMS: dict[str, str | None] = {
    "dr": "Dr.",
    "doctor": "Dr.",
    "prof": "Prof.",
    "professor": "Prof.",
    "h.e": "H.E.",
    "he": "H.E.",
    "his excellency": "H.E.",
    "her excellency": "H.E.",
    "ambassador": "Ambassador",
    "amb": "Ambassador",
    "hon": "Hon.",
    "honourable": "Hon.",
    "honorable": "Hon.",
    "sen": "Senator",
    "senator": "Senator",
    "judge": "Judge",
    "justice": "Justice",
    "rev": "Rev.",
    "sir": "Sir",
    "dame": "Dame",
    "mr": None,
    "mrs": None,
    "ms": None,
    "miss": None,
    "mx": None,
    "m": None,
    "mme": None,
    "mlle": None,
    "sr": None,
    "sra": None,
    "srta": None,
}
_NEEDS_PERIOD = frozenset(["m", "he", "sen", "sr", "sra", "srta", "rev", "hon", "amb", "mme"])
_TITLE_RE = re.compile(
    r"^(?:("
    + "|".join(sorted((re.escape(t) for t in _TITLE_FORMS), key=len, reverse=True))
    + r")\.?(?:\s+|(?<=\.)(?=\S)))",
    re.IGNORECASE,
)
# Degrees and post-nominals written after a name; dropped from the name.
_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:Ph\.?\s?D\.?|D\.?Phil\.?|M\.?D\.?|MBA|LL\.?M\.?|LL\.?B\.?|M\.?A\.?|M\.?Sc\.?|B\.?A\.?|"
    r"Esq\.?|OBE|MBE|CBE|KC|QC))+\s*$"
)
# Words that give a name the shape of an organisation. These are kinds of body (not names of any
# body): a person's name never contains them.
_ORG_WORDS = frozenset(
    [
        "university",
        "universities",
        "universidad",
        "université",
        "universidade",
        "universität",
        "college",
        "school",
        "institute",
        "institut",
        "instituto",
        "institution",
        "institutions",
        "centre",
        "center",
        "centro",
        "centrum",
        "foundation",
        "fondation",
        "fundación",
        "fundação",
        "stiftung",
        "association",
        "associação",
        "asociación",
        "society",
        "société",
        "sociedad",
        "council",
        "conseil",
        "consejo",
        "committee",
        "commission",
        "comisión",
        "ministry",
        "ministère",
        "ministerio",
        "department",
        "departement",
        "agency",
        "agence",
        "agencia",
        "office",
        "bureau",
        "organisation",
        "organization",
        "organizacion",
        "organização",
        "union",
        "unión",
        "alliance",
        "coalition",
        "network",
        "networks",
        "forum",
        "initiative",
        "initiatives",
        "project",
        "programme",
        "program",
        "partnership",
        "partners",
        "consortium",
        "federation",
        "fédération",
        "federación",
        "group",
        "groups",
        "company",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "s.a.",
        "e.v.",
        "ev",
        "limited",
        "co",
        "lab",
        "labs",
        "laboratory",
        "observatory",
        "chamber",
        "government",
        "gobierno",
        "nations",
        "authority",
        "autoridad",
        "secretariat",
        "secretaría",
        "parliament",
        "parlement",
        "embassy",
        "mission",
        "republic",
        "república",
        "kingdom",
        "state",
        "states",
        "club",
        "caucus",
        "academy",
        "academia",
        "trust",
        "fund",
        "bank",
        "telecom",
        "telecommunications",
        "communications",
        "media",
        "news",
        "press",
        "platform",
        "services",
        "solutions",
        "technologies",
        "technology",
        "systems",
        "digital",
        "cyber",
        "internet",
        "ngo",
    ]
)
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "bin",
        "binti",
        "bint",
        "al",
        "el",
        "ibn",
        "ben",
        "ter",
        "ten",
        "zu",
        "y",
        "e",
    ]
)
_PLACEHOLDER_RE = re.compile(
    r"^(?:tbc|tbd|tba|t\.b\.c\.?|t\.b\.d\.?|n/?a|none|nil|pending|vacant|invited|\(?invited\)?|"
    r"invited speakers?|speakers? (?:to be )?(?:confirmed|determined|announced|tbc|tbd)|"
    r"to be (?:confirmed|determined|announced|decided)|(?:speaker|moderator|rapporteur|name)\s*(?:\d+)?|"
    r"\?+|-+|–|—|…|\.\.\.|x+)$",
    re.IGNORECASE,
)
_PLACEHOLDER_START = re.compile(
    r"^(?:an?\s+|one\s+|the\s+)?(?:representatives?|rep\.|speaker|someone|somebody|member|delegate|"
    r"expert|official|person)s?\s+(?:of|from|at|for|representing|to be)\b",
    re.IGNORECASE,
)
_PLACEHOLDER_TOKEN = re.compile(r"\b(?:TBC|TBD|TBA|to be (?:confirmed|determined|announced))\b", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_][^\W\d_'’\-.]*(?:['’\-][^\W\d_]+)*\.?$")
_BRACKETS = re.compile(r"\s*[\(\[][^()\[\]]*[\)\]]\s*")


@dataclass(frozen=True)
class PersonName:
    """A person's name as one document writes it, canonicalised."""

    name: str  # canonical: given name first, NFC, titles and degrees removed
    title: str | None = None  # kept honorific or title ("Dr.", "Prof.", "H.E.", "Ambassador")
    written: str = ""  # the form on the page


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def split_title(text: str) -> tuple[str | None, str]:
    """Separate leading honorifics/titles and trailing degrees from a name.

    Returns ``(title, name)``; ``title`` joins the kept titles ("H.E. Ambassador"), courtesy titles
    (Mr., Ms.) are dropped.

    >>> split_title("H.E. Ambassador Jane Doe, Ph.D.")
    ('H.E. Ambassador', 'Jane Doe')
    >>> split_title("Ms. Anriette Esterhuysen")
    (None, 'Anriette Esterhuysen')
    """
    rest = _nfc(text)
    kept: list[str] = []
    while True:
        m = _TITLE_RE.match(rest)
        if not m or len(rest) == m.end():
            break
        word = m.group(1).lower()
        # Short forms that also open names ("He Wei", "Sen Amartya") count only with their period.
        if word in _NEEDS_PERIOD and rest[m.end(1) : m.end(1) + 1] != ".":
            break
        form = _TITLE_FORMS.get(word)
        if form and form not in kept:
            kept.append(form)
        rest = rest[m.end() :].lstrip()
    rest = _SUFFIX_RE.sub("", rest).strip().rstrip(",").strip()
    return (" ".join(kept) or None), rest


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _name_case(token: str) -> str:
    """Name case for a token written in capitals: MCDONALD → McDonald, O'BRIEN → O'Brien."""
    if token.lower() in _PARTICLES:
        return token.lower()
    parts = re.split(r"(['’\-])", token)
    out = []
    for p in parts:
        if p in ("'", "’", "-") or not p:
            out.append(p)
            continue
        low = p.lower()
        word = low[:1].upper() + low[1:]
        if low.startswith("mc") and len(low) > 3:
            word = "Mc" + low[2].upper() + low[3:]
        out.append(word)
    return "".join(out)


def canonical_name(text: str, *, surname_first: bool = False) -> str:
    """The canonical form of a person's name: given name first, NFC, single spaces, no titles.

    ``"Surname, Given"`` is turned round only with ``surname_first`` (the caller knows the list writes
    names that way); a leading run of all-capital words followed by name-case words is a surname
    written first, whatever the caller says.

    >>> canonical_name("MCDONALD Ellie")
    'Ellie McDonald'
    >>> canonical_name("McDonald, Ellie", surname_first=True)
    'Ellie McDonald'
    >>> canonical_name("ANRIETTE ESTERHUYSEN")
    'Anriette Esterhuysen'
    """
    _, name = split_title(text)
    if "," in name:
        left, _, right = name.partition(",")
        swap = surname_first and left.strip() and right.strip()
        name = f"{right.strip()} {left.strip()}" if swap else left.strip()
    tokens = name.split()
    if not tokens:
        return ""
    caps = [_is_caps(t) for t in tokens]
    if all(caps):
        return " ".join(_name_case(t) for t in tokens)
    # Surname first in capitals: "MCDONALD Ellie", "KAINZ-LABBE Birgit", "VAN DER BERG Anna".
    if not caps[0] and any(caps) and all(t[:1].isupper() or t.lower() in _PARTICLES for t in tokens):
        # Given name first, surname in capitals: "Maria KOWALSKA".
        return " ".join(_name_case(t) if c else t for t, c in zip(tokens, caps, strict=True))
    n = 0
    while n < len(tokens) and (caps[n] or (tokens[n].lower() in _PARTICLES and n + 1 < len(tokens) and caps[n + 1])):
        n += 1
    if 0 < n < len(tokens) and not any(caps[n:]):
        surname = " ".join(_name_case(t) for t in tokens[:n])
        return f"{' '.join(tokens[n:])} {surname}"
    return " ".join(tokens)


_TRAILING_ACRONYM = re.compile(r"\s*\((?P<a>[A-Z][A-Za-z0-9&.\-]{1,11})\)\s*$")


def organisation_name(text: str) -> str:
    """An organisation's name without its acronym in parentheses, NFC, single spaces.

    >>> organisation_name("United Nations Office on Drugs and Crime (UNODC)")
    'United Nations Office on Drugs and Crime'
    """
    name = _nfc(text).strip(" ,;:")
    m = _TRAILING_ACRONYM.search(name)
    if m and sum(c.isupper() for c in m["a"]) >= 2 and m.start() > 0:
        name = name[: m.start()].strip()
    return name


def is_post_nominal(text: str) -> bool:
    """Whether a field holds only degrees or post-nominals ("Ph.D.", "MBA"), not an affiliation."""
    text = text.strip()
    # Post-nominals are short: most fields are rejected before the regex runs.
    return 0 < len(text) <= 16 and _SUFFIX_RE.fullmatch(" " + text) is not None


@lru_cache(maxsize=1 << 14)
def is_placeholder(text: str) -> bool:
    """Whether a person slot holds a placeholder instead of a name.

    >>> [is_placeholder(s) for s in ("TBC", "Speaker to be confirmed", "Representative of Microsoft",
    ...                              "Invited", "Jane Doe (TBC)")]
    [True, True, True, True, False]
    """
    t = " ".join(text.split()).strip(" .,:;")
    if not t:
        return True
    if _PLACEHOLDER_RE.match(t) or _PLACEHOLDER_START.match(t):
        return True
    if _PLACEHOLDER_TOKEN.search(t):
        # "Government representative TBC" is a placeholder; "Jane Doe (TBC)" names a person.
        rest = _BRACKETS.sub(" ", _PLACEHOLDER_TOKEN.sub(" ", t)).strip(" .,:;-–")
        return not _tokens_look_like_name(rest.split())
    return False


def _caseless(ch: str) -> bool:
    """A letter of a script without case (Chinese, Japanese, Korean, Arabic…)."""
    return ch.isalpha() and ch.lower() == ch.upper()


def _tokens_look_like_name(tokens: list[str]) -> bool:
    if len(tokens) == 1 and 2 <= len(tokens[0]) <= 5 and all(_caseless(c) for c in tokens[0]):
        return True  # "王伟": a name written without spaces in a script without case
    if not 2 <= len(tokens) <= 6:
        return False
    seen_capital = 0
    for t in tokens:
        if t in _PARTICLES:
            continue  # "van", "de", "bin" in lower case; "Ben", "Van", "El" count as name words
        if not _NAME_TOKEN.match(t):
            return False
        if not (t[0].isupper() or _caseless(t[0])):
            return False
        seen_capital += 1
    return seen_capital >= 2


def looks_like_organisation(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a string names an organisation (or state) rather than a person.

    True for reference organisations and states (by name or acronym), for names holding a word of
    an organisation kind ("Institute", "Ministry", "e.V."), digits, ``&`` or ``@``, for a lone
    acronym and for acronyms of two capitals among other words ("EU Cyber Direct").
    """
    t = _nfc(text).strip(" .,;:")
    if not t:
        return False
    lex = lexicon or get_lexicon()
    if lex.known_actor(t) is not None:
        return True
    if re.search(r"[\d&@/]|https?:", t):
        return True
    tokens = t.split()
    words = [w.strip("().,;:").lower() for w in tokens]
    if any(w in _ORG_WORDS for w in words):
        return True
    if len(tokens) == 1:
        return _is_caps(tokens[0]) or tokens[0][:1].islower()
    return any(_is_caps(tok) and len(tok.strip(".()")) <= 2 for tok in tokens)


def looks_like_person(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a string has the shape of a person's name (2–6 name words, no organisation marks).

    Titles are ignored ("Dr. Jane Doe" is a person); a label of a stakeholder group, regional group
    or role is never a person.
    """
    _, name = split_title(text)
    name = name.strip(" .,;:")
    if not name or is_placeholder(name):
        return False
    lex = lexicon or get_lexicon()
    if lex.is_concept_label(name) or looks_like_organisation(name, lex):
        return False
    return _tokens_look_like_name(name.split())


def parse_person(text: str, *, lexicon: Lexicon | None = None, surname_first: bool = False) -> PersonName | None:
    """The person a slot names, or ``None`` for a placeholder, an organisation or a non-name.

    Bracketed remarks ("(TBC)", "(online)") are dropped; titles go to ``title``.

    >>> parse_person("Dr. MCDONALD Ellie")
    PersonName(name='Ellie McDonald', title='Dr.', written='Dr. MCDONALD Ellie')
    >>> parse_person("TBC") is None
    True
    """
    written = _nfc(text).strip(" ,;:")
    if is_placeholder(written):
        return None
    bare = _BRACKETS.sub(" ", written).strip(" ,;:")
    title, name = split_title(bare)
    if "," in name and not surname_first:
        return None  # more than a name: the caller splits fields first
    if not looks_like_person(name if not surname_first else name.replace(",", " "), lexicon):
        return None
    canonical = canonical_name(name, surname_first=surname_first)
    return PersonName(canonical, title, written) if canonical else None


def written_in_order(person: PersonName) -> bool:
    """Whether the canonical name keeps the order the page wrote (nothing marked a surname first).

    >>> written_in_order(parse_person("Suto Timea")), written_in_order(parse_person("SZABÓ Eszter"))
    (True, False)
    """
    _, bare = split_title(_BRACKETS.sub(" ", person.written).strip(" ,;:"))
    return name_key(person.name) == name_key(bare)


def given_name_first(name: str, evidence_lines: Iterable[str]) -> str | None:
    """The name turned round (last word first) when an evidence line writes it that way, else ``None``.

    ``name`` is a name as a list wrote it with no mark of its order ("Horváth Eszter");
    ``evidence_lines`` are the document's lines that are no entry of a person list (prose,
    contact lines), so a second list entry in the other order is no evidence either way. The turned
    form must occur as whole words in one line — accents, case, dots and hyphens ignored, so an
    e-mail address ``eszter.horvath@example.org`` counts.

    >>> given_name_first("Horváth Eszter", ["Eszter Horváth will present the view of industry."])
    'Eszter Horváth'
    >>> given_name_first("Mensah Kwabena", ["Questions: kwabena.mensah@example.org"])
    'Kwabena Mensah'
    >>> given_name_first("Maria Schmidt", ["Maria Schmidt will moderate."]) is None
    True
    """
    found = NameOrderEvidence(list(evidence_lines)).given_name_first(name)
    return found[1] if found is not None else None


class NameOrderEvidence:
    """The evidence lines of one document, for :func:`given_name_first` asked about many names.

    The lines are keyed (:func:`name_key`'s folding) once, on the first question, not once per name:
    a page's every listed name is asked about, and most pages ask about none.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._keys: list[str] | None = None

    def given_name_first(self, name: str) -> tuple[int, str] | None:
        """The index of the first line that writes ``name`` given name first and the name turned
        round, else ``None`` (see :func:`given_name_first`)."""
        turned = _turned(name)
        if turned is None:
            return None
        if self._keys is None:
            # Not through name_key's cache: lines are seldom met twice and would push names out.
            self._keys = [_fold_key(line) for line in self._lines]
        written, key = turned
        for k, line in enumerate(self._keys):
            # The substring test is a cheap necessary condition: most names compile no pattern.
            if key in line and _whole_words(key).search(line):
                return k, written
        return None


@lru_cache(maxsize=4096)
def _turned(name: str) -> tuple[str, str] | None:
    """``(name turned round, its key)``, or ``None`` when turning the name changes nothing (one
    word, or both halves the same). Cached: pure in ``name``."""
    tokens = name.split()
    if len(tokens) < 2:
        return None
    turned = " ".join([tokens[-1], *tokens[:-1]])
    key = name_key(turned)
    if key == name_key(name):
        return None
    return turned, key


@lru_cache(maxsize=1024)
def _whole_words(key: str) -> re.Pattern[str]:
    """``key`` as whole words of a keyed line (an e-mail's local part counts, its domain not)."""
    return re.compile(r"(?<![\w@])" + re.escape(key) + r"(?!\w)")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparison key for names: accents, case, dots and hyphens ignored (cached: a page looks
    the same few names up again and again).

    >>> name_key("Birgit Kainz-Labbé") == name_key("birgit kainz labbe")
    True
    """
    return _fold_key(name)


def _fold_key(name: str) -> str:
    """:func:`name_key` without the cache."""
    if name.isascii():
        ascii_ = name.lower()  # nothing to decompose; casefold is lower on ASCII
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(ascii_.translate(_KEY_BREAKS).split())


# Marks a name key ignores: dots, hyphens and apostrophes count as spaces.
_KEY_BREAKS = str.maketrans(dict.fromkeys(".-'’", " "))


@dataclass
class PersonIndex:
    """The persons of one document: each distinct person once, found again under any form.

    ``add`` returns the canonical name under which a person is kept (the first form seen, or a
    fuller form seen later: "Jane A. Doe" absorbs "Jane Doe"); ``first_name`` resolves a given name
    alone to the one listed person who has it.
    """

    names: list[str] = field(default_factory=list)
    _by_key: dict[str, str] = field(default_factory=dict)

    def find(self, name: str) -> str | None:
        """The canonical name already kept for ``name``, if any."""
        key = name_key(name)
        if key in self._by_key:
            return self._by_key[key]
        parts = key.split()
        if len(parts) >= 2:
            # "Jane Doe" and "Jane A. Doe": same first and last word, one has middle initials only.
            candidates = {
                kept
                for k, kept in self._by_key.items()
                if (ks := k.split())[0] == parts[0]
                and ks[-1] == parts[-1]
                and all(len(x) == 1 for x in (ks[1:-1] if len(ks) > len(parts) else parts[1:-1]))
            }
            if len(candidates) == 1:
                return candidates.pop()
        return None

    def add(self, name: str) -> str:
        """Keep ``name`` (canonical form) and return the canonical name it is kept under."""
        kept = self.find(name)
        if kept is None:
            self.names.append(name)
            kept = name
        self._by_key[name_key(name)] = kept
        return kept

    def first_name(self, given: str) -> str | None:
        """The one kept person whose given name is ``given``, else ``None`` (none or several)."""
        key = name_key(given)
        if not key or " " in key:
            return None
        matches = [n for n in self.names if name_key(n).split()[0] == key]
        return matches[0] if len(matches) == 1 else None
