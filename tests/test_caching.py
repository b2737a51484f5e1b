"""A rebuild reuses compiled templates and formatted bibliography entries, and only while
they are still right."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build_without_warnings, copied_root, soup
from jinja2.sandbox import SandboxedEnvironment
from pybtex.style.formatting.plain import Style as PlainStyle

from sphinx_seminar import caching
from sphinx_seminar.caching import TEMPLATE_CACHE

EDITED = "sessions/2020-03-24-fluids.md"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    return copied_root("basic", tmp_path, monkeypatch)


@pytest.fixture
def counted(monkeypatch) -> dict[str, object]:
    """How often the plain style formats an entry; which page templates Jinja compiles
    (not the few static files, such as basic.css_t, that Sphinx renders on its own)."""
    calls: dict[str, object] = {"format_entry": 0, "compiled": []}
    format_entry, compile_template = PlainStyle.format_entry, SandboxedEnvironment.compile

    def counted_format_entry(*args, **kwargs):
        calls["format_entry"] += 1
        return format_entry(*args, **kwargs)

    def counted_compile(self, source, name=None, *args, **kwargs):
        if name and name.endswith(".html"):
            calls["compiled"].append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(PlainStyle, "format_entry", counted_format_entry)
    monkeypatch.setattr(SandboxedEnvironment, "compile", counted_compile)
    return calls


def build(make_app, srcdir: Path, outdir: Path):
    return build_without_warnings(make_app, srcdir, outdir)[0]


def touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nMore notes.\n", encoding="utf-8")


def test_a_rebuild_formats_no_entry_and_compiles_no_template(project, tmp_path, make_app, counted):
    first = build(make_app, project, tmp_path / "out")
    entries = len(soup(first.outdir / "references.html").select(".citation"))
    # each entry once: its tooltip, in the same style, is the same formatting
    assert counted["format_entry"] == entries > 0
    assert "layout.html" in counted["compiled"]
    assert any((tmp_path / "out" / "doctrees" / TEMPLATE_CACHE).iterdir())
    counted.update(format_entry=0, compiled=[])
    touch(project / EDITED)
    second = build(make_app, project, tmp_path / "out")
    assert counted == {"format_entry": 0, "compiled": []}
    assert "More notes." in (second.outdir / "sessions" / "2020-03-24-fluids.html").read_text()


def test_an_edited_entry_is_formatted_again(project, tmp_path, make_app, counted):
    build(make_app, project, tmp_path / "out")
    bib = project / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    old = "Deep learning to represent subgrid processes in climate models"
    assert old in text
    bib.write_text(text.replace(old, "Deep learning for subgrid processes"), encoding="utf-8")
    counted.update(format_entry=0)
    app = build(make_app, project, tmp_path / "out")
    assert counted["format_entry"] == 1
    references = soup(app.outdir / "references.html").get_text()
    assert "Deep learning for subgrid processes" in references and old not in references
    # and the formatted entry of the old text is not kept
    stored = app.env.get_domain("seminar").formatted_entries
    assert len(stored) == len(soup(app.outdir / "references.html").select(".citation"))


@pytest.fixture
def validations(monkeypatch) -> list[str]:
    """The titles of the front matters validated against the schema."""
    from sphinx_seminar.schema import SessionFrontMatter

    seen: list[str] = []
    validate = SessionFrontMatter.model_validate.__func__

    def counted(cls, data, *args, **kwargs):
        seen.append(data.get("title"))
        return validate(cls, data, *args, **kwargs)

    monkeypatch.setattr(SessionFrontMatter, "model_validate", classmethod(counted))
    return seen


def test_an_unchanged_front_matter_is_not_validated_again(project, tmp_path, make_app, validations):
    build(make_app, project, tmp_path / "out")
    assert len(validations) == 3  # the three sessions
    validations.clear()
    touch(project / EDITED)  # the text changes, the front matter does not
    build(make_app, project, tmp_path / "out")
    assert validations == []
    path = project / EDITED
    path.write_text(
        path.read_text(encoding="utf-8").replace("Hidden Fluid", "Visible Fluid"), encoding="utf-8"
    )
    app = build(make_app, project, tmp_path / "out")
    assert validations == ["Visible Fluid Mechanics"]
    assert "Visible Fluid Mechanics" in (app.outdir / "sessions" / "index.html").read_text()


@pytest.fixture
def stemmed(monkeypatch) -> list[str]:
    """Every word the English search language stems, in order."""
    from sphinx.search.en import SearchEnglish

    words: list[str] = []
    stem = SearchEnglish.stem

    def counted_stem(self, word):
        words.append(word)
        return stem(self, word)

    monkeypatch.setattr(SearchEnglish, "stem", counted_stem)
    return words


def test_each_word_is_stemmed_once_per_build(project, tmp_path, make_app, stemmed, monkeypatch):
    remembered = build(make_app, project, tmp_path / "remembered")
    assert stemmed, "the search index was built without the stemmer"
    assert sorted({word for word in stemmed if stemmed.count(word) > 1}) == []
    # the same index as Sphinx's own, which stems each word once per page
    monkeypatch.setattr(caching, "_stem_each_word_once", lambda *args: None)
    stemmed.clear()
    own = build(make_app, project, tmp_path / "own")
    assert len(stemmed) > len(set(stemmed))
    index = (remembered.outdir / "searchindex.js").read_bytes()
    assert index == (own.outdir / "searchindex.js").read_bytes()
