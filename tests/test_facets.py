"""Facets on the list of all sessions, links to filtered views, and what each listed
session was about (tests/roots/test-basic: three sessions, two topics, two years;
session 1 has a summary, session 2 only papers, session 3 neither)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import build_without_warnings, copied_root, soup

FLUIDS = "2020-03-24-fluids.html"
CLOUDS = "2020-07-14-clouds.html"
FUTURE = "2030-01-08-future.html"
SUMMARY_1 = "Physics-informed networks learn flows."
# session 2 has no summary: the title of the first paper it cites
MAIN_PAPER_2 = "Main paper: Deep learning to represent subgrid processes in climate models"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """test-basic as HTML, built once for the module (2026-11-14: session 3 upcoming)."""
    tmp = tmp_path_factory.mktemp("facets")
    monkeypatch = pytest.MonkeyPatch()
    try:
        srcdir = copied_root("basic", tmp, monkeypatch)
        from sphinx.testing.util import SphinxTestApp

        app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp / "out")
        try:
            app.build()
            assert app.statuscode == 0, app.warning.getvalue()
            assert app.warning.getvalue() == ""
        finally:
            app.cleanup()
    finally:
        monkeypatch.undo()
    return tmp / "out" / "html"


def listed(html) -> dict[str, dict[str, str]]:
    """href of each listed session -> its facet attributes."""
    return {
        li.select_one("a.seminar-title")["href"]: {
            name: value for name, value in li.attrs.items() if name.startswith("data-seminar-")
        }
        for li in html.select("ul.seminar-listing > li")
    }


def test_each_listed_session_carries_its_facets(built):
    html = soup(built / "sessions" / "index.html")
    assert listed(html) == {
        FUTURE: {
            "data-seminar-topics": "clouds",
            "data-seminar-year": "2030",
            "data-seminar-speakers": "",
            "data-seminar-recorded": "false",
            # its own calendar, next to its page; it cites no paper: no .bib
            "data-seminar-ics": "2030-01-08-future.ics",
        },
        CLOUDS: {
            "data-seminar-topics": "clouds fluids",
            "data-seminar-year": "2020",
            "data-seminar-speakers": "linda-von-garderen tobias-weigel",
            "data-seminar-recorded": "false",
            "data-seminar-ics": "2020-07-14-clouds.ics",
            "data-seminar-bib": "../bib/sessions/2020-07-14-clouds.bib",
        },
        FLUIDS: {
            "data-seminar-topics": "fluids",
            "data-seminar-year": "2020",
            "data-seminar-speakers": "tobias-weigel",
            "data-seminar-recorded": "true",
            "data-seminar-ics": "2020-03-24-fluids.ics",
            "data-seminar-bib": "../bib/sessions/2020-03-24-fluids.bib",
        },
    }
    # each file is there, where the attribute says
    for attributes in listed(html).values():
        for name in ("data-seminar-ics", "data-seminar-bib"):
            if name in attributes:
                assert (built / "sessions" / attributes[name]).is_file()
    # year headings the script can hide, each right before its year's list
    for year in ("2030", "2020"):
        heading = html.select_one(f"#year-{year}")
        assert "seminar-year" in heading["class"]
        assert heading.find_next_sibling()["class"] == ["seminar-listing"]


def test_speaker_ids_are_the_people_page_anchors(built):
    people = soup(built / "people.html")
    anchors = {p["id"] for p in people.select(".seminar-person")}
    html = soup(built / "sessions" / "index.html")
    speakers = {
        speaker
        for li in html.select("li[data-seminar-speakers]")
        for speaker in li["data-seminar-speakers"].split()
    }
    assert speakers == anchors == {"linda-von-garderen", "tobias-weigel"}


def test_the_filter_form_is_labelled_hidden_until_javascript_and_announces_the_count(built):
    html = soup(built / "sessions" / "index.html")
    (box,) = html.select(".seminar-facets")
    assert box.has_attr("hidden")  # shown by the script only: no dead form without it
    form = box.select_one("form")
    assert form["aria-label"] == "Filter the sessions"
    options = {
        select["name"]: [(o["value"], o.get_text()) for o in select.select("option")]
        for select in form.select("select")
    }
    assert options == {
        # topic labels are the topic pages' titles, by title
        "topic": [
            ("", "All topics"),
            ("clouds", "Clouds and convection"),
            ("fluids", "Fluid dynamics"),
        ],
        "year": [("", "All years"), ("2030", "2030"), ("2020", "2020")],
        # speakers by surname, named as the sessions name them
        "speaker": [
            ("", "All speakers"),
            ("linda-von-garderen", "Linda von Garderen"),
            ("tobias-weigel", "Tobias Weigel"),
        ],
    }
    for control in form.select("select, input"):
        label = form.select_one(f'label[for="{control["id"]}"]')
        assert label is not None and label.get_text().strip(), control
    checkbox = form.select_one("input[type=checkbox]")
    assert (checkbox["name"], checkbox["value"]) == ("recorded", "1")
    assert form.select_one('label[for="seminar-facet-recorded"]').get_text() == "Recorded only"
    reset = form.select_one("button.seminar-facet-reset")
    assert (reset["type"], reset.get_text()) == ("button", "Show all sessions")
    status = box.select_one(".seminar-facet-status")
    assert (status["role"], status["aria-live"]) == ("status", "polite")
    assert status.select_one(".seminar-facet-empty").has_attr("hidden")
    assert status.select_one(".seminar-facet-empty a")["href"] == "index.html"
    # the count of any result, in the site's language, and what an empty result says
    counts = json.loads(box["data-counts"])
    assert counts == {"one": "{count} session", "other": "{count} sessions"}
    messages = json.loads(box["data-empty"])
    assert messages["topic"] == "No session matches topic “{value}”."
    assert set(messages) == {"topic", "year", "speaker", "all"}


def test_the_script_is_only_on_the_page_with_the_form(built):
    assert (built / "_static" / "seminar-facets.js").is_file()
    pages = {
        "sessions/index.html": True,
        "index.html": False,
        "people.html": False,
        "topics/clouds.html": False,
        f"sessions/{FLUIDS}": False,
    }
    for name, has_form in pages.items():
        html = soup(built / name)
        scripts = [s["src"] for s in html.select("script[src]") if "seminar-facets.js" in s["src"]]
        assert bool(scripts) == has_form, name
        assert bool(html.select(".seminar-facets")) == has_form, name
        if scripts:
            assert html.select_one('script[src*="seminar-facets.js"]').has_attr("defer")


def about(li) -> str | None:
    para = li.select_one("p.seminar-summary")
    return para.get_text() if para else None


@pytest.mark.parametrize(
    ("page", "selector"),
    [
        ("sessions/index.html", "ul.seminar-listing > li"),
        ("topics/fluids.html", "#sessions-on-this-topic ul.seminar-listing > li"),
        ("topics/clouds.html", "#sessions-on-this-topic ul.seminar-listing > li"),
        ("people.html", "ul.seminar-listing > li"),
        ("index.html", "ul.seminar-listing > li"),  # the latest sessions
    ],
)
def test_every_listing_says_what_each_session_was_about(built, page, selector):
    items = soup(built / page).select(selector)
    assert items
    expected = {FLUIDS: SUMMARY_1, CLOUDS: MAIN_PAPER_2, FUTURE: None}
    for li in items:
        href = li.select_one("a")["href"].rsplit("/", 1)[-1]
        assert about(li) == expected[href], (page, href)
        # one paragraph, below the title line
        if about(li):
            assert li.select_one("p.seminar-summary").find_previous_sibling("p") is not None


def test_the_next_session_card_says_what_it_is_about_when_it_can(built):
    card = soup(built / "index.html").select_one(".seminar-next-session")
    assert "A Winter Session" in card.get_text()
    assert card.select("p.seminar-summary") == []  # no summary, no papers: nothing made up


def test_recorded_badges_link_to_the_recorded_sessions(built):
    for page, href in {
        "sessions/index.html": "index.html?recorded=1",
        "index.html": "sessions/index.html?recorded=1",
        "topics/fluids.html": "../sessions/index.html?recorded=1",
    }.items():
        badges = soup(built / page).select(".seminar-recorded")
        assert badges, page
        for badge in badges:
            assert (badge.name, badge["href"], badge.get_text()) == ("a", href, "recorded")


def test_topic_pages_link_to_their_sessions_in_the_session_list(built):
    link = soup(built / "topics" / "clouds.html").select_one(
        "#sessions-on-this-topic .seminar-filter-link a"
    )
    assert (link["href"], link.get_text()) == (
        "../sessions/index.html?topic=clouds",
        "These sessions in the session list",
    )


@pytest.mark.parametrize("builder", ["text", "man", "latex", "singlehtml", "dirhtml"])
def test_other_builders_get_the_plain_list(builder, tmp_path, make_app, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out", builder=builder)
    out = Path(app.outdir)
    if builder == "dirhtml":  # pages are folders: the filters still work
        html = soup(out / "sessions" / "index.html")
        assert html.select(".seminar-facets")
        assert html.select_one(".seminar-recorded")["href"] == "./?recorded=1"
        assert html.select_one(".seminar-facet-empty a")["href"] == "./"
        return
    if builder == "singlehtml":  # one page: no addresses with filters
        html = soup(out / "index.html")
        assert html.select(".seminar-facets") == []
        assert html.select("[data-seminar-year]") == []
        assert html.select_one(".seminar-recorded").name == "span"
        assert not (out / "_static" / "seminar-facets.js").exists()
        assert SUMMARY_1 in html.get_text() and MAIN_PAPER_2 in html.get_text()
        return
    text = "\n".join(
        path.read_text(encoding="utf-8") for path in out.rglob("*") if path.is_file()
        if path.suffix in {".txt", ".tex", ".1"}
    )  # fmt: skip
    assert "networks learn flows." in text  # man and LaTeX write the hyphen before it their way
    assert "Main paper: Deep learning to represent subgrid processes" in text
    assert "Recorded only" not in text and "All topics" not in text


def test_a_german_site_counts_and_labels_in_german(tmp_path, make_app, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out", language="de")
    box = soup(Path(app.outdir) / "sessions" / "index.html").select_one(".seminar-facets")
    assert json.loads(box["data-counts"]) == {
        "one": "{count} Sitzung",
        "other": "{count} Sitzungen",
    }
    assert (
        box.select_one('label[for="seminar-facet-recorded"]').get_text() == "Nur mit Aufzeichnung"
    )
    assert box.select_one("button").get_text() == "Alle Sitzungen zeigen"
    assert json.loads(box["data-empty"])["topic"] == "Keine Sitzung zum Thema „{value}“."


# -- incremental builds: a changed summary reaches every page that lists the session ----

LISTING_PAGES = {"index", "sessions/index", "people", "topics/fluids"}


def rebuild(make_app, srcdir: Path, outdir: Path) -> set[str]:
    app = make_app("html", srcdir=srcdir, builddir=outdir)
    written: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    app.cleanup()
    return set(written)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_changed_summary_rewrites_the_pages_that_list_the_session(
    tmp_path, make_app, monkeypatch
):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    out = tmp_path / "out"
    build_without_warnings(make_app, srcdir, out)
    edit(srcdir / "sessions" / "2020-03-24-fluids.md", SUMMARY_1, "Networks that see hidden flows.")
    written = rebuild(make_app, srcdir, out)
    assert written >= LISTING_PAGES
    for page in LISTING_PAGES:
        text = soup(out / "html" / f"{page}.html").get_text()
        assert "Networks that see hidden flows." in text and SUMMARY_1 not in text, page


def test_a_changed_main_paper_rewrites_the_pages_that_list_the_session(
    tmp_path, make_app, monkeypatch
):
    """Session 2 has no summary: its listings follow its first paper and that paper's title."""
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    out = tmp_path / "out"
    build_without_warnings(make_app, srcdir, out)
    edit(
        srcdir / "refs.bib",
        "Deep learning to represent subgrid",
        "Deep learning to represent hidden",
    )
    written = rebuild(make_app, srcdir, out)
    assert written >= {"index", "sessions/index", "people", "topics/clouds", "topics/fluids"}
    expected = "Main paper: Deep learning to represent hidden processes in climate models"
    assert expected in soup(out / "html" / "sessions" / "index.html").get_text()

    # another first paper: the session page itself changed, its listings follow
    edit(
        srcdir / "sessions" / "2020-07-14-clouds.md",
        "after {cite:t}`rasp2018deep`",
        "after {cite:t}`raissi2020hidden`",
    )
    rebuild(make_app, srcdir, out)
    for page in ("sessions/index", "people", "topics/clouds"):
        text = soup(out / "html" / f"{page}.html").get_text()
        assert "Main paper: Hidden fluid mechanics: Learning velocity" in text, page
