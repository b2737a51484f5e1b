"""Honest session pages: nothing about a recording before a session has taken place, and a
past session that still holds the new page's placeholder sentence is reported.

"Taken place" is measured against the build's date (SOURCE_DATE_EPOCH here), so the
same sources built before and after a session give both pages.
"""

from __future__ import annotations

from datetime import UTC, datetime

from helpers import copied_root, soup
from sphinx.util.console import strip_colors

from sphinx_seminar.scaffold import PLACEHOLDER_SENTENCE

PAST = "sessions/2020-07-14-clouds"  # 2020, no recording
UPCOMING = "sessions/2030-01-08-future"  # after EPOCH (2025-11-14)
NO_RECORDING = "No recording of this session."
#: 2030-02-01: the upcoming session has taken place
AFTER = str(int(datetime(2030, 2, 1, tzinfo=UTC).timestamp()))


def header_text(outdir, docname: str) -> str:
    header = soup(outdir / f"{docname}.html").select_one(".seminar-session-header")
    return " ".join(header.get_text(" ", strip=True).split())


def test_no_recording_is_said_once_a_session_has_taken_place(tmp_path, make_app, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "out")
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert NO_RECORDING in header_text(app.outdir, PAST)
    assert "recording" not in header_text(app.outdir, UPCOMING).lower()
    # the same sources after the session: its page is written again, and says it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER)
    later = make_app("html", srcdir=srcdir, builddir=tmp_path / "out")
    written: list[str] = []
    later.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    later.build()
    assert UPCOMING in written
    assert NO_RECORDING in header_text(later.outdir, UPCOMING)


def _with_placeholder(srcdir, docname: str) -> int:
    """Put the placeholder sentence into a session's body; return its line."""
    path = srcdir / f"{docname}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    body = lines.index("---", 1) + 2  # after the front matter and a blank line
    lines.insert(body, PLACEHOLDER_SENTENCE)
    lines.insert(body + 1, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return body + 1


def test_a_past_session_with_the_placeholder_sentence_is_a_warning(tmp_path, make_app, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    line = _with_placeholder(srcdir, PAST)
    _with_placeholder(srcdir, UPCOMING)  # still to come: the sentence is fine there
    app = make_app("html", srcdir=srcdir, warningiserror=True)
    app.build()
    assert strip_colors(app.warning.getvalue()).splitlines() == [
        f"{srcdir / PAST}.md:{line}: WARNING: session 2 of 2020-07-14 has taken place, but its "
        "page still has the new page's placeholder sentence: replace it with what was "
        "discussed [seminar.placeholder]"
    ]
    assert app.statuscode == 1  # -W: the warning fails the build
