"""Listings built from all sessions: the archive, next/recent, topics, people, subscribe links.

Directives leave a :class:`seminar_listing` placeholder at read time and record
the page as a listing page; the placeholder is filled when the page is written,
from the whole-project data, so an edit to one session reaches every listing.
"""

from __future__ import annotations

from functools import cached_property
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlencode

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .config import settings
from .domain import archive, seminar_domain
from .facets import facet_choices, facet_form, facet_item, filter_page, filters_in
from .frontmatter import session_kind, session_year, year_of_page
from .headings import heading, initial, jump_links
from .i18n import _, ngettext
from .render import (
    about_paragraph,
    link,
    long_date,
    page_title,
    plain_item,
    relative_page_uri,
    session_about,
    session_link,
    session_list,
    session_summary,
    short_date,
    slugify,
    surname_key,
    when_text,
    where_text,
)
from .timeline import build_moment
from .urls import webcal_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .model import SessionRecord

#: files written next to the HTML pages, linked from the subscribe box
CALENDAR_FILE = "calendar.ics"
FEED_FILE = "atom.xml"


class seminar_listing(nodes.General, nodes.Element):
    """Placeholder for a listing; ``kind`` says which."""


class ListingDirective(SphinxDirective):
    kind: ClassVar[str]
    has_content = False
    option_spec: ClassVar[dict] = {}
    #: the option that narrows the listing (``:year:``), if the directive has one
    narrowed_by: ClassVar[str | None] = None

    def run(self) -> list[nodes.Node]:
        # what the page shows, e.g. ("sessions", 2020): an edit rewrites only the pages it shows on
        option = self.options.get(self.narrowed_by) if self.narrowed_by else None
        seminar_domain(self.env).add_listing(self.env.docname, (self.kind, option))
        node = seminar_listing(kind=self.kind)
        if option is not None:
            node[self.narrowed_by] = option
        self.set_source_info(node)
        output: list[nodes.Node] = [node]
        if "toctree" in self.options:
            output.append(self.hidden_toctree(option))
        return output

    def toctree_pages(self, option: object) -> list[str]:
        raise NotImplementedError

    def hidden_toctree(self, option: object) -> nodes.Node:
        """A hidden table of contents of the pages this listing shows, like a ``toctree``
        with ``:glob:``, but without a warning while there are none yet: a glob that matches
        nothing cannot be silenced (sphinx-doc/sphinx#14625, open)."""
        seminar_domain(self.env).add_listing(self.env.docname, ("toctree", (self.kind, option)))
        pages = self.toctree_pages(option)
        toctree = addnodes.toctree(
            parent=self.env.docname,
            entries=[(None, page) for page in pages],
            includefiles=list(pages),
            maxdepth=-1,
            caption=None,
            glob=False,
            hidden=True,
            includehidden=False,
            numbered=0,
            titlesonly=False,
        )
        self.set_source_info(toctree)
        return nodes.compound("", toctree, classes=["toctree-wrapper"])


class SessionsDirective(ListingDirective):
    """All sessions, newest first, grouped by year (``:year:`` for one year).

    ``:toctree:`` also puts the year pages (or, with ``:year:``, that year's sessions)
    into the navigation."""

    kind = "sessions"
    option_spec: ClassVar[dict] = {"year": directives.positive_int, "toctree": directives.flag}
    narrowed_by = "year"

    def toctree_pages(self, option: object) -> list[str]:
        folder = settings(self.env).sessions_dir
        if option is None:  # the year pages, newest first
            return sorted((d for d in self.env.found_docs if year_of_page(d, folder)), reverse=True)
        return sorted(d for d in self.env.found_docs if session_year(d, folder) == option)


class NextDirective(ListingDirective):
    kind = "next"


class RecentDirective(ListingDirective):
    kind = "recent"
    option_spec: ClassVar[dict] = {"limit": directives.positive_int}
    narrowed_by = "limit"


class TopicsDirective(ListingDirective):
    """Every topic page with its number of sessions (``:toctree:``: and in the navigation)."""

    kind = "topics"
    option_spec: ClassVar[dict] = {"toctree": directives.flag}

    def toctree_pages(self, option: object) -> list[str]:
        return sorted(d for d in self.env.found_docs if session_kind(self.env, d) == "topic")


