"""Remote SPARQL 1.1 endpoints: queries through SPARQLWrapper, loading through the Graph Store Protocol.

Every failure is one ``EndpointError`` line naming the endpoint: nothing listening, a timeout, an
HTTP error (5xx are retried a bounded number of times with exponential back-off, as are refused
connections), or an answer that is not SPARQL results (an HTML error page, a proxy's login form).
Retries default to 3 with back-off 0.5 s, 1 s, 2 s; ``GOVGRAPH_HTTP_RETRIES`` and
``GOVGRAPH_HTTP_BACKOFF`` (seconds) change them.
"""

from __future__ import annotations

import ast
import http.client
import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from govgraph import __version__
from govgraph.errors import EndpointError

if TYPE_CHECKING:
    from govgraph.query import QueryResult
    from govgraph.store import GraphStore

USER_AGENT = f"govgraph/{__version__}"
DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 0.5

T = TypeVar("T")


class _Retryable(Exception):
    """A failure worth trying again (5xx, connection refused or reset)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _setting(name: str, default: T) -> T:
    """A number from the environment (``GOVGRAPH_HTTP_RETRIES``, ``GOVGRAPH_HTTP_BACKOFF``), else ``default``."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return type(default)(raw)  # type: ignore[call-arg]
    except ValueError:
        raise EndpointError(f"{name}={raw!r} is not a number") from None


def _with_retries(endpoint: str, attempt: Callable[[], T], *, retries: int | None, backoff: float | None) -> T:
    retries = _setting("GOVGRAPH_HTTP_RETRIES", DEFAULT_RETRIES) if retries is None else retries
    backoff = _setting("GOVGRAPH_HTTP_BACKOFF", DEFAULT_BACKOFF) if backoff is None else backoff
    last = ""
    for number in range(retries + 1):
        try:
            return attempt()
        except _Retryable as error:
            last = error.message
            if number < retries:
                time.sleep(backoff * (2**number))
    tries = retries + 1
    raise EndpointError(f"{endpoint}: {last} (after {tries} attempt{'s' if tries != 1 else ''})")


def _describe_url_error(error: urllib.error.URLError) -> str:
    reason = error.reason
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the endpoint running?)"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the host ({reason.strerror})"
    return f"cannot connect ({reason})"


def _first_line(body: bytes | str, limit: int = 200) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for line in text.splitlines():
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return "(empty)"


def _looks_like_html(body: bytes, content_type: str) -> bool:
    head = body.lstrip()[:200].lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html"))


@contextmanager
def _http_errors(endpoint: str, timeout: float) -> Iterator[None]:
    """Translate what urllib raises into a retry (5xx, connection trouble) or a one-line EndpointError."""
    try:
        yield
    except urllib.error.HTTPError as error:
        # also what SPARQLWrapper passes on for the HTTP errors it does not translate itself
        message = f"HTTP {error.code} {error.reason}: {_first_line(error.read() or b'')}"
        if error.code >= 500:
            raise _Retryable(message) from None
        raise EndpointError(f"{endpoint}: {message}") from None
    except urllib.error.URLError as error:
        message = _describe_url_error(error)
        if message == "timed out":
            raise EndpointError(f"{endpoint}: no answer within {timeout:g} s") from None
        raise _Retryable(message) from None
    except TimeoutError:
        raise EndpointError(f"{endpoint}: no answer within {timeout:g} s") from None
    except (ConnectionError, http.client.HTTPException) as error:
        raise _Retryable(f"connection failed ({type(error).__name__}: {error})") from None


def select(
    endpoint: str,
    query: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int | None = None,
    backoff: float | None = None,
) -> QueryResult:
    """Run a SELECT or ASK query at ``endpoint`` and return its rows as a ``QueryResult``."""
    from govgraph.query import QueryResult

    def attempt() -> bytes:
        client = SPARQLWrapper(endpoint, agent=USER_AGENT)
        client.setQuery(query)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setReturnFormat(JSON)
        client.setTimeout(int(max(1, round(timeout))))
        try:
            with _http_errors(endpoint, timeout):
                response = client.query().response
                body = response.read()
                content_type = response.headers.get("Content-Type", "") if response.headers else ""
        except SPARQLWrapperException as error:
            status = getattr(error, "code", None) or _status_of(error)
            message = _wrapper_message(error, status)
            if status is not None and status >= 500:
                raise _Retryable(message) from None
            raise EndpointError(f"{endpoint}: {message}") from None
        if _looks_like_html(body, content_type):
            raise EndpointError(
                f"{endpoint}: answered an HTML page, not SPARQL results ({_first_line(_strip_tags(body))})"
            )
        return body

    body = _with_retries(endpoint, attempt, retries=retries, backoff=backoff)
    try:
        return QueryResult.from_json(body)
    except (ValueError, SyntaxError) as error:
        raise EndpointError(
            f"{endpoint}: answered something that is not SPARQL JSON results ({_first_line(str(error))})"
        ) from None


