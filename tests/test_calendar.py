"""calendar.ics (tests/roots/test-subscribe): one event per session, correct local times,
stable UIDs, absolute URLs, a VTIMEZONE, and the same bytes from two builds."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from bs4 import BeautifulSoup
from sphinx.errors import SphinxWarning

from sphinx_seminar.frontmatter import SESSION_FILE, parse_front_matter

ROOT = Path(__file__).resolve().parent / "roots" / "test-subscribe"
BASE = "https://seminar.example.org/archive/"
BERLIN = ZoneInfo("Europe/Berlin")
EPOCH = "1763100000"  # 2025-11-14


def sessions_in_root() -> dict[str, dict]:
    """docname -> front matter of every session file of the test project."""
    found = {}
    for path in sorted((ROOT / "sessions").glob("*.md")):
        if SESSION_FILE.match(path.stem):
            found[f"sessions/{path.stem}"] = parse_front_matter(path.read_text("utf-8")).data
    return found


def build(app) -> bytes:
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return (app.outdir / "calendar.ics").read_bytes()


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.fixture
def calendar(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return icalendar.Calendar.from_ical(build(app))


@pytest.mark.sphinx("html", testroot="subscribe")
def test_calendar_properties(calendar):
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "ML@HZG seminar"
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Berlin"]
    # standard and summer time both defined
    assert {c.name for c in zones[0].subcomponents} >= {"STANDARD", "DAYLIGHT"}


@pytest.mark.sphinx("html", testroot="subscribe")
def test_every_session_once_with_its_local_time(calendar):
    expected = sessions_in_root()
    found = calendar.walk("VEVENT")
    assert len(found) == len(expected) == 3
    by_url = {str(event["URL"]): event for event in found}
    assert len(by_url) == len(found)
    for docname, front in expected.items():
        event = by_url[f"{BASE}{docname}.html"]
        assert str(event["SUMMARY"]) == f"ML@HZG seminar {front['number']}: {front['title']}"
        hour, minute = map(int, front.get("start", "15:00").split(":"))
        day = datetime.fromisoformat(front["date"]).date()
        start = event.decoded("DTSTART")
        assert start == datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert event["DTEND"].params["TZID"] == "Europe/Berlin"
        minutes = front.get("duration", 90)
        assert event.decoded("DTEND") - start == timedelta(minutes=minutes)
        location = front.get("location", "Helmholtz-Zentrum Geesthacht (HZG)")
        assert str(event["LOCATION"]) == location


@pytest.mark.sphinx("html", testroot="subscribe")
def test_winter_and_summer_offsets_and_overrides(calendar):
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    winter = found["2020-03-24-session-1@mlhzg-seminar"]
    summer = found["2020-07-14-session-2@mlhzg-seminar"]
    assert winter.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert winter.decoded("DTSTART").strftime("%H:%M") == "15:00"
    assert winter.decoded("DTEND").strftime("%H:%M") == "16:30"
    assert summer.decoded("DTSTART").utcoffset() == timedelta(hours=2)
    # the summer session overrides start (16:30) and duration (60 minutes)
    assert summer.decoded("DTSTART").strftime("%H:%M") == "16:30"
    assert summer.decoded("DTEND").strftime("%H:%M") == "17:30"
    # in UTC: 14:00 in winter, 14:30 in summer
    assert winter.decoded("DTSTART").astimezone(ZoneInfo("UTC")).hour == 14
    assert summer.decoded("DTSTART").astimezone(ZoneInfo("UTC")).strftime("%H:%M") == "14:30"


@pytest.mark.sphinx("html", testroot="subscribe")
def test_description_and_dtstamp(calendar):
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    recorded = str(found["2020-03-24-session-1@mlhzg-seminar"]["DESCRIPTION"])
    assert "Physics-informed networks learn flows." in recorded
    assert "Tobias Weigel" in recorded
    assert "https://www.youtube.com/watch?v=p-B0_gk8Uj4" in recorded
    unrecorded = str(found["2020-07-14-session-2@mlhzg-seminar"]["DESCRIPTION"])
    assert "Casper Kaae Sønderby" in unrecorded
    assert "youtube" not in unrecorded
    for event in found.values():
        assert event.decoded("DTSTAMP") == datetime.fromtimestamp(int(EPOCH), ZoneInfo("UTC"))


def test_uids_unique_and_stable_and_files_identical(make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    outputs = []
    for name in ("first", "second"):  # two fresh builds of the same sources
        app = make_app("html", srcdir=ROOT, builddir=tmp_path / name, freshenv=True)
        calendar = build(app)
        outputs.append((calendar, (app.outdir / "atom.xml").read_bytes()))
        app.cleanup()  # one Sphinx application at a time
    (first, first_feed), (second, second_feed) = outputs
    assert first == second
    assert first_feed == second_feed
    uids = [str(e["UID"]) for e in events(first)]
    assert len(set(uids)) == len(uids) == 3
    assert uids == [str(e["UID"]) for e in events(second)]
    assert "2020-03-24-session-1@mlhzg-seminar" in uids


@pytest.mark.sphinx("html", testroot="subscribe")
def test_uids_survive_a_rebuild(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    before = build(app)
    app.build(force_all=True)
    after = (app.outdir / "calendar.ics").read_bytes()
    assert [str(e["UID"]) for e in events(before)] == [str(e["UID"]) for e in events(after)]
    assert before == after


@pytest.mark.sphinx("html", testroot="subscribe")
def test_without_epoch_dtstamp_is_the_session_date(app, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for event in events(build(app)):
        stamp = event.decoded("DTSTAMP")
        assert stamp.utcoffset() == timedelta(0)
        assert stamp.date() == event.decoded("DTSTART").date()


@pytest.mark.sphinx(
    "dirhtml",
    testroot="subscribe",
    srcdir="subscribe-nobase",
    confoverrides={"html_baseurl": "", "suppress_warnings": ["seminar.baseurl"]},
)
def test_no_relative_urls_without_base(app, monkeypatch):
    """Without html_baseurl a subscriber's copy could not resolve a relative URL: the
    events carry none (no URL, no 'Details:' line), and still every session."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = build(app)
    found = events(data)
    assert len(found) == len(sessions_in_root())
    assert all("URL" not in event for event in found)
    assert b"Details:" not in data
    assert b"sessions/" not in data


