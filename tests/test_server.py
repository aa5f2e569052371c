"""``govgraph serve``: the real Oxigraph server over a fixture store, queried over HTTP with SPARQLWrapper."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.errors import BadInputError, GovgraphError, StoreError
from govgraph.query import get_query, list_queries, run_query
from govgraph.remote import ping
from govgraph.server import Server, free_port, is_loopback, serving
from govgraph.store import GraphStore

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.trig"

# values for the parameters a library query requires (the others keep their defaults)
REQUIRED = {
    "event-participants": {"event": "igf-2023-ws-5"},
    "statement-provenance": {"node": "event/igf-2023-ws-5"},
    "evidence": {"node": "person/anriette-esterhuysen"},
}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("server") / "store"
    store = GraphStore.create(path)
    store.ox.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.close()
    return path


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[Server]:
    with serving(store_dir) as running:
        yield running


def test_served_on_loopback_read_only(server: Server) -> None:
    assert server.host == "127.0.0.1"
    assert server.query_url == f"http://127.0.0.1:{server.port}/query"
    assert ping(server.query_url)
    request = urllib.request.Request(
        f"{server.url}/update",
        data=b"update=CLEAR%20ALL",
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=10)
    assert run_query("summary-counts", endpoint=server.query_url).values() == [(10, 13, 9, 5, 22, 6, 7)]


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_query_gives_the_same_rows_served(server: Server, store_dir: Path, name: str) -> None:
    params = REQUIRED.get(name, {})
    embedded = run_query(name, params, store=store_dir)
    served = run_query(name, params, endpoint=server.query_url)
    assert served.variables == embedded.variables
    assert served.rows == embedded.rows
    assert served.serialize("json") == embedded.serialize("json")


def test_params_are_bound_the_same_way_served(server: Server, store_dir: Path) -> None:
    params = {"process": "OEWG", "instance": "oewg-2021-2025"}
    served = run_query("actors-in-process", params, endpoint=server.query_url)
    assert served.values() == run_query("actors-in-process", params, store=store_dir).values()
    assert len(served) == 6


def test_query_page_works_offline(server: Server) -> None:
    with urllib.request.urlopen(f"{server.url}/", timeout=10) as response:
        page = response.read().decode("utf-8")
    assert "yasgui" in page.lower()
    assert "https://" not in page and "http://" not in page  # assets come from the server itself
    with urllib.request.urlopen(f"{server.url}/yasgui.min.js", timeout=10) as asset:
        assert asset.status == 200


def test_server_stops_when_the_block_ends(store_dir: Path) -> None:
    with serving(store_dir) as running:
        process = running.process
        url = running.query_url
        assert ping(url)
    assert process.poll() is not None
    assert not ping(url, timeout=2)


def test_refuses_non_loopback_without_explicit_bind(store_dir: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    with pytest.raises(BadInputError, match=r"refusing to listen on 0\.0\.0\.0"), serving(store_dir, bind="0.0.0.0"):
        pass


def test_refuses_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is not a govgraph store"), serving(tmp_path):
        pass


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["interrupt", "terminate"])
def test_cli_serve_starts_answers_and_stops_on_interrupt(store_dir: Path, stop_signal: signal.Signals) -> None:
    port = free_port()
    env = {**os.environ, "GOVGRAPH_STORE": str(store_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "govgraph", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        ready = process.stderr.readline().decode()  # written once the endpoint answers
        assert f"at http://127.0.0.1:{port}/" in ready, ready
        assert ping(url)
        counts = run_query(get_query("summary-counts"), endpoint=url)
        assert counts.values() == [(10, 13, 9, 5, 22, 6, 7)]
    finally:
        process.send_signal(stop_signal)
        process.communicate(timeout=30)
    assert process.returncode == 0
    assert not ping(url, timeout=2)


def test_a_port_in_use_is_one_clear_error(store_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with (
            pytest.raises(GovgraphError, match=r"^the oxigraph server stopped at start: Error: Address already in use"),
            serving(store_dir, port),
        ):
            pass
