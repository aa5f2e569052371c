"""Actor-network projections: SPARQL over the store → networkx graphs.

Every projection is read from the store with a fixed, small number of SPARQL queries (never one per
node): one per property of the participations, actors and events, each a single pattern with
``DISTINCT``, one per filter given, and (for the HTML view only) one for the evidence quotes. The
joins are done in Python on those rows: in the union default graph a node described in many named
graphs gives one solution per graph, and a join in SPARQL multiplies those copies (a participation
or a meeting described in a thousand documents gave a million solutions); single patterns with
``DISTINCT`` keep the work linear in the size of the graph.

The graph's shape is that of ``docs/model.md``: a ``gg:Participation`` joins one actor
(``gg:participant``) to one event (``gg:event``) with the roles, the stakeholder group and regional
group *stated at that event*, and the affiliation. Queries run over the union default graph, where a
participation described in several named graphs gives one solution per graph: rows are ``DISTINCT``
and everything is keyed by IRI, so nothing is counted twice.

Projections
-----------
``person``
    person–person co-participation: two people are joined when they take part in the same event;
    the edge's ``weight`` is the number of shared events and ``events`` lists them.
``organisation``
    organisation–organisation co-participation. An organisation (or a state) takes part in an event
    when it is a participant itself (an organiser, a contributor) or the stated affiliation of a
    participant.
``bipartite``
    actor–event: every participant (person, organisation, state) joined to each event it takes part
    in; nodes carry networkx's ``bipartite`` attribute (0 actors, 1 events).
``process``
    actor–process: every participant joined to each process of the events it takes part in; the edge's
    ``weight`` is the number of such events. An event belongs to a process when a process mention is
    made in it (``gg:mentionedIn``) or when it, or the meeting it is part of (``schema:superEvent``),
    is ``gg:withinProcess`` an instance of the process.

Filters (all optional, all bound as SPARQL values, never spliced into the query text)
------------------------------------------------------------------------------------
``process``
    a process notation (``OEWG``, ``IGF``, …; case-insensitive): only events of that process.
``year_from`` / ``year_to``
    only events whose year (of ``schema:startDate``, else of its meeting's) lies in the period,
    bounds included; an event with no date is left out when either bound is given.
``group``
    a stakeholder-group notation (``Civil Society``; case-insensitive): only participations whose
    *stated* group at the event is that group (the graph keeps a person's group per event, so a person
    who spoke for civil society in 2019 and for a government in 2024 is counted for the first only).
``collection``
    only participations read from documents of that collection (``seeds``, ``netmundial2014``).

Node attributes are scalars only (GraphML and GEXF hold nothing else): ``label``, ``kind``
(``person``, ``organisation``, ``state``, ``event``, ``process``), ``stakeholder_group``,
``regional_group``, ``iri``, ``n_events``; a missing value is the empty string.

How the one stakeholder group of an actor is chosen
---------------------------------------------------
A person's group is the group most often stated for them among the participations in the projection
(so the filters apply); ties are broken by the alphabetical order of the notations, so the result
never depends on the order of the store. Failing any stated group, the most often inferred group
(``gg:inferredStakeholderGroup``) is used the same way, else ``""``. "Mixed" is never a group: the
analyst who wants every group of an actor reads the participations themselves. An organisation's
group is its curated ``gg:knownStakeholderGroup`` from the reference data when there is one; failing
that, the same majority rule over the groups stated for the organisation itself and for the
participations in which it takes part (as participant or affiliation). A state is ``Government``.
The regional group follows the majority rule over the stated regional groups, then the inferred ones.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from govgraph.errors import BadInputError
from govgraph.network.kinds import Projection
from govgraph.store import GraphStore
from govgraph.vocab import GG, sparql_prologue

__all__ = [
    "BUILDERS",
    "MAX_EVENT_SIZE",
    "ActorInfo",
    "EventInfo",
    "Filters",
    "NetworkData",
    "ParticipationRecord",
    "Projection",
    "actor_event_network",
    "actor_process_network",
    "load_network_data",
    "majority",
    "organisation_network",
    "person_network",
    "project",
]


@dataclass(frozen=True)
class Filters:
    """What to keep; ``None`` keeps everything. See the module docstring for each filter's meaning."""

    #: the names ``describe`` gives the filters (also the graph attributes of a projection)
    NAMES = ("process", "from", "to", "group", "collection")

    process: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    group: str | None = None
    collection: str | None = None

    def describe(self) -> dict[str, str | int | None]:
        """The filters as a plain dictionary (for reports)."""
        return {
            "process": self.process,
            "from": self.year_from,
            "to": self.year_to,
            "group": self.group,
            "collection": self.collection,
        }


