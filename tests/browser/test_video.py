"""The recording loads from YouTube only when the reader asks for it, by mouse or keyboard.

The player's contract: a ``button.seminar-video-play[data-youtube-id]`` inside
``.seminar-video``; activating it replaces the button by an iframe of
``https://www.youtube-nocookie.com/embed/<id>?autoplay=1...`` that takes the focus.
Every request off 127.0.0.1 is aborted here, so the test needs no network.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

YOUTUBE = re.compile(r"youtube|ytimg|googlevideo|ggpht", re.IGNORECASE)
PLAY = ".seminar-video button.seminar-video-play[data-youtube-id]"
IFRAME = ".seminar-video iframe"
MAX_TABS = 300


def tab_to(page, selector: str) -> int:
    """Press Tab until ``selector`` has the focus; return the number of presses."""
    page.locator("body").focus()
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement?.matches(sel) ?? false", selector):
            return presses
    raise AssertionError(f"{selector} never got the focus in {MAX_TABS} presses of Tab")


@pytest.mark.parametrize("activate", ["click", "Enter", "Space"])
def test_video_loads_on_demand(
    browser, server, page, site_pages, recorder, offline, settle, activate
):
    blocked = offline(page)
    log = recorder(page)
    page.goto(f"{server}{site_pages['session']}")
    settle(page)

    assert not [url for url in log.urls if YOUTUBE.search(url)], (
        "requests to YouTube before the reader pressed play: "
        + ", ".join(url for url in log.urls if YOUTUBE.search(url))
    )
    assert page.locator(IFRAME).count() == 0, "the iframe is on the page before the click"
    button = page.locator(PLAY)
    assert button.count() == 1, f"{site_pages['session']} has {button.count()} {PLAY}"
    video_id = button.get_attribute("data-youtube-id")
    assert video_id and re.fullmatch(r"[\w-]{6,}", video_id), video_id
    assert button.is_visible() and button.is_enabled()
    assert (button.get_attribute("tabindex") or "0") != "-1", "the play button is out of tab order"
    assert button.inner_text().strip() or button.get_attribute("aria-label"), (
        "the play button has no accessible name"
    )

    tab_to(page, PLAY)
    if activate == "click":
        button.click()
    else:  # the focused button, activated from the keyboard
        page.keyboard.press(activate)

    iframe = page.locator(IFRAME)
    iframe.wait_for(state="attached")
    src = iframe.get_attribute("src") or ""
    assert src.startswith(f"https://www.youtube-nocookie.com/embed/{video_id}"), src
    assert re.search(r"[?&]autoplay=1(&|$)", src), src
    assert page.locator(PLAY).count() == 0, "the play button is still there next to the iframe"
    assert (iframe.get_attribute("title") or "").strip(), "the player iframe has no title"
    # named in the site's language, by the script's data-recording-label (English here)
    assert (iframe.get_attribute("title") or "").startswith("Recording: "), iframe.get_attribute(
        "title"
    )
    page.wait_for_function(
        "sel => document.activeElement === document.querySelector(sel)", arg=IFRAME, timeout=5_000
    )
    # the only request off the machine is the player itself (aborted here)
    assert all("youtube-nocookie.com" in url for url in blocked), blocked
