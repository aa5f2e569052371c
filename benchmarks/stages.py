"""The measured stages, each run in a child process of its own (``run.py --worker NAME``).

Every stage is a small function taking plain JSON arguments and returning a JSON-ready dict. It
imports the govgraph API it measures inside the function, so a missing module or function gives a
clear "not available" row instead of breaking the suite while the project is being built. The child
process reports its own peak resident memory (``ru_maxrss``), so each figure's memory is that stage's
alone.

Timings use ``time.perf_counter``; repeated measurements report the median.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PARTICIPATIONS_SPARQL = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
SELECT DISTINCT ?actor ?event WHERE {
  ?participation a gg:Participation ; gg:participant ?actor ; gg:event ?event .
  ?actor a gg:Person .
}
"""


class NotAvailable(Exception):
    """The govgraph API a stage measures is not there (yet)."""


def _api(module: str, *names: str) -> Any:
    """Import ``module`` and return it, or raise ``NotAvailable`` naming what is missing."""
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError as error:
        raise NotAvailable(f"{module} not importable ({error})") from None
    for name in names:
        if not hasattr(mod, name):
            raise NotAvailable(f"{module}.{name} missing")
    return mod


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = call()
    return time.perf_counter() - started, value


def _median(call: Callable[[], Any], repeats: int, budget: float = 5.0) -> tuple[float, Any, list[float]]:
    """Median of up to ``repeats`` runs; no further runs once ``budget`` seconds are spent (a slow
    query's single run is its figure: repeating it would only spend the machine)."""
    times: list[float] = []
    value: Any = None
    for _ in range(max(1, repeats)):
        seconds, value = _timed(call)
        times.append(seconds)
        if sum(times) > budget:
            break
    return statistics.median(times), value, times


# -- documents ------------------------------------------------------------------------------------


def generate_corpus(documents: int, seed: int, out: str) -> dict[str, Any]:
    """Generate a synthetic corpus (benchmarks/generate.py)."""
    from benchmarks import generate

    seconds, counts = _timed(lambda: generate.generate(documents, seed, Path(out)))
    return {"seconds": seconds, "genres": counts}


def extract(corpus: str) -> dict[str, Any]:
    """Discover and read every document: documents per second through the genre readers."""
    corpus_mod = _api("govgraph.corpus", "discover")
    registry = _api("govgraph.extract.registry", "read_document")
    seconds_discover, sources = _timed(lambda: corpus_mod.discover(Path(corpus)))
    failures: list[str] = []
    participants = 0
    started = time.perf_counter()
    for source in sources:
        try:
            document = registry.read_document(source)
        except Exception as error:  # a failing document is a finding, not a crash of the suite
            failures.append(f"{source.id}: {type(error).__name__}: {error}"[:200])
            continue
        participants += sum(len(e.participants) for e in document.events)
        participants += sum(len(c.contributors) for c in document.contributions)
    seconds_read = time.perf_counter() - started
    total = seconds_discover + seconds_read
    return {
        "seconds": total,
        "discover_seconds": seconds_discover,
        "read_seconds": seconds_read,
        "documents": len(sources),
        "documents_per_second": len(sources) / total if total else None,
        "participants": participants,
        "failures": len(failures),
        "first_failures": failures[:3],
    }


def build(corpus: str, store: str, validate: bool, dump: str) -> dict[str, Any]:
    """``govgraph.pipeline.build`` on a corpus: wall time and (from the child) peak memory."""
    pipeline = _api("govgraph.pipeline", "build")
    _api("govgraph.extract.registry", "read_document")  # the build reads through it
    seconds, summary = _timed(lambda: pipeline.build(Path(corpus), Path(store), validate=validate))
    from govgraph.store import GraphStore
    from govgraph.workers import default_jobs

    with GraphStore.open(Path(store), read_only=True) as opened:
        triples = len(opened)
        if dump:
            opened.dump(Path(dump), "nquads")
    jobs = default_jobs(sum(summary.documents_by_collection.values()))
    return {"seconds": seconds, "triples": triples, "validated": validate, "jobs": jobs, "summary": _jsonable(summary)}



