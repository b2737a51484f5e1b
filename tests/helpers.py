"""Helpers shared by the tests: where things are, and how to read a built page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from pytest import MonkeyPatch

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"
#: 2025-11-14 (UTC): a fixed build date, so "upcoming" is the same in every build
EPOCH = "1763100000"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def run_sphinx(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """sphinx-build in a child process, as nox runs it (-W: warnings fail)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def copied_root(name: str, tmp_path: Path, monkeypatch) -> Path:
    """A copy of ``roots/test-<name>`` that a test may edit, built as of :data:`EPOCH`."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def build_without_warnings(
    make_app, srcdir: Path, outdir: Path, builder: str = "html", parallel: int = 1, **overrides
):
    """Build a test project with sphinx.testing; fail on any warning. Returns the app and
    the pages it wrote (search and genindex too)."""
    app = make_app(
        builder, srcdir=srcdir, builddir=outdir, parallel=parallel, confoverrides=overrides
    )
    written: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    app.cleanup()  # unregister the nodes, so the next app in a test starts clean
    return app, written


# -- the same archive under each theme the extension is tested with -----------------------


@dataclass(frozen=True)
class ThemeMarks:
    """Where a theme puts its navigation and its previous/next bar, as CSS selectors."""

    #: an element of the theme's frame that every page has (header or sidebar)
    frame: str
    #: the links of the theme's site navigation
    navigation: str
    #: the theme's own previous/next bar at the end of a page ("" if it has none)
    prev_next: str


#: html_theme -> its marks; roots/test-navigation is built with each (themed_site)
THEMES = {
    "alabaster": ThemeMarks(".sphinxsidebar h1.logo", ".sphinxsidebar a", ""),
    "furo": ThemeMarks(".sidebar-brand", ".sidebar-tree a.reference", ".related-pages"),
    "pydata_sphinx_theme": ThemeMarks(
        "header.bd-header", "header.bd-header .navbar-nav a", ".prev-next-area"
    ),
    "sphinx_book_theme": ThemeMarks(
        "header.bd-header", "nav.bd-docs-nav a.reference", ".prev-next-area"
    ),
}
#: the extension's own previous/next bar (header.py)
SEMINAR_PREV_NEXT = ".seminar-session-nav"
#: any previous/next bar: the extension's or a theme's
PREV_NEXT_BARS = ", ".join(
    dict.fromkeys([SEMINAR_PREV_NEXT, *(m.prev_next for m in THEMES.values() if m.prev_next)])
)


def themed_site(tmp_path: Path, theme: str, **overrides) -> Path:
    """roots/test-navigation (sessions newest first, by year, as ``init`` lists them)
    built with ``theme`` and its default options, without a warning; its HTML folder."""
    from sphinx.testing.util import SphinxTestApp

    if theme != "sphinx_book_theme":
        # the root's book-theme options and sidebar are the book theme's own
        overrides = {"html_theme_options": {}, "html_sidebars": {}, **overrides}
    # as the real site: without it pydata-sphinx-theme (and so the book theme) logs
    # "Got invalid theme mode" on a reader's first page
    overrides = {"html_context": {"default_mode": "auto"}, **overrides}
    with MonkeyPatch.context() as monkeypatch:
        srcdir = copied_root("navigation", tmp_path, monkeypatch)
        app, _ = build_without_warnings(
            SphinxTestApp, srcdir, tmp_path / "out", html_theme=theme, **overrides
        )
    return Path(app.outdir)


def organizer_archive(folder: Path, *init_options: str) -> Path:
    """A new archive (``init``) with one session on 2026-01-13 (``new``), as an organizer
    starts one; the commands run in-process, as the command line calls them."""
    from sphinx_seminar.commands import main

    assert main(["init", str(folder), "--name", "Water group", "--timezone", "Europe/Berlin",
                 "--start", "15:00", *init_options]) == 0  # fmt: skip
    assert main(["new", "--confdir", str(folder), "--date", "2026-01-13", "--title", "Water"]) == 0
    return folder
