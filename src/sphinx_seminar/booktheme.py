"""With the book theme only: lighter pages, working sidebar buttons, named controls.

Three things, each through a supported means and only when the site uses
sphinx-book-theme in a web builder:

- a ``layout.html`` (``templates/booktheme/``, added to ``templates_path``) that
  writes two of the theme's template blocks again without the Font Awesome
  script and without the search index the theme loads on every page, so that
  reading a session transfers about a fifth of what it did;
- ``seminar-booktheme.css``: the handful of icons the theme shows, as small SVG
  masks of our own instead of the icon font;
- ``seminar-booktheme.js``: names for the sidebar's expand buttons (a
  ``<summary>`` holding only a chevron, an unnamed control for screen readers),
  and the sidebar buttons made to work on phones, where the theme listens only
  on a hidden button (pydata/pydata-sphinx-theme#2451,
  executablebooks/sphinx-book-theme#988).

Nothing here reads or rewrites the theme's HTML during the build. With another
theme none of it is added, and each part says in a comment when it can go.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .assets import copy_static
from .builders import WEB_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

BOOK_THEME = "sphinx_book_theme"
SCRIPT = "seminar-booktheme.js"
STYLESHEET = "seminar-booktheme.css"
TEMPLATES = Path(__file__).parent / "templates" / "booktheme"
#: the page context flag that switches the lighter blocks of layout.html on
CONTEXT_FLAG = "seminar_book_theme"


def uses_book_theme(app: Sphinx) -> bool:
    """HTML read in a browser (not an e-book, which has a theme of its own) built with
    the book theme."""
    return app.builder.name in WEB_BUILDERS and app.config.html_theme == BOOK_THEME


def _add_templates(app: Sphinx, config: Config) -> None:
    # templates are loaded when the builder is made, before builder-inited; the
    # layout is a no-op for builders that are not web builders (CONTEXT_FLAG)
    if config.html_theme == BOOK_THEME and str(TEMPLATES) not in config.templates_path:
        # a new list: the default one may be shared with other Sphinx instances
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def _add_assets(app: Sphinx) -> None:
    if uses_book_theme(app):
        copy_static(app, SCRIPT, STYLESHEET)
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(STYLESHEET)


def _flag_lighter_layout(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if uses_book_theme(app):
        context[CONTEXT_FLAG] = True


def setup_booktheme(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _add_assets)
    app.connect("html-page-context", _flag_lighter_layout)
