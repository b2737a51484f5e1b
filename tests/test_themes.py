"""The extension works with any HTML theme: its pages, styles and player need neither the
book theme nor sphinx-design. Only the names of the book theme's sidebar buttons are
the book theme's own (booktheme.py).

roots/test-alabaster is roots/test-basic with Sphinx's default theme, alabaster, and no
extension but this one. roots/test-navigation (sessions newest first, by year, as
``init`` lists them) is built with each of the four themes of :data:`helpers.THEMES`:
the search page is the theme's page, and a session page has one previous/next bar,
leading to its neighbours in time (tests/browser/test_themes.py follows them in Chromium).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import (
    PREV_NEXT_BARS,
    SEMINAR_PREV_NEXT,
    THEMES,
    build_without_warnings,
    copied_root,
    soup,
    themed_site,
)

FLUIDS = "sessions/2020-03-24-fluids.html"
BOOK_THEME_SCRIPT = "seminar-booktheme.js"


def stylesheets(page) -> list[str]:
    return [link["href"] for link in page.select('link[rel="stylesheet"]')]


def scripts(page) -> list[str]:
    return [script["src"] for script in page.select("script[src]")]


def classes(outdir: Path) -> set[str]:
    found: set[str] = set()
    for path in outdir.rglob("*.html"):
        for element in soup(path).select("[class]"):
            found.update(element["class"])
    return found


@pytest.fixture(scope="module")
def alabaster(tmp_path_factory) -> Path:
    """The test archive built with alabaster, without a warning; its HTML folder."""
    from sphinx.testing.util import SphinxTestApp

    tmp_path = tmp_path_factory.mktemp("alabaster")
    with pytest.MonkeyPatch.context() as monkeypatch:
        srcdir = copied_root("alabaster", tmp_path, monkeypatch)
        app, _ = build_without_warnings(SphinxTestApp, srcdir, tmp_path / "out")
    return Path(app.outdir)


def test_alabaster_session_page(alabaster):
    page = soup(alabaster / FLUIDS)
    header = page.select_one(".seminar-session-header")
    assert header is not None
    assert "Session 1" in header.select_one(".seminar-when").get_text()
    assert [a.get_text(strip=True) for a in header.select(".seminar-speakers a")] == [
        "Tobias Weigel"
    ]
    badges = header.select(".seminar-topics a.seminar-badge.seminar-topic")
    assert [a["href"] for a in badges] == ["../topics/fluids.html"]
    # the click-to-load player, with its script, in the header
    button = header.select_one("figure.seminar-video button.seminar-video-play")
    assert button is not None and button["data-youtube-id"] == "p-B0_gk8Uj4"
    assert any("seminar-video.js" in src for src in scripts(page))
    # the references the session discusses, and its structured data
    references = page.select_one("#references")
    assert references is not None and "Raissi" in references.get_text()
    data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    assert any(item.get("@type") == "Event" for item in data), data


def test_alabaster_listings_and_references(alabaster):
    home = soup(alabaster / "index.html")
    assert home.select_one(".seminar-next-session .seminar-listing-item") is not None
    assert home.select(".seminar-listing .seminar-listing-item")
    sessions = soup(alabaster / "sessions" / "index.html")
    assert len(sessions.select(".seminar-listing-item")) == 3
    topics = soup(alabaster / "topics" / "index.html")
    assert topics.select(".seminar-topic-index .seminar-badge.seminar-count")
    references = soup(alabaster / "references.html")
    assert references.select(".seminar-discussed-in a")


def test_alabaster_links_the_stylesheet_and_writes_the_subscriptions(alabaster):
    for name in ("index.html", FLUIDS, "references.html"):
        assert any(
            re.search(r"_static/seminar\.css(\?|$)", href)
            for href in stylesheets(soup(alabaster / name))
        ), name
    assert (alabaster / "_static" / "seminar.css").is_file()
    assert (alabaster / "calendar.ics").is_file()
    assert (alabaster / "atom.xml").is_file()


def test_the_extension_uses_only_classes_of_its_own(alabaster):
    """No sphinx-design class (sd-*): the site above was built without sphinx-design."""
    assert sorted(c for c in classes(alabaster) if c.startswith("sd-")) == []
    css = (alabaster / "_static" / "seminar.css").read_text(encoding="utf-8")
    assert not re.search(r"\.sd-", css)


def test_the_book_theme_script_only_with_the_book_theme(alabaster, tmp_path, make_app, monkeypatch):
    assert not any(BOOK_THEME_SCRIPT in src for src in scripts(soup(alabaster / FLUIDS)))
    assert not (alabaster / "_static" / BOOK_THEME_SCRIPT).exists()
    srcdir = copied_root("navigation", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "book")
    page = soup(Path(app.outdir) / "sessions" / "2020-03-24-fluids.html")
    (script,) = [s for s in page.select("script[src]") if BOOK_THEME_SCRIPT in s["src"]]
    assert script.has_attr("defer")
    assert (Path(app.outdir) / "_static" / BOOK_THEME_SCRIPT).is_file()
    # the theme's HTML is written as the theme made it: the names come in the browser
    summaries = page.select("nav.bd-docs-nav summary")
    assert summaries and not any(s.has_attr("aria-label") for s in summaries)


# -- the same archive under furo, pydata-sphinx-theme, sphinx-book-theme and alabaster ----

#: the sessions of roots/test-navigation in date order (its tables of contents list
#: them newest first, by year)
IN_DATE_ORDER = [
    "2020-03-24-fluids",
    "2020-05-05-sphere",
    "2020-07-14-clouds",
    "2021-01-12-winter",
]
SPHINX_SEARCH = ("searchindex.js", "searchtools.js", "language_data.js")


@pytest.fixture(scope="module", params=sorted(THEMES))
def themed(request, tmp_path_factory) -> tuple[str, Path]:
    """(theme, the HTML folder of roots/test-navigation built with it)."""
    theme = request.param
    return theme, themed_site(tmp_path_factory.mktemp(theme), theme)


def prev_next_bars(page) -> list:
    """The page's previous/next bars: the theme's own and the extension's."""
    return page.select(PREV_NEXT_BARS)


