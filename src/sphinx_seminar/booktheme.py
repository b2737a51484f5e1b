"""With the book theme only: names for the sidebar's expand buttons.

sphinx-book-theme (through pydata-sphinx-theme) puts the sub-pages of a sidebar
entry into a ``<details>`` whose ``<summary>`` holds only a chevron icon, so
screen readers announce an unnamed control (axe: summary-name). A small script
of the extension, loaded deferred on every page, names each such summary after
the section it opens ("Show or hide the pages in 2020") in the reader's browser.

Nothing here reads or rewrites the theme's HTML during the build, and nothing
depends on the theme's internals: with another theme the script is not even
added, and if a later version of the book theme names its buttons itself, the
script leaves them as they are. Without JavaScript the buttons stay as the theme
made them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assets import copy_static
from .builders import WEB_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

BOOK_THEME = "sphinx_book_theme"
SCRIPT = "seminar-booktheme.js"


def uses_book_theme(app: Sphinx) -> bool:
    """HTML read in a browser (not an e-book, which has a theme of its own) built with
    the book theme."""
    return app.builder.name in WEB_BUILDERS and app.config.html_theme == BOOK_THEME


def _name_summaries_in_the_browser(app: Sphinx) -> None:
    if uses_book_theme(app):
        copy_static(app, SCRIPT)
        app.add_js_file(SCRIPT, loading_method="defer")


def setup_booktheme(app: Sphinx) -> None:
    app.connect("builder-inited", _name_summaries_in_the_browser)
