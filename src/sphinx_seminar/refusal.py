"""How a ``sphinx-seminar`` command refuses: one line on stderr, exit code 2.

Here, below the commands, so that what they use (the scaffold) refuses the same way;
the commands import it from :mod:`sphinx_seminar.commands.site`.
"""

from __future__ import annotations

import os
from pathlib import Path

#: exit code for input a command refuses (argparse uses it too)
REFUSED = 2


class Refused(Exception):
    """A command refuses: the message says what was expected and what was found.

    With ``path`` (and ``line``) the message is about that file and is shown as
    ``path:line: ERROR: message``, as Sphinx shows a file's problem.
    """

    def __init__(self, message: str, path: Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def report(self, command: str) -> str:
        """The one line printed on stderr."""
        if self.path is None:
            return f"sphinx-seminar {command}: error: {self.message}"
        where = shown(self.path) + (f":{self.line}" if self.line is not None else "")
        return f"{where}: ERROR: {self.message}"


def shown(path: Path) -> str:
    """A path as the user would write it: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def absolute(path: Path) -> Path:
    """``path`` from the current folder (without resolving links, as the shell does)."""
    return Path(os.path.abspath(path))
