"""The Atom format: ``atom.xml`` next to the HTML pages, one entry per session, newest
first, and each topic's ``topics/<slug>.atom`` with the same entries for its sessions
(which feeds, and when they are written: :mod:`sphinx_seminar.channels`).

Made with ``feedgen``. Like the calendar it is reproducible: an entry is published at
the session's start and updated then, or on the day of its front matter's
``revised`` (see :mod:`sphinx_seminar.ics`); the feed's ``updated`` is its newest
entry's, so the file only changes when the sessions do.

An entry's id is ``urn:uuid:`` and the session's ``id`` (a slug id made a UUID, see
:func:`sphinx_seminar.channels.session_uuid`), which survives a move; a session
without one keeps the id it had before ids existed: its page's absolute URL when
``html_baseurl`` is set, else a ``tag:`` URI of the series, its date and number
(``tag:mlhzg-seminar,2020-03-24:session-1``). Without ``html_baseurl`` the feed has
no links at all rather than relative ones.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING

from .channels import (
    AFTER_CHECKS,
    Channel,
    announce_channels,
    series_domain,
    session_uuid,
    write_channels,
)
from .config import SeriesSettings, settings
from .domain import archive
from .i18n import _
from .ics import revised_at
from .render import page_title, speaker_label, when, where
from .urls import absolute_page_url, site_url

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator
    from sphinx.application import Sphinx

    from .model import SessionRecord

#: the feed's date when there is no session yet (any fixed value keeps builds reproducible)
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def entry_id(app: Sphinx, record: SessionRecord, series: SeriesSettings) -> str:
    stable = session_uuid(record, series)
    if stable is not None:
        return stable.urn
    url = absolute_page_url(app, record.docname)
    if url is not None:
        return url
    return f"tag:{series_domain(series)},{record.date.isoformat()}:session-{record.number}"


def entry_updated(record: SessionRecord, series: SeriesSettings) -> datetime:
    """The day of the last revision, else the session's start (as before revisions)."""
    return revised_at(record, series) or record.starts_at(series)


def entry_title(record: SessionRecord) -> str:
    return f"{record.number}. {record.title}"


def entry_content(record: SessionRecord, series: SeriesSettings, language: str | None) -> str:
    """The entry's body (HTML): when and where, speakers, summary, the recording if any."""
    moment, place = when(record, series, language), where(record, series)
    parts = [f"<p>{escape(moment)}. {escape(place)}.</p>"]
    if record.speakers:
        label = speaker_label(record)
        parts.append(f"<p>{escape(label)}: {escape(record.speaker_names())}.</p>")
    if record.summary:
        parts.append(f"<p>{escape(record.summary)}</p>")
    if record.watch_url:
        watch = _("Watch the recording")
        parts.append(f'<p><a href="{escape(record.watch_url)}">{escape(watch)}</a>.</p>')
    return "\n".join(parts)


def _topic_title(app: Sphinx, slug: str) -> str:
    topic = archive(app.env).topics.get(slug)
    return page_title(app.env, topic.docname) if topic is not None else slug


def feed_id(app: Sphinx, channel: Channel) -> str:
    """The page's address, or a tag: URI dated by the series' first session."""
    url = absolute_page_url(app, channel.page)
    if url is not None:
        return url
    sessions = archive(app.env).sessions
    first = sessions[0].date if sessions else EMPTY_FEED_DATE.date()
    specific = f"topics/{channel.slug}" if channel.slug else "sessions"
    return f"tag:{series_domain(settings(app))},{first.isoformat()}:{specific}"


def make_feed(app: Sphinx, channel: Channel) -> FeedGenerator:
    from feedgen.feed import FeedGenerator  # only when the feed changed

    series = settings(app)
    sessions = sorted(channel.sessions, key=lambda s: (s.date, s.number), reverse=True)
    feed = FeedGenerator()
    feed.id(feed_id(app, channel))
    feed.title(channel.name(series))
    if channel.topic is None:
        subtitle = _("Sessions of the {series}: papers, speakers, recordings").format(
            series=series.series_name
        )
    else:
        subtitle = channel.description(series)
    feed.subtitle(subtitle)
    feed.author(name=series.history[-1].organizer)  # the series' latest organizer
    home = absolute_page_url(app, channel.page)
    if home is not None:  # without the site's address, no link rather than a relative one
        self_url = site_url(app, channel.feed_file)
        feed.link(href=self_url, rel="self", type="application/atom+xml")
        feed.link(href=home, rel="alternate", type="text/html")
    feed.language(app.config.language or "en")
    updated = [entry_updated(record, series) for record in sessions]
    feed.updated(max(updated) if updated else EMPTY_FEED_DATE)
    for record in sessions:
        entry = feed.add_entry(order="append")
        entry.id(entry_id(app, record, series))
        entry.title(entry_title(record))
        url = absolute_page_url(app, record.docname)
        if url is not None:
            entry.link(href=url, rel="alternate", type="text/html")
        entry.published(record.starts_at(series))
        entry.updated(entry_updated(record, series))
        entry.summary(record.summary or record.title)
        entry.content(entry_content(record, series, app.config.language), type="html")
        entry.author(name=record.series_state(series).organizer)
        for speaker in record.speakers:
            entry.contributor(name=speaker)
        for slug in record.topics:
            entry.category(term=slug, label=_topic_title(app, slug))
    return feed


def write_feed(app: Sphinx, exception: BaseException | None) -> None:
    write_channels(
        app,
        exception,
        lambda channel: channel.feed_file,
        lambda channel: make_feed(app, channel).atom_str(pretty=True),
        # dated by the series' first session, not the channel's
        lambda channel: (feed_id(app, channel),),
    )


def feed_title(channel: Channel, series: SeriesSettings) -> str:
    if channel.topic is None:
        return _("{series}: new sessions (Atom feed)").format(series=series.series_name)
    return _("{name} (Atom feed)").format(name=channel.name(series))


def _announce_feed(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    announce_channels(
        app,
        pagename,
        context,
        lambda channel: channel.feed_file,
        "application/atom+xml",
        feed_title,
    )


def setup_feed(app: Sphinx) -> None:
    app.connect("html-page-context", _announce_feed)
    app.connect("build-finished", write_feed, priority=AFTER_CHECKS)
