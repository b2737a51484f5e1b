"""The calendars as subscribers' programs read them: every event at its true UTC start.

The readers are the real ones: ical.js 2.x (Thunderbird's calendar library, from npm,
run by node through tests/clients/ical_starts.mjs) and vobject (the parser behind
Radicale and other CalDAV servers, from PyPI, through tests/clients/vobject_starts.py). Each event's true start is what
``zoneinfo`` makes of its DTSTART's wall-clock time and TZID; the clients know only
the VTIMEZONE the file carries. Outlook reads a zone only from yearly rules: its
requirement is a property of each STANDARD/DAYLIGHT component, checked by
:func:`assert_outlook_form` and used by :func:`outlook_start`.

Checked on the real archive's calendar and topic calendars, on tests/roots/test-zones
built in unusual zones, and on every eleventh day from 2010 to 2040 in more zones.
"""

from __future__ import annotations

import calendar as gregorian
import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from sphinx_seminar.vtimezone import vtimezone

REPO = Path(__file__).resolve().parent.parent
CLIENTS = REPO / "tests" / "clients"
DTSTART = re.compile(r"^DTSTART;TZID=([^:;]+):(\d{8}T\d{6})\r?$", re.MULTILINE)
UID = re.compile(r"^UID:(.+?)\r?$", re.MULTILINE)
#: southern hemisphere, no daylight time, abolished daylight time (2019, 2022),
#: a 45-minute zone, the US rules
UNUSUAL_ZONES = (
    "Australia/Sydney",
    "Asia/Tokyo",
    "America/Sao_Paulo",
    "Asia/Tehran",
    "Pacific/Chatham",
    "America/Denver",
)
#: zones whose changes from 2000 to 2040 all follow yearly rules: Outlook reads them all
YEARLY_RULES_ALL_ALONG = {
    "Australia/Sydney",
    "Asia/Tokyo",
    "Pacific/Chatham",
    "America/Denver",
    "Europe/Berlin",
}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def true_starts(data: bytes) -> dict[str, datetime]:
    """UID -> zoneinfo's UTC moment of the event's DTSTART, read from the text itself."""
    text = data.decode()
    starts = {}
    for block in text.split("BEGIN:VEVENT")[1:]:
        tzid, wall = DTSTART.search(block).groups()
        local = datetime.strptime(wall, "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo(tzid))
        starts[UID.search(block).group(1)] = local.astimezone(UTC)
    return starts


def read_with(command: list[str], path: Path) -> dict[str, datetime]:
    """UID -> UTC start as a client script prints them, in a process of its own."""
    result = subprocess.run(
        [*command, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,  # where node_modules/ical.js is (npm ci, from .ci/run)
    )
    return {e["uid"]: datetime.fromisoformat(e["start"]) for e in json.loads(result.stdout)}


def ical_js_starts(path: Path) -> dict[str, datetime]:
    return read_with(["node", str(CLIENTS / "ical_starts.mjs")], path)


def vobject_starts(path: Path) -> dict[str, datetime]:
    return read_with([sys.executable, str(CLIENTS / "vobject_starts.py")], path)


def rrule_parts(component) -> dict[str, str] | None:
    rule = component.get("RRULE")
    if rule is None:
        return None
    return dict(part.split("=", 1) for part in rule.to_ical().decode().split(";"))


def assert_outlook_form(zone: icalendar.Timezone) -> None:
    """What Outlook needs of a VTIMEZONE, component by component: a recurring observance
    is one RRULE ``FREQ=YEARLY;BYMONTH=m;BYDAY=<1..4 or -1><weekday>`` (UNTIL allowed);
    an irregular one has no RRULE and one date per RDATE property, never a list of
    dates in one RDATE (icalendar's own form, which Outlook and ical.js misread)."""
    assert "COMMENT" not in zone  # not "only works from … to …"
    for component in zone.subcomponents:
        assert component.name in {"STANDARD", "DAYLIGHT"}
        rule = rrule_parts(component)
        if rule is not None:
            assert set(rule) <= {"FREQ", "BYMONTH", "BYDAY", "UNTIL"}, rule
            assert rule["FREQ"] == "YEARLY"
            assert re.fullmatch(r"(?:[1-4]|-1)(?:MO|TU|WE|TH|FR|SA|SU)", rule["BYDAY"]), rule
            assert "RDATE" not in component
        rdates = component.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            assert len(rdate.dts) == 1


def yearly_change(component, year: int) -> datetime | None:
    """The wall-clock moment of the component's yearly rule in ``year``, as Outlook
    computes it (month, nth or last weekday, DTSTART's time), if the rule covers it."""
    rule = rrule_parts(component)
    start = component.decoded("DTSTART")
    if rule is None or start.year > year or ("UNTIL" in rule and int(rule["UNTIL"][:4]) < year):
        return None
    month, ordinal, weekday = int(rule["BYMONTH"]), int(rule["BYDAY"][:-2]), rule["BYDAY"][-2:]
    days = [
        day
        for day in range(1, gregorian.monthrange(year, month)[1] + 1)
        if date(year, month, day).weekday() == WEEKDAYS.index(weekday)
    ]
    day = days[ordinal - 1] if ordinal > 0 else days[-1]
    return datetime.combine(date(year, month, day), start.time())


def rdate_years(zone: icalendar.Timezone) -> set[int]:
    years = set()
    for component in zone.subcomponents:
        rdates = component.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            years.update(value.dt.year for value in rdate.dts)
    return years


def outlook_start(zone: icalendar.Timezone, wall: datetime) -> datetime | None:
    """UTC of ``wall`` as Outlook reads the zone: a year's offsets come from its two
    yearly rules, a standard and a daylight one, each year alike, or from the one
    observance of a zone that never changes. None for a year that no such rule gives
    (dates of their own, or no change at all after daylight time was abolished)."""
    observances = zone.subcomponents
    if len(observances) == 1:
        return (wall - observances[0].decoded("TZOFFSETTO")).replace(tzinfo=UTC)
    changes = [
        (moment, component)
        for component in observances
        if (moment := yearly_change(component, wall.year)) is not None
    ]
    if len(changes) != 2 or wall.year in rdate_years(zone):
        return None
    changes.sort(key=lambda item: item[0])
    before = [component for moment, component in changes if moment <= wall]
    # before the year's first change, the rule of the year's last one is in force
    component = before[-1] if before else changes[-1][1]
    return (wall - component.decoded("TZOFFSETTO")).replace(tzinfo=UTC)


def assert_read_right(path: Path) -> int:
    """ical.js and vobject read every event of the file at zoneinfo's UTC start, the
    zone is in Outlook's form, and Outlook's reading is right in every year it can read;
    return how many events Outlook's reading could check."""
    data = path.read_bytes()
    expected = true_starts(data)
    assert expected, path
    assert ical_js_starts(path) == expected, f"ical.js misreads {path}"
    assert vobject_starts(path) == expected, f"vobject misreads {path}"
    calendar = icalendar.Calendar.from_ical(data)
    zones = {str(zone["TZID"]): zone for zone in calendar.walk("VTIMEZONE")}
    checked = 0
    for zone in zones.values():
        assert_outlook_form(zone)
    for event in calendar.walk("VEVENT"):
        tzid = event["DTSTART"].params["TZID"]
        wall = event.decoded("DTSTART").replace(tzinfo=None)
        outlook = outlook_start(zones[tzid], wall)
        if outlook is not None:
            assert outlook == expected[str(event["UID"])], (path, str(event["UID"]))
            checked += 1
    return checked


def test_the_archive_calendars(site):
    """The site's calendar.ics and every topic calendar: the archive's 2020-2022
    sessions in Berlin, summer and winter (on main, ical.js and vobject read 20 of the
    59 an hour late)."""
    calendars = [site / "calendar.ics", *sorted((site / "topics").glob("*.ics"))]
    assert len(calendars) > 5
    for path in calendars:
        assert assert_read_right(path) == len(true_starts(path.read_bytes()))


@pytest.mark.parametrize("zone", UNUSUAL_ZONES)
def test_roots_in_unusual_zones(make_app, rootdir, tmp_path, zone):
    """tests/roots/test-zones: eleven sessions from 2010 to 2040 around the changes of
    these zones, built with the zone as the series' time zone."""
    srcdir = tmp_path / "zones"
    shutil.copytree(rootdir / "test-zones", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"seminar_timezone": zone})
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    calendars = [app.outdir / "calendar.ics", app.outdir / "topics" / "long-run.ics"]
    for path in calendars:
        starts = true_starts(path.read_bytes())
        assert len(starts) == 11
        assert {start.year for start in starts.values()} >= {2010, 2022, 2030, 2040}
        checked = assert_read_right(path)
        if zone in YEARLY_RULES_ALL_ALONG:
            assert checked == 11, zone
        # Brazil's carnival years and Iran's own calendar follow no yearly rule, and
        # after daylight time was abolished a year has none: Outlook's reading is not
        # known there; ical.js and vobject read those events right


def unambiguous(wall: datetime, zone: ZoneInfo) -> bool:
    """The wall-clock time exists in the zone and happens once (no gap, no fold)."""
    local = wall.replace(tzinfo=zone)
    once = local.utcoffset() == local.replace(fold=1).utcoffset()
    return once and local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


@pytest.mark.parametrize(
    "zone",
    [*UNUSUAL_ZONES, "Europe/Berlin", "Asia/Jerusalem", "Pacific/Apia", "Africa/Casablanca"],
)
def test_every_eleventh_day_2010_to_2040(tmp_path, zone):
    """The zone as written for a calendar from 2010 to 2040, with events at 02:30 and
    15:00 every eleventh day, so every weekday and month (a wall time that a change skips or repeats is left out: it
    has no one true start)."""
    tz = ZoneInfo(zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//test//sphinx-seminar//EN")
    calendar.add("version", "2.0")
    calendar.add_component(vtimezone(tz, date(2010, 1, 1), date(2040, 12, 31)))
    day = date(2010, 1, 2)
    while day.year <= 2040:
        for hour, minute in ((2, 30), (15, 0)):
            wall = datetime(day.year, day.month, day.day, hour, minute)
            if unambiguous(wall, tz):
                event = icalendar.Event()
                event.add("uid", f"{wall:%Y%m%dT%H%M}@test")
                event.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
                event.add("dtstart", wall.replace(tzinfo=tz))
                calendar.add_component(event)
        day += timedelta(days=11)
    path = tmp_path / "zone.ics"
    path.write_bytes(calendar.to_ical())
    events = len(true_starts(path.read_bytes()))
    assert events > 1900
    checked = assert_read_right(path)
    if zone in YEARLY_RULES_ALL_ALONG:
        assert checked == events, zone