@dataclass
class ActorInfo:
    """What the store says about an actor, independent of any participation."""

    iri: str
    kind: str  # person | organisation | state
    label: str
    known_group: str = ""  # curated gg:knownStakeholderGroup (organisations)
    known_region: str = ""  # gg:regionalGroup from the reference data (states)
    own_groups: tuple[str, ...] = ()  # gg:statedStakeholderGroup on the organisation node itself


@dataclass
class EventInfo:
    iri: str
    label: str
    code: str = ""
    date: str = ""  # ISO date of the event, else of its meeting, else ""
    processes: tuple[str, ...] = ()  # process notations


@dataclass
class ParticipationRecord:
    """One participation (one actor at one event) with every value stated for it, as notations."""

    iri: str
    actor: str
    event: str
    roles: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    inferred_groups: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    inferred_regions: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    quotes: set[str] = field(default_factory=set)


@dataclass
class NetworkData:
    """The rows a projection is built from: participations passing the filters, and their actors and events."""

    filters: Filters
    participations: list[ParticipationRecord]
    actors: dict[str, ActorInfo]
    events: dict[str, EventInfo]
    process_labels: dict[str, str]  # notation → label
    process_iris: dict[str, str] = field(default_factory=dict)  # notation → concept IRI

    def actor(self, iri: str) -> ActorInfo:
        return self.actors.get(iri) or ActorInfo(iri=iri, kind=_kind_from_iri(iri), label=_local_name(iri))


# -- SPARQL ------------------------------------------------------------------------------------

# The participations, one property per query (see _DETAILS for why), joined in Python.
_PARTICIPATION_PARTS = {
    "participant": "SELECT DISTINCT ?s ?o WHERE { ?s gg:participant ?o }",
    "event": "SELECT DISTINCT ?s ?o WHERE { ?s gg:event ?o }",
    "role": "SELECT DISTINCT ?s ?o WHERE { ?s gg:role ?o }",
    "group": "SELECT DISTINCT ?s ?o WHERE { ?s gg:statedStakeholderGroup ?o }",
    "inferred_group": "SELECT DISTINCT ?s ?o WHERE { ?s gg:inferredStakeholderGroup ?o }",
    "region": "SELECT DISTINCT ?s ?o WHERE { ?s gg:statedRegionalGroup ?o }",
    "inferred_region": "SELECT DISTINCT ?s ?o WHERE { ?s gg:inferredRegionalGroup ?o }",
    "affiliation": "SELECT DISTINCT ?s ?o WHERE { ?s gg:affiliation ?o }",
}

# The filters: each query gives the participations (or events) that pass one filter; its value is
# bound as ?groupFilter, ?collection, ?process, ?yearFrom/?yearTo by a VALUES block, never spliced.
_FILTER_GROUP = "SELECT DISTINCT ?s WHERE { ?s gg:statedStakeholderGroup ?groupFilter }"
_FILTER_COLLECTION = (
    "SELECT DISTINCT ?s WHERE { ?s prov:wasDerivedFrom ?document . ?document gg:collection ?collection }"
)
_FILTER_PROCESS = """SELECT DISTINCT ?s WHERE {
  { ?mention gg:mentionedIn ?s ; gg:process ?process }
  UNION { ?s gg:withinProcess ?instance . ?instance gg:instanceOf ?process }
  UNION { ?s schema:superEvent ?meeting . ?meeting gg:withinProcess ?instance . ?instance gg:instanceOf ?process }
}"""
_FILTER_YEARS = """SELECT DISTINCT ?s WHERE {
  { ?s schema:startDate ?date }
  UNION {
    ?s schema:superEvent ?meeting . ?meeting schema:startDate ?date
    FILTER NOT EXISTS { ?s schema:startDate ?own }
  }
  BIND(xsd:integer(SUBSTR(STR(?date), 1, 4)) AS ?year)
  FILTER(BOUND(?year) && (!BOUND(?yearFrom) || ?year >= ?yearFrom) && (!BOUND(?yearTo) || ?year <= ?yearTo))
}"""

