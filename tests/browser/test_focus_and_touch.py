"""Keyboard and touch on the real site: every control that Tab reaches shows where the
focus is (WCAG 2.4.7), in light and dark, on a desktop and a phone; on a touch
screen, a tap leaves no tooltip behind and the next tap does what it should."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "index.html",
    "sessions/index.html",
    "sessions/2020-05-05-real-fake-clouds.html",
    "references.html",
    "people.html",
    "topics/l96.html",
    "search.html?q=clouds",
]
VIEWS = [(1440, "light"), (390, "dark")]
#: more than any page above has focusable controls before the focus returns to the start
MOST_TABS = 120
#: a focus ring at least this wide: the theme's own is 3 px
RING_PX = 2

FOCUSED = """() => {
    let el = document.activeElement;
    if (!el || el === document.body) return null;
    const key = el.outerHTML.slice(0, 160);
    // the theme draws the ring of a sidebar <summary> on the chevron inside it
    if (el.tagName === "SUMMARY" && el.querySelector(".toctree-toggle"))
        el = el.querySelector(".toctree-toggle");
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0;
    // a box-shadow ring: its spread (the 4th length), where its colour is not transparent
    let ring = 0;
    for (const shadow of style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\\))/)) {
        if (/rgba\\([^)]*,\\s*0\\)/.test(shadow)) continue;
        const lengths = shadow.replace(/rgba?\\([^)]*\\)/, "").match(/-?[\\d.]+px/g) || [];
        ring = Math.max(ring, Math.abs(parseFloat(lengths[3] || "0")), Math.abs(parseFloat(lengths[0] || "0")));
    }
    return {key, outline, ring, label: (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)};
}"""


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{w}-{s}" for w, s in VIEWS])
@pytest.mark.parametrize("address", PAGES)
def test_every_focused_control_shows_a_focus_ring(browser, server, offline, address, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        offline(page)
        page.goto(f"{server}{address}")
        page.wait_for_load_state("load")
        # the final look, not a frame of the theme's transitions
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        seen: list[str] = []
        unmarked = []
        for _ in range(MOST_TABS):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None:
                continue
            if seen and focused["key"] == seen[0]:
                break  # round the page and back to the first control
            seen.append(focused["key"])
            if max(focused["outline"], focused["ring"]) < RING_PX:
                unmarked.append(focused)
        assert len(seen) > 5, f"Tab reached only {len(seen)} controls"
        assert not unmarked, f"no visible focus on {address}: {unmarked}"
    finally:
        context.close()


def test_the_first_tab_stop_after_the_skip_link_shows_its_focus(browser, server, offline):
    """The sidebar toggle, which showed no focus on any page (issue 21)."""
    for width, scheme in [(1440, "light"), (1440, "dark"), (390, "light"), (390, "dark")]:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            offline(page)
            page.goto(f"{server}people.html")
            page.wait_for_load_state("load")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent.trim()").startswith("Skip")
            while "sidebar-toggle" not in page.evaluate("document.activeElement.className"):
                page.keyboard.press("Tab")
            style = page.evaluate(
                "(() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
            )
            assert style[0] == "solid" and style[1] >= RING_PX, (width, scheme, style)
        finally:
            context.close()


VISIBLE_TOOLTIPS = """() => [...document.querySelectorAll('.tooltip')]
    .filter(t => getComputedStyle(t).display !== 'none' && t.getBoundingClientRect().height > 0)
    .map(t => t.textContent)"""


def test_a_tap_leaves_no_tooltip_and_the_next_tap_works(browser, server, offline):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        offline(page)
        page.goto(f"{server}people.html")
        page.wait_for_load_state("load")
        sidebar = page.locator("dialog#pst-primary-sidebar-modal")
        # the menu button has a tooltip ("Toggle primary sidebar"); the theme shows it after
        # 500 ms of hover or focus, which a tap is both of
        page.locator("button.primary-toggle:visible").first.tap()
        page.wait_for_timeout(900)
        assert sidebar.evaluate("dialog => dialog.open")
        assert page.evaluate(VISIBLE_TOOLTIPS) == []
        # a tap beside the menu closes it, the first time
        box = sidebar.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] + 40, 500)
        page.wait_for_function("() => !document.querySelector('#pst-primary-sidebar-modal').open")
        assert page.evaluate(VISIBLE_TOOLTIPS) == []
        # the search button too
        page.locator("button.search-button:visible").first.tap()
        page.wait_for_timeout(900)
        assert page.evaluate(VISIBLE_TOOLTIPS) == []
    finally:
        context.close()


def test_a_year_is_one_tap_away_on_a_phone(browser, server, offline):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        offline(page)
        page.goto(f"{server}sessions/index.html")
        page.wait_for_load_state("load")
        link = page.locator("nav.seminar-jump a", has_text="2021")
        box = link.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44  # a target a thumb can hit
        link.tap()
        page.wait_for_url("**#year-2021")
        page.wait_for_function("() => window.scrollY > 0")
        top = page.evaluate("document.getElementById('year-2021').getBoundingClientRect().top")
        header = page.evaluate(
            "document.querySelector('.bd-header-article, header').getBoundingClientRect().bottom"
        )
        assert header <= top < 844 / 2, (header, top)
    finally:
        context.close()
