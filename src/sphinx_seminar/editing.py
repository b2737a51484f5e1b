"""Editing a site's files in place, all or nothing: what ``cite``, ``record`` and
``announce`` change in a session page or write beside it.

A file is replaced by a finished copy (written beside it, then renamed over it), so
that a failure leaves the old file whole and never half a new one.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .frontmatter import split_front_matter
from .scaffold import yaml_line

#: the line ``cite --session`` collects a session's papers in
PAPERS_PREFIX = "Papers: "


def write_atomically(path: Path, text: str | bytes) -> None:
    """Replace (or create) ``path`` with ``text``; a failure leaves it as it was."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def with_front_matter_field(text: str, name: str, value: object) -> str:
    """The page's text with ``name: value`` in its front matter: the field's line
    replaced where it has one (a one-line field), else added before the closing '---'."""
    block = split_front_matter(text)
    if block is None:
        raise ValueError("the page has no front matter")
    lines = text.splitlines(keepends=True)
    closing = block[1] - 1  # 0-based index of the closing '---'
    new_line = yaml_line(name, value) + "\n"
    field = re.compile(rf"^{re.escape(name)}\s*:")
    for index in range(1, closing):
        if field.match(lines[index]):
            following = lines[index + 1] if index + 1 < closing else ""
            if following[:1] in {" ", "\t", "-"}:
                raise ValueError(f"the field {name!r} spans several lines: edit it by hand")
            lines[index] = new_line
            return "".join(lines)
    lines.insert(closing, new_line)
    return "".join(lines)


def with_citation(text: str, key: str) -> str:
    """The page's text citing ``key``: added to its 'Papers:' line (one line collects
    a session's papers), which is appended to the page if it has none; the page is
    unchanged where it cites the key already."""
    if re.search(rf"\{{cite(?::\w+)?\}}`[^`]*\b{re.escape(key)}\b[^`]*`", text):
        return text
    citation = f"{{cite:t}}`{key}`"
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith(PAPERS_PREFIX):
            lines[index] = line.rstrip("\n").removesuffix(".") + f"; {citation}.\n"
            return "".join(lines)
    return text.rstrip("\n") + f"\n\n{PAPERS_PREFIX}{citation}.\n"