def _wrapper_message(error: SPARQLWrapperException, status: int | None) -> str:
    """``HTTP 400 Bad Request: <the endpoint's own first line>`` from a SPARQLWrapper exception."""
    text = str(error)
    head, _, response = text.partition("\n\nResponse:\n")
    detail = ""
    if response:
        try:
            body = ast.literal_eval(response.strip())
        except (ValueError, SyntaxError):
            body = response
        detail = _first_line(body if isinstance(body, bytes | str) else str(body))
    reason = {400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 414: "URI Too Long",
              500: "Internal Server Error"}.get(status or 0, "")  # fmt: skip
    prefix = f"HTTP {status} {reason}".strip() if status else _first_line(head)
    return f"{prefix}: {detail}" if detail and detail != "(empty)" else _first_line(head)


def _status_of(error: SPARQLWrapperException) -> int | None:
    name = type(error).__name__
    return {
        "EndPointInternalError": 500,
        "QueryBadFormed": 400,
        "EndPointNotFound": 404,
        "Unauthorized": 401,
        "URITooLong": 414,
    }.get(name)


def _strip_tags(body: bytes) -> str:
    import re

    text = body.decode("utf-8", "replace")
    title = re.search(r"<title[^>]*>(.*?)</title>", text, flags=re.I | re.S)
    if title and title.group(1).strip():
        return title.group(1).strip()
    return re.sub(r"<[^>]+>", " ", text)


# -- Graph Store Protocol -------------------------------------------------------------------------


@dataclass(frozen=True)
class PushReport:
    """What ``push`` loaded: triples per graph, as counted locally and at the endpoint afterwards."""

    endpoint: str
    graph_store: str
    graphs: dict[str, int]

    @property
    def triples(self) -> int:
        """Triples pushed, all graphs together."""
        return sum(self.graphs.values())


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL beside a query endpoint (Oxigraph: ``/query`` → ``/store``)."""
    parsed = urllib.parse.urlsplit(endpoint)
    path = parsed.path
    for suffix in ("/query", "/sparql"):
        if path.endswith(suffix):
            path = path[: -len(suffix)] + "/store"
            break
    else:
        path = path.rstrip("/") + "/store"
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, "", ""))


def _http(
    endpoint: str,
    request: urllib.request.Request,
    *,
    timeout: float,
    retries: int | None,
    backoff: float | None,
) -> bytes:
    request.add_header("User-Agent", USER_AGENT)

    def attempt() -> bytes:
        with _http_errors(endpoint, timeout), urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()

    return _with_retries(endpoint, attempt, retries=retries, backoff=backoff)


def push(
    store: GraphStore,
    endpoint: str,
    *,
    graph_store: str | None = None,
    timeout: float = 120.0,
    retries: int | None = None,
    backoff: float | None = None,
) -> PushReport:
    """Load every named graph of ``store`` into ``endpoint``, graph by graph, and verify the counts.

    Each graph is sent with an HTTP PUT to the Graph Store Protocol URL (``graph_store``, by
    default beside the query endpoint), replacing what the endpoint held under that name; the
    triple count of each graph is then asked of the query endpoint and must equal the local one.
    """
    target = graph_store or graph_store_url(endpoint)
    counts: dict[str, int] = {}
    for name in store.graph_names():
        graph = ox.NamedNode(name)
        data = ox.serialize(
            (ox.Triple(q.subject, q.predicate, q.object) for q in store.ox.quads_for_pattern(None, None, None, graph)),
            format=ox.RdfFormat.N_TRIPLES,
        )
        counts[name] = data.count(b"\n")
        url = f"{target}?{urllib.parse.urlencode({'graph': name})}"
        request = urllib.request.Request(
            url, data=data, method="PUT", headers={"Content-Type": "application/n-triples"}
        )
        _http(endpoint, request, timeout=timeout, retries=retries, backoff=backoff)
    remote_counts = _remote_counts(endpoint, timeout=timeout, retries=retries, backoff=backoff)
    wrong = {g: (n, remote_counts.get(g, 0)) for g, n in counts.items() if remote_counts.get(g, 0) != n}
    if wrong:
        graph, (local, there) = sorted(wrong.items())[0]
        raise EndpointError(
            f"{endpoint}: after the push {len(wrong)} graph(s) differ, e.g. <{graph}> has {there} triples "
            f"there and {local} here"
        )
    return PushReport(endpoint=endpoint, graph_store=target, graphs=counts)


def _remote_counts(endpoint: str, **options: Any) -> dict[str, int]:
    result = select(
        endpoint,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        **options,
    )
    return {str(row[0]): int(str(row[1])) for row in result.rows}


def ping(endpoint: str, *, timeout: float = 5.0) -> bool:
    """Whether ``endpoint`` answers an ASK query (no retries, no error)."""
    data = urllib.parse.urlencode({"query": "ASK {}"}).encode("ascii")
    request = urllib.request.Request(
        endpoint,
        data=data,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": USER_AGENT,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return "boolean" in json.loads(response.read())
    except (OSError, ValueError, http.client.HTTPException):
        return False
