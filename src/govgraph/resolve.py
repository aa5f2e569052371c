"""Canonical identities across documents: which names denote the same person or organisation.

The build hands the :class:`Resolver` every document before any IRI is minted (:meth:`Resolver.learn`);
the RDF mapping then asks it for the IRI of each name. Names merge when they are certainly one actor:

- the same name up to case, accents, punctuation, spacing, courtesy titles and degrees
  ("Dr. Anriette Esterhuysen" = "Anriette Esterhuysen"; "Jean Christophe Nothias" =
  "Jean-Christophe NOTHIAS"); for organisations also a leading "The" and a trailing legal form
  ("Google Inc." = "Google");
- an organisation's long name and the acronym a document defines for it ("Association for
  Progressive Communications (APC)" in one document, "APC" in another), when no other long name
  claims the same acronym;
- the names, acronyms and alternative labels of one reference organisation (``gg:Organisation`` in
  ``data/reference/``, with ``foaf:name``/``skos:prefLabel``, ``gg:acronym``, ``skos:altLabel``);
- a maintainer's ``owl:sameAs`` decision (``data/reference/identity-decisions.ttl``).

Anything less certain — names alike enough by rapidfuzz similarity, a word-order swap ("Emil
Kędzierski" / "Kędzierski Emil"), one name extending another ("Joana Varon" / "Joana Varon Ferraz"), an
acronym that matches a long name's initials — is a :class:`MergeCandidate` for a maintainer to
decide, never a merge. ``owl:differentFrom`` keeps two names apart whatever else says.

Identity decisions name actors by the IRI each name would get alone (``vocab.iri(kind, name)``), so
a maintainer can copy IRIs from ``govgraph resolve --review``. Everything is deterministic: the same
documents and reference data always give the same IRIs.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, ORG, OWL, RDF, RDFS, SKOS

from govgraph import records
from govgraph.vocab import GG, ID, iri, slugify

__all__ = [
    "CANDIDATE_THRESHOLD",
    "MergeCandidate",
    "Resolver",
    "acronym_of",
    "organisation_key",
    "person_key",
    "review",
]

Kind = Literal["person", "organisation"]

CANDIDATE_THRESHOLD = 85.0
"""Similarity (0–100) from which two names that did not merge are listed for review."""

# Courtesy titles before a name and degrees after it (see the module docstring).
_HONORIFIC = re.compile(
    r"^(?:(?:mr|mrs|ms|mx|miss|dr|prof|professor|sir|dame|h\s?e|hon|amb|ambassador|eng|ing)\b\.?\s*)+"
)
_DEGREE = re.compile(r"(?:\s+(?:ph\s?d|d\s?phil|m\s?sc|mba|m\s?phil|esq|jr|sr|ll\s?[bm]))+$")
_LEGAL_FORM = re.compile(r"(?:\s+(?:inc|ltd|llc|plc|gmbh|ag|s\s?a|s\s?a\s?s|co|corp|limited))+$")
_ACRONYM_SHAPE = re.compile(r"[A-Z][A-Za-z0-9&.\-]*")
_STOPWORDS = {"of", "for", "and", "the", "de", "la", "le", "des", "du", "da", "do", "del", "on", "in", "to"}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(text: str) -> str:
    text = _fold(text).replace("&", " and ")
    return " ".join(re.sub(r"[^\w?]+", " ", text).replace("_", " ").split())


def person_key(name: str) -> str:
    """The comparison key of a person's name: case, accents, punctuation, titles and degrees dropped.

    >>> person_key("Dr. Jean-Christophe NOTHIAS, Ph.D.")
    'jean christophe nothias'
    """
    key = _words(name)
    key = _HONORIFIC.sub("", key)
    return _DEGREE.sub("", key).strip()


def organisation_key(name: str) -> str:
    """The comparison key of an organisation's name (acronym in parentheses, "The", legal form dropped).

    >>> organisation_key("The Association for Progressive Communications (APC)")
    'association for progressive communications'
    """
    long_name, _ = acronym_of(name)
    key = _words(long_name)
    key = re.sub(r"^the\s+", "", key)
    return _LEGAL_FORM.sub("", key).strip() or key


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return (
        " " not in token.strip()
        and 2 <= len(token) <= 15
        and bool(_ACRONYM_SHAPE.fullmatch(token))
        and upper >= 2
        and upper >= len(letters) / 2
    )


def acronym_of(name: str) -> tuple[str, str | None]:
    """Split ``"Long Name (ACR)"``, ``"ACR - Long Name"`` or ``"Long Name - ACR"`` into (long name, acronym).

    >>> acronym_of("Association for Progressive Communications (APC)")
    ('Association for Progressive Communications', 'APC')
    >>> acronym_of("ISOC-Yemen")
    ('ISOC-Yemen', None)
    """
    text = " ".join(name.split())
    m = re.fullmatch(r"(.+?)\s*\(\s*([^()]+?)\s*\)", text)
    if m and _is_acronym(m[2]) and not _is_acronym(m[1]):
        return m[1], m[2]
    m = re.fullmatch(r"(.+?)\s+[-–]\s+(.+)", text)
    if m:
        if _is_acronym(m[1]) and not _is_acronym(m[2]):
            return m[2], m[1]
        if _is_acronym(m[2]) and not _is_acronym(m[1]):
            return m[1], m[2]
    return text, None


def _initials(long_name: str) -> str:
    # "Co-Operation" is one word: its initial is C (OECD).
    words = [w for w in _fold(long_name).split() if w and w not in _STOPWORDS]
    return "".join(w[0] for w in words if w[0].isalnum())


def _key(kind: str, name: str) -> str:
    return person_key(name) if kind == "person" else organisation_key(name)


@dataclass(frozen=True)
class MergeCandidate:
    """Two actors that may be one: a maintainer decides with an identity decision."""

    kind: str  # "person" | "organisation"
    score: float  # 0–100
    names: tuple[str, str]
    iris: tuple[str, str]  # the IRIs the two currently get
    documents: tuple[tuple[str, ...], tuple[str, ...]]  # where each name occurs
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "kind": self.kind,
            "score": self.score,
            "names": list(self.names),
            "iris": list(self.iris),
            "documents": [list(d) for d in self.documents],
            "reason": self.reason,
        }


@dataclass
class _Cluster:
    kind: str
    keys: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)  # name -> documents
    iri: URIRef | None = None


class _UnionFind:
    """Union-find over node ids that also keeps each root's members (for decision checks)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}

    def add(self, x: str) -> None:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = {x}

    def find(self, x: str) -> str:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller root wins so the result does not depend on the order of unions.
            ra, rb = sorted((ra, rb))
            self.parent[rb] = ra
            self.members[ra] |= self.members.pop(rb)
        return ra


