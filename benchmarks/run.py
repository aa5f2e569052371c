"""Run the benchmark suite: every stage at every scale, each figure next to its plain-stack baseline.

    python benchmarks/run.py --smoke                                   # checks that everything runs
    python benchmarks/run.py --scale 1e3,1e4 --triples 1e5,1e6          # real figures
    python benchmarks/run.py --scale 1e3 --triples 1e5,1e6 --write-results   # also rewrites RESULTS.md

Per document scale: generate the corpus, extract (documents/second), build (wall time, peak memory),
then the store stages on the built graph. Per triple scale (benchmarks/triples.py): the store stages.
Store stages: load (govgraph store against an rdflib Dataset), each library query (median of
repeated runs, the same bound text run by rdflib), full validation (govgraph against full pyshacl),
in-context validation of a ~10^3-triple delta (govgraph against full pyshacl of store + delta),
network projections, measures and exports (govgraph against a Python loop + networkx).

Every stage runs in a child process (``--worker``), so its peak memory is its own and a crash or a
missing API is one row of the table ("not available", "error"), never the end of the run. Baselines
too slow to run at a scale are skipped with the reason and an extrapolation, marked as such, from the
largest scale measured in the same run. Output: a table in the terminal, ``results.json`` and
``results.png`` in ``--out``; with ``--write-results`` also ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import triples as triples_mod

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULT_MARK = "@@RESULT "

SMOKE_BASELINE_QUERIES = 6
"""A smoke run checks that the rdflib baseline runs, not how it fares on every query."""

# Stages every run reports (a row each, whatever its status); the smoke test checks these.
STAGES = (
    "generate",
    "extract",
    "build",
    "load",
    "query",
    "validate-full",
    "validate-delta",
    "network-projection",
    "network-measure",
    "network-export",
)


@dataclass
class Row:
    """One figure of the table: a stage (and item) at a scale, govgraph next to its baseline."""

    scale: str
    kind: str  # "documents" | "triples"
    n: int  # documents, or triples in the store
    stage: str
    item: str = ""
    govgraph: float | None = None  # seconds (or documents/second for extract)
    baseline: float | None = None
    baseline_label: str = ""
    unit: str = "s"
    rss_mb: float | None = None
    baseline_rss_mb: float | None = None
    status: str = "ok"  # ok | not available | skipped | error
    baseline_status: str = ""
    extrapolated: bool = False
    baseline_at_least: bool = False  # the baseline was stopped at a limit: it takes longer than shown
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """How many times faster govgraph is than the baseline (higher is better)."""
        if self.govgraph is None or self.baseline is None or self.govgraph <= 0:
            return None
        if self.unit == "docs/s":
            return None
        return self.baseline / self.govgraph

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


# -- the child side -------------------------------------------------------------------------------


def worker(name: str, job: str) -> int:
    """Run one stage in this process and print its result (with this process's peak memory)."""
    import resource

    from benchmarks import stages

    try:
        result = {"status": "ok", **stages.WORKERS[name](**json.loads(job))}
    except stages.NotAvailable as error:
        result = {"status": "not available", "reason": str(error)}
    except Exception as error:
        last = traceback.format_exc().strip().splitlines()[-3:]
        result = {"status": "error", "reason": f"{type(error).__name__}: {error}"[:400], "trace": last}
    # kilobytes on Linux; a build's worker processes are children: the largest process is reported
    peak_kb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    result["peak_rss_mb"] = round(peak_kb / 1024, 1)
    print(RESULT_MARK + json.dumps(result, default=str), flush=True)
    return 0


def call(name: str, timeout: float, **job: Any) -> dict[str, Any]:
    """Run stage ``name`` in a child process; a dict with ``status`` whatever happens."""
    command = [sys.executable, str(HERE / "run.py"), "--worker", name, "--job", json.dumps(job)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    except subprocess.TimeoutExpired:
        return {"status": "skipped", "reason": f"did not finish within the stage limit of {timeout:.0f} s"}
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :])
    tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
    return {"status": "error", "reason": f"worker exited {done.returncode}: {' | '.join(tail)}"[:400]}


