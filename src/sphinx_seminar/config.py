"""Series settings (``seminar_*`` in conf.py): typed, and validated when the config is read.

A series changes over time (a new venue, a new start time, streaming ends).
``seminar_series_changes`` lists those changes, each from a date on; the other
settings describe the series at its start. :meth:`SeriesSettings.on` gives the
state of the series on any date, and every session is shown as the series was
on its date.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import weakref
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

from .diagnostics import report_error

_HH_MM = re.compile(r"^(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOCNAME = re.compile(r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*$")

#: how people attend, as schema.org's eventAttendanceMode names it
ATTENDANCE_MODES = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
}


@dataclass(frozen=True)
class Setting:
    """One ``seminar_*`` setting: its neutral default, its types and what it means."""

    default: object
    types: frozenset[type]
    description: str
    #: what a change of it makes Sphinx do again: read every page ("env"), or nothing ("")
    rebuild: str = "env"


#: Every setting of the extension; each value is used when pages are written ("env").
#: The defaults are neutral: a site's conf.py says what its own series is.
CONFIG_VALUES: dict[str, Setting] = {
    "seminar_series_name": Setting(
        "Seminar", frozenset({str}), "the series' name, in titles, the calendar and the feed"
    ),
    "seminar_timezone": Setting(
        "UTC", frozenset({str}), "the IANA time zone the sessions' times are in"
    ),
    "seminar_start_time": Setting(
        "12:00", frozenset({str}), "the usual start time, 'HH:MM' (24-hour)"
    ),
    "seminar_duration_minutes": Setting(90, frozenset({int}), "the usual length in minutes"),
    "seminar_schedule": Setting(
        "", frozenset({str}), "how often it meets, e.g. 'every second Tuesday'"
    ),
    "seminar_location": Setting("To be announced", frozenset({str}), "where it meets"),
    "seminar_attendance": Setting(
        "in-person", frozenset({str}), "how people attend: 'in-person', 'mixed' or 'online'"
    ),
    "seminar_streamed": Setting(False, frozenset({bool}), "whether sessions are streamed live"),
    "seminar_organizer": Setting(
        "", frozenset({str}), "who organizes it (structured data and feed; empty: the series)"
    ),
    "seminar_series_changes": Setting(
        [],
        frozenset({list, tuple}),
        "dated changes to the settings above, each {'date': 'YYYY-MM-DD', 'note': '…', …}",
    ),
    "seminar_youtube_channel": Setting(
        "", frozenset({str}), "https:// address of the channel with the recordings, or empty"
    ),
    "seminar_mailing_list": Setting(
        "", frozenset({str}), "https:// address where readers subscribe, or empty"
    ),
    "seminar_announce_from": Setting(
        "", frozenset({str}), "who announcements come from, e.g. 'Seminar <seminar@example.org>'"
    ),
    "seminar_announce_to": Setting(
        "", frozenset({str}), "the mailing list that announcements go to, or empty"
    ),
    "seminar_continues_at": Setting(
        "",
        frozenset({str}),
        "https:// address where the series goes on once this archive ends, or empty; "
        "shown in place of the next session when none is upcoming",
    ),
    "seminar_sessions_dir": Setting(
        "sessions", frozenset({str}), "the folder of the session pages"
    ),
    "seminar_topics_dir": Setting("topics", frozenset({str}), "the folder of the topic pages"),
    "seminar_people_doc": Setting("people", frozenset({str}), "the page that lists the people"),
    "seminar_references_doc": Setting(
        "references", frozenset({str}), "the page with the bibliography"
    ),
    "seminar_recent_limit": Setting(
        3, frozenset({int}), "how many sessions the list of recent sessions shows"
    ),
    "seminar_unique_dates": Setting(
        False, frozenset({bool}), "a policy: at most one session per date"
    ),
    "seminar_preview": Setting(
        False,
        frozenset({bool}),
        "a live preview (nox -s docs-live): the search index is made once, not after every "
        "save; a build for publishing leaves it False and indexes every change",
        rebuild="",  # it changes no page: the preview and a publishing build share _build
    ),
    "seminar_strict_bibliography": Setting(
        False,
        frozenset({bool}),
        "a policy: every .bib entry has authors, title, year and a DOI, arXiv id or url, "
        "in UTF-8 without LaTeX escapes",
    ),
    "seminar_prev_next": Setting(
        None,
        frozenset({bool, type(None)}),
        "whether a session page ends in links to the previous and next session; None: "
        "unless the theme ends every page in its own (Furo, pydata-sphinx-theme and "
        "sphinx-book-theme with show_prev_next), which then links the sessions in date order",
    ),
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
    announce_from: str
    announce_to: str
    continues_at: str
    sessions_dir: str
    topics_dir: str
    people_doc: str
    references_doc: str
    recent_limit: int
    unique_dates: bool
    strict_bibliography: bool

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


def parse_iso_date(value: object) -> date:
    """A real calendar date written 'YYYY-MM-DD' (the one date check of the package);
    a ValueError says what is wrong."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError(f"expected an ISO date YYYY-MM-DD, such as 2020-08-11, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None


