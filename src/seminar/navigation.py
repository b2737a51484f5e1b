"""Reader-facing fixes around the theme: names for the sidebar's expand buttons, and
search results that put session pages first.

The book theme's sidebar wraps sub-pages in ``<details>`` whose ``<summary>`` holds
only a chevron icon, so screen readers announce an unnamed control (axe:
summary-name). Each summary gets the name of the section it opens, server-side.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
SEARCH_SCORER = STATIC / "search-scorer.js"

# a sidebar entry: its link, then the <details> with a summary that has no text
_UNNAMED_SUMMARY = re.compile(
    r"(<a [^>]*>(?P<label>[^<]*)</a>\s*<details(?: [^>]*)?>\s*)<summary>(?=\s*<span class=\"toctree-toggle\")"
)
_ANY_UNNAMED_SUMMARY = re.compile(r"<summary>(?=\s*<span class=\"toctree-toggle\")")


def name_summaries(markup: str) -> str:
    """Give every chevron-only ``<summary>`` an accessible name."""
    named = _UNNAMED_SUMMARY.sub(
        lambda m: (
            f'{m[1]}<summary aria-label="Show or hide the pages in {html.escape(m["label"])}">'
        ),
        markup,
    )
    return _ANY_UNNAMED_SUMMARY.sub('<summary aria-label="Show or hide sub-pages">', named)


def _wrap_toctree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_seminar_named", False):
        return

    def generate_named(*args, **kwargs):
        return type(result := generate(*args, **kwargs))(name_summaries(str(result)))

    generate_named._seminar_named = True
    context["generate_toctree_html"] = generate_named


def _use_search_scorer(app: Sphinx, config: Config) -> None:
    """Rank session pages above listings that merely mention a term (unless conf.py
    brings its own scorer)."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(SEARCH_SCORER)


def setup_navigation(app: Sphinx) -> None:
    app.connect("config-inited", _use_search_scorer)
    # after pydata-sphinx-theme puts generate_toctree_html into the context (500)
    app.connect("html-page-context", _wrap_toctree, priority=600)
