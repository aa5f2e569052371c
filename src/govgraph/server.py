"""``govgraph serve``: the Oxigraph server over the store, a real SPARQL 1.1 endpoint.

The server is the ``oxigraph`` binary of the PyPI package of the same version as pyoxigraph,
opened on the store's database: read-only by default (``serve-read-only``), writable on request
(``serve``). The default graph is the union of the named graphs, as for embedded queries, so the
query library gives the same rows. It listens on the loopback interface unless another address is
asked for explicitly; its root page is Oxigraph's query page, its SPARQL endpoint ``/query``, its
update endpoint ``/update`` (writable only) and its Graph Store Protocol endpoint ``/store``.
"""

from __future__ import annotations

import ipaddress
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from govgraph.errors import BadInputError, GovgraphError, StoreError
from govgraph.remote import ping
from govgraph.store import is_store_dir

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Server:
    """A running Oxigraph server."""

    host: str
    port: int
    process: subprocess.Popen[bytes]
    writable: bool

    @property
    def url(self) -> str:
        """The root URL (the query page)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 query endpoint."""
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        """The SPARQL 1.1 update endpoint (writable servers only)."""
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint."""
        return f"{self.url}/store"


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed beside this Python, else on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise GovgraphError("the oxigraph server is not installed (pip install oxigraph)")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names only this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nobody listens on at ``host`` right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host.strip("[]"), 0))
        return int(probe.getsockname()[1])


def _location(store_dir: Path | None) -> Path | None:
    if store_dir is None:
        return None
    store_dir = Path(store_dir)
    if not store_dir.exists():
        raise StoreError(f"no store at {store_dir}: run `govgraph build` first (or pass --store)")
    if not is_store_dir(store_dir):
        raise StoreError(f"{store_dir} is not a govgraph store")
    return store_dir / "oxigraph"


@contextmanager
def serving(
    store_dir: Path | None,
    port: int = 0,
    *,
    bind: str = LOOPBACK,
    writable: bool = False,
    allow_remote: bool = False,
    startup_timeout: float = 30.0,
    query_timeout: int | None = None,
) -> Iterator[Server]:
    """Run the Oxigraph server over ``store_dir`` for the duration of the block.

    ``port=0`` picks a free port. ``store_dir=None`` with ``writable`` serves an empty in-memory
    dataset (a push target for tests). A bind address outside the loopback interface needs
    ``allow_remote``. The block starts once the endpoint answers a query; on exit the process is
    terminated (then killed if it does not stop).
    """
    if not is_loopback(bind) and not allow_remote:
        raise BadInputError(f"refusing to listen on {bind}: not a loopback address (pass --bind explicitly)")
    location = _location(store_dir)
    if location is None and not writable:
        raise BadInputError("a read-only server needs a store directory")
    chosen = port or free_port(bind)
    command = [oxigraph_binary(), "serve" if writable else "serve-read-only"]
    if location is not None:
        command += ["--location", str(location)]
    host = f"[{bind}]" if ":" in bind and not bind.startswith("[") else bind
    command += ["--bind", f"{host}:{chosen}", "--union-default-graph"]
    if query_timeout:
        command += ["--timeout-s", str(query_timeout)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        server = Server(host=bind.strip("[]"), port=chosen, process=process, writable=writable)
        try:
            _wait_until_ready(server, log, startup_timeout)
            yield server
        finally:
            _stop(process)


def _wait_until_ready(server: Server, log: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        if server.process.poll() is not None:
            raise GovgraphError(f"the oxigraph server stopped at start: {_tail(log)}")
        if ping(server.query_url, timeout=2.0):
            return
        if time.monotonic() > deadline:
            raise GovgraphError(f"the oxigraph server did not answer on {server.url} within {timeout:g} s")
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


def _tail(log: object) -> str:
    try:
        log.seek(0)  # type: ignore[attr-defined]
        text = log.read().decode("utf-8", "replace")  # type: ignore[attr-defined]
    except (OSError, AttributeError):
        return "(no output)"
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    if errors:  # Oxigraph prints "Error: …" and then a stack backtrace
        return errors[0]
    return lines[-1] if lines else "(no output)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def serve_forever(
    store_dir: Path,
    port: int = 7878,
    *,
    bind: str = LOOPBACK,
    writable: bool = False,
    allow_remote: bool = False,
    on_ready: object = None,
) -> None:
    """Serve until interrupted (Ctrl-C) or until the server process ends."""
    with serving(store_dir, port, bind=bind, writable=writable, allow_remote=allow_remote) as server:
        if callable(on_ready):
            on_ready(server)
        _wait_for_stop(server.process)


def _wait_for_stop(process: subprocess.Popen[bytes]) -> None:
    """Until the server process ends or SIGINT/SIGTERM arrives.

    The signals set a flag instead of raising ``KeyboardInterrupt`` wherever the main thread happens
    to be (inside ``Popen.wait``, say), so the server is always stopped through ``_stop``.
    """
    stop = threading.Event()
    try:
        previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: signals cannot be caught here
        with suppress(KeyboardInterrupt):
            process.wait()
        return
    try:
        while not stop.is_set() and process.poll() is None:
            stop.wait(0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