class Resolver:
    """Maps names to canonical actor IRIs for one build (see the module docstring)."""

    def __init__(self) -> None:
        # Reference actors: key node -> IRI, and labels.
        self._reference: dict[str, URIRef] = {}  # node id -> reference IRI
        self._same_as: list[tuple[URIRef, URIRef]] = []
        self._different: set[frozenset[URIRef]] = set()
        self._names: dict[tuple[str, str], set[str]] = defaultdict(set)  # (kind, name) -> documents
        self._acronyms: dict[str, set[str]] = defaultdict(set)  # acronym -> org keys defining it
        self._reference_links: list[tuple[str, str]] = []  # (node, node) from reference labels
        self._built = False
        self._iri_nodes: dict[URIRef, set[str]] = {}
        self._clusters: dict[str, _Cluster] = {}
        self._uf = _UnionFind()
        self._blocked: list[tuple[str, str, str]] = []  # merges a differentFrom decision prevented
        self._states: dict[str, URIRef] = {}  # organisation-style key of every state label -> state IRI

    # -- construction -----------------------------------------------------------------------------

    @classmethod
    def from_reference(cls, reference: Graph) -> Resolver:
        """A resolver knowing the reference organisations and persons and the identity decisions."""
        resolver = cls()
        types = {
            "organisation": (GG.Organisation, ORG.Organization, FOAF.Organization),
            "person": (GG.Person, FOAF.Person),
        }
        for kind, classes in types.items():
            subjects = sorted({s for c in classes for s in reference.subjects(RDF.type, c) if isinstance(s, URIRef)})
            for subject in subjects:
                labels = sorted(
                    {
                        str(o)
                        for p in (FOAF.name, SKOS.prefLabel, RDFS.label, SKOS.altLabel, GG.acronym)
                        for o in reference.objects(subject, p)
                    }
                )
                if labels:
                    resolver._add_reference(kind, subject, labels)
        for state in sorted(s for s in reference.subjects(RDF.type, GG.State) if isinstance(s, URIRef)):
            for p in (FOAF.name, SKOS.prefLabel, SKOS.altLabel, RDFS.label):
                for label in reference.objects(state, p):
                    if key := _key("organisation", str(label)):
                        resolver._states.setdefault(key, state)
        for a, b in sorted(reference.subject_objects(OWL.sameAs)):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                resolver._same_as.append((a, b))
        for a, b in sorted(reference.subject_objects(OWL.differentFrom)):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                resolver._different.add(frozenset((a, b)))
        return resolver

    @classmethod
    def from_files(cls, files: Iterable[Path]) -> Resolver:
        """A resolver from Turtle files (reference data and decisions)."""
        graph = Graph()
        for f in files:
            graph.parse(f, format="turtle")
        return cls.from_reference(graph)

    def _add_reference(self, kind: str, subject: URIRef, labels: list[str]) -> None:
        ref_node = f"{kind}\x1fref\x1f{subject}"
        self._reference[ref_node] = subject
        self._uf.add(ref_node)
        for label in labels:
            key = _key(kind, label)
            if key:
                self._reference_links.append((ref_node, self._node(kind, key)))
            if kind == "organisation" and _is_acronym(label.strip()):
                self._reference_links.append((ref_node, self._acronym_node(label.strip())))
        self._built = False

    @staticmethod
    def _node(kind: str, key: str) -> str:
        return f"{kind}\x1f{key}"

    @staticmethod
    def _acronym_node(acronym: str) -> str:
        # Acronyms compare without dots and case: "CGI.br" = "CGI.BR", "U.N." = "UN".
        return "organisation\x1facronym\x1f" + re.sub(r"[^0-9a-z]", "", _fold(acronym))

    # -- learning ---------------------------------------------------------------------------------

    def learn(self, documents: Iterable[records.Document]) -> None:
        """See every actor name of the build (call before minting IRIs; may be called again)."""
        for document in documents:
            self.learn_names(document.id, document_names(document))

    def learn_names(self, document_id: str, names: Iterable[tuple[str, str]]) -> None:
        """See the (kind, name) pairs one document names actors by (what ``learn`` does per document)."""
        for kind, name in names:
            if name and name.strip():
                self._names[(kind, " ".join(name.split()))].add(document_id)
        self._built = False

    def add_name(self, kind: Kind, name: str, document: str = "") -> None:
        """Make one name known (tests, ingest of hand-written triples)."""
        self._names[(kind, " ".join(name.split()))].add(document)
        self._built = False

    # -- minting ----------------------------------------------------------------------------------

    def person(self, name: str) -> URIRef:
        """The IRI of the person ``name`` denotes."""
        return self._iri("person", name)

    def organisation(self, name: str) -> URIRef:
        """The IRI of the organisation ``name`` denotes."""
        return self._iri("organisation", name)

    def state(self, iso3: str) -> URIRef:
        """The IRI of a state by ISO alpha-3 code: ``id/state/deu``."""
        code = iso3.strip().lower()
        if not re.fullmatch(r"[a-z]{3}", code):
            raise ValueError(f"not an ISO 3166-1 alpha-3 code: {iso3!r}")
        return URIRef(f"{ID}state/{code}")

    def state_named(self, name: str) -> URIRef | None:
        """The state a name denotes exactly ("Brazil", "USA"), or ``None``: an affiliation that is a
        state is the State, not an organisation of the same name."""
        return self._states.get(_key("organisation", name))

    def _iri(self, kind: str, name: str) -> URIRef:
        self._build()
        name = " ".join(name.split())
        key = _key(kind, name)
        node = self._node(kind, key) if key else None
        if node is not None and node in self._uf.parent:
            cluster = self._clusters.get(self._uf.find(node))
            if cluster is not None and cluster.iri is not None:
                return cluster.iri
        if kind == "organisation":
            long_name, acronym = acronym_of(name)
            if acronym is None and _is_acronym(name):
                acronym_node = self._acronym_node(name)
                if acronym_node in self._uf.parent:
                    cluster = self._clusters.get(self._uf.find(acronym_node))
                    if cluster is not None and cluster.iri is not None:
                        return cluster.iri
            return _name_iri(kind, long_name)
        return _name_iri(kind, name)

    # -- clustering -------------------------------------------------------------------------------

    def _build(self) -> None:
        if self._built:
            return
        uf = _UnionFind()
        self._acronyms = defaultdict(set)
        for ref_node in self._reference:
            uf.add(ref_node)
        for _, label_node in self._reference_links:
            uf.add(label_node)
        node_names: dict[str, dict[str, set[str]]] = defaultdict(dict)
        for (kind, name), docs in sorted(self._names.items()):
            key = _key(kind, name)
            if not key:
                continue
            node = self._node(kind, key)
            uf.add(node)
            node_names[node][name] = set(docs)
            if kind == "organisation":
                _long_name, acronym = acronym_of(name)
                if acronym is not None:
                    self._acronyms[self._acronym_node(acronym)].add(node)
                elif _is_acronym(name):
                    # A bare acronym is its own acronym node: it joins a long name defining it.
                    uf.union(node, self._acronym_node(name))

        # Which raw name IRIs live on which node (decisions name actors by these IRIs).
        iri_nodes: dict[URIRef, set[str]] = defaultdict(set)
        for node, names in node_names.items():
            kind = node.split("\x1f", 1)[0]
            for name in names:
                iri_nodes[_raw_iri(kind, name)].add(node)
        for ref_node, ref_iri in self._reference.items():
            iri_nodes[ref_iri].add(ref_node)

        # differentFrom decisions as pairs of node sets that must never share a cluster.
        apart = [
            (iri_nodes.get(x, set()), iri_nodes.get(y, set()))
            for x, y in (sorted(pair) for pair in sorted(self._different, key=sorted))
        ]

        def forbidden(a: str, b: str) -> bool:
            ra, rb = uf.find(a), uf.find(b)
            if ra == rb:
                return False
            members_a, members_b = uf.members[ra], uf.members[rb]
            return any((nx & members_a and ny & members_b) or (ny & members_a and nx & members_b) for nx, ny in apart)

        def merge(a: str, b: str, why: str) -> None:
            if apart and forbidden(a, b):
                self._blocked.append((a, b, why))
                return
            uf.union(a, b)

        self._blocked = []
        for a, b in sorted(self._reference_links):
            merge(a, b, "reference label")
        for acronym_node, long_nodes in sorted(self._acronyms.items()):
            # An acronym defined for exactly one long name (after merging) names that organisation.
            roots = {uf.find(n) for n in long_nodes}
            if len(roots) == 1:
                first = sorted(long_nodes)[0]
                uf.add(acronym_node)
                merge(acronym_node, first, "acronym defined")
                for other in sorted(long_nodes)[1:]:
                    merge(first, other, "same acronym")
        target_of: dict[str, URIRef] = {}
        for a, b in self._same_as:
            nodes_a, nodes_b = sorted(iri_nodes.get(a, set())), sorted(iri_nodes.get(b, set()))
            if not nodes_a:
                continue
            if nodes_b:
                for n in nodes_a:
                    merge(n, nodes_b[0], "owl:sameAs decision")
                target_of[uf.find(nodes_b[0])] = b
            else:
                for n in nodes_a[1:]:
                    merge(nodes_a[0], n, "owl:sameAs decision")
                target_of[uf.find(nodes_a[0])] = b

        clusters: dict[str, _Cluster] = {}
        for node in sorted(uf.parent):
            root = uf.find(node)
            kind = node.split("\x1f", 1)[0]
            cluster = clusters.setdefault(root, _Cluster(kind))
            if node in self._reference:
                cluster.iri = cluster.iri or self._reference[node]
            else:
                cluster.keys.add(node)
            for name, docs in node_names.get(node, {}).items():
                cluster.names.setdefault(name, set()).update(docs)
        # Decisions re-read after clustering: the root of a decided cluster may have changed.
        decided = {uf.find(node): target for node, target in target_of.items()}
        for root, cluster in clusters.items():
            if root in decided:
                cluster.iri = decided[root]
            elif cluster.iri is None and cluster.names:
                cluster.iri = _name_iri(cluster.kind, _canonical_name(cluster.kind, cluster.names))
        self._uf = uf
        self._clusters = clusters
        self._iri_nodes = iri_nodes
        self._built = True

    # -- review -----------------------------------------------------------------------------------

    def clusters(self) -> list[tuple[str, URIRef, list[str]]]:
        """Every actor of the build: (kind, IRI, names written for it), sorted."""
        self._build()
        out = [(c.kind, c.iri, sorted(c.names)) for c in self._clusters.values() if c.iri is not None and c.names]
        return sorted(out, key=lambda t: (t[0], str(t[1])))

    def candidates(self, threshold: float = CANDIDATE_THRESHOLD) -> list[MergeCandidate]:
        """Pairs of actors that may be one, with a score; sorted by score (highest first), then names."""
        self._build()
        different = {frozenset(p) for p in self._different}
        out: dict[tuple[str, str, str], MergeCandidate] = {}
        for kind in ("person", "organisation"):
            entries = sorted(
                (name, cluster)
                for cluster in self._clusters.values()
                if cluster.kind == kind and cluster.iri is not None
                for name in cluster.names
                if not (kind == "organisation" and _is_acronym(name))
            )
            for (name_a, ca), (name_b, cb) in _pairs_sharing_a_word(kind, entries):
                if ca is cb or ca.iri == cb.iri:
                    continue
                if (
                    frozenset((ca.iri, cb.iri)) in different
                    or frozenset((_raw_iri(kind, name_a), _raw_iri(kind, name_b))) in different
                ):
                    continue
                score, reason = _similarity(kind, name_a, name_b)
                if score >= threshold:
                    _keep_best(out, kind, name_a, name_b, ca, cb, score, reason)
            if kind == "organisation":
                self._acronym_candidates(out, different)
        return sorted(out.values(), key=lambda c: (-c.score, c.kind, c.names))

    def _acronym_candidates(
        self, out: dict[tuple[str, str, str], MergeCandidate], different: set[frozenset[URIRef]]
    ) -> None:
        # A bare acronym that spells the initials of a long name ("OECD" / "Organisation for Economic
        # Co-operation and Development"), or is defined for several long names: not certain.
        clusters = [c for c in self._clusters.values() if c.kind == "organisation" and c.iri is not None]
        long_names = sorted((n, c) for c in clusters for n in c.names if not _is_acronym(n))
        by_initials: dict[str, list[tuple[str, _Cluster]]] = defaultdict(list)
        for name, cluster in long_names:
            initials = _initials(acronym_of(name)[0])
            if len(initials) >= 2:
                by_initials[initials].append((name, cluster))
        for cluster in clusters:
            for name in sorted(cluster.names):
                if not _is_acronym(name):
                    continue
                for long_name, other in by_initials.get(re.sub(r"[^0-9a-z]", "", _fold(name)), []):
                    if other is cluster or other.iri == cluster.iri:
                        continue
                    if frozenset((cluster.iri, other.iri)) in different:
                        continue
                    _keep_best(
                        out,
                        "organisation",
                        name,
                        long_name,
                        cluster,
                        other,
                        90.0,
                        "acronym matches the initials of the long name",
                    )
        for acronym_node, long_nodes in sorted(self._acronyms.items()):
            roots = sorted({self._uf.find(n) for n in long_nodes})
            if len(roots) < 2:
                continue
            for ra, rb in itertools.pairwise(roots):
                ca, cb = self._clusters[ra], self._clusters[rb]
                if ca.iri is None or cb.iri is None or frozenset((ca.iri, cb.iri)) in different:
                    continue
                name_a, name_b = sorted(ca.names)[0], sorted(cb.names)[0]
                _keep_best(
                    out,
                    "organisation",
                    name_a,
                    name_b,
                    ca,
                    cb,
                    85.0,
                    f"both define the acronym {acronym_node.rsplit(chr(31), 1)[-1].upper()}",
                )

    def blocked(self) -> list[tuple[str, str, str]]:
        """Merges an ``owl:differentFrom`` decision prevented: (node, node, why)."""
        self._build()
        return list(self._blocked)