def _change_date(value: object, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a date: {exc}") from None


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


def _check_address(name: str, value: str) -> None:
    from email.utils import parseaddr

    address = parseaddr(value)[1]
    if value and ("@" not in address.strip("@") or " " in address):
        raise ConfigError(
            f"{name} must be an e-mail address such as 'Seminar <seminar@example.org>' "
            f"or empty, got {value!r}"
        )


def _history(config: Config) -> tuple[SeriesState, ...]:
    """The series at its start (the base settings), then after each dated change."""
    base = {field: getattr(config, f"seminar_{field}") for field in STATE_FIELDS}
    # no organizer given: the series organizes itself
    base["organizer"] = base["organizer"] or config.seminar_series_name
    first = SeriesState(
        since=None,
        note="",
        **{field: check(base[field], f"seminar_{field}") for field, check in STATE_FIELDS.items()},
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
    for name, setting in CONFIG_VALUES.items():
        value, types = getattr(config, name), setting.types
        # bool is an int to Python, never a duration or a limit here
        if not isinstance(value, tuple(types)) or (isinstance(value, bool) and bool not in types):
            expected = " or ".join(sorted("None" if t is type(None) else t.__name__ for t in types))
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
    for name in ("seminar_youtube_channel", "seminar_mailing_list", "seminar_continues_at"):
        _check_url(name, getattr(config, name))
    for name in ("seminar_announce_from", "seminar_announce_to"):
        _check_address(name, getattr(config, name))
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
        announce_from=config.seminar_announce_from,
        announce_to=config.seminar_announce_to,
        continues_at=config.seminar_continues_at,
        sessions_dir=config.seminar_sessions_dir,
        topics_dir=config.seminar_topics_dir,
        people_doc=config.seminar_people_doc,
        references_doc=config.seminar_references_doc,
        recent_limit=config.seminar_recent_limit,
        unique_dates=config.seminar_unique_dates,
        strict_bibliography=config.seminar_strict_bibliography,
    )


def conf_assignments(conf_py: Path) -> dict[str, ast.Assign]:
    """The top-level ``name = value`` statements of conf.py, by name (none if conf.py
    cannot be read: Sphinx reports that itself)."""
    try:
        tree = ast.parse(conf_py.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, OSError):
        return {}
    return {
        target.id: node
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def setting_line(conf_py: Path, message: str) -> int | None:
    """The line of conf.py that sets the value a message names (``seminar_x`` or
    ``seminar_x[2]``), or None if conf.py does not set it literally."""
    match = re.match(r"(seminar_\w+)(?:\[(\d+)\])?", message)
    node = conf_assignments(conf_py).get(match[1]) if match else None
    if node is None:
        return None
    items = node.value.elts if isinstance(node.value, ast.List | ast.Tuple) else []
    if match[2] is not None and int(match[2]) < len(items):
        return items[int(match[2])].lineno
    return node.lineno


#: parsed settings per Sphinx config object, without storing anything on it
_PARSED: weakref.WeakKeyDictionary[Config, SeriesSettings] = weakref.WeakKeyDictionary()


def settings(app_or_env: object) -> SeriesSettings:
    """The series settings of a Sphinx app or build environment."""
    config = app_or_env.config
    parsed = _PARSED.get(config)
    if parsed is None:
        parsed = _PARSED[config] = parse_settings(config)
    return parsed


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH``, the build date of a reproducible build, or None if unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return None
    try:
        return int(epoch)
    except ValueError:
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}"
        ) from None


def unknown_settings(conf_py: Path, config: Config) -> list[tuple[int, str]]:
    """``seminar_*`` names conf.py sets that are no setting: (line, message) each."""
    found = []
    for name, node in conf_assignments(conf_py).items():
        if name.startswith("seminar_") and name not in config:
            close = difflib.get_close_matches(name, CONFIG_VALUES, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            found.append((node.lineno, f"{name} is not a setting of sphinx-seminar{hint}"))
    return found


#: how many bad settings each config had when it was read (config_problems)
_PROBLEMS: weakref.WeakKeyDictionary[Config, int] = weakref.WeakKeyDictionary()


def config_problems(config: Config) -> int:
    """How many problems were found in the ``seminar_*`` settings; the build fails with them."""
    return _PROBLEMS.get(config, 0)


def _validate(app: Sphinx, config: Config) -> None:
    """Log each bad ``seminar_*`` setting as ``conf.py:line: ERROR: …`` and go on with its
    default, as Sphinx does with a value of the wrong type; the build then fails
    (dependencies._fail_on_bad_input). A ConfigError would stop the build at once, but
    Sphinx 9 prints a crash report for it (sphinx-doc/sphinx#14543)."""
    conf_py = Path(app.confdir) / "conf.py"
    problems = unknown_settings(conf_py, config)
    while True:
        try:
            _PARSED[config] = parse_settings(config)
            break
        except ConfigError as exc:
            message = str(exc)
            named = re.match(r"seminar_\w+", message)
            if named is None or named[0] not in CONFIG_VALUES:
                raise
            problems.append((setting_line(conf_py, message), message))
            default = CONFIG_VALUES[named[0]].default
            if getattr(config, named[0]) == default:
                raise  # the default itself fails: not the site's mistake
            setattr(config, named[0], default)
    for line, message in problems:
        # a value conf.py does not set (given with -D) has no line to point at
        report_error("config", message, f"{conf_py}:{line}" if line else None)
    _PROBLEMS[config] = len(problems)
    source_date_epoch()  # a malformed SOURCE_DATE_EPOCH stops here


def setup_config(app: Sphinx) -> None:
    for name, setting in CONFIG_VALUES.items():
        app.add_config_value(
            name,
            setting.default,
            setting.rebuild,
            types=setting.types,
            description=setting.description,
        )
    app.connect("config-inited", _validate)
