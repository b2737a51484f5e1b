"""Real-browser fixtures: the built site over HTTP on 127.0.0.1, and one headless Chromium.

The site is the session-scoped ``site`` fixture of tests/conftest.py (built once).
Chromium is Debian's (``apt-get install chromium``), never Playwright's own
download: set ``CHROMIUM=/path/to/chrome`` to use another one. Without a
Chromium the browser tests are skipped, except under CI (``CI=true``), where
they fail, so a CI machine that lost its browser cannot pass by skipping.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_server import HOST, serve

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
SESSION_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}-.+\.md$")
VIDEO_FIELD = re.compile(r"^video:\s*['\"]?([\w-]{6,})", re.MULTILINE)
#: URL schemes that never leave the machine.
LOCAL_SCHEMES = ("data", "blob", "about")


def under_ci() -> bool:
    return os.environ.get("CI") == "true"


def missing(reason: str) -> None:
    """Skip locally; fail under CI, where the browser tests must run."""
    if under_ci():
        pytest.fail(
            f"CI=true but {reason}: install Debian's chromium or set CHROMIUM", pytrace=False
        )
    pytest.skip(reason)


def find_chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else shutil.which(explicit)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def is_local(url: str) -> bool:
    """True for a URL that stays on the test server (or never hits the network)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.hostname == HOST


class RequestLog:
    """Every URL a page requests (documents, scripts, styles, fonts, images, XHR)."""

    def __init__(self, page) -> None:
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self) -> list[str]:
        return [url for url in self.urls if not is_local(url)]

    def matching(self, needle: str) -> list[str]:
        return [url for url in self.urls if needle in url]


def record_requests(page) -> RequestLog:
    """Start recording the requests of ``page``; read ``.urls`` later."""
    return RequestLog(page)


def block_foreign(page) -> list[str]:
    """Abort every request not bound for 127.0.0.1; returns the list of blocked URLs."""
    blocked: list[str] = []

    def handle(route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    page.route("**/*", handle)
    return blocked


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; yields the base URL ending in '/'."""
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        explicit = os.environ.get("CHROMIUM")
        where = (
            f"CHROMIUM={explicit!r} is not an executable"
            if explicit
            else f"CHROMIUM unset; none of {', '.join(CHROMIUM_NAMES)} on PATH"
        )
        missing(f"no Chromium found ({where})")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    """One headless Chromium for the whole test session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - the test group installs it
        missing(f"playwright is not installed ({error})")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    except Exception as error:
        playwright.stop()
        missing(f"Chromium at {chromium_path} did not start: {error}")
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


@pytest.fixture
def context(browser):
    """A fresh browser context (own storage, cookies and cache) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def session_docnames() -> list[str]:
    """The session pages (``YYYY-MM-DD-slug``) of docs/sessions/, in date order."""
    return sorted(
        path.stem
        for path in (REPO / "docs" / "sessions").iterdir()
        if SESSION_FILE.match(path.name)
    )


def recorded_sessions() -> dict[str, str]:
    """docname -> YouTube id of every session whose front matter names a recording."""
    found = {}
    for docname in session_docnames():
        text = (REPO / "docs" / "sessions" / f"{docname}.md").read_text(encoding="utf-8")
        front = text.split("---", 2)[1] if text.startswith("---") else ""
        match = VIDEO_FIELD.search(front)
        if match:
            found[docname] = match.group(1)
    return found


@pytest.fixture(scope="session")
def site_pages(site: Path) -> dict[str, str]:
    """One page of each kind, as URLs relative to the site root."""
    recorded = recorded_sessions()
    assert recorded, "no session in docs/sessions/ has a `video:` in its front matter"
    video_session = max(recorded)  # the newest recorded session
    topics = sorted(p.name for p in (site / "topics").glob("*.html") if p.name != "index.html")
    assert topics, "the site has no topic page under topics/"
    return {
        "home": "index.html",
        "sessions": "sessions/index.html",
        "session": f"sessions/{video_session}.html",
        "topic": f"topics/{topics[0]}",
        "people": "people.html",
        "references": "references.html",
        "search": "search.html?q=Lorenz",
    }


def wait_until_settled(page) -> None:
    """Wait until the page is loaded, its fonts are in, and the network is quiet."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    if "search.html" in page.url and "q=" in page.url:
        wait_for_search(page)


def wait_for_search(page) -> None:
    """Wait until the search page (seminar-search.js) has shown its results or its message."""
    page.wait_for_function(
        "() => { const list = document.getElementById('search-results');"
        " const status = document.getElementById('seminar-search-status');"
        " return list && status && !list.hasAttribute('aria-busy')"
        " && status.textContent.trim().length > 0 }"
    )


# The helpers as fixtures, so test modules need not import this conftest.
@pytest.fixture(scope="session")
def recorder():
    """``recorder(page)`` starts a :class:`RequestLog` of every request ``page`` makes."""
    return record_requests


@pytest.fixture(scope="session")
def offline():
    """``offline(page)`` aborts every request not bound for 127.0.0.1; returns the blocked URLs."""
    return block_foreign


@pytest.fixture(scope="session")
def settle():
    """``settle(page)`` waits until the page, its fonts and the network are done."""
    return wait_until_settled


@pytest.fixture(scope="session")
def searched():
    """``searched(page)`` waits until the search page has shown its results or its message."""
    return wait_for_search


@pytest.fixture(scope="session")
def sessions_in_order() -> list[str]:
    return session_docnames()
