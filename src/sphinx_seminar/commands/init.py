"""``sphinx-seminar init FOLDER``: start a new archive, a Sphinx project that builds at once.

It writes ``conf.py`` with the series' settings, a home page, the list of sessions,
a topic index, the people and references pages, an empty ``refs.bib``, a
``.gitignore`` and a ``Makefile`` (``make preview`` builds with ``-W`` and serves
the site), all in the site's ``--language`` where the package has a catalog for it.
It writes only into a new or empty folder, and refuses bad input before writing.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from sphinx.errors import ConfigError

from ..config import start_time_of
from ..i18n import N_, SOURCE_LANGUAGE, catalog_languages, has_catalog, translations
from ..scaffold import yaml_line
from .site import Refused, absolute, shown

NAME = "init"
HELP = "make a new archive (a Sphinx project) in a new or empty folder"

#: the texts of the pages, translated with the package's catalog into the site's language
TEXTS = {
    "project": N_("{name} archive"),
    "author": N_("the {name} organizers"),
    "intro": N_("The archive of the {name}: every session with its papers, speakers and topics."),
    "next": N_("Next session"),
    "latest": N_("Latest sessions"),
    "subscribe": N_("Subscribe"),
    "sessions": N_("Sessions"),
    "sessions_intro": N_("Every session, newest first."),
    "topics": N_("Topics"),
    "topics_intro": N_("The topics the sessions return to."),
    "people": N_("People"),
    "people_intro": N_("Everyone who presented, with the sessions they presented in."),
    "references": N_("References"),
    "references_intro": N_("Every paper discussed, with the sessions that discussed it."),
    "location": N_("To be announced"),
}

CONF_TEMPLATE = '''"""Sphinx configuration of the {name} archive (made by sphinx-seminar init)."""

# -- Project -------------------------------------------------------------------
project = {project!r}
author = {author!r}
# the year the archive was started, and who holds the copyright
copyright = {copyright!r}
language = {language!r}

# -- Extensions ----------------------------------------------------------------
# sphinx_seminar sets up MyST (Markdown pages) and sphinxcontrib-bibtex (citations)
extensions = ["sphinx_seminar"]

# -- Sources -------------------------------------------------------------------
exclude_patterns = ["_build"]
# a session's front-matter title is its page title
myst_title_to_header = True

# -- Bibliography ----------------------------------------------------------------
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- The series (see the sphinx-seminar documentation for every setting) ------------
seminar_series_name = {name!r}
seminar_timezone = {timezone!r}
seminar_start_time = {start!r}
seminar_duration_minutes = {duration!r}
seminar_schedule = {schedule!r}
seminar_location = {location!r}
seminar_attendance = {attendance!r}
# when the series changes (a new room, a new time), add a dated change here:
# {{"date": "YYYY-MM-DD", "note": "What changed.", "location": "..."}}
seminar_series_changes = []

# -- HTML output -------------------------------------------------------------------
html_title = {name!r}
{baseurl}'''

#: html_baseurl: the calendar, the feed and the sitemap need absolute links
BASEURL_SET = "# where the site is published: the calendar, feed and sitemap link there\nhtml_baseurl = {url!r}\n"
BASEURL_UNSET = (
    "# where the site will be published, such as 'https://example.org/seminar/': the\n"
    "# calendar, feed and sitemap need it for absolute links\n"
    "# html_baseurl = ''\n"
)
#: what init has said already, so that the first -W build passes: the build's warning
#: about it, and why it is silenced (delete an entry once its cause is gone)
SILENCED = {
    "seminar.baseurl": "no html_baseurl yet: the build leaves those links out",
    "seminar.language": "the labels stay English: sphinx-seminar has no catalog for it",
}


def silenced_warnings(subtypes: list[str]) -> str:
    """conf.py's ``suppress_warnings`` for what init told the user at once, if anything."""
    if not subtypes:
        return ""
    lines = [f"    {subtype!r},  # {SILENCED[subtype]}" for subtype in subtypes]
    return "suppress_warnings = [\n" + "\n".join(lines) + "\n]\n"


