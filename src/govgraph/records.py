"""Records: what a reader gets out of one document, before any RDF.

Plain dataclasses, one per kind of fact, each with the evidence span that states it. Values of
controlled fields are ``skos:notation`` strings of the concept schemes (``"Civil Society"``,
``"WEOG"``, ``"speaker"``, ``"OEWG"``); ``None`` means the document does not say.
``to_contract()`` gives the extraction output contract of DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ActorKind = Literal["person", "organisation", "state"]


@dataclass(frozen=True)
class Span:
    """A span of a source file that states a fact.

    ``start``/``end`` are 0-based character offsets into the file's decoded text with its line ends
    as in the file (``SourceFile.text``); ``line`` is 1-based; ``quote`` is the whole line as
    published (stripped of its line end and surrounding blanks).
    """

    file: str
    start: int
    end: int
    line: int
    quote: str


@dataclass
class SourceFile:
    """One file as it is on disk, decoded."""

    path: str  # relative to the corpus root: "<collection>/<file name>"
    sha256: str
    encoding: str
    text: str  # decoded, line ends exactly as in the file


@dataclass
class SourceDocument:
    """A document as found in the corpus, before reading: its id, collection, genre and files."""

    id: str  # "<collection>/<stem>"
    collection: str
    genre: str | None  # from the manifest; None when it must be detected
    files: list[SourceFile]
    manifest_note: str | None = None  # the manifest's description, never used as a fact


@dataclass
class Participant:
    """A person (or, for organisers, an organisation) taking part in an event."""

    name: str
    kind: ActorKind = "person"
    roles: list[str] = field(default_factory=list)
    stakeholder_group: str | None = None
    regional_group: str | None = None
    affiliation: str | None = None
    title: str | None = None
    inferred_stakeholder_group: str | None = None
    inferred_regional_group: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Organiser:
    name: str
    kind: ActorKind = "organisation"
    evidence: list[Span] = field(default_factory=list)


@dataclass
class ProcessMention:
    """A process named in a text, normalised to its concept and, where the date allows, instance."""

    process: str  # notation: OEWG, GGE, AHC, UNCC, WSIS, WSIS+10, NETmundial, IGF, Roadmap, GDC, PermanentMechanism
    instance: str | None = None  # local name of the process instance, e.g. "oewg-2019-2021"
    surface: str = ""
    occurrences: int = 1
    evidence: Span | None = None


@dataclass
class InstrumentMention:
    """An instrument that is not a process (Budapest Convention, a GA resolution)."""

    instrument: str  # local name in the reference data, e.g. "budapest-convention", "a-res-73-27"
    surface: str = ""
    occurrences: int = 1
    evidence: Span | None = None


@dataclass
class Event:
    title: str | None = None
    code: str | None = None
    date: str | None = None  # ISO 8601 date
    end_date: str | None = None
    time: str | None = None  # as written, e.g. "10:35-12:35"
    location: str | None = None
    room: str | None = None
    format: str | None = None  # event-format notation
    duration_minutes: int | None = None
    parent: str | None = None  # local name of the parent meeting, e.g. "igf-2021"
    organisers: list[Organiser] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    processes: list[ProcessMention] = field(default_factory=list)
    instruments: list[InstrumentMention] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    evidence: Span | None = None


@dataclass
class Organisation:
    name: str
    stakeholder_group: str | None = None
    acronym: str | None = None
    evidence: Span | None = None


@dataclass
class Contribution:
    """A written submission to a meeting (NETmundial 2014), as its metadata block states it."""

    number: str  # "001"
    title: str | None
    meeting: str  # local name of the meeting, e.g. "netmundial-2014"
    contributors: list[Participant] = field(default_factory=list)
    organisation: str | None = None
    sector: str | None = None  # stakeholder-group notation, "Other" kept as stated
    region: str | None = None  # the Region field exactly as published
    countries: list[str] = field(default_factory=list)  # ISO alpha-3 codes the region resolves to
    track: str | None = None  # track notation
    keywords: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        """The ``"contributions"`` entry of the JSON output (and of gold files) for this contribution."""
        return {
            "number": self.number,
            "title": self.title,
            "meeting": self.meeting,
            "contributors": [
                {
                    "name": p.name,
                    "kind": p.kind,
                    "roles": list(p.roles),
                    "stakeholder_group": p.stakeholder_group,
                    "regional_group": p.regional_group,
                    "affiliation": p.affiliation,
                    "title": p.title,
                    "inferred_regional_group": p.inferred_regional_group,
                }
                for p in self.contributors
            ],
            "organisation": self.organisation,
            "sector": self.sector,
            "region": self.region,
            "countries": list(self.countries),
            "track": self.track,
            "keywords": list(self.keywords),
        }


@dataclass
class Document:
    """Everything one reader got from one document."""

    id: str  # "<collection>/<stem>", e.g. "seeds/001_f8a1a0766480eedb", "netmundial2014/001"
    collection: str
    genre: str  # genre notation: igf-session, event-page, network-events-page, netmundial-contribution
    files: list[SourceFile]
    title: str | None = None
    date: str | None = None
    events: list[Event] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    processes: list[ProcessMention] = field(default_factory=list)  # document-level: every process named
    instruments: list[InstrumentMention] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        """The extraction output contract (DESIGN.md) for this document.

        Documents that carry contributions (NETmundial) add a ``"contributions"`` key; event
        documents give exactly the keys of the contract.
        """
        contract: dict[str, Any] = {
            "document": self.id,
            "genre": self.genre,
            "events": [_event_contract(e) for e in self.events],
            "organisations": [
                {"name": o.name, "stakeholder_group": o.stakeholder_group} for o in self.organisations
            ],
            "processes": _unique(m.process for m in self.processes),
        }
        if self.contributions:
            contract["contributions"] = [c.to_contract() for c in self.contributions]
        return contract


def _unique(values: Any) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def _event_contract(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "code": event.code,
        "date": event.date,
        "end_date": event.end_date,
        "location": event.location,
        "format": event.format,
        "duration_minutes": event.duration_minutes,
        "organisers": [{"name": o.name, "kind": o.kind} for o in event.organisers],
        "participants": [
            {
                "name": p.name,
                "roles": list(p.roles),
                "stakeholder_group": p.stakeholder_group,
                "regional_group": p.regional_group,
                "affiliation": p.affiliation,
                "title": p.title,
            }
            for p in event.participants
            if p.kind == "person"
        ],
        "processes": _unique(m.process for m in event.processes),
        "sdg_targets": list(event.sdg_targets),
    }
