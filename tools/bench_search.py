"""The search's part of the benchmark: how well it finds, and what a query downloads.

Run from the repository root on a built site (``tools/bench.py`` runs it on its
largest archive)::

    python tools/bench_search.py quality _build/html     # the query set's ranks
    python tools/bench_search.py bytes _build/bench/work/1000/out/archive/html
    python tools/bench_search.py index _build/bench/work/1000/out/archive/html

``quality`` runs every query of ``tests/search_queries.yaml`` on the site's search
page in Chromium and reports the rank of the first expected page among the results,
and top-1, top-3 and the mean reciprocal rank (MRR; a page not among the first 10
counts 0). ``bytes`` runs :data:`BYTE_QUERIES` and sums, per query, the bytes the
search page fetched after it had loaded, in two parts:

* the index's: its entry and metadata, the chunks that hold the query's words, the
  filters it uses and one fragment per result shown. This is what grows with the
  archive, and what a query may fetch at most :data:`BYTES_MAX` (150 KiB) of; the exit
  code is 1 if one fetched more;
* the search's code: Pagefind's script and its WebAssembly, the same for every
  archive and query (a reader's browser keeps them for the next). Reported beside it,
  with the sum.

The site is served over HTTP from 127.0.0.1; for ``bytes`` its text files (the Pagefind
script among them) are sent gzip'd, as a web host sends them (Read the Docs, GitHub Pages);
Pagefind's index files and its WebAssembly are compressed by Pagefind itself. The bytes
are what went over the wire: each response's body and headers. Chromium is Debian's
(``/usr/bin/chromium``) or ``$CHROMIUM``. ``index`` times
the build's indexing step alone (the fastest of three runs).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml
from site_server import serve  # tools/, beside this file

REPO = Path(__file__).resolve().parents[1]
QUERY_SET = REPO / "tests" / "search_queries.yaml"
#: a query's download of the index: at most this much
BYTES_MAX = 150 * 1024
#: the search's code in pagefind/, as opposed to the index's parts
ENGINE_FILES = re.compile(r"(^|/)(pagefind(-worker)?\.js|wasm\.[\w-]+\.pagefind)$")
#: queries of a reader: a topic, a method, a speaker, a paper's words, a common word, a filter
BYTE_QUERIES = (
    "q=lorenz+96",
    "q=graph+neural+network",
    "q=Zorita",
    "q=reconstructs+missing+climate+information",
    "q=neural",
    "q=clouds&year=2021",
)
#: ranks beyond this count as not found
DEPTH = 10
RESULTS = "#search-results > li.seminar-search-result .seminar-search-title a"


def load_queries(path: Path = QUERY_SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def search(page, base: str, query: str) -> list[str]:
    """Run ``query`` on the search page; the result pages (relative to the site, without
    ``.html`` and anchor), best first."""
    page.goto(f"{base}search.html?q={quote(query)}")
    settled(page)
    hrefs = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")
    root = urlsplit(base).path
    pages = []
    for href in hrefs:
        path = urlsplit(href).path.removeprefix(root)
        pages.append(path.removesuffix(".html"))
    return pages


def settled(page) -> None:
    """Wait until the search page has written its results or its message."""
    page.wait_for_function(
        "() => { const list = document.getElementById('search-results');"
        " const status = document.getElementById('seminar-search-status');"
        " return list && !list.hasAttribute('aria-busy') && status.textContent.trim() }"
    )


def rank(found: list[str], expected: list[str]) -> int:
    """1-based rank of the first expected page among the first :data:`DEPTH`; 0 if none."""
    return next((i + 1 for i, page in enumerate(found[:DEPTH]) if page in expected), 0)


@dataclass
class Quality:
    ranks: dict[str, int]

    @property
    def count(self) -> int:
        return len(self.ranks)

    def top(self, n: int) -> int:
        return sum(1 for r in self.ranks.values() if 1 <= r <= n)

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks.values() if r) / self.count

    def summary(self) -> str:
        return (
            f"top-1 {self.top(1)}/{self.count}, top-3 {self.top(3)}/{self.count}, "
            f"top-10 {self.top(DEPTH)}/{self.count}, MRR {self.mrr:.3f}"
        )


def quality(site: Path, queries: list[dict] | None = None, verbose: bool = True) -> Quality:
    queries = queries if queries is not None else load_queries()
    ranks = {}
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(20_000)
        for item in queries:
            found = search(page, base, item["query"])
            ranks[item["query"]] = rank(found, item["expect"])
            if verbose:
                was = item.get("baseline", "")
                print(f"{ranks[item['query']]:>3} (Sphinx {was})  {item['query']!r:45} {found[:3]}")
    return Quality(ranks)


@dataclass
class Download:
    query: str
    index: int  # bytes of the index's parts
    engine: int  # bytes of Pagefind's script and WebAssembly
    files: int
    seconds: float

    @property
    def total(self) -> int:
        return self.index + self.engine


def downloads(site: Path, queries=BYTE_QUERIES) -> list[Download]:
    """What each query fetches after the search page has loaded (a fresh cache each)."""
    measured = []
    with serve(site, compress=True) as base, chromium() as browser:
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(30_000)
            sizes: dict[str, int] = {}

            def count(request, sizes=sizes) -> None:
                if "/pagefind/" in request.url:
                    # the body as sent (compressed or not), and the headers
                    response = request.response()
                    body = int(response.headers.get("content-length", 0)) if response else 0
                    sizes[request.url] = body + request.sizes()["responseHeadersSize"]

            page.goto(f"{base}search.html")  # the page alone, before any query
            settled(page)
            page.on("requestfinished", count)
            start = time.perf_counter()
            page.goto(f"{base}search.html?{query}")
            settled(page)
            seconds = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            engine = sum(
                size for url, size in sizes.items() if ENGINE_FILES.search(urlsplit(url).path)
            )
            index = sum(sizes.values()) - engine
            measured.append(Download(query, index, engine, len(sizes), seconds))
            context.close()
    return measured


def report_downloads(measured: list[Download]) -> tuple[str, bool]:
    lines = [
        "| query | index KiB | code KiB | together KiB | files | seconds |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for item in measured:
        lines.append(
            f"| `{item.query}` | {item.index / 1024:.1f} | {item.engine / 1024:.1f} "
            f"| {item.total / 1024:.1f} | {item.files} | {item.seconds:.2f} |"
        )
    worst = max(item.index for item in measured)
    met = worst <= BYTES_MAX
    verdict = "PASS" if met else "FAIL"
    lines.append("")
    lines.append(
        f"{verdict}: a query downloads at most {BYTES_MAX // 1024} KiB of the index: "
        f"the largest {worst / 1024:.1f} KiB (with the search's code "
        f"{max(item.total for item in measured) / 1024:.1f} KiB)"
    )
    return "\n".join(lines), met


def index_seconds(site: Path, language: str | None = "en", repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of the build's indexing step (search.py) on ``site``."""
    from pagefind.service import get_executable

    from sphinx_seminar.search import index_command

    command = index_command(get_executable(), site, language)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def bench_part(sites: dict[int, Path]) -> tuple[str, bool, str]:
    """For tools/bench.py: the indexing time at each size, and what the queries download at
    the largest. Returns the report's section, whether the byte target is met, and a line
    for the list of targets."""
    lines = ["Search (Pagefind):", ""]
    for size, site in sorted(sites.items()):
        lines.append(f"- indexing the site of {size} sessions: {index_seconds(site):.2f} s")
    largest = max(sites)
    measured = downloads(sites[largest])
    table, met = report_downloads(measured)
    lines += ["", f"What a query downloads at {largest} sessions:", "", table, ""]
    worst = max(item.index for item in measured) / 1024
    detail = (
        f"the largest of {len(measured)} queries fetches {worst:.1f} KiB of the index "
        f"at {largest} sessions"
    )
    return "\n".join(lines), met, detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("quality", "bytes", "index"))
    parser.add_argument("site", type=Path, help="the built HTML site")
    args = parser.parse_args(argv)
    if not (args.site / "pagefind" / "pagefind-entry.json").is_file():
        sys.exit(f"bench_search: {args.site} has no search index (pagefind/)")
    if args.what == "quality":
        print(quality(args.site).summary())
        return 0
    if args.what == "index":
        pages = json.loads((args.site / "pagefind" / "pagefind-entry.json").read_text())
        count = sum(language["page_count"] for language in pages["languages"].values())
        print(f"indexing {count} pages: {index_seconds(args.site):.2f} s (best of 3)")
        return 0
    text, met = report_downloads(downloads(args.site))
    print(text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
