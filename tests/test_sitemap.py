"""sitemap.xml: every page of the archive, after a clean, an incremental or a dirhtml build."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeElementTree
import pytest
from helpers import build_without_warnings, copied_root

from sphinx_seminar.sitemap import SITEMAP_NAMESPACE

BASE = "https://seminar.example.org/archive/"  # html_baseurl of roots/test-subscribe
DOCUMENTS = [
    "index",
    "people",
    "references",
    "sessions/2020",
    "sessions/2020-03-24-fluids",
    "sessions/2020-07-14-clouds",
    "sessions/2021",
    "sessions/2021-01-12-winter",
    "sessions/index",
    "topics/clouds",
    "topics/fluids",
    "topics/index",
]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    return copied_root("subscribe", tmp_path, monkeypatch)


def build(make_app, srcdir: Path, outdir: Path, builder: str = "html"):
    return build_without_warnings(make_app, srcdir, outdir, builder=builder)[0]


def locations(outdir: Path) -> list[str]:
    root = SafeElementTree.parse(outdir / "sitemap.xml").getroot()
    assert root.tag == f"{{{SITEMAP_NAMESPACE}}}urlset"
    return [loc.text for loc in root.iter(f"{{{SITEMAP_NAMESPACE}}}loc")]


def test_the_sitemap_lists_every_page_and_no_search_or_index_page(project, tmp_path, make_app):
    app = build(make_app, project, tmp_path / "out")
    assert locations(app.outdir) == sorted(f"{BASE}{doc}.html" for doc in DOCUMENTS)
    assert (app.outdir / "search.html").is_file()  # written, but not a page to index


def test_an_incremental_build_keeps_every_page_in_the_sitemap(project, tmp_path, make_app):
    build(make_app, project, tmp_path / "incremental")
    session = project / "sessions" / "2020-03-24-fluids.md"
    session.write_text(session.read_text(encoding="utf-8") + "\nOne more note.\n", encoding="utf-8")
    incremental = build(make_app, project, tmp_path / "incremental")
    clean = build(make_app, project, tmp_path / "clean")
    sitemap = (incremental.outdir / "sitemap.xml").read_bytes()
    assert sitemap == (clean.outdir / "sitemap.xml").read_bytes()
    assert len(locations(incremental.outdir)) == len(DOCUMENTS)


def test_dirhtml_pages_are_folders(project, tmp_path, make_app):
    app = build(make_app, project, tmp_path / "out", builder="dirhtml")
    found = locations(app.outdir)
    assert found[0] == BASE  # index.html is the folder itself
    assert f"{BASE}sessions/2020-03-24-fluids/" in found


def test_without_a_site_address_there_is_no_sitemap(project, tmp_path, make_app):
    """A sitemap holds absolute URLs only; the build's one warning names it."""
    app = make_app("html", srcdir=project, confoverrides={"html_baseurl": ""})
    app.build()
    assert not (app.outdir / "sitemap.xml").exists()
    warnings = app.warning.getvalue().strip().splitlines()
    assert len(warnings) == 1 and "sitemap.xml" in warnings[0], warnings
