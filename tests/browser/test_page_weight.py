"""A page that is only read is light: at most 200 KiB over a compressing server.

The site is served with gzip, as any real host serves it, and every byte the
server writes (headers and bodies) until the page is settled is counted. The
book theme's icon font and Font Awesome script, and Sphinx's search index, are
never requested by a page that is only read (sphinx_seminar/booktheme.py).
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HOST = "127.0.0.1"
LIMIT = 200 * 1024
#: content types a web server compresses (images and fonts are compressed already)
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")
#: what only a search or the icon font would need
NEVER_FOR_READING = ("searchindex.js", "searchtools.js", "fontawesome", ".woff", "pagefind")
KINDS = ["home", "sessions", "session", "topic", "people", "references"]


class Transfer:
    """Bytes written by the server, per request path."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_path: dict[str, int] = {}

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.by_path[path] = self.by_path.get(path, 0) + size

    def reset(self) -> None:
        with self.lock:
            self.by_path.clear()

    def total(self) -> int:
        with self.lock:
            return sum(self.by_path.values())


class _CountingWriter:
    def __init__(self, raw, count) -> None:
        self.raw, self.count = raw, count

    def write(self, data: bytes) -> int:
        self.count(len(data))
        return self.raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)  # flush, closed, ...: the socket file's


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzip-compressed where the browser accepts it; counts every byte."""

    transfer: Transfer

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, lambda size: self.transfer.add(self.path, size))

    def send_head(self):
        kind = self.guess_type(self.translate_path(self.path))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not kind.startswith(COMPRESSED):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def gzip_server(site: Path) -> Iterator[tuple[str, Transfer]]:
    transfer = Transfer()
    handler = type("Handler", (_GzipHandler,), {"transfer": transfer})
    httpd = ThreadingHTTPServer((HOST, 0), functools.partial(handler, directory=str(site)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_address[1]}/", transfer
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("kind", KINDS)
def test_first_view_transfers_at_most_200_kib(browser, gzip_server, site_pages, settle, kind):
    base, transfer = gzip_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        transfer.reset()
        page.goto(f"{base}{site_pages[kind]}")
        settle(page)
        sent = dict(transfer.by_path)
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
