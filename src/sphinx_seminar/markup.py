"""HTML written by the extension's own node visitors: escaped attributes, and nodes
that only HTML shows."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

#: the builders' formats other than HTML, in which an HTML-only node shows nothing
OTHER_FORMATS = ("latex", "text", "man", "texinfo")


def attributes(**values: str) -> str:
    """HTML attributes with every value escaped (``data_x`` is written ``data-x``,
    ``class_`` ``class``)."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value, quote=True)}"'
        for name, value in values.items()
    )


def skip_node(self, node: nodes.Element) -> None:
    raise nodes.SkipNode


def add_html_only_node(
    app: Sphinx,
    node: type[nodes.Element],
    visit: Callable,
    depart: Callable | None = None,
) -> None:
    """Register a node that HTML writes with ``visit``/``depart`` and the other
    formats leave out."""
    app.add_node(node, html=(visit, depart), **dict.fromkeys(OTHER_FORMATS, (skip_node, None)))