class PeopleDirective(ListingDirective):
    kind = "people"


class SubscribeDirective(ListingDirective):
    kind = "subscribe"


class SeriesDirective(ListingDirective):
    """When and where the series meets now, and how that changed over time."""

    kind = "series"


DIRECTIVES = {
    "seminar-sessions": SessionsDirective,
    "seminar-next": NextDirective,
    "seminar-recent": RecentDirective,
    "seminar-topics": TopicsDirective,
    "seminar-people": PeopleDirective,
    "seminar-subscribe": SubscribeDirective,
    "seminar-series": SeriesDirective,
}


class ListingRenderer:
    """Renders the listings of one page being written."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.env = app.env
        self.docname = docname
        self.has_form = False

    def expand(self, doctree: nodes.document) -> None:
        for node in list(doctree.findall(seminar_listing)):
            render = getattr(self, f"_render_{node['kind']}")
            node.replace_self(render(node))

    @property
    def series(self):
        return settings(self.env)

    @property
    def language(self) -> str | None:
        return self.app.config.language

    def listed(self, kind: str, option: object) -> list[SessionRecord]:
        index = archive(self.env)
        return list(index.listed(kind, option, self.series, build_moment(self.series)))

    @cached_property
    def filter_page(self) -> str | None:
        """The page that filters the list of all sessions, where addresses can say how."""
        return filter_page(self.env) if filters_in(self.app) else None

    def session_list(self, records, item=plain_item, own_topic=None) -> nodes.bullet_list:
        return session_list(
            records, self.series, self.language, self.env, self.filter_page, item, own_topic
        )

    def _render_sessions(self, node: seminar_listing) -> list[nodes.Node]:
        sessions = self.listed("sessions", node.get("year"))
        if not sessions:
            return [nodes.paragraph("", _("No sessions yet."), classes=["seminar-empty"])]
        output: list[nodes.Node] = []
        # one form per page: its controls have ids
        filtered = "year" not in node and self.docname == self.filter_page and not self.has_form
        if filtered:
            output.append(self.facet_form(sessions))
            self.has_form = True
        years = sorted({record.date.year for record in sessions}, reverse=True)
        if "year" not in node and len(years) > 1:
            output.append(
                jump_links(_("Jump to a year"), [(str(year), f"year-{year}") for year in years])
            )
        for year, records in groupby(sessions, key=lambda s: s.date.year):
            if "year" not in node:
                output.append(heading(str(year), f"year-{year}", classes=("seminar-year",)))
            item = facet_item if filtered else plain_item
            output.append(self.session_list(list(records), item))
        return output

    def facet_form(self, sessions: list[SessionRecord]) -> nodes.Node:
        """The filter form: the topics, years and speakers of the listed sessions."""
        slugs = {slug for record in sessions for slug in record.topics}
        choices = facet_choices(self.env, sessions, slugs)
        reset = relative_page_uri(self.app, self.docname, self.docname)
        return facet_form(choices, reset)

    def _render_topic(self, node: seminar_listing) -> list[nodes.Node]:
        records = self.listed("topic", node["slug"])
        if not records:
            return [
                nodes.paragraph("", _("No sessions on this topic yet."), classes=["seminar-empty"])
            ]
        output: list[nodes.Node] = [self.session_list(records, own_topic=node["slug"])]
        if self.filter_page:  # there, the reader can narrow them down by year or speaker
            query = urlencode({"topic": node["slug"]})
            text = nodes.Text(_("These sessions in the session list"))
            para = nodes.paragraph(classes=["seminar-filter-link"])
            para += link(self.filter_page, text, query=query)
            output.append(para)
        return output

    def _render_next(self, node: seminar_listing) -> list[nodes.Node]:
        upcoming = self.listed("next", None)
        if self.ended:
            return [self.continuation()]
        if not upcoming:
            text = _("No session is announced yet.") + " "
            para = nodes.paragraph("", text, classes=["seminar-empty"])
            if self.series.mailing_list:
                para += nodes.reference(
                    "", _("Join the mailing list"), refuri=self.series.mailing_list
                )
                para += nodes.Text(" " + _("to hear about the next one."))
            return [para]
        record = upcoming[0]
        box = nodes.container(classes=["seminar-next-session"])
        box += session_summary(record, self.series, self.language, self.filter_page)
        about = session_about(self.env, record)
        if about:
            box += about_paragraph(about)
        return [box]

    @cached_property
    def ended(self) -> bool:
        """No session is upcoming, and the series goes on elsewhere."""
        return bool(self.series.continues_at) and not self.listed("next", None)

    def continuation(self) -> nodes.paragraph:
        """Where a series that has ended here goes on (``seminar_continues_at``)."""
        para = nodes.paragraph(classes=["seminar-continues"])
        last = archive(self.env).sessions[-1:]
        if last:
            day = long_date(last[0].date, self.language)
            para += nodes.Text(
                _("The last session of this archive took place on {date}.").format(date=day) + " "
            )
        url = self.series.continues_at
        para += nodes.Text(_("The series goes on at") + " ")
        para += nodes.reference("", url.removeprefix("https://").rstrip("/"), refuri=url)
        para += nodes.Text(".")
        return para

    def _render_recent(self, node: seminar_listing) -> list[nodes.Node]:
        past = self.listed("recent", node.get("limit"))
        if not past:
            return [nodes.paragraph("", _("No past sessions yet."), classes=["seminar-empty"])]
        return [self.session_list(past)]

    def _render_topics(self, node: seminar_listing) -> list[nodes.Node]:
        index = archive(self.env)
        items = nodes.bullet_list(classes=["seminar-topic-index"])
        topics = sorted(
            index.topics.values(), key=lambda t: page_title(self.env, t.docname).lower()
        )
        for topic in topics:
            para = nodes.paragraph()
            para += link(topic.docname)
            para += nodes.Text(" ")
            para += self.session_count(len(index.sessions_by_topic.get(topic.slug, ())))
            # imported here: channels imports this module
            from .channels import topic_index_links

            para += topic_index_links(
                self.app, topic.docname, self.app.builder.get_target_uri(self.docname)
            )
            items += nodes.list_item("", para)
        return [items]

    @staticmethod
    def session_count(count: int) -> nodes.inline:
        """'3 sessions', beside a topic or a person."""
        sessions = ngettext("{count} session", "{count} sessions", count).format(count=count)
        return nodes.inline("", sessions, classes=["seminar-badge", "seminar-count"])

    def _render_people(self, node: seminar_listing) -> list[nodes.Node]:
        index = archive(self.env)
        output: list[nodes.Node] = []
        names = sorted(index.sessions_by_speaker, key=surname_key)
        letters = {name: initial(surname_key(name)[0]) for name in names}
        if len(set(letters.values())) > 1:
            output.append(
                jump_links(
                    _("Jump to a letter"),
                    [(letter, f"people-{letter}") for letter in dict.fromkeys(letters.values())],
                )
            )
        for position, name in enumerate(names):
            letter = letters[name]
            if position == 0 or letters[names[position - 1]] != letter:
                output.append(heading(letter, f"people-{letter}", classes=("seminar-initial",)))
            person = heading(name, slugify(name), level=3, classes=("seminar-person",))
            person += nodes.Text(" ")
            person += self.session_count(len(index.sessions_by_speaker[name]))
            output.append(person)
            affiliations = index.affiliations(name)
            if affiliations:
                output.append(
                    nodes.paragraph("", "; ".join(affiliations), classes=["seminar-affiliation"])
                )
            items = nodes.bullet_list(classes=["seminar-listing"])
            for record in index.sessions_by_speaker[name]:
                para = nodes.paragraph()
                para += nodes.inline(
                    "", short_date(record, self.language), classes=["seminar-date"]
                )
                para += nodes.Text(" · ")
                para += session_link(record)
                about = session_about(self.env, record)
                items += nodes.list_item("", para, *([about_paragraph(about)] if about else []))
            output.append(items)
        if not output:
            output.append(nodes.paragraph("", _("No speakers yet."), classes=["seminar-empty"]))
        return output

    def _render_series(self, node: seminar_listing) -> list[nodes.Node]:
        series = self.series
        now = series.on(build_moment(series).date())
        when = when_text(now, series)
        sessions = archive(self.env).sessions
        if self.ended and sessions:
            # a series that goes on elsewhere: say when the archived sessions met
            first, last = sessions[0].date, sessions[-1].date
            now = series.on(last)
            when = _("{when}, from {first} to {last}").format(
                when=when_text(now, series),
                first=long_date(first, self.language),
                last=long_date(last, self.language),
            )
        output: list[nodes.Node] = []
        for label, text in ((_("When."), when), (_("Where."), where_text(now, series))):
            para = nodes.paragraph(classes=["seminar-series-now"])
            para += nodes.strong("", label)
            para += nodes.Text(f" {text}.")
            output.append(para)
        if len(series.history) > 1:
            history = nodes.bullet_list(classes=["seminar-series-history"])
            first = archive(self.env).sessions[:1]
            begin = series.history[0]
            start = nodes.paragraph()
            if first:
                start += nodes.strong("", long_date(first[0].date, self.language))
                start += nodes.Text(": " + _("the first session.") + " ")
            start += nodes.Text(f"{when_text(begin, series)}; {where_text(begin, series)}.")
            history += nodes.list_item("", start)
            for state in series.history[1:]:
                para = nodes.paragraph()
                para += nodes.strong("", long_date(state.since, self.language))
                para += nodes.Text(f": {state.note}")
                history += nodes.list_item("", para)
            output.append(nodes.paragraph("", _("How this changed over time:")))
            output.append(history)
        return output

    def _render_subscribe(self, node: seminar_listing) -> list[nodes.Node]:
        here = self.app.builder.get_target_uri(self.docname)
        items = nodes.bullet_list(classes=["seminar-subscribe"])

        def add(label: str, uri: str, note: str) -> nodes.paragraph:
            para = nodes.paragraph()
            para += nodes.reference("", label, refuri=uri)
            para += nodes.Text(f" — {note}")
            items.append(nodes.list_item("", para))
            return para

        calendar = add(
            _("Calendar (iCalendar)"),
            relative_uri(here, CALENDAR_FILE),
            _("every session with its time, for your calendar program"),
        )
        webcal = webcal_url(self.app, CALENDAR_FILE)
        if webcal:  # beside the download: a subscription that the calendar program updates
            calendar += nodes.Text(" · ")
            calendar += nodes.reference("", _("subscribe (webcal)"), refuri=webcal)
        add(
            _("Feed (Atom)"),
            relative_uri(here, FEED_FILE),
            _("new sessions and recordings, for your feed reader"),
        )
        if self.series.youtube_channel:
            add(_("YouTube channel"), self.series.youtube_channel, _("live streams and recordings"))
        if self.series.mailing_list:
            add(_("Mailing list"), self.series.mailing_list, _("announcements; suggest a topic"))
        return [items]


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Each topic page ends with the sessions on that topic."""
    domain = seminar_domain(app.env)
    topic = domain.topics.get(app.env.docname)
    if topic is None:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    listing = nodes.section(ids=["sessions-on-this-topic"], names=["sessions on this topic"])
    listing += nodes.title("", _("Sessions on this topic"))
    listing += seminar_listing(kind="topic", slug=topic.slug)
    section += listing
    domain.add_listing(app.env.docname, ("topic", topic.slug))


