"""Headings on long lists, and a row of links to jump to them.

The list of all sessions is grouped by year, the people page and the references page
by initial letter. The groups are made when the page is written, from the whole
archive, so they are not sections of the page: each group's heading is a
:class:`seminar_heading`, an ``<h2>``/``<h3>`` in HTML (screen readers list and jump
by headings) and a rubric in other formats. Above the groups, a :class:`seminar_jump`
row links to each of them: a ``<nav>`` of links large enough to tap on a phone.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from docutils import nodes

from .markup import add_html_only_node, attributes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class seminar_heading(nodes.rubric):
    """A group's heading inside a listing; ``level`` 2 or 3. A rubric where HTML is not
    written: Sphinx's writers find a subclass's visitor through its base class."""


class seminar_jump(nodes.General, nodes.Element):
    """The links to a page's groups (``<nav>`` in HTML, left out elsewhere)."""


def heading(text: str, anchor: str, level: int = 2, classes: tuple[str, ...] = ()) -> nodes.Node:
    return seminar_heading("", text, ids=[anchor], level=level, classes=list(classes))


def initial(text: str) -> str:
    """The letter a name or an author files under: 'Ł' and 'É' under L and E."""
    letter = unicodedata.normalize("NFKD", text.strip()[:1])[:1].upper()
    return letter if letter.isalpha() else "#"


def jump_links(label: str, targets: list[tuple[str, str]]) -> seminar_jump:
    """``label`` names the row for screen readers; ``targets`` are (text, anchor)."""
    row = nodes.paragraph()
    for position, (text, anchor) in enumerate(targets):
        if position:
            row += nodes.Text(" ")
        row += nodes.reference("", text, refuri=f"#{anchor}", internal=True)
    return seminar_jump("", row, label=label)


def visit_heading_html(self, node: seminar_heading) -> None:
    self.body.append(self.starttag(node, f"h{node['level']}", ""))


def depart_heading_html(self, node: seminar_heading) -> None:
    self.body.append(f"</h{node['level']}>\n")


def visit_jump_html(self, node: seminar_jump) -> None:
    self.body.append(f'<nav class="seminar-jump"{attributes(aria_label=node["label"])}>')


def depart_jump_html(self, node: seminar_jump) -> None:
    self.body.append("</nav>\n")


def setup_headings(app: Sphinx) -> None:
    app.add_node(seminar_heading, html=(visit_heading_html, depart_heading_html))
    add_html_only_node(app, seminar_jump, visit_jump_html, depart_jump_html)
