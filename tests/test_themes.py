"""The extension works with any HTML theme: its pages, styles and player need neither the
book theme nor sphinx-design. Only the names of the book theme's sidebar buttons are
the book theme's own (booktheme.py).

roots/test-alabaster is roots/test-basic with Sphinx's default theme, alabaster, and no
extension but this one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import build_without_warnings, copied_root, soup

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
