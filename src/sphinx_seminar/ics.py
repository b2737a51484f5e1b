"""The iCalendar subscription: ``calendar.ics`` next to the HTML pages, one event per session.

The file is made with the ``icalendar`` library and is reproducible: every value
comes from the sessions and the settings, ``DTSTAMP`` from ``SOURCE_DATE_EPOCH``
(or the session's date), never from the clock, so two builds of the same sources
write the same bytes. Each event's ``UID`` is built from the session's date and
number and the series (``2020-03-24-session-1@mlhzg-seminar``), so calendar
programs that subscribed recognise a session again after every rebuild.

Every HTML page announces the calendar (and the feed, see :mod:`sphinx_seminar.feed`) with
a ``<link rel="alternate">`` in its head, so browsers and feed readers find them.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.osutil import relative_uri

from .builders import WEB_BUILDERS
from .config import SeriesSettings, settings
from .digest import digest
from .domain import archive
from .i18n import _
from .listings import CALENDAR_FILE
from .render import page_title, speaker_label, where
from .timeline import build_moment
from .urls import page_url

if TYPE_CHECKING:
    from icalendar import Calendar, Event
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .model import SessionRecord

#: ``build-finished`` priority of the writers: after the checks that fail the build (500)
AFTER_CHECKS = 900


# -- shared with sphinx_seminar.feed ----------------------------------------------------------


def writes_subscriptions(builder: Builder) -> bool:
    """Whether this builder writes a web site (html, dirhtml) that gets calendar and feed."""
    return builder.name in WEB_BUILDERS


def build_succeeded(app: Sphinx, exception: BaseException | None) -> bool:
    """The build raised no exception: the calendar and the feed are written.

    Bad seminar input raises the extension's error in the check that runs before
    the writers (priority :data:`AFTER_CHECKS`), so a build with bad sessions never
    writes them. A warning under -W fails the build too, but Sphinx decides that
    only after ``build-finished``, from its own private state: no public API tells
    an extension whether -W is on or how many warnings there were
    (sphinx-doc/sphinx#11239). Such a build writes the calendar and the feed as it
    writes the pages, all from the same sources, and exits non-zero, so it is not
    published; with ``--exception-on-warning`` the first warning stops it before.
    """
    return exception is None


def series_domain(series: SeriesSettings) -> str:
    """A stable name of the series for UIDs and tag: URIs: 'ML@HZG seminar' -> 'mlhzg-seminar'."""
    folded = unicodedata.normalize("NFKD", series.series_name)
    ascii_name = folded.encode("ascii", "ignore").decode().lower()
    ascii_name = re.sub(r"[^a-z0-9\s.-]+", "", ascii_name)
    return re.sub(r"[^a-z0-9.]+", "-", ascii_name).strip("-.") or "seminar"


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


def _inputs_digest(app: Sphinx) -> str:
    """Everything the calendar and the feed are made from."""
    index = archive(app.env)
    topics = {slug: page_title(app.env, t.docname) for slug, t in index.topics.items()}
    return digest(
        [record.shown() for record in index.sessions],
        sorted(topics.items()),
        settings(app),
        app.config.html_baseurl,
        os.environ.get("SOURCE_DATE_EPOCH"),
        app.builder.name,
        app.config.language,  # the language of their texts
    )


def write_if_changed(app: Sphinx, path: Path, make: Callable[[], bytes]) -> None:
    """Write ``path`` unless it exists and its inputs are those of the last build:
    a no-op or one-session rebuild then neither imports nor runs the library."""
    record = Path(app.doctreedir) / f"seminar-{path.name}.sha256"
    digest = _inputs_digest(app)
    if path.is_file() and record.is_file() and record.read_text() == digest:
        return
    path.write_bytes(make())
    record.write_text(digest)


# -- the calendar ------------------------------------------------------------------------


def uid(record: SessionRecord, series: SeriesSettings) -> str:
    return f"{record.date.isoformat()}-session-{record.number}@{series_domain(series)}"


def dtstamp(record: SessionRecord, series: SeriesSettings) -> datetime:
    """When the event was 'made': the build date if reproducible builds set one, else its date."""
    if os.environ.get("SOURCE_DATE_EPOCH") is not None:
        return build_moment(series).astimezone(UTC)
    return datetime.combine(record.date, time(0), tzinfo=UTC)


def description(record: SessionRecord, url: str) -> str:
    parts = []
    if record.summary:
        parts.append(record.summary)
    if record.speakers:
        parts.append(f"{speaker_label(record)}: {record.speaker_names()}")
    if record.watch_url:
        parts.append(_("Recording") + f": {record.watch_url}")
    if "://" in url:
        parts.append(_("Details") + f": {url}")
    return "\n\n".join(parts)


def session_event(app: Sphinx, record: SessionRecord) -> Event:
    from icalendar import Event

    series = settings(app)
    url = page_url(app, record.docname)
    event = Event()
    event.add("uid", uid(record, series))
    event.add("dtstamp", dtstamp(record, series))
    event.add("dtstart", record.starts_at(series))
    event.add("dtend", record.ends_at(series))
    event.add("summary", f"{series.series_name} {record.number}: {record.title}")
    event.add("location", where(record, series))
    text = description(record, url)
    if text:
        event.add("description", text)
    event.add("url", url)
    return event


def make_calendar(app: Sphinx) -> Calendar:
    """The whole series as an RFC 5545 calendar, sessions in chronological order."""
    from icalendar import Calendar, Timezone  # only when the calendar changed

    series = settings(app)
    sessions = archive(app.env).sessions
    calendar = Calendar()
    calendar.add("prodid", f"-//{series.series_name}//sphinx-seminar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", series.series_name)
    calendar.add("x-wr-calname", series.series_name)
    calendar.add("x-wr-caldesc", _("Sessions of the {series}").format(series=series.series_name))
    calendar.add("x-wr-timezone", series.timezone.key)
    for record in sessions:
        calendar.add_component(session_event(app, record))
    if sessions:
        # time zone rules from a year before the first session to a year after the last
        first = date(sessions[0].date.year - 1, 1, 1)
        last = date(max(s.ends_at(series).year for s in sessions) + 2, 1, 1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    else:
        # a calendar holds at least one component: the series' time zone
        calendar.add_component(Timezone.from_tzinfo(series.timezone, tzid=series.timezone.key))
    return calendar


def write_calendar(app: Sphinx, exception: BaseException | None) -> None:
    if not writes_subscriptions(app.builder) or not build_succeeded(app, exception):
        return
    write_if_changed(app, Path(app.outdir) / CALENDAR_FILE, lambda: make_calendar(app).to_ical())


def _announce_calendar(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    if not writes_subscriptions(app.builder):
        return
    title = _("{series}: calendar of sessions (iCalendar)").format(series=settings(app).series_name)
    head_link(app, pagename, context, CALENDAR_FILE, "text/calendar", title)


def setup_calendar(app: Sphinx) -> None:
    app.connect("html-page-context", _announce_calendar)
    app.connect("build-finished", write_calendar, priority=AFTER_CHECKS)
