"""axe-core finds no serious or critical WCAG 2.1 A/AA problem, in the light and the dark theme."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
BLOCKING = {"serious", "critical"}
KINDS = ["home", "session", "topic", "people", "references", "search"]
SHOWN_NODES = 4


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def describe(violation: dict) -> str:
    """'rule (impact): help' and the first few offending nodes with their selector and html."""
    lines = [
        f"- {violation['id']} ({violation['impact']}): {violation['help']}"
        f" [{len(violation['nodes'])} node(s)] {violation.get('helpUrl', '')}"
    ]
    for node in violation["nodes"][:SHOWN_NODES]:
        target = " ".join(str(part) for part in node["target"])
        html = " ".join(node.get("html", "").split())[:240]
        checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
        why = "; ".join(check["message"] for check in checks if check.get("message"))[:300]
        lines.append(f"    {target}\n      {html}\n      {why}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_violation(browser, server, site_pages, settle, axe, kind, scheme):
    # the theme's default mode is "auto": it follows the reader's prefers-color-scheme
    context = browser.new_context(
        color_scheme=scheme, reduced_motion="reduce", viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(f"{server}{site_pages[kind]}")
        settle(page)
        theme = page.evaluate("document.documentElement.dataset.theme")
        assert theme == scheme, f"<html data-theme={theme!r}> with prefers-color-scheme: {scheme}"
        results = axe.run(page, options=AXE_OPTIONS)
    finally:
        context.close()
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    assert not blocking, (
        f"{site_pages[kind]} ({scheme}): {len(blocking)} serious/critical axe violation(s):\n"
        + "\n".join(describe(v) for v in blocking)
    )