def call_items(
    name: str, timeout: float, item_timeout: float, items: list[dict[str, Any]], **job: Any
) -> dict[str, Any]:
    """Run a stage that measures a list of queries, giving each at most ``item_timeout`` seconds.

    The worker reports each query's start and result in a progress file; a query that runs too long
    is recorded as such, the worker is stopped, and a new one carries on with the rest. The worker's
    other figures (the rdflib parse time) come from its first run.
    """
    results: dict[str, Any] = {}
    first: dict[str, Any] | None = None
    pending = list(items)
    deadline = time.monotonic() + timeout
    while True:
        with tempfile.TemporaryDirectory(prefix="govgraph-bench-") as tmp:
            progress, stdout = Path(tmp) / "progress.jsonl", Path(tmp) / "stdout"
            arguments = json.dumps({**job, "queries": pending, "progress": str(progress)})
            command = [sys.executable, str(HERE / "run.py"), "--worker", name, "--job", arguments]
            with stdout.open("w") as handle:
                process = subprocess.Popen(command, stdout=handle, stderr=subprocess.DEVNULL, cwd=REPO)
            current: tuple[str, float] | None = None
            stopped = ""
            while process.poll() is None:
                time.sleep(0.2)
                events = _events(progress)
                current = _current(events)
                if current and time.monotonic() - current[1] > item_timeout:
                    stopped = current[0]
                elif time.monotonic() > deadline:
                    stopped = "*"
                if stopped:
                    process.kill()
                    process.wait()
                    break
            events = _events(progress)
            for event in events:
                if event.get("event") == "done":
                    results[event["item"]] = event["result"]
            outcome = _result_line(stdout.read_text()) if not stopped else None
            if first is None:
                loaded = next((e for e in events if e.get("event") == "loaded"), None)
                if outcome is not None:
                    first = outcome
                elif loaded:
                    first = {"status": "ok", "seconds": loaded["seconds"], "peak_rss_mb": loaded["peak_rss_mb"]}
                else:
                    first = {
                        "status": "skipped" if stopped else "error",
                        "reason": "stopped before it loaded" if stopped else "worker gave no result",
                    }
                if events:
                    first["peak_rss_mb"] = max([e["peak_rss_mb"] for e in events] + [first.get("peak_rss_mb") or 0])
        if stopped and stopped != "*":
            results[stopped] = {
                "error": f"did not finish within the per-query limit of {item_timeout:.0f} s",
                "timeout": True,
            }
        elif stopped == "*":
            for item in pending:
                results.setdefault(item["key"], {"error": f"not run: the stage limit of {timeout:.0f} s was reached"})
        pending = [item for item in pending if item["key"] not in results]
        if not pending or stopped == "*" or not stopped:
            break
    for item in pending:  # the worker ended without reporting these
        results.setdefault(item["key"], {"error": (first or {}).get("reason", "no result")})
    out = dict(first or {"status": "error"})
    out["queries"] = results
    return out


def _events(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:  # a line being written
            break
    return events


def _current(events: list[dict[str, Any]]) -> tuple[str, float] | None:
    # The query started last and not finished yet, with the monotonic time it started at (approximated).
    started: dict[str, float] = {}
    for event in events:
        if event.get("event") == "start":
            started[event["item"]] = event["t"]
        elif event.get("event") == "done":
            started.pop(event["item"], None)
    if not started:
        return None
    name, wall = next(iter(started.items()))
    return name, time.monotonic() - (time.time() - wall)


def _result_line(stdout: str) -> dict[str, Any] | None:
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :])
    return None


# -- the parent side ------------------------------------------------------------------------------


@dataclass
class Settings:
    """What the run does and how far baselines go."""

    out: Path
    seed: int
    repeats: int
    timeout: float
    query_timeout: float
    rdflib_query_timeout: float
    rdflib_max: int
    rdflib_query_max: int
    pyshacl_max: int
    full_validation_max: int
    build_validate_max: int
    betweenness_k: int
    smoke: bool


