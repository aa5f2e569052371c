"""The ``govgraph`` command line. It only parses arguments and prints; every command calls a library
function of its own module (``govgraph.pipeline``, ``govgraph.query``, ``govgraph.network`` ...).

Each command group lives in one module of this package with a ``register(app)`` function.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.text import Text

from govgraph.cli.common import err_console
from govgraph.errors import GovgraphError

app = typer.Typer(
    name="govgraph",
    help="A knowledge graph of the multistakeholder cyber-governance landscape.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = (
    "build",
    "resolve",
    "validate",
    "network",
    "query",
    "serve",
    "extract",
)


for _name in COMMAND_MODULES:
    importlib.import_module(f"govgraph.cli.{_name}").register(app)


def main() -> None:
    """Entry point of the console script: run the app, turn GovgraphError into one line and its exit code.

    Typer's standalone mode already turns usage errors into exit 2 and ``typer.Exit`` into its code;
    only our own errors pass through it.
    """
    try:
        app()
    except GovgraphError as error:
        err_console.print(Text.assemble(("error:", "bold red"), f" {error}"), highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
