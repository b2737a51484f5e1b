"""One digest for everything the extension remembers between builds under a key of
its inputs: the fingerprints of pages, the inputs of the calendar and the feed."""

from __future__ import annotations

import hashlib


def digest(*parts: object) -> str:
    """SHA-256 of the parts' ``repr``: equal inputs, equal digest, across processes."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()
