"""Write the reference lists of "Start an archive" (docs/start-an-archive.md) from the code.

The page lists every ``seminar_*`` setting and every front-matter field, made from the
definitions the build validates with (``sphinx_seminar.reference``), as Markdown, so
the page reads the same on GitHub as on the built site. Each list sits between two
HTML comments that name it; run this after changing a setting or a field::

    python tools/reference_tables.py          # rewrite the lists in the page
    python tools/reference_tables.py --check  # exit 1 if the page is out of date

``tests/test_reference_tables.py`` fails while the page differs from what this writes.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from sphinx_seminar.reference import Entry, front_matter_entries, markdown_list, settings_entries

PAGE = Path(__file__).resolve().parents[1] / "docs" / "start-an-archive.md"
#: the lists of the page: name (as the comments say it) -> its entries
LISTS: dict[str, Callable[[], list[Entry]]] = {
    "front-matter fields": front_matter_entries,
    "settings": settings_entries,
}


def block(name: str) -> re.Pattern[str]:
    """A list between its comments: ``<!-- begin: NAME … -->`` … ``<!-- end: NAME -->``."""
    return re.compile(
        rf"(<!-- begin: {re.escape(name)}\b[^>]*-->\n)(.*?)(<!-- end: {re.escape(name)} -->)",
        re.DOTALL,
    )


def updated(text: str) -> str:
    """The page's text with every list as the code makes it."""
    for name, entries in LISTS.items():
        pattern = block(name)
        if not pattern.search(text):
            raise SystemExit(f"{PAGE}: no '<!-- begin: {name} -->' … '<!-- end: {name} -->'")
        listed = markdown_list(entries())
        text = pattern.sub(lambda match, listed=listed: match[1] + listed + match[3], text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args(argv)
    text = PAGE.read_text(encoding="utf-8")
    fresh = updated(text)
    if fresh == text:
        print(f"up to date: {PAGE}")
        return 0
    if args.check:
        print(f"{PAGE}: out of date; run python tools/reference_tables.py", file=sys.stderr)
        return 1
    PAGE.write_text(fresh, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
