"""The extension's own static files (styles and scripts) in the output's ``_static``.

They are copied when the builder is made rather than listed in html_static_path:
the configuration stays as written (no "configuration has changed" on the next
build), and the files exist before any page is written, so their links get the
checksum query (``?v=...``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def copy_static(app: Sphinx, *names: str) -> None:
    target = Path(app.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        copy_asset_file(STATIC / name, target, force=True)