@pytest.mark.sphinx("text", testroot="subscribe", srcdir="subscribe-text")
def test_not_written_by_other_builders(app):
    app.build()
    assert not (app.outdir / "calendar.ics").exists()
    assert not (app.outdir / "atom.xml").exists()


def test_not_written_when_the_build_fails(make_app, tmp_path):
    """Bad session input fails the build: no calendar or feed is written from it."""
    srcdir = tmp_path / "broken"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "sessions" / "2021-02-09-broken.md").write_text(
        "---\nnumber: 1\ndate: 2021-02-09\ntitle: Clash\n---\n\nText.\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.statuscode == 1
    assert "session number 1 is also used by" in app.warning.getvalue()
    assert not (app.outdir / "calendar.ics").exists()
    assert not (app.outdir / "atom.xml").exists()


def orphan_page(tmp_path: Path) -> Path:
    """The test project with a page in no table of contents: one warning, the sessions fine."""
    srcdir = tmp_path / "warning"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "orphan.md").write_text("# Not in any toctree\n", encoding="utf-8")
    return srcdir


def test_written_when_warnings_fail_the_build_after_it_finished(make_app, tmp_path):
    """sphinx-build -W: Sphinx fails the build only after ``build-finished``, from state of
    its own, and tells an extension neither that -W is on nor how many warnings there were
    (sphinx-doc/sphinx#11239). The calendar and the feed are written, as the pages are,
    from the same sources; the build still fails, so none of it is published."""
    app = make_app("html", srcdir=orphan_page(tmp_path), warningiserror=True)
    app.build()
    assert "orphan" in app.warning.getvalue()
    assert app.statuscode == 1
    assert (app.outdir / "calendar.ics").is_file()
    assert (app.outdir / "atom.xml").is_file()


def test_not_written_when_a_warning_stops_the_build(make_app, tmp_path):
    """sphinx-build --exception-on-warning: the first warning ends the build at once."""
    app = make_app("html", srcdir=orphan_page(tmp_path), exception_on_warning=True)
    with pytest.raises(SphinxWarning, match="orphan"):
        app.build()
    assert not (app.outdir / "calendar.ics").exists()
    assert not (app.outdir / "atom.xml").exists()


@pytest.mark.sphinx("html", testroot="subscribe", srcdir="subscribe-own")
def test_each_session_has_its_own_calendar_with_the_sites_event(app, monkeypatch):
    """Next to each session's page, its own .ics: one calendar with the series' time
    zone and exactly the event the site's calendar has for it (same UID, same lines),
    linked in the session's header; a rebuild without changes leaves it alone."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site_events = {str(e["UID"]): e.to_ical() for e in events(build(app))}
    own_files = {}
    for docname in sessions_in_root():
        path = app.outdir / f"{docname}.ics"
        own = icalendar.Calendar.from_ical(path.read_bytes())
        (event,) = own.walk("VEVENT")
        assert [str(z["TZID"]) for z in own.walk("VTIMEZONE")] == ["Europe/Berlin"]
        assert event.to_ical() == site_events[str(event["UID"])]
        page = BeautifulSoup((app.outdir / f"{docname}.html").read_text("utf-8"), "html.parser")
        (link,) = page.select(".seminar-session-header .seminar-add-to-calendar a")
        assert link["href"] == path.name
        assert link.get_text() == "Add to your calendar (.ics)"
        own_files[path] = path.stat().st_mtime_ns
    assert len(own_files) == len(site_events) == 3
    app.build()
    assert {path: path.stat().st_mtime_ns for path in own_files} == own_files


@pytest.mark.sphinx("dirhtml", testroot="subscribe", srcdir="subscribe-own-dirhtml")
def test_a_sessions_calendar_link_under_dirhtml(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(app)
    docname = next(iter(sessions_in_root()))
    page = BeautifulSoup((app.outdir / docname / "index.html").read_text("utf-8"), "html.parser")
    (link,) = page.select(".seminar-add-to-calendar a")
    assert (app.outdir / docname / link["href"]).resolve() == (app.outdir / f"{docname}.ics")
