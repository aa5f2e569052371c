"""``govgraph query`` and ``govgraph queries``: the query library on the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from govgraph import query as library
from govgraph.cli.common import StoreOption
from govgraph.errors import BadInputError


def register(app: typer.Typer) -> None:
    app.command("query")(query)
    app.command("queries")(queries)


def _params(values: list[str] | None) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise BadInputError(f"--param wants KEY=VALUE, got {item!r}")
        key = key.strip()
        if key in params:
            raise BadInputError(f"--param {key} given twice")
        params[key] = value
    return params


def query(
    name: Annotated[
        str | None, typer.Argument(help="A library query name (see `govgraph queries`) or a FILE.rq.")
    ] = None,
    sparql: Annotated[str | None, typer.Option("--sparql", help="An ad-hoc SPARQL query instead of NAME.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter as KEY=VALUE (repeatable).")
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            "--endpoint",
            help="Run at this SPARQL 1.1 endpoint instead of the store (its default graph must be the union "
            "of the named graphs, as `govgraph serve` gives).",
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json or xml.")] = "table",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for an endpoint.")] = 30.0,
    store: StoreOption = None,
) -> None:
    """Run a library query, a .rq file or ad-hoc SPARQL; print the results."""
    if output_format not in library.FORMATS:
        raise BadInputError(f"unknown format {output_format!r}; choose one of {', '.join(library.FORMATS)}")
    if (name is None) == (sparql is None):
        raise BadInputError("give a query NAME (or FILE.rq) or --sparql TEXT, not both and not neither")
    target: str | Path
    if sparql is not None:
        target = library.parse_query_text(sparql)  # type: ignore[assignment]
    elif name is not None and (name.endswith(".rq") or "/" in name):
        target = Path(name)
    else:
        target = name or ""
    result = library.run_query(target, _params(param), store=store, endpoint=endpoint, timeout=timeout)
    text = result.serialize(output_format)
    data = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)  # bytes: CSV keeps its CRLF line ends exactly
    sys.stdout.buffer.flush()


def queries(
    name: Annotated[str | None, typer.Argument(help="Show this query's documentation and text.")] = None,
) -> None:
    """List the query library, or show one query's documentation."""
    if name:
        item = library.get_query(name)
        sys.stdout.write(library.describe(item))
        sys.stdout.write("\n" + _body(item.text))
        return
    items = library.list_queries()
    width = max((len(q.name) for q in items), default=0)
    for item in items:
        sys.stdout.write(f"{item.name.ljust(width)}  {item.summary}\n")


def _body(text: str) -> str:
    lines = [line for line in text.splitlines() if not line.startswith("#+")]
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines) + "\n"