def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return json.loads(json.dumps(value, default=str))


# -- load -----------------------------------------------------------------------------------------


def load_store(nq: str, store: str) -> dict[str, Any]:
    """Load N-Quads into a new govgraph store (pyoxigraph bulk load from the file)."""
    import pyoxigraph as ox

    from govgraph.store import GraphStore

    def load() -> int:
        opened = GraphStore.create(Path(store))
        # From the file, not bulk_load_nquads(bytes): the whole file in memory would count in peak RSS.
        opened.ox.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
        count = len(opened)
        opened.close()
        return count

    seconds, triples = _timed(load)
    with GraphStore.open(Path(store), read_only=True) as opened:
        nodes = _nodes(opened)
    Path(f"{store}.nodes.json").write_text(json.dumps(nodes) + "\n", encoding="utf-8")
    return {"seconds": seconds, "triples": triples, "graphs": nodes.pop("graphs")}


def _nodes(store: Any) -> dict[str, Any]:
    # Existing persons, organisations and events: what a delta touches.
    def column(sparql: str) -> list[str]:
        return [str(row["node"]) for row in store.select(sparql)]

    prefix = "PREFIX gg: <https://w3id.org/govgraph/ontology#>\n"
    return {
        "persons": column(
            prefix + "SELECT DISTINCT ?node WHERE { ?p gg:participant ?node . ?node a gg:Person } LIMIT 2000"
        ),
        "organisations": column(prefix + "SELECT DISTINCT ?node WHERE { ?node a gg:Organisation } LIMIT 2000"),
        "events": column(prefix + "SELECT DISTINCT ?node WHERE { ?p gg:event ?node . ?node a gg:Event } LIMIT 2000"),
        "graphs": len(store.graph_names()),
        "top_person": _top(store, "?p gg:participant ?node . ?node a gg:Person"),
        "top_event": _top(store, "?p gg:event ?node . ?node a gg:Event"),
        "top_meeting": _top(store, "?p <https://schema.org/superEvent> ?node"),
    }


def _top(store: Any, pattern: str) -> str | None:
    sparql = (
        "PREFIX gg: <https://w3id.org/govgraph/ontology#>\n"
        f"SELECT ?node (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {pattern} }} GROUP BY ?node ORDER BY DESC(?n) ?node LIMIT 1"
    )
    rows = store.select(sparql)
    return str(rows[0]["node"]) if rows else None


# -- queries --------------------------------------------------------------------------------------


