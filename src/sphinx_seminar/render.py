"""Docutils building blocks shared by the header, the listings and the references.

Links between pages are made at read time as :class:`seminar_link` nodes and
turned into references when the page is written, so they work for every builder
and always carry the target page's current title.

Dates and times are written with Babel in the site's ``language`` (Sphinx's
``language``, English by default), never in the locale of the machine that builds.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from docutils import nodes
from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.richtext import Text

from .config import SeriesSettings, SeriesState
from .domain import archive
from .i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import SessionRecord

    #: a catalog's lookup: the build's (:func:`_`) or a command's (``translations().gettext``)
    Translate = Callable[[str], str]


def is_paper_citation(node: nodes.Node) -> bool:
    """A citation of sphinxcontrib-bibtex's roles ({cite:p}, {cite:t}, ...), unresolved."""
    return isinstance(node, nodes.Element) and node.get("refdomain") == "cite"


class seminar_link(nodes.inline):
    """A link to another page (and anchor), resolved when the page is written."""


def link(
    target: str,
    *children: nodes.Node,
    anchor: str = "",
    query: str = "",
    classes: list[str] | None = None,
):
    """A link to docname ``target``; without children it shows the target's title.
    ``query`` ('recorded=1') is added to the address, for the session list's filters."""
    node = seminar_link(
        "", "", *children, target=target, anchor=anchor, query=query, prefix="", suffix=""
    )
    node["classes"] = list(classes or [])
    return node


def session_link(record: SessionRecord, suffix: str = "", strong: bool = False, classes=None):
    """'N. Title' linking to a session; the title as its page shows it (typographic quotes)."""
    node = link(record.docname, classes=classes)
    node["prefix"], node["suffix"], node["strong"] = f"{record.number}. ", suffix, strong
    return node


def resolve_links(app: Sphinx, document: nodes.Node, fromdoc: str) -> None:
    """Turn :class:`seminar_link` nodes into references (plain text if the page is gone)."""
    env = app.env
    for node in list(document.findall(seminar_link)):
        target = node["target"]
        children = node.children or [_titled(env, node)]
        if target not in env.all_docs:
            node.replace_self(nodes.inline("", "", *children, classes=node["classes"]))
            continue
        query = node.get("query", "")
        if target == fromdoc and node["anchor"] and not query:
            uri = f"#{node['anchor']}"
        else:
            uri = relative_page_uri(app, fromdoc, target)
            if query:
                uri = f"{uri}?{query}"
            if node["anchor"]:
                uri = f"{uri}#{node['anchor']}"
        reference = nodes.reference(
            "", "", *children, internal=True, refuri=uri, classes=node["classes"]
        )
        node.replace_self(reference)


def relative_page_uri(app: Sphinx, fromdoc: str, target: str) -> str:
    """The address of page ``target`` relative to ``fromdoc``; a page's own is its file
    name ('index.html', './' for dirhtml), never '', which would keep the query string."""
    uri = app.builder.get_relative_uri(fromdoc, target)
    if uri or target != fromdoc:
        return uri
    return posixpath.basename(app.builder.get_target_uri(target)) or "./"


def _titled(env, node: seminar_link) -> nodes.Node:
    text = nodes.Text(
        f"{node.get('prefix', '')}{page_title(env, node['target'])}{node.get('suffix', '')}"
    )
    return nodes.strong("", "", text) if node.get("strong") else text


