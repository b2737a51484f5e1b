"""The home page on a phone leads to the sessions (issue 21, item 6): the ways in come
first, the series' history is told plainly, and the ended series points to where it
goes on instead of saying that no session is announced."""

from __future__ import annotations

import pytest
from helpers import soup

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_the_ways_in_are_on_the_first_screen_of_a_phone(browser, server):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(f"{server}index.html", wait_until="load")
        tops = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll("main section[id]")].map(
                 (s) => [s.id, s.querySelector("h2, h1").getBoundingClientRect().top]))"""
        )
        search = page.locator("button.search-button__button:visible").first.bounding_box()
    finally:
        context.close()
    screen = PHONE["viewport"]["height"]
    assert search["y"] < 100  # the search button in the top bar
    # on main: "Latest sessions" at 1,486 px and "Browse the archive" at 2,233 px
    assert tops["browse-the-archive"] < screen
    assert tops["latest-sessions"] < screen
    # the series' history and subscriptions come after them
    assert tops["latest-sessions"] < tops["the-seminar"] < tops["subscribe"]


def test_the_home_page_tells_when_the_archived_sessions_met_and_where_it_goes_on(site):
    home = soup(site / "index.html")
    when = home.select(".seminar-series-now")[0].get_text(" ", strip=True)
    assert when == (
        "When. Every second Tuesday at 15:00 (Europe/Berlin time), "
        "from 24 March 2020 to 14 March 2023."
    )
    next_session = home.select_one("#next-session")
    assert "No session is announced" not in next_session.get_text()
    goes_on = next_session.select_one("p.seminar-continues")
    assert goes_on.a["href"] == "https://m-dml.org/journal_club.html"
    assert "14 March 2023" in goes_on.get_text()
