"""Helpers shared by the tests: where things are, and how to read a built page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

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
    assert app.warning.getvalue() == ""
    app.cleanup()  # unregister the nodes, so the next app in a test starts clean
    return app, written
