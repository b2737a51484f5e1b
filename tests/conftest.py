"""Shared fixtures: Sphinx test projects under tests/roots/, and the real site built once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = "sphinx.testing.fixtures"

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test projects (``testroot="basic"`` is roots/test-basic)."""
    return ROOTS


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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real archive (docs/), built once per test run the way `nox -s docs` builds it."""
    out = tmp_path_factory.mktemp("site")
    result = run_sphinx(
        "-b", "html", "-c", ".", "-d", str(out / "doctrees"), "docs", str(out / "html")
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return out / "html"
