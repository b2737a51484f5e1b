"""Tables for a site's own documentation: every setting and every front-matter field.

``seminar-settings`` lists the ``seminar_*`` settings with their defaults and meaning,
and ``seminar-front-matter`` the fields of a session page, both made from the
definitions the build validates with (:data:`~sphinx_seminar.config.CONFIG_VALUES`,
:class:`~sphinx_seminar.schema.SessionFrontMatter`), so the documentation cannot drift.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .config import CONFIG_VALUES

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def described(
    items: list[tuple[str, nodes.Node, str]], classes: list[str]
) -> nodes.definition_list:
    """A definition list (readable at any width): ``name`` and a note, then what it means."""
    output = nodes.definition_list(classes=classes)
    for name, note, meaning in items:
        term = nodes.term("", "", nodes.literal("", name), nodes.Text(" · "), note)
        output += nodes.definition_list_item(
            "", term, nodes.definition("", nodes.paragraph("", meaning))
        )
    return output


class SettingsTable(SphinxDirective):
    """Every ``seminar_*`` setting: its default and what it means."""

    def run(self) -> list[nodes.Node]:
        items = [
            (
                name,
                nodes.inline(
                    "",
                    "default: ",
                    nodes.literal("", repr(setting.default)),
                    classes=["seminar-note"],
                ),
                setting.description,
            )
            for name, setting in CONFIG_VALUES.items()
        ]
        return [described(items, ["seminar-settings"])]


class FrontMatterTable(SphinxDirective):
    """Every field of a session page's front matter: required or not, and its meaning."""

    def run(self) -> list[nodes.Node]:
        from .schema import SessionFrontMatter  # pydantic: only on the page that shows it

        items = [
            (
                name,
                nodes.inline("", "required" if field.is_required() else "optional"),
                field.description or "",
            )
            for name, field in SessionFrontMatter.model_fields.items()
        ]
        return [described(items, ["seminar-front-matter"])]


def setup_reference(app: Sphinx) -> None:
    app.add_directive("seminar-settings", SettingsTable)
    app.add_directive("seminar-front-matter", FrontMatterTable)
