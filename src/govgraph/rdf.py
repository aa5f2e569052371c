"""Records → RDF: one named graph per document, provenance down to the line.

The mapping is described, with an example, in ``docs/model.md``. Every node a document graph
mentions carries its type (and actors their name) inside that graph, so each graph stands alone
and can be validated, replaced or removed on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef

from govgraph import records
from govgraph.store import graph_quads
from govgraph.vocab import DCTERMS, FOAF, GG, ID, PROV, RDF, SCHEMA, XSD, hashed_iri, iri, slugify

Triple = tuple[URIRef, URIRef, URIRef | Literal]


class IdentityResolver(Protocol):
    """What the RDF mapping needs from identity resolution (``govgraph.resolve.Resolver``)."""

    def person(self, name: str) -> URIRef: ...
    def organisation(self, name: str) -> URIRef: ...
    def state(self, iso3: str) -> URIRef: ...
    def state_named(self, name: str) -> URIRef | None: ...


def document_iri(document_id: str) -> URIRef:
    """``id/document/<collection>/<stem>``; the same IRI names the document's graph."""
    collection, _, stem = document_id.partition("/")
    return URIRef(f"{ID}document/{slugify(collection)}/{_safe_segment(stem)}")


def source_file_iri(path: str) -> URIRef:
    collection, _, name = path.partition("/")
    return iri("file", slugify(collection), slugify(name))


def _safe_segment(text: str) -> str:
    # file stems like "000_907f27a4b7816e82" stay readable; anything else becomes a slug
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in text)
    return cleaned.strip("-") or slugify(text)


def concept(kind: str, notation: str) -> URIRef:
    """The IRI of the concept with ``notation`` in the scheme of ``kind`` (see docs/model.md)."""
    return iri(kind, notation)


def event_iri(document: records.Document, index: int, event: records.Event) -> URIRef:
    if event.code:
        return iri("event", event.code)
    return iri("event", f"{slugify(document.id)}-{index + 1}")


def iso_date(value: str | None) -> Literal | None:
    """An ``xsd:date`` literal for a valid ISO date, ``None`` otherwise (never store a bad date)."""
    if not value:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=XSD.date)


