"""Options and printing helpers shared by the command modules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from govgraph.paths import STORE_ENV

console = Console()
err_console = Console(stderr=True)

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar=STORE_ENV,
        help="Store directory (default: $GOVGRAPH_STORE, else ~/.local/share/govgraph/store).",
        show_default=False,
    ),
]
