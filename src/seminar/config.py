"""Series settings (``seminar_*`` in conf.py): typed, and validated when the config is read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_HH_MM = re.compile(r"^(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)$")
_DOCNAME = re.compile(r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*$")

#: name -> (default, types); every value is used when pages are written ("html").
CONFIG_VALUES: dict[str, tuple[object, frozenset[type]]] = {
    "seminar_series_name": ("ML@HZG seminar", frozenset({str})),
    "seminar_timezone": ("Europe/Berlin", frozenset({str})),
    "seminar_start_time": ("15:00", frozenset({str})),
    "seminar_duration_minutes": (90, frozenset({int})),
    "seminar_location": ("Helmholtz-Zentrum Geesthacht (HZG)", frozenset({str})),
    "seminar_organizer": ("ML@HZG", frozenset({str})),
    "seminar_youtube_channel": ("", frozenset({str})),
    "seminar_mailing_list": ("", frozenset({str})),
    "seminar_sessions_dir": ("sessions", frozenset({str})),
    "seminar_topics_dir": ("topics", frozenset({str})),
    "seminar_people_doc": ("people", frozenset({str})),
    "seminar_references_doc": ("references", frozenset({str})),
    "seminar_recent_limit": (3, frozenset({int})),
}


@dataclass(frozen=True)
class SeriesSettings:
    """The validated series settings, in the types the code works with."""

    series_name: str
    timezone: ZoneInfo
    start_time: time
    duration_minutes: int
    location: str
    organizer: str
    youtube_channel: str
    mailing_list: str
    sessions_dir: str
    topics_dir: str
    people_doc: str
    references_doc: str
    recent_limit: int


def _check_url(name: str, value: str) -> None:
    if value and not value.startswith("https://"):
        raise ConfigError(f"{name} must be an https:// URL or empty, got {value!r}")


def parse_settings(config: Config) -> SeriesSettings:
    """Turn conf.py values into :class:`SeriesSettings`; raise ConfigError naming the value."""
    for name, (_, types) in CONFIG_VALUES.items():
        value = getattr(config, name)
        # bool is an int to Python, never a duration or a limit here
        if not isinstance(value, tuple(types)) or isinstance(value, bool):
            expected = " or ".join(sorted(t.__name__ for t in types))
            raise ConfigError(f"{name} must be a {expected}, got {value!r}")
    try:
        zone = ZoneInfo(config.seminar_timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"seminar_timezone must be an IANA time zone such as 'Europe/Berlin', "
            f"got {config.seminar_timezone!r}"
        ) from exc
    match = _HH_MM.match(config.seminar_start_time)
    if not match:
        raise ConfigError(
            f"seminar_start_time must be a 24-hour time 'HH:MM', got {config.seminar_start_time!r}"
        )
    if not 1 <= config.seminar_duration_minutes <= 24 * 60:
        raise ConfigError(
            "seminar_duration_minutes must be between 1 and 1440, "
            f"got {config.seminar_duration_minutes!r}"
        )
    if config.seminar_recent_limit < 1:
        raise ConfigError(
            f"seminar_recent_limit must be at least 1, got {config.seminar_recent_limit!r}"
        )
    for name in ("seminar_youtube_channel", "seminar_mailing_list"):
        _check_url(name, getattr(config, name))
    for name in (
        "seminar_sessions_dir",
        "seminar_topics_dir",
        "seminar_people_doc",
        "seminar_references_doc",
    ):
        if not _DOCNAME.match(getattr(config, name)):
            raise ConfigError(
                f"{name} must be a document path such as 'sessions', got {getattr(config, name)!r}"
            )
    if not config.seminar_series_name.strip():
        raise ConfigError("seminar_series_name must not be empty")
    return SeriesSettings(
        series_name=config.seminar_series_name,
        timezone=zone,
        start_time=time(int(match["hour"]), int(match["minute"])),
        duration_minutes=config.seminar_duration_minutes,
        location=config.seminar_location,
        organizer=config.seminar_organizer,
        youtube_channel=config.seminar_youtube_channel,
        mailing_list=config.seminar_mailing_list,
        sessions_dir=config.seminar_sessions_dir,
        topics_dir=config.seminar_topics_dir,
        people_doc=config.seminar_people_doc,
        references_doc=config.seminar_references_doc,
        recent_limit=config.seminar_recent_limit,
    )


def settings(app_or_env: object) -> SeriesSettings:
    """The series settings of a Sphinx app or build environment."""
    config = app_or_env.config
    cached = getattr(config, "_seminar_settings", None)
    if cached is None:
        cached = parse_settings(config)
        config._seminar_settings = cached
    return cached


def _validate(app: Sphinx, config: Config) -> None:
    from .timeline import build_moment  # here: timeline imports this module

    config._seminar_settings = parse_settings(config)
    build_moment(config._seminar_settings)  # a malformed SOURCE_DATE_EPOCH stops here


def setup_config(app: Sphinx) -> None:
    for name, (default, types) in CONFIG_VALUES.items():
        app.add_config_value(name, default, "env", types=types)
    app.connect("config-inited", _validate)
