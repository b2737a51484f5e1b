"""Addresses of the site's pages and files: absolute where ``html_baseurl`` gives the
site's address (canonical links, JSON-LD, calendar, feed), else relative to the site."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def site_url(app: Sphinx, path: str) -> str:
    """``path`` (relative to the site's root) under ``html_baseurl``, if there is one."""
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{path}" if base else path


def page_url(app: Sphinx, docname: str) -> str:
    """The address of a page, as the builder names its file (``x.html``, ``x/``)."""
    return site_url(app, app.builder.get_target_uri(docname))


def webcal_url(app: Sphinx, path: str) -> str | None:
    """A calendar file's ``webcal://`` address, which calendar programs subscribe to (the
    site's http(s) address with its scheme replaced); None where the site's address is
    not known, as a relative link cannot be subscribed to."""
    scheme, found, rest = site_url(app, path).partition("://")
    if not found or scheme not in {"http", "https"}:
        return None
    return f"webcal://{rest}"


def absolute_page_url(app: Sphinx, docname: str) -> str | None:
    """The page's absolute address, or None where ``html_baseurl`` does not give the
    site's: what leaves the site (calendars, feeds) must never hold a relative link."""
    url = page_url(app, docname)
    return url if "://" in url else None
