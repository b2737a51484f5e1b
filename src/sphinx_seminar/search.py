"""The search page: results that put session pages first, summaries without the
theme's buttons.

Sphinx ranks every page that merely contains a word alike, so topic and listing
pages crowded out the sessions; the archive brings its own scorer (unless
conf.py names one). Sphinx cuts each result's summary from the page's main
element, which in the book theme also holds the theme switcher and the
contents toggle: a small script removes them first, on the search page only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assets import STATIC, copy_static
from .builders import SITE_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SEARCH_SCORER = STATIC / "search-scorer.js"
SUMMARY_SCRIPT = "seminar-search.js"


def _use_search_scorer(app: Sphinx, config: Config) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SEARCH_SCORER)


def _has_search_page(app: Sphinx) -> bool:
    """html and dirhtml (singlehtml has no search page, though its builder says search)."""
    return app.builder.name in SITE_BUILDERS and app.builder.search


def _copy_summary_script(app: Sphinx) -> None:
    if _has_search_page(app):
        copy_static(app, SUMMARY_SCRIPT)


def _add_summary_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    if templatename == "search.html" and _has_search_page(app):
        # deferred: it runs after searchtools.js, which the template loads last
        app.add_js_file(SUMMARY_SCRIPT, loading_method="defer")


def setup_search(app: Sphinx) -> None:
    app.connect("config-inited", _use_search_scorer)
    app.connect("builder-inited", _copy_summary_script)
    app.connect("html-page-context", _add_summary_script)
