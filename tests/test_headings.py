"""Headings on the long lists of the real site: years on the list of sessions, initial
letters on the people and references pages, each with a row of links to them."""

from __future__ import annotations

from helpers import REPO, soup
from pybtex.database import parse_file

from sphinx_seminar.headings import initial


def jump_targets(page) -> list[str]:
    nav = page.select_one("nav.seminar-jump")
    assert nav is not None and nav["aria-label"]
    return [a["href"] for a in nav.select("a")]


def test_the_list_of_sessions_has_a_heading_per_year(site):
    page = soup(site / "sessions" / "index.html")
    years = page.select("h2.seminar-year")
    assert [h.get_text() for h in years] == ["2023", "2022", "2021", "2020"]
    assert jump_targets(page) == [f"#year-{h.get_text()}" for h in years]
    assert page.select_one("nav.seminar-jump")["aria-label"] == "Jump to a year"
    for heading in years:
        assert heading["id"] == f"year-{heading.get_text()}"
        dates = heading.find_next_sibling("ul").select("[data-seminar-year]")
        assert dates and {li["data-seminar-year"] for li in dates} == {heading.get_text()}
    # one level below the page's title
    assert years[0].find_previous("h1").get_text(strip=True).startswith("Sessions")


def test_people_are_grouped_by_the_initial_of_their_surname(site):
    page = soup(site / "people.html")
    letters = page.select("h2.seminar-initial")
    assert len(letters) > 5
    assert jump_targets(page) == [f"#people-{h.get_text()}" for h in letters]
    names = page.select("h3.seminar-person")
    assert len(names) >= 19
    for name in names:
        group = name.find_previous("h2")
        surname = name.find(string=True).split()[-1]  # the name, before its count
        assert group.get_text() == initial(surname), name.get_text()


def test_references_are_grouped_by_the_first_authors_initial(site):
    page = soup(site / "references.html")
    letters = page.select("h2.seminar-initial")
    assert len(letters) > 10
    assert [h.get_text() for h in letters] == sorted(h.get_text() for h in letters)
    assert jump_targets(page) == [f"#papers-{h.get_text()}" for h in letters]
    entries = page.select("div.citation")
    assert len(entries) > 100
    bib = {
        key.lower(): entry for key, entry in parse_file(REPO / "docs" / "refs.bib").entries.items()
    }
    for entry in entries:
        group = entry.find_previous("h2", class_="seminar-initial")
        first = (bib[entry["id"]].persons.get("author") or bib[entry["id"]].persons["editor"])[0]
        assert group.get_text() == initial(" ".join(first.last_names)), entry["id"]
    # each group is a list of its own entries
    for listing in page.select("div.citation-list"):
        assert listing["role"] == "list"
        assert all(child["role"] == "listitem" for child in listing.select(":scope > div"))
