"""The search page brings the archive's scorer and, on the search page only, the
script that keeps the theme's buttons out of the result summaries."""

from __future__ import annotations

import pytest
from helpers import soup

from sphinx_seminar.search import SEARCH_SCORER, SUMMARY_SCRIPT


@pytest.fixture
def built(app):
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return app


def script_sources(path) -> list[str]:
    return [script["src"].split("?")[0] for script in soup(path).select("script[src]")]


@pytest.mark.sphinx("html", testroot="basic")
def test_the_summary_script_is_on_the_search_page_only(built):
    search_page = soup(built.outdir / "search.html")
    [script] = search_page.select(f'script[src^="_static/{SUMMARY_SCRIPT}"]')
    # deferred: it wraps a function of searchtools.js, which the page loads after it
    assert script.has_attr("defer")
    assert "?v=" in script["src"]  # the file existed when the page was written
    assert (built.outdir / "_static" / SUMMARY_SCRIPT).read_text(encoding="utf-8") == (
        SEARCH_SCORER.parent / SUMMARY_SCRIPT
    ).read_text(encoding="utf-8")
    for name in ("index.html", "sessions/2020-03-24-fluids.html", "genindex.html"):
        assert f"_static/{SUMMARY_SCRIPT}" not in " ".join(script_sources(built.outdir / name))


@pytest.mark.sphinx("html", testroot="basic")
def test_the_archive_scorer_ranks_the_results(built):
    language_data = (built.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert SEARCH_SCORER.read_text(encoding="utf-8").strip() in language_data


@pytest.mark.sphinx(
    "html", testroot="basic", confoverrides={"html_search_scorer": "scorer-of-the-site.js"}
)
def test_a_scorer_named_in_conf_py_is_kept(app):
    assert app.config.html_search_scorer == "scorer-of-the-site.js"
