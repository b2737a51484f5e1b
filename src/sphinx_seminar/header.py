"""The session page frame: a header from the front matter, the references, prev/next links.

A session's previous and next sessions are its neighbours in time, whatever order
the tables of contents list the sessions in (newest first, by year). They are
given to the theme as Sphinx's standard ``prev`` and ``next`` (and the relation
bar's links), so the theme's own previous/next links and the page's
``<link rel="prev">`` lead there too. The extension's own bar, at the end of the
page, is written unless the theme shows a bar of its own there
(:data:`THEMES_WITH_PREV_NEXT`); ``seminar_prev_next = True`` or ``False``
decides it for any theme. So a page has one previous/next bar. (Alabaster's
"Related Topics" box names the same neighbours: it is part of the sidebar, not a
bar where the page ends, and the extension's bar stays.)

The header gives the session's time as the seminar kept it, in a ``<time>`` whose
``datetime`` is the start with its UTC offset. On the web, ``static/seminar-time.js``
adds the same moment in the reader's own time zone where that differs; the phrase
comes, translated, from its script element's ``data-phrase``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _ as sphinx_label

from .assets import copy_static
from .builders import SITE_BUILDERS, WEB_BUILDERS
from .config import settings
from .diagnostics import report_warning
from .domain import archive, seminar_domain
from .i18n import N_, _
from .markup import attributes
from .render import (
    is_paper_citation,
    page_title,
    session_link,
    setup_render,
    speaker_label,
    speaker_links,
    topic_badge,
    when,
    where,
)
from .scaffold import PLACEHOLDER_SENTENCE
from .timeline import build_moment, is_upcoming
from .video import recording_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from .model import SessionRecord

TIME_JS = "seminar-time.js"
#: the reader's time, filled in by the script: '09:00' or 'Wed 6 May, 00:30', and
#: the reader's time zone ('America/New_York')
LOCAL_TIME = N_("{time} in your time zone ({zone})")
#: themes that show Sphinx's ``prev``/``next`` as a bar at the end of every page, and
#: the theme option that switches the bar off (None: it is always shown); both
#: options default to True (tests/browser/test_themes.py sees each theme's bar)
THEMES_WITH_PREV_NEXT: dict[str, str | None] = {
    "furo": None,
    "pydata_sphinx_theme": "show_prev_next",
    "sphinx_book_theme": "show_prev_next",
}


class seminar_time(nodes.Inline, nodes.TextElement):
    """The session's date and time; ``datetime`` is its start in ISO 8601 with offset."""


def visit_time_html(self: HTML5Translator, node: seminar_time) -> None:
    self.body.append(f'<time class="seminar-time"{attributes(datetime=node["datetime"])}>')


def depart_time_html(self: HTML5Translator, node: seminar_time) -> None:
    self.body.append("</time>")


class seminar_session_nav(nodes.General, nodes.Element):
    """Placeholder for the previous/next session links, filled when the page is written."""


class seminar_session_references(nodes.General, nodes.Element):
    """Placeholder for the session's list of cited papers, filled when the page is written."""


def header_node(record: SessionRecord, app: Sphinx) -> nodes.container:
    series = settings(app)
    header = nodes.container(classes=["seminar-session-header"])
    meta = nodes.paragraph(classes=["seminar-when"])
    meta += nodes.strong("", _("Session {number}").format(number=record.number))
    meta += nodes.Text(" · ")
    meta += seminar_time(
        "",
        when(record, series, app.config.language),
        datetime=record.starts_at(series).isoformat(),
    )
    header += meta
    header += nodes.paragraph(
        "", "", nodes.Text(_("Where") + f": {where(record, series)}"), classes=["seminar-where"]
    )
    if record.speakers:
        header += nodes.paragraph(
            "",
            "",
            nodes.Text(f"{speaker_label(record)}: "),
            *speaker_links(record, series.people_doc),
            classes=["seminar-speakers"],
        )
    if record.topics:
        badges = nodes.paragraph(classes=["seminar-topics"])
        badges += nodes.Text(_("Topics") + ": ")
        for index, slug in enumerate(record.topics):
            if index:
                badges += nodes.Text(" ")
            badges += topic_badge(series.topics_dir, slug)
        header += badges
    header += recording_node(record)
    return header


def _cites_papers(doctree: nodes.document) -> bool:
    return any(is_paper_citation(node) for node in doctree.findall(nodes.Element))


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    record = seminar_domain(app.env).sessions.get(docname)
    if record is None:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title = section.next_node(nodes.title)
    section.insert(section.index(title) + 1, header_node(record, app))
    if _cites_papers(doctree):
        references = nodes.section(ids=["references"], names=["references"])
        references += nodes.title("", _("References"))
        references += seminar_session_references(docname=docname)
        section += references
    section += seminar_session_nav(docname=docname)
    # link previews (sphinxext-opengraph) describe the session, not its header line
    if record.summary:
        app.env.metadata[docname].setdefault("og:description", record.summary)


