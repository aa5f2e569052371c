"""``govgraph resolve --review``: the uncertain identity merges a maintainer should decide."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from govgraph import resolve
from govgraph.cli.common import console
from govgraph.errors import BadInputError


def register(app: typer.Typer) -> None:
    app.command("resolve")(resolve_command)


def resolve_command(
    review: Annotated[
        bool, typer.Option("--review", help="List the uncertain merges (pairs of names that may be one actor).")
    ] = False,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus directory (default: the bundled data/corpus).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    threshold: Annotated[
        float, typer.Option("--threshold", help="Lowest similarity (0-100) to list.")
    ] = resolve.CANDIDATE_THRESHOLD,
) -> None:
    """Identity resolution across documents. Decide candidates in data/reference/identity-decisions.ttl."""
    if output_format not in ("table", "json"):
        raise BadInputError(f"--format must be table or json, not {output_format!r}")
    if not review:
        raise BadInputError("nothing to do: give --review to list the uncertain merges")
    candidates = resolve.review(corpus, threshold=threshold)
    if output_format == "json":
        print(json.dumps([c.as_dict() for c in candidates], ensure_ascii=False, indent=2))
        return
    if not candidates:
        console.print("no uncertain merges: every pair of similar names is merged or decided")
        return
    table = Table(title="Merge candidates", title_justify="left", show_lines=True)
    # IRIs are copied into the decisions file: fold long values instead of cutting them.
    for header in ("score", "kind", "name", "IRI", "documents", "why"):
        table.add_column(header, overflow="fold")
    for c in candidates:
        table.add_row(
            f"{c.score:.1f}",
            c.kind,
            "\n".join(c.names),
            "\n".join(c.iris),
            "\n".join(", ".join(d) for d in c.documents),
            c.reason,
        )
    console.print(table)
    console.print(
        "Decide each pair in data/reference/identity-decisions.ttl: "
        "<A> owl:sameAs <B> merges A into B; <A> owl:differentFrom <B> keeps them apart."
    )
