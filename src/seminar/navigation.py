"""Reader-facing fixes around the theme: names for the sidebar's expand buttons, and
search results that put session pages first.

The book theme's sidebar wraps sub-pages in ``<details>`` whose ``<summary>`` holds
only a chevron icon, so screen readers announce an unnamed control (axe:
summary-name). Each summary gets the name of the section it opens, server-side.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
SEARCH_SCORER = STATIC / "search-scorer.js"


def name_summaries(nav: Tag) -> Tag:
    """Give every chevron-only ``<summary>`` the name of the section it opens."""
    for summary in nav.find_all("summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        item = summary.find_parent("li")
        link = item.find("a", recursive=False) if item is not None else None
        section = link.get_text(strip=True) if link is not None else ""
        summary["aria-label"] = (
            f"Show or hide the pages in {section}" if section else "Show or hide sub-pages"
        )
    return nav


def _wrap_toctree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_seminar_named", False):
        return

    def generate_named(*args, **kwargs):
        nav = generate(*args, **kwargs)
        if isinstance(nav, str):
            return str(name_summaries(BeautifulSoup(nav, "html.parser")))
        return name_summaries(nav)

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
