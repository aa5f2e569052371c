"""Time every library query on a store, one at a time: median of N runs, a per-query timeout.

    python benchmarks/query_timing.py --store /tmp/q/store
    python benchmarks/query_timing.py --store /tmp/q/store --only evidence,actor-timeline --runs 3
    python benchmarks/query_timing.py --store /tmp/q/store --rows /tmp/q/rows-before   # save sorted rows
    python benchmarks/query_timing.py --store /tmp/q/store --rows /tmp/q/rows-after --compare /tmp/q/rows-before

``--store`` is a govgraph store directory (``govgraph build`` or ``GraphStore.create`` + bulk load);
``--queries`` times another copy of the library (e.g. the previous one) with the same parameters.
Each query runs through ``govgraph.query.run_query`` -- the path the CLI takes -- with the
parameters the benchmark suite gives it (``benchmarks/stages.py``: header defaults, the store's
most active person and event for actor, IRI and event parameters), in a child process, so a query
past ``--timeout`` is killed and reported without stopping the others. Wall-clock and CPU time are
both reported (medians); the CPU time of the query's process is the steadier figure on a shared
machine. The first run's rows can be saved (sorted, one line per row, one file per query) and
compared with an earlier save.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import stages
from benchmarks.stages import library_queries


def _term(term: object) -> str:
    if term is None:
        return "UNBOUND"
    return term.n3() if hasattr(term, "n3") else str(term)


def _worker(
    store: str, name: str, params: dict, runs: int, single_above: float, directory: str | None, out: mp.Queue
) -> None:
    from govgraph.query import run_query
    from govgraph.store import GraphStore

    with GraphStore.open(Path(store), read_only=True) as opened:
        times, cpu, rows = [], [], None
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            result = run_query(name, params, store=opened, directory=directory and Path(directory))
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            if rows is None:
                rows = sorted("\t".join(_term(t) for t in row) for row in result.rows)
                out.put(("first", times[0], rows))
                if times[0] > single_above * 1000:
                    break  # far off the target: one run says enough
        out.put(("done", times, cpu))


def time_query(
    store: str,
    name: str,
    params: dict,
    runs: int,
    timeout: float,
    single_above: float = 10.0,
    directory: str | None = None,
) -> dict:
    """One query's figures: median ms of ``runs`` (or a timeout), its row count and sorted rows."""
    queue: mp.Queue = mp.get_context("spawn").Queue()
    process = mp.get_context("spawn").Process(
        target=_worker, args=(store, name, params, runs, single_above, directory, queue)
    )
    process.start()
    deadline = time.monotonic() + timeout * runs + 10  # child start and store opening included
    first_deadline = time.monotonic() + timeout + 10
    rows: list[str] | None = None
    times: list[float] = []
    cpu: list[float] = []
    try:
        _kind, first_ms, rows = queue.get(timeout=max(0.1, first_deadline - time.monotonic()))
        if first_ms > timeout * 1000:
            return {"query": name, "status": "timeout", "ms": first_ms, "rows": len(rows), "_rows": rows}
        _kind, times, cpu = queue.get(timeout=max(0.1, deadline - time.monotonic()))
    except Exception:  # queue.Empty or a dead child: report it, go on
        status = "timeout" if process.is_alive() else f"error (exit {process.exitcode})"
        return {"query": name, "status": status, "ms": None, "rows": None if rows is None else len(rows), "_rows": rows}
    finally:
        if process.is_alive():
            process.kill()
        process.join()
    return {
        "query": name,
        "status": "ok",
        "ms": statistics.median(times),
        "runs_ms": times,
        "cpu_ms": statistics.median(cpu),
        "rows": len(rows or []),
        "_rows": rows,
    }


def _dataset_nodes(store: Path) -> dict:
    """The benchmark suite's sample of the store (top person, top event), cached beside the store."""
    from govgraph.store import GraphStore

    cached = Path(f"{store}.nodes.json")
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))
    with GraphStore.open(store, read_only=True) as opened:
        nodes = stages._nodes(opened)
    cached.write_text(json.dumps(nodes) + "\n", encoding="utf-8")
    return nodes


def main(argv: list[str] | None = None) -> int:
    from govgraph.query import list_queries

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a govgraph store directory")
    parser.add_argument("--queries", help="a directory of .rq files to time instead of the library")
    parser.add_argument("--only", default="", help="comma-separated query names (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="runs per query; the median is reported")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run before giving up")
    parser.add_argument(
        "--single-above", type=float, default=10.0, help="seconds: a query whose first run is slower runs only once"
    )
    parser.add_argument("--rows", type=Path, help="save each query's sorted rows in this directory")
    parser.add_argument("--compare", type=Path, help="compare the rows with those saved in this directory")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)

    runnable, skipped = library_queries(_dataset_nodes(Path(args.store)))
    names = {q.name for q in list_queries(args.queries and Path(args.queries))}
    if args.queries:  # the same parameters, for another copy of the library (e.g. an older one)
        runnable = [item for item in runnable if item["name"] in names]
    for item in skipped:
        print(f"skipped {item['name']}: {item['reason']}", flush=True)
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = sorted(set(wanted) - names)
        if unknown:
            parser.error(f"unknown queries: {', '.join(unknown)}")
        runnable = [item for item in runnable if item["name"] in wanted]
    if args.rows:
        args.rows.mkdir(parents=True, exist_ok=True)

    results, differing = [], 0
    print(f"{'query':40} {'median ms':>10} {'cpu ms':>8} {'rows':>7}  status", flush=True)
    for item in runnable:
        name, key, params = item["name"], item["key"], item["params"]
        figure = time_query(args.store, name, params, args.runs, args.timeout, args.single_above, args.queries)
        rows = figure.pop("_rows")
        note = figure["status"]
        if args.rows and rows is not None:
            (args.rows / f"{key}.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        if args.compare and rows is not None:
            saved = args.compare / f"{key}.tsv"
            if saved.exists():
                same = saved.read_text(encoding="utf-8") == "\n".join(rows) + "\n"
                figure["same_rows"] = same
                note += ", same rows" if same else ", ROWS DIFFER"
                differing += not same
        ms = "-" if figure["ms"] is None else f"{figure['ms']:.0f}"
        cpu_ms = f"{figure['cpu_ms']:.0f}" if figure.get("cpu_ms") is not None else "-"
        rows_text = "-" if figure["rows"] is None else str(figure["rows"])
        print(f"{key:40} {ms:>10} {cpu_ms:>8} {rows_text:>7}  {note}  {params or ''}", flush=True)
        results.append({"key": key, **figure})
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
