"""Follow and save in one step, on the real site in Chromium: the list of sessions,
filtered, downloads one calendar and one .bib of exactly the shown sessions (joined in
the browser from each session's own files, from this site only), read by ical.js,
vobject and pybtex; a chosen topic offers its calendar and feed; a filtered address
never paints the full list first."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pybtex.database
import pytest
from test_calendar_clients import ical_js_starts, vobject_starts

pytestmark = pytest.mark.browser

SESSIONS = "sessions/index.html"
SHOWN = "li[data-seminar-year]:not([hidden])"


def open_filtered(page, server: str, offline, search: str) -> list[str]:
    """The list with ``search`` applied; returns the requests that left 127.0.0.1."""
    blocked = offline(page)
    page.goto(f"{server}{SESSIONS}{search}")
    page.wait_for_selector(".seminar-facets:not([hidden])")
    return blocked


def shown_files(page, site: Path, attribute: str) -> list[Path]:
    """The shown sessions' own files, as the list names them."""
    hrefs = page.eval_on_selector_all(
        SHOWN, f"items => items.map(i => i.getAttribute('{attribute}')).filter(Boolean)"
    )
    return [(site / "sessions" / href).resolve() for href in hrefs]


def download(page, export: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.click(f"button.seminar-export[data-export='{export}']")
    info.value.save_as(target)
    return target


def test_the_shown_sessions_as_one_calendar(server, site, page, offline, tmp_path):
    blocked = open_filtered(page, server, offline, "?topic=gans")
    own = shown_files(page, site, "data-seminar-ics")
    assert len(own) >= 3
    assert len(own) < page.locator("li[data-seminar-year]").count()
    path = download(page, "ics", tmp_path / "selection.ics")
    assert blocked == []
    data = path.read_bytes()
    assert data.count(b"BEGIN:VCALENDAR") == 1
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    expected = {}
    for file in own:
        (event,) = icalendar.Calendar.from_ical(file.read_bytes()).walk("VEVENT")
        expected[str(event["UID"])] = event.decoded("DTSTART")
    joined = {str(event["UID"]): event.decoded("DTSTART") for event in calendar.walk("VEVENT")}
    assert joined == expected
    # as Thunderbird (ical.js) and CalDAV servers (vobject) read it: the same moments
    for reader in (ical_js_starts, vobject_starts):
        assert reader(path) == expected


def test_the_shown_sessions_papers_as_one_bib(server, site, page, offline, tmp_path):
    blocked = open_filtered(page, server, offline, "?topic=clouds&year=2020")
    own = shown_files(page, site, "data-seminar-bib")
    assert len(own) >= 2
    path = download(page, "bib", tmp_path / "selection.bib")
    assert blocked == []
    joined = pybtex.database.parse_file(path, bib_format="bibtex")
    expected = {}
    for file in own:
        expected.update(pybtex.database.parse_file(file, bib_format="bibtex").entries)
    assert set(joined.entries) == set(expected)
    for key, entry in expected.items():
        assert joined.entries[key].fields == entry.fields
        assert joined.entries[key].persons == entry.persons


def test_nothing_to_save_when_nothing_is_shown(server, page, offline):
    open_filtered(page, server, offline, "?topic=no-such-topic")
    assert page.locator(SHOWN).count() == 0
    assert page.locator("button.seminar-export:disabled").count() == 2


def test_a_chosen_topic_offers_its_calendar_and_feed(server, site, page, offline):
    open_filtered(page, server, offline, "?topic=l96")
    line = page.locator(".seminar-facet-subscribe")
    assert line.is_visible()
    assert line.inner_text() == (
        "Subscribe to The Lorenz ’96 model (L96): calendar (webcal) · download .ics · Atom feed"
    )
    webcal, ics, atom = line.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert webcal.startswith("webcal://") and webcal.endswith("/topics/l96.ics")
    assert ics == f"{server}topics/l96.ics"
    assert atom == f"{server}topics/l96.atom"
    assert page.request.get(ics).ok and page.request.get(atom).ok
    # another topic from the form: the links follow; none chosen: the line goes
    page.select_option("#seminar-facet-topic", "gans")
    assert line.locator("a").nth(1).get_attribute("href") == "../topics/gans.ics"
    page.select_option("#seminar-facet-topic", "")
    assert not line.is_visible()


def test_a_filtered_address_never_paints_the_full_list(server, page, offline):
    """When the filter script starts, the entries of other topics are already hidden
    (by the early filter in the head), the script shows the same entries, and the list
    does not move when the form appears (layout shift well under 0.05)."""
    page.add_init_script(
        """
        window.seminarShifts = 0;
        new PerformanceObserver(list => {
          for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) window.seminarShifts += entry.value;
          }
        }).observe({type: "layout-shift", buffered: true});
        document.addEventListener("readystatechange", () => {
          if (document.readyState === "interactive") {
            window.seminarShownBeforeScript = [...document.querySelectorAll(
              "li[data-seminar-year]")].filter(li => li.offsetParent !== null).length;
          }
        });
        """
    )
    open_filtered(page, server, offline, "?topic=gans")
    page.wait_for_timeout(300)
    shown = page.locator(SHOWN).count()
    assert 0 < shown == page.evaluate("window.seminarShownBeforeScript")
    assert page.evaluate("window.seminarShifts") < 0.05
