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
from typing import TYPE_CHECKING

from .. import scaffold
from ..i18n import translations
from ..render import when_text, where_text
from .site import Site, find_site, shown

if TYPE_CHECKING:
    from ..render import Translate

NAME = "new"
HELP = "scaffold the page of a new session"


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


def next_steps(site: Site, result: scaffold.Scaffolded, gettext: Translate) -> list[str]:
    """What ``new`` made, and what to fill in, in the site's language."""
    page = shown(result.session)
    topics = ", ".join(site.topic_slugs) or gettext("none yet: add {path}/<slug>.md").format(
        path=shown(site.topics_dir)
    )
    bib = shown(site.bibfile) if site.bibfile else gettext("the site's .bib file")
    lines = [gettext("Created {page} (session {number}).").format(page=page, number=result.number)]
    lines += [
        gettext("Renumbered {path}: session {old} is now {new}.").format(
            path=shown(r.path), old=r.old, new=r.new
        )
        for r in result.renumbered
    ]
    if result.year_page is not None:
        lines.append(gettext("Created the year page {path}.").format(path=shown(result.year_page)))
    return [
        *lines,
        "",
        gettext("Next, in {page}:").format(page=page),
        "  1. " + gettext("speakers: [First Last, ...]"),
        "  2. " + gettext("topics: [slug, ...], known topics: {topics}").format(topics=topics),
        "  3. " + gettext("summary: one or two sentences"),
        "  4. "
        + gettext(
            "replace the body's first sentence; cite papers with {cite}`key` (entries in {bib})"
        ).format(cite="{cite:t}", bib=bib),
        gettext("Then build the site and check the page."),
    ]


def run(args: argparse.Namespace) -> str:
    site = find_site(args.confdir, args.srcdir)
    gettext = translations(site.language).gettext
    result = scaffold.scaffold(
        site.srcdir,
        args.date,
        args.title,
        site.settings.sessions_dir,
        unique_dates=site.settings.unique_dates,
        language=site.language,
    )
    state = site.settings.on(date.fromisoformat(args.date))
    series = gettext(
        "As the series runs on {date}: {when}; {where}. A session's own start, duration "
        "or location go in its front matter."
    ).format(
        date=args.date,
        when=when_text(state, site.settings, gettext),
        where=where_text(state, site.settings, gettext),
    )
    return "\n".join([*next_steps(site, result, gettext), "", series])