@dataclass
class _Triples:
    """Collects a document graph's triples, dropping exact repeats, keeping insertion order."""

    items: dict[Triple, None] = field(default_factory=dict)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.items[(s, p, o)] = None

    def text(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value:
            self.add(s, p, Literal(value))

    def integer(self, s: URIRef, p: URIRef, value: int | None) -> None:
        if value is not None:
            self.add(s, p, Literal(value, datatype=XSD.integer))


class _DocumentMapper:
    def __init__(self, document: records.Document, resolver: IdentityResolver) -> None:
        self.document = document
        self.resolver = resolver
        self.doc = document_iri(document.id)
        self.out = _Triples()
        self.files = {f.path: source_file_iri(f.path) for f in document.files}

    def run(self) -> list[Triple]:
        self._document()
        for organisation in self.document.organisations:
            self._organisation(organisation)
        for index, event in enumerate(self.document.events):
            self._event(index, event)
        for mention in self.document.processes:
            self._process_mention(self.doc, mention)
        for mention in self.document.instruments:
            self._instrument_mention(self.doc, mention)
        for contribution in self.document.contributions:
            self._contribution(contribution)
        return list(self.out.items)

    # -- nodes -----------------------------------------------------------------------------------

    def _document(self) -> None:
        d, out = self.doc, self.out
        out.add(d, RDF.type, GG.Document)
        out.text(d, DCTERMS.title, self.document.title)
        out.add(d, GG.genre, concept("genre", self.document.genre))
        out.text(d, GG.collection, self.document.collection)
        out.add(d, DCTERMS.date, iso_date(self.document.date))
        for source in self.document.files:
            f = self.files[source.path]
            out.add(d, GG.sourceFile, f)
            out.add(f, RDF.type, GG.SourceFile)
            out.text(f, GG.filePath, source.path)
            out.text(f, GG.sha256, source.sha256)
            out.text(f, GG.encoding, source.encoding)

    def _evidence(self, span: records.Span | None) -> URIRef | None:
        if span is None:
            return None
        e = hashed_iri("evidence", span.file, str(span.start), str(span.end))
        out = self.out
        out.add(e, RDF.type, GG.Evidence)
        out.add(e, GG.inFile, self.files.get(span.file, source_file_iri(span.file)))
        out.integer(e, GG.line, span.line)
        out.integer(e, GG.startOffset, span.start)
        out.integer(e, GG.endOffset, span.end)
        out.add(e, GG.quote, Literal(span.quote))
        return e

    def _actor(self, name: str, kind: str) -> URIRef:
        out = self.out
        if kind == "person":
            a = self.resolver.person(name)
            out.add(a, RDF.type, GG.Person)
        elif kind == "state":
            a = self.resolver.state(name)
            out.add(a, RDF.type, GG.State)
            return a
        else:
            a = self.resolver.organisation(name)
            out.add(a, RDF.type, GG.Organisation)
        out.add(a, FOAF.name, Literal(name))
        return a

    def _affiliation(self, name: str) -> URIRef:
        state = self.resolver.state_named(name)
        if state is not None:
            self.out.add(state, RDF.type, GG.State)
            return state
        return self._actor(name, "organisation")

    def _organisation(self, organisation: records.Organisation) -> URIRef:
        o = self._actor(organisation.name, "organisation")
        self.out.text(o, GG.acronym, organisation.acronym)
        if organisation.stakeholder_group:
            self.out.add(o, GG.statedStakeholderGroup, concept("stakeholder-group", organisation.stakeholder_group))
        self.out.add(o, GG.evidence, self._evidence(organisation.evidence))
        return o

    def _event(self, index: int, event: records.Event) -> None:
        e, out = event_iri(self.document, index, event), self.out
        out.add(e, RDF.type, GG.Event)
        out.text(e, SCHEMA.name, event.title)
        out.text(e, GG.code, event.code)
        out.add(e, SCHEMA.startDate, iso_date(event.date))
        out.add(e, SCHEMA.endDate, iso_date(event.end_date))
        out.text(e, GG.timeText, event.time)
        out.text(e, SCHEMA.location, event.location)
        out.text(e, GG.room, event.room)
        if event.format:
            out.add(e, GG.eventFormat, concept("event-format", event.format))
        out.integer(e, GG.durationMinutes, event.duration_minutes)
        if event.parent:
            out.add(e, SCHEMA.superEvent, iri("event", event.parent))
        for target in event.sdg_targets:
            out.add(e, GG.sdgTarget, concept("sdg", target))
        out.add(e, PROV.wasDerivedFrom, self.doc)
        out.add(e, GG.evidence, self._evidence(event.evidence))

        # one participation per (event, actor): roles and evidence of repeated lines merge
        for organiser in event.organisers:
            self._participation(e, records.Participant(
                name=organiser.name, kind=organiser.kind, roles=["organizer"], evidence=organiser.evidence
            ))
        for participant in event.participants:
            self._participation(e, participant)
        for mention in event.processes:
            self._process_mention(e, mention)
        for mention in event.instruments:
            self._instrument_mention(e, mention)

    def _participation(self, event: URIRef, participant: records.Participant) -> URIRef:
        actor = self._actor(participant.name, participant.kind)
        # keyed by document too: what one source states about a participation never merges with
        # what another source states about the same actor at the same event
        p, out = hashed_iri("participation", str(self.doc), str(event), str(actor)), self.out
        out.add(p, RDF.type, GG.Participation)
        out.add(p, GG.participant, actor)
        out.add(p, GG.event, event)
        for role in participant.roles:
            out.add(p, GG.role, concept("role", role))
        if participant.stakeholder_group:
            out.add(p, GG.statedStakeholderGroup, concept("stakeholder-group", participant.stakeholder_group))
        if participant.regional_group:
            out.add(p, GG.statedRegionalGroup, concept("regional-group", participant.regional_group))
        if participant.inferred_stakeholder_group:
            out.add(p, GG.inferredStakeholderGroup,
                    concept("stakeholder-group", participant.inferred_stakeholder_group))
        if participant.inferred_regional_group:
            out.add(p, GG.inferredRegionalGroup, concept("regional-group", participant.inferred_regional_group))
        if participant.affiliation:
            out.add(p, GG.affiliation, self._affiliation(participant.affiliation))
        out.text(p, GG.jobTitle, participant.title)
        for span in participant.evidence:
            out.add(p, GG.evidence, self._evidence(span))
        out.add(p, PROV.wasDerivedFrom, self.doc)
        return p

    def _process_mention(self, context: URIRef, mention: records.ProcessMention) -> None:
        m = hashed_iri("mention", str(context), mention.process, mention.instance or "")
        out = self.out
        out.add(m, RDF.type, GG.ProcessMention)
        out.add(m, GG.mentionedIn, context)
        out.add(m, GG.process, concept("process", mention.process))
        if mention.instance:
            out.add(m, GG.processInstance, iri("process-instance", mention.instance))
        out.text(m, GG.surfaceForm, mention.surface)
        out.integer(m, GG.occurrences, mention.occurrences)
        out.add(m, GG.evidence, self._evidence(mention.evidence))
        out.add(m, PROV.wasDerivedFrom, self.doc)

    def _instrument_mention(self, context: URIRef, mention: records.InstrumentMention) -> None:
        m = hashed_iri("mention", str(context), "instrument", mention.instrument)
        out = self.out
        out.add(m, RDF.type, GG.InstrumentMention)
        out.add(m, GG.mentionedIn, context)
        out.add(m, GG.instrument, iri("instrument", mention.instrument))
        out.text(m, GG.surfaceForm, mention.surface)
        out.integer(m, GG.occurrences, mention.occurrences)
        out.add(m, GG.evidence, self._evidence(mention.evidence))
        out.add(m, PROV.wasDerivedFrom, self.doc)

    def _contribution(self, contribution: records.Contribution) -> None:
        c = iri("contribution", f"{contribution.meeting}-{contribution.number}")
        meeting = iri("event", contribution.meeting)
        out = self.out
        out.add(c, RDF.type, GG.Contribution)
        out.text(c, DCTERMS.title, contribution.title)
        out.add(c, GG.submittedTo, meeting)
        organisation = (
            self._actor(contribution.organisation, "organisation") if contribution.organisation else None
        )
        out.add(c, GG.statedOrganisation, organisation)
        if contribution.sector:
            out.add(c, GG.statedStakeholderGroup, concept("stakeholder-group", contribution.sector))
        out.text(c, GG.statedRegion, contribution.region)
        for code in contribution.countries:
            out.add(c, GG.country, self._actor(code, "state"))
        if contribution.track:
            out.add(c, GG.track, concept("track", contribution.track))
        for keyword in contribution.keywords:
            out.text(c, GG.keyword, keyword)
        for span in contribution.evidence:
            out.add(c, GG.evidence, self._evidence(span))
        out.add(c, PROV.wasDerivedFrom, self.doc)
        for contributor in contribution.contributors:
            out.add(c, GG.contributor, self._actor(contributor.name, contributor.kind))
            self._participation(meeting, contributor)


def document_triples(document: records.Document, resolver: IdentityResolver) -> tuple[URIRef, list[Triple]]:
    """The document's graph IRI and its triples, in a deterministic order."""
    mapper = _DocumentMapper(document, resolver)
    return mapper.doc, mapper.run()


def document_quads(document: records.Document, resolver: IdentityResolver) -> Iterator[ox.Quad]:
    """The document's triples as pyoxigraph quads in its named graph (what the build loads)."""
    graph_iri, triples = document_triples(document, resolver)
    return graph_quads(graph_iri, triples)


def document_dataset(document: records.Document, resolver: IdentityResolver) -> Dataset:
    """The document's named graph as an rdflib Dataset (for ``govgraph extract`` and tests)."""
    graph_iri, triples = document_triples(document, resolver)
    dataset = Dataset()
    bind_prefixes(dataset)
    graph = dataset.graph(graph_iri)
    for triple in triples:
        graph.add(triple)
    return dataset


def bind_prefixes(graph: Dataset, extra: Iterable[tuple[str, str]] = ()) -> None:
    from govgraph.vocab import PREFIXES

    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("id", ID)
    for prefix, namespace in extra:
        graph.bind(prefix, namespace)
