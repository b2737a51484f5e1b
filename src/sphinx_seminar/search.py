"""The search page, on a Pagefind index that a query downloads only in part.

Sphinx's own search loads its whole index (``searchindex.js``) before the first
result, and its size grows with the archive. Here, once an HTML build has
succeeded, Pagefind (``pagefind[bin]``, its command-line indexer) indexes the
written pages into ``<outdir>/pagefind/``: an index split into chunks, of which a
query fetches the few that hold its words, plus one small fragment per result shown.

What is indexed is each page's own text: every page of the project is wrapped in
a ``data-pagefind-body`` element (``html-page-context``), so the theme's navigation,
the search page and the 404 page are not; inside it, :data:`NOT_INDEXED` leaves out
what repeats from page to page (the location line, the player and its cookie
notice, BibTeX records, prev/next and related sessions, listings). Session pages
carry Pagefind filters (topic, year, speaker, recorded) and their date as
metadata, in hidden empty elements.

The search page is written by the theme as any other page (its ``page.html``, which
every Sphinx theme has), with the form and results of
``templates/search/seminar-search.html`` as its text: the theme's header,
navigation and sidebars stay, whichever blocks the theme's own ``search.html``
overrides (``body`` in Sphinx's basic theme is the whole page in Furo), and none of
Sphinx's search scripts or index is loaded. ``static/seminar-search.js`` reads
``?q=`` and the filters (``topic``, ``year``, ``speaker``, ``recorded``: the same as
on the list of all sessions, :mod:`facets`), asks Pagefind, and writes the results
as text.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from pagefind.service import get_executable
from sphinx.util import logging

from .assets import copy_static
from .builders import SITE_BUILDERS
from .config import settings
from .diagnostics import build_succeeded
from .digest import digest
from .domain import archive, seminar_domain
from .facets import (
    facet_choices,
    facet_labels,
    filter_page,
    no_match_messages,
    session_facets,
)
from .i18n import _, ngettext, plural_forms
from .markup import attributes
from .render import babel_locale, page_title, short_date

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


logger = logging.getLogger(__name__)

SCRIPT = "seminar-search.js"
TEMPLATES = Path(__file__).parent / "templates" / "search"
#: the search page's text (in TEMPLATES), written into the theme's PAGE
TEXT_TEMPLATE = "seminar-search.html"
#: the template of a theme's ordinary page
PAGE = "page.html"
#: the search bundle's folder in the output (the search page's script knows it too)
BUNDLE = "pagefind"
#: the file that names the index's parts: there is an index if it exists
ENTRY = "pagefind-entry.json"
#: beside the doctrees: the digest of the pages the index was made from
INDEXED_PAGES = "seminar-search-index.sha256"
#: what a page repeats from others, or what is not its text: never searched, never quoted
NOT_INDEXED = (
    ".headerlink",  # the "#" after each heading
    ".seminar-when",  # the date and time: shown beside the title of each result
    ".seminar-where",  # the same location line on every session of a period
    ".seminar-topics",  # the topic badges: searched as the session's weighted metadata
    ".seminar-video",  # the player: the title again, and the cookie notice
    ".seminar-no-recording",
    ".seminar-bibtex",  # the BibTeX record under each reference
    ".seminar-bibtex-actions",  # its copy button, named with the paper's title again
    ".seminar-add-to-calendar",  # a session's own calendar file: the same words on each
    ".seminar-topic-subscribe",  # a topic page's calendar and feed links
    ".seminar-jump",  # the row of links to a page's years or initials
    ".seminar-discussed-link",  # "All sessions on this paper"
    ".seminar-discussed-in",  # the titles of the sessions citing a paper: they find those
    ".seminar-bib-download",
    ".seminar-session-nav",  # the neighbours' titles
    ".seminar-related",  # the related sessions' titles
    ".seminar-listing",  # sessions listed on topic, year and people pages
    ".seminar-facets",
)


def _has_search_page(app: Sphinx) -> bool:
    """html and dirhtml (singlehtml has no search page, though its builder says search)."""
    return app.builder.name in SITE_BUILDERS and app.builder.search


def _add_templates(app: Sphinx, config: Config) -> None:
    # templates are loaded when the builder is made, before builder-inited; the
    # search page's text is only written by builders with a search page
    if str(TEMPLATES) not in config.templates_path:
        # a new list: the default one may be shared with other Sphinx instances
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def _copy_script(app: Sphinx) -> None:
    if _has_search_page(app):
        copy_static(app, SCRIPT)


# -- what the index holds ----------------------------------------------------------------


def _data(attribute: str, name: str, value: str) -> str:
    """An empty hidden element giving Pagefind one filter or metadata value."""
    data = {f"data_pagefind_{attribute}": f"{name}:{value}"}
    return f"<span hidden{attributes(**data)}></span>"


def _leave_out_of_sphinx_index(app: Sphinx, doctree) -> None:
    """Pagefind is the search: Sphinx's own index (searchindex.js, which no page loads
    any more) gets no page's words, through the documented ``nosearch`` metadata,
    so no build spends time stemming them."""
    if _has_search_page(app):
        app.env.metadata[app.env.docname]["nosearch"] = True


def _mark_indexed(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Wrap each page of the project in ``data-pagefind-body``; a session adds its
    filters, and its date, topics and speakers as metadata."""
    if not _has_search_page(app) or pagename not in app.env.all_docs or "body" not in context:
        return
    env = app.env
    parts = ["<div data-pagefind-body>", _data("meta", "title", page_title(env, pagename))]
    record = seminar_domain(env).sessions.get(pagename)
    topic = seminar_domain(env).topics.get(pagename)
    if topic is not None and topic.aliases:
        parts.append(_data("meta", "aliases", "; ".join(topic.aliases)))
    if record is not None:
        parts.append(_data("meta", "date", short_date(record, app.config.language)))
        # its topics and speakers weigh like its title (metaWeights in seminar-search.js)
        topics = archive(env).topics
        titles = [page_title(env, topics[slug].docname) for slug in record.topics if slug in topics]
        if titles:
            parts.append(_data("meta", "topics", "; ".join(titles)))
        aliases = [
            alias for slug in record.topics if slug in topics for alias in topics[slug].aliases
        ]
        if aliases:  # the topics' other names weigh like their titles
            parts.append(_data("meta", "aliases", "; ".join(aliases)))
        if record.speakers:
            parts.append(_data("meta", "speakers", "; ".join(record.speakers)))
        parts += [
            _data("filter", name, value)
            for name, values in session_facets(record).items()
            for value in values
        ]
    context["body"] = "".join([*parts, context["body"], "</div>"])


