"""Synthetic actors shared by the document and triple generators: names, organisations, countries.

Names come from syllable tables driven by a seeded ``random.Random``; organisations from templates
per stakeholder group; popularity follows a Zipf–Mandelbrot law (weight ``1 / (rank + q)**s``) so a
few actors take part in many events and most in one or two, as in the real corpus — resolution and
the actor networks then have real work to do. The offset ``q`` caps the head: a plain Zipf law over
10^4 people put the busiest person in about 40 % of all sessions, where the most active speakers of
an IGF take part in a handful of its few hundred sessions (about 2 %).
Nothing here reads the clock or the environment: a seed gives the same actors on every machine.
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from govgraph.extract.lexicon import stakeholder_groups

# UN member states with their regional group (a sample across the five groups; facts, not data files).
COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("NGA", "Nigeria", "African Group"),
    ("KEN", "Kenya", "African Group"),
    ("ZAF", "South Africa", "African Group"),
    ("SEN", "Senegal", "African Group"),
    ("EGY", "Egypt", "African Group"),
    ("GHA", "Ghana", "African Group"),
    ("SDN", "Sudan", "African Group"),
    ("TUN", "Tunisia", "African Group"),
    ("IND", "India", "Asia-Pacific Group"),
    ("JPN", "Japan", "Asia-Pacific Group"),
    ("CHN", "China", "Asia-Pacific Group"),
    ("IDN", "Indonesia", "Asia-Pacific Group"),
    ("PAK", "Pakistan", "Asia-Pacific Group"),
    ("YEM", "Yemen", "Asia-Pacific Group"),
    ("KOR", "Republic of Korea", "Asia-Pacific Group"),
    ("PHL", "Philippines", "Asia-Pacific Group"),
    ("POL", "Poland", "Eastern European Group"),
    ("UKR", "Ukraine", "Eastern European Group"),
    ("RUS", "Russian Federation", "Eastern European Group"),
    ("EST", "Estonia", "Eastern European Group"),
    ("CZE", "Czechia", "Eastern European Group"),
    ("ROU", "Romania", "Eastern European Group"),
    ("BRA", "Brazil", "GRULAC"),
    ("ARG", "Argentina", "GRULAC"),
    ("MEX", "Mexico", "GRULAC"),
    ("COL", "Colombia", "GRULAC"),
    ("CHL", "Chile", "GRULAC"),
    ("CRI", "Costa Rica", "GRULAC"),
    ("USA", "United States", "WEOG"),
    ("DEU", "Germany", "WEOG"),
    ("FRA", "France", "WEOG"),
    ("GBR", "United Kingdom", "WEOG"),
    ("CHE", "Switzerland", "WEOG"),
    ("CAN", "Canada", "WEOG"),
    ("NZL", "New Zealand", "WEOG"),
    ("ESP", "Spain", "WEOG"),
    ("NLD", "Netherlands", "WEOG"),
    ("SWE", "Sweden", "WEOG"),
)

# How IGF pages write each regional group (the alt labels of ontology/schemes/regional-groups.ttl).
REGIONAL_GROUP_FORMS = {
    "African Group": "African Group",
    "Asia-Pacific Group": "Asia-Pacific Group",
    "Eastern European Group": "Eastern European Group",
    "GRULAC": "Latin American and Caribbean Group (GRULAC)",
    "WEOG": "Western European and Others Group (WEOG)",
}

# The head of the popularity laws, as a share of all draws. A session lists about six people, so a
# person drawn with probability 0.0035 sits in about 2 % of sessions; the most common affiliation
# covers about 1.5 % of people (the largest organisations of the field, not a third of it).
PERSON_TOP_SHARE = 0.0035
ORGANISATION_TOP_SHARE = 0.015

STAKEHOLDER_GROUPS = stakeholder_groups()  # from the SKOS scheme, the project's one list of names

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh", "th", "br", "kr", "")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "i", "a", "o", "ai", "ou", "ia", "ee", "ua")
_ACCENTED = {"e": "é", "o": "ö", "a": "á", "u": "ü", "i": "í"}
_CODAS = ("", "", "", "n", "r", "l", "s", "m", "t", "nd", "rt")
_TOPICS = (
    "Digital Rights",
    "Cyber Policy",
    "Internet Governance",
    "Information Society",
    "Data Protection",
    "Online Freedom",
    "Emerging Technology",
    "Cybersecurity",
    "Digital Inclusion",
    "Open Knowledge",
)
_TITLES = (
    "Policy Officer",
    "Senior Policy Adviser",
    "Director",
    "Executive Director",
    "Head of International Affairs",
    "Research Fellow",
    "Senior Research Fellow",
    "Programme Manager",
    "Legal Counsel",
    "Cyber Diplomat",
    "Special Advisor",
    "Professor",
    "Chief Executive Officer",
    "Public Policy Manager",
)


def zipf_weights(n: int, exponent: float = 1.07, top_share: float | None = None) -> list[float]:
    """Cumulative Zipf–Mandelbrot weights for ``n`` ranked items (for ``random.choices(cum_weights=…)``).

    The weight of rank ``r`` is ``1 / (r + q)**exponent``. With ``top_share``, ``q`` is the smallest
    offset at which the first item's share of all draws is at most ``top_share`` (found by bisection;
    ``q = 0`` is plain Zipf); items become uniform when ``top_share`` is below ``1 / n``.
    """

    def weights(offset: float) -> list[float]:
        return [1.0 / ((rank + offset) ** exponent) for rank in range(1, n + 1)]

    def head_share(offset: float) -> float:
        values = weights(offset)
        return values[0] / sum(values)

    offset = 0.0
    if top_share is not None and n > 0 and head_share(0.0) > top_share:
        if top_share * n <= 1.0:
            return [float(i) for i in range(1, n + 1)]
        low, high = 0.0, 1.0
        while head_share(high) > top_share:
            low, high = high, high * 2
        for _ in range(40):
            middle = (low + high) / 2
            low, high = (middle, high) if head_share(middle) > top_share else (low, middle)
        offset = high
    return list(accumulate(weights(offset)))


def weighted(rng: random.Random, table: dict[str, float] | dict[str, int]) -> str:
    """One key of ``table`` drawn with probability proportional to its value."""
    keys = list(table)
    return rng.choices(keys, weights=[float(table[k]) for k in keys])[0]


class NameMaker:
    """Person and place names from syllables; every name is unique within one maker."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def word(self, syllables: int) -> str:
        parts = []
        for _ in range(syllables):
            vowel = self.rng.choice(_VOWELS)
            if len(vowel) == 1 and self.rng.random() < 0.03:
                vowel = _ACCENTED[vowel]  # a few names carry accents (NFC; lost in some encodings)
            parts.append(self.rng.choice(_ONSETS) + vowel + self.rng.choice(_CODAS))
        return unicodedata.normalize("NFC", "".join(parts)).capitalize()

    def person(self) -> str:
        """A new "Given [Middle] Surname[-Surname]" name, NFC, never one given before."""
        for attempt in itertools.count():
            given = self.word(self.rng.choice((2, 2, 3)))
            surname = self.word(self.rng.choice((2, 3, 3)))
            roll = self.rng.random()
            if roll < 0.08:
                surname += "-" + self.word(2)
            elif roll < 0.15:
                given += " " + self.word(2)
            name = f"{given} {surname}"
            if name not in self.seen or attempt > 50:
                self.seen.add(name)
                return name
        raise AssertionError("unreachable")

    def place(self) -> str:
        return self.word(self.rng.choice((2, 3)))