def library_queries(nodes: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The library's queries with parameter values for this dataset; and those that cannot run.

    Defaults are kept, except for actors (the defaults name people of the real corpus, absent from a
    synthetic graph): those get the dataset's most active person, so the query has work to do.
    Optional parameters without a default stay unset (the query then covers the whole graph); a
    query with an optional event or actor parameter is timed a second time scoped to the dataset's
    busiest one (for a ``meeting``, the busiest meeting), under the key ``NAME[PARAM]``: a
    researcher asks about one event as often as about all. Each item's ``key`` names it in the
    results.
    """
    query = _api("govgraph.query", "list_queries", "run_query", "bind_params")
    runnable: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    for item in query.list_queries():
        params: dict[str, str] = {}
        missing = []
        for param in item.params:
            if param.default is not None and param.type != "actor":
                continue
            if param.default is None and not param.required:
                continue
            value = _param_value(param, nodes)
            if value is None:
                if param.default is None:
                    missing.append(param.name)
                continue
            params[param.name] = value
        if missing:
            reason = f"no benchmark value for parameter(s) {', '.join(missing)}"
            skipped.append({"name": item.name, "key": item.name, "reason": reason})
            continue
        runnable.append({"name": item.name, "key": item.name, "params": params})
        for param in item.params:
            scoped = param.default is None and not param.required and param.type in ("event", "actor")
            value = _param_value(param, nodes) if scoped else None
            if value is not None:
                key = f"{item.name}[{param.name}]"
                runnable.append({"name": item.name, "key": key, "params": {**params, param.name: value}})
    return runnable, skipped


def _param_value(param: Any, nodes: dict[str, Any]) -> str | None:
    if param.allowed:
        preferred = ("OEWG", "Civil Society", "WEOG", "speaker")
        return next((a for a in param.allowed if a in preferred), str(param.allowed[0]))
    kind = param.type.lower()
    if kind in ("actor", "iri") and nodes.get("top_person"):
        return str(nodes["top_person"])
    if kind == "event" and param.name == "meeting":  # an event parameter that names a meeting
        return nodes.get("top_meeting")
    if kind == "event" and nodes.get("top_event"):
        return str(nodes["top_event"])
    table = {"process": "OEWG", "stakeholder-group": "Civil Society", "regional-group": "WEOG", "integer": "2021"}
    return table.get(kind)


def _bound_text(name: str, params: dict[str, str]) -> str:
    query = _api("govgraph.query", "get_query", "bind_params")
    sparql = _api("govgraph.sparql", "bind_values")
    item = query.get_query(name)
    bindings = query.bind_params(item, params)
    return sparql.bind_values(item.text, bindings) if bindings else item.text


def _progress(path: str | None, **event: Any) -> None:
    # One JSON line per event, flushed at once: the parent watches it to stop a query that runs too long.
    if path:
        import resource

        event["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(event, default=str) + "\n")


def _run_items(
    queries: list[dict[str, Any]], repeats: int, progress: str | None, run: Callable[[dict[str, Any]], Any]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in queries:
        key = item["key"]
        _progress(progress, event="start", item=key, t=time.time())
        try:
            median, result, times = _median(lambda i=item: run(i), repeats)
            rows = getattr(result, "rows", result)
            out[key] = {"seconds": median, "runs": times, "rows": len(rows or [])}
        except Exception as error:
            out[key] = {"error": f"{type(error).__name__}: {error}"[:300]}
        _progress(progress, event="done", item=key, result=out[key])
    return out


def queries_store(
    store: str, queries: list[dict[str, Any]], repeats: int, progress: str | None = None
) -> dict[str, Any]:
    """Each library query through ``govgraph.query.run_query`` on the store: median of ``repeats``."""
    query = _api("govgraph.query", "run_query")
    from govgraph.store import GraphStore

    with GraphStore.open(Path(store), read_only=True) as opened:
        out = _run_items(queries, repeats, progress, lambda i: query.run_query(i["name"], i["params"], store=opened))
    return {"queries": out}


def rdflib_baseline(
    nq: str, queries: list[dict[str, Any]], repeats: int, run_queries: bool, progress: str | None = None
) -> dict[str, Any]:
    """The plain stack: parse the same N-Quads into an rdflib Dataset, run the same query texts."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    seconds, _ = _timed(lambda: dataset.parse(nq, format="nquads"))
    _progress(progress, event="loaded", seconds=seconds)
    out: dict[str, Any] = {}
    if run_queries:
        texts = {item["key"]: _bound_text(item["name"], item["params"]) for item in queries}
        out = _run_items(queries, repeats, progress, lambda i: list(dataset.query(texts[i["key"]])))
    return {"seconds": seconds, "queries": out}


# -- validation -----------------------------------------------------------------------------------


def validate_full(store: str) -> dict[str, Any]:
    """Full validation of the store with govgraph (``govgraph.validate.validate_store``)."""
    validate = _api("govgraph.validate", "validate_store", "load_shapes")
    from govgraph.store import GraphStore

    try:
        validate.load_shapes()
    except Exception as error:
        raise NotAvailable(f"shapes not loadable ({type(error).__name__}: {error})"[:200]) from None
    with GraphStore.open(Path(store), read_only=True) as opened:
        seconds, report = _timed(lambda: validate.validate_store(opened))
    return {"seconds": seconds, "conforms": report.conforms, "counts": report.counts_by_severity()}


def pyshacl_full(nq: str, delta: str | None = None) -> dict[str, Any]:
    """The plain stack: pyshacl over the whole dataset (plus the delta), shapes and ontology as given."""
    import pyshacl
    from rdflib import Dataset, Graph

    shapes_file = REPO / "ontology" / "shapes.ttl"
    if not shapes_file.exists():
        raise NotAvailable("ontology/shapes.ttl missing")
    shapes = Graph().parse(shapes_file, format="turtle")
    started = time.perf_counter()
    dataset = Dataset()
    dataset.parse(nq, format="nquads")
    if delta:
        dataset.parse(delta, format="nquads")
    data = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return {"seconds": time.perf_counter() - started, "conforms": bool(conforms), "triples": len(data)}


def validate_delta(store: str, delta: str, expected: str) -> dict[str, Any]:
    """In-context validation of a ~10^3-triple delta against the store (``validate_in_context``)."""
    validate = _api("govgraph.validate", "validate_in_context", "load_shapes")
    from rdflib import Dataset

    from govgraph.store import GraphStore

    try:
        validate.load_shapes()
    except Exception as error:
        raise NotAvailable(f"shapes not loadable ({type(error).__name__}: {error})"[:200]) from None
    data = Dataset()
    data.parse(delta, format="nquads")
    with GraphStore.open(Path(store), read_only=True) as opened:
        seconds, report = _timed(lambda: validate.validate_in_context(data, opened))
    wanted = json.loads(Path(expected).read_text(encoding="utf-8"))["mistakes"]
    text = report.to_json()
    # Reports name nodes compactly (id:participation/…): look for the part after /id/.
    found = sum(1 for m in wanted if m["focus"].split("/id/", 1)[-1] in text)
    return {
        "seconds": seconds,
        "counts": report.counts_by_severity(),
        "planted_mistakes": len(wanted),
        "planted_mistakes_reported": found,
        "stats": getattr(report, "stats", None),
    }


# -- networks -------------------------------------------------------------------------------------

PROJECTIONS = ("person", "organisation", "bipartite", "process")
MEASURES = (
    "degree",
    "weighted_degree",
    "betweenness",
    "eigenvector",
    "pagerank",
    "communities",
    "mixing_matrix",
    "assortativity",
    "ei_index",
    "brokerage",
    "annotate",
)
EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "html")


