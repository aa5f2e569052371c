"""The release dump: every graph of the store plus a dataset description, deterministic.

The description (VoID and DCAT, in its own graph) carries the version, the licence — the graph
is derived from the NETmundial contributions, shared under CC BY-SA 2.5 IN, so the data is too —
and the counts; no timestamp, so the same store always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, Namespace, URIRef

from govgraph import __version__
from govgraph.errors import BadInputError
from govgraph.store import GraphStore, to_ox
from govgraph.vocab import DCTERMS, RDF, XSD

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DATASET = URIRef("https://w3id.org/govgraph/dataset")
DATASET_GRAPH = URIRef("https://w3id.org/govgraph/graph/dataset")
DATA_LICENCE = URIRef("https://creativecommons.org/licenses/by-sa/2.5/in/")

FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def dataset_description(store: GraphStore) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """VoID/DCAT triples describing the store's content."""
    graphs = [g for g in store.graph_names() if g != str(DATASET_GRAPH)]
    triples = sum(1 for _ in store.ox.quads_for_pattern(None, None, None, None))
    description: list[tuple[URIRef, URIRef, URIRef | Literal]] = [
        (DATASET, RDF.type, VOID.Dataset),
        (DATASET, RDF.type, DCAT.Dataset),
        (DATASET, DCTERMS.title, Literal("govgraph: the multistakeholder cyber-governance knowledge graph", lang="en")),
        (DATASET, DCTERMS.license, DATA_LICENCE),
        (DATASET, DCTERMS.hasVersion, Literal(__version__)),
        (DATASET, VOID.triples, Literal(triples, datatype=XSD.integer)),
        (DATASET, VOID.uriSpace, Literal("https://w3id.org/govgraph/id/")),
        (DATASET, VOID.vocabulary, URIRef("https://w3id.org/govgraph/ontology#")),
    ]
    description.extend((DATASET, VOID.subset, URIRef(graph)) for graph in graphs)
    return description


def export(store: GraphStore, output: Path, rdf_format: str = "nquads") -> int:
    """Write the release dump to ``output`` (N-Quads sorted line by line, or TriG); return the quad count."""
    if rdf_format not in FORMATS:
        raise BadInputError(f"unknown export format {rdf_format!r}; choose one of {', '.join(FORMATS)}")
    graph = ox.NamedNode(str(DATASET_GRAPH))
    quads = [
        q for q in store.ox.quads_for_pattern(None, None, None, None) if q.graph_name != graph
    ]
    quads.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in dataset_description(store))
    if rdf_format == "nquads":
        lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
        output.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    else:
        quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        output.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes()))
    return len(quads)


def _prefixes() -> dict[str, str]:
    from govgraph.vocab import ID, PREFIXES

    return {**{p: str(ns) for p, ns in PREFIXES.items()}, "id": ID}
