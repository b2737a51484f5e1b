"""Series settings (``seminar_*`` in conf.py): typed, and validated when the config is read.

A series changes over time (a new venue, a new start time, streaming ends).
``seminar_series_changes`` lists those changes, each from a date on; the other
settings describe the series at its start. :meth:`SeriesSettings.on` gives the
state of the series on any date, and every session is shown as the series was
on its date.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_HH_MM = re.compile(r"^(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOCNAME = re.compile(r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*$")

#: how people attend, as schema.org's eventAttendanceMode names it
ATTENDANCE_MODES = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
}

#: name -> (default, types); every value is used when pages are written ("html").
CONFIG_VALUES: dict[str, tuple[object, frozenset[type]]] = {
    "seminar_series_name": ("ML@HZG seminar", frozenset({str})),
    "seminar_timezone": ("Europe/Berlin", frozenset({str})),
    "seminar_start_time": ("15:00", frozenset({str})),
    "seminar_duration_minutes": (90, frozenset({int})),
    "seminar_schedule": ("", frozenset({str})),
    "seminar_location": ("Helmholtz-Zentrum Geesthacht (HZG)", frozenset({str})),
    "seminar_attendance": ("in-person", frozenset({str})),
    "seminar_streamed": (False, frozenset({bool})),
    "seminar_organizer": ("ML@HZG", frozenset({str})),
    "seminar_series_changes": ([], frozenset({list, tuple})),
    "seminar_youtube_channel": ("", frozenset({str})),
    "seminar_mailing_list": ("", frozenset({str})),
    "seminar_sessions_dir": ("sessions", frozenset({str})),
    "seminar_topics_dir": ("topics", frozenset({str})),
    "seminar_people_doc": ("people", frozenset({str})),
    "seminar_references_doc": ("references", frozenset({str})),
    "seminar_recent_limit": (3, frozenset({int})),
}


@dataclass(frozen=True)
class SeriesState:
    """How the series ran from ``since`` on (``None``: from its start)."""

    since: date | None
    note: str
    start_time: time
    duration_minutes: int
    schedule: str
    location: str
    attendance: str
    streamed: bool
    organizer: str

    @property
    def attendance_mode(self) -> str:
        """schema.org's URL of the attendance mode."""
        return ATTENDANCE_MODES[self.attendance]


@dataclass(frozen=True)
class SeriesSettings:
    """The validated series settings, in the types the code works with."""

    series_name: str
    timezone: ZoneInfo
    #: the series at its start, then after each change, in date order
    history: tuple[SeriesState, ...]
    youtube_channel: str
    mailing_list: str
    sessions_dir: str
    topics_dir: str
    people_doc: str
    references_doc: str
    recent_limit: int

    def on(self, day: date) -> SeriesState:
        """The state of the series on ``day``: the last change made on or before it."""
        state = self.history[0]
        for later in self.history[1:]:
            if later.since > day:
                break
            state = later
        return state


# -- the fields a change may set, each checked by one function --------------------------


