"""Filters on the list of all sessions (sessions/index.html), on the real site: what the
address asks for is what shows, the form keeps the address in step, bad values say
what matched nothing, and without JavaScript the page is the full list."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

SESSIONS = "sessions/index.html"
SHOWN = "li[data-seminar-year]:visible"
XSS = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"


def read(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def names(hrefs) -> set[str]:
    """Session pages by file name, from links of any page ('../sessions/x.html' -> 'x')."""
    return {href.rsplit("/", 1)[-1].removesuffix(".html") for href in hrefs}


def on_topic(site: Path, slug: str) -> set[str]:
    """The sessions its topic page lists: what ?topic=<slug> must show."""
    links = read(site, f"topics/{slug}.html").select(
        "#sessions-on-this-topic ul.seminar-listing a.seminar-title"
    )
    return names(a["href"] for a in links)


def shown(page) -> set[str]:
    hrefs = page.eval_on_selector_all(
        "li[data-seminar-year]:not([hidden]) a.seminar-title",
        "links => links.map(a => a.getAttribute('href'))",
    )
    assert page.locator(SHOWN).count() == len(hrefs)  # hidden means not displayed
    return names(hrefs)


def count_text(page) -> str:
    return page.locator(".seminar-facet-count").inner_text().strip()


def query(page) -> dict[str, list[str]]:
    # the document's own address: page.url may lag behind history.replaceState
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def open_sessions(page, server: str, search: str = "") -> list[str]:
    """Open the session list with a query; returns the page errors seen while it loads."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}{SESSIONS}{search}")
    page.wait_for_selector(".seminar-facets:not([hidden])")
    return errors


@pytest.fixture(scope="module")
def all_sessions(site) -> set[str]:
    found = names(a["href"] for a in read(site, SESSIONS).select("a.seminar-title"))
    assert len(found) > 50
    return found


def test_topic_in_the_address_shows_exactly_its_sessions(server, site, page):
    expected = on_topic(site, "l96")
    assert len(expected) >= 2
    assert open_sessions(page, server, "?topic=l96") == []
    assert shown(page) == expected
    assert count_text(page) == f"{len(expected)} sessions"
    assert page.locator("#seminar-facet-topic").input_value() == "l96"
    # the form shows the filter it applies
    assert "L96" in page.locator("#seminar-facet-topic option:checked").inner_text()


def test_topic_and_year_combine(server, site, page):
    expected = {name for name in on_topic(site, "gans") if name.startswith("2020-")}
    assert expected and expected != on_topic(site, "gans")  # the year narrows the topic
    open_sessions(page, server, "?topic=gans&year=2020")
    assert shown(page) == expected
    assert count_text(page).startswith(f"{len(expected)} session")
    # only the 2020 heading stays: a year with nothing shown loses its heading too
    headings = page.locator("h2.seminar-year:visible").all_inner_texts()
    assert [text.strip() for text in headings] == ["2020"]


def test_speaker_in_the_address_shows_their_sessions(server, site, page):
    people = read(site, "people.html")
    # the person with the most sessions, as the people page lists them
    person = max(
        people.select(".seminar-person"),
        key=lambda heading: len(heading.find_next_sibling("ul").select("li")),
    )
    expected = names(a["href"] for a in person.find_next_sibling("ul").select("li > p > a"))
    assert len(expected) >= 2
    open_sessions(page, server, f"?speaker={person['id']}")
    assert shown(page) == expected
    chosen = page.locator("#seminar-facet-speaker option:checked").inner_text()
    assert chosen == person.find(string=True).strip()  # the name, before its count


def test_recorded_shows_the_sessions_with_a_video(server, site, page, all_sessions):
    # the sessions whose page has the player
    recorded = {
        n for n in all_sessions if read(site, f"sessions/{n}.html").select("figure.seminar-video")
    }
    assert 10 < len(recorded) < len(all_sessions)
    open_sessions(page, server, "?recorded=1")
    assert shown(page) == set(recorded)
    assert count_text(page) == f"{len(recorded)} sessions"
    assert page.locator("#seminar-facet-recorded").is_checked()


def test_the_recorded_badge_leads_to_the_recorded_sessions(server, page):
    open_sessions(page, server)
    with page.expect_navigation():
        page.locator("a.seminar-recorded").first.click()
    assert query(page) == {"recorded": ["1"]}
    page.wait_for_selector(".seminar-facets:not([hidden])")
    assert page.locator("#seminar-facet-recorded").is_checked()


def test_changing_the_form_updates_the_address_and_the_list(server, site, page, all_sessions):
    open_sessions(page, server)
    assert shown(page) == all_sessions
    assert count_text(page) == f"{len(all_sessions)} sessions"
    page.select_option("#seminar-facet-topic", "l96")
    assert query(page) == {"topic": ["l96"]}
    assert shown(page) == on_topic(site, "l96")
    page.select_option("#seminar-facet-year", "2021")
    assert query(page) == {"topic": ["l96"], "year": ["2021"]}
    assert shown(page) == {n for n in on_topic(site, "l96") if n.startswith("2021-")}
    page.check("#seminar-facet-recorded")
    assert query(page)["recorded"] == ["1"]
    # a shared address shows the same view
    other = page.context.new_page()
    open_sessions(other, server, page.evaluate("location.search"))
    assert shown(other) == shown(page)
    other.close()
    page.click("button.seminar-facet-reset")
    assert query(page) == {}
    assert shown(page) == all_sessions
    assert page.locator("#seminar-facet-topic").input_value() == ""


