"""Scaffold the page of a new session: ``python -m seminar.scaffold --date ... --title ...``.

Writes ``docs/sessions/<date>-<slug>.md`` with complete front matter (the next
free number, the date and title given, empty speakers and topics, a summary to
fill in) and a body to replace; creates the year page ``docs/sessions/<year>.md``
if the year is new. It never overwrites a file and refuses a date that is not a
real date or that another session already has (exit code 2, the reason on stderr).

``nox -s new -- --date 2020-08-11 --title "Learning the Lorenz attractor"`` runs it.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .config import CONFIG_VALUES
from .frontmatter import SESSION_FILE, FrontMatterError, parse_front_matter
from .render import ascii_words

#: exit code for input the scaffold refuses (argparse uses it too)
REFUSED = 2
SLUG_WORDS = 6
SESSIONS_DIR = str(CONFIG_VALUES["seminar_sessions_dir"][0])
TOPICS_DIR = str(CONFIG_VALUES["seminar_topics_dir"][0])
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    if not _ISO_DATE.match(text):
        raise ScaffoldError(
            f"the date must be written YYYY-MM-DD, such as 2020-08-11, got {text!r}"
        )
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ScaffoldError(f"{text} is not a real date ({exc})") from None


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


def session_text(number: int, day: date, title: str) -> str:
    return f"""---
number: {number}
date: {day.isoformat()}
{yaml_line("title", title)}
speakers: []
topics: []
summary:
---

Replace this sentence with what the session discussed: the papers, and who presented them.

% How to finish this page (lines starting with % do not appear on the site):
% - speakers: [First Last, ...] and topics: [slug, ...] from docs/topics/*.md
% - summary: one or two sentences for listings, the calendar and the feed
% - cite a paper with {{cite:t}}`key` ("Author et al. (2020)") or {{cite:p}}`key`
%   ("(Author et al., 2020)"); add its complete entry to docs/refs.bib first
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


def scaffold(docs: Path, day_text: str, title: str) -> Scaffolded:
    """Create the session page (and the year page if needed); raise ScaffoldError to refuse."""
    day = parse_date(day_text)
    title = title.strip()
    if not title:
        raise ScaffoldError("the title must not be empty")
    if "\n" in title or "\r" in title:
        raise ScaffoldError("the title must be a single line")
    sessions_dir = docs / SESSIONS_DIR
    if not sessions_dir.is_dir():
        raise ScaffoldError(
            f"{sessions_dir} is not a folder: pass the documentation folder with --docs"
        )
    sessions = existing_sessions(sessions_dir)
    for other in sessions:
        if other.date == day.isoformat() or other.path.name.startswith(f"{day.isoformat()}-"):
            raise ScaffoldError(
                f"{day.isoformat()} already has a session: {other.path}; "
                "each session needs its own date"
            )
    path = sessions_dir / f"{day.isoformat()}-{slugify(title)}.md"
    number = next_number(sessions)
    _write_new(path, session_text(number, day, title))
    year_page = sessions_dir / f"{day.year}.md"
    created_year = None
    if not year_page.exists():
        try:
            _write_new(year_page, year_page_text(day.year))
            created_year = year_page
        except ScaffoldError:
            pass  # written meanwhile by someone else: theirs is kept
    return Scaffolded(session=path, number=number, year_page=created_year)


def topic_slugs(docs: Path) -> list[str]:
    return sorted(p.stem for p in (docs / TOPICS_DIR).glob("*.md") if p.stem != "index")


def next_steps(result: Scaffolded, docs: Path) -> str:
    topics = ", ".join(topic_slugs(docs)) or f"none yet: add {docs / TOPICS_DIR}/<slug>.md"
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
        "Then build and check the site: nox -s docs",
    ]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m seminar.scaffold",
        description="Create the page of a new seminar session (never overwrites a file).",
    )
    parser.add_argument("--date", required=True, help="the session's date, YYYY-MM-DD")
    parser.add_argument("--title", required=True, help="the session's title")
    parser.add_argument(
        "--docs", default="docs", type=Path, help="the documentation folder (default: docs)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result = scaffold(args.docs, args.date, args.title)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return REFUSED
    print(next_steps(result, args.docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
