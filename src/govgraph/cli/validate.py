"""``govgraph validate`` and ``govgraph ingest``: check new triples in context, add them atomically.

Exit codes: 0 conforms (nothing at or above ``--fail-on``), 1 results at or above ``--fail-on``,
2 bad input (missing or malformed file, not a store).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from govgraph import paths
from govgraph.cli.common import StoreOption, console
from govgraph.errors import BadInputError, StoreError
from govgraph.ingest import ingest as ingest_files
from govgraph.ingest import read_inputs, reference_context
from govgraph.store import GraphStore, is_store_dir
from govgraph.validate import (
    FAIL_ON,
    SourceMap,
    ValidationReport,
    load_shapes,
    validate_in_context,
    validate_store,
)

FORMATS = ("text", "json", "turtle")

FormatOption = Annotated[str, typer.Option("--format", "-f", help="Report format: text, json or turtle.")]
FailOnOption = Annotated[
    str,
    typer.Option("--fail-on", help="Exit 1 when a result is at or above: violation, warning or info."),
]
ShapesOption = Annotated[
    Path | None,
    typer.Option("--shapes", help="Shapes file (default: the bundled ontology/shapes.ttl).", show_default=False),
]


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
    app.command("ingest")(ingest)


def _check_options(output_format: str, fail_on: str) -> None:
    if output_format not in FORMATS:
        raise BadInputError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if fail_on not in FAIL_ON:
        raise BadInputError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")


def _context_store(store: Path | None) -> GraphStore:
    """The store named by --store / $GOVGRAPH_STORE (else the default one); when nothing exists
    there yet (no build), the bundled ontology and reference data. A directory that exists but is
    not a govgraph store is an error."""
    target = Path(store) if store is not None else paths.default_store_dir()
    if target.exists():
        return GraphStore.open(target, read_only=True)
    Console(stderr=True).print(
        f"note: no store at {target}; validating against the bundled ontology and reference data",
        highlight=False,
    )
    return reference_context()


def print_report(report: ValidationReport, output_format: str) -> None:
    """Print a report in the chosen format (text gets colour only on a terminal)."""
    if output_format == "json":
        sys.stdout.write(report.to_json())
    elif output_format == "turtle":
        sys.stdout.write(report.to_turtle())
    else:
        console.print(report.to_text(markup=True), highlight=False, soft_wrap=True, end="")


def validate(
    files: Annotated[list[Path] | None, typer.Argument(help="RDF files or documents; none = the whole store.")] = None,
    store: StoreOption = None,
    output_format: FormatOption = "text",
    fail_on: FailOnOption = "violation",
    shapes: ShapesOption = None,
) -> None:
    """Validate FILEs in the context of the store (or, without FILE, the whole store)."""
    _check_options(output_format, fail_on)
    shapes_graph = load_shapes(shapes)
    if not files:
        target = store or paths.default_store_dir()
        if not is_store_dir(Path(target)):
            raise StoreError(f"no store at {target}: run `govgraph build` first, or give FILEs to validate")
        with GraphStore.open(Path(target), read_only=True) as opened:
            report = validate_store(opened, shapes=shapes_graph)
    else:
        inputs = read_inputs(files)
        context = _context_store(store)
        delta_graphs = [item.graph for item in inputs]
        delta = delta_graphs[0] if len(delta_graphs) == 1 else _union(delta_graphs)
        sources = SourceMap([i.index for i in inputs if i.index], delta, [i.display for i in inputs])
        replacing = sorted({g for item in inputs for g in item.graphs})
        report = validate_in_context(delta, context, shapes=shapes_graph, sources=sources, replacing=replacing)
    print_report(report, output_format)
    # SystemExit, not typer.Exit: the app runs with standalone_mode=False, where click returns
    # typer.Exit's code instead of exiting with it
    raise SystemExit(1 if report.fails(fail_on) else 0)


def _union(graphs: list) -> object:
    from rdflib import Graph

    union = Graph()
    for graph in graphs:
        for triple in graph:
            union.add(triple)
    return union


def ingest(
    files: Annotated[list[Path], typer.Argument(help="RDF files (.ttl .trig .nt .nq .jsonld) or documents.")],
    store: StoreOption = None,
    output_format: FormatOption = "text",
    fail_on: FailOnOption = "violation",
    shapes: ShapesOption = None,
) -> None:
    """Validate FILEs in context and add them to the store in one transaction (all or nothing)."""
    _check_options(output_format, fail_on)
    target = Path(store or paths.default_store_dir())
    err = Console(stderr=True)
    shapes_graph = load_shapes(shapes)
    with GraphStore.open(target) as opened:
        outcome = ingest_files(
            files,
            opened,
            fail_on=fail_on,
            shapes=shapes_graph,
            progress=lambda message: err.print(f"ingest: {message}", highlight=False),
        )
    if outcome.report is not None and (not outcome.ingested or not outcome.report.conforms):
        print_report(outcome.report, output_format)
    if not outcome.ingested and outcome.report is not None:
        err.print("[bold red]not ingested[/]: the store is unchanged.", highlight=False)
        raise SystemExit(1)
    for graph in outcome.unchanged:
        console.print(f"unchanged  <{graph}>", highlight=False, soft_wrap=True)
    for graph, count in outcome.written.items():
        console.print(f"ingested   <{graph}>  {count} triples", highlight=False, soft_wrap=True)
