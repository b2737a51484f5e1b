"""The built site over HTTP on 127.0.0.1, as a web host serves it.

One server for the browser tests (tests/browser/) and the benchmark's search part
(bench_search.py): files from the site's folder at a free port, text files gzip'd
when the browser accepts it (as Read the Docs and GitHub Pages send them; images,
fonts, Pagefind's index files and WebAssembly are compressed already), and, if
asked, every byte it writes counted per request path. Like a web host, it can serve
the site under a path (Read the Docs' ``/en/latest/``) and answer a missing page
with the site's 404 page and status 404.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

HOST = "127.0.0.1"
#: the files a web host compresses for the browser
COMPRESSED = frozenset({".html", ".js", ".css", ".json", ".svg"})


class SentBytes:
    """The bytes the server wrote (headers and bodies), per request path."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.by_path: dict[str, int] = {}

    def add(self, path: str, size: int) -> None:
        with self._lock:
            self.by_path[path] = self.by_path.get(path, 0) + size

    def reset(self) -> None:
        with self._lock:
            self.by_path.clear()

    def total(self) -> int:
        with self._lock:
            return sum(self.by_path.values())


class _CountingWriter:
    def __init__(self, raw, count) -> None:
        self.raw, self.count = raw, count

    def write(self, data: bytes) -> int:
        self.count(len(data))
        return self.raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)  # flush, closed, ...: the socket file's


class _Handler(SimpleHTTPRequestHandler):
    compress = False
    sent: SentBytes | None = None
    prefix = "/"
    not_found: str | None = None
    pages: ClassVar[Mapping[str, bytes]] = {}

    def setup(self) -> None:
        super().setup()
        if self.sent is not None:
            sent = self.sent
            self.wfile = _CountingWriter(self.wfile, lambda size: sent.add(self.path, size))

    def translate_path(self, path: str) -> str:
        """Paths under the prefix are the site's; any other names no file."""
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "not-under-the-prefix")
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def send_head(self):
        page = self.pages.get(urllib.parse.urlsplit(self.path).path.removeprefix(self.prefix))
        if page is not None:
            return self._send_html(200, page)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if self.not_found is not None and not path.is_file():
            return self._send_not_found()
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def _send_not_found(self):
        """The site's 404 page, as the host's answer to a missing page."""
        return self._send_html(404, (Path(self.directory) / self.not_found).read_bytes())

    def _send_html(self, status: int, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(
    site: Path,
    compress: bool = False,
    sent: SentBytes | None = None,
    prefix: str = "/",
    not_found: str | None = None,
    pages: dict[str, bytes] | None = None,
) -> Iterator[str]:
    """``site`` at a free port, under ``prefix`` (starting and ending in '/'); a missing
    page is answered with the file ``not_found`` (relative to ``site``), if given, else
    with the server's own 404. ``pages`` adds HTML pages that are not files, by their
    path relative to the site (``sessions/x.html``). Yields the site's base URL, ending
    in '/'."""
    attributes = {
        "compress": compress,
        "sent": sent,
        "prefix": prefix,
        "not_found": not_found,
        "pages": pages or {},
    }
    handler = type("Handler", (_Handler,), attributes)
    httpd = ThreadingHTTPServer((HOST, 0), functools.partial(handler, directory=str(site)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
