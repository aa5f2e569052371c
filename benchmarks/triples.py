"""Generate N-Quads in the graph's shape directly, for sizes the document path does not reach.

    python benchmarks/triples.py --triples 1e6 --seed 7 --out /tmp/g-1e6.nq
    python benchmarks/triples.py --delta --from /tmp/g-1e6.nq --triples 1e3 --seed 7 --out /tmp/delta.nq

The dataset follows docs/model.md: the ontology and concept schemes in the ontology graph, the
reference data in the reference graph, and one named graph per synthetic source document holding its
document and source-file nodes, an event (IGF session) or a contribution (NETmundial), persons and
organisations with their names, one ``gg:Participation`` per actor and event (role, stated
stakeholder and regional group, affiliation, evidence with quote and offsets), and process mentions
with their evidence. Actors repeat across graphs with Zipf-like popularity (``synth.ActorPool``).
Generation stops at the first document graph boundary at or after the requested triple count.

Beside ``FILE.nq`` it writes ``FILE.nodes.json`` (a sample of person, organisation and event IRIs)
from which ``--delta`` builds a change of about 10^3 triples in a new ingest graph: new
participations touching existing persons and events, with a few deliberate mistakes listed in
``DELTA.expected.json`` (what a validator should report).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus_stats
from benchmarks.synth import REGIONAL_GROUP_FORMS, ActorPool, Person, paragraph
from govgraph.vocab import slugify

ID = "https://w3id.org/govgraph/id/"
GG = "https://w3id.org/govgraph/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
FOAF_NAME = "<http://xmlns.com/foaf/0.1/name>"
DCT_TITLE = "<http://purl.org/dc/terms/title>"
PROV_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ONTOLOGY_GRAPH = "<https://w3id.org/govgraph/graph/ontology>"
REFERENCE_GRAPH = "<https://w3id.org/govgraph/graph/reference>"

ROLES = ("speaker", "speaker", "speaker", "moderator", "organizer", "rapporteur", "online-moderator", "co-chair")
PROCESS_INSTANCES = {
    "oewg": "oewg-2019-2021",
    "gge": "gge-2019-2021",
    "ahc": "ahc-2022-2024",
    "uncc": "uncc-2024",
    "igf": "igf",
    "wsis": None,
    "roadmap": None,
    "gdc": None,
    "permanentmechanism": None,
}
FORMATS = ("round-table", "panel", "classroom", "break-out-group-discussion", "workshop", "debate")
YEARS = (2019, 2020, 2021, 2022, 2023, 2024, 2025)


def g(local: str) -> str:
    """An ontology term as an N-Quads IRI."""
    return f"<{GG}{local}>"


def node(kind: str, slug: str) -> str:
    """An individual's IRI as N-Quads (``id/{kind}/{slug}``)."""
    return f"<{ID}{kind}/{slug}>"


def hashed(kind: str, *key: str) -> str:
    """The hashed IRI of an n-ary node, as ``govgraph.vocab.hashed_iri`` mints it."""
    return f"<{ID}{kind}/{hashlib.sha256(chr(0x1F).join(key).encode('utf-8')).hexdigest()[:16]}>"


