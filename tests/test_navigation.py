"""The sidebar navigation is up to date after an edit, as a clean build would make it.

The test project (roots/test-navigation) has the site's navigation: the book
theme, collapsed, with sessions under year pages. Every page's navigation is the
theme's own, made for that page: the extension only has Sphinx write again the
pages whose navigation shows what changed (dependencies.navigation_fingerprints).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build_without_warnings as build
from helpers import copied_root, soup

EDITED = "sessions/2020-03-24-fluids.md"  # the first: its neighbour is the sphere session


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    return copied_root("navigation", tmp_path, monkeypatch)


def whole_pages(outdir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
    }


def sidebar_titles(page: Path) -> list[str]:
    return [a.get_text(strip=True) for a in soup(page).select("nav.bd-docs-nav a")]


def retitle(srcdir: Path) -> None:
    path = srcdir / EDITED
    text = path.read_text(encoding="utf-8")
    old = "title: Hidden Fluid Mechanics"
    assert old in text
    path.write_text(text.replace(old, "title: Visible Fluid Mechanics"), encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_new_title_reaches_every_sidebar_that_lists_it(project, tmp_path, make_app, jobs):
    """Sphinx alone writes again the edited page and its year page; the siblings'
    sidebars list the title too."""
    build(make_app, project, tmp_path / "incremental", parallel=jobs)
    retitle(project)
    incremental, written = build(make_app, project, tmp_path / "incremental")
    clean, _ = build(make_app, project, tmp_path / "clean")
    before, after = whole_pages(incremental.outdir), whole_pages(clean.outdir)
    assert before.keys() == after.keys()
    for name in after:
        assert before[name] == after[name], name
    # not a neighbour: only its sidebar shows the title
    assert "sessions/2020-07-14-clouds" in written
    titles = sidebar_titles(incremental.outdir / "sessions" / "2020-07-14-clouds.html")
    assert "Visible Fluid Mechanics" in titles and "Hidden Fluid Mechanics" not in titles
    # the 2021 session's collapsed sidebar does not list the sessions of 2020
    assert "sessions/2021-01-12-winter" not in written
    assert "Visible Fluid Mechanics" not in sidebar_titles(
        incremental.outdir / "sessions" / "2021-01-12-winter.html"
    )


def test_a_rebuild_without_changes_writes_no_page(project, tmp_path, make_app):
    build(make_app, project, tmp_path / "out")
    _, written = build(make_app, project, tmp_path / "out")
    assert set(written) == {"search", "genindex"}  # Sphinx writes these every time


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_same_as_a_clean_build(make_app, project: Path, incremental: Path, clean: Path):
    built, _ = build(make_app, project, clean)
    before, after = whole_pages(incremental), whole_pages(built.outdir)
    assert before.keys() == after.keys()
    for name in after:
        assert before[name] == after[name], name


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_prose_edit_rewrites_only_its_pages(project, tmp_path, make_app, jobs):
    build(make_app, project, tmp_path / "out", parallel=jobs)
    edit(project / EDITED, "We discuss", "We read")
    app, written = build(make_app, project, tmp_path / "out")
    # the edited page, its year page (Sphinx's own rule), search and genindex
    assert set(written) == {"sessions/2020-03-24-fluids", "sessions/2020", "search", "genindex"}
    assert_same_as_a_clean_build(make_app, project, app.outdir, tmp_path / "clean")


@pytest.mark.parametrize(
    ("page", "old", "new"),
    [
        # a table of contents changes, not the pages in it: it gets a caption
        ("index.md", "```{toctree}\n", "```{toctree}\n:caption: Browse the archive\n"),
        # the sessions of 2020 in another order
        (
            "sessions/2020.md",
            ":glob:\n\n2020-*",
            "2020-07-14-clouds\n2020-03-24-fluids\n2020-05-05-sphere",
        ),
        # a page that no navigation shows gets a new title; the year page lists it
        ("sessions/2020.md", 'title: "2020"', 'title: "The year 2020"'),
    ],
    ids=["caption", "order", "year-title"],
)
def test_a_changed_navigation_is_made_again(project, tmp_path, make_app, page, old, new):
    build(make_app, project, tmp_path / "out")
    edit(project / page, old, new)
    app, _ = build(make_app, project, tmp_path / "out")
    assert_same_as_a_clean_build(make_app, project, app.outdir, tmp_path / "clean")
    if page == "index.md":
        assert (
            "Browse the archive"
            in soup(app.outdir / "people.html").select_one("nav.bd-docs-nav").get_text()
        )
