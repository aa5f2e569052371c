"""The ``govgraph`` command line. It only parses arguments and prints; every command calls a library
function of its own module (``govgraph.pipeline``, ``govgraph.query``, ``govgraph.network`` ...).

Each command group lives in one module of this package with a ``register(app)`` function.
"""

from __future__ import annotations

import importlib
import sys

import typer

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
    """Entry point of the console script: run the app, turn GovgraphError into one line and exit 2."""
    try:
        app(standalone_mode=False)
    except GovgraphError as error:
        err_console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err_console.print("[bold red]aborted[/]")
        sys.exit(130)
    except Exception as error:  # click usage errors come through here in non-standalone mode
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(2)
        raise
