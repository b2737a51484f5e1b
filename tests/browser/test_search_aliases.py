"""A topic's other names find its sessions first, and a word finds the same pages
whether it is written hyphenated, joined or spaced ("Lorenz-96" = "Lorenz96" =
"Lorenz 96").

The query set is every alias every topic page declares (docs/topics/*.md, front
matter ``aliases``): for each, the search page on the real site must list the
topic's sessions before any other session.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from helpers import REPO

from sphinx_seminar.frontmatter import parse_front_matter

pytestmark = pytest.mark.browser

#: results shown at a time (seminar-search.js)
SHOWN = 8
RESULT_LINKS = "#search-results > li.seminar-search-result .seminar-search-title a"


def front_matter(folder: str) -> dict[str, dict]:
    return {
        path.stem: parse_front_matter(path.read_text(encoding="utf-8")).data
        for path in sorted((REPO / "docs" / folder).glob("*.md"))
        if path.stem != "index"
    }


TOPICS = front_matter("topics")
SESSIONS = {
    f"sessions/{name}": data
    for name, data in front_matter("sessions").items()
    if name[:4].isdigit() and "number" in data
}


def sessions_on(slug: str) -> set[str]:
    return {docname for docname, data in SESSIONS.items() if slug in data.get("topics", [])}


def found_pages(page, server: str, query: str, searched) -> list[str]:
    page.goto(f"{server}search.html?q={quote(query)}")
    searched(page)
    root = urlsplit(server).path
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    return [urlsplit(href).path.removeprefix(root).removesuffix(".html") for href in hrefs]


def test_every_topic_declares_aliases():
    assert len(TOPICS) == 33
    bare = sorted(slug for slug, data in TOPICS.items() if not data.get("aliases"))
    assert not bare, f"topics without aliases: {bare}"


@pytest.mark.parametrize("slug", sorted(TOPICS))
def test_each_alias_finds_the_topics_sessions_first(browser, server, page, searched, slug):
    mine = sessions_on(slug)
    assert mine, f"no session on {slug}"
    problems = []
    for alias in TOPICS[slug]["aliases"]:
        pages = found_pages(page, server, alias, searched)
        sessions = [found for found in pages if found in SESSIONS]
        first = sessions[: len(mine)]
        # the topic's sessions come before any other session ...
        strangers = [found for found in first if found not in mine]
        # ... and all of them are there, unless the first page of results is full
        missing = len(sessions) < len(mine) and len(pages) < SHOWN
        if strangers or missing:
            problems.append(f"{alias!r}: {len(mine)} sessions on {slug}, found {sessions}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "spellings",
    [("Lorenz-96", "Lorenz96", "Lorenz 96"), ("ERA-5", "ERA5", "ERA 5")],
    ids=lambda spellings: spellings[0],
)
def test_a_word_and_a_number_find_the_same_pages_however_joined(
    browser, server, page, searched, spellings
):
    found = {spelling: found_pages(page, server, spelling, searched) for spelling in spellings}
    first, *others = spellings
    assert found[first], f"{first!r} finds nothing"
    for other in others:
        assert set(found[other]) == set(found[first]), (
            f"{first!r} found {found[first]}, {other!r} found {found[other]}"
        )


@pytest.mark.parametrize(
    "spellings",
    [
        ("GEOS-Chem", "GEOSChem", "GEOS Chem"),
        ("super-droplet", "superdroplet", "super droplet"),
        ("cloud-resolving", "cloudresolving", "cloud resolving"),
        ("single-column", "singlecolumn", "single column"),
        ("shallow-water", "shallowwater", "shallow water"),
    ],
    ids=lambda spellings: spellings[0],
)
def test_hyphenated_joined_and_spaced_words_find_the_same_pages(
    browser, server, page, searched, spellings
):
    """Hyphenated and spaced are the same query; the joined word finds the pages that
    write it hyphenated or joined (where two words of a page are one is not known)."""
    hyphenated, joined, spaced = (
        found_pages(page, server, spelling, searched) for spelling in spellings
    )
    assert hyphenated, f"{spellings[0]!r} finds nothing"
    assert spaced == hyphenated, (hyphenated, spaced)
    # the first page of results (8): what the joined word finds first is among them
    assert joined, f"{spellings[1]!r} finds nothing"
    assert joined[0] in hyphenated, (hyphenated, joined)
