"""Incremental and parallel builds give the same pages as a clean serial build."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build_without_warnings, copied_root, soup

EDITED = "sessions/2020-03-24-fluids.md"


def body(path: Path) -> str:
    """The page's main content, with the search index and page chrome left out."""
    return str(soup(path).select_one("div.body"))


def pages(outdir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(outdir)): body(path)
        for path in sorted(outdir.rglob("*.html"))
        if path.name not in {"search.html", "genindex.html"}
    }


def edit_session(srcdir: Path) -> None:
    """Change everything other pages show of one session."""
    path = srcdir / EDITED
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("title: Hidden Fluid Mechanics", "title: Visible Fluid Mechanics"),
        ("topics: [fluids]", "topics: [clouds]"),
        ("speakers: [Tobias Weigel]", "speakers: [Maziar Raissi]"),
        ("{cite:p}`raissi2019physics`", "{cite:p}`rasp2018deep`"),
        ("date: 2020-03-24", "date: 2020-03-24\nstart: '16:00'"),
    ]:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    return copied_root("basic", tmp_path, monkeypatch)


def build(make_app, srcdir: Path, outdir: Path, parallel: int = 1, **overrides):
    return build_without_warnings(make_app, srcdir, outdir, parallel=parallel, **overrides)[0]


def test_parallel_build_equals_serial_build(project, tmp_path, make_app):
    serial = build(make_app, project, tmp_path / "serial")
    parallel = build(make_app, project, tmp_path / "parallel", parallel=2)
    assert pages(parallel.outdir) == pages(serial.outdir)


def test_incremental_rebuild_after_an_edit_equals_clean_build(project, tmp_path, make_app):
    # one parallel build, then an incremental rebuild after editing a session
    build(make_app, project, tmp_path / "incremental", parallel=2)
    edit_session(project)
    incremental = build(make_app, project, tmp_path / "incremental")
    clean = build(make_app, project, tmp_path / "clean")
    before, after = pages(incremental.outdir), pages(clean.outdir)
    assert before.keys() == after.keys()
    for name in after:
        assert before[name] == after[name], name
    # calendar and feed are made again once their sessions change
    for name in ("calendar.ics", "atom.xml"):
        made = (incremental.outdir / name).read_bytes()
        assert made == (clean.outdir / name).read_bytes(), name
        assert b"Visible Fluid Mechanics" in made
    # the edit really reached the pages that depend on it
    people = soup(clean.outdir / "people.html").get_text()
    assert "Maziar Raissi" in people and "Tobias Weigel" in people
    clouds = soup(clean.outdir / "topics" / "clouds.html")
    assert "1. Visible Fluid Mechanics" in clouds.select_one("#sessions-on-this-topic").get_text()
    nxt = soup(clean.outdir / "sessions" / "2020-07-14-clouds.html")
    assert "1. Visible Fluid Mechanics" in nxt.select_one(".seminar-prev").get_text()


def test_incremental_rebuild_writes_only_what_depends_on_the_edit(project, tmp_path, make_app):
    build(make_app, project, tmp_path / "out")
    edit_session(project)
    app = make_app("html", srcdir=project, builddir=tmp_path / "out")
    written: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    documents = {name for name in written if name not in {"search", "genindex"}}
    # the edited session, its neighbour (prev/next title), its sibling in the
    # navigation, and the pages that list it; not the pages whose navigation does not
    # show the sessions (people, references and topics list them in their content)
    assert documents == {
        "sessions/2020-03-24-fluids",
        "sessions/2020-07-14-clouds",
        "sessions/2030-01-08-future",
        "index",
        "sessions/index",
        "people",
        "references",
        "topics/index",
        "topics/clouds",
        "topics/fluids",
    }


def test_an_edited_bibliography_entry_reaches_every_page_that_cites_it(project, tmp_path, make_app):
    build(make_app, project, tmp_path / "out")
    bib = project / "refs.bib"
    old = "Hidden fluid mechanics: Learning velocity"
    assert old in bib.read_text(encoding="utf-8")
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(old, "Hidden fluid mechanics: Learning speed"),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=project, builddir=tmp_path / "out")
    written: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    # the session citing it (its reference list) and the references page; not the others
    assert {"sessions/2020-03-24-fluids", "references"} <= set(written)
    assert "sessions/2020-07-14-clouds" not in written
    session = soup(app.outdir / "sessions" / "2020-03-24-fluids.html")
    (entry,) = session.select("#ref-raissi2020hidden")
    assert "learning speed" in entry.get_text().lower()
    app.cleanup()  # unregister the nodes before the next app
    assert pages(app.outdir) == pages(build(make_app, project, tmp_path / "clean").outdir)


def test_noop_rebuild_writes_nothing(project, tmp_path, make_app):
    build(make_app, project, tmp_path / "out")
    app = make_app("html", srcdir=project, builddir=tmp_path / "out")
    written: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    assert [name for name in written if name not in {"search", "genindex"}] == []


def test_removing_a_topic_page_fails_the_sessions_on_it(project, tmp_path, make_app):
    """As a clean build would: the unchanged session is read and checked again."""
    build(make_app, project, tmp_path / "out")
    (project / "topics" / "fluids.md").unlink()
    app = make_app("html", srcdir=project, builddir=tmp_path / "out")
    app.build()
    assert app.statuscode == 1
    assert app.warning.getvalue().count("unknown topic 'fluids'") == 2
    assert "2020-03-24-fluids.md:6" in app.warning.getvalue()
