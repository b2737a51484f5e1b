"""The whole record of sessions 11–59 (tests/record/, a copy of ../shared/record/) against
the built site: every session's page, date, number, title, speakers and recording, and
every paper's identifier on its page and in docs/refs.bib."""

from __future__ import annotations

import json
from datetime import date

import pybtex.database
import pytest
from helpers import REPO, soup

RECORD = json.loads(
    (REPO / "tests" / "record" / "ml-hzg-record-2020-2023.json").read_text(encoding="utf-8")
)
SESSIONS = sorted(RECORD["sessions"], key=lambda s: s["date"])
BIB = pybtex.database.parse_file(REPO / "docs" / "refs.bib")

#: (session, paper's place in the record) -> the identifiers the archive gives instead of
#: the record's: the papers the page gave no DOI or arXiv id for, and two it gave wrongly.
CORRECTED: dict[tuple[int, int], tuple[str, ...]] = {
    (12, 0): ("10.1073/pnas.1918964117",),  # a PNAS volume/page link
    (13, 0): ("2008.08626",),  # no link: "appeared on arXiv that day"
    (19, 2): ("10.1073/pnas.1810286115",),  # a PNAS volume/page link
    (16, 0): ("1706.04599",),  # ACM's 10.5555/… is not a registered DOI: it does not resolve
    (21, 0): ("10.1029/2021GL092555",),  # the record's DOI is the ESSOAr preprint's
    (30, 1): ("10.1175/BAMS-D-18-0195.1",),  # an AMS journal link
    (31, 0): ("10.5194/gmd-12-1209-2019",),  # a GMD PDF link
    (38, 0): ("10.1038/s41598-021-96674-0",),  # a nature.com link
    (49, 0): ("10.1103/PhysRevFluids.6.113801",),  # a DLR repository PDF
}
#: Names the record misspells -> as the archive writes them (the paper's author list)
SPELLING = {"Zegou Zhang": "Zeguo Zhang"}
#: Papers of the record that have neither a DOI nor an arXiv id: the archive links the
#: publisher's page, the record's link.
WITHOUT_IDENTIFIER = {
    (11, 1): "NIPS 11 (1998): the proceedings have no DOIs and the paper is not on arXiv",
    (26, 2): "a proposal at the ICLR 2020 Climate Change AI workshop, not on arXiv",
    (28, 1): "a paper of an ECMWF workshop (2000), without a DOI",
}


def number_of(session: dict) -> int:
    """The running number; the one heading without a number is session 16 by its place."""
    return session["number"] or session["logical_number"]


def page_of(site, session: dict):
    matches = sorted((REPO / "docs" / "sessions").glob(f"{session['date']}-*.md"))
    assert len(matches) == 1, (session["date"], matches)
    return soup(site / "sessions" / f"{matches[0].stem}.html")


def papers() -> list[tuple[dict, int, dict]]:
    """(session, place, paper) for every paper of the record."""
    return [(s, i, p) for s in SESSIONS for i, p in enumerate(s["papers"])]


def identifiers(session: dict, place: int, paper: dict) -> tuple[str, ...]:
    """The DOIs ('10.…') and arXiv ids the archive must give for a paper of the record."""
    corrected = CORRECTED.get((number_of(session), place))
    if corrected is not None:
        return corrected
    return tuple(i for i in (paper["doi"], paper["arxiv"]) if i)


def link_of(identifier: str) -> str:
    if identifier.startswith("10."):
        return f"https://doi.org/{identifier}".lower()
    return f"https://arxiv.org/abs/{identifier}"


def plain(text: str) -> str:
    return text.replace("’", "'").replace("“", '"').replace("”", '"').strip()


def test_the_record_is_complete():
    assert [number_of(s) for s in SESSIONS] == list(range(11, 60))
    assert sum(len(s["papers"]) for s in SESSIONS) == 69
    assert sum(1 for s in SESSIONS if s["video"]) == 24
    # every paper of the record has an identifier in the archive, where the work has one
    without = [(number_of(s), i) for s, i, p in papers() if not identifiers(s, i, p)]
    assert without == sorted(WITHOUT_IDENTIFIER)


