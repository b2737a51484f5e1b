"""Small things a reader notices (issue 21, item 8), each measured in Chromium on a
390 px phone and a 1440 px desktop, in light and dark: the search field's icon, the
filter panel, "Show all sessions", the rule under a year, the topic badges, the header."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SESSIONS = "sessions/index.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1440, "height": 900}}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
#: the selects' own padding and drop-down arrow, beside the chosen option's text
ARROW_PX = 20


@pytest.fixture(params=[(size, scheme) for size in SIZES for scheme in ("light", "dark")])
def view(request, browser):
    size, scheme = request.param
    context = browser.new_context(**SIZES[size], color_scheme=scheme)
    page = context.new_page()
    page.size = size
    yield page
    context.close()


def test_the_search_icon_leaves_the_placeholder_free(view, server):
    for path in ("index.html", "people.html", SESSIONS):
        view.goto(f"{server}{path}", wait_until="load")
        view.locator("button.search-button__button:visible").first.click()
        field = view.locator("dialog[open] form.bd-search input[type=search]")
        field.wait_for(state="visible")
        clash = view.evaluate(
            """(input) => {
              const icon = input.parentElement.querySelector(".fa-magnifying-glass");
              const text = input.getBoundingClientRect().left
                + parseFloat(getComputedStyle(input).paddingLeft);
              return icon.getBoundingClientRect().right - text;
            }""",
            field.element_handle(),
        )
        assert clash <= 0, f"{path}: the magnifier covers {clash:.1f} px of the placeholder"


def option_overflow(page, chosen_only: bool) -> dict[str, float]:
    """Per select: by how many px its widest option (or the chosen one) is cut."""
    return page.evaluate(
        """([chosenOnly, arrow]) => {
          const canvas = document.createElement("canvas").getContext("2d");
          const cut = {};
          for (const select of document.querySelectorAll(".seminar-facet select")) {
            const style = getComputedStyle(select);
            canvas.font = `${style.fontSize} ${style.fontFamily}`;
            const room = select.clientWidth - parseFloat(style.paddingLeft)
              - parseFloat(style.paddingRight) - arrow;
            const options = chosenOnly ? [select.selectedOptions[0]] : [...select.options];
            for (const option of options) {
              const over = canvas.measureText(option.text).width - room;
              if (over > 0) cut[option.text] = over;
            }
          }
          return cut;
        }""",
        [chosen_only, ARROW_PX],
    )


def test_the_filter_panel_is_compact_and_even(view, server):
    view.goto(f"{server}{SESSIONS}", wait_until="load")
    panel = view.locator(".seminar-facets")
    panel.wait_for(state="visible")
    boxes = {
        name: view.locator(f".seminar-facet select[name={name}]").bounding_box()
        for name in ("topic", "year", "speaker")
    }
    # topic and speaker, the long names, in the same (wide) column; the year beside
    assert boxes["topic"]["x"] == boxes["speaker"]["x"] == boxes["year"]["x"] or (
        boxes["topic"]["x"] == boxes["speaker"]["x"] and boxes["year"]["x"] > boxes["topic"]["x"]
    )
    assert boxes["topic"]["width"] == boxes["speaker"]["width"]
    if view.size == "phone":
        assert panel.bounding_box()["height"] <= 230
    else:
        assert panel.bounding_box()["height"] <= 180
        assert option_overflow(view, chosen_only=False) == {}
    # the topic the issue saw cut, chosen, shows whole
    view.goto(f"{server}{SESSIONS}?topic=gans", wait_until="load")
    assert option_overflow(view, chosen_only=True) == {}


def test_a_phone_does_not_zoom_into_a_field(view, server):
    """iOS zooms the page into a focused field whose text is under 16 px."""
    sizes = {}
    for path in (SESSIONS, "search.html"):
        view.goto(f"{server}{path}", wait_until="load")
        view.locator(".seminar-facets, .seminar-search-query").first.wait_for(state="visible")
        sizes.update(
            view.eval_on_selector_all(
                ".seminar-facet select, .seminar-facet-check input, .seminar-search-query input",
                """fields => Object.fromEntries(fields.map(field =>
                     [field.name || field.type, parseFloat(getComputedStyle(field).fontSize)]))""",
            )
        )
    assert set(sizes) >= {"topic", "year", "speaker", "recorded"}
    if view.size == "phone":
        assert min(sizes.values()) >= 16, sizes


def test_the_subscription_line_names_the_chosen_topic_in_full(view, server):
    # the longest name, which a phone's closed field cuts
    view.goto(f"{server}{SESSIONS}?topic=convlstm", wait_until="load")
    line = view.locator(".seminar-facet-subscribe")
    line.wait_for(state="visible")
    name = "Convolutional-recurrent networks (ConvLSTM)"
    assert line.inner_text().startswith(f"Subscribe to {name}: calendar (webcal)")
    if view.size == "phone":
        assert option_overflow(view, chosen_only=True) != {}  # why the line names it
    # another topic chosen in the form: the line follows
    view.locator(".seminar-facet select[name=topic]").select_option("gans")
    assert line.inner_text().startswith("Subscribe to Generative adversarial networks (GANs): ")


def test_show_all_sessions_only_when_something_is_filtered(view, server):
    view.goto(f"{server}{SESSIONS}", wait_until="load")
    reset = view.locator("button.seminar-facet-reset")
    view.locator(".seminar-facets").wait_for(state="visible")
    assert reset.is_hidden()
    view.select_option("#seminar-facet-topic", "gans")
    assert reset.is_visible()
    reset.click()
    assert reset.is_hidden()
    view.check("#seminar-facet-recorded")
    assert reset.is_visible()


def test_one_rule_under_a_year_after_filtering(view, server):
    view.goto(f"{server}{SESSIONS}?topic=gans", wait_until="load")
    view.locator(".seminar-facets").wait_for(state="visible")
    rules = view.evaluate(
        """() => [...document.querySelectorAll("ul.seminar-listing:not([hidden])")].map(
             (list) => getComputedStyle(list.querySelector("li:not([hidden])")).borderTopWidth)"""
    )
    assert len(rules) >= 2
    assert set(rules) == {"0px"}


def test_topic_badges_are_lighter_than_the_titles(view, server):
    view.goto(f"{server}{SESSIONS}", wait_until="load")
    badge, title = (
        view.locator(selector).first.evaluate(
            """(node) => { const style = getComputedStyle(node);
                 return [Number(style.fontWeight), style.backgroundColor]; }"""
        )
        for selector in ("a.seminar-topic", ".seminar-title strong")
    )
    assert badge[0] < title[0]
    assert badge[1] == "rgba(0, 0, 0, 0)"  # outlined, not a solid pill


def test_the_site_name_once_in_the_desktop_header(view, server):
    view.goto(f"{server}people.html", wait_until="load")
    names = view.evaluate(
        """() => [...document.querySelectorAll("a")].filter((a) =>
             a.textContent.trim() === "ML@HZG seminar" && a.getClientRects().length
             && getComputedStyle(a).visibility !== "hidden").map((a) =>
             a.closest("header") ? "header" : a.closest(".bd-sidebar-primary") ? "menu" : "?")"""
    )
    if view.size == "desktop":
        assert names == ["header"]
    else:  # the phone's menu names the site; the header bar stays thin
        assert "header" not in names


def test_the_people_page_says_how_often_each_presented_beside_the_name(view, server):
    view.goto(f"{server}people.html", wait_until="load")
    person = view.locator("h3.seminar-person").first
    count = person.locator(".seminar-count")
    assert count.inner_text() in {"1 session"} or count.inner_text().endswith(" sessions")
    name, badge = person.bounding_box(), count.bounding_box()
    # on the name's line, a small label (not a bar across the page)
    assert badge["y"] < name["y"] + name["height"] / 2 < badge["y"] + badge["height"]
    assert badge["width"] < 120
