"""The subscriptions: which calendars and feeds the site has, when they are written,
and how a page announces them. The formats are :mod:`sphinx_seminar.ics` (iCalendar)
and :mod:`sphinx_seminar.feed` (Atom), which give only their file, their maker and
their titles.

A :class:`Channel` is what one calendar and one feed hold: the whole series
(``calendar.ics``, ``atom.xml``), or one topic's sessions (``topics/<slug>.ics``,
``.atom``, next to the topic's page). Each is rewritten after a build that succeeded,
where its inputs changed (:func:`write_channels`). Every HTML page announces its
channels with a ``<link rel="alternate">`` in its head, so browsers and feed readers
find them; a topic page links its own in a line above its sessions, with a
``webcal://`` link where the site's address is known.

A session's identity in every channel: its front matter's ``id``
if it has one, so that the calendar's UID and the feed's entry id survive a change of
date, title, number or file name; without it, its date and number, as before ids
existed, so that subscribers see no duplicates. A subscriber's copy is a link that
must work anywhere: without ``html_baseurl`` calendars and feeds hold no URL at all
(never a relative one), only their ``tag:``/``urn:`` identities.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri

from .builders import WEB_BUILDERS
from .config import SeriesSettings, settings
from .diagnostics import build_succeeded
from .digest import digest
from .domain import archive, seminar_domain
from .i18n import _
from .listings import CALENDAR_FILE, FEED_FILE, seminar_listing
from .render import page_title
from .urls import webcal_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .model import SessionRecord

#: ``build-finished`` priority of the writers: after the checks that fail the build (500)
AFTER_CHECKS = 900


def writes_subscriptions(builder: Builder) -> bool:
    """Whether this builder writes a web site (html, dirhtml) that gets calendar and feed."""
    return builder.name in WEB_BUILDERS


def series_domain(series: SeriesSettings) -> str:
    """A stable name of the series for UIDs and tag: URIs: 'ML@HZG seminar' -> 'mlhzg-seminar'."""
    folded = unicodedata.normalize("NFKD", series.series_name)
    ascii_name = folded.encode("ascii", "ignore").decode().lower()
    ascii_name = re.sub(r"[^a-z0-9\s.-]+", "", ascii_name)
    return re.sub(r"[^a-z0-9.]+", "-", ascii_name).strip("-.") or "seminar"


def session_uuid(record: SessionRecord, series: SeriesSettings) -> uuid.UUID | None:
    """The session's id as a UUID: itself if it is one, else one made from the series and
    the slug (UUID version 5), the same in every build; None without an id."""
    if record.id is None:
        return None
    try:
        return uuid.UUID(record.id)
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"tag:{series_domain(series)}:session/{record.id}")


def head_link(
    app: Sphinx, pagename: str, context: dict, filename: str, mimetype: str, title: str
) -> None:
    """Append ``<link rel="alternate" ...>`` to the page's head, relative to the page."""
    if pagename == getattr(app.config, "notfound_pagename", None) and "pathto" in context:
        # the 404 page is served at any depth: sphinx-notfound-page makes its links absolute
        href = context["pathto"](filename, 1)
    else:
        href = relative_uri(app.builder.get_target_uri(pagename), filename)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="{mimetype}" '
        f'title="{html.escape(title)}" href="{html.escape(href)}" />'
    )


@dataclass(frozen=True)
class Channel:
    """What one calendar and one feed hold: the whole series, or one topic's sessions."""

    #: the page they belong to (the home page or the topic's page), their feed's home
    page: str
    #: the topic's slug and title; None for the whole series
    slug: str | None
    topic: str | None
    sessions: tuple[SessionRecord, ...]  # chronological

    @property
    def calendar_file(self) -> str:
        """Relative to the site: next to the topic's page, a name no page can take."""
        return f"{self.page}.ics" if self.slug else CALENDAR_FILE

    @property
    def feed_file(self) -> str:
        return f"{self.page}.atom" if self.slug else FEED_FILE

    def name(self, series: SeriesSettings) -> str:
        """'ML@HZG seminar' or 'ML@HZG seminar: Clouds and convection'."""
        if self.topic is None:
            return series.series_name
        return _("{series}: {topic}").format(series=series.series_name, topic=self.topic)

    def description(self, series: SeriesSettings) -> str:
        if self.topic is None:
            return _("Sessions of the {series}").format(series=series.series_name)
        return _("Sessions of the {series} on {topic}").format(
            series=series.series_name, topic=self.topic
        )


def series_channel(app: Sphinx) -> Channel:
    return Channel(app.config.root_doc, None, None, archive(app.env).sessions)


def topic_channel(app: Sphinx, docname: str) -> Channel | None:
    """The channel of the topic whose page ``docname`` is, if it is one."""
    topic = seminar_domain(app.env).topics.get(docname)
    if topic is None:
        return None
    sessions = archive(app.env).sessions_by_topic.get(topic.slug, ())
    return Channel(docname, topic.slug, page_title(app.env, docname), sessions)


def channels(app: Sphinx) -> list[Channel]:
    """The whole series, then each topic by slug."""
    topics = sorted(archive(app.env).topics.values(), key=lambda t: t.slug)
    return [series_channel(app), *(topic_channel(app, t.docname) for t in topics)]