def _keep_best(
    out: dict[tuple[str, str, str], MergeCandidate],
    kind: str,
    name_a: str,
    name_b: str,
    ca: _Cluster,
    cb: _Cluster,
    score: float,
    reason: str,
) -> None:
    assert ca.iri is not None and cb.iri is not None
    (na, a), (nb, b) = sorted(((name_a, ca), (name_b, cb)), key=lambda t: (str(t[1].iri), t[0]))
    pair_key = (kind, str(a.iri), str(b.iri))
    candidate = MergeCandidate(
        kind=kind,
        score=round(score, 1),
        names=(na, nb),
        iris=(str(a.iri), str(b.iri)),
        documents=(tuple(sorted(a.names.get(na, ()))), tuple(sorted(b.names.get(nb, ())))),
        reason=reason,
    )
    best = out.get(pair_key)
    if best is None or (candidate.score, candidate.names) > (best.score, best.names):
        out[pair_key] = candidate


def _pairs_sharing_a_word(
    kind: str, entries: list[tuple[str, _Cluster]]
) -> Iterator[tuple[tuple[str, _Cluster], tuple[str, _Cluster]]]:
    """Pairs of names that share a word of three letters or more (blocking keeps this near-linear)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, (name, _) in enumerate(entries):
        for word in set(_key(kind, name).split()):
            if len(word) >= 3 and word not in _STOPWORDS:
                index[word].append(i)
    seen: set[tuple[int, int]] = set()
    for word in sorted(index):
        members = index[word]
        if len(members) > 500:
            continue  # a word half the names share ("internet") says nothing
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair not in seen:
                    seen.add(pair)
                    yield entries[pair[0]], entries[pair[1]]


def _similarity(kind: str, a: str, b: str) -> tuple[float, str]:
    ka, kb = _key(kind, a), _key(kind, b)
    ratio = fuzz.ratio(ka, kb)
    sort_ratio = fuzz.token_sort_ratio(ka, kb)
    words_a, words_b = set(ka.split()), set(kb.split())
    best, reason = ratio, "similar spelling"
    if sort_ratio > best and sorted(ka.split()) != sorted(kb.split()):
        best, reason = sort_ratio, "similar spelling"
    if sorted(ka.split()) == sorted(kb.split()):
        best, reason = 95.0, "same words in another order"
    elif len(words_a) >= 2 and len(words_b) >= 2 and _extends(kind, ka, kb, words_a, words_b):
        # One name extends the other: a middle or second surname, or a unit or chapter of an
        # organisation ("Internet Society" / "Internet Society of Australia").
        subset = 90.0 if kind == "person" else 86.0
        if subset > best:
            best, reason = subset, "one name extends the other"
    if kind == "person":
        initial = _initial_match(ka, kb)
        if initial and initial > best:
            best, reason = initial, "an initial for a given name"
    return float(best), reason


def _extends(kind: str, ka: str, kb: str, words_a: set[str], words_b: set[str]) -> bool:
    if not (words_a < words_b or words_b < words_a):
        return False
    if kind == "person":
        return True  # "Joana Varon" / "Joana Varon Ferraz", "Milton Mueller" / "Milton L Mueller"
    # Organisations: the shorter name must appear whole in the longer one, not just its words
    # ("Internet Association" is not in "Nigeria Internet Registration Association").
    short, long_ = sorted((ka, kb), key=len)
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long_) is not None


def _initial_match(ka: str, kb: str) -> float | None:
    # "m chris riley" / "chris riley"; "d gross" / "david gross": same surname, initials agree.
    wa, wb = ka.split(), kb.split()
    if not wa or not wb or wa[-1] != wb[-1] or len(wa[-1]) < 3:
        return None
    ga, gb = wa[:-1], wb[:-1]
    if not ga or not gb:
        return None
    short, full = (ga, gb) if len(" ".join(ga)) <= len(" ".join(gb)) else (gb, ga)
    if all(len(w) == 1 for w in short) and [w[0] for w in full[: len(short)]] == short:
        return 88.0
    return None


def _canonical_name(kind: str, names: dict[str, set[str]]) -> str:
    """The name a cluster's IRI is minted from: the most used form, fullest spelling, then A–Z."""

    def rank(name: str) -> tuple[Any, ...]:
        long_name = acronym_of(name)[0] if kind == "organisation" else name
        is_acronym = kind == "organisation" and _is_acronym(name)
        non_ascii = sum(1 for c in long_name if ord(c) > 127)
        shouting = long_name.isupper()
        # An organisation's name without "The" or a legal form ("Google" over "The Google Inc.").
        decorated = kind == "organisation" and slugify(long_name) != slugify(organisation_key(name))
        return (is_acronym, -len(names[name]), shouting, decorated, "?" in long_name, -non_ascii, -len(long_name), name)

    best = min(names, key=rank)
    return acronym_of(best)[0] if kind == "organisation" else best


