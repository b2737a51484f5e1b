"""atom.xml (tests/roots/test-subscribe): entries newest first with their links, ids, dates
and summaries; and every HTML page points to the feed and the calendar from its head."""

from __future__ import annotations

import posixpath
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from helpers import soup

from sphinx_seminar.frontmatter import SESSION_FILE, parse_front_matter

ROOT = Path(__file__).resolve().parent / "roots" / "test-subscribe"
BASE = "https://seminar.example.org/archive/"
BERLIN = ZoneInfo("Europe/Berlin")
ATOM = "{http://www.w3.org/2005/Atom}"
EPOCH = "1763100000"


def sessions_in_root() -> dict[str, dict]:
    found = {}
    for path in sorted((ROOT / "sessions").glob("*.md")):
        if SESSION_FILE.match(path.stem):
            found[f"sessions/{path.stem}"] = parse_front_matter(path.read_text("utf-8")).data
    return found


def start_of(front: dict) -> datetime:
    day = datetime.fromisoformat(front["date"])
    hour, minute = map(int, front.get("start", "15:00").split(":"))
    return day.replace(hour=hour, minute=minute, tzinfo=BERLIN)


@pytest.fixture
def built(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return app


def parse_feed(app):
    return ElementTree.parse(app.outdir / "atom.xml").getroot()


def links(element) -> dict[str, str]:
    """rel -> href of an element's links (no rel means 'alternate', RFC 4287)."""
    return {
        link.get("rel", "alternate"): link.get("href") for link in element.findall(f"{ATOM}link")
    }


@pytest.mark.sphinx("html", testroot="subscribe")
def test_feed_head(built):
    feed = parse_feed(built)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "ML@HZG seminar"
    assert feed.findtext(f"{ATOM}id") == f"{BASE}index.html"
    assert links(feed) == {"self": f"{BASE}atom.xml", "alternate": f"{BASE}index.html"}
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "ML@HZG"
    newest = max(start_of(front) for front in sessions_in_root().values())
    assert datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == newest


@pytest.mark.sphinx("html", testroot="subscribe")
def test_entries_newest_first(built):
    expected = sessions_in_root()
    entries = parse_feed(built).findall(f"{ATOM}entry")
    assert len(entries) == len(expected) == 3
    starts = [datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries]
    assert starts == sorted(starts, reverse=True)
    for entry in entries:
        url = entry.findtext(f"{ATOM}id")
        assert url.startswith(BASE)
        docname = url.removeprefix(BASE).removesuffix(".html")
        front = expected.pop(docname)
        assert links(entry) == {"alternate": url}
        assert (built.outdir / f"{docname}.html").is_file()
        assert entry.findtext(f"{ATOM}title") == f"{front['number']}. {front['title']}"
        published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
        updated = datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert published == updated == start_of(front)
        assert published.utcoffset() is not None
        assert entry.findtext(f"{ATOM}summary") == (front.get("summary") or front["title"])
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "ML@HZG"
    assert not expected  # every session had its entry


@pytest.mark.sphinx("html", testroot="subscribe")
def test_summary_falls_back_to_title(built):
    entries = {e.findtext(f"{ATOM}id"): e for e in parse_feed(built).findall(f"{ATOM}entry")}
    recorded = entries[f"{BASE}sessions/2020-03-24-fluids.html"]
    assert recorded.findtext(f"{ATOM}summary") == "Physics-informed networks learn flows."
    untold = entries[f"{BASE}sessions/2021-01-12-winter.html"]
    # markup in a title is text, escaped in the XML and read back unchanged
    assert untold.findtext(f"{ATOM}summary") == "A Winter Session: <Snow> & Ice"


def head_links(page: Path) -> dict[str, str]:
    """type -> href of the page's <link rel="alternate">."""
    return {
        tag["type"]: tag["href"]
        for tag in soup(page).select('head link[rel="alternate"]')
        if tag.get("type") in ("application/atom+xml", "text/calendar")
    }


@pytest.mark.sphinx("html", testroot="subscribe")
def test_pages_announce_feed_and_calendar(built):
    assert head_links(built.outdir / "index.html") == {
        "application/atom+xml": "atom.xml",
        "text/calendar": "calendar.ics",
    }
    assert head_links(built.outdir / "sessions" / "2020-03-24-fluids.html") == {
        "application/atom+xml": "../atom.xml",
        "text/calendar": "../calendar.ics",
    }
    pages = sorted(built.outdir.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        found = head_links(page)
        assert set(found) == {"application/atom+xml", "text/calendar"}, page
        for href in found.values():
            target = posixpath.normpath(posixpath.join(page.parent.as_posix(), href))
            assert Path(target).is_file(), (page, href)


@pytest.mark.sphinx(
    "dirhtml",
    testroot="subscribe",
    srcdir="subscribe-feed-nobase",
    confoverrides={"html_baseurl": ""},
)
def test_dirhtml_without_base(built):
    outdir = built.outdir
    assert head_links(outdir / "index.html")["application/atom+xml"] == "atom.xml"
    session_page = outdir / "sessions" / "2020-03-24-fluids" / "index.html"
    assert head_links(session_page)["application/atom+xml"] == "../../atom.xml"
    feed = parse_feed(built)
    assert feed.findtext(f"{ATOM}id").startswith("tag:mlhzg-seminar,")
    # a relative link would not resolve in a reader's copy: no links at all
    assert links(feed) == {}
    entries = feed.findall(f"{ATOM}entry")
    assert [links(e) for e in entries] == [{}] * len(sessions_in_root())
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    newest_first = sorted(sessions_in_root().values(), key=start_of, reverse=True)
    assert ids == [
        f"tag:mlhzg-seminar,{front['date']}:session-{front['number']}" for front in newest_first
    ]
    assert len(set(ids)) == len(ids)


@pytest.mark.sphinx("html", testroot="subscribe")
def test_content_links_the_recording(built):
    entries = {e.findtext(f"{ATOM}id"): e for e in parse_feed(built).findall(f"{ATOM}entry")}
    for docname, front in sessions_in_root().items():
        content = entries[f"{BASE}{docname}.html"].find(f"{ATOM}content")
        assert content.get("type") == "html"
        body = BeautifulSoup(content.text, "html.parser")
        watch = [a["href"] for a in body.select("a")]
        if front.get("video"):
            assert watch == [f"https://www.youtube.com/watch?v={front['video']}"]
        else:
            assert watch == []
        for name in front["speakers"]:
            assert name in body.get_text()
        assert start_of(front).strftime("%H:%M") in body.get_text()