def lit(text: str) -> str:
    """A plain string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _concept_slug(text: str) -> str:
    return slugify(text)


def _static_quads() -> list[str]:
    """The ontology, concept schemes and reference data, as N-Quads lines in their graphs."""
    from rdflib import Graph

    repo = corpus_stats.REPO
    lines: list[str] = []
    groups = (
        (ONTOLOGY_GRAPH, [repo / "ontology" / "govgraph.ttl", *sorted((repo / "ontology" / "schemes").glob("*.ttl"))]),
        (REFERENCE_GRAPH, sorted((repo / "data" / "reference").glob("*.ttl"))),
    )
    for graph_iri, files in groups:
        graph = Graph()
        for path in files:
            if path.exists():
                graph.parse(path, format="turtle")
        for line in graph.serialize(format="nt").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and not line.startswith("_:"):
                lines.append(f"{line[:-1].rstrip()} {graph_iri} .")
    return sorted(lines)


class _Writer:
    def __init__(self, handle: object) -> None:
        self.handle = handle
        self.count = 0
        self.buffer: list[str] = []

    def quad(self, s: str, p: str, o: str, graph: str) -> None:
        self.buffer.append(f"{s} {p} {o} {graph} .\n")
        self.count += 1
        if len(self.buffer) >= 20000:
            self.flush()

    def flush(self) -> None:
        self.handle.write("".join(self.buffer))  # type: ignore[attr-defined]
        self.buffer.clear()


def _evidence(w: _Writer, graph: str, file_iri: str, path: str, line: int, quote: str) -> str:
    start = line * 80
    evidence = hashed("evidence", path, str(start), str(start + len(quote)))
    w.quad(evidence, RDF_TYPE, g("Evidence"), graph)
    w.quad(evidence, g("inFile"), file_iri, graph)
    w.quad(evidence, g("line"), typed(line, "integer"), graph)
    w.quad(evidence, g("startOffset"), typed(start, "integer"), graph)
    w.quad(evidence, g("endOffset"), typed(start + len(quote), "integer"), graph)
    w.quad(evidence, g("quote"), lit(quote), graph)
    return evidence


def _actor(w: _Writer, graph: str, person: Person, written: set[str]) -> tuple[str, str]:
    slug = slugify(person.name)
    written.add(slug)
    iri = node("person", slug)
    w.quad(iri, RDF_TYPE, g("Person"), graph)
    w.quad(iri, FOAF_NAME, lit(person.name), graph)
    org = node("organisation", slugify(person.affiliation.name))
    return iri, org


def _document_graph(
    w: _Writer, rng: random.Random, pool: ActorPool, index: int, labels: dict[str, str], written: set[str]
) -> str | None:
    """One document graph; returns its event's IRI (``None`` for a contribution)."""
    contribution = rng.random() < 0.3
    collection = "contributions" if contribution else "igf-sessions"
    stem = f"{index:07d}"
    doc = node("document", f"{collection}/{stem}")
    graph = doc
    path = f"{collection}/{stem}{'A' if contribution else ''}.txt"
    file_iri = node("file", f"{collection}/{slugify(path.split('/')[1])}")
    title = f"Synthetic session {index} on {rng.choice(('norms', 'cybercrime', 'digital cooperation', 'rights'))}"
    w.quad(doc, RDF_TYPE, g("Document"), graph)
    w.quad(doc, DCT_TITLE, lit(title), graph)
    genre = "netmundial-contribution" if contribution else "igf-session"
    w.quad(doc, g("genre"), node("genre", genre), graph)
    w.quad(doc, g("collection"), lit(collection), graph)
    w.quad(doc, g("sourceFile"), file_iri, graph)
    w.quad(file_iri, RDF_TYPE, g("SourceFile"), graph)
    w.quad(file_iri, g("filePath"), lit(path), graph)
    w.quad(file_iri, g("sha256"), lit(hashlib.sha256(path.encode()).hexdigest()), graph)
    w.quad(file_iri, g("encoding"), lit(rng.choice(("utf-8", "windows-1252"))), graph)
    if contribution:
        _contribution(w, rng, pool, index, graph, doc, file_iri, path, title, written)
        return None
    year = rng.choice(YEARS)
    code = f"IGF {year} WS #{index}"
    event = node("event", slugify(code))
    w.quad(event, RDF_TYPE, g("Event"), graph)
    w.quad(event, f"<{SCHEMA}name>", lit(title), graph)
    w.quad(event, g("code"), lit(code), graph)
    w.quad(event, f"<{SCHEMA}superEvent>", node("event", f"igf-{year}"), graph)
    w.quad(event, g("eventFormat"), node("event-format", rng.choice(FORMATS)), graph)
    w.quad(event, g("durationMinutes"), typed(rng.choice((60, 90)), "integer"), graph)
    if rng.random() < 0.7:
        w.quad(
            event,
            f"<{SCHEMA}startDate>",
            typed(f"{year}-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}", "date"),
            graph,
        )
    for target in rng.sample(("17.16", "17.17", "16.10", "9.c", "4.4"), rng.randint(1, 3)):
        w.quad(event, g("sdgTarget"), node("sdg", target), graph)
    w.quad(event, PROV_DERIVED, doc, graph)
    people = pool.people_sample(rng.randint(3, 9), rng)
    for line, person in enumerate(people, start=3):
        actor, org = _actor(w, graph, person, written)
        roles = [rng.choice(ROLES)] + (["moderator"] if rng.random() < 0.15 else [])
        # keyed by source document, event and actor, as govgraph.rdf does (docs/model.md)
        participation = hashed("participation", doc[1:-1], event[1:-1], actor[1:-1])
        w.quad(participation, RDF_TYPE, g("Participation"), graph)
        w.quad(participation, g("participant"), actor, graph)
        w.quad(participation, g("event"), event, graph)
        for role in sorted(set(roles)):
            w.quad(participation, g("role"), node("role", role), graph)
        group = person.group if rng.random() > 0.05 else "Civil Society"
        w.quad(participation, g("statedStakeholderGroup"), node("stakeholder-group", _concept_slug(group)), graph)
        if group != "Intergovernmental Organization":
            w.quad(
                participation,
                g("statedRegionalGroup"),
                node("regional-group", _concept_slug(person.regional_group)),
                graph,
            )
        if rng.random() < 0.5:
            w.quad(org, RDF_TYPE, g("Organisation"), graph)
            w.quad(org, FOAF_NAME, lit(person.affiliation.name), graph)
            w.quad(participation, g("affiliation"), org, graph)
        quote = f"Speaker {line - 2}: {person.name}, {group}, {REGIONAL_GROUP_FORMS[person.regional_group]}"
        w.quad(participation, g("evidence"), _evidence(w, graph, file_iri, path, line, quote), graph)
        w.quad(participation, PROV_DERIVED, doc, graph)
    _mentions(w, rng, graph, event, doc, file_iri, path, labels)
    return event


