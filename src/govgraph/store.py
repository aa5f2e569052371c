"""The embedded store: a persistent, transactional pyoxigraph store in a directory of its own.

A govgraph store directory holds the Oxigraph database and a marker file naming it a govgraph
store, so a mistyped ``--store`` never writes into somebody else's directory. Builds write a new
directory and swap it in whole (``swap_in``); ingests change graphs in one SPARQL update, which
Oxigraph applies atomically.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from govgraph import __version__
from govgraph.errors import BadInputError, StoreError
from govgraph.sparql import bind_values, check_bindings

MARKER = "govgraph-store.json"
STORE_FORMAT = 1

RdfTerm = URIRef | BNode | Literal


@functools.lru_cache(maxsize=256)
def query_form(sparql: str) -> tuple[str, frozenset[str]]:
    """A query's form, read from its plan on an empty store: ``("select", projected variables)``,
    ``("ask", ∅)`` or ``("graph", ∅)`` (CONSTRUCT, DESCRIBE). Raises ``SyntaxError``; cached, as
    each run asks it several times (syntax check, result form, bindings)."""
    result = ox.Store().query(sparql)
    if isinstance(result, ox.QuerySolutions):
        return "select", frozenset(v.value for v in result.variables)
    return ("ask" if isinstance(result, ox.QueryBoolean) else "graph"), frozenset()


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def graph_quads(graph_iri: URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> Iterator[ox.Quad]:
    """rdflib triples as pyoxigraph quads in the named graph ``graph_iri``."""
    graph = ox.NamedNode(str(graph_iri))
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)


def from_ox(term: Any) -> RdfTerm | None:
    """A pyoxigraph term as an rdflib term (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        # normalize=False keeps the lexical form as stored (an ill-typed literal must not vanish)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise TypeError(f"not a pyoxigraph term: {term!r}")


def is_store_dir(path: Path) -> bool:
    return (path / MARKER).is_file()


class GraphStore:
    """A govgraph store directory opened for reading or writing."""

    def __init__(self, path: Path, store: ox.Store, *, read_only: bool) -> None:
        self.path = path
        self.ox = store
        self.read_only = read_only

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> GraphStore:
        """Open an existing govgraph store; a clear ``StoreError`` when there is none at ``path``."""
        path = Path(path)
        if not path.exists():
            raise StoreError(f"no store at {path}: run `govgraph build` first (or pass --store)")
        if not is_store_dir(path):
            raise StoreError(f"{path} is not a govgraph store (no {MARKER}); refusing to touch it")
        try:
            store = ox.Store.read_only(str(path / "oxigraph")) if read_only else ox.Store(str(path / "oxigraph"))
        except OSError as error:
            raise StoreError(f"cannot open the store at {path}: {error}") from None
        return cls(path, store, read_only=read_only)

    @classmethod
    def create(cls, path: Path) -> GraphStore:
        """Create an empty store at ``path`` (which must not exist or be an empty directory)."""
        path = Path(path)
        if path.exists() and any(path.iterdir()):
            raise StoreError(f"cannot create a store at {path}: the directory is not empty")
        path.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(path / "oxigraph"))
        (path / MARKER).write_text(
            json.dumps({"format": STORE_FORMAT, "govgraph": __version__}, indent=2) + "\n", encoding="utf-8"
        )
        return cls(path, store, read_only=False)

    def close(self) -> None:
        """Flush and release the database (pyoxigraph closes it when the object goes away)."""
        if not self.read_only:
            self.ox.flush()
        del self.ox

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        union: bool = True,
    ) -> Any:
        """Run a SPARQL query; ``bindings`` are the query's initial bindings (never spliced into
        the text).

        With ``union`` (the default) the default graph is the union of all named graphs.
        """
        # Oxigraph substitutes the initial bindings of projected variables before planning, into
        # subqueries too, so a query scoped to one event looks that event up; a VALUES block (what
        # a remote endpoint gets, and what the other variables get here) is only joined after each
        # subquery has run over the whole graph (a balance scoped to one event, at 10^6 triples:
        # 400 ms with VALUES, 140 ms substituted)
        bindings = bindings or {}
        names = check_bindings(bindings)
        try:
            projected = query_form(sparql)[1] if names else frozenset()
        except SyntaxError:
            projected = frozenset()  # reported by the run below
        substitutions = {ox.Variable(n): to_ox(bindings[n]) for n in names if n in projected}
        rest = {n: bindings[n] for n in names if n not in projected}
        text = bind_values(sparql, rest) if rest else sparql
        try:
            return self.ox.query(text, use_default_graph_as_union=union, substitutions=substitutions or None)
        except SyntaxError as error:
            raise BadInputError(f"SPARQL syntax error: {error}") from None

    def select(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *, union: bool = True
    ) -> list[dict[str, RdfTerm | None]]:
        """A SELECT query's rows as dictionaries of rdflib terms (unbound variables are ``None``)."""
        solutions = self.query(sparql, bindings, union=union)
        names = [v.value for v in solutions.variables]
        return [{name: from_ox(row[name]) for name in names} for row in solutions]

    def graph_names(self) -> list[str]:
        """The named graphs, sorted."""
        return sorted(g.value for g in self.ox.named_graphs())

    def __len__(self) -> int:
        return len(self.ox)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        graph_name = ox.NamedNode(graph) if graph else None
        return self.ox.quads_for_pattern(None, None, None, graph_name)

    # -- writing -------------------------------------------------------------------------------

    def bulk_load_nquads(self, data: bytes) -> None:
        """Load N-Quads into a fresh store (not atomic: only for stores being built)."""
        self.ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def replace_graphs(self, graphs: Mapping[str, Iterable[tuple[Node, Node, Node]]]) -> None:
        """Replace each named graph with the given triples, all in ONE transaction.

        Either every graph is replaced or, on any error, none is.
        """
        self._check_writable()
        quads_to_add: list[ox.Quad] = []
        for graph, triples in graphs.items():
            graph_node = ox.NamedNode(_checked_iri(graph))
            quads_to_add.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph_node) for s, p, o in triples)
        drops = " ; ".join(f"DROP SILENT GRAPH <{_checked_iri(g)}>" for g in graphs)
        insert = _insert_data(quads_to_add)
        self.ox.update(f"{drops} ; {insert}" if insert else drops)

    def remove_graphs(self, graphs: Iterable[str]) -> None:
        """Drop named graphs in one transaction."""
        self._check_writable()
        names = list(graphs)
        if names:
            self.ox.update(" ; ".join(f"DROP SILENT GRAPH <{_checked_iri(g)}>" for g in names))

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")

    # -- dumping -------------------------------------------------------------------------------

    def sorted_nquads(self) -> str:
        """Every quad as N-Quads, lines sorted: identical graphs give identical text."""
        data = self.ox.dump(format=ox.RdfFormat.N_QUADS)
        lines = [line for line in data.decode("utf-8").splitlines() if line]
        return "\n".join(sorted(lines)) + ("\n" if lines else "")

    def dump(self, output: Path, rdf_format: str = "nquads") -> None:
        """Write the whole dataset to ``output`` as N-Quads or TriG."""
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        if rdf_format not in formats:
            raise BadInputError(f"unknown dump format {rdf_format!r}; choose one of {', '.join(formats)}")
        self.ox.dump(str(output), format=formats[rdf_format])


