"""``govgraph serve`` (the Oxigraph server over the store) and ``govgraph push`` (to any SPARQL store)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from govgraph import paths, remote, server
from govgraph.cli.common import StoreOption
from govgraph.store import GraphStore


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("push")(push)


def serve(
    port: Annotated[int, typer.Option("--port", help="TCP port (0: any free port).")] = 7878,
    bind: Annotated[
        str | None,
        typer.Option("--bind", help="Address to listen on (default 127.0.0.1; others only when given here)."),
    ] = None,
    writable: Annotated[bool, typer.Option("--writable", help="Accept SPARQL updates and Graph Store writes.")] = False,
    store: StoreOption = None,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint with a query page (read-only unless --writable)."""
    store_dir = Path(store) if store else paths.default_store_dir()

    def ready(running: server.Server) -> None:
        mode = "read-write" if writable else "read-only"
        sys.stderr.write(
            f"govgraph: serving {store_dir} ({mode}) at {running.url}/ — SPARQL endpoint {running.query_url}"
            " — Ctrl-C to stop\n"
        )
        sys.stderr.flush()

    server.serve_forever(
        store_dir,
        port,
        bind=bind or server.LOOPBACK,
        writable=writable,
        allow_remote=bind is not None,
        on_ready=ready,
    )


def push(
    endpoint: Annotated[str, typer.Option("--endpoint", help="The SPARQL 1.1 query endpoint of the target store.")],
    graph_store: Annotated[
        str | None,
        typer.Option("--graph-store", help="Its Graph Store Protocol URL (default: beside the endpoint, /store)."),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each request.")] = 120.0,
    store: StoreOption = None,
) -> None:
    """Load every graph of the store into a SPARQL 1.1 store, graph by graph, and verify the counts."""
    store_dir = Path(store) if store else paths.default_store_dir()
    with GraphStore.open(store_dir, read_only=True) as opened:
        report = remote.push(opened, endpoint, graph_store=graph_store, timeout=timeout)
    sys.stdout.write(
        f"pushed {report.triples} triples in {len(report.graphs)} graphs to {report.graph_store}; counts verified\n"
    )
