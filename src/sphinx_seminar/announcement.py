"""A session's announcement as a standard e-mail (``sphinx-seminar announce``).

The message (Python's :class:`email.message.EmailMessage`) is multipart/alternative:
a plain-text part, an HTML part (title, date and time with the zone, place, speakers,
papers with links, summary, the page's address) and an iCalendar invitation
(``text/calendar; method=REQUEST``, iMIP, RFC 6047) that mail programs add with one
click. The invitation's event is the site calendar's, with the same UID, so that
a reader who has both never sees the session twice.

It is sent over SMTP as ``$SPHINX_SEMINAR_SMTP_URL`` says (``smtp://host:port``,
``smtp+starttls://user@host:587``, ``smtps://user@host:465``), with the password
from ``$SPHINX_SEMINAR_SMTP_PASSWORD``.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .config import SeriesSettings
from .i18n import _
from .model import SessionRecord
from .render import speaker_label, when, where

SMTP_URL_VARIABLE = "SPHINX_SEMINAR_SMTP_URL"
SMTP_PASSWORD_VARIABLE = "SPHINX_SEMINAR_SMTP_PASSWORD"
SMTP_SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
TIMEOUT_SECONDS = 30
#: a citation role and its keys in a page's text: {cite:t}`a, b`
CITATION = re.compile(r"\{cite(?::\w+)?\}`(?P<keys>[^`]+)`")


class SendError(Exception):
    """The message was not sent: the message says why."""


@dataclass(frozen=True)
class Paper:
    key: str
    authors: str
    year: str
    title: str
    link: str | None

    def text(self) -> str:
        return f"{self.authors} ({self.year}). {self.title}." + (
            f" {self.link}" if self.link else ""
        )


def cited_keys(text: str) -> list[str]:
    """The keys a page cites, in the order it cites them first."""
    keys: list[str] = []
    for match in CITATION.finditer(text):
        for key in match["keys"].split(","):
            if key.strip() and key.strip() not in keys:
                keys.append(key.strip())
    return keys


def papers(bib: Path | None, keys: list[str]) -> list[Paper]:
    """The cited papers as the .bib file gives them (a key it lacks is left out:
    the build reports it)."""
    if bib is None or not keys:
        return []
    from pybtex.database import parse_file

    entries = parse_file(str(bib), "bibtex").entries
    found = []
    for key in keys:
        entry = entries.get(key)
        if entry is None:
            continue
        people = entry.persons.get("author", [])
        surnames = [" ".join(person.last_names) for person in people]
        authors = surnames[0] + (" et al." if len(surnames) > 2 else "")
        if len(surnames) == 2:
            authors = f"{surnames[0]} & {surnames[1]}"
        fields = entry.fields
        title = fields.get("title", "").replace("{", "").replace("}", "")
        link = None
        if fields.get("doi"):
            link = f"https://doi.org/{fields['doi']}"
        elif fields.get("eprint"):
            link = f"https://arxiv.org/abs/{fields['eprint']}"
        elif fields.get("url"):
            link = fields["url"]
        found.append(
            Paper(
                key, authors.replace("{", "").replace("}", ""), fields.get("year", ""), title, link
            )
        )
    return found


def subject(record: SessionRecord, series: SeriesSettings) -> str:
    return f"{series.series_name} {record.number}: {record.title}"


def facts(record: SessionRecord, series: SeriesSettings, language: str | None) -> list[str]:
    """The announcement's lines under its title: when (with the zone), where, who."""
    lines = [when(record, series, language), where(record, series)]
    if record.speakers:
        lines.append(f"{speaker_label(record)}: {record.speaker_names()}")
    return lines


def plain_text(
    record: SessionRecord,
    series: SeriesSettings,
    language: str | None,
    url: str,
    cited: list[Paper],
) -> str:
    parts = [subject(record, series), ""]
    parts += facts(record, series, language)
    if record.summary:
        parts += ["", record.summary]
    if cited:
        parts += ["", _("References") + ":"]
        parts += [f"- {paper.text()}" for paper in cited]
    parts += ["", _("Details") + f": {url}", ""]
    return "\n".join(parts)


def html_text(
    record: SessionRecord,
    series: SeriesSettings,
    language: str | None,
    url: str,
    cited: list[Paper],
) -> str:
    rows = "".join(f"<p>{escape(line)}</p>\n" for line in facts(record, series, language))
    body = [f"<h1>{escape(subject(record, series))}</h1>\n", rows]
    if record.summary:
        body.append(f"<p>{escape(record.summary)}</p>\n")
    if cited:
        body.append(f"<h2>{escape(_('References'))}</h2>\n<ul>\n")
        for paper in cited:
            title = escape(paper.title)
            if paper.link:
                title = f'<a href="{escape(paper.link)}">{title}</a>'
            body.append(f"<li>{escape(paper.authors)} ({escape(paper.year)}). {title}.</li>\n")
        body.append("</ul>\n")
    body.append(f'<p>{escape(_("Details"))}: <a href="{escape(url)}">{escape(url)}</a></p>\n')
    lang = escape(language or "en")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
        f"<title>{escape(subject(record, series))}</title></head>\n<body>\n"
        + "".join(body)
        + "</body>\n</html>\n"
    )


def message(
    record: SessionRecord,
    series: SeriesSettings,
    language: str | None,
    url: str,
    cited: list[Paper],
    sender: str,
    to: str,
    invitation: bytes,
) -> EmailMessage:
    """The announcement: plain text, HTML and the invitation as alternatives."""
    mail = EmailMessage()
    mail["Subject"] = subject(record, series)
    mail["From"] = sender
    mail["To"] = to
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    mail["Message-ID"] = f"<announce-{record.date.isoformat()}-{record.number}@{domain}>"
    mail.set_content(plain_text(record, series, language, url, cited))
    mail.add_alternative(html_text(record, series, language, url, cited), subtype="html")
    mail.add_alternative(
        invitation.decode("utf-8"), subtype="calendar", params={"method": "REQUEST"}
    )
    return mail


@dataclass(frozen=True)
class SmtpServer:
    scheme: str
    host: str
    port: int
    user: str | None

    def __str__(self) -> str:
        user = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}"


def smtp_server(url: str) -> SmtpServer:
    """The server an SMTP URL names; ValueError if it names none."""
    parts = urlsplit(url)
    if parts.scheme not in SMTP_SCHEMES or not parts.hostname:
        raise ValueError(
            f"{SMTP_URL_VARIABLE} must be smtp://host:port, smtp+starttls://user@host:587 "
            f"or smtps://user@host:465, got {url!r}"
        )
    if parts.password is not None:
        raise ValueError(
            f"{SMTP_URL_VARIABLE} must not hold the password: set {SMTP_PASSWORD_VARIABLE}"
        )
    port = parts.port or SMTP_SCHEMES[parts.scheme]
    return SmtpServer(parts.scheme, parts.hostname, port, unquote(parts.username or "") or None)


def send(mail: EmailMessage, server: SmtpServer, password: str | None) -> None:
    """Deliver the message; SendError says why it was not delivered."""
    try:
        if server.scheme == "smtps":
            client = smtplib.SMTP_SSL(
                server.host,
                server.port,
                timeout=TIMEOUT_SECONDS,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
        with client:
            if server.scheme == "smtp+starttls":
                client.starttls(context=ssl.create_default_context())
            if server.user:
                if password is None:
                    raise SendError(f"{server} needs a password: set {SMTP_PASSWORD_VARIABLE}")
                client.login(server.user, password)
            client.send_message(mail)
    except SendError:
        raise
    except (smtplib.SMTPException, OSError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise SendError(f"{server}: {reason}") from None
