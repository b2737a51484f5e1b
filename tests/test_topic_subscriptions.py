"""A calendar and a feed for each topic (tests/roots/test-subscribe, and the real site):
exactly the topic's sessions, each event and entry as in the site-wide files, linked from
the topic page's head and text; webcal links where the site's address is known; and an
incremental build that brings a topic's files up to date, and only those that changed."""

from __future__ import annotations

import posixpath
from pathlib import Path

import icalendar
import pytest
from defusedxml import ElementTree
from helpers import REPO, build_without_warnings, copied_root, soup

from sphinx_seminar.frontmatter import SESSION_FILE, parse_front_matter

ROOT = Path(__file__).resolve().parent / "roots" / "test-subscribe"
BASE = "https://seminar.example.org/archive/"
ATOM = "{http://www.w3.org/2005/Atom}"
EPOCH = "1763100000"
TOPICS = {"clouds": "Clouds and convection", "fluids": "Fluid dynamics"}


def sessions_on(root: Path, slug: str) -> set[str]:
    """The UIDs of the sessions whose front matter names the topic."""
    found = set()
    for path in sorted((root / "sessions").glob("*.md")):
        if SESSION_FILE.match(path.stem):
            front = parse_front_matter(path.read_text("utf-8")).data
            if slug in front.get("topics", ()):
                found.add(f"{front['date']}-session-{front['number']}@mlhzg-seminar")
    return found


def calendar_events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def feed_entries(path: Path) -> dict[str, bytes]:
    """entry id -> the entry's XML (without the white space after it)."""
    entries = {}
    for entry in ElementTree.parse(path).getroot().findall(f"{ATOM}entry"):
        entry.tail = None
        entries[entry.findtext(f"{ATOM}id")] = ElementTree.tostring(entry)
    return entries


def resolves(page: Path, href: str) -> bool:
    return Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), href))).is_file()


def head_links(page: Path) -> list[tuple[str, str, str]]:
    """(type, title, href) of the page's calendar and feed links, in order."""
    return [
        (tag["type"], tag["title"], tag["href"])
        for tag in soup(page).select('head link[rel="alternate"]')
        if tag.get("type") in ("application/atom+xml", "text/calendar")
    ]