# What the projections need about actors and events, one simple DISTINCT pattern per query joined in
# Python. A node described in many named graphs (a popular person, a meeting every session points to)
# gives one solution per graph in the union default graph; joining two such patterns in SPARQL would
# multiply those copies (quadratic per node), DISTINCT over one pattern keeps the work linear.
_DETAILS = {
    "types": "SELECT DISTINCT ?s ?o WHERE { VALUES ?o { gg:Person gg:Organisation gg:State } ?s a ?o }",
    "names": "SELECT DISTINCT ?s ?o WHERE { ?s foaf:name ?o }",
    "labels": "SELECT DISTINCT ?s ?o WHERE { ?s rdfs:label|skos:prefLabel ?o FILTER(isIRI(?s)) }",
    "known_groups": "SELECT DISTINCT ?s ?o WHERE { ?s gg:knownStakeholderGroup ?o }",
    "known_regions": "SELECT DISTINCT ?s ?o WHERE { ?s gg:regionalGroup ?o }",
    "events": "SELECT DISTINCT ?s ?o WHERE { VALUES ?o { gg:Event gg:Meeting } ?s a ?o }",
    "event_names": "SELECT DISTINCT ?s ?o WHERE { ?s schema:name ?o }",
    "event_codes": "SELECT DISTINCT ?s ?o WHERE { ?s gg:code ?o }",
    "event_dates": "SELECT DISTINCT ?s ?o WHERE { ?s schema:startDate ?o }",
    "super_events": "SELECT DISTINCT ?s ?o WHERE { ?s schema:superEvent ?o }",
    "mentions": "SELECT DISTINCT ?s ?o WHERE { ?mention gg:mentionedIn ?s ; gg:process ?o }",
    "within": "SELECT DISTINCT ?s ?o WHERE { ?s gg:withinProcess ?o }",
    "instance_of": "SELECT DISTINCT ?s ?o WHERE { ?s gg:instanceOf ?o }",
}

_NOTATIONS = (
    sparql_prologue()
    + """
SELECT ?concept ?scheme (MIN(STR(?notation)) AS ?code) (MIN(STR(?pref)) AS ?label) WHERE {
  ?concept skos:inScheme ?scheme .
  OPTIONAL { ?concept skos:notation ?notation }
  OPTIONAL { ?concept skos:prefLabel ?pref }
}
GROUP BY ?concept ?scheme
"""
)

_EVIDENCE = (
    sparql_prologue()
    + """
SELECT DISTINCT ?p ?quote WHERE {
  ?p a gg:Participation ; gg:evidence ?evidence .
  ?evidence gg:quote ?quote .
}
"""
)

_ID = "https://w3id.org/govgraph/id/"

#: Events with more participants than this add no co-participation edges (see ``person_network``).
MAX_EVENT_SIZE = 1000
_SCHEME = _ID + "scheme/"


def _value(term: object) -> str:
    """The string value of a pyoxigraph term (``""`` for an unbound one)."""
    return "" if term is None else str(term.value)  # type: ignore[attr-defined]


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _kind_from_iri(iri: str) -> str:
    if iri.startswith(_ID):
        kind = iri[len(_ID) :].split("/", 1)[0]
        return {"person": "person", "organisation": "organisation", "state": "state"}.get(kind, kind)
    return "actor"


def _pairs(store: GraphStore, sparql: str) -> dict[str, set[str]]:
    """The ``?s ?o`` solutions of a query as subject → set of object values."""
    result: dict[str, set[str]] = defaultdict(set)
    for row in store.query(sparql_prologue() + sparql):
        result[row["s"].value].add(row["o"].value)
    return result


def _rows(store: GraphStore, sparql: str, bindings: Mapping[str, Node] | None = None) -> Iterable[dict[str, str]]:
    solutions = store.query(sparql, bindings)
    names = [v.value for v in solutions.variables]
    for row in solutions:
        yield {name: _value(row[name]) for name in names}


# -- reading -----------------------------------------------------------------------------------


def _concepts(store: GraphStore) -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, str]]:
    """Concept IRI → notation, per scheme: notation or label (case-folded) → IRI, process notation → label."""
    notation_of: dict[str, str] = {}
    by_scheme: dict[str, dict[str, str]] = defaultdict(dict)
    process_labels: dict[str, str] = {}
    for row in _rows(store, _NOTATIONS):
        code = row["code"] or row["label"] or _local_name(row["concept"])
        notation_of[row["concept"]] = code
        scheme = row["scheme"][len(_SCHEME) :] if row["scheme"].startswith(_SCHEME) else row["scheme"]
        by_scheme[scheme][code.casefold()] = row["concept"]
        if row["label"]:
            by_scheme[scheme].setdefault(row["label"].casefold(), row["concept"])
        if scheme == "process":
            process_labels[code] = row["label"] or code
    return notation_of, by_scheme, process_labels


