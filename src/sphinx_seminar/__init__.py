"""sphinx-seminar: a Sphinx extension for the archive of a seminar or reading group.

Each feature lives in its own module and registers itself through a
``setup_<feature>(app)`` function; :func:`setup` only wires them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .booktheme import setup_booktheme
from .config import setup_config
from .dependencies import setup_dependencies
from .domain import setup_domain
from .feed import setup_feed
from .frontmatter import setup_frontmatter
from .header import setup_header
from .i18n import setup_i18n
from .ics import setup_calendar
from .jsonld import setup_jsonld
from .listings import setup_listings
from .reference import setup_reference
from .references import setup_references
from .search import setup_search
from .sitemap import setup_sitemap
from .video import setup_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.1.0"

#: Bump whenever the shape of the data stored in the environment changes.
ENV_VERSION = 5


def setup(app: Sphinx) -> dict[str, object]:
    # a site lists only this extension: pages are MyST, papers are BibTeX citations
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.bibtex")
    setup_i18n(app)  # the labels' catalog for the site's language
    setup_config(app)
    setup_domain(app)
    setup_frontmatter(app)
    setup_header(app)
    setup_listings(app)
    setup_references(app)
    setup_jsonld(app)
    setup_video(app)
    setup_calendar(app)
    setup_feed(app)
    setup_booktheme(app)  # names for the book theme's sidebar buttons, with that theme only
    setup_search(app)
    setup_dependencies(app)
    setup_sitemap(app)
    setup_reference(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
