"""Errors and warnings of the extension: ``type="seminar"`` with a subtype and a location.

A maintainer silences one class with ``suppress_warnings = ["seminar.<subtype>"]``.
"""

from __future__ import annotations

from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger("seminar")

WARNING_TYPE = "seminar"


class SeminarError(SphinxError):
    category = "Seminar archive error"


def report_error(subtype: str, message: str, location: object) -> None:
    """Log bad input; ``location`` is a docname, ``(docname, line)`` or a node."""
    logger.error(message, type=WARNING_TYPE, subtype=subtype, location=location)