def network(store: str, out_dir: str) -> dict[str, Any]:
    """Each projection, each measure on the person projection, each export, through govgraph."""
    projections = _api("govgraph.network.projections", "project", "load_network_data")
    from govgraph.store import GraphStore

    result: dict[str, Any] = {"projections": {}, "measures": {}, "exports": {}}
    with GraphStore.open(Path(store), read_only=True) as opened:
        seconds, data = _timed(lambda: projections.load_network_data(opened))
        result["load_network_data"] = {"seconds": seconds}
        graphs: dict[str, Any] = {}
        for name in PROJECTIONS:
            try:
                seconds, graphs[name] = _timed(lambda n=name: projections.project(opened, n))
                result["projections"][name] = {
                    "seconds": seconds,
                    "nodes": graphs[name].number_of_nodes(),
                    "edges": graphs[name].number_of_edges(),
                }
            except Exception as error:
                result["projections"][name] = {"error": f"{type(error).__name__}: {error}"[:300]}
    person = graphs.get("person")
    result["measures"] = _measures(person, data) if person is not None else {}
    result["exports"] = _exports(person, Path(out_dir)) if person is not None else {}
    return result


def _measures(graph: Any, data: Any) -> dict[str, Any]:
    try:
        measures = _api("govgraph.network.measures")
    except NotAvailable as error:
        return {"*": {"not_available": str(error)}}
    out: dict[str, Any] = {}
    for name in (*MEASURES, "event_balance"):
        function = getattr(measures, name, None)
        if function is None:
            out[name] = {"not_available": f"govgraph.network.measures.{name} missing"}
            continue
        try:
            arg = getattr(data, "participations", None) if name == "event_balance" else graph
            seconds, _ = _timed(lambda f=function, a=arg: f(a))
            out[name] = {"seconds": seconds}
        except Exception as error:
            out[name] = {"error": f"{type(error).__name__}: {error}"[:300]}
    return out