@dataclass(frozen=True)
class Organisation:
    """A synthetic organisation with the stakeholder group it belongs to."""

    name: str
    acronym: str
    group: str
    country: tuple[str, str, str]


@dataclass(frozen=True)
class Person:
    """A synthetic person: home group, country (hence regional group), affiliation, job title."""

    name: str
    group: str
    country: tuple[str, str, str]
    affiliation: Organisation
    title: str

    @property
    def regional_group(self) -> str:
        return self.country[2]


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())[:6] or name[:3].upper()


def make_organisation(names: NameMaker, group: str) -> Organisation:
    """One organisation of ``group`` from the templates of that group."""
    rng = names.rng
    country = rng.choice(COUNTRIES)
    topic = rng.choice(_TOPICS)
    brand = names.word(rng.choice((2, 3)))
    templates = {
        "Government": (
            f"Ministry of Foreign Affairs of {country[1]}",
            f"{country[1]} National Cyber Security Centre",
            f"Permanent Mission of {country[1]} to the United Nations",
            f"Ministry of Communications and {topic}, {country[1]}",
        ),
        "Civil Society": (
            f"{brand} {topic} Network",
            f"Centre for {topic} and Society",
            f"{brand} Foundation",
            f"Association for {topic} in {country[1]}",
        ),
        "Private Sector": (f"{brand} Telecom", f"{brand} Systems", f"{brand} Digital Ltd", f"{brand} Cloud Inc."),
        "Technical Community": (
            f"{brand} Network Information Centre",
            f"{brand} Internet Exchange",
            f"Internet Society {country[1]} Chapter",
        ),
        "Intergovernmental Organization": (
            f"{brand} Regional Organization for {topic}",
            f"UN Office for {topic}",
            f"{brand} Telecommunication Union",
        ),
        "Academia": (
            f"University of {names.place()}",
            f"{names.place()} Institute of Technology",
            f"Institute of {topic} Studies",
        ),
    }
    name = rng.choice(templates.get(group, templates["Civil Society"]))
    return Organisation(name=name, acronym=_acronym(name), group=group, country=country)


