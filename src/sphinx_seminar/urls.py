"""The site's address (``html_baseurl``) and the URLs made from it.

The calendar, the feeds, the sitemap, the JSON-LD and OpenGraph are read away from
the site (by calendar programs, feed readers, search engines, link previews), where a
relative URL leads nowhere: they hold absolute URLs, or leave a URL out where the
site's address is not known (:func:`absolute_url`). A web build without an address
says once what it leaves out. Links inside the pages stay relative, so the site
works wherever it is copied. The extensions a site may add follow the same address:
sphinxext-opengraph's ``ogp_site_url`` and sphinx-notfound-page's
``notfound_urls_prefix`` (the 404 page is served at any depth, so its links start
at the site's root path), unless conf.py sets them itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sphinx.util import logging

from .builders import WEB_BUILDERS
from .config import conf_assignments
from .diagnostics import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: the warning's subtype: ``suppress_warnings = ["seminar.baseurl"]`` silences it
BASEURL_WARNING = "baseurl"
#: what needs the site's address, as the warning names it
NEEDS_ADDRESS = "calendars, feeds, sitemap.xml, JSON-LD and OpenGraph tags"


def site_address(app: Sphinx) -> str | None:
    """``html_baseurl``, ending in '/', or None where the site's address is not set."""
    base = app.config.html_baseurl
    if not base:
        return None
    return base if base.endswith("/") else f"{base}/"


def absolute_url(app: Sphinx, path: str) -> str | None:
    """``path`` (relative to the site's root) under the site's address; None without one,
    so that callers leave the URL out rather than write a relative one."""
    base = site_address(app)
    return None if base is None else f"{base}{path}"


def absolute_page_url(app: Sphinx, docname: str) -> str | None:
    """The page's absolute address, as the builder names its file (``x.html``, ``x/``)."""
    return absolute_url(app, app.builder.get_target_uri(docname))


def webcal_url(app: Sphinx, path: str) -> str | None:
    """A calendar file's ``webcal://`` address, which calendar programs subscribe to (the
    site's http(s) address with its scheme replaced); None where the site's address is
    not known, as a relative link cannot be subscribed to."""
    scheme, found, rest = (absolute_url(app, path) or "").partition("://")
    if not found or scheme not in {"http", "https"}:
        return None
    return f"webcal://{rest}"


def _set_in_conf(app: Sphinx, config: Config, name: str) -> bool:
    """Whether conf.py (or ``-D``) sets ``name`` itself."""
    return name in config.overrides or name in conf_assignments(Path(app.confdir) / "conf.py")


def _follow_address(app: Sphinx, config: Config) -> None:
    """OpenGraph's and the 404 page's settings from ``html_baseurl``, where conf.py
    leaves them to their defaults (OpenGraph's: relative ``og:url``; the 404 page's:
    Read the Docs' ``/en/latest/``, wrong on any other host)."""
    base = config.html_baseurl
    if not base:
        return
    base = base if base.endswith("/") else f"{base}/"
    if "ogp_site_url" in config and not _set_in_conf(app, config, "ogp_site_url"):
        config.ogp_site_url = base
    if "notfound_urls_prefix" in config and not _set_in_conf(app, config, "notfound_urls_prefix"):
        config.notfound_urls_prefix = urlsplit(base).path or "/"


def _warn_without_address(app: Sphinx) -> None:
    if app.builder.name not in WEB_BUILDERS or app.config.html_baseurl:
        return
    conf_py = Path(app.confdir) / "conf.py"
    # the line that sets it empty, else the file's first ("file:line", as Sphinx reports)
    assignment = conf_assignments(conf_py).get("html_baseurl")
    line = assignment.lineno if assignment is not None else 1
    logger.warning(
        "html_baseurl is not set: the %s need the site's address (such as "
        "'https://example.org/seminar/') for their URLs, which must be absolute; "
        "without it they are left out",
        NEEDS_ADDRESS,
        type=WARNING_TYPE,
        subtype=BASEURL_WARNING,
        location=f"{conf_py}:{line}",
    )


def _no_relative_opengraph(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """Without the site's address, sphinxext-opengraph would write a relative ``og:url``
    (and image URL): it has no option to leave them out, so its tags are left out, with
    its per-page switch ``ogp_disable``."""
    if app.config.html_baseurl or "ogp_site_url" not in app.config:
        return
    # a copy: the page's metadata in the environment stays as it was read
    context["meta"] = {**(context.get("meta") or {}), "ogp_disable": True}


def setup_urls(app: Sphinx) -> None:
    app.connect("config-inited", _follow_address)
    app.connect("builder-inited", _warn_without_address)
    # before sphinxext-opengraph writes its tags (priority 500)
    app.connect("html-page-context", _no_relative_opengraph, priority=450)
