"""Scaffold the page of a new session: what ``sphinx-seminar new`` writes.

It writes ``<sessions>/<date>-<slug>.md`` with complete front matter (a number in
date order, a stable ``id``, the date and title given, empty speakers and topics, a
summary to fill in) and a body to replace, and creates the year page
``<sessions>/<year>.md`` if the year is new.

Numbers follow dates. A session after every other one gets the next number; an
earlier one (back-filling an archive) takes the number of the first session after
it, and each later session's ``number:`` line goes up by one, so the archive stays
numbered in date order, as the build requires. Files are named by date, so no link
changes; calendars know a session by its ``id``, which never changes.

It never overwrites a session page, and refuses a date that is not a real date or,
where ``seminar_unique_dates`` is on, that another session already has. Everything
is checked before the first file is written.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .config import parse_iso_date
from .frontmatter import SESSION_FILE, FrontMatterError, parse_front_matter
from .i18n import N_, SOURCE_LANGUAGE, translations
from .refusal import Refused, shown
from .render import ascii_words

if TYPE_CHECKING:
    from .render import Translate

SLUG_WORDS = 6
#: German spelling without umlauts (DIN 5007-2), for the file names of a German site;
#: other languages keep their letters' base form ('Sønderby' -> 'sonderby')
GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
#: a ``number:`` line the scaffold may renumber: the number, perhaps a comment
NUMBER_LINE = re.compile(r"^number:\s*(?P<number>\d+)(?P<rest>\s*(?:#.*)?)$")


@dataclass(frozen=True)
class ExistingSession:
    path: Path
    number: int | None
    date: str | None
    number_line: int | None  # the line of ``number:`` in the file (1-based)


@dataclass(frozen=True)
class Renumbered:
    path: Path
    old: int
    new: int


@dataclass(frozen=True)
class Scaffolded:
    session: Path
    number: int
    year_page: Path | None  # the year page, if this run created it
    renumbered: tuple[Renumbered, ...] = ()


def parse_date(text: str) -> date:
    """A real calendar date written YYYY-MM-DD."""
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise Refused(f"--date: {exc}") from None


def slugify(title: str, language: str = "en", max_words: int = SLUG_WORDS) -> str:
    """File-name slug of a title: lower-case ASCII words joined by '-', at most
    ``max_words``; on a German site 'Über Größe' is 'ueber-groesse'."""
    if language.replace("-", "_").split("_")[0] == "de":
        title = title.translate(GERMAN_TRANSLITERATION)
    words = ascii_words(title.replace("'", "").replace("’", ""))  # "Don't" -> "dont"
    return "-".join(words[:max_words])[:60].strip("-") or "session"


def existing_sessions(sessions_dir: Path) -> list[ExistingSession]:
    """Every session file with the number and date its front matter gives (None if unreadable)."""
    found = []
    for path in sorted(sessions_dir.glob("*.md")):
        if not SESSION_FILE.match(path.stem):
            continue
        number = day = number_line = None
        try:
            front = parse_front_matter(path.read_text(encoding="utf-8"))
            data, lines = front.data, front.lines
        except (FrontMatterError, OSError, UnicodeDecodeError):
            data, lines = {}, {}
        if isinstance(data.get("number"), int) and not isinstance(data["number"], bool):
            number, number_line = data["number"], lines.get("number")
        if data.get("date") is not None:
            day = str(data["date"])
        found.append(ExistingSession(path, number, day, number_line))
    return found


def place(sessions: list[ExistingSession], day: date) -> tuple[int, list[ExistingSession]]:
    """The new session's number in date order, and the later sessions to renumber."""
    numbered = [s for s in sessions if s.number is not None and s.date is not None]
    later = sorted((s for s in numbered if s.date > day.isoformat()), key=lambda s: s.number)
    if not later:
        return max((s.number for s in sessions if s.number is not None), default=0) + 1, []
    number = later[0].number
    earlier = [s for s in numbered if s.date <= day.isoformat()]
    clash = max(earlier, key=lambda s: s.number, default=None)
    if clash is not None and clash.number >= number:
        raise Refused(
            f"the sessions are not numbered in date order: {clash.path.name} "
            f"({clash.date}) is number {clash.number}, {later[0].path.name} "
            f"({later[0].date}) is number {number}; number them in date order first",
            later[0].path,
            later[0].number_line,
        )
    return number, later


def renumbered_text(session: ExistingSession, new: int) -> str:
    """The session's file with its ``number:`` line set to ``new``, nothing else changed."""
    lines = session.path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = session.number_line - 1
    body = lines[index].rstrip("\r\n")
    match = NUMBER_LINE.match(body)
    if match is None:
        raise Refused(
            f"expected 'number: {session.number}' on a line of its own, to renumber the "
            f"session, found {body!r}",
            session.path,
            session.number_line,
        )
    lines[index] = f"number: {new}{match['rest']}" + lines[index][len(body) :]
    return "".join(lines)


