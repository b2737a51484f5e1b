"""A DOI resolver on loopback that answers with real recorded answers (recorded/doi/)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

RECORDED = Path(__file__).resolve().parent / "recorded" / "doi"


def answer(name: str) -> dict:
    """One recorded answer (see recorded/doi/README.md)."""
    return json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))


@contextmanager
def resolver(answers: dict[str, str]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Serve ``answers`` (request path -> recorded answer's name) on 127.0.0.1; yield the
    resolver's address and the (path, Accept) of every request it got. A path not
    recorded is answered 501, so that a test asking for it fails."""
    requests: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append((self.path, self.headers.get("Accept", "")))
            if self.path not in answers:
                self.send_error(501, "not recorded")
                return
            recorded = answer(answers[self.path])
            body = recorded["body"].encode("utf-8")
            self.send_response(recorded["status"])
            if recorded["content_type"]:
                self.send_header("Content-Type", recorded["content_type"])
            if recorded["location"]:
                # the recorded host is this server: the path is kept
                parts = urlsplit(recorded["location"])
                self.send_header("Location", f"{base}{parts.path.lstrip('/')}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, requests
    finally:
        server.shutdown()
        server.server_close()


#: doi.org and Crossref as recorded for 10.1126/science.169.3946.635
FRANK_1970 = {
    "/10.1126/science.169.3946.635": "handle-redirect",
    "/v1/works/10.1126%2Fscience.169.3946.635/transform": "crossref-csl-json",
}
