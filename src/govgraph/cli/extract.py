"""``govgraph extract`` (documents → JSON contract or RDF, no store touched) and ``govgraph eval``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from govgraph.errors import BadInputError


def register(app: typer.Typer) -> None:
    """Add the ``extract`` and ``eval`` commands to ``app``."""
    app.command("extract")(extract)
    app.command("eval")(evaluate_command)


def extract(
    documents: Annotated[list[Path], typer.Argument(help="Document files (corpus files or any text file).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="json (the extraction contract), trig, nquads, turtle or jsonld.")
    ] = "json",
    genre: Annotated[
        str | None,
        typer.Option("--genre", help="Read every file as this genre (igf-session, event-page, …)."),
    ] = None,
) -> None:
    """Extract people, roles, groups, organisations and processes from documents."""
    from govgraph.extract.output import FORMATS, extract_paths, render

    if output_format not in FORMATS:
        raise BadInputError(f"unknown format {output_format!r}: use one of {', '.join(FORMATS)}")
    text = render(extract_paths(documents, genre), output_format)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise BadInputError(f"{output}: cannot write ({error.strerror or error})") from None


def evaluate_command(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold JSON files (searched recursively).")],
    output_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus the gold files name (default: the bundled one).")
    ] = None,
) -> None:
    """Score the extractor against gold files: precision, recall and F1 per document and overall."""
    from govgraph.extract.evaluate import evaluate

    if output_format not in ("table", "json"):
        raise BadInputError(f"unknown format {output_format!r}: use table or json")
    report = evaluate(gold_dir, corpus)
    if output_format == "json":
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(report.table())