def yaml_line(key: str, value: object) -> str:
    """``key: value`` on one line, the value quoted where YAML needs it ('2020', 'Yes', 'a: b')."""
    return yaml.safe_dump(
        {key: value}, allow_unicode=True, default_flow_style=False, width=1_000_000
    ).rstrip("\n")


#: the body of a new session page, to be replaced; a past session still holding it (in
#: English or the site's language) is reported (header.py)
PLACEHOLDER_SENTENCE = N_(
    "Replace this sentence with what the session discussed: the papers, and who presented them."
)
#: the text of a year page that ``new`` creates
YEAR_INTRO = N_("The sessions of {year}, newest first.")
LISTING_NOTE = N_("a listing: search results point at the sessions themselves")
IDENTITY_NOTE = N_("the session's identity for calendars: keep it as it is")
#: after the placeholder, as MyST comments (each line starts with %)
FINISHING_NOTES = N_(
    "How to finish this page (lines starting with % do not appear on the site):\n"
    "- speakers: [First Last, ...] and topics: [slug, ...], the names of the topic pages\n"
    "- summary: one or two sentences for listings, the calendar and the feed\n"
    '- cite a paper with {cite:t}`key` ("Author et al. (2020)") or {cite:p}`key`\n'
    '  ("(Author et al., 2020)"); add its complete entry to the site\'s .bib file first\n'
    "- once the recording is on YouTube, add its 11-character id to the front\n"
    "  matter as a line such as: video: p-B0_gk8Uj4"
)


def session_text(number: int, day: date, title: str, identity: str, gettext: Translate) -> str:
    """A new session's page, its notes in the language of ``gettext`` (a catalog's)."""
    notes = "\n".join(f"% {line}" for line in gettext(FINISHING_NOTES).splitlines())
    return f"""---
number: {number}
id: {identity}  # {gettext(IDENTITY_NOTE)}
date: {day.isoformat()}
{yaml_line("title", title)}
speakers: []
topics: []
summary:
---

{gettext(PLACEHOLDER_SENTENCE)}

{notes}
"""


def year_page_text(year: int, gettext: Translate) -> str:
    intro = gettext(YEAR_INTRO).format(year=year)
    return f"""---
title: "{year}"
nosearch: true  # {gettext(LISTING_NOTE)}
---

{intro}

```{{seminar-sessions}}
:year: {year}
```

```{{toctree}}
:hidden:
:glob:

{year}-*
```
"""


def _write_new(path: Path, text: str) -> None:
    """Create ``path``; refuse if it exists (mode 'x' never overwrites, even in a race)."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise Refused("the file already exists; it is left as it is", path) from None


def _replace(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all (a reader never sees half a page)."""
    partial = path.with_name(f".{path.name}.new")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(partial, path)


def scaffold(
    srcdir: Path,
    day_text: str,
    title: str,
    sessions_dir: str = "sessions",
    *,
    unique_dates: bool = True,
    language: str = SOURCE_LANGUAGE,
) -> Scaffolded:
    """Create the session page (and the year page if needed), renumbering later
    sessions; refuse (:class:`~.refusal.Refused`) before anything is written. The
    file name and the pages' notes follow the site's ``language``."""
    day = parse_date(day_text)
    title = title.strip()
    if not title:
        raise Refused("--title must not be empty")
    if "\n" in title or "\r" in title:
        raise Refused("--title must be a single line")
    folder = srcdir / sessions_dir
    if not folder.is_dir():
        raise Refused(
            f"no folder {shown(folder)}, where the settings put the session pages: "
            "pass the site's source folder with --srcdir"
        )
    sessions = existing_sessions(folder)
    if unique_dates:
        for other in sessions:
            if other.date == day.isoformat() or other.path.name.startswith(f"{day.isoformat()}-"):
                raise Refused(
                    f"{day.isoformat()} already has a session, and seminar_unique_dates "
                    "is on: each session needs its own date",
                    other.path,
                )
    path = folder / f"{day.isoformat()}-{slugify(title, language)}.md"
    if path.exists():
        raise Refused("the file already exists; it is left as it is", path)
    number, later = place(sessions, day)
    renumbered = [Renumbered(s.path, s.number, s.number + 1) for s in later]
    new_texts = {s.path: renumbered_text(s, s.number + 1) for s in later}
    gettext = translations(language).gettext
    _write_new(path, session_text(number, day, title, str(uuid.uuid4()), gettext))
    for later_path, text in new_texts.items():
        _replace(later_path, text)
    year_page = folder / f"{day.year}.md"
    created_year = None
    if not year_page.exists():
        try:
            _write_new(year_page, year_page_text(day.year, gettext))
            created_year = year_page
        except Refused:
            pass  # written meanwhile by someone else: theirs is kept
    return Scaffolded(path, number, created_year, tuple(renumbered))