def _resolve(value: str, scheme: Mapping[str, str], what: str, option: str) -> URIRef:
    concept = scheme.get(value.strip().casefold())
    if concept is None:
        known = sorted({_display for _display in scheme if _display}, key=str.casefold)
        listing = ", ".join(known) if known else "none: the store holds no such concept scheme"
        raise BadInputError(f"unknown {what} {value!r} for {option}; the store knows: {listing}")
    return URIRef(concept)


def load_network_data(store: GraphStore, filters: Filters | None = None, *, evidence: bool = False) -> NetworkData:
    """Read the participations passing ``filters`` and what the projections need about their actors and events.

    ``evidence`` also reads each participation's evidence quotes (for the HTML view's hover details).
    Raises ``BadInputError`` for a process or stakeholder group the store's concept schemes do not know,
    and for a period whose start is after its end.
    """
    filters = filters or Filters()
    notation_of, by_scheme, process_labels = _concepts(store)
    bindings: dict[str, Node] = {}
    if filters.process:
        bindings["process"] = _resolve(filters.process, by_scheme.get("process", {}), "process", "--process")
    if filters.group:
        bindings["groupFilter"] = _resolve(
            filters.group, by_scheme.get("stakeholder-group", {}), "stakeholder group", "--group"
        )
    if filters.collection:
        bindings["collection"] = Literal(filters.collection)
    if filters.year_from is not None and filters.year_to is not None and filters.year_from > filters.year_to:
        raise BadInputError(f"the period is empty: --from {filters.year_from} is after --to {filters.year_to}")
    if filters.year_from is not None:
        bindings["yearFrom"] = Literal(int(filters.year_from), datatype=XSD.integer)
    if filters.year_to is not None:
        bindings["yearTo"] = Literal(int(filters.year_to), datatype=XSD.integer)

    def code(iri: str) -> str:
        return notation_of.get(iri) or _local_name(iri)

    def passing(sparql: str, names: tuple[str, ...]) -> set[str] | None:
        given = {name: bindings[name] for name in names if name in bindings}
        if not given:
            return None
        return {row["s"] for row in _rows(store, sparql_prologue() + sparql, given)}

    keep_participations = [
        passing(_FILTER_GROUP, ("groupFilter",)),
        passing(_FILTER_COLLECTION, ("collection",)),
    ]
    keep_events = [passing(_FILTER_PROCESS, ("process",)), passing(_FILTER_YEARS, ("yearFrom", "yearTo"))]
    parts = {name: _pairs(store, query) for name, query in _PARTICIPATION_PARTS.items()}
    records: dict[str, ParticipationRecord] = {}
    for participation in sorted(parts["participant"]):
        if any(keep is not None and participation not in keep for keep in keep_participations):
            continue
        events = parts["event"].get(participation)
        if not events:
            continue
        # gg:participant and gg:event are functional: a participation stating two is kept under the first
        event = min(events)
        if any(keep is not None and event not in keep for keep in keep_events):
            continue
        records[participation] = ParticipationRecord(
            iri=participation,
            actor=min(parts["participant"][participation]),
            event=event,
            roles={code(v) for v in parts["role"].get(participation, ())},
            groups={code(v) for v in parts["group"].get(participation, ())},
            inferred_groups={code(v) for v in parts["inferred_group"].get(participation, ())},
            regions={code(v) for v in parts["region"].get(participation, ())},
            inferred_regions={code(v) for v in parts["inferred_region"].get(participation, ())},
            affiliations=set(parts["affiliation"].get(participation, ())),
        )

    if evidence and records:
        for row in _rows(store, _EVIDENCE):
            record = records.get(row["p"])
            if record is not None:
                record.quotes.add(row["quote"])

    details = {name: _pairs(store, query) for name, query in _DETAILS.items()}

    def first(name: str, subject: str) -> str:
        values = details[name].get(subject)
        return min(values) if values else ""

    kinds = {f"{GG}Person": "person", f"{GG}Organisation": "organisation", f"{GG}State": "state"}
    actors: dict[str, ActorInfo] = {}
    for actor, types in details["types"].items():
        # an IRI typed as several kinds keeps the first of person, organisation, state
        kind = next(kinds[t] for t in kinds if t in types)
        actors[actor] = ActorInfo(
            iri=actor,
            kind=kind,
            label=first("names", actor) or first("labels", actor) or _local_name(actor),
            known_group=code(first("known_groups", actor)) if actor in details["known_groups"] else "",
            known_region=code(first("known_regions", actor)) if actor in details["known_regions"] else "",
            # gg:statedStakeholderGroup on the organisation node itself (the "group" part has every subject)
            own_groups=tuple(sorted(code(g) for g in parts["group"].get(actor, ()))) if kind == "organisation" else (),
        )

    def processes_of(event: str) -> tuple[str, ...]:
        found = set(details["mentions"].get(event, ()))
        for holder in (event, *details["super_events"].get(event, ())):
            for instance in details["within"].get(holder, ()):
                found |= details["instance_of"].get(instance, set())
        return tuple(sorted(code(p) for p in found))

    def date_of(event: str) -> str:
        own = first("event_dates", event)
        if own:
            return own
        meetings = [first("event_dates", m) for m in sorted(details["super_events"].get(event, ()))]
        return min((d for d in meetings if d), default="")

    events: dict[str, EventInfo] = {}
    for event in set(details["events"]) | {r.event for r in records.values()}:
        events[event] = EventInfo(
            iri=event,
            label=first("event_names", event)
            or first("labels", event)
            or first("event_codes", event)
            or _local_name(event),
            code=first("event_codes", event),
            date=date_of(event),
            processes=processes_of(event),
        )
    ordered = sorted(records.values(), key=lambda r: (r.event, r.actor, r.iri))
    process_iris = {
        notation: iri for iri, notation in notation_of.items() if iri in by_scheme.get("process", {}).values()
    }
    return NetworkData(filters, ordered, actors, events, process_labels, process_iris)