@pytest.fixture
def built(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return app


@pytest.mark.sphinx("html", testroot="subscribe")
def test_each_topic_calendar_holds_its_sessions_as_the_site_calendar_has_them(built):
    site_wide = calendar_events(built.outdir / "calendar.ics")
    for slug, title in TOPICS.items():
        path = built.outdir / "topics" / f"{slug}.ics"
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert str(calendar["X-WR-CALNAME"]) == f"ML@HZG seminar: {title}"
        assert str(calendar["NAME"]) == f"ML@HZG seminar: {title}"
        assert title in str(calendar["X-WR-CALDESC"])
        assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
        events = calendar_events(path)
        assert set(events) == sessions_on(ROOT, slug)
        assert len(events) == 2
        for uid, event in events.items():
            assert event.to_ical() == site_wide[uid].to_ical()


@pytest.mark.sphinx("html", testroot="subscribe")
def test_each_topic_feed_holds_its_sessions_as_the_site_feed_has_them(built):
    site_wide = feed_entries(built.outdir / "atom.xml")
    for slug, title in TOPICS.items():
        path = built.outdir / "topics" / f"{slug}.atom"
        feed = ElementTree.parse(path).getroot()
        assert feed.findtext(f"{ATOM}title") == f"ML@HZG seminar: {title}"
        assert feed.findtext(f"{ATOM}id") == f"{BASE}topics/{slug}.html"
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        assert links == {
            "self": f"{BASE}topics/{slug}.atom",
            "alternate": f"{BASE}topics/{slug}.html",
        }
        entries = feed_entries(path)
        expected = {uid.partition("@")[0] for uid in sessions_on(ROOT, slug)}
        assert len(entries) == len(expected) == 2
        for entry_id, xml in entries.items():
            assert xml == site_wide[entry_id]
        # the entries are the sessions' pages: the same sessions as the calendar's
        ids = {str(event["URL"]) for event in calendar_events(path.with_suffix(".ics")).values()}
        assert set(entries) == ids


@pytest.mark.sphinx("html", testroot="subscribe")
def test_topic_page_links_its_calendar_and_feed(built):
    page = built.outdir / "topics" / "clouds.html"
    assert head_links(page) == [
        ("text/calendar", "ML@HZG seminar: Clouds and convection (iCalendar)", "clouds.ics"),
        ("text/calendar", "ML@HZG seminar: calendar of sessions (iCalendar)", "../calendar.ics"),
        (
            "application/atom+xml",
            "ML@HZG seminar: Clouds and convection (Atom feed)",
            "clouds.atom",
        ),
        ("application/atom+xml", "ML@HZG seminar: new sessions (Atom feed)", "../atom.xml"),
    ]
    for _type, _title, href in head_links(page):
        assert resolves(page, href), href
    line = soup(page).select_one("#sessions-on-this-topic .seminar-topic-subscribe")
    assert line.get_text() == (
        "Subscribe to this topic: calendar (webcal) · download .ics · Atom feed"
    )
    hrefs = [a["href"] for a in line.select("a")]
    assert hrefs == [
        "webcal://seminar.example.org/archive/topics/clouds.ics",
        "clouds.ics",
        "clouds.atom",
    ]
    assert all(resolves(page, href) for href in hrefs[1:])
    # pages other than topic pages announce the site-wide files only
    session = built.outdir / "sessions" / "2020-03-24-fluids.html"
    assert [href for _type, _title, href in head_links(session)] == [
        "../calendar.ics",
        "../atom.xml",
    ]
    assert not soup(session).select(".seminar-topic-subscribe")


@pytest.mark.sphinx("html", testroot="subscribe")
def test_list_of_topics_links_every_topics_calendar_and_feed(built):
    page = built.outdir / "topics" / "index.html"
    items = soup(page).select("ul.seminar-topic-index > li")
    assert len(items) == len(TOPICS)
    for item, (slug, title) in zip(items, sorted(TOPICS.items(), key=lambda t: t[1]), strict=True):
        assert item.select_one("a.internal").get_text() == title
        follow = item.select_one(".seminar-topic-follow")
        assert follow.get_text() == "calendar (webcal) · download .ics · Atom feed"
        hrefs = [a["href"] for a in follow.select("a")]
        assert hrefs == [
            f"webcal://seminar.example.org/archive/topics/{slug}.ics",
            f"{slug}.ics",
            f"{slug}.atom",
        ]
        assert all(resolves(page, href) for href in hrefs[1:])


@pytest.mark.sphinx("text", testroot="subscribe", srcdir="subscribe-topics-text")
def test_list_of_topics_in_text_has_no_subscriptions(app):
    app.build()
    text = (app.outdir / "topics" / "index.txt").read_text("utf-8")
    assert "Clouds and convection" in text
    assert ".ics" not in text and "Atom feed" not in text


@pytest.mark.sphinx("html", testroot="subscribe")
def test_home_page_offers_webcal_beside_the_download(built):
    home = soup(built.outdir / "index.html")
    calendar = home.select_one(".seminar-subscribe li")
    hrefs = [a["href"] for a in calendar.select("a")]
    assert hrefs == ["calendar.ics", "webcal://seminar.example.org/archive/calendar.ics"]
    assert calendar.select("a")[1].get_text() == "subscribe (webcal)"


@pytest.mark.sphinx("html", testroot="denver")
def test_labels_follow_the_site_language(built):
    page = built.outdir / "topics" / "attention.html"
    line = soup(page).select_one(".seminar-topic-subscribe")
    assert line.get_text() == (
        "Dieses Thema abonnieren: Kalender (webcal) · .ics herunterladen · Atom-Feed"
    )
    titles = [title for _type, title, _href in head_links(page)]
    assert titles[0] == "Lesekreis Maschinelles Lernen Denver: Aufmerksamkeit (iCalendar)"
    assert titles[2] == "Lesekreis Maschinelles Lernen Denver: Aufmerksamkeit (Atom-Feed)"
    calendar = icalendar.Calendar.from_ical(
        (built.outdir / "topics" / "attention.ics").read_bytes()
    )
    assert str(calendar["X-WR-CALDESC"]) == (
        "Sitzungen zum Thema Aufmerksamkeit: Lesekreis Maschinelles Lernen Denver"
    )
    home = soup(built.outdir / "index.html").select_one(".seminar-subscribe")
    assert "abonnieren (webcal)" in home.get_text()


@pytest.mark.sphinx(
    "dirhtml",
    testroot="subscribe",
    srcdir="subscribe-topics-nobase",
    confoverrides={"html_baseurl": "", "suppress_warnings": ["seminar.baseurl"]},
)
def test_without_base_no_webcal_and_dirhtml_paths(built):
    outdir = built.outdir
    home = soup(outdir / "index.html")
    assert [a["href"] for a in home.select(".seminar-subscribe li")[0].select("a")] == [
        "calendar.ics"
    ]
    page = outdir / "topics" / "clouds" / "index.html"
    line = soup(page).select_one(".seminar-topic-subscribe")
    assert [a["href"] for a in line.select("a")] == ["../clouds.ics", "../clouds.atom"]
    assert line.get_text() == "Subscribe to this topic: download .ics · Atom feed"
    for _type, _title, href in head_links(page):
        assert resolves(page, href), href
    assert "webcal:" not in (outdir / "index.html").read_text() + page.read_text()
    feed = ElementTree.parse(outdir / "topics" / "clouds.atom").getroot()
    assert feed.findtext(f"{ATOM}id") == "tag:mlhzg-seminar,2020-03-24:topics/clouds"
    assert set(calendar_events(outdir / "topics" / "clouds.ics")) == sessions_on(ROOT, "clouds")


def topic_files(outdir: Path) -> dict[str, bytes]:
    return {
        f"{slug}{suffix}": (outdir / "topics" / f"{slug}{suffix}").read_bytes()
        for slug in TOPICS
        for suffix in (".ics", ".atom")
    }


def stamps(outdir: Path) -> dict[str, int]:
    return {
        f"{slug}{suffix}": (outdir / "topics" / f"{slug}{suffix}").stat().st_mtime_ns
        for slug in TOPICS
        for suffix in (".ics", ".atom")
    }


def test_incremental_build_updates_the_topics_that_changed(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("subscribe", tmp_path, monkeypatch)
    winter = srcdir / "sessions" / "2021-01-12-winter.md"
    out = tmp_path / "out"
    build_without_warnings(make_app, srcdir, out)
    html = out / "html"
    before = stamps(html)

    # a session of one topic (clouds) changes: that topic's files are written, not the other's
    winter.write_text(winter.read_text("utf-8").replace("A Winter Session", "A Cold Session"))
    build_without_warnings(make_app, srcdir, out)
    after = stamps(html)
    assert b"A Cold Session" in (html / "topics" / "clouds.ics").read_bytes()
    assert b"A Cold Session" in (html / "topics" / "clouds.atom").read_bytes()
    assert after["fluids.ics"] == before["fluids.ics"]
    assert after["fluids.atom"] == before["fluids.atom"]

    # the session gains a topic: it joins that topic's calendar and feed
    uid = "2021-01-12-session-3@mlhzg-seminar"
    assert uid not in calendar_events(html / "topics" / "fluids.ics")
    winter.write_text(winter.read_text("utf-8").replace("[clouds]", "[clouds, fluids]"))
    build_without_warnings(make_app, srcdir, out)
    assert uid in calendar_events(html / "topics" / "fluids.ics")
    assert f"{BASE}sessions/2021-01-12-winter.html" in feed_entries(html / "topics" / "fluids.atom")
    # and every topic's files are what a clean build makes
    build_without_warnings(make_app, srcdir, tmp_path / "clean")
    assert topic_files(html) == topic_files(tmp_path / "clean" / "html")


def test_real_site_l96_calendar_and_feed(site):
    expected = sessions_on(REPO / "docs", "l96")
    assert len(expected) >= 4
    assert set(calendar_events(site / "topics" / "l96.ics")) == expected
    entries = feed_entries(site / "topics" / "l96.atom")
    assert len(entries) == len(expected)
    page = site / "topics" / "l96.html"
    links = head_links(page)
    assert [href for _type, _title, href in links[:1]] == ["l96.ics"]
    for _type, _title, href in links:
        assert resolves(page, href), href
    line = soup(page).select_one(".seminar-topic-subscribe")
    hrefs = [a["href"] for a in line.select("a")]
    assert hrefs[0].startswith("webcal://") and hrefs[0].endswith("/topics/l96.ics")
    assert all(resolves(page, href) for href in hrefs[1:])
    # every topic page has its calendar and feed
    for topic in (REPO / "docs" / "topics").glob("*.md"):
        if topic.stem != "index":
            assert (site / "topics" / f"{topic.stem}.ics").is_file(), topic.stem
            assert (site / "topics" / f"{topic.stem}.atom").is_file(), topic.stem
