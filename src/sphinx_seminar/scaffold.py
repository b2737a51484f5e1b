"""Scaffold the page of a new session: what ``sphinx-seminar new`` writes.

It writes ``<srcdir>/<sessions>/<date>-<slug>.md`` with complete front matter
(the next free number, the date and title given, empty speakers and topics, a
summary to fill in) and a body to replace, and creates the year page
``<sessions>/<year>.md`` if the year is new. It never overwrites a file and
refuses a date that is not a real date or that another session already has.
The folders come from the site's settings (see :mod:`sphinx_seminar.cli`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .config import parse_iso_date
from .frontmatter import SESSION_FILE, FrontMatterError, parse_front_matter
from .render import ascii_words

SLUG_WORDS = 6


class ScaffoldError(Exception):
    """The scaffold refuses: the message says why, and names the file in the way."""


@dataclass(frozen=True)
class ExistingSession:
    path: Path
    number: int | None
    date: str | None


@dataclass(frozen=True)
class Scaffolded:
    session: Path
    number: int
    year_page: Path | None  # the year page, if this run created it


def parse_date(text: str) -> date:
    """A real calendar date written YYYY-MM-DD."""
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise ScaffoldError(f"--date: {exc}") from None


def slugify(title: str, max_words: int = SLUG_WORDS) -> str:
    """File-name slug of a title: lower-case ASCII words joined by '-', at most ``max_words``."""
    words = ascii_words(title.replace("'", "").replace("’", ""))  # "Don't" -> "dont"
    return "-".join(words[:max_words])[:60].strip("-") or "session"


def existing_sessions(sessions_dir: Path) -> list[ExistingSession]:
    """Every session file with the number and date its front matter gives (None if unreadable)."""
    found = []
    for path in sorted(sessions_dir.glob("*.md")):
        if not SESSION_FILE.match(path.stem):
            continue
        number = day = None
        try:
            data = parse_front_matter(path.read_text(encoding="utf-8")).data
        except (FrontMatterError, OSError, UnicodeDecodeError):
            data = {}
        if isinstance(data, dict):
            if isinstance(data.get("number"), int) and not isinstance(data["number"], bool):
                number = data["number"]
            if data.get("date") is not None:
                day = str(data["date"])
        found.append(ExistingSession(path=path, number=number, date=day))
    return found


def next_number(sessions: list[ExistingSession]) -> int:
    return max((s.number for s in sessions if s.number is not None), default=0) + 1


def yaml_line(key: str, value: object) -> str:
    """``key: value`` on one line, the value quoted where YAML needs it ('2020', 'Yes', 'a: b')."""
    return yaml.safe_dump(
        {key: value}, allow_unicode=True, default_flow_style=False, width=1_000_000
    ).rstrip("\n")


#: the body of a new session page, to be replaced; a past session still holding it is
#: reported (header.py)
PLACEHOLDER_SENTENCE = (
    "Replace this sentence with what the session discussed: the papers, and who presented them."
)


def session_text(number: int, day: date, title: str) -> str:
    return f"""---
number: {number}
date: {day.isoformat()}
{yaml_line("title", title)}
speakers: []
topics: []
summary:
---

{PLACEHOLDER_SENTENCE}

% How to finish this page (lines starting with % do not appear on the site):
% - speakers: [First Last, ...] and topics: [slug, ...], the names of the topic pages
% - summary: one or two sentences for listings, the calendar and the feed
% - cite a paper with {{cite:t}}`key` ("Author et al. (2020)") or {{cite:p}}`key`
%   ("(Author et al., 2020)"); add its complete entry to the site's .bib file first
% - once the recording is on YouTube, add its 11-character id to the front
%   matter as a line such as: video: p-B0_gk8Uj4
"""


def year_page_text(year: int) -> str:
    return f"""---
title: "{year}"
nosearch: true  # a listing: search results point at the sessions themselves
---

The sessions of {year}, newest first.

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
        raise ScaffoldError(f"{path} already exists; it is left as it is") from None


def scaffold(srcdir: Path, day_text: str, title: str, sessions_dir: str = "sessions") -> Scaffolded:
    """Create the session page (and the year page if needed); raise ScaffoldError to refuse."""
    day = parse_date(day_text)
    title = title.strip()
    if not title:
        raise ScaffoldError("the title must not be empty")
    if "\n" in title or "\r" in title:
        raise ScaffoldError("the title must be a single line")
    folder = srcdir / sessions_dir
    if not folder.is_dir():
        raise ScaffoldError(
            f"{folder} is not a folder: pass the site's source folder with --srcdir"
        )
    sessions = existing_sessions(folder)
    for other in sessions:
        if other.date == day.isoformat() or other.path.name.startswith(f"{day.isoformat()}-"):
            raise ScaffoldError(
                f"{day.isoformat()} already has a session: {other.path}; "
                "each session needs its own date"
            )
    path = folder / f"{day.isoformat()}-{slugify(title)}.md"
    number = next_number(sessions)
    _write_new(path, session_text(number, day, title))
    year_page = folder / f"{day.year}.md"
    created_year = None
    if not year_page.exists():
        try:
            _write_new(year_page, year_page_text(day.year))
            created_year = year_page
        except ScaffoldError:
            pass  # written meanwhile by someone else: theirs is kept
    return Scaffolded(session=path, number=number, year_page=created_year)


def topic_slugs(srcdir: Path, topics_dir: str) -> list[str]:
    return sorted(p.stem for p in (srcdir / topics_dir).glob("*.md") if p.stem != "index")


def next_steps(result: Scaffolded, known_topics: list[str], topics_dir: Path) -> str:
    topics = ", ".join(known_topics) or f"none yet: add {topics_dir}/<slug>.md"
    lines = [f"Created {result.session} (session {result.number})."]
    if result.year_page is not None:
        lines.append(f"Created the year page {result.year_page}.")
    lines += [
        "",
        f"Next, in {result.session}:",
        "  1. speakers: [First Last, ...]",
        f"  2. topics: [slug, ...], known topics: {topics}",
        "  3. summary: one or two sentences",
        "  4. replace the body's first sentence; cite papers with {cite:t}`key` "
        "(entries in refs.bib)",
        "Then build the site and check the page.",
    ]
    return "\n".join(lines)
