"""The iCalendar format: ``calendar.ics`` next to the HTML pages, one event per session,
and each topic's ``topics/<slug>.ics`` (which ones, and when they are written:
:mod:`sphinx_seminar.channels`).

Each session has its own calendar too, ``<docname>.ics`` next to its page, with the
one event the site's calendar has for it (the same UID), linked in the session's
header: a reader adds one session in one step. The list of all sessions builds the
calendar of the sessions it shows from these files, in the browser (facets).

The event builder works without a Sphinx application, so that an invitation, a
session's own .ics or an exported selection reuse it: :func:`session_event` makes one
session's VEVENT, :func:`calendar_with` a calendar of events with the time zone they
need (:mod:`sphinx_seminar.vtimezone`, which every client reads alike).

Reproducible: every value comes from the sessions and the settings, ``DTSTAMP`` from
``SOURCE_DATE_EPOCH`` (or the session's date), never from the clock.

Identity and revisions. An event's ``UID`` is ``<id>@<series>`` when the session's
front matter has an ``id`` (``new`` writes a UUID), so moving a session keeps it;
without one it is, as before ids existed, its date and number and the series
(``2020-03-24-session-1@mlhzg-seminar``). A change is announced by the front
matter's ``revised: YYYY-MM-DD``, the day the session last changed after it was
announced: the event's ``SEQUENCE`` is that date read as a number (``20261206``)
and its ``LAST-MODIFIED`` that day. The sources alone give it, so every build
agrees, and a later revision always has a higher SEQUENCE, as RFC 5546 asks; a
digest of the content could not, as it does not grow. Two revisions on one day
share a number: write the second one's day as the next.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri

from .channels import (
    AFTER_CHECKS,
    Channel,
    announce_channels,
    series_domain,
    write_channels,
    write_if_changed,
    writes_subscriptions,
)
from .config import SeriesSettings, settings
from .diagnostics import build_succeeded
from .domain import archive
from .i18n import _
from .render import speaker_label, where
from .timeline import build_moment
from .urls import absolute_page_url
from .vtimezone import vtimezone

if TYPE_CHECKING:
    from collections.abc import Iterable

    from icalendar import Calendar, Event
    from sphinx.application import Sphinx

    from .model import SessionRecord


#: the years every calendar's time zone covers, at least
ZONE_SPAN = (date(2000, 1, 1), date(2040, 12, 31))


def uid(record: SessionRecord, series: SeriesSettings) -> str:
    """The event's UID: the session's id, else its date and number (as before ids)."""
    if record.id is not None:
        return f"{record.id}@{series_domain(series)}"
    return f"{record.date.isoformat()}-session-{record.number}@{series_domain(series)}"


def sequence(record: SessionRecord) -> int:
    """0 for a session never revised, else its ``revised`` date as YYYYMMDD."""
    return int(record.revised.strftime("%Y%m%d")) if record.revised else 0


def revised_at(record: SessionRecord, series: SeriesSettings) -> datetime | None:
    """The start of the day the session was last revised, in UTC."""
    if record.revised is None:
        return None
    return datetime.combine(record.revised, time(0), tzinfo=series.timezone).astimezone(UTC)


def dtstamp(record: SessionRecord, series: SeriesSettings) -> datetime:
    """When the event was 'made': the build date if reproducible builds set one, else its date."""
    if os.environ.get("SOURCE_DATE_EPOCH") is not None:
        return build_moment(series).astimezone(UTC)
    return datetime.combine(record.date, time(0), tzinfo=UTC)


def description(record: SessionRecord, url: str | None) -> str:
    parts = []
    if record.summary:
        parts.append(record.summary)
    if record.speakers:
        parts.append(f"{speaker_label(record)}: {record.speaker_names()}")
    if record.watch_url:
        parts.append(_("Recording") + f": {record.watch_url}")
    if url:
        parts.append(_("Details") + f": {url}")
    return "\n\n".join(parts)


def session_event(record: SessionRecord, series: SeriesSettings, page_url: str | None) -> Event:
    """One session as a VEVENT. ``page_url`` is its page's absolute address, or None
    where the site's address is not known: then the event has no URL."""
    from icalendar import Event

    if page_url is not None and "://" not in page_url:
        raise ValueError(f"a calendar holds absolute URLs only, got {page_url!r}")
    event = Event()
    event.add("uid", uid(record, series))
    event.add("dtstamp", dtstamp(record, series))
    event.add("dtstart", record.starts_at(series))
    event.add("dtend", record.ends_at(series))
    if record.revised is not None:
        event.add("sequence", sequence(record))
        event.add("last-modified", revised_at(record, series))
    event.add("summary", f"{series.series_name} {record.number}: {record.title}")
    event.add("location", where(record, series))
    text = description(record, page_url)
    if text:
        event.add("description", text)
    if page_url is not None:
        event.add("url", page_url)
    return event


