"""The session header adds the start in the reader's own time zone, where that differs.

seminar-time.js reads ``<time class="seminar-time" datetime="...">`` and, in a
browser whose time zone shows another time at that moment, adds
``.seminar-reader-time`` after it. Each test runs Chromium in one time zone
(Playwright's ``timezone_id``), with every request off 127.0.0.1 aborted.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SUMMER = "sessions/2020-05-05-real-fake-clouds.html"  # 15:00 CEST (UTC+02:00)
#: 15:00 CET (UTC+01:00), when New York had already moved its clocks and Berlin had not
MARCH = "sessions/2020-03-24-hidden-fluid-mechanics.html"
READER_TIME = ".seminar-when .seminar-reader-time"


def open_in_zone(browser, server, offline, settle, path: str, zone: str):
    """The page in a browser set to ``zone``; returns the page and its script errors."""
    context = browser.new_context(timezone_id=zone, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    blocked = offline(page)
    page.goto(f"{server}{path}")
    settle(page)
    assert blocked == [], blocked
    return page, errors


@pytest.mark.parametrize(
    ("path", "zone", "expected"),
    [
        (SUMMER, "America/New_York", "09:00 in your time zone (America/New_York)"),
        (MARCH, "America/New_York", "10:00 in your time zone (America/New_York)"),
        (SUMMER, "Asia/Tokyo", "22:00 in your time zone (Asia/Tokyo)"),
        # the next day there: the date too, in the page's English (day before month)
        (SUMMER, "Pacific/Auckland", "Wed 6 May, 01:00 in your time zone (Pacific/Auckland)"),
    ],
)
def test_the_readers_time_follows_the_seminars(
    browser, server, offline, settle, path, zone, expected
):
    page, errors = open_in_zone(browser, server, offline, settle, path, zone)
    try:
        added = page.locator(READER_TIME)
        assert added.count() == 1
        assert added.text_content() == expected
        # after the seminar's own time, which stays as it was
        assert page.evaluate(
            "sel => document.querySelector(sel).previousElementSibling.matches('time')",
            READER_TIME,
        )
        assert added.is_visible()
        assert errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Europe/Paris"])
def test_nothing_is_added_where_the_clock_shows_the_seminars_time(
    browser, server, offline, settle, zone
):
    # Paris is another zone with the same offset: its clocks showed 15:00 too
    page, errors = open_in_zone(browser, server, offline, settle, SUMMER, zone)
    try:
        assert page.locator("time.seminar-time").count() == 1
        assert page.locator(".seminar-reader-time").count() == 0
        assert errors == []
    finally:
        page.context.close()


def test_odd_url_parameters_change_nothing(browser, server, offline, settle):
    page, errors = open_in_zone(
        browser, server, offline, settle, f"{SUMMER}?tz=%3Cb%3Ex&lang=%E0#%3Cscript%3E", "UTC"
    )
    try:
        assert page.locator(READER_TIME).text_content() == "13:00 in your time zone (UTC)"
        assert errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_session_number_does_not_look_like_a_link(browser, server, offline, settle, theme):
    page, errors = open_in_zone(browser, server, offline, settle, SUMMER, "Europe/Berlin")
    try:
        page.evaluate("theme => { document.documentElement.dataset.theme = theme; }", theme)
        colours = page.evaluate(
            """() => {
                const colour = sel => getComputedStyle(document.querySelector(sel)).color;
                return {
                    number: colour('.seminar-when strong'),
                    text: colour('.seminar-when'),
                    link: colour('.seminar-session-nav a.reference'),
                };
            }"""
        )
        assert colours["number"] == colours["text"], colours
        assert colours["number"] != colours["link"], colours
        assert page.locator(".seminar-when strong").evaluate("el => el.closest('a')") is None
        assert errors == []
    finally:
        page.context.close()
