"""The extension's pages in Chromium under each theme of :data:`helpers.THEMES` (alabaster,
Furo, pydata-sphinx-theme, sphinx-book-theme), on roots/test-navigation built with it
and served as a web host serves it: the search page is the theme's page and finds
with Pagefind, the list of sessions filters by topic, and a session page has one
previous/next bar, which leads to its neighbours in time. No page logs an error."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import PREV_NEXT_BARS, SEMINAR_PREV_NEXT, THEMES, themed_site
from site_server import serve

pytestmark = pytest.mark.browser

SPHINX_SEARCH = ("searchindex.js", "searchtools.js", "language_data.js")
SHOWN_SESSIONS = "li[data-seminar-year]:visible"


@pytest.fixture(scope="module", params=sorted(THEMES))
def themed(request, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(theme, the base URL of roots/test-navigation built with it and served)."""
    theme = request.param
    with serve(themed_site(tmp_path_factory.mktemp(theme), theme)) as base:
        yield theme, base


def page_error(message) -> str | None:
    """A console message that is an error, with its address; None for anything else, and
    for the favicon.ico that Chromium asks every site for (these have none)."""
    url = message.location.get("url", "")
    if message.type != "error" or urlsplit(url).path == "/favicon.ico":
        return None
    return f"{message.text} ({url})"


@pytest.fixture
def errors(page) -> list[str]:
    """What the page reports as errors: its console's and uncaught exceptions."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(page_error(message)))
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def test_the_search_page_keeps_the_theme_and_finds(themed, page, errors, recorder, searched):
    theme, base = themed
    marks = THEMES[theme]
    requests = recorder(page)
    page.goto(f"{base}search.html?q=spherical")
    searched(page)
    assert page.locator(marks.frame).first.is_visible()
    assert page.locator(marks.navigation).count() > 0
    assert page.locator(f"{marks.navigation}:visible").count() > 0
    results = page.eval_on_selector_all(
        "#search-results .seminar-search-title a", "links => links.map(a => a.href)"
    )
    assert results and results[0] == f"{base}sessions/2020-05-05-sphere.html", results
    # one heading of the page's own; nothing of Sphinx's search ("Searching..")
    headings = page.locator("h1:visible, h2:visible").all_inner_texts()
    assert not any(text.startswith("Searching") for text in headings), headings
    assert [h for h in headings if h.strip().startswith("Search")] == ["Search"], headings
    assert not [url for url in requests.urls if url.rsplit("/", 1)[-1].startswith(SPHINX_SEARCH)]
    assert [error for error in errors if error] == []


def test_the_topic_filter_narrows_the_list(themed, page, errors):
    _, base = themed
    page.goto(f"{base}sessions/index.html")
    page.wait_for_selector(".seminar-facets:not([hidden])")
    assert page.locator(SHOWN_SESSIONS).count() == 4
    page.select_option("#seminar-facet-topic", "clouds")
    page.wait_for_function("() => location.search.includes('topic=clouds')")
    titles = page.locator(f"{SHOWN_SESSIONS} a.seminar-title").all_inner_texts()
    assert titles == ["4. A Winter Session: <Snow> & Ice", "3. Little Black Cloud"], titles
    assert parse_qs(urlsplit(page.evaluate("location.href")).query) == {"topic": ["clouds"]}
    assert [error for error in errors if error] == []


@pytest.mark.parametrize(
    ("here", "before", "after"),
    [
        ("2020-05-05-sphere", "2020-03-24-fluids", "2020-07-14-clouds"),
        ("2020-07-14-clouds", "2020-05-05-sphere", "2021-01-12-winter"),
    ],
)
def test_one_prev_next_bar_leads_to_the_neighbours_in_time(
    themed, page, errors, here, before, after
):
    theme, base = themed
    for target in (before, after):
        page.goto(f"{base}sessions/{here}.html")
        bars = page.locator(PREV_NEXT_BARS)
        assert bars.count() == 1
        # the links, not the bar: pydata-sphinx-theme's floats them in a box of no height
        links = bars.locator("a[href]")
        assert links.count() == 2
        assert all(link.is_visible() for link in links.all())
        expected = THEMES[theme].prev_next or SEMINAR_PREV_NEXT
        assert bars.evaluate("(element, marks) => element.matches(marks)", expected)
        with page.expect_navigation():
            bars.locator(f'a[href="{target}.html"]').click()
        assert page.url == f"{base}sessions/{target}.html"
    assert [error for error in errors if error] == []