class ActorPool:
    """People and organisations with Zipf-like popularity, built once per seed and corpus size."""

    def __init__(
        self,
        rng: random.Random,
        *,
        persons: int,
        organisations: int,
        group_weights: dict[str, float],
        region_weights: dict[str, float],
    ) -> None:
        self.rng = rng
        self.names = NameMaker(rng)
        groups = [g for g in STAKEHOLDER_GROUPS if group_weights.get(g, 0) > 0] or list(STAKEHOLDER_GROUPS)
        org_names: set[str] = set()
        self.organisations: list[Organisation] = []
        while len(self.organisations) < organisations:
            organisation = make_organisation(self.names, weighted(rng, {g: group_weights[g] for g in groups}))
            if organisation.name not in org_names:
                org_names.add(organisation.name)
                self.organisations.append(organisation)
            elif len(org_names) > 20 * organisations:
                break
        self._org_weights = zipf_weights(len(self.organisations), top_share=ORGANISATION_TOP_SHARE)
        by_region: dict[str, list[tuple[str, str, str]]] = {}
        for country in COUNTRIES:
            by_region.setdefault(country[2], []).append(country)
        self.people: list[Person] = []
        for _ in range(persons):
            group = weighted(rng, {g: group_weights[g] for g in groups})
            region = weighted(rng, region_weights)
            country = rng.choice(by_region[region])
            affiliation = self.organisation(group)
            self.people.append(
                Person(
                    name=self.names.person(),
                    group=group,
                    country=country,
                    affiliation=affiliation,
                    title=rng.choice(_TITLES),
                )
            )
        self._person_weights = zipf_weights(len(self.people), top_share=PERSON_TOP_SHARE)

    def organisation(self, group: str | None = None, rng: random.Random | None = None) -> Organisation:
        """A popular-first organisation, of ``group`` when one of that group comes up in a few draws."""
        rng = rng or self.rng
        for _ in range(8):
            candidate = rng.choices(self.organisations, cum_weights=self._org_weights)[0]
            if group is None or candidate.group == group:
                return candidate
        return candidate

    def people_sample(self, k: int, rng: random.Random | None = None) -> list[Person]:
        """``k`` distinct people, popular ones more often."""
        rng = rng or self.rng
        chosen: dict[str, Person] = {}
        for _ in range(k * 4):
            person = rng.choices(self.people, cum_weights=self._person_weights)[0]
            chosen.setdefault(person.name, person)
            if len(chosen) == k:
                break
        return list(chosen.values())


def sentence(rng: random.Random, mention: str | None = None) -> str:
    """A sentence of governance prose (optionally naming a process) built from word tables."""
    subjects = (
        "The session",
        "This workshop",
        "The discussion",
        "The panel",
        "The organising team",
        "The network",
        "The dialogue",
    )
    verbs = ("will explore", "aims to assess", "considers", "takes stock of", "reflects on", "will map")
    objects = (
        "the role of non-governmental actors in norm implementation",
        "capacity building for developing countries",
        "the protection of human rights online",
        "confidence-building measures between states",
        "the security of critical infrastructure",
        "inclusive and transparent multistakeholder modalities",
        "the digital divide and meaningful connectivity",
        "cross-border access to electronic evidence",
    )
    tails = (
        "in the years ahead",
        "with concrete examples from the regions",
        "and the lessons for future processes",
        "across stakeholder groups",
        "for the world’s Internet users",
        "",
    )
    text = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}"
    if mention:
        text += f" in the context of the {mention}"
    tail = rng.choice(tails)
    return (text + (f" {tail}" if tail else "")) + "."


def paragraph(rng: random.Random, sentences: int, mentions: Sequence[str] = ()) -> str:
    """Several sentences, the given process mentions spread over them."""
    count = max(sentences, len(mentions))
    slots = dict(zip(rng.sample(range(count), len(mentions)), mentions, strict=True))
    return " ".join(sentence(rng, slots.get(i)) for i in range(count))
