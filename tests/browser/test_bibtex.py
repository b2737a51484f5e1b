"""The references page in a browser: a BibTeX record is copied with one button and wraps
inside its box on a phone; references.html#<key> shows that paper, clear of the header.

The real site (docs/) is served on 127.0.0.1; nothing leaves the machine.
"""

from __future__ import annotations

import pybtex.database
import pytest
from helpers import REPO

pytestmark = pytest.mark.browser

KEY = "isola2017image"
RECORD = f"[id='{KEY}'] .seminar-bibtex-record"
PHONE = {"width": 390, "height": 844}


def record_text(key: str) -> str:
    """The entry's BibTeX as the site writes it: from docs/refs.bib, through pybtex."""
    entries = pybtex.database.parse_file(REPO / "docs" / "refs.bib").entries
    return pybtex.database.BibliographyData({key: entries[key]}).to_string("bibtex")


def test_copy_button_puts_the_record_on_the_clipboard(browser, server, offline, settle):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        offline(page)
        page.goto(f"{server}references.html")
        settle(page)
        record = page.locator(RECORD)
        button = record.locator("button.seminar-copy-bibtex")
        status = record.locator(".seminar-copy-status")
        # outside the fold: no click on "BibTeX" first
        assert button.is_visible() and button.evaluate("b => b.firstChild.data") == "Copy BibTeX"
        assert status.get_attribute("aria-live") == "polite"
        # by keyboard: the button takes the focus and Enter presses it
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "el => el.textContent === 'Copied'", arg=status.element_handle(), timeout=5_000
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == record_text(KEY)
        assert copied.startswith(f"@inproceedings{{{KEY},")
        # the message goes again, so a second copy is announced again
        page.wait_for_function(
            "el => el.textContent === ''", arg=status.element_handle(), timeout=5_000
        )
    finally:
        context.close()


def test_each_paper_of_a_session_page_is_copied_with_its_own_button(
    browser, server, offline, settle
):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        offline(page)
        page.goto(f"{server}sessions/2020-05-05-real-fake-clouds.html")
        settle(page)
        buttons = page.get_by_role("button", name="Copy BibTeX")
        assert buttons.count() == page.locator("ul.seminar-references > li").count() > 1
        # the button under the paper, named with the paper's title for screen readers
        button = page.locator(f"#ref-{KEY} button.seminar-copy-bibtex")
        name = button.aria_snapshot()
        assert 'button "Copy BibTeX' in name and "Image-to-Image Translation" in name
        assert button.is_visible() and button.evaluate("b => b.firstChild.data") == "Copy BibTeX"
        status = page.locator(f"#ref-{KEY} .seminar-copy-status")
        # by keyboard: Tab reaches it (after the item's links), Enter presses it
        page.locator(f"#ref-{KEY} a.seminar-discussed-link").focus()
        page.keyboard.press("Tab")
        assert button.evaluate("el => el === document.activeElement")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "el => el.textContent === 'Copied'", arg=status.element_handle(), timeout=5_000
        )
        # the same record as on the references page
        assert page.evaluate("navigator.clipboard.readText()") == record_text(KEY)
    finally:
        context.close()


def test_without_javascript_there_is_no_button(browser, server, offline):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        offline(page)
        page.goto(f"{server}references.html")
        page.locator(f"{RECORD} summary").click()
        assert page.locator(f"{RECORD} pre").is_visible()
        assert not page.locator(f"{RECORD} button.seminar-copy-bibtex").is_visible()
    finally:
        context.close()


def test_records_wrap_on_a_phone(browser, server, offline, settle):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        offline(page)
        page.goto(f"{server}references.html")
        settle(page)
        # the record with the longest line of all
        longest = page.evaluate(
            """() => {
                let best = null, length = 0;
                for (const pre of document.querySelectorAll('details.seminar-bibtex pre')) {
                    for (const line of pre.textContent.split('\\n')) {
                        if (line.length > length) { length = line.length; best = pre; }
                    }
                }
                return best.closest('div.citation').id;
            }"""
        )
        record = page.locator(f"[id='{longest}'] details.seminar-bibtex")
        record.locator("summary").click()
        pre = record.locator("pre")
        assert pre.is_visible()
        sizes = pre.evaluate(
            "pre => ({scroll: pre.scrollWidth, client: pre.clientWidth,"
            " page: document.documentElement.scrollWidth, inner: window.innerWidth,"
            " right: pre.getBoundingClientRect().right})"
        )
        assert sizes["page"] <= sizes["inner"], f"the page scrolls sideways: {sizes}"
        assert sizes["scroll"] <= sizes["client"], f"the record scrolls sideways: {sizes}"
        assert sizes["right"] <= sizes["inner"], f"the record is cut off: {sizes}"
    finally:
        context.close()


def test_a_reference_anchor_shows_its_entry_below_the_header(page, server, offline, settle):
    offline(page)
    page.goto(f"{server}references.html#{KEY}")
    settle(page)
    page.wait_for_function("() => window.scrollY > 0")
    box = page.evaluate(
        """key => {
            const entry = document.getElementById(key);
            const rect = entry.getBoundingClientRect();
            // the lowest bottom edge of what stays fixed at the top of the window
            let covered = 0;
            for (const el of document.querySelectorAll('body *')) {
                const style = getComputedStyle(el);
                if (style.position !== 'sticky' && style.position !== 'fixed') continue;
                const r = el.getBoundingClientRect();
                if (r.top <= 0 && r.bottom > covered && r.height < window.innerHeight / 2)
                    covered = r.bottom;
            }
            return {top: rect.top, bottom: rect.bottom, covered, height: window.innerHeight,
                    tag: entry.tagName, classes: entry.className};
        }""",
        KEY,
    )
    assert box["tag"] == "DIV" and "citation" in box["classes"]
    assert box["covered"] <= box["top"] < box["height"], box
