"""Errors and warnings of the extension: ``type="seminar"`` with a subtype and a location.

A maintainer silences one class with ``suppress_warnings = ["seminar.<subtype>"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger("seminar")

WARNING_TYPE = "seminar"


def report_error(subtype: str, message: str, location: object) -> None:
    """Log bad input; ``location`` is a docname, ``(docname, line)`` or a node."""
    logger.error(message, type=WARNING_TYPE, subtype=subtype, location=location)


def report_warning(subtype: str, message: str, location: object) -> None:
    """Log a doubtful input (a failure under -W); ``location`` as for :func:`report_error`."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)


def build_succeeded(app: Sphinx, exception: BaseException | None) -> bool:
    """The build raised no exception and found no bad input: what is made of the whole
    site (calendar, feed, sitemap, search index) is written.

    Bad seminar input sets the build's exit status in the check that runs before
    those writers (dependencies._fail_on_bad_input, at the default priority), so a
    build with bad sessions never writes them. A warning under -W fails the build
    too, but Sphinx decides that only after ``build-finished``, from its own private
    state: no public API tells an extension whether -W is on or how many warnings
    there were (sphinx-doc/sphinx#11239). Such a build writes them as it writes the
    pages, all from the same sources, and exits non-zero, so it is not published;
    with ``--exception-on-warning`` the first warning stops it before.
    """
    return exception is None and app.statuscode == 0
