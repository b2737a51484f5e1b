"""The series' history as data (tests/roots/test-history): each session is shown as the
series ran on its date, in its header, its JSON-LD, the calendar and the feed; the home
page tells the current state and the changes; bad changes fail with conf.py and line."""

from __future__ import annotations

import json
import re
import shutil

import icalendar
import pytest
from defusedxml import ElementTree
from helpers import EPOCH, ROOTS, soup
from sphinx.util.console import strip_colors

from sphinx_seminar import scaffold
from sphinx_seminar.frontmatter import parse_front_matter

ATOM = "{http://www.w3.org/2005/Atom}"
STREAM = "https://www.youtube.com/channel/UCyXAYFO3h-tBIEbPEqMnNKw"
MIXED = "https://schema.org/MixedEventAttendanceMode"
ONLINE = "https://schema.org/OnlineEventAttendanceMode"
#: 2031-06-01 (UTC): after the last change of the test series
LATE_EPOCH = "1938038400"

#: docname -> (header's "Where", start, attendance mode, organizer), as the series ran then
EXPECTED = {
    "sessions/2020-03-24-first": (
        "Institute A, and streamed live on YouTube",
        "15:00",
        MIXED,
        "Group A",
    ),
    "sessions/2021-03-09-renamed": (
        "Institute B, and streamed live on YouTube",
        "15:00",
        MIXED,
        "Group B",
    ),
    # streaming ended; the session's own start wins
    "sessions/2021-11-16-late": ("Institute B", "15:30", MIXED, "Group B"),
    "sessions/2022-05-03-guest": ("Online, on Zoom", "15:00", ONLINE, "Group B"),
    # the session's own location wins over the series'
    "sessions/2022-06-14-room": ("Room 101", "15:00", ONLINE, "Group B"),
    "sessions/2031-02-04-club": ("Institute B, and online", "11:00", MIXED, "Group B"),
}


@pytest.fixture
def built(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-history", srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return app


def event_data(app, docname: str) -> dict:
    html = soup(app.outdir / f"{docname}.html")
    return json.loads(html.find("script", type="application/ld+json").string)


def test_each_session_header_shows_the_series_as_it_was_on_its_date(built):
    for docname, (where, start, _, _) in EXPECTED.items():
        header = soup(built.outdir / f"{docname}.html").select_one(".seminar-session-header")
        assert header.select_one(".seminar-where").get_text() == f"Where: {where}", docname
        assert f", {start}–" in header.select_one(".seminar-when").get_text(), docname


def test_event_json_ld_follows_the_history(built):
    for docname, (where, start, mode, organizer) in EXPECTED.items():
        data = event_data(built, docname)
        assert data["eventAttendanceMode"] == mode, docname
        assert data["organizer"]["name"] == organizer
        assert f"T{start}:00" in data["startDate"]
        kinds = [place["@type"] for place in data["location"]]
        if mode == ONLINE:
            assert kinds == ["VirtualLocation"], docname
        else:
            assert kinds == ["Place", "VirtualLocation"], docname
            assert data["location"][0]["name"] == where
    # the live stream is the online venue while there was one, then the session's page
    assert event_data(built, "sessions/2020-03-24-first")["location"][1]["url"] == STREAM
    late = event_data(built, "sessions/2021-11-16-late")["location"][1]["url"]
    assert late == "https://seminar.example.org/sessions/2021-11-16-late.html"


def test_calendar_and_feed_follow_the_history(built):
    calendar = icalendar.Calendar.from_ical((built.outdir / "calendar.ics").read_bytes())
    events = {str(e["URL"]).rsplit("/", 1)[1]: e for e in calendar.walk("VEVENT")}
    feed = ElementTree.parse(built.outdir / "atom.xml").getroot()
    contents = {
        e.find(f"{ATOM}link").get("href").rsplit("/", 1)[1]: e.find(f"{ATOM}content").text
        for e in feed.findall(f"{ATOM}entry")
    }
    for docname, (where, start, _, _) in EXPECTED.items():
        page = f"{docname.rpartition('/')[2]}.html"
        event = events[page]
        assert str(event["LOCATION"]) == where
        assert event.decoded("DTSTART").strftime("%H:%M") == start
        assert f". {where}.</p>" in contents[page]
        assert f", {start}–" in contents[page]


def test_speakers_with_affiliations(built):
    header = soup(built.outdir / "sessions/2022-05-03-guest.html").select_one(".seminar-speakers")
    assert header.get_text() == "Speakers: Ann Example (DKRZ), Bo Beispiel"
    assert event_data(built, "sessions/2022-05-03-guest")["performer"] == [
        {
            "@type": "Person",
            "name": "Ann Example",
            "affiliation": {"@type": "Organization", "name": "DKRZ"},
        },
        {"@type": "Person", "name": "Bo Beispiel"},
    ]
    people = soup(built.outdir / "people.html")
    ann = people.find(id="ann-example")
    assert ann.find_next_sibling().get_text() == "DKRZ"
    assert "seminar-affiliation" not in (people.find(id="bo-beispiel").find_next_sibling()["class"])
    calendar = (built.outdir / "calendar.ics").read_bytes().decode()
    assert "Speakers: Ann Example (DKRZ)\\, Bo Beispiel" in calendar.replace("\r\n ", "")


def home_text(app) -> tuple[list[str], list[str]]:
    home = soup(app.outdir / "index.html")
    now = [p.get_text(" ", strip=True) for p in home.select(".seminar-series-now")]
    history = [li.get_text(" ", strip=True) for li in home.select(".seminar-series-history li")]
    return now, history


def test_home_page_tells_the_current_state_and_the_history(built, make_app, monkeypatch):
    now, history = home_text(built)
    # 2025-11-14: the online era; the journal club of 2030 is still to come
    assert now == [
        "When. Every second Tuesday at 15:00 (Europe/Berlin time).",
        "Where. Online, on Zoom.",
    ]
    assert history[0] == (
        "24 March 2020 : the first session. Every second Tuesday at 15:00 (Europe/Berlin "
        "time); Institute A, and streamed live on YouTube."
    )
    assert history[1:] == [
        "1 January 2021 : Institute A is renamed Institute B.",
        "1 June 2021 : No more live streams.",
        "1 January 2022 : Online only.",
        "1 January 2030 : A weekly journal club.",
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATE_EPOCH)
    later = make_app("html", srcdir=built.srcdir)
    later.build()
    assert home_text(later)[0] == [
        "When. Every Tuesday at 11:00 (Europe/Berlin time).",
        "Where. Institute B, and online.",
    ]


def test_a_series_that_goes_on_elsewhere_says_when_it_met_and_where_it_continues(
    built, make_app, monkeypatch
):
    # while a session is upcoming, the setting changes nothing
    assert soup(built.outdir / "index.html").select_one(".seminar-continues") is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATE_EPOCH)  # every session is past
    club = "https://example.org/journal-club/"
    for language, when, goes_on in (
        (
            "en",
            "When. Every Tuesday at 11:00 (Europe/Berlin time), "
            "from 24 March 2020 to 4 February 2031.",
            "The last session of this archive took place on 4 February 2031. "
            "The series goes on at example.org/journal-club .",
        ),
        (
            "de",
            "Wann. Every Tuesday um 11:00 Uhr (Zeitzone Europe/Berlin), "
            "vom 24. März 2020 bis zum 4. Februar 2031.",
            "Die letzte Sitzung dieses Archivs fand am 4. Februar 2031 statt. "
            "Die Reihe geht weiter unter example.org/journal-club .",
        ),
    ):
        ended = make_app(
            "html",
            srcdir=built.srcdir,
            confoverrides={"seminar_continues_at": club, "language": language},
            freshenv=True,
        )
        ended.build()
        assert ended.statuscode == 0
        home = soup(ended.outdir / "index.html")
        assert home_text(ended)[0][0] == when
        next_session = home.select_one("#next-session")
        assert next_session.select_one(".seminar-empty") is None  # no "no session announced"
        continues = next_session.select_one("p.seminar-continues")
        assert continues.get_text(" ", strip=True) == goes_on
        assert continues.a["href"] == club