def _contribution(
    w: _Writer,
    rng: random.Random,
    pool: ActorPool,
    index: int,
    graph: str,
    doc: str,
    file_iri: str,
    path: str,
    title: str,
    written: set[str],
) -> None:
    contribution = node("contribution", f"synthetic-{index:07d}")
    meeting = node("event", "netmundial-2014")
    person = pool.people_sample(1, rng)[0]
    actor, org = _actor(w, graph, person, written)
    w.quad(org, RDF_TYPE, g("Organisation"), graph)
    w.quad(org, FOAF_NAME, lit(person.affiliation.name), graph)
    group = node("stakeholder-group", _concept_slug(person.group))
    w.quad(contribution, RDF_TYPE, g("Contribution"), graph)
    w.quad(contribution, DCT_TITLE, lit(title), graph)
    w.quad(contribution, g("submittedTo"), meeting, graph)
    w.quad(contribution, g("contributor"), actor, graph)
    w.quad(contribution, g("statedOrganisation"), org, graph)
    w.quad(contribution, g("statedStakeholderGroup"), group, graph)
    w.quad(contribution, g("statedRegion"), lit(person.country[1]), graph)
    w.quad(contribution, g("country"), node("state", person.country[0].lower()), graph)
    w.quad(contribution, g("track"), node("track", rng.choice(("principles", "roadmap", "combined"))), graph)
    for keyword in rng.sample(("Openness", "Privacy", "Security", "Human Rights", "Access"), rng.randint(1, 4)):
        w.quad(contribution, g("keyword"), lit(keyword), graph)
    evidence = _evidence(w, graph, file_iri, path, 3, f"Entitled by: {person.name}")
    w.quad(contribution, g("evidence"), evidence, graph)
    w.quad(contribution, PROV_DERIVED, doc, graph)
    participation = hashed("participation", doc[1:-1], meeting[1:-1], actor[1:-1])
    w.quad(participation, RDF_TYPE, g("Participation"), graph)
    w.quad(participation, g("participant"), actor, graph)
    w.quad(participation, g("event"), meeting, graph)
    w.quad(participation, g("role"), node("role", "contributor"), graph)
    w.quad(participation, g("statedStakeholderGroup"), group, graph)
    w.quad(participation, g("affiliation"), org, graph)
    w.quad(
        participation, g("inferredRegionalGroup"), node("regional-group", _concept_slug(person.regional_group)), graph
    )
    w.quad(participation, g("evidence"), evidence, graph)
    w.quad(participation, PROV_DERIVED, doc, graph)


def _mentions(
    w: _Writer,
    rng: random.Random,
    graph: str,
    context: str,
    doc: str,
    file_iri: str,
    path: str,
    labels: dict[str, str],
) -> None:
    processes = rng.sample(sorted(PROCESS_INSTANCES), rng.randint(0, 3))
    # one line each, below the participant lines: evidence is keyed by its span, as the pipeline keys it
    lines = rng.sample(range(100, 140), len(processes))
    for process, line in zip(processes, lines, strict=True):
        instance = PROCESS_INSTANCES[process]
        mention = hashed("mention", context[1:-1], process, instance or "")
        w.quad(mention, RDF_TYPE, g("ProcessMention"), graph)
        w.quad(mention, g("mentionedIn"), context, graph)
        w.quad(mention, g("process"), node("process", process), graph)
        if instance:
            w.quad(mention, g("processInstance"), node("process-instance", instance), graph)
        surface = labels.get(process, process.upper())
        w.quad(mention, g("surfaceForm"), lit(surface), graph)
        w.quad(mention, g("occurrences"), typed(rng.randint(1, 6), "integer"), graph)
        w.quad(mention, PROV_DERIVED, doc, graph)
        quote = paragraph(rng, 1, [surface])
        w.quad(mention, g("evidence"), _evidence(w, graph, file_iri, path, line, quote), graph)


