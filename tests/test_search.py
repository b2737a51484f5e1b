"""The search index (Pagefind, written after an HTML build) and the search page.

What the index holds is read from its fragments (one gzip'd JSON per page, behind
Pagefind's 12-byte signature); how the page searches is in tests/browser/test_search.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers import build_without_warnings, copied_root, soup

from sphinx_seminar.search import BUNDLE, SCRIPT

SIGNATURE = b"pagefind_dcd"
SPHINX_SEARCH = ("searchindex.js", "searchtools.js", "language_data.js")


def fragments(outdir: Path) -> dict[str, dict]:
    """url -> what Pagefind stored of the page (content, filters, meta, anchors)."""
    found = {}
    for path in (outdir / BUNDLE / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE) :])
        found[fragment["url"].lstrip("/")] = fragment
    return found


def bundle_files(outdir: Path) -> dict[str, bytes]:
    bundle = outdir / BUNDLE
    return {str(p.relative_to(bundle)): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


@pytest.fixture
def basic(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out")
    return app


def test_the_index_holds_the_pages_of_the_project_only(basic):
    outdir = Path(basic.outdir)
    entry = json.loads((outdir / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]
    indexed = set(fragments(outdir))
    assert indexed == {f"{docname}.html" for docname in basic.env.all_docs}
    assert "search.html" not in indexed
    # the page itself is not part of any page's text
    assert not soup(outdir / "search.html").select("[data-pagefind-body]")


def test_a_session_carries_its_filters_date_topics_and_speakers(basic):
    found = fragments(Path(basic.outdir))
    fluids = found["sessions/2020-03-24-fluids.html"]
    assert fluids["filters"] == {
        "topic": ["fluids"],
        "year": ["2020"],
        "speaker": ["tobias-weigel"],
        "recorded": ["1"],
    }
    assert fluids["meta"]["title"] == "Hidden Fluid Mechanics"
    assert fluids["meta"]["date"] == "24 Mar 2020"
    assert fluids["meta"]["topics"] == "Fluid dynamics"
    assert fluids["meta"]["speakers"] == "Tobias Weigel"
    clouds = found["sessions/2020-07-14-clouds.html"]
    assert clouds["filters"]["speaker"] == ["linda-von-garderen", "tobias-weigel"]
    assert "recorded" not in clouds["filters"]  # no video
    # pages that are not sessions have no filters: a filter narrows to sessions
    assert found["references.html"]["filters"] == {}
    assert found["topics/fluids.html"]["filters"] == {}


def test_what_repeats_from_page_to_page_is_not_indexed(basic):
    found = fragments(Path(basic.outdir))
    fluids = found["sessions/2020-03-24-fluids.html"]["content"]
    assert "We discuss" in fluids
    assert "Geesthacht" not in fluids  # the location line
    assert "cookies" not in fluids  # the player's notice
    assert "Little Black Cloud" not in fluids  # the next session's title
    references = found["references.html"]["content"]
    assert "Raissi" in references
    assert "@article" not in references and "author =" not in references  # BibTeX records
    assert "All sessions on this paper" not in found["sessions/2020-07-14-clouds.html"]["content"]
    # the controls beside the text: a copy button, a calendar file, subscriptions
    for page in ("sessions/2020-07-14-clouds.html", "references.html", "topics/clouds.html"):
        for control in ("Copy BibTeX", "Add to your calendar", "Subscribe to this topic"):
            assert control not in found[page]["content"], (page, control)
    # each entry of the references page is an anchor a result can link to
    anchors = {anchor["id"] for anchor in found["references.html"]["anchors"]}
    assert {"raissi2019physics", "raissi2020hidden", "rasp2018deep"} <= anchors


def test_the_search_page_loads_pagefind_not_sphinx_search(basic):
    page = soup(Path(basic.outdir) / "search.html")
    sources = " ".join(script["src"] for script in page.select("script[src]"))
    assert not any(name in sources for name in SPHINX_SEARCH), sources
    [script] = page.select(f'script[src^="_static/{SCRIPT}"]')
    assert script.has_attr("defer")
    form = page.select_one("form.seminar-search-form")
    assert form.has_attr("hidden")  # shown by the script, which alone can search
    assert page.select_one("label[for=seminar-search-q]").get_text() == "Search the archive"
    topics = [(o["value"], o.get_text()) for o in page.select("#seminar-search-topic option")]
    assert topics == [
        ("", "All topics"),
        ("clouds", "Clouds and convection"),
        ("fluids", "Fluid dynamics"),
    ]
    speakers = [o["value"] for o in page.select("#seminar-search-speaker option")]
    assert speakers == ["", "linda-von-garderen", "tobias-weigel"]
    assert page.select_one("[role=status][aria-live=polite]") is not None
    messages = json.loads(form["data-messages"])
    assert messages["topic"] == "No session matches topic “{value}”."
    assert messages["counts"] == {"one": "{count} result", "other": "{count} results"}
    # without JavaScript: where to browse instead
    links = [a["href"] for a in page.select("noscript a")]
    assert links == ["sessions/index.html", "topics/index.html", "references.html"]
    assert (Path(basic.outdir) / "_static" / SCRIPT).is_file()


@pytest.mark.sphinx("html", testroot="alabaster")
def test_the_search_page_of_another_theme(app):
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    page = soup(Path(app.outdir) / "search.html")
    sources = " ".join(script["src"] for script in page.select("script[src]"))
    assert not any(name in sources for name in SPHINX_SEARCH), sources
    assert SCRIPT in sources
    assert page.select_one("form.seminar-search-form #seminar-search-q") is not None
    assert len(page.select("h1")) == 1
    assert page.select_one('meta[name="robots"][content="noindex"]') is not None
    assert (Path(app.outdir) / BUNDLE / "pagefind-entry.json").is_file()


def test_two_builds_write_the_same_index(make_app, tmp_path, monkeypatch):
    """Byte for byte, but for the order of the values inside each filter's file, which
    Pagefind 1.5 writes in an order of its own (Pagefind/pagefind#638); the filter files
    and the metadata naming them differ in their bytes' order only."""
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    first, _ = build_without_warnings(make_app, srcdir, tmp_path / "first")
    second, _ = build_without_warnings(make_app, srcdir, tmp_path / "second")
    one, other = bundle_files(Path(first.outdir)), bundle_files(Path(second.outdir))

    def stable(files: dict[str, bytes]) -> dict[str, bytes]:
        return {
            name: data
            for name, data in files.items()
            if not name.startswith("filter/") and not name.endswith((".pf_meta", "-entry.json"))
        }

    assert stable(one) == stable(other)
    assert any(name.startswith("fragment/") for name in stable(one))

    def filters(files: dict[str, bytes]) -> list[bytes]:
        found = [gzip.decompress(d) for n, d in files.items() if n.startswith("filter/")]
        return sorted(bytes(sorted(data)) for data in found)

    assert len(filters(one)) == 4  # topic, year, speaker, recorded
    assert filters(one) == filters(other)


def test_a_rebuild_leaves_no_part_of_the_old_index(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out")
    stale = Path(app.outdir) / BUNDLE / "fragment" / "en_stale.pf_fragment"
    stale.write_bytes(b"old")
    page = srcdir / "sessions" / "2020-07-14-clouds.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nGraupel.\n", encoding="utf-8")
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out")
    assert not stale.exists()
    assert "Graupel." in fragments(Path(app.outdir))["sessions/2020-07-14-clouds.html"]["content"]


def test_without_pagefind_the_build_says_so(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "out")
    app.build()
    assert "the search index was not made" in app.warning.getvalue()
    assert not (Path(app.outdir) / BUNDLE).exists()
    app.cleanup()


def test_a_build_that_writes_no_page_keeps_the_index(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out")
    entry = Path(app.outdir) / BUNDLE / "pagefind-entry.json"
    before = entry.stat().st_mtime_ns
    # no page changed: the index stays as it is (not even rewritten)
    app, written = build_without_warnings(make_app, srcdir, tmp_path / "out")
    assert [page for page in written if page in app.env.all_docs] == []
    assert entry.stat().st_mtime_ns == before
    # a lost index is made again, though no page changed
    entry.unlink()
    build_without_warnings(make_app, srcdir, tmp_path / "out")
    assert entry.is_file()


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_index_follows_the_pages_as_written(make_app, tmp_path, monkeypatch, jobs):
    """A page written again unchanged (its source touched) keeps the index; an edited
    one, written by another process in a parallel build, makes it again."""
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out", parallel=jobs)
    entry = Path(app.outdir) / BUNDLE / "pagefind-entry.json"
    before = entry.stat().st_mtime_ns
    page = srcdir / "sessions" / "2020-07-14-clouds.md"
    page.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")  # touched
    app, written = build_without_warnings(make_app, srcdir, tmp_path / "out", parallel=jobs)
    assert "sessions/2020-07-14-clouds" in written or jobs > 1
    assert entry.stat().st_mtime_ns == before
    page.write_text(page.read_text(encoding="utf-8") + "\nHailstones.\n", encoding="utf-8")
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out", parallel=jobs)
    assert (
        "Hailstones." in fragments(Path(app.outdir))["sessions/2020-07-14-clouds.html"]["content"]
    )