PAGES = {
    "index.md": """---
{title_line}
---

{intro}

```{{seminar-series}}
```

## {next}

```{{seminar-next}}
```

## {latest}

```{{seminar-recent}}
```

## {subscribe}

```{{seminar-subscribe}}
```

```{{toctree}}
:hidden:

sessions/index
topics/index
people
references
```
""",
    "sessions/index.md": """---
title: {sessions}
---

{sessions_intro}

% Add a session with: sphinx-seminar new --date YYYY-MM-DD --title "..."

```{{seminar-sessions}}
:toctree:
```
""",
    "topics/index.md": """---
title: {topics}
---

{topics_intro}

% Add a topic as a page topics/<slug>.md with a title: in its front matter, and
% name its slug in the topics: of a session's front matter.

```{{seminar-topics}}
:toctree:
```
""",
    "people.md": """---
title: {people}
---

{people_intro}

```{{seminar-people}}
```
""",
    "references.md": """---
title: {references}
---

{references_intro}

```{{bibliography}}
:filter: cited
```
""",
    "refs.bib": "% The papers of the sessions: one BibTeX entry each, cited with {{cite:t}}`key`.\n",
    ".gitignore": "# the built site (sphinx-build, make html)\n_build/\n",
    # recipe lines start with a tab, as make requires
    "Makefile": """# make html     build the site into _build/html, failing on any warning
# make preview  build it, then serve it at http://localhost:$(PORT)/ (the search needs a server)
PYTHON ?= python3
PORT ?= 8000

.PHONY: html preview
html:
\t$(PYTHON) -m sphinx -W --keep-going . _build/html

preview: html
\t$(PYTHON) -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)
""",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="a new or empty folder")
    parser.add_argument("--name", required=True, help="the series' name, e.g. 'ML reading group'")
    parser.add_argument("--timezone", required=True, help="where it meets, e.g. Europe/Berlin")
    parser.add_argument("--start", required=True, help="its usual start time, HH:MM (24-hour)")
    parser.add_argument("--duration", type=int, default=90, help="minutes (default: 90)")
    parser.add_argument("--schedule", default="", help="e.g. 'every second Tuesday'")
    parser.add_argument(
        "--location", default=None, help="where it meets (default: to be announced)"
    )
    parser.add_argument(
        "--attendance",
        default="in-person",
        choices=["in-person", "mixed", "online"],
        help="how people attend (default: in-person)",
    )
    parser.add_argument(
        "--language",
        default=SOURCE_LANGUAGE,
        help=f"the site's language, e.g. de (default: {SOURCE_LANGUAGE}); labels are "
        "translated for: " + ", ".join([SOURCE_LANGUAGE, *catalog_languages()]),
    )
    parser.add_argument(
        "--url",
        default=None,
        help="where the site will be published, e.g. https://example.org/seminar/ "
        "(html_baseurl: absolute links in the calendar, feed and sitemap)",
    )


def checked_language(language: str) -> str:
    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise Refused(
            f"--language must be a language code such as 'en' or 'de', got {language!r}"
        ) from None
    return language


def checked_url(url: str) -> str:
    """An absolute http(s) address, ending in '/' so pages resolve below it."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise Refused(
            f"--url must be an absolute address such as 'https://example.org/seminar/', got {url!r}"
        )
    return url if url.endswith("/") else url + "/"


def run(args: argparse.Namespace) -> str:
    folder = absolute(args.folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Refused(f"{shown(folder)} is not an empty folder: init starts a new archive")
    name = args.name.strip()
    if not name or "\n" in name:
        raise Refused("--name must be the series' name on one line, such as 'ML reading group'")
    try:
        ZoneInfo(args.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refused(
            f"--timezone must be an IANA time zone such as 'Europe/Berlin', got {args.timezone!r}"
        ) from None
    try:
        start_time_of(args.start, "--start")
    except ConfigError as exc:
        raise Refused(str(exc)) from None
    language = checked_language(args.language)
    url = checked_url(args.url) if args.url is not None else None
    translate = translations(language).gettext
    values = {key: translate(text).format(name=name) for key, text in TEXTS.items()}
    values |= {
        "name": name,
        "title_line": yaml_line("title", name),  # quoted where YAML needs it ('a: b')
        "language": language,
        "timezone": args.timezone,
        "start": args.start,
        "duration": args.duration,
        "schedule": args.schedule,
        "location": args.location if args.location is not None else values["location"],
        "attendance": args.attendance,
        "baseurl": (BASEURL_SET.format(url=url) if url else BASEURL_UNSET)
        + silenced_warnings(
            [
                *([] if url else ["seminar.baseurl"]),
                *([] if has_catalog(language) else ["seminar.language"]),
            ]
        ),
        "copyright": f"{date.today().year}, {values['author']}",
    }
    files = {"conf.py": CONF_TEMPLATE.format(**values)}
    files |= {relative: text.format(**values) for relative, text in PAGES.items()}
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    where = shown(folder)
    lines = [
        f"Created the {name} archive in {where}:",
        *(f"  {relative}" for relative in files),
        "",
        f"Build it:          sphinx-build -W {where} {Path(where) / '_build' / 'html'}",
        f"Build and preview: make -C {where} preview   (then open http://localhost:8000/)",
        f"Add a session:     sphinx-seminar new --confdir {where} --date YYYY-MM-DD --title '…'",
    ]
    if url is None:
        lines += [
            "",
            "Where will the site be published? Set html_baseurl in conf.py (or pass --url to",
            "init): the calendar, the feed and the sitemap need it for absolute links.",
        ]
    if not has_catalog(language):
        lines += [
            "",
            f"sphinx-seminar has no catalog for {language!r}: the pages' labels are English,",
            "their dates follow the language. Languages with a catalog: "
            + ", ".join([SOURCE_LANGUAGE, *catalog_languages()])
            + ".",
        ]
    return "\n".join(lines)