def _inputs_digest(app: Sphinx, channel: Channel, extra: tuple) -> str:
    """Everything one calendar or feed is made from: its sessions, not the others."""
    index = archive(app.env)
    # an entry names all its session's topics, so every topic's title counts
    topics = {slug: page_title(app.env, t.docname) for slug, t in index.topics.items()}
    return digest(
        channel.page,
        channel.topic,
        [record.shown() for record in channel.sessions],
        sorted(topics.items()),
        settings(app),
        app.config.html_baseurl,
        os.environ.get("SOURCE_DATE_EPOCH"),
        app.builder.name,
        app.config.language,  # the language of their texts
        extra,
    )


def write_if_changed(
    app: Sphinx, channel: Channel, filename: str, make: Callable[[], bytes], *extra: object
) -> None:
    """Write ``filename`` (relative to the site) unless it exists and its inputs, the
    channel's and ``extra``, are those of the last build: a no-op or one-session rebuild
    then neither imports nor runs the library for the calendars and feeds it left alone."""
    path = Path(app.outdir, filename)
    record = Path(app.doctreedir, "seminar-subscriptions", f"{filename}.sha256")
    inputs = _inputs_digest(app, channel, extra)
    if path.is_file() and record.is_file() and record.read_text() == inputs:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(make())
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(inputs)


def write_channels(
    app: Sphinx,
    exception: BaseException | None,
    filename: Callable[[Channel], str],
    make: Callable[[Channel], bytes],
    extra: Callable[[Channel], tuple] = lambda channel: (),
) -> None:
    """After a build that succeeded, each channel's file (the series', each topic's) of
    one kind, calendar or feed, where its inputs changed (:func:`write_if_changed`)."""
    if not writes_subscriptions(app.builder) or not build_succeeded(app, exception):
        return
    for channel in channels(app):
        write_if_changed(
            app, channel, filename(channel), lambda channel=channel: make(channel), *extra(channel)
        )


def page_channels(app: Sphinx, pagename: str) -> list[Channel]:
    """What a page's head announces: its topic's calendar and feed first, if it is a
    topic page, then the whole series'."""
    topic = topic_channel(app, pagename)
    return [topic, series_channel(app)] if topic is not None else [series_channel(app)]


def announce_channels(
    app: Sphinx,
    pagename: str,
    context: dict,
    filename: Callable[[Channel], str],
    mimetype: str,
    title: Callable[[Channel, SeriesSettings], str],
) -> None:
    """The page's head links to its channels' files of one kind (:func:`page_channels`)."""
    if not writes_subscriptions(app.builder):
        return
    series = settings(app)
    for channel in page_channels(app, pagename):
        head_link(app, pagename, context, filename(channel), mimetype, title(channel, series))


def subscription_links(app: Sphinx, channel: Channel, here: str) -> list[nodes.Node]:
    """'calendar (webcal) · download .ics · Atom feed', relative to the page at ``here``;
    without the site's address there is no webcal link."""
    links = []
    webcal = webcal_url(app, channel.calendar_file)
    if webcal:
        links.append((_("calendar (webcal)"), webcal))
    links.append((_("download .ics"), relative_uri(here, channel.calendar_file)))
    links.append((_("Atom feed"), relative_uri(here, channel.feed_file)))
    shown: list[nodes.Node] = []
    for i, (label, uri) in enumerate(links):
        if i:
            shown.append(nodes.Text(" · "))
        shown.append(nodes.reference("", label, refuri=uri))
    return shown


def topic_links(app: Sphinx, channel: Channel, here: str) -> nodes.paragraph:
    """'Subscribe to this topic: calendar (webcal) · download .ics · Atom feed'."""
    para = nodes.paragraph(classes=["seminar-topic-subscribe"])
    para += nodes.Text(_("Subscribe to this topic:") + " ")
    para += subscription_links(app, channel, here)
    return para


def topic_index_links(app: Sphinx, topic_docname: str, here: str) -> list[nodes.Node]:
    """On the list of topics, after a topic: its calendar and feed, where the builder
    writes them (relative to the page at ``here``)."""
    channel = topic_channel(app, topic_docname)
    if channel is None or not writes_subscriptions(app.builder):
        return []
    return [
        nodes.inline(
            "", "", *subscription_links(app, channel, here), classes=["seminar-topic-follow"]
        )
    ]


def _link_topic_subscriptions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Above each topic's list of sessions (still a placeholder: this runs before the
    listings are filled), the links to that topic's calendar and feed. Made when the
    page is written, so that the links are relative to the page as this builder names it
    (singlehtml puts every topic on one page)."""
    if not writes_subscriptions(app.builder):
        return
    here = app.builder.get_target_uri(docname)
    pages = {t.slug: t.docname for t in archive(app.env).topics.values()}
    for listing in list(doctree.findall(seminar_listing)):
        page = pages.get(listing.get("slug")) if listing["kind"] == "topic" else None
        channel = topic_channel(app, page) if page else None
        if channel is not None:
            listing.parent.insert(listing.parent.index(listing), topic_links(app, channel, here))


def setup_channels(app: Sphinx) -> None:
    # before listings.py fills the placeholders (priority 500)
    app.connect("doctree-resolved", _link_topic_subscriptions, priority=400)