def _exports(graph: Any, out_dir: Path) -> dict[str, Any]:
    try:
        exports = _api("govgraph.network.exports")
    except NotAvailable as error:
        return {fmt: {"not_available": str(error)} for fmt in EXPORT_FORMATS}
    out_dir.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {}
    writer = getattr(exports, "export", None) or getattr(exports, "write", None)
    formats = [f.value for f in exports.ExportFormat] if hasattr(exports, "ExportFormat") else EXPORT_FORMATS
    for fmt in formats:
        if writer is None:
            out[fmt] = {"not_available": "govgraph.network.exports has no export()/write() function"}
            continue
        target = out_dir / f"person.{fmt}"
        try:
            seconds, _ = _timed(lambda f=fmt, t=target: writer(graph, t, f))
            out[fmt] = {"seconds": seconds, "bytes": target.stat().st_size if target.exists() else None}
        except Exception as error:
            out[fmt] = {"error": f"{type(error).__name__}: {error}"[:300]}
    return out


def network_baseline(store: str, out_dir: str, betweenness_k: int) -> dict[str, Any]:
    """The plain way: fetch (person, event) pairs, loop in Python to project, networkx for the rest."""
    import itertools

    import networkx as nx

    from govgraph.store import GraphStore

    result: dict[str, Any] = {"measures": {}, "exports": {}}
    started = time.perf_counter()
    by_event: dict[str, set[str]] = {}
    with GraphStore.open(Path(store), read_only=True) as opened:
        for row in opened.ox.query(PARTICIPATIONS_SPARQL, use_default_graph_as_union=True):
            by_event.setdefault(row["event"].value, set()).add(row["actor"].value)
    graph = nx.Graph()
    for actors in by_event.values():
        graph.add_nodes_from(actors)
        for a, b in itertools.combinations(sorted(actors), 2):
            weight = graph.get_edge_data(a, b, {}).get("weight", 0)
            graph.add_edge(a, b, weight=weight + 1)
    result["projections"] = {
        "person": {
            "seconds": time.perf_counter() - started,
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
        }
    }
    n = graph.number_of_nodes()
    k = None if n <= betweenness_k else betweenness_k
    plain = {
        "degree": lambda: dict(graph.degree()),
        "weighted_degree": lambda: dict(graph.degree(weight="weight")),
        "betweenness": lambda: nx.betweenness_centrality(graph, k=k, seed=0),
        "eigenvector": lambda: nx.eigenvector_centrality_numpy(graph, weight="weight") if n > 1 else {},
        "pagerank": lambda: nx.pagerank(graph, weight="weight"),
        "communities": lambda: nx.community.louvain_communities(graph, weight="weight", seed=0),
    }
    for name, call in plain.items():
        try:
            seconds, _ = _timed(call)
            result["measures"][name] = {"seconds": seconds}
        except Exception as error:
            result["measures"][name] = {"error": f"{type(error).__name__}: {error}"[:300]}
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    writers = {
        "graphml": lambda: nx.write_graphml(graph, target / "baseline.graphml"),
        "gexf": lambda: nx.write_gexf(graph, target / "baseline.gexf"),
        "json": lambda: (target / "baseline.json").write_text(json.dumps(nx.node_link_data(graph, edges="links"))),
        "csv": lambda: nx.write_edgelist(graph, target / "baseline.csv", delimiter=",", data=["weight"]),
    }
    for fmt, call in writers.items():
        seconds, _ = _timed(call)
        result["exports"][fmt] = {"seconds": seconds}
    return result


WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "generate_corpus": generate_corpus,
    "extract": extract,
    "build": build,
    "load_store": load_store,
    "queries_store": queries_store,
    "rdflib_baseline": rdflib_baseline,
    "validate_full": validate_full,
    "pyshacl_full": pyshacl_full,
    "validate_delta": validate_delta,
    "network": network,
    "network_baseline": network_baseline,
}
