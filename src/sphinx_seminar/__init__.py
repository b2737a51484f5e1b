"""sphinx-seminar: a Sphinx extension for the archive of a seminar or reading group.

Each feature lives in its own module and registers itself through a
``setup_<feature>(app)`` function; :func:`setup` only wires them together.

The build, in the order of Sphinx's events:

1. ``config-inited``: the ``seminar_*`` settings are checked, a misspelt one and
   the series' dated changes included, each bad one logged at its line of conf.py
   (config); a language without a catalog is a warning (i18n); pybtex's styles
   become their twins in the site's language (references, bibstyle); the search
   page's template added (search); OpenGraph's and the 404 page's settings follow
   the site's address (urls).
2. ``builder-inited``: a web build without the site's address warns once (urls);
   the .bib files are checked entry by entry (references);
   the player's, the book theme's and the search page's scripts are copied
   (video, booktheme, search).
3. ``env-get-outdated``: pages that failed, listings whose pages came or went, and
   sessions whose poster changed are read again (frontmatter, listings, video).
4. ``source-read``: each session's front matter is validated into a record; a page
   that fails is read with a front matter of its title only (frontmatter);
   ``doctree-read``: its header, reference list and prev/next placeholder are
   added (header), then the related-sessions placeholder (related);
   topic pages get their session list (listings); every page is described by its
   summary or first paragraph, for link previews (descriptions).
5. ``env-updated``: the whole-archive views are made, duplicate numbers, ids or dates,
   numbers out of date order and unknown citation keys counted, and the pages that
   show changed data (or a session that has taken place since) are marked for
   writing by their fingerprints (dependencies).
6. ``doctree-resolved``: listings, prev/next links (unless the theme shows its own),
   related sessions, reference lists and "discussed in" are filled from the archive
   (listings, header, related, references, render);
   a past session says it has no recording (video) and is checked for the new
   page's placeholder sentence (header);
   a topic page gets the line that links its own calendar and feed, the list of
   topics each topic's (channels); a session's header names its main paper
   (references) and links its own calendar (ics); each entry of the list of all
   sessions gets the addresses of its calendar and .bib, the filter form each
   topic's calendar and feed (facets);
   ``html-page-context``: the page's description as a meta tag (descriptions),
   JSON-LD, calendar and feed links (jsonld, ics, feed, each
   page's channels from channels), the reader's-time script on session pages and a
   session's neighbours in time as the theme's prev/next (header).
   Papers get COinS spans, a session its .bib file (coins, references).
   The list of all sessions gets its filter form, facets and script, and the early
   filter in its head (facets), and headings by year; the people and references
   pages by initial, each with a row of links to its groups (headings).
   A topic page's head links its own calendar and feed too (ics, feed).
   Each page's text is marked for the search index, a session's with its filters; the
   search page is the theme's ordinary page with the search form as its text (search).
7. ``build-finished``: a build with bad input, every problem logged, exits with
   status 1 and its pages with bad sources are removed (dependencies); otherwise
   each channel's calendar and feed (the site's and each topic's) are written where
   their inputs changed (channels), the calendar with its time zone as rules every
   client reads (ics, vtimezone), each session's own calendar where it changed
   (ics), the feed (feed), then the sitemap (sitemap), and the written pages indexed
   for search with Pagefind (search; a live preview, ``seminar_preview``, keeps the
   index of its first build).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .booktheme import setup_booktheme
from .channels import setup_channels
from .coins import setup_coins
from .config import setup_config
from .dependencies import setup_dependencies
from .descriptions import setup_descriptions
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
from .urls import setup_urls
from .video import setup_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.1.0"

#: Bump whenever the shape of the data stored in the environment changes.
ENV_VERSION = 8  # 6: references are #<key> (bibtex_cite_id); 7: no formatted-entry store;
# 8: sessions' id and revised


def setup(app: Sphinx) -> dict[str, object]:
    # a site lists only this extension: pages are MyST, papers are BibTeX citations
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.bibtex")
    setup_i18n(app)  # the labels' catalog for the site's language
    setup_config(app)
    setup_urls(app)  # the site's address: absolute URLs, or a warning without one
    setup_domain(app)
    setup_frontmatter(app)
    setup_header(app)
    setup_headings(app)
    setup_related(app)
    setup_listings(app)
    setup_facets(app)  # filters on the list of all sessions
    setup_references(app)
    setup_coins(app)  # the COinS spans of the papers, for reference managers
    setup_descriptions(app)  # link previews: a page's summary or first paragraph
    setup_jsonld(app)
    setup_video(app)
    setup_channels(app)  # which calendars and feeds, their links on topic pages
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
