"""A session's identity for subscribers: its calendar UID and feed entry id.

With a front-matter ``id`` they survive a move (date, file name, number, title); without
one they are exactly what they were before ids existed, so today's subscribers get no
duplicates. ``revised`` raises the event's SEQUENCE and the entry's ``updated``.
Calendars are read with vobject and feeds with feedparser, as subscribers' software does.
"""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
import vobject

from sphinx_seminar.diagnostics import SeminarError

ROOT = Path(__file__).resolve().parent / "roots" / "test-subscribe"
EPOCH = "1763100000"
MOVED_ID = "7f6c2b1e-4a5d-4c3b-9e8f-0a1b2c3d4e5f"


def calendar_events(outdir: Path) -> dict[str, vobject.base.Component]:
    """SUMMARY -> event of the site's calendar, read by vobject."""
    calendar = vobject.readOne((outdir / "calendar.ics").read_text("utf-8"))
    return {event.summary.value: event for event in calendar.vevent_list}


def feed_entries(outdir: Path) -> dict[str, feedparser.FeedParserDict]:
    """Title -> entry of the site's feed, read by feedparser."""
    return {entry.title: entry for entry in feedparser.parse(outdir / "atom.xml").entries}


def test_pages_without_id_keep_todays_identities(site):
    """Pinned from the archive as main wrote it before ids existed."""
    events = vobject.readOne((site / "calendar.ics").read_text("utf-8")).vevent_list
    uids = {event.uid.value for event in events}
    assert {
        "2020-03-24-session-1@mlhzg-seminar",
        "2021-04-06-session-25@mlhzg-seminar",
        "2023-03-14-session-59@mlhzg-seminar",
    } <= uids
    assert len(uids) == len(events) == 59
    ids = {entry.id for entry in feedparser.parse(site / "atom.xml").entries}
    base = "https://mlhzg-seminar.readthedocs.io/en/latest/sessions/"
    assert {
        f"{base}2020-03-24-hidden-fluid-mechanics.html",
        f"{base}2021-04-06-fluid-fluency.html",
    } <= ids


def move(srcdir: Path, old: str, new: str, **changes: str) -> None:
    """Rename a session file and rewrite front-matter lines (``key: value``)."""
    path = srcdir / "sessions" / f"{old}.md"
    text = path.read_text("utf-8")
    for key, value in changes.items():
        text, found = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
        if not found:
            text = text.replace("---\n", f"---\n{key}: {value}\n", 1)
    path.unlink()
    (srcdir / "sessions" / f"{new}.md").write_text(text, "utf-8")


def build(make_app, srcdir: Path, builddir: Path) -> Path:
    app = make_app("html", srcdir=srcdir, builddir=builddir, freshenv=True)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    outdir = app.outdir
    app.cleanup()
    return outdir


def test_moving_a_session_keeps_its_identity(make_app, tmp_path, monkeypatch):
    """Session 2 with an id, moved by a week (date and file name) and renamed, and marked
    revised: one event and one entry, with the same UID and id as before."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    move(srcdir, "2020-07-14-clouds", "2020-07-14-clouds", id=MOVED_ID)
    before = build(make_app, srcdir, tmp_path / "before")
    old_event = calendar_events(before)["ML@HZG seminar 2: Little Black Cloud"]
    old_entry = feed_entries(before)["2. Little Black Cloud"]
    assert old_event.uid.value == f"{MOVED_ID}@mlhzg-seminar"
    assert old_entry.id == f"urn:uuid:{MOVED_ID}"
    assert not hasattr(old_event, "sequence")

    move(
        srcdir,
        "2020-07-14-clouds",
        "2020-07-21-clouds",
        date="2020-07-21",
        title='"Little Black Cloud, a week later"',
        revised="2020-07-10",
    )
    after = build(make_app, srcdir, tmp_path / "after")
    events = calendar_events(after)
    assert len(events) == 3
    new_event = events["ML@HZG seminar 2: Little Black Cloud, a week later"]
    assert new_event.uid.value == old_event.uid.value
    assert new_event.dtstart.value - old_event.dtstart.value == timedelta(days=7)
    assert int(new_event.sequence.value) > 0
    entries = feed_entries(after)
    assert len(entries) == 3
    new_entry = entries["2. Little Black Cloud, a week later"]
    assert new_entry.id == old_entry.id
    assert new_entry.updated_parsed != old_entry.updated_parsed
    assert new_entry.link.endswith("sessions/2020-07-21-clouds.html")

    # a second revision later: a higher SEQUENCE, a later update
    move(srcdir, "2020-07-21-clouds", "2020-07-21-clouds", revised="2020-07-15")
    again = build(make_app, srcdir, tmp_path / "again")
    revised_event = calendar_events(again)["ML@HZG seminar 2: Little Black Cloud, a week later"]
    assert int(revised_event.sequence.value) > int(new_event.sequence.value)
    assert feed_entries(again)["2. Little Black Cloud, a week later"].updated_parsed > (
        new_entry.updated_parsed
    )


def test_a_slug_id_and_number_change(make_app, tmp_path, monkeypatch):
    """A slug works as an id too; a changed number keeps the identities."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    move(srcdir, "2021-01-12-winter", "2021-01-12-winter", id="winter-2021")
    first = build(make_app, srcdir, tmp_path / "first")
    move(srcdir, "2021-01-12-winter", "2021-01-12-winter", number="7")
    second = build(make_app, srcdir, tmp_path / "second")
    (old_uid,) = [e.uid.value for e in calendar_events(first).values() if "winter" in e.uid.value]
    assert old_uid == "winter-2021@mlhzg-seminar"
    (new,) = [e for t, e in feed_entries(second).items() if t.startswith("7. ")]
    (old,) = [e for t, e in feed_entries(first).items() if t.startswith("3. ")]
    assert new.id == old.id
    assert new.id.startswith("urn:uuid:")
    assert old_uid in {e.uid.value for e in calendar_events(second).values()}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Not An Id!", "expected a stable id: a UUID such as"),
        ("7", "expected a stable id"),
    ],
)
def test_a_bad_id_is_an_error_at_its_line(make_app, tmp_path, value, message):
    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    move(srcdir, "2020-07-14-clouds", "2020-07-14-clouds", id=value)
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SeminarError):
        app.build()
    warnings = app.warning.getvalue()
    lines = (srcdir / "sessions" / "2020-07-14-clouds.md").read_text().splitlines()
    line = lines.index(f"id: {value}") + 1
    assert re.search(rf"2020-07-14-clouds\.md:{line}: ERROR: .*{re.escape(message)}", warnings)
    assert not (app.outdir / "calendar.ics").exists()


def test_a_duplicate_id_names_both_files(make_app, tmp_path):
    srcdir = tmp_path / "project"
    shutil.copytree(ROOT, srcdir)
    move(srcdir, "2020-03-24-fluids", "2020-03-24-fluids", id=MOVED_ID)
    move(srcdir, "2020-07-14-clouds", "2020-07-14-clouds", id=MOVED_ID.upper())
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SeminarError):
        app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"2020-07-14-clouds\.md:2: ERROR: session id .* is also used by "
        r"\S*2020-03-24-fluids\.md \(line 2\)",
        warnings,
    ), warnings
    assert not (app.outdir / "calendar.ics").exists()
