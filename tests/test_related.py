"""A session page ends with its related sessions, and its header gives the start as a
machine-readable ``<time>`` for the reader's-time script.

tests/roots/test-related: an anchor session (4) that shares a paper with session 2,
its speaker with 5, both its topics with 7 and one topic with 1, 3 and 6 (1 is the
farthest away in time, 3 and 6 are equally far); session 8 shares nothing.
"""

from __future__ import annotations

import re

import pytest
from helpers import EPOCH, build_without_warnings, copied_root, soup

ANCHOR = "sessions/2021-03-09-anchor"
UNRELATED = "sessions/2021-05-04-unrelated"
EDITED = "sessions/2021-03-23-near-alpha-after.md"


def related_titles(page) -> list[str]:
    """The linked titles of a page's related sessions ([] if it has none)."""
    return [a.get_text() for a in page.select("section#related-sessions li a")]


@pytest.fixture
def related(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return app


@pytest.mark.sphinx("html", testroot="related")
def test_related_sessions_ranked_and_capped(related):
    page = soup(related.outdir / f"{ANCHOR}.html")
    # a paper (3) beats two topics beats a speaker (1) beats one topic; equally far
    # apart, the lower number first; five at most: the farthest of one topic is left out
    assert related_titles(page) == [
        "2. Same Paper",
        "7. Two Topics",
        "5. Same Speaker",
        "3. Near Alpha Before",
        "6. Near Alpha After",
    ]
    section = page.select_one("section#related-sessions")
    assert section.select_one("h2").get_text(strip=True).startswith("Related sessions")
    first = section.select_one("li")
    assert first.select_one(".seminar-date").get_text() == "16 Feb 2021"
    assert first.select_one("a")["href"] == "2021-02-16-paper.html"
    # after the page's own text, before the links to the previous and next session
    assert section.find_next(class_="seminar-session-nav") is not None
    # a search for a related session's title does not find this page
    assert "no-search" in section["class"]


@pytest.mark.sphinx("html", testroot="related")
def test_each_related_session_says_why(related):
    page = soup(related.outdir / f"{ANCHOR}.html")
    items = page.select("section#related-sessions li")
    why = {
        item.select_one("a").get_text(): item.select_one("p.seminar-related-why").get_text()
        for item in items
    }
    same_paper = why.pop("2. Same Paper")
    assert same_paper.startswith("1 paper in common")
    assert why == {
        "7. Two Topics": "Also about Alpha, Beta",
        "5. Same Speaker": "Also with Ann Anchor",
        "3. Near Alpha Before": "Also about Alpha",
        "6. Near Alpha After": "Also about Alpha",
    }
    # under the title, as a paragraph of its own
    for item in items:
        assert item.select_one("p.seminar-listing-item + p.seminar-related-why") is not None


@pytest.mark.sphinx("html", testroot="related", confoverrides={"language": "de"})
def test_the_reasons_in_german(related):
    page = soup(related.outdir / f"{ANCHOR}.html")
    reasons = [p.get_text() for p in page.select("p.seminar-related-why")]
    assert reasons[0].startswith("1 gemeinsamer Artikel")
    assert "Ebenfalls zu Alpha, Beta" in reasons
    assert "Ebenfalls mit Ann Anchor" in reasons


@pytest.mark.sphinx("html", testroot="related")
def test_no_related_section_when_nothing_is_shared(related):
    lonely = soup(related.outdir / f"{UNRELATED}.html")
    assert lonely.select_one("#related-sessions, .seminar-related") is None
    assert "Related sessions" not in lonely.get_text()
    for path in (related.outdir / "sessions").glob("2021-*.html"):
        assert "Unrelated" not in " ".join(related_titles(soup(path))), path.name


def test_a_new_shared_topic_rewrites_the_other_sessions_page(tmp_path, monkeypatch, make_app):
    srcdir = copied_root("related", tmp_path, monkeypatch)
    _, first = build_without_warnings(make_app, srcdir, tmp_path / "incremental")
    assert UNRELATED in first
    path = srcdir / EDITED
    text = path.read_text(encoding="utf-8")
    assert "topics: [alpha]" in text
    path.write_text(text.replace("topics: [alpha]", "topics: [alpha, delta]"), encoding="utf-8")

    app, written = build_without_warnings(make_app, srcdir, tmp_path / "incremental")
    # the unrelated session's own source did not change; its related list did
    assert UNRELATED in written
    after = soup(app.outdir / f"{UNRELATED}.html")
    assert related_titles(after) == ["6. Near Alpha After"]
    clean, _ = build_without_warnings(make_app, srcdir, tmp_path / "clean")
    for docname in (UNRELATED, ANCHOR):
        made, expected = (soup(out / f"{docname}.html") for out in (app.outdir, clean.outdir))
        assert str(made.select_one("div.body")) == str(expected.select_one("div.body")), docname


@pytest.mark.sphinx("text", testroot="related")
def test_other_builders_get_the_time_and_related_sessions_as_text(related):
    page = (related.outdir / f"{ANCHOR}.txt").read_text(encoding="utf-8")
    assert "Session 4** · Tuesday, 9 March 2021, 15:00–16:30 CET (UTC+01:00)\n" in page
    assert "Related sessions" in page
    assert "16 Feb 2021 · 2. Same Paper" in page
    assert "<time" not in page


# -- the real site -----------------------------------------------------------------------


def test_the_2023_l96_session_points_back_to_the_2020_l96_sessions(site):
    page = soup(site / "sessions/2023-01-17-uncertainty-and-memory.html")
    links = [a["href"] for a in page.select("section#related-sessions li a")]
    assert 1 <= len(links) <= 5
    # Minimalist Chaos shares two topics and comes first
    assert links[0] == "2020-05-19-minimalist-chaos.html"
    assert "2020-11-03-baking-a-model-from-scratch.html" in links
    assert "2023-01-17-uncertainty-and-memory.html" not in links


@pytest.mark.parametrize(
    ("page", "start"),
    [
        ("2023-01-17-uncertainty-and-memory", "2023-01-17T15:00:00+01:00"),  # CET
        ("2020-05-05-real-fake-clouds", "2020-05-05T15:00:00+02:00"),  # CEST
        ("2020-03-24-hidden-fluid-mechanics", "2020-03-24T15:00:00+01:00"),  # days before CEST
        ("2021-11-16-one-column-many-steps", "2021-11-16T15:30:00+01:00"),  # its own start
    ],
)
def test_the_header_gives_the_start_with_its_utc_offset(site, page, start):
    html = soup(site / f"sessions/{page}.html")
    when = html.select_one(".seminar-session-header .seminar-when")
    time = when.select_one("time.seminar-time")
    assert time["datetime"] == start
    offset = start[-6:]
    assert time.get_text().endswith(f"(UTC{offset})")
    # the number is plain text beside it, not a link
    assert when.select_one("strong").find_parent("a") is None
    script = html.find("script", src=re.compile(r"seminar-time\.js"))
    assert script is not None and script.has_attr("defer")
    assert script["data-phrase"] == "{time} in your time zone ({zone})"


def test_the_time_script_is_on_session_pages_only(site):
    for page in ("index.html", "sessions/index.html", "people.html", "topics/l96.html"):
        assert not soup(site / page).find("script", src=re.compile(r"seminar-time\.js")), page
    assert (site / "_static" / "seminar-time.js").is_file()


@pytest.mark.sphinx("html", testroot="denver")
def test_a_german_site_in_denver_time(related):
    winter = soup(related.outdir / "sessions/2026-01-13-winter.html")
    summer = soup(related.outdir / "sessions/2026-07-14-summer.html")
    assert winter.select_one("time.seminar-time")["datetime"] == "2026-01-13T12:30:00-07:00"
    assert summer.select_one("time.seminar-time")["datetime"] == "2026-07-14T12:30:00-06:00"
    script = winter.find("script", src=re.compile(r"seminar-time\.js"))
    assert script["data-phrase"] == "{time} in Ihrer Zeitzone ({zone})"
    heading = winter.select_one("section#related-sessions h2").get_text(strip=True)
    assert heading.startswith("Verwandte Sitzungen")
    assert related_titles(winter) == ["2. Aufmerksamkeit im Sommer"]
