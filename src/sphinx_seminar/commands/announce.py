"""``sphinx-seminar announce --date DATE [--output FILE] [--send]``: a session's e-mail.

The message (:mod:`sphinx_seminar.announcement`) is written to ``--output`` (default
``announce-DATE.eml``) with CRLF line ends, as it travels (and as iCalendar wants) and, with ``--send``, delivered over SMTP from
``seminar_announce_from`` to ``seminar_announce_to``. What was sent is recorded in
``SENT_FILE`` beside conf.py, which the organizers keep in the repository: a
second ``--send`` of the same session asks first, whoever sent the first one, and a
clean build cannot forget it (the build folder could). A failed send says why and
leaves the .eml behind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path

from ..announcement import (
    SMTP_PASSWORD_VARIABLE,
    SMTP_URL_VARIABLE,
    SendError,
    cited_keys,
    message,
    papers,
    send,
    smtp_server,
)
from ..config import parse_iso_date
from ..editing import write_atomically
from ..frontmatter import FrontMatterError, parse_front_matter, validate
from ..ics import uid
from ..model import SessionRecord
from .site import Refused, Site, find_site, session_page, shown

NAME = "announce"
HELP = "write a session's announcement as an e-mail (.eml), and send it with --send"
#: the record of the announcements sent, beside conf.py
SENT_FILE = "announcements-sent.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", required=True, help="the session's date, YYYY-MM-DD")
    parser.add_argument("--output", type=Path, default=None, help="the .eml file to write")
    parser.add_argument("--send", action="store_true", help=f"send it over ${SMTP_URL_VARIABLE}")
    parser.add_argument(
        "--confdir", type=Path, default=None, help="the folder of conf.py (default: .)"
    )
    parser.add_argument(
        "--srcdir", type=Path, default=None, help="the pages' folder (default: found from conf.py)"
    )


def session_record(site: Site, page: Path) -> SessionRecord:
    """The session as the build reads it; refused where the build would fail."""
    try:
        front = parse_front_matter(page.read_text(encoding="utf-8"))
    except FrontMatterError as error:
        raise Refused(str(error), path=page, line=error.line) from None
    meta, problems = validate(front, set(site.topic_slugs))
    if problems:
        line, problem = problems[0]
        raise Refused(problem, path=page, line=line)
    docname = page.relative_to(site.srcdir).with_suffix("").as_posix()
    return SessionRecord.from_front_matter(docname, str(page), meta, front.lines)


def invitation(record: SessionRecord, site: Site, url: str, sender: str, to: str) -> bytes:
    """The site calendar's event of the session as an iMIP REQUEST (RFC 6047): the
    organizer is the sender, the list its (group) attendee, who need not reply."""
    from icalendar import vCalAddress

    from ..ics import calendar_with, session_event

    event = session_event(record, site.settings, url)
    name, address = parseaddr(sender)
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["cn"] = name
    event.add("organizer", organizer)
    list_name, list_address = parseaddr(to)
    attendee = vCalAddress(f"mailto:{list_address}")
    attendee.params.update({"cutype": "GROUP", "role": "REQ-PARTICIPANT", "rsvp": "FALSE"})
    if list_name:
        attendee.params["cn"] = list_name
    event.add("attendee", attendee)
    if "sequence" not in event:  # RFC 5546: a REQUEST carries its revision, 0 at first
        event.add("sequence", 0)
    return calendar_with([event], site.settings, method="REQUEST").to_ical()


def sent_before(record_file: Path) -> dict:
    try:
        return json.loads(record_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise Refused(f"cannot be read as JSON: {error}", path=record_file) from None


def confirmed(question: str) -> bool:
    """Ask on the terminal; without one (a script, CI) the answer is no."""
    if not sys.stdin.isatty():
        return False
    return input(f"{question} [y/N] ").strip().lower() in {"y", "yes"}


def run(args: argparse.Namespace) -> str:
    try:
        day = parse_iso_date(args.date)
    except ValueError as error:
        raise Refused(f"--date: {error}") from None
    site = find_site(args.confdir, args.srcdir)
    settings = site.settings
    for name, value in (("seminar_announce_from", settings.announce_from),
                        ("seminar_announce_to", settings.announce_to)):  # fmt: skip
        if not value:
            raise Refused(f"{name} is not set: the announcement needs it", path=site.conf_py)
    if site.base_url is None:
        raise Refused(
            "html_baseurl is not set: the announcement links the session's page by it",
            path=site.conf_py,
        )
    page = session_page(site, day)
    record = session_record(site, page)
    url = f"{site.base_url.rstrip('/')}/{record.docname}.html"
    from pybtex.scanner import PybtexError

    try:
        cited = papers(site.bibfile, cited_keys(page.read_text(encoding="utf-8")))
    except PybtexError as error:
        raise Refused(f"cannot be read as BibTeX: {error}", path=site.bibfile) from None
    sender, to = settings.announce_from, settings.announce_to
    mail = message(
        record, settings, site.language, url, cited, sender, to,
        invitation(record, site, url, sender, to),
    )  # fmt: skip
    output = args.output or Path(f"announce-{day.isoformat()}.eml")
    if not output.parent.is_dir():
        raise Refused(f"--output: {output.parent} is not a folder")
    lines = []
    if args.send:
        record_file = site.confdir / SENT_FILE
        sent = sent_before(record_file)
        key = uid(record, settings)
        if key in sent and not confirmed(
            f"{shown(page)} was announced to {sent[key]['to']} on {sent[key]['sent']}. Send again?"
        ):
            raise Refused(
                f"the session of {day} was announced already, to {sent[key]['to']} on "
                f"{sent[key]['sent']} ({shown(record_file)}); nothing sent"
            )
        try:
            server = smtp_server(os.environ.get(SMTP_URL_VARIABLE, ""))
        except ValueError as error:
            raise Refused(str(error)) from None
        now = datetime.now(UTC)
        mail["Date"] = format_datetime(now)
        write_atomically(output, mail.as_bytes(policy=SMTP))
        try:
            send(mail, server, os.environ.get(SMTP_PASSWORD_VARIABLE))
        except SendError as error:
            raise Refused(f"not sent: {error}; the message is in {shown(output)}") from None
        sent[key] = {"to": to, "sent": now.isoformat(timespec="seconds"), "file": str(output)}
        write_atomically(record_file, json.dumps(sent, indent=2, ensure_ascii=False) + "\n")
        lines.append(f"Sent to {to} through {server}; recorded in {shown(record_file)}.")
    else:
        write_atomically(output, mail.as_bytes(policy=SMTP))
    return "\n".join([f"Wrote {shown(output)}: {mail['Subject']}", *lines])