def _text(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{name} must be a non-empty text, got {value!r}")
    return value


def _of_type(kind: type, expected: str) -> Callable[[object, str], object]:
    """A check that a value is of ``kind`` (and nothing more)."""

    def check(value: object, name: str) -> object:
        if not isinstance(value, kind):
            raise ConfigError(f"{name} must be {expected}, got {value!r}")
        return value

    return check


def parse_hh_mm(value: object) -> time | None:
    """A 24-hour time written 'HH:MM' (the one check of times), or None."""
    match = _HH_MM.match(value) if isinstance(value, str) else None
    return time(int(match["hour"]), int(match["minute"])) if match else None


def start_time_of(value: object, name: str) -> time:
    start = parse_hh_mm(value)
    if start is None:
        raise ConfigError(f"{name} must be a 24-hour time 'HH:MM', got {value!r}")
    return start


def _duration(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 24 * 60:
        raise ConfigError(f"{name} must be a number of minutes between 1 and 1440, got {value!r}")
    return value


def _attendance(value: object, name: str) -> str:
    if value not in ATTENDANCE_MODES:
        choices = ", ".join(repr(mode) for mode in ATTENDANCE_MODES)
        raise ConfigError(f"{name} must be one of {choices}, got {value!r}")
    return value


def _change_date(value: object, name: str) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ConfigError(f"{name} must be a date 'YYYY-MM-DD', got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(
            f"{name} must be a real date 'YYYY-MM-DD', got {value!r} ({exc})"
        ) from None


#: SeriesState field -> how its value is checked; its base setting is ``seminar_<field>``
STATE_FIELDS: dict[str, Callable[[object, str], object]] = {
    "start_time": start_time_of,
    "duration_minutes": _duration,
    "schedule": _of_type(str, "a text such as 'every second Tuesday'"),
    "location": _text,
    "attendance": _attendance,
    "streamed": _of_type(bool, "True or False"),
    "organizer": _text,
}
CHANGE_FIELDS = ("date", "note", *STATE_FIELDS)


def _check_url(name: str, value: str) -> None:
    if value and not value.startswith("https://"):
        raise ConfigError(f"{name} must be an https:// URL or empty, got {value!r}")


def _history(config: Config) -> tuple[SeriesState, ...]:
    """The series at its start (the base settings), then after each dated change."""
    first = SeriesState(
        since=None,
        note="",
        **{
            field: check(getattr(config, f"seminar_{field}"), f"seminar_{field}")
            for field, check in STATE_FIELDS.items()
        },
    )
    history = [first]
    for index, change in enumerate(config.seminar_series_changes):
        name = f"seminar_series_changes[{index}]"
        if not isinstance(change, Mapping):
            raise ConfigError(
                f"{name} must be a dict such as {{'date': '2022-01-01', 'note': '...', "
                f"'location': '...'}}, got {change!r}"
            )
        unknown = sorted(set(change) - set(CHANGE_FIELDS), key=str)
        if unknown:
            raise ConfigError(
                f"{name} has the unknown field {unknown[0]!r}; "
                f"a change may set: {', '.join(CHANGE_FIELDS)}"
            )
        if "date" not in change:
            raise ConfigError(f"{name} lacks its 'date' ('YYYY-MM-DD', the first day it holds)")
        since = _change_date(change["date"], f"{name}['date']")
        previous = history[-1].since
        if previous is not None and since <= previous:
            raise ConfigError(
                f"{name} ({since}) must come after seminar_series_changes[{index - 1}] "
                f"({previous}): list the changes in date order, one per date"
            )
        note = _text(change.get("note", ""), f"{name}['note']")
        values = {
            field: STATE_FIELDS[field](value, f"{name}[{field!r}]")
            for field, value in change.items()
            if field in STATE_FIELDS
        }
        if not values:
            raise ConfigError(
                f"{name} changes nothing: give at least one of {', '.join(STATE_FIELDS)}"
            )
        history.append(replace(history[-1], since=since, note=note, **values))
    return tuple(history)


def parse_settings(config: Config) -> SeriesSettings:
    """Turn conf.py values into :class:`SeriesSettings`; raise ConfigError naming the value."""
    for name, (_, types) in CONFIG_VALUES.items():
        value = getattr(config, name)
        # bool is an int to Python, never a duration or a limit here
        if not isinstance(value, tuple(types)) or (isinstance(value, bool) and bool not in types):
            expected = " or ".join(sorted(t.__name__ for t in types))
            raise ConfigError(f"{name} must be a {expected}, got {value!r}")
    try:
        zone = ZoneInfo(config.seminar_timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"seminar_timezone must be an IANA time zone such as 'Europe/Berlin', "
            f"got {config.seminar_timezone!r}"
        ) from exc
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
        history=_history(config),
        youtube_channel=config.seminar_youtube_channel,
        mailing_list=config.seminar_mailing_list,
        sessions_dir=config.seminar_sessions_dir,
        topics_dir=config.seminar_topics_dir,
        people_doc=config.seminar_people_doc,
        references_doc=config.seminar_references_doc,
        recent_limit=config.seminar_recent_limit,
    )


def setting_line(conf_py: Path, message: str) -> int | None:
    """The line of conf.py that sets the value a message names (``seminar_x`` or
    ``seminar_x[2]``), or None if conf.py does not set it literally."""
    match = re.match(r"(seminar_\w+)(?:\[(\d+)\])?", message)
    if match is None or not conf_py.is_file():
        return None
    try:
        tree = ast.parse(conf_py.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, OSError):
        return None
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == match[1] for t in targets):
            items = node.value.elts if isinstance(node.value, ast.List | ast.Tuple) else []
            if match[2] is not None and int(match[2]) < len(items):
                return items[int(match[2])].lineno
            return node.lineno
    return None


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

    try:
        config._seminar_settings = parse_settings(config)
    except ConfigError as exc:
        # name the file and line, as every other input error does
        conf_py = Path(app.confdir) / "conf.py"
        line = setting_line(conf_py, str(exc))
        where = f"{conf_py}:{line}" if line else str(conf_py)
        raise ConfigError(f"{where}: {exc}") from None
    build_moment(config._seminar_settings)  # a malformed SOURCE_DATE_EPOCH stops here


def setup_config(app: Sphinx) -> None:
    for name, (default, types) in CONFIG_VALUES.items():
        app.add_config_value(name, default, "env", types=types)
    app.connect("config-inited", _validate)