def calendar_with(
    events: Iterable[Event],
    series: SeriesSettings,
    method: str = "PUBLISH",
    name: str | None = None,
    description: str | None = None,
) -> Calendar:
    """A calendar of ``events`` (``method`` PUBLISH for subscriptions, REQUEST for an
    invitation), with the series' time zone written for the years the events need."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", f"-//{series.series_name}//sphinx-seminar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name is not None:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    if description is not None:
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", series.timezone.key)
    events = list(events)
    days = [event.decoded(key).date() for event in events for key in ("dtstart", "dtend")]
    # the same span for every calendar (widened for events outside it): programs that
    # keep one definition per TZID (vobject does) get the same one from each file;
    # every yearly rule in force is seen in three years at least, which fixes its ordinal
    first = min([ZONE_SPAN[0], *(date(day.year - 1, 1, 1) for day in days)])
    last = max([ZONE_SPAN[1], *(date(day.year + 2, 12, 31) for day in days)])
    calendar.add_component(vtimezone(series.timezone, first, last))
    for event in events:
        calendar.add_component(event)
    return calendar


def make_calendar(app: Sphinx, channel: Channel) -> Calendar:
    """The channel's sessions as an RFC 5545 calendar, in chronological order."""
    series = settings(app)
    events = [
        session_event(record, series, absolute_page_url(app, record.docname))
        for record in channel.sessions
    ]
    return calendar_with(
        events, series, name=channel.name(series), description=channel.description(series)
    )


def write_calendar(app: Sphinx, exception: BaseException | None) -> None:
    write_channels(
        app,
        exception,
        lambda channel: channel.calendar_file,
        lambda channel: make_calendar(app, channel).to_ical(),
    )


def session_calendar_file(docname: str) -> str:
    """A session's own calendar, relative to the site: next to its page."""
    return f"{docname}.ics"


def write_session_calendars(app: Sphinx, exception: BaseException | None) -> None:
    """Each session's own calendar, where its inputs changed (channels.write_if_changed)."""
    if not writes_subscriptions(app.builder) or not build_succeeded(app, exception):
        return
    for record in archive(app.env).sessions:
        # a channel of one session: its digest covers exactly what the event is made of
        channel = Channel(record.docname, None, None, (record,))
        write_if_changed(
            app,
            channel,
            session_calendar_file(record.docname),
            lambda channel=channel: make_calendar(app, channel).to_ical(),
        )


def _link_session_calendar(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In a session's header, the link to its own calendar (relative to the page as
    this builder names it)."""
    if not writes_subscriptions(app.builder) or docname not in archive(app.env).by_docname:
        return
    here = app.builder.get_target_uri(docname)
    for header in doctree.findall(nodes.container):
        if "seminar-session-header" not in header["classes"]:
            continue
        label = _("Add to your calendar (.ics)")
        link = nodes.reference("", label, refuri=relative_uri(here, session_calendar_file(docname)))
        para = nodes.paragraph("", "", link, classes=["seminar-add-to-calendar"])
        # beside when and where the session met, before speakers, topics and recording
        where = [
            i for i, child in enumerate(header.children) if "seminar-where" in child["classes"]
        ]
        header.insert(where[0] + 1 if where else len(header.children), para)


def calendar_title(channel: Channel, series: SeriesSettings) -> str:
    if channel.topic is None:
        return _("{series}: calendar of sessions (iCalendar)").format(series=series.series_name)
    return _("{name} (iCalendar)").format(name=channel.name(series))


def _announce_calendar(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    announce_channels(
        app,
        pagename,
        context,
        lambda channel: channel.calendar_file,
        "text/calendar",
        calendar_title,
    )


def setup_calendar(app: Sphinx) -> None:
    app.connect("html-page-context", _announce_calendar)
    app.connect("build-finished", write_calendar, priority=AFTER_CHECKS)
    app.connect("build-finished", write_session_calendars, priority=AFTER_CHECKS)
    app.connect("doctree-resolved", _link_session_calendar)