def index_command(executable: Path, site: Path, language: str | None) -> list[str]:
    """The pagefind command that indexes the HTML site ``site`` into ``site/pagefind``."""
    return [
        str(executable),
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE,
        "--exclude-selectors",
        ", ".join(NOT_INDEXED),
        # one index in the site's language, whatever a page's lang says
        "--force-language",
        babel_locale(language).language,
        # links as Sphinx writes them, also for dirhtml's folder/index.html
        "--keep-index-url",
        "--quiet",
    ]


def indexed_pages_digest(app: Sphinx, command: list[str]) -> str:
    """Everything the index is made from: the command and the project's pages as
    written (a rebuild that wrote them again unchanged needs no new index). Read
    from the files, as the pages of a parallel build are written in other processes."""
    pages = []
    for docname in sorted(app.env.all_docs):
        page = Path(app.outdir) / app.builder.get_outfilename(docname)
        pages.append(
            (docname, hashlib.sha256(page.read_bytes()).hexdigest() if page.is_file() else "")
        )
    return digest(command, pages)


def _index(app: Sphinx, exception: Exception | None) -> None:
    """Index the written site into ``<outdir>/pagefind/``, after a build that succeeded,
    unless the pages are those of the index there."""
    if not build_succeeded(app, exception) or not _has_search_page(app):
        return
    executable = get_executable()
    if executable is None:
        logger.warning(
            "the search index was not made: no pagefind executable (pip install 'pagefind[bin]')",
            type="seminar",
            subtype="search",
        )
        return
    command = index_command(executable, Path(app.outdir), app.config.language)
    made_from = Path(app.doctreedir) / INDEXED_PAGES
    inputs = indexed_pages_digest(app, command)
    bundle = Path(app.outdir) / BUNDLE
    if (bundle / ENTRY).is_file() and made_from.is_file() and made_from.read_text() == inputs:
        return
    if app.config.seminar_preview and (bundle / ENTRY).is_file():
        # Pagefind has no incremental mode (CloudCannon/pagefind#71): re-indexing the
        # whole site would double a preview's wait after each save
        logger.info("search index of an earlier build kept (seminar_preview)")
        return
    # a fresh bundle: no chunk of an earlier index stays behind
    shutil.rmtree(bundle, ignore_errors=True)
    made_from.unlink(missing_ok=True)
    logger.info("indexing the site for search (pagefind)... ", nonl=True)
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        problem = f"{executable} could not be run: {error}"
    else:
        if result.returncode == 0:
            made_from.write_text(inputs)
            logger.info("done")
            return
        output = (result.stderr or result.stdout).strip()[-2000:]
        problem = f"pagefind exited with {result.returncode}: {output}"
    logger.info("failed")
    logger.warning("the search index was not made: %s", problem, type="seminar", subtype="search")


