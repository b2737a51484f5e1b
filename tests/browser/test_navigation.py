"""Readers get from the home page to every listing, and from a session to its neighbours."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# link target from the home page -> the page's title (its <h1> and the start of <title>)
HOME_LINKS = {
    "sessions/index.html": "Sessions",
    "topics/index.html": "Topics",
    "people.html": "People",
    "references.html": "References",
}


def heading(page) -> str:
    return page.locator("main h1, article h1").first.inner_text().strip().rstrip("#").strip()


@pytest.mark.parametrize(("href", "title"), HOME_LINKS.items(), ids=list(HOME_LINKS))
def test_home_links_reach_listing(browser, server, page, href, title):
    page.goto(f"{server}index.html")
    sidebar = page.locator(f'.bd-sidebar-primary a[href="{href}"]')
    # the primary sidebar (table of contents) is the way in; any link on the page will do else
    link = sidebar.first if sidebar.count() else page.locator(f'a[href="{href}"]').first
    assert link.count(), f"index.html has no link to {href}"
    assert link.is_visible(), f"the link to {href} on index.html is not visible"
    with page.expect_navigation():
        link.click()
    assert page.url == f"{server}{href}"
    assert page.title().startswith(title), page.title()
    assert heading(page) == title


def nav_links(page) -> list[tuple[str, str]]:
    """(text, href) of the session page's previous/next links."""
    return page.eval_on_selector_all(
        ".seminar-session-nav a",
        "links => links.map(a => [a.parentElement.textContent, a.getAttribute('href')])",
    )


def test_session_prev_next_reach_neighbours(browser, server, page, sessions_in_order):
    assert len(sessions_in_order) >= 3, sessions_in_order
    middle = len(sessions_in_order) // 2
    before, here, after = sessions_in_order[middle - 1 : middle + 2]
    page.goto(f"{server}sessions/{here}.html")
    links = nav_links(page)
    assert [href for _, href in links] == [f"{before}.html", f"{after}.html"], links
    assert "Previous" in links[0][0] and "Next" in links[1][0], links

    for target in (before, after):
        page.goto(f"{server}sessions/{here}.html")
        with page.expect_navigation():
            page.locator(f'.seminar-session-nav a[href="{target}.html"]').click()
        assert page.url == f"{server}sessions/{target}.html"
        assert page.locator(".seminar-session-header").count() == 1


def test_first_and_last_session_have_one_neighbour(browser, server, page, sessions_in_order):
    first, second = sessions_in_order[:2]
    page.goto(f"{server}sessions/{first}.html")
    assert [href for _, href in nav_links(page)] == [f"{second}.html"]
    last, penultimate = sessions_in_order[-1], sessions_in_order[-2]
    page.goto(f"{server}sessions/{last}.html")
    assert [href for _, href in nav_links(page)] == [f"{penultimate}.html"]


def sidebar_buttons(page) -> list[tuple[str, str]]:
    """(section, accessible name) of each expand button of the primary sidebar."""
    return page.eval_on_selector_all(
        ".bd-sidebar-primary nav summary",
        "summaries => summaries.map(s => [s.closest('li').querySelector(':scope > a')"
        ".textContent.trim(), s.getAttribute('aria-label') || s.textContent.trim()])",
    )


# the home page's collapsed sidebar opens nothing: it has no expand button
@pytest.mark.parametrize("kind", ["sessions", "session", "topic"])
def test_sidebar_expand_buttons_have_names(browser, server, page, site_pages, kind):
    """The book theme's chevron-only <summary> buttons are named after their section by
    the extension's script (booktheme.py), so screen readers announce what they open."""
    page.goto(f"{server}{site_pages[kind]}")
    page.wait_for_load_state("load")
    buttons = sidebar_buttons(page)
    assert buttons, f"{site_pages[kind]}: the sidebar has no expand button"
    for section, name in buttons:
        assert name == f"Show or hide the pages in {section}", (section, name)
