"""Recordings (provisional: replaced by the click-to-load player)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .model import SessionRecord


def recording_node(record: SessionRecord) -> nodes.Node:
    if not record.video:
        return nodes.paragraph("", "No recording.", classes=["seminar-no-recording"])
    para = nodes.paragraph(classes=["seminar-recording"])
    para += nodes.Text("Recording: ")
    para += nodes.reference("", record.watch_url, refuri=record.watch_url)
    return para


def setup_video(app: Sphinx) -> None:
    pass
