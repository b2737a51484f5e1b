"""The search page finds each session by a word of its text or by its speaker."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

TOP = 5

# query -> the session page (docname under sessions/) that must be among the first TOP results
QUERIES = {
    "MJO": "2020-07-14-try-to-look-like-a-little-black-cloud",
    "history matching": "2020-06-30-the-best-of-all-possible-worlds",
    "HadCRUT4": "2020-06-16-uncharted-history",
    "Lorenz": "2020-05-19-minimalist-chaos",
    "GAN": "2020-05-05-real-fake-clouds",
    "ENSO": "2020-04-21-far-into-the-future",
    "axial attention": "2020-04-07-metnet",
    "Raissi": "2020-03-24-hidden-fluid-mechanics",
    # speakers
    "Nonnenmacher": "2020-05-19-minimalist-chaos",
    "Zorita": "2020-04-21-far-into-the-future",
}

SUMMARY = "#search-results .search-summary"
RESULT_LINKS = "#search-results ul.search > li > a:first-child"


def search(page, server: str, query: str) -> list[str]:
    """Run ``query`` on search.html; return the result links' hrefs, best first."""
    page.goto(f"{server}search.html?q={quote(query)}")
    # searchtools.js fills the summary only when every result has been listed
    page.wait_for_function(
        "sel => (document.querySelector(sel)?.textContent ?? '').trim().length > 0",
        arg=SUMMARY,
    )
    return page.eval_on_selector_all(
        RESULT_LINKS, "links => links.map(a => a.getAttribute('href'))"
    )


@pytest.mark.parametrize(("query", "expected"), QUERIES.items(), ids=list(QUERIES))
def test_search_finds_session(browser, server, page, query, expected):
    hrefs = search(page, server, query)
    summary = page.inner_text(SUMMARY)
    pages = [href.split("#")[0].split("?")[0] for href in hrefs]
    assert f"sessions/{expected}.html" in pages[:TOP], (
        f"search for {query!r}: sessions/{expected}.html is not among the first {TOP} results; "
        f"summary: {summary!r}; results: {pages[:10]}"
    )


#: words of the book theme's buttons and print-only contents, not of any page
THEME_WORDS = ("System Settings", "Light Dark", "Contents")


@pytest.mark.parametrize("query", ["clouds", "Lorenz"])
def test_summaries_quote_the_page_not_the_theme(browser, server, page, query):
    search(page, server, query)
    summaries = page.eval_on_selector_all(
        "#search-results ul.search > li p.context", "ps => ps.map(p => p.textContent)"
    )
    assert len(summaries) >= 3
    for summary in summaries:
        assert not any(word in summary for word in THEME_WORDS), summary
    if query == "clouds":  # found by its title, the summary goes on with its header
        assert re.search(r"Session \d+ · ", summaries[0]), summaries[0]