# -- the search page ------------------------------------------------------------------------


def _search_page_context(app: Sphinx) -> dict:
    """The search page's form, labels and messages in the site's language."""
    env = app.env
    index = archive(env)
    series = settings(app)
    # every topic, also one without a session yet
    choices = facet_choices(env, index.sessions, index.topics)
    browse = [
        (app.builder.get_target_uri(docname), page_title(env, docname))
        for docname in (
            f"{series.sessions_dir}/index",
            f"{series.topics_dir}/index",
            series.references_doc,
        )
        if docname in env.all_docs
    ]
    # the count as the site's language says it, for every count a search can have
    counts = plural_forms(lambda n: ngettext("{count} result", "{count} results", n))
    messages = {
        "counts": counts,
        "searching": _("Searching…"),
        "nothing": _("Nothing found for “{query}”."),
        **no_match_messages(),
        "empty": _("Type a word to search, or choose a filter."),
        "more": _("More results"),
        "failed": _("The search could not be loaded."),
        "references": app.builder.get_target_uri(series.references_doc),
        # filters without words: the list of all sessions filters them (facets.py)
        "words": _("Type a word to search the sessions these filters leave."),
    }
    listing = filter_page(env)
    if listing is not None:
        messages["list"] = app.builder.get_target_uri(listing)
        messages["listed"] = _("Show them in the list of all sessions")
    return {
        "label": _("Search the archive"),
        "button": _("Search"),
        "filters": _("Narrow the results"),
        "facets": [
            (name, label, everything, choices[name]) for name, label, everything in facet_labels()
        ],
        "recorded": _("Recorded only"),
        "messages": json.dumps(messages, ensure_ascii=False),
        "no_script": _("The search needs JavaScript. Without it, browse the archive:"),
        "browse": browse,
    }


def _write_search_page(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> str | None:
    """The search page as the theme's ordinary page (the template name returned here,
    as html-page-context allows), its text the search form and results."""
    if templatename != "search.html" or not _has_search_page(app):
        return None
    search = _search_page_context(app)
    context["seminar_search"] = search
    context["title"] = search["button"]
    context["body"] = app.builder.templates.render(TEXT_TEMPLATE, context)
    # a search page is no page of the site to find in a search engine
    context["metatags"] = context.get("metatags", "") + '<meta name="robots" content="noindex" />'
    app.add_js_file(SCRIPT, loading_method="defer")
    return PAGE


def setup_search(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _copy_script)
    # after Sphinx's own metadata collector (default priority) filled the page's metadata
    app.connect("doctree-read", _leave_out_of_sphinx_index, priority=900)
    app.connect("html-page-context", _mark_indexed)
    app.connect("html-page-context", _write_search_page)
    # after the checks of dependencies.py, which fail a build with bad input
    app.connect("build-finished", _index, priority=900)
