"""Nothing a page loads comes from another host: no fonts, icons, images or scripts from a CDN."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

KINDS = ["home", "sessions", "session", "topic", "people", "references", "search"]


@pytest.mark.parametrize("kind", KINDS)
def test_no_request_leaves_localhost(browser, server, page, site_pages, recorder, settle, kind):
    log = recorder(page)
    page.goto(f"{server}{site_pages[kind]}")
    settle(page)
    assert log.urls, "the recorder saw no request at all"
    assert not log.foreign(), (
        f"{site_pages[kind]} requested {len(log.foreign())} URL(s) outside 127.0.0.1: "
        + ", ".join(log.foreign()[:10])
    )
