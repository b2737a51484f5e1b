"""Sphinx configuration of the ML@HZG seminar archive (sources in docs/)."""

from __future__ import annotations

import os

# -- Project -------------------------------------------------------------------
project = "ML@HZG seminar archive"
author = "the ML@HZG seminar organizers"
copyright = "2020–2026, the ML@HZG seminar organizers"
language = "en"

# -- Extensions ----------------------------------------------------------------
# sphinx_seminar (pip install .) sets up MyST and sphinxcontrib-bibtex itself
extensions = [
    "sphinxext.opengraph",
    "notfound.extension",
    "sphinx_reredirects",
    # also writes sitemap.xml: sphinx-sitemap lists only the pages of the last
    # (incremental) build, jdillard/sphinx-sitemap#13 (see src/sphinx_seminar/sitemap.py)
    "sphinx_seminar",
]

# -- Sources -------------------------------------------------------------------
root_doc = "index"
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "deflist"]
# the front-matter `title` is the page title: no session repeats it as a heading
myst_title_to_header = True
myst_heading_anchors = 3

# -- The seminar series (src/sphinx_seminar/config.py validates these) -------------------
# The series as it began in March 2020; seminar_series_changes says what changed when.
seminar_series_name = "ML@HZG seminar"
seminar_timezone = "Europe/Berlin"
seminar_start_time = "15:00"
seminar_duration_minutes = 90
seminar_schedule = "every Tuesday"
seminar_location = "Helmholtz-Zentrum Geesthacht (HZG)"
seminar_attendance = "mixed"  # in person, with remote participants
seminar_streamed = True
seminar_organizer = "ML@HZG seminar, Helmholtz-Zentrum Geesthacht"
seminar_youtube_channel = "https://www.youtube.com/channel/UCyXAYFO3h-tBIEbPEqMnNKw"
seminar_mailing_list = "https://groups.google.com/forum/#!forum/mlhzg/join"
# the archive ends in March 2023; the group's weekly journal club goes on here
seminar_continues_at = "https://m-dml.org/journal_club.html"
# this archive's editorial rules: one session per date, every paper fully cited
seminar_unique_dates = True
seminar_strict_bibliography = True

# -- How the series changed ------------------------------------------------------------
# Each change holds from its date on, until the next; a session shows the series as it
# was on its own date, and a session's own `start` or `location` wins.
seminar_series_changes = [
    {
        "date": "2020-04-21",
        "note": "The seminar now meets every second Tuesday.",
        "schedule": "every second Tuesday",
    },
    {
        "date": "2021-03-31",
        "note": "HZG is renamed Helmholtz-Zentrum Hereon.",
        "location": "Helmholtz-Zentrum Hereon",
        "organizer": "ML@HZG seminar, Helmholtz-Zentrum Hereon",
    },
    {
        "date": "2021-11-01",
        "note": "Sessions are no longer streamed or recorded on YouTube; "
        "the last recording is of session 34 (19 October 2021).",
        "streamed": False,
    },
    {
        "date": "2022-01-01",
        "note": "The seminar meets on Zoom only.",
        "location": "Online, on Zoom",
        "attendance": "online",
    },
    {
        "date": "2024-12-27",
        "note": "The seminar has become a weekly journal club, at Hereon and online.",
        "schedule": "every Tuesday",
        "start_time": "11:00",
        "location": "Helmholtz-Zentrum Hereon, and online",
        "attendance": "mixed",
    },
]

# -- Moved pages -------------------------------------------------------------------------
# Old addresses keep working: a small page that forwards to the new one (same host).
# the forwarding page: sphinx-reredirects' own has no doctype and no title
redirect_html_template_file = "_templates/redirect.html"  # in docs/
redirects = {
    # session 11 was announced as "To be announced", and took place as this
    "sessions/2020-07-28-to-be-announced": "2020-07-28-teach-yourself-physics-in-2-million.html",
}

# -- Bibliography ----------------------------------------------------------------
# resolved against the folder of this file, not against docs/
bibtex_bibfiles = ["docs/refs.bib"]
bibtex_default_style = "plain"  # sorted by author, year and title
bibtex_reference_style = "author_year"

# -- Site address ------------------------------------------------------------------
# The archive's intended public address. Read the Docs' canonical URL wins, so every
# absolute URL (canonical links, sitemap, calendar, feed, OpenGraph) follows the host.
# sphinx_seminar points OpenGraph (ogp_site_url) and the 404 page's links
# (notfound_urls_prefix: its path, "/en/latest/" here) at this address too.
DEFAULT_BASE_URL = "https://mlhzg-seminar.readthedocs.io/en/latest/"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or DEFAULT_BASE_URL
ogp_site_name = "ML@HZG seminar archive"
ogp_enable_meta_description = True
# no generated preview images: they need matplotlib and cost seconds per page
ogp_social_cards = {"enable": False}

# -- HTML output ---------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "ML@HZG seminar"
html_static_path = ["docs/_static"]
html_favicon = "docs/_static/favicon.svg"
html_last_updated_fmt = None
# no index entries are written, so no empty index page (and 0.3 s less per build)
html_use_index = False
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "collapse_navbar": True,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    # each session page has its own chronological prev/next links
    "show_prev_next": False,
    # no icon links or analytics: nothing on a page may load from another host
    "icon_links": [],
    # the site's name once, at the start of the header bar (not again above the menu, whose
    # first entry is the home page), beside the search field
    "navbar_start": ["navbar-logo"],
    "analytics": {},
}
html_context = {"default_mode": "auto"}
# one search control (the header's; the theme's sidebar would add a second box), and the
# book theme's navigation made by sphinx-seminar, in time that does not grow with the archive
html_sidebars = {"**": ["seminar-sidebar-nav.html"]}
