"""Past and upcoming sessions, measured against the build date.

``SOURCE_DATE_EPOCH``, when set, is the build date: builds are reproducible and
tests can build the same archive "before" and "after" a session.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .config import SeriesSettings, source_date_epoch

if TYPE_CHECKING:
    from .model import SessionRecord


def build_moment(series: SeriesSettings) -> datetime:
    """The build's 'now' in the series' time zone: SOURCE_DATE_EPOCH, else the clock."""
    epoch = source_date_epoch()
    if epoch is None:
        return datetime.now(series.timezone)
    return datetime.fromtimestamp(epoch, series.timezone)


def is_upcoming(record: SessionRecord, series: SeriesSettings, now: datetime) -> bool:
    """A session is upcoming until it has ended."""
    return record.ends_at(series) > now


def split(
    sessions: tuple[SessionRecord, ...], series: SeriesSettings, now: datetime
) -> tuple[list[SessionRecord], list[SessionRecord]]:
    """(upcoming soonest first, past newest first)."""
    upcoming = [s for s in sessions if is_upcoming(s, series, now)]
    past = [s for s in reversed(sessions) if not is_upcoming(s, series, now)]
    return upcoming, past