def page_title(env, docname: str) -> str:
    """A page's title as its heading shows it (the docname if the page has none).

    Asked for thousands of times per build, once all pages are read; remembered
    until a page is read or purged again (see the seminar domain)."""
    known = env.get_domain("seminar").titles
    if docname not in known:
        title = env.titles.get(docname)
        known[docname] = title.astext() if title is not None else docname
    return known[docname]


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of a text: 'Sønderby, Straße' -> ['sonderby', 'strasse']."""
    text = text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", folded.lower())


def slugify(text: str) -> str:
    """An ASCII id for names such as 'Sønderby' -> 'sonderby'."""
    return "-".join(ascii_words(text)) or "person"


#: Babel patterns of the dates, per language: English keeps the archive's own
#: day-month-year style ('Tuesday, 24 March 2020'), German writes 'Dienstag, 24. März
#: 2020'; any other language gets CLDR's formats (:data:`CLDR_FORMATS`).
DATE_PATTERNS: dict[str, dict[str, str]] = {
    "en": {"weekday": "EEEE, d MMMM y", "short": "d MMM y", "long": "d MMMM y"},
    "de": {"weekday": "EEEE, d. MMMM y", "short": "d. MMM y", "long": "d. MMMM y"},
}
CLDR_FORMATS = {"weekday": "full", "short": "medium", "long": "long"}
#: times on the 24-hour clock, in every language
TIME_PATTERN = "HH:mm"


@lru_cache
def surname_key(name: str) -> tuple[str, str]:
    """How the people page sorts names: by surname, particles ('von', 'de') kept with it."""
    parts = name.split()
    particles = {"von", "van", "de", "der", "den", "da", "di", "du", "la", "le"}
    while len(parts) > 1 and parts[-2].lower() in particles:
        parts[-2:] = [f"{parts[-2]} {parts[-1]}"]
    surname = parts[-1]
    for particle in particles:
        surname = surname.removeprefix(f"{particle} ")
    return (slugify(surname), slugify(name))


def babel_locale(language: str | None) -> Locale:
    """The Babel locale of a Sphinx ``language`` ('de', 'pt_BR'); English if Babel has none."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _date(day: date, kind: str, language: str | None) -> str:
    locale = babel_locale(language)
    patterns = DATE_PATTERNS.get(str(locale)) or DATE_PATTERNS.get(locale.language)
    return format_date(day, patterns[kind] if patterns else CLDR_FORMATS[kind], locale=locale)


def when(record: SessionRecord, series: SeriesSettings, language: str | None) -> str:
    """'Tuesday, 24 March 2020, 15:00–16:30 CET (UTC+01:00)';
    'Dienstag, 24. März 2020, 15:00–16:30 MEZ (UTC+01:00)' in German."""
    start = record.starts_at(series)
    end = record.ends_at(series)
    locale = babel_locale(language)
    return (
        f"{_date(start.date(), 'weekday', language)}, "
        f"{format_datetime(start, TIME_PATTERN, locale=locale)}–"
        f"{format_datetime(end, TIME_PATTERN, locale=locale)} "
        f"{_zone_name(start, locale)} ({_utc_offset(start)})"
    )


def short_date(record: SessionRecord, language: str | None) -> str:
    """'24 Mar 2020' ('24. März 2020'): a session's date in listings."""
    return _date(record.date, "short", language)


def long_date(day: date, language: str | None) -> str:
    """'21 April 2020' ('21. April 2020')."""
    return _date(day, "long", language)


def _zone_name(moment: datetime, locale: Locale) -> str:
    """The zone's abbreviation in the language ('MEZ') where CLDR has one, else the
    one the time zone database gives ('CET', 'MST')."""
    name = format_datetime(moment, "z", locale=locale)
    if any(char.isdigit() or char.isspace() for char in name):  # '+0100', 'GMT-7'
        return moment.tzname() or name
    return name


def when_text(state: SeriesState, series: SeriesSettings, gettext: Translate = _) -> str:
    """'Every second Tuesday at 15:00 (Europe/Berlin time)': a series' schedule in a state
    (in the build's language, or through ``gettext``, a command's catalog)."""
    start, zone = f"{state.start_time:%H:%M}", series.timezone.key
    schedule = state.schedule.strip()
    if not schedule:
        return gettext("At {time} ({zone} time)").format(time=start, zone=zone)
    return gettext("{schedule} at {time} ({zone} time)").format(
        schedule=f"{schedule[:1].upper()}{schedule[1:]}", time=start, zone=zone
    )


def where(record: SessionRecord, series: SeriesSettings) -> str:
    """Where a session took place: its own location, or the series' on its date."""
    return record.location or where_text(record.series_state(series), series)


def where_text(state: SeriesState, series: SeriesSettings, gettext: Translate = _) -> str:
    """The series' location in a state, with its live stream if it streamed then (in
    the build's language, or through ``gettext``)."""
    if not state.streamed:
        return state.location
    if series.youtube_channel:
        return gettext("{location}, and streamed live on YouTube").format(location=state.location)
    return gettext("{location}, and streamed live").format(location=state.location)


def speaker_label(record: SessionRecord) -> str:
    """'Speaker' or 'Speakers', in the site's language."""
    return ngettext("Speaker", "Speakers", len(record.speakers))


def _utc_offset(moment: datetime) -> str:
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def topic_badge(topics_dir: str, slug: str) -> nodes.Node:
    return link(
        f"{topics_dir}/{slug}",
        classes=["seminar-badge", "seminar-topic"],
    )