def test_every_session_is_listed_in_order(site):
    listing = soup(site / "sessions" / "index.html")
    numbers = [int(a.get_text().split(".")[0]) for a in listing.select(".seminar-title")]
    assert numbers == list(range(59, 0, -1))
    years = [heading.get_text() for heading in listing.select("h2.seminar-year")]
    assert years == ["2023", "2022", "2021", "2020"]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: f"session-{number_of(s)}")
def test_session_page_matches_the_record(site, session):
    html = page_of(site, session)
    day = date.fromisoformat(session["date"])
    when = html.select_one(".seminar-when").get_text()
    assert when.startswith(f"Session {number_of(session)} · ")
    assert f"{day.day} {day:%B %Y}" in when
    assert plain(html.select_one("h1").get_text()).rstrip("#") == plain(session["title"])
    speakers = html.select_one(".seminar-speakers")
    speaker_text = speakers.get_text() if speakers else ""
    for written in session["speakers"]:
        name = SPELLING.get(written, written)
        assert name in speaker_text
        affiliation = session["speaker_affiliations"].get(written)
        if affiliation:
            assert f"{name} ({affiliation})" in speaker_text
    videos = [b["data-youtube-id"] for b in html.select("button[data-youtube-id]")]
    assert videos == ([session["video"]] if session["video"] else [])


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: f"session-{number_of(s)}")
def test_every_paper_has_its_identifier_on_its_page_and_in_refs_bib(site, session):
    html = page_of(site, session)
    listed = {li["id"].removeprefix("ref-"): li for li in html.select("#references li")}
    for place, paper in enumerate(session["papers"]):
        found = identifiers(session, place, paper)
        if not found:  # the work has no identifier: its entry links the record's page
            (key,) = [k for k, e in BIB.entries.items() if e.fields.get("url") == paper["url"]]
            hrefs = {a["href"] for a in listed[key].find_all("a", href=True)}
            assert paper["url"] in hrefs
        for identifier in found:
            keys = [
                key
                for key, entry in BIB.entries.items()
                if identifier.lower()
                in (entry.fields.get("doi", "").lower(), entry.fields.get("eprint", ""))
            ]
            assert len(keys) == 1, (identifier, keys)
            assert keys[0] in listed, (identifier, keys[0], sorted(listed))
            hrefs = {a["href"].lower() for a in listed[keys[0]].find_all("a", href=True)}
            assert link_of(identifier) in hrefs, identifier


def test_every_entry_has_a_doi_or_an_arxiv_id():
    """Except the three works that have neither (WITHOUT_IDENTIFIER), which link their page."""
    missing = sorted(
        entry.fields["url"]
        for entry in BIB.entries.values()
        if not entry.fields.get("doi")
        and not (entry.fields.get("eprint") and entry.fields.get("archiveprefix") == "arXiv")
    )
    record_urls = {(number_of(s), i): p["url"] for s, i, p in papers()}
    assert missing == sorted(record_urls[place] for place in WITHOUT_IDENTIFIER)


def test_a_paper_discussed_twice_is_one_entry_discussed_in_both_sessions(site):
    doi = "10.1029/2018GL078510"
    assert [k for k, e in BIB.entries.items() if e.fields.get("doi") == doi] != []
    references = soup(site / "references.html")
    (entry,) = [
        div
        for div in references.select("div.citation")
        if div.find("a", href=f"https://doi.org/{doi}")
    ]
    discussed = [a.get_text() for a in entry.select(".seminar-discussed-in a")]
    assert discussed == ["19. Durable Physics", "36. One column, many steps"]


def test_the_preprint_and_the_journal_version_name_each_other(site):
    """Rasp and Thuerey's arXiv preprint (session 13) and its JAMES version (session 35)
    are one work: each entry's note names the other's identifier, on the references page
    and in the session's own list."""
    journal = BIB.entries["rasp2021data"]
    references = soup(site / "references.html")
    for entry, other in (("rasp2020purely", journal.fields["doi"]), ("rasp2021data", "2008.08626")):
        assert other in references.find(id=entry).get_text(), entry
    session_13 = soup(site / "sessions" / "2020-08-25-model-data-for-the-data-models.html")
    assert journal.fields["doi"] in session_13.find(id="ref-rasp2020purely").get_text()
