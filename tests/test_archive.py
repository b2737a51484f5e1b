"""The session model on a small archive (tests/roots/test-basic): header, listings,
topics, people, references with "discussed in" links, structured data."""

from __future__ import annotations

import json

import pytest
from helpers import soup

# 2026-11-14: sessions 1 and 2 (2020) are past, session 3 (2030) is upcoming
BEFORE_SESSION_3 = "1763100000"
# 2031-01-01: every session is past
AFTER_ALL = "1924992000"


@pytest.fixture
def built(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_SESSION_3)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return app


def page(app, name):
    return soup(app.outdir / name)


@pytest.mark.sphinx("html", testroot="basic")
def test_session_header(built):
    html = page(built, "sessions/2020-03-24-fluids.html")
    header = html.select_one(".seminar-session-header")
    assert header is not None
    # the header comes right after the page title
    assert html.select_one("h1").find_next_sibling() is header
    when = header.select_one(".seminar-when").get_text()
    assert "Session 1" in when
    assert "Tuesday, 24 March 2020, 15:00–16:30 CET (UTC+01:00)" in when
    speakers = header.select(".seminar-speakers a")
    assert [(a.get_text(), a["href"]) for a in speakers] == [
        ("Tobias Weigel", "../people.html#tobias-weigel")
    ]
    badges = header.select(".seminar-topics a.seminar-badge.seminar-topic")
    assert [(a.get_text(), a["href"]) for a in badges] == [
        ("Fluid dynamics", "../topics/fluids.html")
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_summer_session_is_utc_plus_two(built):
    when = page(built, "sessions/2020-07-14-clouds.html").select_one(".seminar-when").get_text()
    assert "Tuesday, 14 July 2020, 15:00–16:30 CEST (UTC+02:00)" in when


@pytest.mark.sphinx("html", testroot="basic")
def test_prev_next_links_follow_dates(built):
    nav = page(built, "sessions/2020-07-14-clouds.html").select_one(".seminar-session-nav")
    links = {p["class"][0]: p.a["href"] for p in nav.select("p")}
    assert links == {
        "seminar-prev": "2020-03-24-fluids.html",
        "seminar-next": "2030-01-08-future.html",
    }
    first = page(built, "sessions/2020-03-24-fluids.html").select_one(".seminar-session-nav")
    assert first.select_one(".seminar-prev") is None


@pytest.mark.sphinx("html", testroot="basic")
def test_sphinx_own_search_index_gets_no_words(built):
    """Pagefind is the search (tests/test_search.py): Sphinx's index, which no page
    loads, is left empty through the pages' ``nosearch`` metadata, so no build
    spends time stemming their words."""
    text = (built.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    assert "sessions/2020-03-24-fluids" in index["docnames"]
    assert index["terms"] == {}
    assert "fluid" not in index["titleterms"]
    assert (built.outdir / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.sphinx("html", testroot="basic")
def test_session_references_listed_and_linked(built):
    html = page(built, "sessions/2020-03-24-fluids.html")
    entries = html.select("#references li")
    assert [li["id"] for li in entries] == ["ref-raissi2019physics", "ref-raissi2020hidden"]
    assert entries[1].find("a", href="https://doi.org/10.1126/science.aaw4741")
    # in-text citations jump to the page's own list
    cites = [a["href"] for a in html.select(".bibtex-citation a")]
    assert cites == ["#ref-raissi2020hidden", "#ref-raissi2019physics"]
    # and each entry links to the references page
    back = entries[0].select_one("a.seminar-discussed-link")["href"]
    assert back.startswith("../references.html#")


@pytest.mark.sphinx("html", testroot="basic")
def test_references_page_discussed_in(built):
    html = page(built, "references.html")
    citations = html.select("div.citation")
    texts = [" ".join(c.p.get_text().split()) for c in citations]
    # sorted by author, then year: Raissi 2019, Raissi 2020, Rasp 2018
    assert [t.split(".")[0] for t in texts] == [
        "Maziar Raissi, Paris Perdikaris, and George Em Karniadakis",
        "Maziar Raissi, Alireza Yazdani, and George Em Karniadakis",
        "Stephan Rasp, Michael S",
    ]
    # the uncited entry of refs.bib is not listed
    assert "MetNet" not in html.get_text()
    discussed = citations[0].select_one(".seminar-discussed-in")
    assert [a["href"] for a in discussed.select("a")] == [
        "sessions/2020-03-24-fluids.html",
        "sessions/2020-07-14-clouds.html",
    ]
    record = citations[0].select_one("details.seminar-bibtex pre").get_text()
    assert record.startswith("@article{raissi2019physics,")
    assert 'doi = "10.1016/j.jcp.2018.10.045"' in record
    # the per-session "all sessions on this paper" link lands on the entry
    link = page(built, "sessions/2020-03-24-fluids.html").select_one(
        "#ref-raissi2019physics a.seminar-discussed-link"
    )["href"]
    assert html.find(id=link.partition("#")[2]) is citations[0]


@pytest.mark.sphinx("html", testroot="basic")
def test_sessions_listing_newest_first_by_year(built):
    html = page(built, "sessions/index.html")
    years = [r.get_text() for r in html.select("h2.seminar-year")]
    assert years == ["2030", "2020"]
    titles = [a.get_text() for a in html.select(".seminar-listing .seminar-title")]
    assert titles == ["3. A Winter Session", "2. Little Black Cloud", "1. Hidden Fluid Mechanics"]
    item = html.select(".seminar-listing-item")[2]
    assert item.select_one(".seminar-date").get_text() == "24 Mar 2020"
    assert [a.get_text() for a in item.select(".seminar-speakers a")] == ["Tobias Weigel"]
    assert [a.get_text() for a in item.select("a.seminar-topic")] == ["Fluid dynamics"]


@pytest.mark.sphinx("html", testroot="basic")
def test_home_shows_next_and_recent(built):
    html = page(built, "index.html")
    upcoming = html.select_one(".seminar-next-session .seminar-title")
    assert upcoming.get_text() == "3. A Winter Session"
    recent = [a.get_text() for a in html.select("#latest-sessions .seminar-title")]
    assert recent == ["2. Little Black Cloud", "1. Hidden Fluid Mechanics"]


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic-after-all")
def test_home_after_the_last_session(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_ALL)
    app.build()
    html = page(app, "index.html")
    assert html.select_one(".seminar-next-session") is None
    assert "No session is announced yet" in html.select_one("#next-session").get_text()
    recent = [a.get_text() for a in html.select("#latest-sessions .seminar-title")]
    assert recent == ["3. A Winter Session", "2. Little Black Cloud"]


@pytest.mark.sphinx("html", testroot="basic")
def test_topic_pages_list_their_sessions(built):
    clouds = page(built, "topics/clouds.html")
    titles = [a.get_text() for a in clouds.select("#sessions-on-this-topic .seminar-title")]
    assert titles == ["3. A Winter Session", "2. Little Black Cloud"]
    # each entry names the other topics only: the page's own is its title
    badges = [a["href"] for a in clouds.select("#sessions-on-this-topic a.seminar-topic")]
    assert badges == ["fluids.html"]
    index = page(built, "topics/index.html")
    rows = [li.get_text(" ", strip=True) for li in index.select(".seminar-topic-index li")]
    # each topic with its count, then its subscriptions (tests/test_topic_subscriptions.py)
    assert rows == [
        f"{topic} 2 sessions calendar (webcal) · download .ics · Atom feed"
        for topic in ("Clouds and convection", "Fluid dynamics")
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_people_page(built):
    html = page(built, "people.html")
    people = [r.find(string=True).strip() for r in html.select("h3.seminar-person")]
    assert people == ["Linda von Garderen", "Tobias Weigel"]  # by surname: Garderen, Weigel
    # how often each presented, beside the name
    counts = [r.select_one(".seminar-count").get_text() for r in html.select("h3.seminar-person")]
    assert counts == ["1 session", "2 sessions"]
    weigel = html.find(id="tobias-weigel").find_next_sibling("ul")
    assert [a.get_text() for a in weigel.select("a")] == [
        "1. Hidden Fluid Mechanics",
        "2. Little Black Cloud",
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_event_json_ld(built):
    html = page(built, "sessions/2020-03-24-fluids.html")
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["name"] == "ML@HZG seminar 1: Hidden Fluid Mechanics"
    assert data["startDate"] == "2020-03-24T15:00:00+01:00"
    assert data["endDate"] == "2020-03-24T16:30:00+01:00"
    # the series' defaults: met in person (test-history covers streamed and online series)
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == [{"@type": "Place", "name": "Helmholtz-Zentrum Geesthacht (HZG)"}]
    assert data["performer"] == [{"@type": "Person", "name": "Tobias Weigel"}]
    assert [topic["identifier"] for topic in data["about"]] == ["fluids"]
    assert data["recordedIn"]["url"] == "https://www.youtube.com/watch?v=p-B0_gk8Uj4"
    assert [paper["url"] for paper in data["citation"]] == [
        "https://doi.org/10.1126/science.aaw4741",
        "https://doi.org/10.1016/j.jcp.2018.10.045",
    ]
    future = page(built, "sessions/2030-01-08-future.html")
    data = json.loads(future.find("script", type="application/ld+json").string)
    assert "recordedIn" not in data and "citation" not in data and "performer" not in data
    assert data["startDate"] == "2030-01-08T15:00:00+01:00"


@pytest.mark.sphinx("html", testroot="basic")
def test_listing_pages_carry_no_event_data(built):
    assert page(built, "index.html").find("script", type="application/ld+json") is None