class Suite:
    """Runs the stages and collects rows; keeps per-triple baseline rates for extrapolation."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.rows: list[Row] = []
        self.rates: dict[tuple[str, str], float] = {}  # (stage, item) → baseline seconds per triple
        self.baseline_stopped: dict[str, str] = {}  # query key → scale at which rdflib hit the per-query limit

    def log(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    # -- documents --------------------------------------------------------------------------------

    def documents(self, n: int, build_only: bool = False) -> None:
        """Every stage on a generated corpus of ``n`` documents; with ``build_only``, generation and the
        build alone (a scale where the per-stage figures would take hours: ``--build-scale``)."""
        s = self.s
        scale = f"{n:.0e} docs".replace("e+0", "e")
        work = s.out / "work" / f"docs-{n}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        corpus = work / "corpus"
        self.log(f"{scale}: generating")
        result = call("generate_corpus", s.timeout, documents=n, seed=s.seed, out=str(corpus))
        self.add(self._row(scale, "documents", n, "generate", result, note=_genres(result)))
        if result["status"] != "ok":
            return
        if build_only:
            note = "build-only scale"
            self.add(Row(scale, "documents", n, "extract", status="skipped", note=f"{note}: part of the build"))
            self.log(f"{scale}: building ({note}, validate=False)")
            store = work / "built-store"
            result = call("build", s.timeout, corpus=str(corpus), store=str(store), validate=False, dump="")
            row = self.add(self._row(scale, "documents", n, "build", result, note=f"without validation ({note})"))
            if result["status"] == "ok":
                row.note += f"; {result['triples']} triples, {result.get('jobs', '?')} worker processes"
                row.extra.update(triples=result["triples"], validated=False)
            for stage in STAGES[3:]:
                self.add(Row(scale, "documents", n, stage, status="skipped", note="build-only scale"))
            shutil.rmtree(work, ignore_errors=True)
            return
        self.log(f"{scale}: extracting")
        result = call("extract", s.timeout, corpus=str(corpus))
        row = self._row(scale, "documents", n, "extract", result)
        if result["status"] == "ok":
            row.govgraph, row.unit = result["documents_per_second"], "docs/s"
            row.note = f"{result['documents']} documents, {result['participants']} participants"
            if result["failures"]:
                row.note += f"; {result['failures']} failed, e.g. {result['first_failures'][0]}"
        self.add(row)
        validate = n <= s.build_validate_max
        self.log(f"{scale}: building (validate={validate})")
        dump = work / "built.nq"
        result = call(
            "build", s.timeout, corpus=str(corpus), store=str(work / "built-store"), validate=validate, dump=str(dump)
        )
        note = (
            "with full validation"
            if validate
            else f"without validation (full pyshacl above {s.build_validate_max} documents: see validate-full)"
        )
        row = self.add(self._row(scale, "documents", n, "build", result, note=note))
        if result["status"] == "ok":
            row.note += f"; {result['triples']} triples"
            row.extra.update(triples=result["triples"], validated=validate)
            self.store_stages(scale, "documents", n, dump, work)
        else:
            for stage in STAGES[3:]:
                self.add(Row(scale, "documents", n, stage, status="skipped", note="needs a built store"))

    # -- triples ----------------------------------------------------------------------------------

    def triples(self, n: int) -> None:
        scale = f"{n:.0e} triples".replace("e+0", "e")
        work = self.s.out / "work" / f"triples-{n}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        nq = work / "data.nq"
        self.log(f"{scale}: generating N-Quads")
        started = time.perf_counter()
        counts = triples_mod.generate(n, self.s.seed, nq)
        self.add(
            Row(
                scale,
                "triples",
                n,
                "generate",
                govgraph=time.perf_counter() - started,
                note=f"{counts['triples']} quads in {counts['graphs']} named graphs (benchmarks/triples.py)",
            )
        )
        for stage in ("extract", "build"):
            self.add(Row(scale, "triples", n, stage, status="skipped", note="document scales only"))
        self.store_stages(scale, "triples", n, nq, work)

    # -- the store stages ---------------------------------------------------------------------------

    def store_stages(self, scale: str, kind: str, n: int, nq: Path, work: Path) -> None:
        s = self.s
        store = work / "store"
        self.log(f"{scale}: loading the store")
        loaded = call("load_store", s.timeout, nq=str(nq), store=str(store))
        load = self.add(self._row(scale, kind, n, "load", loaded))
        if loaded["status"] != "ok":
            for stage in STAGES[4:]:
                self.add(Row(scale, kind, n, stage, status="skipped", note="the store did not load"))
            return
        triples = int(loaded["triples"])
        load.note = f"{triples} quads, {loaded['graphs']} graphs"
        load.extra["triples"] = triples
        nodes = json.loads(Path(f"{store}.nodes.json").read_text(encoding="utf-8"))

        # queries: the library, with values for required parameters drawn from this dataset
        try:
            from benchmarks import stages

            queries, unrunnable = stages.library_queries(nodes)
            query_status = None
        except Exception as error:  # NotAvailable or a broken library
            queries, unrunnable, query_status = [], [], f"{error}"
        self.log(f"{scale}: {len(queries)} library queries (govgraph)")
        ours = (
            call_items("queries_store", s.timeout, s.query_timeout, queries, store=str(store), repeats=s.repeats)
            if queries
            else {}
        )
        run_rdflib = _within(triples, s.rdflib_max)
        rdflib_queries = _within(triples, s.rdflib_query_max)
        self.log(f"{scale}: rdflib baseline" + ("" if run_rdflib else " skipped"))
        # a baseline stopped at the per-query limit at a smaller scale would only be stopped again
        baseline_queries = [q for q in queries if q["key"] not in self.baseline_stopped]
        if run_rdflib:
            plain = call_items(
                "rdflib_baseline",
                s.timeout,
                s.rdflib_query_timeout,
                (baseline_queries[:SMOKE_BASELINE_QUERIES] if s.smoke else baseline_queries) if rdflib_queries else [],
                nq=str(nq),
                repeats=s.repeats,
                run_queries=rdflib_queries,
            )
        else:
            plain = {"status": "skipped", "reason": f"rdflib baseline runs up to {s.rdflib_max} triples"}
        if s.smoke and plain.get("status") == "ok":
            skipped = {i["key"]: {"skip": "smoke run: the baseline runs the first few queries"} for i in queries}
            plain = {**plain, "queries": {**skipped, **(plain.get("queries") or {})}}
        if run_rdflib and not rdflib_queries and plain.get("status") == "ok":
            reason = f"rdflib queries run up to {s.rdflib_query_max} triples"
            plain = {**plain, "queries": {i["key"]: {"skip": reason} for i in queries}}
        self._baseline(load, plain, "rdflib Dataset parse", triples)
        if query_status:
            self.add(Row(scale, kind, n, "query", status="not available", note=query_status))
        for item in unrunnable:
            self.add(Row(scale, kind, n, "query", item["name"], status="skipped", note=item["reason"]))
        for item in queries:
            name = item["key"]
            mine = (ours.get("queries") or {}).get(name, {})
            row = Row(scale, kind, n, "query", name, rss_mb=ours.get("peak_rss_mb"))
            if "seconds" in mine:
                row.govgraph = mine["seconds"]
                row.note = f"{mine['rows']} rows; median of {len(mine['runs'])}"
            elif mine.get("timeout"):
                row.status, row.note = "skipped", f"> {s.query_timeout:.0f} s: stopped at the per-query limit"
            else:
                row.status = "error" if mine else ours.get("status", "error")
                row.note = mine.get("error") or ours.get("reason", "")
            theirs = (plain.get("queries") or {}).get(name, {})
            sub = {"status": plain.get("status"), "reason": plain.get("reason"), **theirs}
            if "seconds" in theirs:
                if "rows" in mine and theirs["rows"] != mine["rows"]:
                    row.note += f"; rdflib gave {theirs['rows']} rows"
                sub["seconds"] = theirs["seconds"]
            elif theirs.get("skip"):
                sub = {"status": "skipped", "reason": theirs["skip"]}
            elif theirs.get("timeout"):
                self.baseline_stopped.setdefault(name, scale)
                sub = {
                    "status": "skipped",
                    "reason": f"> {s.rdflib_query_timeout:.0f} s (stopped at the per-query limit)",
                    "at_least": s.rdflib_query_timeout,
                }
            elif rdflib_queries and name in self.baseline_stopped:
                sub = {
                    "status": "skipped",
                    "reason": f"not run: stopped at the per-query limit at {self.baseline_stopped[name]} already",
                    "at_least": s.rdflib_query_timeout,
                }
            elif plain.get("status") == "ok":
                sub = {"status": "error", "reason": theirs.get("error", "no result")}
            self._baseline(row, sub, "rdflib, same query text", triples, peak=False)
            self.add(row)
        if not queries and not query_status:
            self.add(Row(scale, kind, n, "query", status="skipped", note="the library has no runnable query"))

        # validation
        delta = work / "delta.nq"
        triples_mod.delta(Path(f"{store}.nodes.json"), 1000, s.seed, delta)
        expected = f"{delta}.expected.json"
        self.log(f"{scale}: full validation")
        if _within(triples, s.full_validation_max):
            full = call("validate_full", s.timeout, store=str(store))
        else:
            full = {"status": "skipped", "reason": f"full validation is measured up to {s.full_validation_max} triples"}
        row = self._row(scale, kind, n, "validate-full", full)
        if full.get("status") == "ok":
            row.note = f"conforms={full['conforms']} {full.get('counts')}"
        run_pyshacl = _within(triples, s.pyshacl_max)
        baseline = (
            call("pyshacl_full", s.timeout, nq=str(nq))
            if run_pyshacl
            else {"status": "skipped", "reason": f"full pyshacl runs up to {s.pyshacl_max} triples (minutes beyond)"}
        )
        self._baseline(row, baseline, "full pyshacl", triples)
        self.add(row)
        self.log(f"{scale}: in-context validation of the delta")
        mine = call("validate_delta", s.timeout, store=str(store), delta=str(delta), expected=expected)
        row = self._row(scale, kind, n, "validate-delta", mine)
        if mine.get("status") == "ok":
            row.note = (
                f"{mine['planted_mistakes_reported']}/{mine['planted_mistakes']} planted mistakes reported; "
                f"{mine.get('counts')}"
            )
        baseline = (
            call("pyshacl_full", s.timeout, nq=str(nq), delta=str(delta))
            if run_pyshacl
            else {"status": "skipped", "reason": f"full pyshacl runs up to {s.pyshacl_max} triples"}
        )
        self._baseline(row, baseline, "full pyshacl of store + delta", triples)
        self.add(row)

        # networks
        self.log(f"{scale}: networks")
        ours = call("network", s.timeout, store=str(store), out_dir=str(work / "exports"))
        theirs = call(
            "network_baseline",
            s.timeout,
            store=str(store),
            out_dir=str(work / "exports"),
            betweenness_k=s.betweenness_k,
        )
        self._network_rows(scale, kind, n, triples, ours, theirs)

    def _network_rows(
        self, scale: str, kind: str, n: int, triples: int, ours: dict[str, Any], theirs: dict[str, Any]
    ) -> None:
        groups = (("network-projection", "projections"), ("network-measure", "measures"), ("network-export", "exports"))
        for stage, key in groups:
            if ours.get("status") != "ok":
                self.add(Row(scale, kind, n, stage, status=ours.get("status", "error"), note=ours.get("reason", "")))
                continue
            items = ours.get(key) or {}
            if not items:
                self.add(Row(scale, kind, n, stage, status="not available", note="nothing measured"))
            for item, figure in items.items():
                row = Row(scale, kind, n, stage, item, rss_mb=ours.get("peak_rss_mb"))
                if "seconds" in figure:
                    row.govgraph = figure["seconds"]
                    if "nodes" in figure:
                        row.note = f"{figure['nodes']} nodes, {figure['edges']} edges"
                elif "not_available" in figure:
                    row.status, row.note = "not available", figure["not_available"]
                else:
                    row.status, row.note = "error", figure.get("error", "")
                base = (theirs.get(key) or {}).get(item)
                if theirs.get("status") != "ok":
                    sub = theirs
                elif base and "seconds" in base:
                    sub = {"status": "ok", "seconds": base["seconds"], "peak_rss_mb": theirs.get("peak_rss_mb")}
                else:
                    sub = {"status": "skipped", "reason": "no plain-networkx counterpart"}
                self._baseline(row, sub, "Python loop + networkx", triples, peak=False)
                self.add(row)
        load = ours.get("load_network_data")
        if load:
            self.add(
                Row(
                    scale,
                    kind,
                    n,
                    "network-projection",
                    "load_network_data (SPARQL)",
                    govgraph=load["seconds"],
                    note="shared by every projection",
                )
            )

    # -- helpers ----------------------------------------------------------------------------------

    def _row(self, scale: str, kind: str, n: int, stage: str, result: dict[str, Any], note: str = "") -> Row:
        row = Row(scale, kind, n, stage, status=result.get("status", "error"), rss_mb=result.get("peak_rss_mb"))
        if row.status == "ok":
            row.govgraph = result.get("seconds")
            row.note = note
        else:
            row.note = result.get("reason", "")
        return row

    def _baseline(self, row: Row, result: dict[str, Any], label: str, triples: int, *, peak: bool = True) -> None:
        row.baseline_label = label
        key = (row.stage, row.item)
        if result.get("status") == "ok" and result.get("seconds") is not None:
            row.baseline = result["seconds"]
            row.baseline_status = "ok"
            if peak:
                row.baseline_rss_mb = result.get("peak_rss_mb")
            if triples:
                self.rates[key] = row.baseline / triples
            return
        row.baseline_status = result.get("status", "error")
        reason = result.get("reason", "")
        extrapolated = self.rates[key] * triples if key in self.rates and row.baseline_status == "skipped" else None
        if result.get("at_least") and (extrapolated is None or extrapolated < result["at_least"]):
            # it ran past the limit: that is a better lower bound than a linear extrapolation
            row.baseline, row.baseline_at_least = result["at_least"], True
        elif extrapolated is not None:
            row.baseline, row.extrapolated = extrapolated, True
            reason += "; baseline extrapolated linearly from the largest measured scale"
        row.note = f"{row.note}; baseline {row.baseline_status}: {reason}".strip("; ")


def _within(triples: int, limit: int) -> bool:
    # A scale's store holds a little more than its nominal size (ontology, reference data, whole graphs).
    return triples <= limit * 1.1


def _genres(result: dict[str, Any]) -> str:
    genres = result.get("genres") or {}
    return ", ".join(f"{v} {k}" for k, v in sorted(genres.items()))


# -- reporting ------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """The machine and the versions a figure depends on."""
    import importlib.metadata as md

    import psutil

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ("govgraph", "pyoxigraph", "rdflib", "pyshacl", "networkx", "igraph", "leidenalg"):
        try:
            versions[package] = md.version(package)
        except md.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
    }


def _fmt(value: float | None, unit: str = "s", extrapolated: bool = False, at_least: bool = False) -> str:
    if value is None:
        return "—"
    if unit == "docs/s":
        return f"{value:,.1f} docs/s"
    text = f"{value * 1000:.1f} ms" if value < 1 else f"{value:,.2f} s"
    if at_least:
        return f"> {text}"
    return f"≈{text} (extrap.)" if extrapolated else text


def table_rows(rows: list[Row], smoke: bool) -> list[list[str]]:
    """The table's cells: scale, stage, item, govgraph, baseline, ratio, peak memory, status, note."""
    out = []
    for row in rows:
        ratio = row.ratio
        ratio_text = "—" if ratio is None or smoke else (f"×{ratio:,.1f}" + (" (extrap.)" if row.extrapolated else ""))
        if row.baseline_at_least and ratio_text != "—":
            ratio_text = f"> {ratio_text}"
        memory = "—" if row.rss_mb is None else f"{row.rss_mb:,.0f} MB"
        if row.baseline_rss_mb is not None:
            memory += f" / {row.baseline_rss_mb:,.0f} MB"
        govgraph = "—" if smoke and row.govgraph is not None else _fmt(row.govgraph, row.unit)
        baseline = (
            "—"
            if smoke and row.baseline is not None
            else _fmt(row.baseline, row.unit, row.extrapolated, row.baseline_at_least)
        )
        out.append([row.scale, row.stage, row.item, govgraph, baseline, ratio_text, memory, row.status, row.note])
    return out


