"""Reader-facing fixes around the theme: names for the sidebar's expand buttons, and
search results that put session pages first.

The book theme's sidebar wraps sub-pages in ``<details>`` whose ``<summary>`` holds
only a chevron icon, so screen readers announce an unnamed control (axe:
summary-name). Each summary gets the name of the section it opens, server-side.

Sphinx resolves the whole site's table of contents for every page's sidebar, a
cost that grows with the archive. Sessions of one year share that navigation
but for which entry is the current page, so it is resolved once per year and
the "current" mark is moved (``seminar_sidebar_cache``; a test builds the site
both ways and compares every page).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from .domain import archive

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


def move_current(markup: str, origin_href: str, page_href: str) -> str | None:
    """The navigation of a sibling page: the current mark moved from the page the
    markup was made for (linked from here as ``origin_href``) to ``page_href``;
    None where the markup is not the expected shape."""
    current = re.compile(
        r'<li class="(toctree-l\d+) current"><a class="current reference internal" href="#">'
    )
    target = re.compile(
        r'<li class="(toctree-l\d+)"><a class="reference internal" href="'
        + re.escape(page_href)
        + '">'
    )
    if len(current.findall(markup)) != 1 or len(target.findall(markup)) != 1:
        return None
    markup = current.sub(
        lambda m: f'<li class="{m[1]}"><a class="reference internal" href="{origin_href}">', markup
    )
    return target.sub(
        lambda m: f'<li class="{m[1]} current"><a class="current reference internal" href="#">',
        markup,
    )


def _sibling_group(app: Sphinx, pagename: str) -> tuple[str, str] | None:
    """Session pages with one parent in the navigation and one folder share it."""
    if not app.config.seminar_sidebar_cache or pagename not in archive(app.env).by_docname:
        return None
    parent = app.env.collect_relations().get(pagename, (None,))[0]
    return (parent, pagename.rpartition("/")[0]) if parent else None


def _share_toctree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    toctree = context.get("toctree")
    group = _sibling_group(app, pagename) if toctree is not None else None
    if group is None:
        return
    cache: dict = app.builder.__dict__.setdefault("_seminar_toctrees", {})
    builder = app.builder

    def shared_toctree(**kwargs):
        if not kwargs.get("titles_only"):  # the page's own sections would differ
            return toctree(**kwargs)
        key = (group, tuple(sorted(kwargs.items())))
        if key in cache:
            origin, markup = cache[key]
            moved = move_current(
                markup,
                builder.get_relative_uri(pagename, origin),
                builder.get_relative_uri(origin, pagename),
            )
            if moved is not None:
                return moved
        markup = toctree(**kwargs)
        cache[key] = (pagename, markup)
        return markup

    context["toctree"] = shared_toctree


def _use_search_scorer(app: Sphinx, config: Config) -> None:
    """Rank session pages above listings that merely mention a term (unless conf.py
    brings its own scorer)."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(SEARCH_SCORER)


def setup_navigation(app: Sphinx) -> None:
    app.add_config_value("seminar_sidebar_cache", True, "html", types=frozenset({bool}))
    app.connect("config-inited", _use_search_scorer)
    # before the theme's own handlers (500) call the toctree function
    app.connect("html-page-context", _share_toctree, priority=400)
    # after pydata-sphinx-theme puts generate_toctree_html into the context (500)
    app.connect("html-page-context", _wrap_toctree, priority=600)
