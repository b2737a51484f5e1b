"""On a phone, the book theme's menu and contents buttons open their sidebars.

The theme listens only on the first, hidden, toggle of each kind
(pydata/pydata-sphinx-theme#2451, executablebooks/sphinx-book-theme#988);
seminar-booktheme.js hands a tap on the visible one to it. These tests tap the
buttons a reader sees, as a reader would, and fail if the sidebars stay shut.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
#: the visible toggle of each kind, the dialog it opens, and a link inside it
SIDEBARS = {
    "primary": ("#pst-primary-sidebar-modal", "nav.bd-docs-nav a"),
    "secondary": ("#pst-secondary-sidebar-modal", "nav#pst-page-toc-nav a, .page-toc a"),
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def visible_toggle(page, kind: str):
    toggles = page.locator(f"button.{kind}-toggle").filter(visible=True)
    assert toggles.count() == 1, f"expected one visible {kind} toggle, found {toggles.count()}"
    return toggles.first


@pytest.mark.parametrize("kind", sorted(SIDEBARS))
def test_phone_toggle_opens_sidebar(phone, server, site_pages, settle, kind):
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(f"{server}{site_pages['session']}")
    settle(phone)
    dialog_selector, link_selector = SIDEBARS[kind]
    dialog = phone.locator(dialog_selector)
    assert not dialog.evaluate("d => d.open"), "the sidebar is open before any tap"

    visible_toggle(phone, kind).tap()

    phone.wait_for_function(f"document.querySelector('{dialog_selector}').open")
    links = dialog.locator(link_selector).filter(visible=True)
    assert links.count() > 0, f"the {kind} sidebar opened empty"
    phone.keyboard.press("Escape")
    phone.wait_for_function(f"!document.querySelector('{dialog_selector}').open")
    assert not errors, errors


def test_menu_link_leads_to_the_page(phone, server, site_pages, settle):
    """A reader opens the menu, taps "Topics" and arrives there."""
    phone.goto(f"{server}{site_pages['session']}")
    settle(phone)
    visible_toggle(phone, "primary").tap()
    phone.wait_for_function("document.querySelector('#pst-primary-sidebar-modal').open")
    phone.locator("#pst-primary-sidebar-modal nav a", has_text="Topics").first.tap()
    phone.wait_for_url("**/topics/index.html")


def test_desktop_toggle_still_hides_the_sidebar(browser, server, site_pages, settle):
    """On a wide screen the visible button keeps the book theme's behaviour: it hides
    and shows the navigation column."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server}{site_pages['session']}")
        settle(page)
        sidebar = page.locator("#pst-primary-sidebar")
        assert sidebar.is_visible()
        visible_toggle(page, "primary").click()
        page.wait_for_function(
            "document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')"
        )
        visible_toggle(page, "primary").click()
        page.wait_for_function(
            "!document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')"
        )
    finally:
        context.close()
