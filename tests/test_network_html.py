"""The offline HTML view in headless Chromium: it renders every node and makes no network request.

Chromium is Debian's ``chromium`` package (``apt-get install chromium``). Without it the tests skip,
unless the environment variable ``CI`` is set, where they fail: CI must run them.

Requests are watched with Chromium's NetLog (``--log-net-log``): every URL request the network stack
starts is logged with its initiator. The browser's own background requests (update checks, account
lookups) have no initiating origin (``"not an origin"``) and never reach the network either, since
``--host-resolver-rules`` maps every host to NOTFOUND; any request with a page as its initiator
fails the test. ``test_request_detector_catches_a_page_request`` proves the detector sees them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govgraph.network import measures
from govgraph.network.exports import export
from govgraph.network.projections import Filters, project
from test_network_projections import fixture_store

pytestmark = pytest.mark.browser

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")


def chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("headless Chromium is required in CI: apt-get install chromium")
    pytest.skip("headless Chromium not installed (apt-get install chromium); set CI=1 to make this a failure")


def run(page: Path, workdir: Path, *extra: str, fragment: str = "") -> tuple[str, list[str]]:
    """Open ``page`` in a fresh headless Chromium; its DOM (or stdout) and the URLs pages requested."""
    profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"
    profile.mkdir(parents=True)
    netlog = profile.with_suffix(".netlog.json")
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--log-net-log={netlog}",
        "--virtual-time-budget=5000",
        *extra,
        page.resolve().as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, page_requests(netlog)


def page_requests(netlog: Path) -> list[str]:
    """The non-local URLs whose request a page (not the browser itself) started."""
    text = netlog.read_text(encoding="utf-8", errors="replace").rstrip()
    if not text.endswith("}"):  # a log cut short by the browser's exit lacks its closing brackets
        text = text.rstrip(",") + "]}"
    log = json.loads(text)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event["type"] != start_job or "url" not in params:
            continue
        if params["url"].startswith(LOCAL_SCHEMES):
            continue
        if params.get("initiator", "not an origin") == "not an origin" and "file://" not in str(
            params.get("network_isolation_key", "")
        ):
            continue  # the browser's own background request, no page started it
        urls.append(params["url"])
    return urls


def status(dom: str) -> dict[str, str]:
    match = re.search(r'<p id="status"([^>]*)>([^<]*)</p>', dom)
    assert match, "the page wrote no status element"
    attributes = dict(re.findall(r'(data-[a-z-]+)="([^"]*)"', match.group(1)))
    attributes["text"] = match.group(2)
    return attributes


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    graph_store = fixture_store(tmp_path_factory.mktemp("network-html") / "store")
    yield graph_store
    graph_store.close()


@pytest.fixture(scope="module")
def person_page(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "person.html"
    export(measures.annotate(project(store, "person", evidence=True)), path, "html")
    return path


def test_page_renders_every_node_without_a_request(person_page, tmp_path):
    dom, requests = run(person_page, tmp_path, "--dump-dom")
    assert 'data-ready="true"' in dom
    found = status(dom)
    # the fixture's person network: 5 people, 8 co-participation edges, all drawn by Cytoscape
    assert found["data-rendered-nodes"] == "5"
    assert found["data-rendered-edges"] == "8"
    assert found["data-visible-nodes"] == "5"
    assert found["text"] == "5 of 5 nodes shown, 8 edges"
    assert requests == []
    # the legend lists the five groups of the fixture, each with one person
    assert re.findall(r'<input type="checkbox" value="([^"]+)"', dom) == [
        "Government",
        "Civil Society",
        "Private Sector",
        "Technical Community",
        "Academia",
    ]


def test_search_and_group_filter(person_page, tmp_path):
    dom, requests = run(person_page, tmp_path, "--dump-dom", fragment="#search=erin&hide=Government,Academia")
    found = status(dom)
    assert found["data-matches"] == "1"  # Erin Estrada
    assert found["data-visible-nodes"] == "3"  # Bob (Government) and Erin (Academia) hidden
    assert requests == []


def test_bipartite_page(store, tmp_path):
    path = tmp_path / "bipartite.html"
    export(measures.annotate(project(store, "bipartite", evidence=True)), path, "html")
    dom, requests = run(path, tmp_path, "--dump-dom")
    assert status(dom)["data-rendered-nodes"] == "10"  # 6 actors + 4 events
    assert status(dom)["data-rendered-edges"] == "12"
    assert requests == []


def test_empty_page_says_so(store, tmp_path):
    path = tmp_path / "empty.html"
    export(project(store, "person", Filters(process="OEWG", year_from=2030)), path, "html")
    dom, requests = run(path, tmp_path, "--dump-dom")
    assert status(dom)["data-rendered-nodes"] == "0"
    assert status(dom)["text"] == "No actors match the filters: the network is empty."
    assert requests == []


def test_screenshot(person_page, tmp_path):
    shot = tmp_path / "network-html.png"
    _, requests = run(person_page, tmp_path, f"--screenshot={shot}", "--window-size=1280,800", "--hide-scrollbars")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from matplotlib import image

    pixels = image.imread(str(shot))
    assert pixels.shape[:2] == (800, 1280)
    # the canvas drew the Civil Society node: its colour is on screen (in the node and the legend swatch)
    rgb = [int("009E73"[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    assert (abs(pixels[:, :, :3] - rgb).max(axis=2) < 0.02).sum() > 50
    assert requests == []


def test_request_detector_catches_a_page_request(tmp_path):
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://example.invalid/pixel.png">'
        '<script>fetch("https://cdn.example.org/lib.js").catch(function () {});</script></body></html>',
        encoding="utf-8",
    )
    _, requests = run(page, tmp_path, "--dump-dom")
    assert sorted(requests) == ["http://example.invalid/pixel.png", "https://cdn.example.org/lib.js"]
