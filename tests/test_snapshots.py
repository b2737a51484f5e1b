"""Snapshots of the HTML fragments the extension writes, to see the output in review.

A snapshot that differs fails the test; after an intended change, refresh them with
``SEMINAR_UPDATE_SNAPSHOTS=1 nox -s tests -- tests/test_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import soup

SNAPSHOTS = Path(__file__).parent / "snapshots"
EPOCH = "1763100000"  # 2026-11-14: sessions 1 and 2 past, session 3 upcoming

FRAGMENTS = {
    "session-header.html": ("sessions/2020-03-24-fluids.html", ".seminar-session-header"),
    "session-references.html": ("sessions/2020-03-24-fluids.html", "#references"),
    "session-nav.html": ("sessions/2020-07-14-clouds.html", ".seminar-session-nav"),
    "listing-item.html": ("sessions/index.html", ".seminar-listing-item"),
    "next-session.html": ("index.html", ".seminar-next-session"),
    "discussed-in.html": ("references.html", ".seminar-discussed-in"),
}


@pytest.fixture
def built(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    return app


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic-snapshots")
@pytest.mark.parametrize("name", sorted(FRAGMENTS))
def test_fragment_matches_snapshot(built, name):
    page, selector = FRAGMENTS[name]
    fragment = soup(built.outdir / page).select_one(selector).prettify()
    snapshot = SNAPSHOTS / name
    if os.environ.get("SEMINAR_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(fragment, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot {name}: run with SEMINAR_UPDATE_SNAPSHOTS=1"
    assert fragment == snapshot.read_text(encoding="utf-8")
