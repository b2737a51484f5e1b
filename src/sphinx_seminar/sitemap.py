"""The sitemap: ``sitemap.xml`` next to the HTML pages, every page of the archive in it.

sphinx-sitemap collects the pages as they are written, so after an incremental
build its sitemap names only the pages of that build (jdillard/sphinx-sitemap#13,
open since 2018), and it starts a multiprocessing manager in every build to
collect them (about 0.1 s, a tenth of a rebuild). The pages are all known from the
environment, so the sitemap is made from it when the build has finished: the
same file after a clean, an incremental or a parallel build. Search, 404 and
index pages are not documents, so search engines are not pointed at them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from sphinx.util import logging

from .builders import SITE_BUILDERS
from .diagnostics import build_succeeded
from .ics import AFTER_CHECKS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

SITEMAP_FILE = "sitemap.xml"
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(base_url: str, uris: list[str]) -> bytes:
    """A sitemap of ``uris`` (relative to ``base_url``), in the given order."""
    base = base_url if base_url.endswith("/") else f"{base_url}/"
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for uri in uris:
        url = ElementTree.SubElement(urlset, "url")
        ElementTree.SubElement(url, "loc").text = f"{base}{uri}"
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if not build_succeeded(app, exception) or app.builder.name not in SITE_BUILDERS:
        return
    if not app.config.html_baseurl:
        logger.info("sitemap.xml not written: it needs html_baseurl, the site's address")
        return
    uris = sorted(app.builder.get_target_uri(docname) for docname in app.env.found_docs)
    content = sitemap_xml(app.config.html_baseurl, uris)
    path = Path(app.outdir) / SITEMAP_FILE
    if not path.is_file() or path.read_bytes() != content:
        path.write_bytes(content)


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", _write_sitemap, priority=AFTER_CHECKS)
