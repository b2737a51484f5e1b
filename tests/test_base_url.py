"""The site's address (html_baseurl): what is read away from the site holds absolute URLs.

The sitemap, the JSON-LD and the OpenGraph tags of the real archive are absolute. A
site without an address warns once, at conf.py, and leaves those URLs out rather than
write relative ones. OpenGraph and the 404 page follow the address unless conf.py
sets them itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import defusedxml.ElementTree as SafeElementTree
import pytest
from helpers import copied_root, soup
from sphinx.util.console import strip_escape_sequences

from sphinx_seminar.sitemap import SITEMAP_NAMESPACE

#: the archive's address when built outside Read the Docs (conf.py's DEFAULT_BASE_URL)
ARCHIVE = "https://mlhzg-seminar.readthedocs.io/en/latest/"
ADDRESS = "https://reading.example.org/group/"
#: OpenGraph's tags that hold a URL
OPENGRAPH_URLS = frozenset({"og:url", "og:image", "og:image:url", "og:image:secure_url"})
#: the extensions a site may add, whose settings follow the address
ADDED = '\nextensions = ["sphinxext.opengraph", "notfound.extension", "sphinx_seminar"]\n'


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def json_ld(page: Path) -> list[dict]:
    return [json.loads(s.string) for s in soup(page).select('script[type="application/ld+json"]')]


def urls_in(data: object) -> list[str]:
    """Every value of a key that names a URL ('url', 'embedUrl', …), at any depth."""
    if isinstance(data, list):
        return [url for item in data for url in urls_in(item)]
    if not isinstance(data, dict):
        return []
    found = []
    for key, value in data.items():
        if key.lower().endswith("url") and isinstance(value, str):
            found.append(value)
        else:
            found.extend(urls_in(value))
    return found


def opengraph(page: Path) -> dict[str, str]:
    return {
        tag["property"]: tag["content"]
        for tag in soup(page).select("meta[property]")
        if tag["property"].startswith("og:")
    }


def og_urls(tags: dict[str, str]) -> list[str]:
    """The URLs among OpenGraph's tags (the page's, its image's)."""
    return [value for key, value in tags.items() if key in OPENGRAPH_URLS]


def session_pages(outdir: Path) -> list[Path]:
    return sorted(p for p in (outdir / "sessions").glob("2*-*.html") if json_ld(p))


# -- the real archive ---------------------------------------------------------------------


def test_the_archive_sitemap_is_absolute(site):
    root = SafeElementTree.parse(site / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.iter(f"{{{SITEMAP_NAMESPACE}}}loc")]
    assert len(locations) > 100
    assert [url for url in locations if not url.startswith(ARCHIVE)] == []


def test_the_archive_json_ld_and_opengraph_are_absolute(site):
    sessions = session_pages(site)
    assert len(sessions) > 50
    for page in sessions:
        urls = urls_in(json_ld(page))
        docname = page.relative_to(site).as_posix()
        assert f"{ARCHIVE}{docname}" in urls, page
        assert [url for url in urls if not is_absolute(url)] == [], page
    for page in [site / "index.html", site / "people.html", *sessions]:
        tags = opengraph(page)
        assert tags["og:url"] == f"{ARCHIVE}{page.relative_to(site).as_posix()}", page
        assert [url for url in og_urls(tags) if not is_absolute(url)] == [], page


def test_the_archive_404_page_loads_from_the_address_path(site):
    styles = [link["href"] for link in soup(site / "404.html").select('link[rel="stylesheet"]')]
    assert styles and all(href.startswith("/en/latest/_static/") for href in styles), styles


# -- a site without an address ------------------------------------------------------------


@pytest.fixture
def no_address(tmp_path, monkeypatch) -> Path:
    """The subscribe test project with sphinxext-opengraph and sphinx-notfound-page, and
    without html_baseurl."""
    srcdir = copied_root("subscribe", tmp_path, monkeypatch)
    conf = srcdir / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("html_baseurl", "extensions"))]
    conf.write_text("".join(kept) + ADDED, encoding="utf-8")
    return srcdir


def test_without_an_address_one_warning_and_no_relative_url(no_address, make_app):
    app = make_app("html", srcdir=no_address)
    app.build()
    warnings = strip_escape_sequences(app.warning.getvalue()).strip().splitlines()
    assert len(warnings) == 1, warnings
    warning = warnings[0]
    assert warning.startswith(f"{no_address / 'conf.py'}:1: WARNING: html_baseurl is not set")
    for needed in ("calendar", "feed", "sitemap.xml", "JSON-LD", "OpenGraph"):
        assert needed in warning
    assert warning.endswith("[seminar.baseurl]")
    out = app.outdir
    assert not (out / "sitemap.xml").exists()
    sessions = session_pages(out)
    assert sessions
    for page in sessions:
        urls = urls_in(json_ld(page))
        assert [url for url in urls if not is_absolute(url)] == [], page
        assert not any(page.name in url for url in urls), page  # its own URL is left out
    for page in [out / "index.html", out / "404.html", *sessions]:
        assert opengraph(page) == {}, page
        assert soup(page).select('link[rel="canonical"]') == [], page


def test_the_warning_can_be_silenced(no_address, make_app):
    app = make_app(
        "html", srcdir=no_address, confoverrides={"suppress_warnings": ["seminar.baseurl"]}
    )
    app.build()
    assert app.warning.getvalue() == ""


def test_other_builders_do_not_warn(no_address, make_app):
    app = make_app("text", srcdir=no_address)
    app.build()
    assert app.warning.getvalue() == ""


# -- OpenGraph and the 404 page follow the address ----------------------------------------


def test_opengraph_and_the_404_page_follow_the_address(no_address, make_app):
    app = make_app("html", srcdir=no_address, confoverrides={"html_baseurl": ADDRESS})
    assert app.config.ogp_site_url == ADDRESS
    assert app.config.notfound_urls_prefix == "/group/"
    app.build()
    assert app.warning.getvalue() == ""
    out = app.outdir
    assert opengraph(out / "people.html")["og:url"] == f"{ADDRESS}people.html"
    styles = [link["href"] for link in soup(out / "404.html").select('link[rel="stylesheet"]')]
    assert styles and all(href.startswith("/group/_static/") for href in styles), styles


def test_settings_of_conf_py_win(no_address, make_app):
    conf = no_address / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + 'ogp_site_url = "https://elsewhere.example.org/"\nnotfound_urls_prefix = "/"\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=no_address, confoverrides={"html_baseurl": ADDRESS})
    assert app.config.ogp_site_url == "https://elsewhere.example.org/"
    assert app.config.notfound_urls_prefix == "/"
