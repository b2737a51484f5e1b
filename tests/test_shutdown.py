"""sphinx-build's teardown skips the garbage collections of the build's objects: the
extension freezes the collector when the interpreter exits, and not before."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from helpers import EPOCH, ROOTS

#: a child process: the first atexit handler runs last, after the extension's
CHILD = textwrap.dedent(
    """
    import atexit, gc, sys
    atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count()))
    if sys.argv[1:]:
        from sphinx.cmd.build import main
        status = main(sys.argv[1:])
        print("frozen after the build:", gc.get_freeze_count())
        print("status:", status)
    """
)


def run_child(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        check=True,
    )
    return done.stdout.splitlines()


def test_the_collector_is_frozen_when_a_build_exits(tmp_path):
    out = tmp_path / "out"
    lines = run_child(
        "-q",
        "-b",
        "html",
        str(ROOTS / "test-basic"),
        str(out / "html"),
        "-d",
        str(out / "doctrees"),
    )
    assert "status: 0" in lines
    assert "frozen after the build: 0" in lines  # the build itself collects as ever
    frozen = int(next(line for line in lines if line.startswith("frozen at exit:")).split()[-1])
    assert frozen > 10_000
    assert (out / "html" / "sessions" / "2020-03-24-fluids.html").is_file()


def test_a_process_that_built_nothing_is_left_alone():
    assert run_child() == ["frozen at exit: 0"]