def test_keyboard_reaches_and_works_the_filters(server, site, page):
    open_sessions(page, server)
    page.locator("#seminar-facet-topic").focus()
    order = []
    focused = "document.activeElement.id || document.activeElement.className"
    for _ in range(4):
        order.append(page.evaluate(focused))
        page.keyboard.press("Tab")
    # nothing is filtered yet: no "Show all sessions" to stop at
    assert order == [
        "seminar-facet-topic",
        "seminar-facet-year",
        "seminar-facet-speaker",
        "seminar-facet-recorded",
    ]
    # the focused control shows it has the focus
    page.locator("#seminar-facet-recorded").focus()
    page.keyboard.press("Space")
    assert query(page) == {"recorded": ["1"]}
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Tab")  # now something is filtered
    assert page.evaluate(focused) == "seminar-facet-reset"


@pytest.mark.parametrize(
    ("search", "message"),
    [
        ("?topic=nonsense", "No session matches topic “nonsense”."),
        ("?year=abc", "No session matches year “abc”."),
        ("?speaker=nobody-at-all", "No session matches speaker “nobody-at-all”."),
        ("?topic=gans&year=2023", "No session matches all of these filters."),
        ("?year=2020&topic=$%26", "No session matches topic “$&”."),
        # broken percent-encoding: whatever the browser decodes it to, said as text
        ("?topic=%E0%A4%A&year=%", "No session matches topic “"),
    ],
)
def test_a_filter_that_matches_nothing_says_so(server, page, search, message, all_sessions):
    errors = open_sessions(page, server, search)
    assert errors == []
    assert shown(page) == set()
    assert count_text(page) == "0 sessions"
    empty = page.locator(".seminar-facet-empty")
    assert empty.is_visible()
    said = page.locator(".seminar-facet-message").inner_text()
    assert said == message if message.endswith(".") else said.startswith(message)
    # the status region that screen readers announce holds the message
    assert message in page.locator("[role=status][aria-live=polite]").inner_text()
    assert page.locator("h2.seminar-year:visible").count() == 0
    with page.expect_navigation():
        empty.locator("a").click()
    assert urlsplit(page.url).query == ""
    page.wait_for_selector(".seminar-facets:not([hidden])")
    assert shown(page) == all_sessions


def test_markup_in_the_address_inserts_no_element(server, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors = open_sessions(page, server, f"?speaker={XSS}")
    assert errors == []
    assert page.locator("img[src=x]").count() == 0
    assert page.locator(".seminar-facets img").count() == 0
    text = page.locator(".seminar-facet-message").inner_text()
    assert text == "No session matches speaker “<img src=x onerror=alert(1)>”."
    # shown in the form as the chosen value, as text
    option = page.locator("#seminar-facet-speaker option:checked")
    assert option.inner_text() == "<img src=x onerror=alert(1)>"
    assert (
        page.evaluate("document.querySelector('#seminar-facet-speaker').innerHTML").count("<img")
        == 0
    )
    assert dialogs == []


def test_without_javascript_the_full_list_shows(browser, server, all_sessions):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}{SESSIONS}?topic=l96")
        assert page.locator(".seminar-facets").count() == 1
        assert not page.locator(".seminar-facets").is_visible()
        assert not page.locator("#seminar-facet-topic").is_visible()
        assert page.locator(SHOWN).count() == len(all_sessions)
        assert page.locator("h2.seminar-year:visible").count() >= 3
    finally:
        context.close()


LISTINGS = ["index.html", SESSIONS, "sessions/2021.html", "topics/l96.html", "people.html"]


@pytest.mark.parametrize("name", LISTINGS)
def test_listings_fit_a_phone_with_summaries_under_the_titles(browser, server, name):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(f"{server}{name}")
        page.wait_for_load_state("load")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390, f"{name} scrolls sideways on a phone ({width}px)"
        summaries = page.locator("ul.seminar-listing > li > p.seminar-summary")
        assert summaries.count() > 0
        first = summaries.first
        title = first.locator("xpath=preceding-sibling::p[1]")
        # below the title line, smaller and in a muted colour
        assert (
            first.bounding_box()["y"]
            >= title.bounding_box()["y"] + title.bounding_box()["height"] - 1
        )
        size = lambda locator: float(  # noqa: E731
            re.sub("px$", "", locator.evaluate("e => getComputedStyle(e).fontSize"))
        )
        assert size(first) < size(title)
        colour = first.evaluate("e => getComputedStyle(e).color")
        assert colour != title.evaluate("e => getComputedStyle(e).color")
    finally:
        context.close()


@pytest.mark.parametrize("search", ["?topic=l96", "?topic=nonsense"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_passes_axe_in_light_and_dark(browser, server, scheme, search):
    """The form, the count or the empty result, and the listing with its summaries."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_sessions(page, server, search)
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        options = {
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],
        }
        results = Axe().run(page, options=options)
    finally:
        context.close()
    violations = [(v["id"], v["impact"]) for v in results.response["violations"]]
    assert violations == []