# -- attributes --------------------------------------------------------------------------------


def majority(values: Iterable[str]) -> str:
    """The value given most often; ties go to the first in alphabetical order; ``""`` when there is none.

    >>> majority(["Civil Society", "Academia", "Civil Society"])
    'Civil Society'
    >>> majority(["Civil Society", "Academia"])
    'Academia'
    """
    counts = Counter(v for v in values if v)
    if not counts:
        return ""
    return min(counts, key=lambda v: (-counts[v], v))


def _person_attributes(records: list[ParticipationRecord]) -> tuple[str, str]:
    group = majority(g for r in records for g in r.groups) or majority(g for r in records for g in r.inferred_groups)
    region = majority(g for r in records for g in r.regions) or majority(g for r in records for g in r.inferred_regions)
    return group, region


def _actor_node(info: ActorInfo, records: list[ParticipationRecord], events: int) -> dict[str, object]:
    group, region = _person_attributes(records)
    if info.kind in ("organisation", "state"):
        # the regions stated for the people affiliated with it are theirs, not the organisation's
        _, region = _person_attributes([r for r in records if r.actor == info.iri])
        group = (
            info.known_group
            or majority([*info.own_groups, *(g for r in records for g in r.groups)])
            or majority(g for r in records for g in r.inferred_groups)
        )
    if info.kind == "state":
        group, region = "Government", info.known_region or region
    return {
        "label": info.label,
        "kind": info.kind,
        "stakeholder_group": group,
        "regional_group": region,
        "iri": info.iri,
        "n_events": events,
    }


def _event_node(info: EventInfo, participants: int) -> dict[str, object]:
    return {
        "label": info.label,
        "kind": "event",
        "stakeholder_group": "",
        "regional_group": "",
        "iri": info.iri,
        "code": info.code,
        "date": info.date,
        "processes": ";".join(info.processes),
        "n_participants": participants,
    }


def _graph(data: NetworkData, projection: str) -> nx.Graph:
    graph = nx.Graph()
    graph.graph.update(
        {"projection": projection, **{k: "" if v is None else v for k, v in data.filters.describe().items()}}
    )
    return graph


