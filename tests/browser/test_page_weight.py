"""A page that is only read is light: at most 200 KiB over a compressing server.

The site is served with gzip, as any real host serves it, and every byte the
server writes (headers and bodies) until the page is settled is counted. The
book theme's icon font and Font Awesome script, and Sphinx's search index, are
never requested by a page that is only read (sphinx_seminar/booktheme.py).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_server import SentBytes, serve

pytestmark = pytest.mark.browser

LIMIT = 200 * 1024
#: what only a search or the icon font would need
NEVER_FOR_READING = ("searchindex.js", "searchtools.js", "fontawesome", ".woff", "pagefind")
KINDS = ["home", "sessions", "session", "topic", "people", "references"]


@pytest.fixture(scope="module")
def gzip_server(site: Path) -> Iterator[tuple[str, SentBytes]]:
    sent = SentBytes()
    with serve(site, compress=True, sent=sent) as base:
        yield base, sent


@pytest.mark.parametrize("kind", KINDS)
def test_first_view_transfers_at_most_200_kib(browser, gzip_server, site_pages, settle, kind):
    base, sent_bytes = gzip_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        sent_bytes.reset()
        page.goto(f"{base}{site_pages[kind]}")
        settle(page)
        sent = dict(sent_bytes.by_path)
    finally:
        context.close()
    total = sum(sent.values())
    biggest = ", ".join(
        f"{path} {size // 1024} KiB" for path, size in sorted(sent.items(), key=lambda i: -i[1])[:5]
    )
    assert total <= LIMIT, f"{site_pages[kind]}: {total / 1024:.0f} KiB transferred; {biggest}"
    assert any(path.endswith(".css") or ".css?" in path for path in sent), "no stylesheet came"
    unneeded = [path for path in sent if any(part in path for part in NEVER_FOR_READING)]
    assert not unneeded, (
        f"{site_pages[kind]} loaded what only a search or icon font needs: {unneeded}"
    )


def test_server_compresses(gzip_server, site_pages):
    """The measurement is only fair if the server really sends gzip."""
    import urllib.request

    base, _ = gzip_server
    request = urllib.request.Request(
        f"{base}{site_pages['session']}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.read()).lstrip().startswith(b"<!DOCTYPE html>")


def test_theme_icons_are_drawn(browser, server, site_pages, settle):
    """The theme's icons (<i class="fa-solid ...">) still show: each has a painted mask
    of the icon's size, not an empty box."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server}{site_pages['session']}")
        settle(page)
        icons = page.evaluate(
            """() => Array.from(document.querySelectorAll('i.fa-solid')).map((icon) => {
                const style = getComputedStyle(icon, '::before');
                return {cls: icon.className, mask: style.maskImage || style.webkitMaskImage,
                        width: parseFloat(style.width)};
            })"""
        )
    finally:
        context.close()
    assert icons, "the page has no theme icon"
    blank = [icon["cls"] for icon in icons if not icon["mask"].startswith("url(")]
    assert not blank, f"icons without a drawing: {sorted(set(blank))}"
    assert all(icon["width"] > 0 for icon in icons)