def _nav_node(docname: str, app: Sphinx) -> nodes.Node:
    before, after = archive(app.env).neighbours(docname)
    # no-search: a search for a word of a neighbour's title should not find this page
    nav = nodes.container(classes=["seminar-session-nav", "no-search"])
    if before is not None:
        nav += nodes.paragraph(
            "",
            "",
            nodes.Text("← " + _("Previous") + ": "),
            session_link(before),
            classes=["seminar-prev"],
        )
    if after is not None:
        nav += nodes.paragraph(
            "",
            "",
            nodes.Text(_("Next") + ": "),
            session_link(after, suffix=" →"),
            classes=["seminar-next"],
        )
    return nav


def theme_shows_prev_next(app: Sphinx) -> bool:
    """Whether the site's theme ends every page of a web site with Sphinx's prev/next
    (an e-book, or the single page of singlehtml, has no such bar)."""
    if app.builder.name not in SITE_BUILDERS or app.config.html_theme not in THEMES_WITH_PREV_NEXT:
        return False
    option = THEMES_WITH_PREV_NEXT[app.config.html_theme]
    return option is None or bool(app.config.html_theme_options.get(option, True))


def writes_prev_next(app: Sphinx) -> bool:
    """Whether session pages end in the extension's previous/next bar."""
    chosen = app.config.seminar_prev_next
    return not theme_shows_prev_next(app) if chosen is None else chosen


def _expand_nav(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the prev/next placeholder from the chronological order of all sessions,
    unless the theme's own bar shows them."""
    wanted = writes_prev_next(app)
    for node in list(doctree.findall(seminar_session_nav)):
        if wanted and node["docname"] in archive(app.env).position:
            node.replace_self(_nav_node(node["docname"], app))
        else:
            node.parent.remove(node)


def _neighbours_for_theme(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """A session's neighbours in time as Sphinx's ``prev`` and ``next`` and the relation
    bar's links, in place of its neighbours in the tables of contents; none before the
    first session or after the last."""
    index = archive(app.env)
    if pagename not in index.position:
        return
    before, after = index.neighbours(pagename)

    def related(record: SessionRecord | None) -> dict[str, str] | None:
        if record is None:
            return None
        title = escape(page_title(app.env, record.docname))
        return {"link": context["pathto"](record.docname), "title": title}

    context["prev"], context["next"] = related(before), related(after)
    relations = [link for link in context.get("rellinks", []) if link[2] not in ("N", "P")]
    if after is not None:
        relations.append((after.docname, context["next"]["title"], "N", sphinx_label("next")))
    if before is not None:
        relations.append((before.docname, context["prev"]["title"], "P", sphinx_label("previous")))
    context["rellinks"] = relations


def _check_placeholder(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A session that has taken place but still says what ``sphinx-seminar new`` wrote
    in place of its text: a warning naming the file and line (checked when the page
    is written, which it is again once the session has taken place)."""
    record = archive(app.env).by_docname.get(docname)
    series = settings(app)
    if record is None or is_upcoming(record, series, build_moment(series)):
        return
    # as ``new`` wrote it: in the site's language, or in English (a site made before)
    placeholders = {PLACEHOLDER_SENTENCE, _(PLACEHOLDER_SENTENCE)}
    for paragraph in doctree.findall(nodes.paragraph):
        if any(sentence in paragraph.astext() for sentence in placeholders):
            report_warning(
                "placeholder",
                f"session {record.number} of {record.date} has taken place, but its page "
                "still has the new page's placeholder sentence: replace it with what "
                "was discussed",
                paragraph,
            )


def _plain_time(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Builders without an HTML visitor (latex, text, man, ...) get the time as text."""
    if app.builder.format == "html":
        return
    for node in list(doctree.findall(seminar_time)):
        node.replace_self(nodes.Text(node.astext()))


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.name in WEB_BUILDERS:
        copy_static(app, TIME_JS)


def _add_time_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """The reader's-time script, deferred, on the pages with a session's time only."""
    if doctree is None or app.builder.name not in WEB_BUILDERS:
        return
    if any(doctree.findall(seminar_time)):
        app.add_js_file(TIME_JS, loading_method="defer", **{"data-phrase": _(LOCAL_TIME)})


def setup_header(app: Sphinx) -> None:
    setup_render(app)
    app.add_node(seminar_session_nav)
    app.add_node(seminar_session_references)
    app.add_node(seminar_time, html=(visit_time_html, depart_time_html))
    app.connect("builder-inited", _on_builder_inited)
    app.connect("doctree-resolved", _plain_time)
    app.connect("html-page-context", _add_time_script)
    app.connect("html-page-context", _neighbours_for_theme)
    # before Sphinx's own collectors (priority 500), so the TOC sees the added sections
    app.connect("doctree-resolved", _expand_nav)
    app.connect("doctree-resolved", _check_placeholder)
    app.connect("doctree-read", _on_doctree_read, priority=400)