def _co_participation(
    data: NetworkData,
    projection: str,
    members: Mapping[str, set[str]],
    node_records: Mapping[str, list[ParticipationRecord]],
    evidence: Mapping[tuple[str, str], set[str]] | None,
    max_event_size: int | None,
) -> nx.Graph:
    """Join every two actors that take part in the same event; ``members`` maps event → actors."""
    graph = _graph(data, projection)
    too_big = sorted(e for e, actors in members.items() if max_event_size is not None and len(actors) > max_event_size)
    graph.graph["skipped_events"] = ";".join(too_big)
    graph.graph["max_event_size"] = "" if max_event_size is None else max_event_size
    actor_events: dict[str, set[str]] = defaultdict(set)
    for event, actors in members.items():
        for actor in actors:
            actor_events[actor].add(event)
    for actor in sorted(actor_events):
        graph.add_node(actor, **_actor_node(data.actor(actor), node_records.get(actor, []), len(actor_events[actor])))
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    skipped = set(too_big)
    for event in sorted(members):
        if event in skipped:
            continue
        for u, v in combinations(sorted(members[event]), 2):
            shared[(u, v)].append(event)
    for (u, v), event_list in shared.items():
        attributes: dict[str, object] = {
            "weight": len(event_list),
            "events": ";".join(event_list),
            "event_labels": ";".join(data.events[e].label for e in event_list),
        }
        if evidence is not None:
            attributes["evidence"] = _edge_evidence(data, event_list, (u, v), evidence)
        graph.add_edge(u, v, **attributes)
    return graph


def _edge_evidence(
    data: NetworkData, events: list[str], actors: tuple[str, ...], evidence: Mapping[tuple[str, str], set[str]]
) -> str:
    lines = []
    for event in events:
        for actor in actors:
            for quote in sorted(evidence.get((event, actor), ())):
                lines.append(f"{data.events[event].label}: {quote}")
    return "\n".join(lines)


def _evidence_index(data: NetworkData, *, organisations: bool = False) -> dict[tuple[str, str], set[str]]:
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record in data.participations:
        index[(record.event, record.actor)] |= record.quotes
        if organisations:
            for affiliation in record.affiliations:
                index[(record.event, affiliation)] |= record.quotes
    return index


# -- projections -------------------------------------------------------------------------------


def person_network(
    data: NetworkData, *, evidence: bool = False, max_event_size: int | None = MAX_EVENT_SIZE
) -> nx.Graph:
    """Person–person co-participation: an edge per pair of people sharing at least one event.

    An event with more than ``max_event_size`` people (``MAX_EVENT_SIZE`` by default; ``None`` for no
    limit) adds no edge: a meeting of thousands would join everyone to everyone (n²/2 edges) and says
    nothing about who works with whom. Its people keep their nodes and the event still counts in
    their ``n_events``; the graph attribute ``skipped_events`` lists such events (``;``-joined).

    Edge attributes: ``weight`` (the number of shared events), ``events`` (their IRIs joined by ``;``,
    sorted), ``event_labels`` (their names in the same order, joined by ``;``) and, with ``evidence``,
    ``evidence``: one line ``event: quote`` per evidence line stating either person at those events.
    """
    members: dict[str, set[str]] = defaultdict(set)
    records: dict[str, list[ParticipationRecord]] = defaultdict(list)
    for record in data.participations:
        if data.actor(record.actor).kind == "person":
            members[record.event].add(record.actor)
            records[record.actor].append(record)
    index = _evidence_index(data) if evidence else None
    return _co_participation(data, "person", members, records, index, max_event_size)


def organisation_network(
    data: NetworkData, *, evidence: bool = False, max_event_size: int | None = MAX_EVENT_SIZE
) -> nx.Graph:
    """Organisation–organisation co-participation (states included, ``kind`` tells them apart).

    An organisation takes part in an event when it is a participant there (an organiser, a
    contributor) or the stated affiliation of a participant. Edge attributes and ``max_event_size``
    as in ``person_network``.
    """
    members: dict[str, set[str]] = defaultdict(set)
    records: dict[str, list[ParticipationRecord]] = defaultdict(list)
    for record in data.participations:
        if data.actor(record.actor).kind in ("organisation", "state"):
            members[record.event].add(record.actor)
            records[record.actor].append(record)
        for affiliation in record.affiliations:
            if data.actor(affiliation).kind in ("organisation", "state"):
                members[record.event].add(affiliation)
                records[affiliation].append(record)
    index = _evidence_index(data, organisations=True) if evidence else None
    return _co_participation(data, "organisation", members, records, index, max_event_size)


