"""sphinx-seminar: a Sphinx extension for the archive of a seminar or reading group.

Each feature lives in its own module and registers itself through a
``setup_<feature>(app)`` function; :func:`setup` only wires them together.

The build, in the order of Sphinx's events:

1. ``config-inited``: the ``seminar_*`` settings are checked, a misspelt one and
   the series' dated changes included (config), the search page's template added (search).
2. ``builder-inited``: the .bib files are checked entry by entry (references);
   the player's, the book theme's and the search page's scripts are copied
   (video, booktheme, search).
3. ``env-get-outdated``: pages that failed, listings whose pages came or went, and
   sessions whose poster changed are read again (frontmatter, listings, video).
4. ``source-read``: each session's front matter is validated into a record
   (frontmatter); ``doctree-read``: its header, reference list and prev/next
   placeholder are added (header), then the related-sessions placeholder (related);
   topic pages get their session list (listings).
5. ``env-updated``: the whole-archive views are made, duplicate numbers or dates
   and unknown citation keys counted, and the pages that show changed data are
   marked for writing by their fingerprints (dependencies).
6. ``doctree-resolved``: listings, prev/next links, related sessions, reference lists
   and "discussed in" are filled from the archive (listings, header, related,
   references, render);
   ``html-page-context``: JSON-LD, calendar and feed links (jsonld, ics, feed), the
   reader's-time script on session pages (header).
   Papers get COinS spans, a session its .bib file (coins, references).
   The list of all sessions gets its filter form, facets and script (facets), and
   headings by year; the people and references pages by initial, each with a row of
   links to its groups (headings).
   A topic page gets links to its own calendar and feed, in its text and head (ics, feed).
   Each page's text is marked for the search index, a session's with its filters (search).
7. ``build-finished``: a build with bad input fails, naming every problem
   (dependencies); otherwise the calendar, feed (the site's and each topic's) and
   sitemap are written where they changed (ics, feed, sitemap), and the written pages
   indexed for search with Pagefind (search).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .booktheme import setup_booktheme
from .coins import setup_coins
from .config import setup_config
from .dependencies import setup_dependencies
from .domain import setup_domain
from .facets import setup_facets
from .feed import setup_feed
from .frontmatter import setup_frontmatter
from .header import setup_header
from .headings import setup_headings
from .i18n import setup_i18n
from .ics import setup_calendar
from .jsonld import setup_jsonld
from .listings import setup_listings
from .navigation import setup_navigation
from .reference import setup_reference
from .references import setup_references
from .related import setup_related
from .search import setup_search
from .sitemap import setup_sitemap
from .video import setup_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.1.0"

#: Bump whenever the shape of the data stored in the environment changes.
ENV_VERSION = 7  # 6: references are #<key> (bibtex_cite_id); 7: no formatted-entry store


def setup(app: Sphinx) -> dict[str, object]:
    # a site lists only this extension: pages are MyST, papers are BibTeX citations
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.bibtex")
    setup_i18n(app)  # the labels' catalog for the site's language
    setup_config(app)
    setup_domain(app)
    setup_frontmatter(app)
    setup_header(app)
    setup_headings(app)
    setup_related(app)
    setup_listings(app)
    setup_facets(app)  # filters on the list of all sessions
    setup_references(app)
    setup_coins(app)  # the COinS spans of the papers, for reference managers
    setup_jsonld(app)
    setup_video(app)
    setup_calendar(app)
    setup_feed(app)
    setup_navigation(app)  # the book theme's sidebar, in time that does not grow with the archive
    setup_booktheme(app)  # with the book theme only: lighter pages, working sidebar buttons
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
