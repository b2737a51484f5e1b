"""The search page: results that put session pages first, summaries without the
theme's buttons.

Sphinx ranks every page that merely contains a word alike, so topic and listing
pages crowded out the sessions; the archive brings its own scorer (unless
conf.py names one). Sphinx cuts each result's summary from the page's main
element, which in the book theme also holds the theme switcher and the
contents toggle: a small script removes them first, on the search page only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
SEARCH_SCORER = STATIC / "search-scorer.js"
SUMMARY_SCRIPT = "seminar-search.js"
HTML_BUILDERS = frozenset({"html", "dirhtml"})


def _use_search_scorer(app: Sphinx, config: Config) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SEARCH_SCORER)


def _copy_summary_script(app: Sphinx) -> None:
    if app.builder.name in HTML_BUILDERS and app.builder.search:
        # copied before any page is written, so its link gets the checksum (?v=...)
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        copy_asset_file(STATIC / SUMMARY_SCRIPT, target, force=True)


def _add_summary_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    if templatename == "search.html" and app.builder.name in HTML_BUILDERS:
        # deferred: it runs after searchtools.js, which the template loads last
        app.add_js_file(SUMMARY_SCRIPT, loading_method="defer")


def setup_search(app: Sphinx) -> None:
    app.connect("config-inited", _use_search_scorer)
    app.connect("builder-inited", _copy_summary_script)
    app.connect("html-page-context", _add_summary_script)