def actor_event_network(data: NetworkData, *, evidence: bool = False, **_: object) -> nx.Graph:
    """The bipartite actor–event graph: each participant joined to each event it takes part in.

    Nodes carry ``bipartite`` (0 for actors, 1 for events, networkx's convention). Edge attributes:
    ``weight`` 1, ``roles`` (role notations joined by ``;``, sorted), ``stakeholder_group`` and
    ``regional_group`` as stated at that event (``;``-joined when several) and, with ``evidence``,
    ``evidence`` (the quotes, one per line).
    """
    graph = _graph(data, "bipartite")
    by_actor: dict[str, list[ParticipationRecord]] = defaultdict(list)
    by_event: dict[str, set[str]] = defaultdict(set)
    for record in data.participations:
        by_actor[record.actor].append(record)
        by_event[record.event].add(record.actor)
    for actor in sorted(by_actor):
        events = {r.event for r in by_actor[actor]}
        graph.add_node(actor, bipartite=0, **_actor_node(data.actor(actor), by_actor[actor], len(events)))
    for event in sorted(by_event):
        graph.add_node(event, bipartite=1, **_event_node(data.events[event], len(by_event[event])))
    for record in data.participations:
        attributes: dict[str, object] = {
            "weight": 1,
            "roles": ";".join(sorted(record.roles)),
            "stakeholder_group": ";".join(sorted(record.groups)),
            "regional_group": ";".join(sorted(record.regions)),
        }
        if evidence:
            attributes["evidence"] = "\n".join(sorted(record.quotes))
        graph.add_edge(record.actor, record.event, **attributes)
    return graph


def actor_process_network(data: NetworkData, *, evidence: bool = False, **_: object) -> nx.Graph:
    """The bipartite actor–process graph: each participant joined to the processes of its events.

    Process nodes are keyed by ``process:{notation}`` with ``kind`` ``process``; ``bipartite`` is 0 for
    actors and 1 for processes. Edge attributes: ``weight`` (the number of the actor's events in that
    process), ``events`` and ``event_labels`` as in ``person_network``.
    """
    graph = _graph(data, "process")
    by_actor: dict[str, list[ParticipationRecord]] = defaultdict(list)
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record in data.participations:
        by_actor[record.actor].append(record)
        for process in data.events[record.event].processes:
            links[(record.actor, process)].add(record.event)
    linked = sorted({actor for actor, _ in links})
    for actor in linked:
        events = {r.event for r in by_actor[actor]}
        graph.add_node(actor, bipartite=0, **_actor_node(data.actor(actor), by_actor[actor], len(events)))
    for process in sorted({p for _, p in links}):
        graph.add_node(
            f"process:{process}",
            bipartite=1,
            label=data.process_labels.get(process, process),
            kind="process",
            stakeholder_group="",
            regional_group="",
            iri=data.process_iris.get(process, ""),
            notation=process,
        )
    index = _evidence_index(data) if evidence else None
    for (actor, process), events in sorted(links.items()):
        event_list = sorted(events)
        attributes: dict[str, object] = {
            "weight": len(event_list),
            "events": ";".join(event_list),
            "event_labels": ";".join(data.events[e].label for e in event_list),
        }
        if index is not None:
            attributes["evidence"] = _edge_evidence(data, event_list, (actor,), index)
        graph.add_edge(actor, f"process:{process}", **attributes)
    return graph


BUILDERS = {
    Projection.person: person_network,
    Projection.organisation: organisation_network,
    Projection.bipartite: actor_event_network,
    Projection.process: actor_process_network,
}


def project(
    store: GraphStore,
    projection: Projection | str = Projection.person,
    filters: Filters | None = None,
    *,
    evidence: bool = False,
    max_event_size: int | None = None,
) -> nx.Graph:
    """The ``projection`` of the store's graph, filtered; see the module docstring.

    ``max_event_size`` applies to the co-participation projections (see ``person_network``); ``None``
    means the default ``MAX_EVENT_SIZE``; pass ``0`` for no limit.

    >>> graph = project(store, "person", Filters(process="OEWG", year_from=2021))  # doctest: +SKIP
    """
    try:
        kind = Projection(projection)
    except ValueError:
        valid = ", ".join(p.value for p in Projection)
        raise BadInputError(f"unknown projection {projection!r}; choose one of {valid}") from None
    data = load_network_data(store, filters, evidence=evidence)
    limit = MAX_EVENT_SIZE if max_event_size is None else (max_event_size or None)
    return BUILDERS[kind](data, evidence=evidence, max_event_size=limit)
