"""No page of the site scrolls sideways on a 390 px phone (long words in titles,
long addresses in text, BibTeX records and filter forms included)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_no_page_is_wider_than_a_phone(browser, server, site):
    pages = sorted(
        str(path.relative_to(site))
        for path in site.rglob("*.html")
        if not path.relative_to(site).parts[0].startswith(("_", "pagefind"))
    )
    assert len(pages) > 100
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        wide = {}
        for name in pages:
            page.goto(f"{server}{name}", wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["viewport"]["width"]:
                wide[name] = width
    finally:
        context.close()
    assert wide == {}, f"pages wider than the phone's 390 px: {wide}"
