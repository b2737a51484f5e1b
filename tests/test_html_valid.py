"""Every page is valid HTML, as the W3C Nu checker (vnu, from npm's vnu-jar) reads it.

One java call checks all files of a site. The real archive is checked page by page;
the test projects add what the archive lacks (the player of a recorded session, a
German archive with topic calendars, a series' history, dirhtml's folders), built
with the archive's theme. Sphinx's basic theme and alabaster are not checked: their
sidebars put an h3 or h4 right after the page's h1, which vnu counts as an error.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import EPOCH, REPO, ROOTS, run_sphinx

#: installed by `npm install` at the repository's root (package.json; .ci/run does it)
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: (root, builder) built with the archive's theme
ROOT_BUILDS = [("video", "html"), ("denver", "html"), ("related", "html"), ("history", "dirhtml")]


def pages(site: Path) -> list[Path]:
    """The site's pages: every .html file but the theme templates the book theme and
    pydata-sphinx-theme copy into _static (``*webpack-macros.html``, Jinja source that
    no page links to)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def vnu_errors(files: list[Path]) -> list[str]:
    """The checker's errors, as 'file:line: message'."""
    java = shutil.which("java")
    assert java, "java is not on PATH: the Nu checker runs on Java"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run `npm install` at the repository root"
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr)["messages"]  # vnu reports on stderr
    assert done.returncode == (1 if messages else 0), done.stderr[-2000:]
    return [
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
    ]


def test_the_checker_finds_errors(tmp_path):
    """The checker and its reading of the report: a page without doctype and title fails."""
    page = tmp_path / "bad.html"
    page.write_text('<html><head></head><body><form action=""></form></body></html>')
    errors = vnu_errors([page])
    assert len(errors) == 3, errors
    assert any("doctype" in e for e in errors) and any("“title”" in e for e in errors)
    assert any("“action”" in e for e in errors)


def test_every_page_of_the_archive_is_valid(site):
    found = pages(site)
    # the search page, the 404 page and the forwarding page of a moved session included
    names = {p.relative_to(site).as_posix() for p in found}
    assert {"search.html", "404.html", "sessions/2020-07-28-to-be-announced.html"} <= names
    assert len(found) > 100
    assert vnu_errors(found) == []


@pytest.fixture(scope="module")
def root_sites(tmp_path_factory) -> list[Path]:
    built = []
    for root, builder in ROOT_BUILDS:
        out = tmp_path_factory.mktemp(f"{root}-{builder}")
        args = ["-b", builder, "-D", "html_theme=sphinx_book_theme"]
        result = run_sphinx(
            *args, str(ROOTS / f"test-{root}"), str(out), env={"SOURCE_DATE_EPOCH": EPOCH}
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr
        built.append(out)
    return built


def test_every_page_of_the_test_projects_is_valid(root_sites):
    found = [page for site in root_sites for page in pages(site)]
    # dirhtml's pages are folders
    assert any(p.name == "index.html" and p.parent.name == "2021-03-09-renamed" for p in found)
    assert vnu_errors(found) == []
