"""Shared fixtures: Sphinx test projects under tests/roots/, and the real site built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOTS, run_sphinx

pytest_plugins = "sphinx.testing.fixtures"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test projects (``testroot="basic"`` is roots/test-basic)."""
    return ROOTS


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real archive (docs/), built once per test run the way `nox -s docs` builds it."""
    out = tmp_path_factory.mktemp("site")
    result = run_sphinx(
        "-b", "html", "-c", ".", "-d", str(out / "doctrees"), "docs", str(out / "html")
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return out / "html"
