"""The 404 page works wherever the site is served: at a host's root and under a path
such as Read the Docs' /en/latest/. The server answers a missing page, at any depth,
with the site's 404.html, as web hosts do; the page must load every style, script and
image it names and be styled by the theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_sphinx
from site_server import serve

pytestmark = pytest.mark.browser

#: missing pages at several depths below the site's root
MISSING = ["no-such-page.html", "sessions/2099-01-01-gone.html", "a/b/c/d/"]
#: a custom property the book theme's stylesheet (pydata-sphinx-theme) sets on <html>
THEME_PROPERTY = "--pst-color-primary"


@pytest.fixture(scope="module")
def site_at_root(tmp_path_factory) -> Path:
    """The real archive built for an address at a host's root."""
    out = tmp_path_factory.mktemp("site-at-root")
    result = run_sphinx(
        "-b", "html", "-c", ".", "-d", str(out / "doctrees"),
        "-D", "html_baseurl=https://seminar.example.org/",
        "docs", str(out / "html"),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return out / "html"


def load_not_found(page, url: str) -> list[str]:
    """Open ``url`` (a missing page); returns every failed request but the page's own 404."""
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    page.on(
        "response",
        lambda response: (
            failed.append(f"{response.url} ({response.status})")
            if response.status >= 400 and response.url != url
            else None
        ),
    )
    response = page.goto(url)
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")
    return failed


def assert_styled(page) -> None:
    assert "Page not found" in page.title()
    sheets = page.evaluate("document.styleSheets.length")
    assert sheets >= 3, sheets
    value = page.evaluate(
        f"getComputedStyle(document.documentElement).getPropertyValue('{THEME_PROPERTY}')"
    )
    assert value.strip(), f"the theme's stylesheet did not apply ({THEME_PROPERTY} is unset)"


@pytest.mark.parametrize("missing", MISSING)
def test_under_read_the_docs_path(site, browser, context, offline, missing):
    """The archive as Read the Docs serves it (its address's path is /en/latest/)."""
    with serve(site, prefix="/en/latest/", not_found="404.html") as base:
        page = context.new_page()
        blocked = offline(page)
        failed = load_not_found(page, f"{base}{missing}")
        assert failed == [] and blocked == []
        assert_styled(page)
        # its links lead into the site, from any depth
        hrefs = page.evaluate(
            "[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
        )
        inside = [h for h in hrefs if not h.startswith(("#", "http:", "https:", "mailto:"))]
        assert inside and [h for h in inside if not h.startswith("/en/latest/")] == []


@pytest.mark.parametrize("missing", MISSING)
def test_at_the_root_of_a_host(site_at_root, browser, context, offline, missing):
    with serve(site_at_root, not_found="404.html") as base:
        page = context.new_page()
        blocked = offline(page)
        failed = load_not_found(page, f"{base}{missing}")
        assert failed == [] and blocked == []
        assert_styled(page)