HEADERS = [
    "scale",
    "stage",
    "item",
    "govgraph",
    "baseline",
    "baseline ÷ govgraph",
    "peak RSS (ours / baseline)",
    "status",
    "note",
]


def print_table(rows: list[Row], smoke: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="govgraph benchmarks" + (" — SMOKE RUN: checks only that every stage runs" if smoke else ""))
    for header in HEADERS:
        table.add_column(header, overflow="fold")
    for cells in table_rows(rows, smoke):
        table.add_row(*cells)
    Console(width=220).print(table)


def markdown_table(rows: list[Row], smoke: bool = False) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for cells in table_rows(rows, smoke):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


PLOTTED = (
    ("build", ""),
    ("load", ""),
    ("validate-full", ""),
    ("validate-delta", ""),
    ("network-projection", "person"),
)


def plot(rows: list[Row], target: Path) -> None:
    """Cost against scale, log-log: govgraph solid, its baseline dashed (extrapolations hollow)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(13, 5))
    for axis, kind in zip(axes, ("documents", "triples"), strict=True):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("documents" if kind == "documents" else "triples in the store")
        axis.set_ylabel("seconds")
        axis.set_title(f"cost against scale ({kind} path)")
        series: list[tuple[str, str]] = [*PLOTTED, ("query (slowest that finished)", "")]
        for index, (stage, item) in enumerate(series):
            color = f"C{index}"
            points, base, extrap = [], [], []
            for n in sorted({r.n for r in rows if r.kind == kind}):
                chosen = [
                    r
                    for r in rows
                    if r.kind == kind
                    and r.n == n
                    and ((r.stage == "query" and stage.startswith("query")) or (r.stage == stage and r.item == item))
                ]
                if not chosen:
                    continue
                x = n
                if kind == "triples" or stage != "build":
                    load = [r for r in rows if r.kind == kind and r.n == n and r.stage == "load" and r.extra]
                    x = load[0].extra["triples"] if (load and kind == "triples") else n
                ours = [r.govgraph for r in chosen if r.govgraph is not None and r.unit == "s"]
                if ours:
                    points.append((x, max(ours)))
                theirs = [r for r in chosen if r.baseline is not None]
                if theirs:
                    slowest = max(theirs, key=lambda r: r.baseline or 0)
                    hollow = slowest.extrapolated or slowest.baseline_at_least
                    (extrap if hollow else base).append((x, slowest.baseline))
            label = stage + (f" {item}" if item else "")
            if points:
                axis.plot(*zip(*points, strict=True), "-o", color=color, label=f"{label} (govgraph)")
            if base:
                axis.plot(*zip(*base, strict=True), "--s", color=color, label=f"{label} (baseline)")
            if extrap:
                axis.plot(
                    *zip(*extrap, strict=True),
                    "s",
                    mfc="none",
                    color=color,
                    label=f"{label} (baseline, extrap. or lower bound)",
                )
        if axis.lines:
            axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(target, dpi=110)
    plt.close(figure)


def _x(rows: list[Row], row: Row) -> int:
    # The size a row's cost is set against: triples in the store (from its scale's load row).
    load = [r for r in rows if r.scale == row.scale and r.stage == "load" and r.extra.get("triples")]
    return int(load[0].extra["triples"]) if load else row.n


def growth(rows: list[Row]) -> list[tuple[str, str, float, str]]:
    """Per figure measured at two or more triple sizes: the log-log slope between the two largest.

    1 is linear; above ~1.2 the cost grows worse than linearly. Returns (figure, side, slope, sizes).
    """
    import math

    out = []
    for kind in ("documents", "triples"):
        keys = sorted({(r.stage, r.item) for r in rows if r.kind == kind})
        for stage, item in keys:
            if stage == "generate":
                continue
            chosen = [r for r in rows if r.kind == kind and (r.stage, r.item) == (stage, item)]
            for side in ("govgraph", "baseline"):
                points = sorted(
                    (_x(rows, r), getattr(r, side))
                    for r in chosen
                    if getattr(r, side)
                    and r.unit == "s"
                    and not (side == "baseline" and (r.extrapolated or r.baseline_at_least))
                )
                if len(points) < 2 or points[-1][0] <= points[-2][0] or min(p[1] for p in points[-2:]) < 0.05:
                    continue
                (x1, y1), (x2, y2) = points[-2], points[-1]
                slope = math.log(y2 / y1) / math.log(x2 / x1)
                label = f"{stage} {item}".strip() + f" ({kind} path)"
                out.append((label, side, slope, f"{x1:,} → {x2:,} triples"))
    return out


def targets(rows: list[Row]) -> list[tuple[str, str, str]]:
    """Issue 7's targets against the figures of this run: (target, measured, verdict)."""

    def at(stage: str, size: float, kind: str = "triples") -> list[Row]:
        return [r for r in rows if r.kind == kind and r.stage == stage and r.n == int(size)]

    out: list[tuple[str, str, str]] = []
    load = at("load", 1e6)
    if load and load[0].govgraph is not None:
        out.append(("load < 10 s at 10^6 triples", _fmt(load[0].govgraph), _verdict(load[0].govgraph < 10)))
    else:
        out.append(("load < 10 s at 10^6 triples", "not measured in this run", "—"))
    queries = [r for r in at("query", 1e6)]
    if queries:
        slow = [r for r in queries if r.govgraph is not None and r.govgraph >= 1]
        stopped = [r for r in queries if r.govgraph is None]
        worst = max((r.govgraph for r in queries if r.govgraph is not None), default=None)
        measured = (
            f"{len(queries) - len(slow) - len(stopped)} of {len(queries)} under 1 s; {len(slow)} finished in 1 s or "
            f"more (slowest {_fmt(worst)}): {', '.join(r.item for r in slow)}; {len(stopped)} did not finish "
            f"(stopped at the per-query limit, or an error)"
        )
        slow = slow + stopped
        names = ", ".join(r.item for r in stopped)
        out.append(
            (
                "every library query < 1 s at 10^6 triples",
                measured + (f" ({names})" if names else ""),
                _verdict(not slow),
            )
        )
    else:
        out.append(("every library query < 1 s at 10^6 triples", "not measured in this run", "—"))
    delta = at("validate-delta", 1e6)
    if delta and delta[0].govgraph is not None:
        out.append(
            (
                "in-context validation of 10^3 triples < 5 s at 10^6",
                _fmt(delta[0].govgraph),
                _verdict(delta[0].govgraph < 5),
            )
        )
    else:
        out.append(("in-context validation of 10^3 triples < 5 s at 10^6", "not measured in this run", "—"))
    builds = [r for r in rows if r.stage == "build" and r.rss_mb is not None and r.status == "ok"]
    loads = [r for r in rows if r.stage == "load" and r.rss_mb is not None and r.n >= 1e6]
    for row in builds + loads:
        out.append(
            (f"peak memory < 1 GB ({row.stage}, {row.scale})", f"{row.rss_mb:,.0f} MB", _verdict(row.rss_mb < 1024))
        )
    big = at("build", 1e5, "documents")
    if big and big[0].govgraph is not None:
        build = big[0]
        measured = _fmt(build.govgraph)
        if not build.extra.get("validated", True):
            # what SHACL would add, at the rate the largest validation of this run went
            validated = [r for r in rows if r.stage == "validate-full" and r.govgraph and r.status == "ok"]
            triples = build.extra.get("triples")
            verdict = _verdict(build.govgraph < 600) + " without validation"
            if validated and triples:
                largest = max(validated, key=lambda r: r.n)
                extra = largest.govgraph / largest.n * triples
                measured += (
                    f" without SHACL validation; validating its {triples:,} triples at the rate of "
                    f"validate-full ({largest.scale}) would add ≈{extra / 60:,.0f} min (extrapolated)"
                )
                verdict += f"; {_verdict(build.govgraph + extra < 600)} with it (extrap.)"
            else:
                measured += " without SHACL validation"
        else:
            verdict = _verdict(build.govgraph < 600)
        out.append(("full build < 10 min at 10^5 documents", measured, verdict))
    else:
        rates = [r for r in rows if r.stage == "extract" and r.govgraph]
        if rates:
            best = max(rates, key=lambda r: r.n)
            floor = 1e5 / best.govgraph
            out.append(
                (
                    "full build < 10 min at 10^5 documents",
                    f"not run; extraction alone at {best.govgraph:,.0f} docs/s ({best.scale}) would take "
                    f"≈{floor / 60:,.0f} min (extrapolated)",
                    _verdict(floor < 600) + " (extrap.)",
                )
            )
        else:
            out.append(("full build < 10 min at 10^5 documents", "not measured in this run", "—"))
    return out


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def write_results(report: dict[str, Any], rows: list[Row], out: Path) -> Path:
    """benchmarks/RESULTS.md (and the plot beside it) from this run."""
    shutil.copyfile(out / "results.png", HERE / "results.png")
    m = report["machine"]
    scales = ", ".join(sorted({r.scale for r in rows}, key=lambda s: (s.split()[1], float(s.split()[0]))))
    target_lines = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in targets(rows))
    if report["smoke"]:
        target_lines = "| (a smoke run checks that every stage runs; its timings are not figures) | — | — |"
    steep = [g for g in growth(rows) if g[2] > 1.2]
    growth_lines = "\n".join(f"| {a} | {b} | {c:.2f} | {d} |" for a, b, c, d in steep) or "| (none) | | | |"
    text = f"""# Benchmark results

Regenerate with (from the repository root):

```
{report["command"]}
```

- run: {report["started"]} – {report["finished"]} UTC ({report["seconds"]:.0f} s); scales run: {scales}
- machine: {m["cpu"]}, {m["cores"]} cores, {m["memory_gb"]} GB; load average at start {m["load_average"]}
  and at the end {report["load_average_end"]} (a shared machine: figures are ratios measured side by side)
- Python {m["python"]} on {m["platform"]}
- versions: {", ".join(f"{k} {v}" for k, v in m["versions"].items())}

What each figure means, and the targets: [README.md](README.md). The plot: ![cost against scale](results.png)

## Targets (issue 7)

| target | measured | verdict |
|---|---|---|
{target_lines}

## Growth with scale

Log-log slope of each figure between the two largest sizes measured (1 = linear; figures under
50 ms are left out, they are noise). Only slopes above 1.2 are listed:

| figure | side | slope | between |
|---|---|---|---|
{growth_lines}

## Every figure

{markdown_table(rows, report["smoke"])}
"""
    target = HERE / "RESULTS.md"
    target.write_text(text, encoding="utf-8")
    return target


