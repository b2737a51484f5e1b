"""The ``sphinx-seminar`` command: start an archive (``init``) and add a session (``new``).

``sphinx-seminar init DIR --name "…" --timezone Area/City --start HH:MM`` writes a
new Sphinx project into an empty or new folder: ``conf.py``, a home page, an empty
list of sessions, a topic index, the people and references pages and an empty
``refs.bib``; ``sphinx-build -W DIR DIR/_build/html`` builds it at once.

``sphinx-seminar new --date YYYY-MM-DD --title "…"`` scaffolds a session page in
the site whose ``conf.py`` is in ``--confdir`` (default: here), in the folders its
settings name, and says how the series runs on that date.

Both refuse bad input with a message on stderr and exit code 2, and never
overwrite a file.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sphinx.errors import ConfigError

from . import scaffold as scaffolding
from .config import CONFIG_VALUES, SeriesSettings, parse_settings, start_time_of
from .render import when_text, where_text

#: exit code for input the command refuses (argparse uses it too)
REFUSED = 2


class Refused(Exception):
    """The command refuses: the message says why, and names the file or option."""


# -- new ---------------------------------------------------------------------------------


def read_settings(confdir: Path) -> SeriesSettings:
    """The series settings of the site configured by ``confdir/conf.py``, as a build
    would validate them."""
    from sphinx.config import Config  # Sphinx's own reading of conf.py
    from sphinx.util.tags import Tags

    if not (confdir / "conf.py").is_file():
        raise Refused(
            f"{confdir / 'conf.py'} does not exist: pass the site's folder with --confdir"
        )
    try:
        config = Config.read(confdir, overrides={}, tags=Tags())
        for name, setting in CONFIG_VALUES.items():
            config.add(name, setting.default, "env", setting.types, setting.description)
        return parse_settings(config)
    except ConfigError as exc:
        raise Refused(f"{confdir / 'conf.py'}: {exc}") from None


def new_session(args: argparse.Namespace) -> str:
    settings = read_settings(args.confdir)
    srcdir = args.srcdir if args.srcdir is not None else args.confdir
    try:
        result = scaffolding.scaffold(srcdir, args.date, args.title, settings.sessions_dir)
    except scaffolding.ScaffoldError as exc:
        raise Refused(str(exc)) from None
    state = settings.on(date.fromisoformat(args.date))
    topics_dir = srcdir / settings.topics_dir
    return "\n".join(
        [
            scaffolding.next_steps(
                result, scaffolding.topic_slugs(srcdir, settings.topics_dir), topics_dir
            ),
            "",
            f"As the series runs on {args.date}: {when_text(state, settings)}; "
            f"{where_text(state, settings)}. A session's own start, duration or "
            "location go in its front matter.",
        ]
    )


# -- init --------------------------------------------------------------------------------

CONF_TEMPLATE = '''"""Sphinx configuration of the {name} archive (made by sphinx-seminar init)."""

# -- Project -------------------------------------------------------------------
project = {project!r}
author = {author!r}
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
'''

PAGES = {
    "index.md": """---
title: {name}
---

The archive of the {name}: every session with its papers, speakers and topics.

```{{seminar-series}}
```

## Next session

```{{seminar-next}}
```

## Latest sessions

```{{seminar-recent}}
```

## Subscribe

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
title: Sessions
---

Every session, newest first.

```{{seminar-sessions}}
:toctree:
```
""",
    "topics/index.md": """---
title: Topics
---

The topics the sessions return to. Add a topic as a page `topics/<slug>.md` with a
`title:` in its front matter, and name its slug in a session's `topics:`.

```{{seminar-topics}}
:toctree:
```
""",
    "people.md": """---
title: People
---

Everyone who presented, with the sessions they presented in.

```{{seminar-people}}
```
""",
    "references.md": """---
title: References
---

Every paper discussed, with the sessions that discussed it.

```{{bibliography}}
:filter: cited
```
""",
    "refs.bib": "% The papers of the sessions: one BibTeX entry each, cited with {{cite:t}}`key`.\n",
}


def init_archive(args: argparse.Namespace) -> str:
    folder: Path = args.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Refused(f"{folder} is not an empty folder: sphinx-seminar init starts a new archive")
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
    values = {
        "name": name,
        "project": f"{name} archive",
        "author": f"the {name} organizers",
        "language": args.language,
        "timezone": args.timezone,
        "start": args.start,
        "duration": args.duration,
        "schedule": args.schedule,
        "location": args.location,
        "attendance": args.attendance,
    }
    written = [folder / "conf.py"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(CONF_TEMPLATE.format(**values), encoding="utf-8")
    for relative, text in PAGES.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text.format(**values))
        written.append(path)
    return "\n".join(
        [
            f"Created the {name} archive in {folder}:",
            *(f"  {path.relative_to(folder)}" for path in written),
            "",
            f"Build it:       sphinx-build -W {folder} {folder / '_build' / 'html'}",
            f"Add a session:  sphinx-seminar new --confdir {folder} --date YYYY-MM-DD --title '…'",
        ]
    )


# -- the command line ---------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-seminar",
        description="Start the archive of a seminar or reading group, and add its sessions.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="{init,new}")

    init = commands.add_parser("init", help="make a new archive (a Sphinx project)")
    init.add_argument("folder", type=Path, help="a new or empty folder")
    init.add_argument("--name", required=True, help="the series' name, e.g. 'ML reading group'")
    init.add_argument("--timezone", required=True, help="where it meets, e.g. Europe/Berlin")
    init.add_argument("--start", required=True, help="its usual start time, HH:MM (24-hour)")
    init.add_argument("--duration", type=int, default=90, help="minutes (default: 90)")
    init.add_argument("--schedule", default="", help="e.g. 'every second Tuesday'")
    init.add_argument("--location", default="To be announced", help="where it meets")
    init.add_argument(
        "--attendance",
        default="in-person",
        choices=["in-person", "mixed", "online"],
        help="how people attend (default: in-person)",
    )
    init.add_argument("--language", default="en", help="the site's language (default: en)")
    init.set_defaults(run=init_archive)

    new = commands.add_parser("new", help="scaffold the page of a new session")
    new.add_argument("--date", required=True, help="the session's date, YYYY-MM-DD")
    new.add_argument("--title", required=True, help="the session's title")
    new.add_argument(
        "--confdir", type=Path, default=Path("."), help="the folder of conf.py (default: .)"
    )
    new.add_argument(
        "--srcdir", type=Path, default=None, help="the pages' folder (default: the --confdir)"
    )
    new.set_defaults(run=new_session)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        print(args.run(args))
    except Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return REFUSED
    return 0


if __name__ == "__main__":
    sys.exit(main())