def bar_targets(bar) -> set[str]:
    return {a["href"] for a in bar.select("a[href]")}


def test_the_search_page_is_the_themes_page(themed):
    theme, outdir = themed
    marks = THEMES[theme]
    page = soup(outdir / "search.html")
    assert page.select_one(marks.frame) is not None
    links = page.select(marks.navigation)
    assert links, f"no navigation link ({marks.navigation}) on the search page"
    assert "sessions/index.html" in {a["href"] for a in links}
    [heading] = page.select("h1#search-documentation")
    assert heading.get_text() == "Search"
    assert heading.find_parent("section", class_="seminar-search") is not None
    assert page.title.get_text().startswith("Search")
    assert page.select_one('meta[name="robots"][content="noindex"]') is not None
    sources = " ".join(script["src"] for script in page.select("script[src]"))
    assert "seminar-search.js" in sources
    assert not any(name in sources for name in SPHINX_SEARCH), sources
    assert page.select_one("form.seminar-search-form #seminar-search-q") is not None


@pytest.mark.parametrize("position", range(len(IN_DATE_ORDER)))
def test_a_session_page_has_one_prev_next_bar_to_its_neighbours_in_time(themed, position):
    theme, outdir = themed
    here = IN_DATE_ORDER[position]
    before = IN_DATE_ORDER[position - 1] if position else None
    after = IN_DATE_ORDER[position + 1] if position + 1 < len(IN_DATE_ORDER) else None
    page = soup(outdir / "sessions" / f"{here}.html")
    [bar] = prev_next_bars(page)
    # the theme's own bar where it has one, else the extension's
    assert page.select(THEMES[theme].prev_next or SEMINAR_PREV_NEXT) == [bar]
    assert bar_targets(bar) == {f"{n}.html" for n in (before, after) if n}
    if after == "2021-01-12-winter":  # a title with markup characters, as text
        assert "A Winter Session: <Snow> & Ice" in bar.get_text()
    # the page's relations say the same (and alabaster's sidebar, from the same context)
    relations = {
        link["rel"][0]: link["href"] for link in page.select("link[rel=prev], link[rel=next]")
    }
    expected = {"prev": before, "next": after}
    assert relations == {rel: f"{n}.html" for rel, n in expected.items() if n}


def test_the_list_of_sessions_has_its_filters_in_every_theme(themed):
    _, outdir = themed
    page = soup(outdir / "sessions" / "index.html")
    topics = [o["value"] for o in page.select("#seminar-facet-topic option")]
    assert topics == ["", "clouds", "fluids"]


def test_seminar_prev_next_decides_for_any_theme(tmp_path):
    sphere = Path("sessions") / "2020-05-05-sphere.html"
    # asked for: the extension's bar beside Furo's own
    furo = soup(themed_site(tmp_path / "furo", "furo", seminar_prev_next=True) / sphere)
    assert len(furo.select(SEMINAR_PREV_NEXT)) == 1 and furo.select(".related-pages")
    # switched off: alabaster's pages end without one
    alabaster = themed_site(tmp_path / "alabaster", "alabaster", seminar_prev_next=False)
    assert prev_next_bars(soup(alabaster / sphere)) == []
    # by default, the extension's bar where the theme's is switched off
    pydata = themed_site(
        tmp_path / "pydata",
        "pydata_sphinx_theme",
        html_theme_options={"show_prev_next": False},
    )
    [bar] = prev_next_bars(soup(pydata / sphere))
    assert "seminar-session-nav" in bar["class"]
    assert bar_targets(bar) == {"2020-03-24-fluids.html", "2020-07-14-clouds.html"}