def speaker_links(record: SessionRecord, people_doc: str) -> list[nodes.Node]:
    """The session's speakers, each linked to the people page, with their affiliation."""
    affiliations = dict(record.affiliations)
    items: list[nodes.Node] = []
    for index, name in enumerate(record.speakers):
        if index:
            items.append(nodes.Text(", "))
        items.append(link(people_doc, nodes.Text(name), anchor=slugify(name)))
        if name in affiliations:
            items.append(nodes.Text(f" ({affiliations[name]})"))
    return items


#: the query of the session list that shows the recorded sessions only (seminar-facets.js)
RECORDED_QUERY = "recorded=1"


def session_summary(
    record: SessionRecord,
    series: SeriesSettings,
    language: str | None,
    filter_page: str | None = None,
    own_topic: str | None = None,
) -> nodes.paragraph:
    """One listing line: date, number and title, speakers, "recorded", topic badges.

    With ``filter_page`` (the page that filters the list of all sessions) the "recorded"
    badge links to that list's recorded sessions, as a topic badge links to its topic.
    ``own_topic``, the topic of the page the list is on, gets no badge there."""
    para = nodes.paragraph(classes=["seminar-listing-item"])
    para += nodes.inline("", short_date(record, language), classes=["seminar-date"])
    para += nodes.Text(" · ")
    para += session_link(record, strong=True, classes=["seminar-title"])
    if record.speakers:
        para += nodes.Text(" · ")
        para += nodes.inline(
            "",
            "",
            *speaker_links(record, series.people_doc),
            classes=["seminar-speakers"],
        )
    if record.video:
        para += nodes.Text(" ")
        classes = ["seminar-badge", "seminar-recorded"]
        if filter_page:
            para += link(
                filter_page, nodes.Text(_("recorded")), query=RECORDED_QUERY, classes=classes
            )
        else:
            para += nodes.inline("", _("recorded"), classes=classes)
    for slug in record.topics:
        if slug == own_topic:
            continue
        para += nodes.Text(" ")
        para += topic_badge(series.topics_dir, slug)
    return para


@lru_cache(maxsize=4096)
def latex_text(value: str) -> str:
    """A BibTeX field as plain text, its LaTeX markup (braces that keep capitals,
    '{CNN}s'; accents) read as pybtex's styles read it. The backend is given, not
    looked up by name: pybtex would search the installed packages on every call.
    Remembered: the pages citing a paper ask for the same fields."""
    return Text.from_latex(value).render(PlaintextBackend()).strip()


def session_about(env: BuildEnvironment, record: SessionRecord) -> str | None:
    """What a listing says a session was about: its ``summary``, else the title of its
    main paper (the first one it cites), else nothing."""
    if record.summary:
        return record.summary
    keys = archive(env).cited_keys.get(record.docname, ())
    entry = env.get_domain("cite").bibdata.data.entries.get(keys[0]) if keys else None
    title = entry.fields.get("title") if entry is not None else None
    if not title:
        return None
    return _("Main paper: {title}").format(title=latex_text(title))


def about_paragraph(text: str) -> nodes.paragraph:
    return nodes.paragraph("", text, classes=["seminar-summary"])


def plain_item(record: SessionRecord, children: list[nodes.Node]) -> nodes.list_item:
    return nodes.list_item("", *children)


def session_list(
    records,
    series: SeriesSettings,
    language: str | None,
    env: BuildEnvironment,
    filter_page: str | None = None,
    item: Callable[[SessionRecord, list[nodes.Node]], nodes.list_item] = plain_item,
    own_topic: str | None = None,
) -> nodes.bullet_list:
    """Sessions, each with its listing line and, under it, what it was about; ``item``
    makes the list item (facets.facet_item adds the session's facets)."""
    items = nodes.bullet_list(classes=["seminar-listing"])
    for record in records:
        summary = session_summary(record, series, language, filter_page, own_topic)
        children: list[nodes.Node] = [summary]
        about = session_about(env, record)
        if about:
            children.append(about_paragraph(about))
        items += item(record, children)
    return items


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    resolve_links(app, doctree, docname)


def setup_render(app: Sphinx) -> None:
    app.add_node(seminar_link)
    # after every placeholder has been expanded into links (default priority 500)
    app.connect("doctree-resolved", _on_doctree_resolved, priority=900)
