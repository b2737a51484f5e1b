"""The live preview (``seminar_preview``, which ``nox -s docs-live`` sets): a save shows
without Pagefind indexing the whole site again; a build for publishing indexes it."""

from __future__ import annotations

from pathlib import Path

from helpers import build_without_warnings, copied_root
from test_search import fragments

from sphinx_seminar.search import BUNDLE


def test_the_preview_makes_the_index_once(make_app, tmp_path, monkeypatch) -> None:
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    out = tmp_path / "out"
    app, _ = build_without_warnings(make_app, srcdir, out, seminar_preview=True)
    entry = Path(app.outdir) / BUNDLE / "pagefind-entry.json"
    assert entry.is_file()  # the preview's first build makes the index
    made = entry.stat().st_mtime_ns
    page = srcdir / "sessions" / "2020-07-14-clouds.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nGraupel.\n", encoding="utf-8")
    app, written = build_without_warnings(make_app, srcdir, out, seminar_preview=True)
    html = Path(app.outdir) / "sessions" / "2020-07-14-clouds.html"
    assert "sessions/2020-07-14-clouds" in written and "Graupel." in html.read_text()
    assert entry.stat().st_mtime_ns == made  # the page is served; the index is kept
    assert (
        "Graupel." not in fragments(Path(app.outdir))["sessions/2020-07-14-clouds.html"]["content"]
    )
    # a build for publishing indexes the change
    app, _ = build_without_warnings(make_app, srcdir, out)
    assert "Graupel." in fragments(Path(app.outdir))["sessions/2020-07-14-clouds.html"]["content"]


def test_preview_and_publishing_share_the_build(make_app, tmp_path, monkeypatch) -> None:
    """Switching between ``nox -s docs`` and ``nox -s docs-live`` reads no page again:
    the setting changes no page."""
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    out = tmp_path / "out"
    app, _ = build_without_warnings(make_app, srcdir, out)
    page = srcdir / "sessions" / "2020-07-14-clouds.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nGraupel.\n", encoding="utf-8")
    read: list[str] = []
    app = make_app("html", srcdir=srcdir, builddir=out, confoverrides={"seminar_preview": True})
    app.connect("source-read", lambda app, docname, source: read.append(docname))
    app.build()
    assert app.statuscode == 0 and app.warning.getvalue() == ""
    assert read == ["sessions/2020-07-14-clouds"]
    app.cleanup()
