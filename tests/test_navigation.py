"""The sidebar navigation: the book theme's, made in time that does not grow with the
archive (sphinx_seminar/navigation.py), and up to date after an edit.

The test project (roots/test-navigation) has the site's navigation: the book
theme, collapsed, with sessions under year pages, and the extension's sidebar
template in html_sidebars. Each test compares it with the theme's own
(``sbt-sidebar-nav.html``), page by page: the same entries, links, classes and
expand buttons.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import build_without_warnings as build
from helpers import copied_root, soup

EDITED = "sessions/2020-03-24-fluids.md"  # the first: its neighbour is the sphere session
THEMES_SIDEBAR = {"**": ["navbar-logo.html", "sbt-sidebar-nav.html"]}


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    return copied_root("navigation", tmp_path, monkeypatch)


def whole_pages(outdir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
    }


def normalized(markup: str) -> str:
    """Markup without the whitespace between tags, which templates lay out differently."""
    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", re.sub(r"\s+", " ", markup))).strip()


def sidebars(outdir: Path) -> dict[str, str]:
    found = {}
    for name in whole_pages(outdir):
        if name.startswith("_static/"):  # the theme's template fragments, not pages
            continue
        nav = soup(outdir / name).select_one("nav.bd-docs-nav")
        found[name] = normalized(str(nav)) if nav else ""
    return found


def sidebar_titles(page: Path) -> list[str]:
    return [a.get_text(strip=True) for a in soup(page).select("nav.bd-docs-nav a")]


def retitle(srcdir: Path) -> None:
    path = srcdir / EDITED
    text = path.read_text(encoding="utf-8")
    old = "title: Hidden Fluid Mechanics"
    assert old in text
    path.write_text(text.replace(old, "title: Visible Fluid Mechanics"), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


SITE_OPTIONS = {"home_page_in_toc": True, "show_navbar_depth": 1, "collapse_navbar": True}


@pytest.mark.parametrize(
    "options",
    [
        SITE_OPTIONS,
        {**SITE_OPTIONS, "show_navbar_depth": 2},
        {**SITE_OPTIONS, "collapse_navbar": False},
        {**SITE_OPTIONS, "collapse_navbar": False, "max_navbar_depth": 2},
        {"home_page_in_toc": False},
    ],
    ids=["site", "two-levels-open", "expanded", "expanded-two-deep", "theme-defaults"],
)
def test_the_navigation_is_the_themes_on_every_page(project, tmp_path, make_app, options):
    ours, _ = build(make_app, project, tmp_path / "ours", html_theme_options=options)
    theirs, _ = build(
        make_app, project, tmp_path / "theirs",
        html_theme_options=options, html_sidebars=THEMES_SIDEBAR,
    )  # fmt: skip
    our_sidebars, their_sidebars = sidebars(ours.outdir), sidebars(theirs.outdir)
    assert our_sidebars.keys() == their_sidebars.keys()
    assert all(their_sidebars.values()), "the theme's sidebar is missing from a page"
    for name, nav in their_sidebars.items():
        assert our_sidebars[name] == nav, name


def test_the_current_page_is_marked_and_its_year_open(project, tmp_path, make_app):
    app, _ = build(make_app, project, tmp_path / "out")
    for name, title in [
        ("2020-03-24-fluids", "Hidden Fluid Mechanics"),
        ("2020-05-05-sphere", "Don’t Fear the Sphere"),
        ("2020-07-14-clouds", "Little Black Cloud"),
    ]:
        nav = soup(app.outdir / "sessions" / f"{name}.html")
        current = nav.select("nav.bd-docs-nav a.current")
        assert [a.get_text(strip=True) for a in current] == [title]
        assert current[0]["href"] == "#"
        year = current[0].find_parent("details").find_parent("li")
        assert year.a.get_text(strip=True) == "2020" and "current" in year["class"]
        assert year.details.has_attr("open")
    # the collapsed navigation of a 2021 session does not list the sessions of 2020
    assert "Hidden Fluid Mechanics" not in sidebar_titles(
        app.outdir / "sessions" / "2021-01-12-winter.html"
    )


def test_a_caption_shows_as_the_themes(project, tmp_path, make_app):
    edit(project / "index.md", "```{toctree}\n", "```{toctree}\n:caption: Browse <the> archive\n")
    ours, _ = build(make_app, project, tmp_path / "ours")
    theirs, _ = build(make_app, project, tmp_path / "theirs", html_sidebars=THEMES_SIDEBAR)
    assert sidebars(ours.outdir) == sidebars(theirs.outdir)
    caption = soup(ours.outdir / "people.html").select_one("nav.bd-docs-nav p.caption")
    assert caption.get_text() == "Browse <the> archive"


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


def assert_same_as_a_clean_build(make_app, project: Path, incremental: Path, clean: Path):
    built, _ = build(make_app, project, clean)
    before, after = whole_pages(incremental), whole_pages(built.outdir)
    assert before.keys() == after.keys()
    for name in after:
        assert before[name] == after[name], name


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
        # prose only
        (EDITED, "We discuss", "We read"),
    ],
    ids=["caption", "order", "year-title", "prose"],
)
@pytest.mark.parametrize("jobs", [1, 2])
def test_after_an_edit_every_page_is_as_a_clean_build_makes_it(
    project, tmp_path, make_app, page, old, new, jobs
):
    build(make_app, project, tmp_path / "out", parallel=jobs)
    edit(project / page, old, new)
    app, _ = build(make_app, project, tmp_path / "out")
    assert_same_as_a_clean_build(make_app, project, app.outdir, tmp_path / "clean")
