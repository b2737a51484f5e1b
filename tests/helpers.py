"""Helpers shared by the tests: where things are, and how to read a built page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"


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
