"""``govgraph build`` and ``govgraph stats``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from govgraph import paths, pipeline, release
from govgraph.cli.common import StoreOption, console, err_console
from govgraph.store import GraphStore


def register(app: typer.Typer) -> None:
    app.command("build")(build)
    app.command("stats")(stats)
    app.command("export")(export)


def build(
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus directory (default: the bundled data/corpus).")
    ] = None,
    store: StoreOption = None,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip SHACL validation.")] = False,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", min=1, help="Worker processes (default: one per core from 1000 documents)."),
    ] = None,
) -> None:
    """Build the graph from the documents and reference data into a validated store."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=output_format == "json",
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        try:
            summary = pipeline.build(corpus, store, validate=not no_validate, progress=progress, jobs=jobs)
        except pipeline.BuildInvalidError as error:
            bar.stop()
            err_console.print(error.report.text() if hasattr(error.report, "text") else "", highlight=False)
            raise
    if output_format == "json":
        console.print_json(json.dumps(summary.to_dict()))
    else:
        print_summary(summary, title=f"govgraph: built {summary.store} in {summary.seconds} s")


def stats(
    store: StoreOption = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Show what the store holds: documents, triples, actors per stakeholder group, counts."""
    summary = pipeline.stats(store)
    if output_format == "json":
        console.print_json(json.dumps(summary.to_dict()))
    else:
        print_summary(summary, title=f"govgraph store {summary.store}")


def print_summary(summary: pipeline.BuildSummary, *, title: str) -> None:
    """The build summary as tables a person reads at a glance."""
    console.print(f"[bold]{title}[/]")
    documents = Table("collection", "documents", title="Documents", title_justify="left")
    for collection, count in summary.documents_by_collection.items():
        documents.add_row(collection, str(count))
    console.print(documents)
    counts = Table("what", "count", title="Graph", title_justify="left")
    counts.add_row("triples", str(summary.triples))
    counts.add_row("named graphs", str(summary.graphs))
    for name, value in summary.counts.items():
        counts.add_row(name.replace("_", " "), str(value))
    console.print(counts)
    groups = Table(
        "stakeholder group (as stated)", "actors", title="Actors per stakeholder group", title_justify="left"
    )
    for group, count in summary.actors_by_group.items():
        groups.add_row(group, str(count))
    console.print(groups)
    if summary.conforms is not None:
        verdict = "[green]conforms[/]" if summary.conforms else "[red]does not conform[/]"
        console.print(f"SHACL: {verdict} — {summary.violations} violation(s), {summary.warnings} warning(s)")


def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write (.nq or .trig).")],
    store: StoreOption = None,
    output_format: Annotated[
        str | None, typer.Option("--format", help="nquads or trig (default: from the file extension).")
    ] = None,
) -> None:
    """Write the release dump: every graph plus a VoID/DCAT dataset description, deterministic."""
    rdf_format = output_format or ("trig" if output.suffix == ".trig" else "nquads")
    graph_store = GraphStore.open(store or paths.default_store_dir(), read_only=True)
    try:
        count = release.export(graph_store, output, rdf_format)
    finally:
        graph_store.close()
    console.print(f"wrote {count} quads to {output}")
