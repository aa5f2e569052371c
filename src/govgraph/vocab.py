"""Namespaces and the minting of deterministic IRIs.

Individuals are ``https://w3id.org/govgraph/id/{kind}/{slug}``; slugs derive from normalised
names, so the same input always gives the same IRI and the same actor merges across documents.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

GG = Namespace("https://w3id.org/govgraph/ontology#")
ID = "https://w3id.org/govgraph/id/"
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")

ONTOLOGY_GRAPH = URIRef("https://w3id.org/govgraph/graph/ontology")
REFERENCE_GRAPH = URIRef("https://w3id.org/govgraph/graph/reference")
INFERENCE_GRAPH = URIRef("https://w3id.org/govgraph/graph/inference")

PREFIXES = {
    "gg": GG,
    "schema": SCHEMA,
    "skos": SKOS,
    "foaf": FOAF,
    "org": ORG,
    "prov": PROV,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}

__all__ = [
    "DCTERMS",
    "FOAF",
    "GG",
    "ID",
    "INFERENCE_GRAPH",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REFERENCE_GRAPH",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
    "hashed_iri",
    "iri",
    "slugify",
    "sparql_prologue",
]


def slugify(text: str) -> str:
    """Lower-case ASCII slug of a name: accents dropped, anything else becomes single hyphens.

    >>> slugify("Anriette  Esterhuysen")
    'anriette-esterhuysen'
    >>> slugify("Sénégal / WSIS+10")
    'senegal-wsis-10'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def iri(kind: str, *parts: str) -> URIRef:
    """The IRI of an individual of ``kind`` named by ``parts`` (each slugified unless already a slug)."""
    slugs = [slugify(p) if not re.fullmatch(r"[a-z0-9.][a-z0-9.-]*", p) else p for p in parts]
    if not all(slugs):
        raise ValueError(f"cannot mint a {kind} IRI from {parts!r}: a part has no letters or digits")
    return URIRef(ID + kind + "/" + "/".join(slugs))


def hashed_iri(kind: str, *key: str) -> URIRef:
    """A deterministic IRI for a node identified by a tuple of other identifiers (n-ary nodes)."""
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{ID}{kind}/{digest}")


def sparql_prologue() -> str:
    """PREFIX declarations for every namespace above, for queries written in code."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
