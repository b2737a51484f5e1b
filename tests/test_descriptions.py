"""A page's description for link previews and search engines (descriptions.py): a
session's summary, any other page's first paragraph without its citations, cut at a
word; never the text of a generated list. Read from the built HTML
(tests/roots/test-descriptions, with sphinxext-opengraph, and the real site)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build_without_warnings, copied_root, soup


def descriptions(page) -> tuple[str | None, str | None, int]:
    """The page's og:description, its meta description and how many of the latter."""
    og = page.find("meta", property="og:description")
    meta = page.find_all("meta", attrs={"name": "description"})
    return (og and og["content"], meta[0]["content"] if meta else None, len(meta))


@pytest.fixture
def built(make_app, tmp_path, monkeypatch) -> Path:
    srcdir = copied_root("descriptions", tmp_path, monkeypatch)
    outdir = tmp_path / "out"
    build_without_warnings(make_app, srcdir, outdir)
    return outdir / "html"


def test_a_list_page_is_described_by_its_introduction(built):
    og, meta, count = descriptions(soup(built / "sessions" / "index.html"))
    assert og == meta == "Every session, newest first."
    assert count == 1


def test_citations_are_left_out_and_a_long_paragraph_is_cut_at_a_word(built):
    og, meta, _ = descriptions(soup(built / "topics" / "pinns.html"))
    assert og == meta
    assert og.startswith("A physics-informed network is trained on its data and, at the same")
    assert "Raissi" not in og and "[" not in og and "  " not in og
    assert "obey, so that" in og  # no space left where the citation was
    assert og.endswith("…") and len(og) <= 200
    assert "A second paragraph" not in og
    # cut between two words of the paragraph, not inside one
    kept = og.removesuffix("…")
    paragraph = (
        "A physics-informed network is trained on its data and, at the same time, on the "
        "residual of the equations the data obey, so that a few measurements and a known "
        "law together pin down the whole field; the same idea recovers"
    )
    # (a comma or semicolon before the cut is left out)
    assert paragraph.startswith(kept) and paragraph[len(kept)] in " ,;"


def test_a_session_is_described_by_its_summary(built):
    page = soup(built / "sessions" / "2020-03-24-fluids.html")
    og, meta, count = descriptions(page)
    assert og == meta == "Velocity and pressure from flow visualizations alone."
    assert count == 1


def test_a_page_of_only_a_list_is_described_by_its_title(built):
    og, meta, count = descriptions(soup(built / "topics" / "index.html"))
    assert og == meta == "Topics"
    assert count == 1


def test_the_real_sites_generated_pages_are_described_by_their_own_words(site):
    expected = {
        "sessions/index.html": "Every session of the seminar, newest first.",
        "sessions/2023.html": "The sessions of 2023, newest first:",
        "topics/index.html": "The seminar’s recurring themes,",
        "people.html": "Everyone who presented at the seminar",
    }
    for path, start in expected.items():
        og, meta, count = descriptions(soup(site / path))
        assert og == meta and count == 1, path
        assert meta.startswith(start), (path, meta)
        # none runs on into the page's list: no date, no session number, no year row
        assert "·" not in meta and "2021 2020" not in meta, (path, meta)
    og, meta, _ = descriptions(soup(site / "topics" / "gans.html"))
    assert "Goodfellow" not in meta and "data. At" in meta
