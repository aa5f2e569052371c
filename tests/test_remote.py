"""Remote endpoints: push to a second real Oxigraph server, same rows there; every way an endpoint fails."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph import remote
from govgraph.errors import EndpointError
from govgraph.query import list_queries, run_query
from govgraph.server import Server, free_port, serving
from govgraph.store import GraphStore

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.trig"
REQUIRED = {
    "event-participants": {"event": "igf-2023-ws-5"},
    "statement-provenance": {"node": "event/igf-2023-ws-5"},
    "evidence": {"node": "person/anriette-esterhuysen"},
}
VALID = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    path = tmp_path_factory.mktemp("remote") / "store"
    created = GraphStore.create(path)
    created.ox.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    created.close()
    with GraphStore.open(path, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def target(store: GraphStore) -> Iterator[Server]:
    """A second, writable, empty Oxigraph server: the push target."""
    with serving(None, writable=True) as running:
        yield running


@pytest.fixture(scope="module")
def pushed(store: GraphStore, target: Server) -> remote.PushReport:
    return remote.push(store, target.query_url)


def test_push_loads_every_graph_and_verifies_counts(
    store: GraphStore, target: Server, pushed: remote.PushReport
) -> None:
    assert pushed.graph_store == f"{target.url}/store"
    assert sorted(pushed.graphs) == store.graph_names()
    assert len(pushed.graphs) == 12
    assert pushed.triples == len(store) == 838
    there = run_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", endpoint=target.query_url)
    assert there.values() == [(838,)]


def test_push_twice_replaces_rather_than_duplicates(
    store: GraphStore, target: Server, pushed: remote.PushReport
) -> None:
    again = remote.push(store, target.query_url)
    assert again.graphs == pushed.graphs


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_same_rows_at_the_push_target(store: GraphStore, target: Server, pushed: remote.PushReport, name: str) -> None:
    params = REQUIRED.get(name, {})
    embedded = run_query(name, params, store=store)
    there = run_query(name, params, endpoint=target.query_url)
    assert there.variables == embedded.variables
    assert there.rows == embedded.rows


def test_cli_push(store: GraphStore, target: Server, pushed: remote.PushReport) -> None:
    done = _cli("push", "--endpoint", target.query_url, "--store", str(store.path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"pushed 838 triples in 12 graphs to {target.url}/store; counts verified\n"


# -- failures -------------------------------------------------------------------------------------


class _Fake:
    """A tiny HTTP server on loopback in a thread, answering every request with ``respond``."""

    def __init__(self, respond: Callable[[int], tuple[int, str, bytes, float]]) -> None:
        self.requests = 0
        self.agents: list[str] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                fake.requests += 1
                fake.agents.append(self.headers.get("User-Agent", ""))
                status, content_type, body, delay = respond(fake.requests)
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Fake:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_HTTP_BACKOFF", "0.01")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GOVGRAPH_HTTP_BACKOFF": "0.01"}
    return subprocess.run(
        [sys.executable, "-m", "govgraph", *args], capture_output=True, text=True, timeout=120, env=env
    )


def _one_line_exit_2(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return " ".join(lines[0].split())


def test_nothing_listening() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError) as caught:
        run_query("summary-counts", endpoint=url)
    assert str(caught.value) == f"{url}: connection refused (is the endpoint running?) (after 4 attempts)"
    line = _one_line_exit_2(_cli("query", "summary-counts", "--endpoint", url))
    assert line == f"error: {url}: connection refused (is the endpoint running?) (after 4 attempts)"


def test_server_error_is_retried_then_reported() -> None:
    with _Fake(lambda n: (500, "text/plain", b"database on fire", 0)) as fake:
        with pytest.raises(EndpointError) as caught:
            run_query("summary-counts", endpoint=fake.url)
        assert fake.requests == 4
        assert fake.agents == ["govgraph/0.1.0"] * 4
        line = _one_line_exit_2(_cli("query", "summary-counts", "--endpoint", fake.url))
    message = str(caught.value)
    assert message == f"{fake.url}: HTTP 500 Internal Server Error: database on fire (after 4 attempts)"
    assert line == f"error: {message}"


def test_server_error_then_success() -> None:
    with _Fake(
        lambda n: (503, "text/plain", b"busy", 0) if n < 3 else (200, "application/sparql-results+json", VALID, 0)
    ) as fake:
        result = run_query("SELECT ?n WHERE { ?s ?p ?n }", endpoint=fake.url)
        assert fake.requests == 3
    assert result.values() == [("1",)]


def test_html_error_page() -> None:
    page = b"<!DOCTYPE html><html><head><title>Login required</title></head><body><h1>Sign in</h1></body></html>"
    with _Fake(lambda n: (200, "text/html; charset=utf-8", page, 0)) as fake:
        with pytest.raises(EndpointError) as caught:
            run_query("summary-counts", endpoint=fake.url)
        assert fake.requests == 1
        line = _one_line_exit_2(_cli("query", "summary-counts", "--endpoint", fake.url))
    assert str(caught.value) == f"{fake.url}: answered an HTML page, not SPARQL results (Login required)"
    assert line == f"error: {caught.value}"


def test_garbage_instead_of_results() -> None:
    garbage = (200, "application/sparql-results+json", b'{"hello": "world"', 0)
    with (
        _Fake(lambda n: garbage) as fake,
        pytest.raises(EndpointError, match="answered something that is not SPARQL JSON results"),
    ):
        run_query("summary-counts", endpoint=fake.url)


def test_bad_request_is_not_retried() -> None:
    with _Fake(lambda n: (400, "text/plain", b"Parse error: unexpected token", 0)) as fake:
        with pytest.raises(EndpointError) as caught:
            run_query("summary-counts", endpoint=fake.url)
        assert fake.requests == 1
    assert str(caught.value) == f"{fake.url}: HTTP 400 Bad Request: Parse error: unexpected token"


def test_slow_endpoint_times_out() -> None:
    with _Fake(lambda n: (200, "application/sparql-results+json", VALID, 3)) as fake:
        with pytest.raises(EndpointError) as caught:
            run_query("summary-counts", endpoint=fake.url, timeout=1)
        assert fake.requests == 1
        line = _one_line_exit_2(_cli("query", "summary-counts", "--endpoint", fake.url, "--timeout", "1"))
    assert str(caught.value) == f"{fake.url}: no answer within 1 s"
    assert line == f"error: {fake.url}: no answer within 1 s"


def test_push_to_nothing_listening(store: GraphStore) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match="connection refused"):
        remote.push(store, url)
    line = _one_line_exit_2(_cli("push", "--endpoint", url, "--store", str(store.path)))
    assert line.startswith(f"error: {url}: connection refused")


# -- a second SPARQL engine: Virtuoso (Debian's virtuoso-opensource), when installed --------------


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throw-away Virtuoso on free loopback ports, anonymous Graph Store writes allowed; its /sparql URL."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    template = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
    if not (binary and isql and template.is_file()):
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    home = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = template.read_text(encoding="utf-8")
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{home}/")
    ini = re.sub(r"(?m)^ServerPort(\s*)= 1111\b", rf"ServerPort\g<1>= 127.0.0.1:{sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort(\s*)= 8890\b", rf"ServerPort\g<1>= 127.0.0.1:{http_port}", ini)
    (home / "virtuoso.ini").write_text(ini, encoding="utf-8")
    process = subprocess.Popen(
        [binary, "+configfile", str(home / "virtuoso.ini"), "+foreground"],
        cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        for _ in range(600):
            if remote.ping(url, timeout=1) or process.poll() is not None:
                break
            time.sleep(0.1)
        if not remote.ping(url):
            pytest.fail("Virtuoso did not start")
        grant = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 7);"
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"], check=True, capture_output=True,
                       timeout=60)  # fmt: skip
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def test_virtuoso_push_and_same_rows(store: GraphStore, virtuoso: str) -> None:
    report = remote.push(store, virtuoso, graph_store=virtuoso.replace("/sparql", "/sparql-graph-crud"))
    assert report.triples == 838 and len(report.graphs) == 12
    for query in list_queries():
        params = REQUIRED.get(query.name, {})
        embedded = run_query(query, params, store=store)
        there = run_query(query, params, endpoint=virtuoso)
        assert there.variables == embedded.variables, query.name
        assert there.rows == embedded.rows, query.name
