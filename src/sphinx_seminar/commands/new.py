"""``sphinx-seminar new --date YYYY-MM-DD --title "…"``: the page of a new session.

It finds the site (``--confdir``, default: here), writes the page into the folder
its settings name (see :mod:`sphinx_seminar.scaffold`: numbers follow dates, later
sessions are renumbered), and says what to fill in and how the series runs on
that date.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .. import scaffold
from ..i18n import N_
from ..render import when_text, where_text
from .init import translations
from .site import Site, find_site, shown

NAME = "new"
HELP = "scaffold the page of a new session"
YEAR_INTRO = N_("The sessions of {year}, newest first.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", required=True, help="the session's date, YYYY-MM-DD")
    parser.add_argument("--title", required=True, help="the session's title")
    parser.add_argument(
        "--confdir", type=Path, default=None, help="the folder of conf.py (default: here)"
    )
    parser.add_argument(
        "--srcdir",
        type=Path,
        default=None,
        help="the pages' folder (default: the --confdir, or its docs/ if the sessions are there)",
    )


def next_steps(site: Site, result: scaffold.Scaffolded) -> list[str]:
    topics = ", ".join(site.topic_slugs) or f"none yet: add {shown(site.topics_dir)}/<slug>.md"
    bib = shown(site.bibfile) if site.bibfile else "the site's .bib file"
    page = shown(result.session)
    lines = [f"Created {page} (session {result.number})."]
    lines += [
        f"Renumbered {shown(r.path)}: session {r.old} is now {r.new}." for r in result.renumbered
    ]
    if result.year_page is not None:
        lines.append(f"Created the year page {shown(result.year_page)}.")
    return [
        *lines,
        "",
        f"Next, in {page}:",
        "  1. speakers: [First Last, ...]",
        f"  2. topics: [slug, ...], known topics: {topics}",
        "  3. summary: one or two sentences",
        f"  4. replace the body's first sentence; cite papers with {{cite:t}}`key` (entries in {bib})",
        "Then build the site and check the page.",
    ]


def run(args: argparse.Namespace) -> str:
    site = find_site(args.confdir, args.srcdir)
    result = scaffold.scaffold(
        site.srcdir,
        args.date,
        args.title,
        site.settings.sessions_dir,
        unique_dates=site.settings.unique_dates,
        language=site.language,
        year_intro=translations(site.language).gettext(YEAR_INTRO),
    )
    state = site.settings.on(date.fromisoformat(args.date))
    return "\n".join(
        [
            *next_steps(site, result),
            "",
            f"As the series runs on {args.date}: {when_text(state, site.settings)}; "
            f"{where_text(state, site.settings)}. A session's own start, duration or "
            "location go in its front matter.",
        ]
    )
