"""``govgraph network export`` and ``govgraph network stats``: parse, call ``govgraph.network``, print."""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from govgraph import paths
from govgraph.cli.common import StoreOption, console, err_console
from govgraph.network.kinds import ExportFormat, Projection
from govgraph.store import GraphStore

network_app = typer.Typer(
    name="network",
    help="Actor networks: export projections for Gephi, Cytoscape, D3 or a browser; summary measures.",
    no_args_is_help=True,
)


class StatsFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    app.add_typer(network_app, name="network")


ProjectionOption = Annotated[
    Projection,
    typer.Option(
        "--projection",
        "-p",
        help="person: people joined by shared events; organisation: organisations (and states) likewise; "
        "bipartite: actors–events; process: actors–processes.",
        case_sensitive=False,
    ),
]
ProcessOption = Annotated[
    str | None, typer.Option("--process", help="Only events of this process (notation: OEWG, IGF, AHC, …).")
]
FromOption = Annotated[int | None, typer.Option("--from", help="Only events in or after this year.")]
ToOption = Annotated[int | None, typer.Option("--to", help="Only events in or before this year.")]
GroupOption = Annotated[
    str | None,
    typer.Option("--group", help='Only participations stating this stakeholder group ("Civil Society", …).'),
]
CollectionOption = Annotated[
    str | None, typer.Option("--collection", help="Only participations read from this collection (seeds, …).")
]
MaxEventOption = Annotated[
    int | None,
    typer.Option(
        "--max-event-size",
        min=0,
        help="Events with more participants add no co-participation edges (default 1000; 0: no limit).",
    ),
]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of community detection, sampling and layout.")]
SamplesOption = Annotated[
    int | None,
    typer.Option("--samples", "-k", help="Estimate betweenness from this many sources (default: exact when small)."),
]


def _filters(
    process: str | None, year_from: int | None, year_to: int | None, group: str | None, collection: str | None
) -> Any:
    from govgraph.network.projections import Filters

    return Filters(process=process, year_from=year_from, year_to=year_to, group=group, collection=collection)


@network_app.command("export")
def export(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write (CSV: FILE-nodes.csv and FILE-edges.csv).")
    ],
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False)],
    projection: ProjectionOption = Projection.person,
    process: ProcessOption = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    group: GroupOption = None,
    collection: CollectionOption = None,
    store: StoreOption = None,
    seed: SeedOption = 0,
    samples: SamplesOption = None,
    max_event_size: MaxEventOption = None,
) -> None:
    """Write a projection as GraphML, GEXF, D3 JSON, CSV tables, a PNG figure or an offline HTML page."""
    from govgraph.network.exports import check_writable, export_network  # heavy: only when used

    check_writable(output, output_format)  # before any work
    started = time.perf_counter()
    graph_store = GraphStore.open(store or paths.default_store_dir(), read_only=True)
    try:
        graph, written = export_network(
            graph_store,
            projection,
            output_format,
            output,
            _filters(process, year_from, year_to, group, collection),
            seed=seed,
            k=samples,
            max_event_size=max_event_size,
        )
    finally:
        graph_store.close()
    seconds = time.perf_counter() - started
    files = ", ".join(str(p) for p in written)
    skipped = [e for e in str(graph.graph.get("skipped_events", "")).split(";") if e]
    if skipped:
        err_console.print(
            f"note: {len(skipped)} event(s) have more than {graph.graph['max_event_size']} participants and "
            f"join nobody (--max-event-size 0 keeps them): {'; '.join(skipped[:5])}",
            highlight=False,
            soft_wrap=True,
        )
    if graph.number_of_nodes() == 0:
        err_console.print(
            f"[yellow]no actors match the filters[/]: the {projection.value} network is empty; "
            f"wrote an empty {output_format.value} file to {files}",
            highlight=False,
            soft_wrap=True,
        )
        return
    console.print(
        f"wrote the {projection.value} network ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges) "
        f"as {output_format.value} to {files} in {seconds:.1f} s",
        highlight=False,
        soft_wrap=True,
    )


@network_app.command("stats")
def stats(
    projection: ProjectionOption = Projection.person,
    output_format: Annotated[StatsFormat, typer.Option("--format", "-f", case_sensitive=False)] = StatsFormat.text,
    process: ProcessOption = None,
    year_from: FromOption = None,
    year_to: ToOption = None,
    group: GroupOption = None,
    collection: CollectionOption = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many actors to list per measure.")] = 10,
    store: StoreOption = None,
    seed: SeedOption = 0,
    samples: SamplesOption = None,
    max_event_size: MaxEventOption = None,
) -> None:
    """Size, density, components, top actors by each centrality, group mixing, E-I indices, brokerage."""
    from govgraph.network.stats import network_stats, render_text  # heavy: only when used

    graph_store = GraphStore.open(store or paths.default_store_dir(), read_only=True)
    try:
        summary = network_stats(
            graph_store,
            projection,
            _filters(process, year_from, year_to, group, collection),
            top=top,
            seed=seed,
            k=samples,
            max_event_size=max_event_size,
        )
    finally:
        graph_store.close()
    if output_format is StatsFormat.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        typer.echo(render_text(summary), nl=False)
