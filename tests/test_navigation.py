"""The sidebar navigation: shared by sibling pages, and up to date after an edit.

The test project (roots/test-navigation) has the site's navigation: the book
theme, collapsed, with sessions under year pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import build_without_warnings as build
from helpers import copied_root, soup
from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_seminar import navigation
from sphinx_seminar.navigation import move_current

EDITED = "sessions/2020-03-24-fluids.md"  # the first: its neighbour is the sphere session


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    return copied_root("navigation", tmp_path, monkeypatch)


def whole_pages(outdir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
    }


def sidebars(outdir: Path) -> dict[str, str]:
    return {
        name: str(soup(outdir / name).select_one("nav.bd-docs-nav")) for name in whole_pages(outdir)
    }


def sidebar_titles(page: Path) -> list[str]:
    return [a.get_text(strip=True) for a in soup(page).select("nav.bd-docs-nav a")]


def retitle(srcdir: Path) -> None:
    path = srcdir / EDITED
    text = path.read_text(encoding="utf-8")
    old = "title: Hidden Fluid Mechanics"
    assert old in text
    path.write_text(text.replace(old, "title: Visible Fluid Mechanics"), encoding="utf-8")


def test_shared_navigation_equals_the_navigation_made_page_by_page(
    project, tmp_path, make_app, monkeypatch
):
    """Sibling pages reuse one finished navigation (seminar_sidebar_cache)."""
    moved: list[str | None] = []

    def counted_move_current(*args):
        moved.append(move_current(*args))
        return moved[-1]

    monkeypatch.setattr(navigation, "move_current", counted_move_current)
    # how often Sphinx resolves the table of contents for a page's navigation
    resolved = {True: 0, False: 0}
    resolve = StandaloneHTMLBuilder._get_local_toctree

    def counted_resolve(self, *args, **kwargs):
        resolved[shared] += 1
        return resolve(self, *args, **kwargs)

    monkeypatch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counted_resolve)
    outputs, written = {}, {}
    for shared in (True, False):
        app, written[shared] = build(
            make_app, project, tmp_path / str(shared), seminar_sidebar_cache=shared
        )
        outputs[shared] = whole_pages(app.outdir)
    # reused: by two of the three sessions of 2020, one of the two topic pages, and
    # one of people and references (leaf pages under the home page)
    assert len(moved) == 4 and None not in moved
    # the theme's test whether the sidebar is empty reuses it too: without the cache,
    # one table of contents per page (search and genindex included), not two
    assert resolved[False] == len(written[False])
    assert resolved[True] == resolved[False] - 4
    assert outputs[True].keys() == outputs[False].keys()
    for name, page in outputs[False].items():
        assert outputs[True][name] == page, name
    # the current mark sits on each page's own entry, the year above it is open
    for name, title in [
        ("2020-03-24-fluids", "Hidden Fluid Mechanics"),
        ("2020-05-05-sphere", "Don’t Fear the Sphere"),
        ("2020-07-14-clouds", "Little Black Cloud"),
    ]:
        nav = soup(tmp_path / "True" / "html" / "sessions" / f"{name}.html")
        current = nav.select("nav.bd-docs-nav a.current")
        assert [a.get_text(strip=True) for a in current] == [title]
        assert current[0]["href"] == "#"
        year = current[0].find_parent("details").find_parent("li")
        assert year.a.get_text(strip=True) == "2020" and "current" in year["class"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_new_title_reaches_every_sidebar_that_lists_it(project, tmp_path, make_app, jobs):
    """Sphinx alone writes again the edited page and its year page; the siblings'
    sidebars list the title too (and the navigation stored by the first build is
    not used)."""
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


@pytest.fixture
def resolved(monkeypatch) -> list[str]:
    """The pages for which Sphinx resolves the table of contents of a navigation."""
    pages: list[str] = []
    resolve = StandaloneHTMLBuilder._get_local_toctree

    def counted_resolve(self, docname, *args, **kwargs):
        pages.append(docname)
        return resolve(self, docname, *args, **kwargs)

    monkeypatch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counted_resolve)
    return pages


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
def test_a_prose_edit_reuses_the_stored_navigation(project, tmp_path, make_app, resolved, jobs):
    """After a parallel build only the navigations made in the main process are
    stored; the others are made when needed."""
    build(make_app, project, tmp_path / "out", parallel=jobs)
    assert (tmp_path / "out" / "doctrees" / navigation.STORE_FILE).is_file()
    resolved.clear()
    edit(project / EDITED, "We discuss", "We read")
    app, written = build(make_app, project, tmp_path / "out")
    # the edited page, its year page (Sphinx's own rule), search and genindex
    assert "sessions/2020-03-24-fluids" in written and "sessions/2020" in written
    if jobs == 1:
        assert resolved == []
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
def test_a_changed_navigation_is_made_again(project, tmp_path, make_app, resolved, page, old, new):
    build(make_app, project, tmp_path / "out")
    resolved.clear()
    edit(project / page, old, new)
    app, _ = build(make_app, project, tmp_path / "out")
    assert resolved != []
    assert_same_as_a_clean_build(make_app, project, app.outdir, tmp_path / "clean")
    if page == "index.md":
        assert (
            "Browse the archive"
            in soup(app.outdir / "people.html").select_one("nav.bd-docs-nav").get_text()
        )


@pytest.mark.parametrize(
    "overrides",
    [
        {"html_theme_options": {"home_page_in_toc": True, "show_navbar_depth": 2}},
        {"html_link_suffix": ""},  # the same arguments to the theme, other links
    ],
    ids=["theme-options", "link-suffix"],
)
def test_a_new_configuration_makes_the_navigation_again(
    project, tmp_path, make_app, resolved, overrides
):
    build(make_app, project, tmp_path / "out")
    resolved.clear()
    app, _ = build(make_app, project, tmp_path / "out", **overrides)
    assert resolved != []
    clean, _ = build(make_app, project, tmp_path / "clean", **overrides)
    # the navigations: the pages differ in a script's checksum, Sphinx's own doing
    assert sidebars(app.outdir) == sidebars(clean.outdir)


@pytest.mark.parametrize(
    "stored",
    ["{not json", '{"fingerprint": "old", "entries": {}}', '["a list"]', "FINGERPRINT"],
    ids=["cut-short", "other-fingerprint", "not-an-object", "bad-entries"],
)
def test_a_damaged_or_foreign_store_is_made_again(project, tmp_path, make_app, resolved, stored):
    build(make_app, project, tmp_path / "out")
    store = tmp_path / "out" / "doctrees" / navigation.STORE_FILE
    if stored == "FINGERPRINT":  # the right fingerprint, entries of the wrong shape
        fingerprint = json.loads(store.read_text(encoding="utf-8"))["fingerprint"]
        stored = json.dumps({"fingerprint": fingerprint, "entries": {"x": 1, "y": ["a"]}})
    store.write_text(stored, encoding="utf-8")
    resolved.clear()
    edit(project / EDITED, "We discuss", "We read")
    app, _ = build(make_app, project, tmp_path / "out")
    assert resolved != []
    assert json.loads(store.read_text(encoding="utf-8"))["entries"]
    assert_same_as_a_clean_build(make_app, project, app.outdir, tmp_path / "clean")