def generate(triples: int, seed: int, out: Path) -> dict[str, int]:
    """Write at least ``triples`` quads (stopping at a graph boundary) to ``out``; return counts.

    Also writes ``out`` + ``.nodes.json`` with samples of the person, organisation and event IRIs.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    static = _static_quads()
    units = max(1, (triples - len(static)) // 110)
    rng = random.Random(f"govgraph-bench:{seed}:triples:actors")
    pool = ActorPool(
        rng,
        persons=max(40, int(units * 1.6)),
        organisations=max(20, int(units * 0.5)),
        group_weights={
            "Civil Society": 30,
            "Government": 20,
            "Private Sector": 18,
            "Technical Community": 9,
            "Intergovernmental Organization": 6,
            "Academia": 11,
        },
        region_weights={
            "African Group": 4,
            "Asia-Pacific Group": 2,
            "Eastern European Group": 2,
            "GRULAC": 2,
            "WEOG": 3,
        },
    )
    labels = {
        "oewg": "OEWG",
        "gge": "UN GGE",
        "ahc": "Ad Hoc Committee",
        "uncc": "UN Cybercrime Convention",
        "igf": "IGF",
        "wsis": "WSIS",
        "roadmap": "Roadmap for Digital Cooperation",
        "gdc": "Global Digital Compact",
        "permanentmechanism": "Programme of Action",
    }
    graphs = 0
    events: list[str] = []
    written: set[str] = set()  # slugs of the persons that appear in the dataset
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        writer = _Writer(handle)
        handle.write("".join(line + "\n" for line in static))
        writer.count = len(static)
        while writer.count < triples:
            doc_rng = random.Random(f"govgraph-bench:{seed}:triples:graph:{graphs}")
            event = _document_graph(writer, doc_rng, pool, graphs, labels, written)
            if event and len(events) < 2000:
                events.append(event[1:-1])
            graphs += 1
        writer.flush()
    people = pool.people[: min(len(pool.people), 2000)]  # the most popular first
    nodes = {
        "persons": [node("person", slugify(p.name))[1:-1] for p in people if slugify(p.name) in written],
        "organisations": sorted({node("organisation", slugify(p.affiliation.name))[1:-1] for p in people}),
        "events": events,
    }
    Path(f"{out}.nodes.json").write_text(json.dumps(nodes) + "\n", encoding="utf-8")
    return {"triples": writer.count, "graphs": graphs + 2, "static_triples": len(static)}


# -- the delta ------------------------------------------------------------------------------------


def delta(nodes_file: Path, triples: int, seed: int, out: Path) -> dict[str, object]:
    """Write a change of about ``triples`` quads touching existing nodes, with a few mistakes.

    The change is one ingest graph: a document node, and new participations of existing persons in
    existing events (role, stated groups, evidence). Mistakes, one of each (listed in
    ``out`` + ``.expected.json``): a participation without ``gg:event``, a role that is no role
    concept, a person without a name, an impossible date, a stakeholder group given as a string.
    Writes N-Quads to ``out`` and the same triples as Turtle-compatible N-Triples to ``out`` with
    suffix ``.nt`` (for validators that take a graph, not a dataset).
    """
    nodes = json.loads(Path(nodes_file).read_text(encoding="utf-8"))
    rng = random.Random(f"govgraph-bench:{seed}:delta")
    graph = node("document", f"ingest/benchmark-delta-{seed}")
    lines: list[str] = []

    class _Collect:
        def write(self, text: str) -> None:
            lines.append(text)

    w = _Writer(_Collect())
    file_iri = node("file", f"ingest/benchmark-delta-{seed}-ttl")
    path = f"ingest/benchmark-delta-{seed}.ttl"
    w.quad(graph, RDF_TYPE, g("Document"), graph)
    w.quad(graph, DCT_TITLE, lit(f"Benchmark delta {seed}"), graph)
    w.quad(graph, g("genre"), node("genre", "ingested-rdf"), graph)
    w.quad(graph, g("collection"), lit("ingest"), graph)
    w.quad(graph, g("sourceFile"), file_iri, graph)
    w.quad(file_iri, RDF_TYPE, g("SourceFile"), graph)
    w.quad(file_iri, g("filePath"), lit(path), graph)
    w.quad(file_iri, g("sha256"), lit(hashlib.sha256(path.encode()).hexdigest()), graph)
    mistakes: list[dict[str, str]] = []
    persons, events = nodes["persons"], nodes["events"]
    n = 0
    while w.count < triples - 8:
        person = f"<{rng.choice(persons)}>"
        event = f"<{rng.choice(events)}>"
        participation = hashed("participation", event[1:-1], person[1:-1], f"delta-{seed}-{n}")
        w.quad(participation, RDF_TYPE, g("Participation"), graph)
        w.quad(participation, g("participant"), person, graph)
        kind = n % 200 if n < 1000 else -1
        if kind != 1:
            w.quad(participation, g("event"), event, graph)
        else:
            mistakes.append(
                {"focus": participation[1:-1], "path": f"{GG}event", "what": "participation without an event"}
            )
        role = node("role", "keynote-speaker") if kind == 2 else node("role", rng.choice(ROLES))
        if kind == 2:
            mistakes.append(
                {"focus": participation[1:-1], "path": f"{GG}role", "what": "role that is not a role concept"}
            )
        w.quad(participation, g("role"), role, graph)
        if kind == 3:
            w.quad(participation, g("statedStakeholderGroup"), lit("Civil Society"), graph)
            mistakes.append(
                {"focus": participation[1:-1], "path": f"{GG}statedStakeholderGroup", "what": "group as a string"}
            )
        else:
            w.quad(participation, g("statedStakeholderGroup"), node("stakeholder-group", "civil-society"), graph)
        w.quad(participation, g("statedRegionalGroup"), node("regional-group", "weog"), graph)
        quote = f"Speaker {n}: added by a maintainer"
        w.quad(participation, g("evidence"), _evidence(w, graph, file_iri, path, n + 1, quote), graph)
        w.quad(participation, PROV_DERIVED, graph, graph)
        if kind == 4:
            nameless = node("person", f"benchmark-nameless-{seed}")
            w.quad(nameless, RDF_TYPE, g("Person"), graph)
            w.quad(participation, g("participant"), nameless, graph)
            mistakes.append(
                {"focus": nameless[1:-1], "path": "http://xmlns.com/foaf/0.1/name", "what": "person without a name"}
            )
        if kind == 5:
            w.quad(event, f"<{SCHEMA}startDate>", typed("2019-02-30", "date"), graph)
            mistakes.append({"focus": event[1:-1], "path": f"{SCHEMA}startDate", "what": "impossible date"})
        n += 1
    w.flush()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(lines)
    out.write_text(text, encoding="utf-8")
    nt = out.with_suffix(".nt")
    nt.write_text("".join(line.rsplit(" ", 2)[0] + " .\n" for line in text.splitlines()), encoding="utf-8")
    expected = {"triples": w.count, "graph": graph[1:-1], "participations": n, "mistakes": mistakes}
    Path(f"{out}.expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")
    return expected


def iter_quads(path: Path) -> Iterator[str]:
    """The lines of an N-Quads file."""
    with Path(path).open(encoding="utf-8") as handle:
        yield from handle


def main(argv: list[str] | None = None) -> int:
    """Command line: a dataset (``--triples N --seed S --out FILE.nq``) or a delta (``--delta --from``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=lambda s: int(float(s)), required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--delta", action="store_true", help="write a delta against the dataset given by --from")
    parser.add_argument("--from", dest="source", type=Path, help="the dataset FILE.nq a delta is made for")
    args = parser.parse_args(argv)
    if args.delta:
        if not args.source:
            parser.error("--delta needs --from FILE.nq (the dataset it changes)")
        result: dict[str, object] = delta(Path(f"{args.source}.nodes.json"), args.triples, args.seed, args.out)
        result = {k: v for k, v in result.items() if k != "mistakes"} | {"mistakes": len(result["mistakes"])}  # type: ignore[arg-type]
    else:
        result = dict(generate(args.triples, args.seed, args.out))
    print(json.dumps({"out": str(args.out), **result}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