def test_a_new_session_gets_the_current_state(built, make_app, capsys):
    result = scaffold.scaffold(built.srcdir, "2031-03-04", "Fresh Paper")
    text = result.session.read_text(encoding="utf-8")
    # no per-session repetition of the series settings
    assert set(parse_front_matter(text).data) == {
        "number",
        "id",
        "date",
        "title",
        "speakers",
        "topics",
        "summary",
    }
    result.session.write_text(
        text.replace("topics: []", "topics: [clouds]").replace("summary:\n", ""),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=built.srcdir)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    header = soup(app.outdir / "sessions" / f"{result.session.stem}.html")
    assert header.select_one(".seminar-where").get_text() == "Where: Institute B, and online"
    assert "11:00–12:30" in header.select_one(".seminar-when").get_text()


BAD_CHANGES = [
    (
        '{"date": "2021-06-01", "note": "x", "streamed": False},\n'
        '    {"date": "2021-01-01", "note": "y", "location": "Z"},',
        2,
        "seminar_series_changes[1] (2021-01-01) must come after seminar_series_changes[0] "
        "(2021-06-01)",
    ),
    (
        '{"date": "2021-01-01", "note": "x", "locaton": "Z"},',
        1,
        "seminar_series_changes[0] has the unknown field 'locaton'",
    ),
    (
        '{"date": "2021-02-30", "note": "x", "location": "Z"},',
        1,
        "seminar_series_changes[0]['date'] must be a date: '2021-02-30' is not a real date",
    ),
    (
        '{"date": "2021-01-01", "note": "x", "attendance": "hybrid"},',
        1,
        "seminar_series_changes[0]['attendance'] must be one of 'in-person', 'mixed', 'online'",
    ),
    (
        '{"date": "2021-01-01", "note": "x", "start_time": "3pm"},',
        1,
        "seminar_series_changes[0]['start_time'] must be a 24-hour time 'HH:MM'",
    ),
]


@pytest.mark.parametrize(("changes", "offset", "expected"), BAD_CHANGES)
def test_bad_series_changes_name_conf_py_and_the_line(
    make_app, tmp_path, changes, offset, expected
):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-history", srcdir)
    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8")
    text = re.sub(
        r"seminar_series_changes = \[.*\]\n",
        f"seminar_series_changes = [\n    {changes}\n]\n",
        text,
        flags=re.S,
    )
    conf.write_text(text, encoding="utf-8")
    line = text.splitlines().index("seminar_series_changes = [") + 1 + offset
    app = make_app("html", srcdir=srcdir)  # logged, not raised: the build fails at its end
    assert strip_colors(app.warning.getvalue()).startswith(f"{conf}:{line}: ERROR: {expected}")