def _raw_iri(kind: str, name: str) -> URIRef:
    """The IRI a name gets on its own: what identity decisions refer to."""
    if kind == "organisation":
        return _name_iri(kind, acronym_of(name)[0])
    return _name_iri(kind, name)


def _name_iri(kind: str, name: str) -> URIRef:
    # An organisation's IRI leaves out a leading "The" ("The Internet Association" -> internet-association).
    text = re.sub(r"^the\s+(?=\S)", "", name, flags=re.I) if kind == "organisation" else name
    if kind == "person":
        m = _HONORIFIC.match(re.sub(r"[^\w\s]", " ", name.lower()))  # same length as ``name``
        stripped = name[m.end() :] if m and m.end() < len(name) else name
        text = stripped if slugify(stripped) else name
    if not slugify(text):
        # No letter or digit survives slugging (all lost, or a script slugify drops): hash the name.
        return iri(kind, "x-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16])
    return iri(kind, text)


def document_names(document: records.Document) -> Iterator[tuple[str, str]]:
    """Every (kind, name) a document names an actor by."""
    for event in document.events:
        for organiser in event.organisers:
            if organiser.kind in ("person", "organisation"):
                yield organiser.kind, organiser.name
        for participant in event.participants:
            if participant.kind in ("person", "organisation"):
                yield participant.kind, participant.name
            if participant.affiliation:
                yield "organisation", participant.affiliation
    for organisation in document.organisations:
        yield "organisation", organisation.name
        if organisation.acronym:
            yield "organisation", f"{organisation.name} ({organisation.acronym})"
    for contribution in document.contributions:
        if contribution.organisation:
            yield "organisation", contribution.organisation
        for contributor in contribution.contributors:
            if contributor.kind in ("person", "organisation"):
                yield contributor.kind, contributor.name
            if contributor.affiliation:
                yield "organisation", contributor.affiliation


def review(corpus_dir: Path | None = None, *, threshold: float = CANDIDATE_THRESHOLD) -> list[MergeCandidate]:
    """Read the corpus and the reference data and return the uncertain merges for a maintainer."""
    from govgraph import paths, pipeline

    documents = pipeline.read_corpus(Path(corpus_dir) if corpus_dir else paths.CORPUS_DIR)
    resolver = Resolver.from_reference(pipeline.load_reference_graph())
    resolver.learn(documents)
    return resolver.candidates(threshold)
