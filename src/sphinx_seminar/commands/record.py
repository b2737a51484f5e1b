"""``sphinx-seminar record --date DATE VIDEO``: set the recording of a session.

VIDEO is a YouTube id or a YouTube address in any of its forms (watch?v=, youtu.be/,
embed/, shorts/, live/). The id is checked by the build's own check
(:func:`sphinx_seminar.schema.youtube_id`) and written as the page's ``video:``
field; a bad one changes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..config import parse_iso_date
from ..editing import with_front_matter_field, write_atomically
from ..frontmatter import FrontMatterError, parse_front_matter, validate
from ..schema import youtube_id
from .site import Refused, find_site, session_page, shown

NAME = "record"
HELP = "set a session's recording from its YouTube id or address"

YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
     "www.youtube-nocookie.com", "youtu.be"}
)  # fmt: skip
#: the address paths whose next part is the id: /embed/<id>, /shorts/<id>, /live/<id>, /v/<id>
ID_PATHS = frozenset({"embed", "shorts", "live", "v"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("video", help="the YouTube id, or the video's YouTube address")
    parser.add_argument("--date", required=True, help="the session's date, YYYY-MM-DD")
    parser.add_argument(
        "--confdir", type=Path, default=None, help="the folder of conf.py (default: .)"
    )
    parser.add_argument(
        "--srcdir", type=Path, default=None, help="the pages' folder (default: found from conf.py)"
    )


def video_id(text: str) -> str:
    """The id in a YouTube id or address, checked as the build checks it; ValueError if none."""
    value = text.strip()
    if "/" in value or "." in value:
        parts = urlsplit(value if "://" in value else f"https://{value}")
        host = (parts.hostname or "").lower()
        segments = [s for s in parts.path.split("/") if s]
        if host not in YOUTUBE_HOSTS:
            raise ValueError(f"expected a YouTube id or a YouTube address, got {text!r}")
        if host == "youtu.be" and segments:
            value = segments[0]
        elif segments[:1] == ["watch"]:
            value = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ID_PATHS:
            value = segments[1]
        else:
            raise ValueError(
                f"no video id in {text!r}: expected an address such as "
                "https://www.youtube.com/watch?v=p-B0_gk8Uj4 or https://youtu.be/p-B0_gk8Uj4"
            )
    return youtube_id(value)


def run(args: argparse.Namespace) -> str:
    try:
        day = parse_iso_date(args.date)
        video = video_id(args.video)
    except ValueError as error:
        raise Refused(str(error)) from None
    site = find_site(args.confdir, args.srcdir)
    page = session_page(site, day)
    text = page.read_text(encoding="utf-8")
    try:
        new = with_front_matter_field(text, "video", video)
        front = parse_front_matter(new)
    except (ValueError, FrontMatterError) as error:
        raise Refused(str(error), path=page) from None
    # the whole front matter as the build validates it: nothing is written that fails it
    _, problems = validate(front, set(site.topic_slugs))
    if problems:
        line, message = problems[0]
        raise Refused(message, path=page, line=line)
    if new == text:
        return f"{shown(page)} has the recording {video} already."
    write_atomically(page, new)
    return f"{shown(page)}: video: {video} (https://www.youtube.com/watch?v={video})."