def report_from_json(path: Path, *, write: bool) -> int:
    """Print (and with ``write`` rewrite RESULTS.md from) the results of an earlier run."""
    import dataclasses

    report = json.loads(path.read_text(encoding="utf-8"))
    names = {f.name for f in dataclasses.fields(Row)}
    rows = [Row(**{k: v for k, v in r.items() if k in names}) for r in report["rows"]]
    print_table(rows, report["smoke"])
    if write:
        plot(rows, path.parent / "results.png")
        print(f"wrote {write_results(report, rows, path.parent)}")
    return 0


# -- command line ---------------------------------------------------------------------------------


def _scales(text: str | None) -> list[int]:
    return [int(float(x)) for x in text.split(",") if x.strip()] if text else []


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the suite (or one worker)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", help="document scales, e.g. 1e3,1e4,1e5")
    parser.add_argument("--triples", help="triple scales, e.g. 1e4,1e5,1e6")
    parser.add_argument("--build-scale", help="document scales measured for generation and the build only, e.g. 1e5")
    parser.add_argument(
        "--out", type=Path, help="output directory (default benchmarks/out; a temporary one for --smoke)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=5, help="runs per query (the median is reported)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one stage may take before it is skipped")
    parser.add_argument("--query-timeout", type=float, default=30, help="seconds one query may take (all its runs)")
    parser.add_argument(
        "--rdflib-query-timeout",
        type=float,
        help="seconds one query may take in the rdflib baseline (default: --query-timeout); a baseline stopped "
        "there shows as a lower bound",
    )
    parser.add_argument("--rdflib-max", type=float, default=1e6, help="largest store the rdflib baseline loads")
    parser.add_argument("--rdflib-query-max", type=float, default=2e5, help="largest store rdflib queries run on")
    parser.add_argument("--pyshacl-max", type=float, default=3e4, help="largest store full pyshacl validates")
    parser.add_argument(
        "--full-validation-max", type=float, default=1e5, help="largest store govgraph validates in full"
    )
    parser.add_argument("--build-validate-max", type=float, default=200, help="largest corpus built with validation")
    parser.add_argument("--betweenness-k", type=int, default=256, help="sampled sources for the baseline betweenness")
    parser.add_argument("--smoke", action="store_true", help="30 documents and 5000 triples; checks only that it runs")
    parser.add_argument("--write-results", action="store_true", help="rewrite benchmarks/RESULTS.md from this run")
    parser.add_argument("--from-json", type=Path, help="no run: report (and --write-results) from a results.json")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--job", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.job or "{}")

    if args.from_json:
        return report_from_json(args.from_json, write=args.write_results)
    documents, triple_scales = _scales(args.scale), _scales(args.triples)
    build_scales = _scales(args.build_scale)
    if args.smoke:
        documents, triple_scales, build_scales = documents or [30], triple_scales or [5_000], build_scales or [20]
        # a query that rdflib takes seconds over on a few thousand triples says nothing more at smoke scale
        args.repeats, args.query_timeout, args.timeout = 1, min(args.query_timeout, 2), min(args.timeout, 300)
    if args.rdflib_query_timeout is None or args.smoke:
        args.rdflib_query_timeout = args.query_timeout
    if not documents and not triple_scales and not build_scales:
        parser.error("give --scale, --triples and/or --build-scale (or --smoke)")
    out = args.out or (Path(tempfile.mkdtemp(prefix="govgraph-bench-")) if args.smoke else HERE / "out")
    out.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        out=out,
        seed=args.seed,
        repeats=args.repeats,
        timeout=args.timeout,
        query_timeout=args.query_timeout,
        rdflib_query_timeout=args.rdflib_query_timeout,
        rdflib_max=int(args.rdflib_max),
        rdflib_query_max=int(args.rdflib_query_max),
        pyshacl_max=int(args.pyshacl_max),
        full_validation_max=int(args.full_validation_max),
        build_validate_max=int(args.build_validate_max),
        betweenness_k=args.betweenness_k,
        smoke=args.smoke,
    )
    command = "python benchmarks/run.py " + " ".join(
        shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])
    )
    started = time.time()
    info = machine()
    suite = Suite(settings)
    for n in sorted(documents):
        suite.documents(n)
    for n in sorted(build_scales):
        suite.documents(n, build_only=True)
    for n in sorted(triple_scales):
        suite.triples(n)
    report = {
        "command": command,
        "smoke": args.smoke,
        "started": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(started)),
        "finished": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        "seconds": time.time() - started,
        "machine": info,
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
        "stages": sorted({r.stage for r in suite.rows}),
        "rows": [r.as_dict() for r in suite.rows],
    }
    (out / "results.json").write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    plot(suite.rows, out / "results.png")
    print_table(suite.rows, args.smoke)
    print(f"results: {out / 'results.json'}, plot: {out / 'results.png'}")
    if args.write_results:
        print(f"wrote {write_results(report, suite.rows, out)}")
    if not args.out and args.smoke:
        shutil.rmtree(out / "work", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
