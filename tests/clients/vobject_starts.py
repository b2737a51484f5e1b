"""Reads an .ics file as Radicale and other CalDAV servers do, with vobject, and prints
each event's UID and start as UTC (ISO 8601) in JSON. A process of its own per file:
vobject keeps the first definition of each TZID for the rest of the process.

Usage: python tests/clients/vobject_starts.py calendar.ics
"""

import json
import sys
from datetime import UTC
from pathlib import Path

import vobject

calendar = vobject.readOne(Path(sys.argv[1]).read_text("utf-8"))
starts = [
    {"uid": event.uid.value, "start": event.dtstart.value.astimezone(UTC).isoformat()}
    for event in calendar.vevent_list
]
print(json.dumps(starts))
