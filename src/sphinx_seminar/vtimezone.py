"""A time zone as an iCalendar VTIMEZONE that every client reads alike.

Calendar programs do not agree on every form RFC 5545 allows. ``icalendar``'s own
``Calendar.add_missing_timezones`` / ``Timezone.from_tzinfo`` lists a zone's
transitions as the values of one RDATE property per observance and covers a fixed
span of years; ical.js (Thunderbird) and vobject (Radicale and other CalDAV servers)
read such zones an hour off in summer, and Outlook reads only yearly RRULEs. So the
zone is written here, from ``zoneinfo``'s offsets, the way tzurl/vzic publish zones
and Google and Outlook emit them:

- a rule that repeats every year (the same month, weekday and wall-clock time, such
  as "last Sunday of March, 02:00") is one observance with
  ``RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=…``, with ``UNTIL`` where the rule ended;
- a transition that follows no such rule (a zone's rules changed, daylight time was
  abolished, Iran's dates by its own calendar) is a date of an observance of its own
  kind, with one RDATE property per date (the first one too, as DTSTART), never a
  list of dates in one property;
- the offset in force when the span begins is an observance of its own.

Only the public ``tzinfo`` methods (``utcoffset``, ``dst``, ``tzname``) are used:
``zoneinfo`` does not expose its transitions, so they are found by stepping through
the span and narrowing each change down to the second.
"""

from __future__ import annotations

import calendar as gregorian
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

#: a zone changes at most once within this step (true of every IANA zone since 1970:
#: the shortest interval, Morocco's Ramadan pauses, is weeks)
STEP = timedelta(days=3)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """One change of a zone's offset or name, at ``at`` (UTC)."""

    at: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def local_start(self) -> datetime:
        """The wall-clock time at which it happens, read before it (RFC 5545's DTSTART)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    def kind(self) -> tuple:
        return (self.daylight, self.offset_from, self.offset_to, self.name)

    def yearly_kind(self) -> tuple:
        """What a yearly rule keeps fixed besides the weekday: month and time of day."""
        start = self.local_start
        return (*self.kind(), start.month, start.time())


def _state(zone: ZoneInfo, moment: datetime) -> tuple[timedelta, bool, str]:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.dst() != timedelta(0), local.tzname() or ""


@functools.cache  # one zone and span for every calendar of a build
def transitions(zone: ZoneInfo, first: datetime, last: datetime) -> tuple[Transition, ...]:
    """Every change of ``zone``'s offset, daylight flag or name between two UTC moments."""
    found = []
    here, state = first, _state(zone, first)
    while here < last:
        there = here + STEP
        new = _state(zone, there)
        if new != state:
            # the change lies in (before, after], on a whole second
            before, after = int(here.timestamp()), int(there.timestamp())
            while after - before > 1:
                middle = (before + after) // 2
                if _state(zone, datetime.fromtimestamp(middle, UTC)) == state:
                    before = middle
                else:
                    after = middle
            moment = datetime.fromtimestamp(after, UTC)
            found.append(Transition(moment, state[0], new[0], new[2], new[1]))
            state = new
        here = there
    return tuple(found)


def weekday_rules(day: date) -> set[int]:
    """The BYDAY ordinals that name ``day`` in its month: 1 to 4 (nth), -1 (last)."""
    rules = set()
    nth = (day.day - 1) // 7 + 1
    if nth <= 4:  # Outlook knows the first to fourth and the last weekday of a month
        rules.add(nth)
    if day.day + 7 > gregorian.monthrange(day.year, day.month)[1]:
        rules.add(-1)
    return rules


def yearly_runs(changes: list[Transition]) -> list[tuple[list[Transition], set[int]]]:
    """Changes of one yearly kind split into runs of consecutive years that share a
    BYDAY ordinal, each with the ordinals that fit all of it."""
    runs: list[tuple[list[Transition], set[int]]] = []
    for change in changes:
        rules = weekday_rules(change.local_start.date())
        if runs:
            run, shared = runs[-1]
            previous = run[-1].local_start
            same_weekday = previous.weekday() == change.local_start.weekday()
            if same_weekday and previous.year + 1 == change.local_start.year and shared & rules:
                run.append(change)
                runs[-1] = (run, shared & rules)
                continue
        runs.append(([change], rules))
    return runs


def vtimezone(zone: ZoneInfo, first: date, last: date) -> Timezone:
    """``zone`` as a VTIMEZONE that is right for every moment from ``first`` to ``last``.

    The last yearly rule in force at ``last`` has no UNTIL: it stays right after it.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    begin = datetime(first.year, first.month, first.day, tzinfo=UTC) - timedelta(days=1)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    changes = transitions(zone, begin, end)

    observances = []  # (DTSTART, component)

    def observance(daylight: bool, offset_from, offset_to, name: str, start: datetime):
        component = TimezoneDaylight() if daylight else TimezoneStandard()
        component.add("dtstart", start)
        component.add("tzoffsetfrom", offset_from)
        component.add("tzoffsetto", offset_to)
        component.add("tzname", name)
        observances.append((start, component))
        return component

    offset, daylight, name = _state(zone, begin)
    observance(daylight, offset, offset, name, (begin + offset).replace(tzinfo=None))

    single: list[Transition] = []
    by_yearly_kind = sorted(changes, key=lambda c: (repr(c.yearly_kind()), c.at))
    for _key, group in groupby(by_yearly_kind, key=lambda c: repr(c.yearly_kind())):
        for run, rules in yearly_runs(list(group)):
            if len(run) == 1:
                single.extend(run)
                continue
            head, tail = run[0], run[-1]
            component = observance(*head.kind(), head.local_start)
            ordinal = -1 if -1 in rules else min(rules)
            rule = {
                "freq": "YEARLY",
                "bymonth": head.local_start.month,
                "byday": f"{ordinal}{WEEKDAYS[head.local_start.weekday()]}",
            }
            if tail.at + timedelta(days=366) < end:
                # the rule ended: a later change took over. UNTIL is UTC, but vobject
                # reads it as wall-clock time: the later of the two readings of the last
                # change is right for both, as the next one is a year later
                rule["until"] = max(tail.at, tail.local_start.replace(tzinfo=UTC))
            component.add("rrule", rule)
    single.sort(key=lambda c: (repr(c.kind()), c.at))
    for _key, group in groupby(single, key=lambda c: repr(c.kind())):
        dates = list(group)
        component = observance(*dates[0].kind(), dates[0].local_start)
        # the first date again, as vzic writes it: ical.js reads only the RDATEs of an
        # observance that has any, as libical did (libical/libical#156)
        for change in dates:
            component.add("rdate", change.local_start)  # one property per date

    timezone = Timezone()
    timezone.add("tzid", zone.key)
    for _start, component in sorted(observances, key=lambda item: item[0]):
        timezone.add_component(component)
    return timezone