def _expand_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    ListingRenderer(app, docname).expand(doctree)


def _reread_toctree_listings(
    app: Sphinx, env, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """A page with a generated table of contents is read again when a page it lists
    (a session, a year page, a topic page) is added or removed, as Sphinx does for a
    ``toctree`` with ``:glob:``."""
    if not added and not removed:
        return []
    folder = settings(env).sessions_dir
    moved = added | removed
    years = {session_year(d, folder) for d in moved} - {None}
    new_year_pages = any(year_of_page(d, folder) for d in moved)
    new_topics = any(session_kind(env, d) == "topic" for d in moved)
    stale = []
    for docname, listings in seminar_domain(env).listings.items():
        for kind, option in listings:
            if kind != "toctree" or docname in removed:
                continue
            listed, narrowed = option
            if (
                (listed == "sessions" and narrowed is None and new_year_pages)
                or (listed == "sessions" and narrowed in years)
                or (listed == "topics" and new_topics)
            ):
                stale.append(docname)
    return sorted(set(stale))


def setup_listings(app: Sphinx) -> None:
    app.add_node(seminar_listing)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.connect("doctree-resolved", _expand_listings)
    app.connect("env-get-outdated", _reread_toctree_listings)
    app.connect("doctree-read", _on_doctree_read, priority=400)
