"""Which builders get what, in one place."""

from __future__ import annotations

#: web sites of separate pages: they get a sitemap and a search page
SITE_BUILDERS = frozenset({"html", "dirhtml"})
#: HTML read in a browser: the click-to-load player, the calendar and the feed
WEB_BUILDERS = SITE_BUILDERS | {"singlehtml"}
