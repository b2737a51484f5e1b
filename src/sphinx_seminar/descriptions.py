"""A page's description for link previews and search engines: its first paragraph.

sphinxext-opengraph describes a page by the first 200 characters of its text, which
on the archive's generated pages runs on into their lists ("… 2023 2022 2021 14 Mar
2023 · 59. C…") and on a topic page breaks a citation ("data[ Goodfellow, 2016]").
Every page that does not set ``og:description`` itself (a session sets its summary,
in header) gets its first paragraph instead, without citations, shortened at a word;
a page without a paragraph of its own (only a generated list) its title.

That text is the ``og:description`` of the page's metadata, the per-page override
sphinxext-opengraph reads, and the ``<meta name="description">`` of every page, with
or without that extension.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from docutils import nodes

from .render import is_paper_citation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: sphinxext-opengraph's default, used where that extension is not loaded
DEFAULT_LENGTH = 200
FIELD = "og:description"
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?)\]])")


def _is_citation(node: nodes.Node) -> bool:
    return is_paper_citation(node) or isinstance(
        node, (nodes.citation_reference, nodes.footnote_reference)
    )


def paragraph_text(paragraph: nodes.paragraph) -> str:
    """The paragraph's words without its citations, on one line."""
    words = [
        text.astext()
        for text in paragraph.findall(nodes.Text)
        if not any(_is_citation(parent) for parent in _ancestors(text, paragraph))
    ]
    text = " ".join("".join(words).split())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)


def _ancestors(node: nodes.Node, stop: nodes.Node):
    node = node.parent
    while node is not None and node is not stop:
        yield node
        node = node.parent


def shortened(text: str, length: int) -> str:
    """``text`` cut at the last word that fits in ``length`` characters, with '…'."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def first_paragraph(doctree: nodes.document) -> nodes.paragraph | None:
    """The page's first paragraph of its own text: under its title, before any list."""
    section = next(iter(doctree.findall(nodes.section)), None)
    for child in section.children if section is not None else doctree.children:
        if isinstance(child, nodes.paragraph):
            return child
    return None


def _describe(app: Sphinx, doctree: nodes.document) -> None:
    metadata = app.env.metadata[app.env.docname]
    if FIELD in metadata:
        return
    paragraph = first_paragraph(doctree)
    text = paragraph_text(paragraph) if paragraph is not None else ""
    if not text:
        title = doctree.next_node(nodes.title)
        text = " ".join(title.astext().split()) if title is not None else ""
    if text:
        length = int(getattr(app.config, "ogp_description_length", DEFAULT_LENGTH))
        metadata[FIELD] = shortened(text, length)


def _meta_description(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
    description = (context.get("meta") or {}).get(FIELD)
    metatags = context.get("metatags", "")
    if not description or 'name="description"' in metatags:
        return
    # before sphinxext-opengraph's own (priority 500), which it leaves out if one is there
    context["metatags"] = (
        metatags + f'\n<meta name="description" content="{html.escape(description)}" />'
    )


def setup_descriptions(app: Sphinx) -> None:
    # after header's (500), which gives a session its summary
    app.connect("doctree-read", _describe, priority=600)
    app.connect("html-page-context", _meta_description, priority=400)
