"""The ``sphinx-seminar`` command: one subcommand per module of this package.

Each command module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> str`` (the text printed on success), and finds the site it works
on with :func:`.site.find_site`. A command refuses bad input by raising
:class:`.site.Refused`: :func:`main` prints its one line on stderr and returns 2,
and nothing has been written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import __version__
from ..i18n import SOURCE_LANGUAGE, catalog_languages
from . import announce, cite, init, new, record
from .site import REFUSED, Refused

#: the subcommands, in the order ``--help`` lists them
COMMANDS = (init, new, cite, record, announce)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-seminar",
        description="Start the archive of a seminar or reading group, and add its sessions.",
        epilog=f"Languages with translated labels: {SOURCE_LANGUAGE} (the default), "
        + ", ".join(catalog_languages())
        + ". Paths are relative to the current folder.",
    )
    parser.add_argument("--version", action="version", version=f"sphinx-seminar {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        sub = commands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        text = args.run(args)
    except Refused as refused:
        print(refused.report(args.command), file=sys.stderr)
        return REFUSED
    except OSError as exc:  # the system refuses: a folder in the way, no permission
        path = Path(exc.filename) if exc.filename else None
        print(Refused(exc.strerror or str(exc), path).report(args.command), file=sys.stderr)
        return REFUSED
    try:
        print(text, flush=True)
    except BrokenPipeError:  # the reader stopped early (`| head`): the work is done
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
