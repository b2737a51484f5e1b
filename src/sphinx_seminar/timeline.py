"""Past and upcoming sessions, measured against the build date.

``SOURCE_DATE_EPOCH``, when set, is the build date: builds are reproducible and
tests can build the same archive "before" and "after" a session.
"""

from __future__ import annotations

import os
from datetime import datetime

from sphinx.errors import ConfigError

from .config import SeriesSettings
from .model import SessionRecord


class BuildDateError(ConfigError):
    pass


def build_moment(series: SeriesSettings) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(series.timezone)
    try:
        return datetime.fromtimestamp(int(epoch), series.timezone)
    except ValueError as exc:
        raise BuildDateError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}"
        ) from exc


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