def _checked_iri(value: str) -> str:
    if any(c in value for c in '<>"{}|^`\\ \n'):
        raise BadInputError(f"not a valid graph IRI: {value!r}")
    return value


def _insert_data(quads: list[ox.Quad]) -> str:
    if not quads:
        return ""
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        by_graph.setdefault(str(quad.graph_name), []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    body = " ".join(f"GRAPH {graph} {{ {' '.join(triples)} }}" for graph, triples in by_graph.items())
    return f"INSERT DATA {{ {body} }}"


@contextmanager
def building(target: Path) -> Iterator[GraphStore]:
    """A new store built beside ``target`` and swapped in only if the block finishes without error.

    An interrupted or failed build leaves whatever was at ``target`` exactly as it was.
    """
    target = Path(target).resolve()
    if target.exists() and any(target.iterdir()) and not is_store_dir(target):
        raise StoreError(f"{target} exists and is not a govgraph store; refusing to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(target)
    workdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-{os.getpid()}-", dir=target.parent))
    new_path = workdir / "store"
    try:
        store = GraphStore.create(new_path)
        yield store
        store.close()
        swap_in(new_path, target)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _remove_abandoned_builds(target: Path) -> None:
    """Delete work directories of builds whose process was killed before it could clean up."""
    for workdir in target.parent.glob(f".{target.name}.building-*"):
        pid = workdir.name.split("building-", 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            shutil.rmtree(workdir, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(new_path: Path, target: Path) -> None:
    """Replace ``target`` by ``new_path`` with renames, so the old store is never half-replaced."""
    if target.exists():
        retired = target.with_name(f".{target.name}.retired-{os.getpid()}")
        os.replace(target, retired)
        os.replace(new_path, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(new_path, target)


def nquads_of(dataset: Any) -> bytes:
    """An rdflib Dataset serialised as N-Quads, ready for ``bulk_load_nquads``."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if name in (None, DATASET_DEFAULT_GRAPH_ID) else to_ox(name)
        quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
