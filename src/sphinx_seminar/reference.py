"""Tables for a site's own documentation: every setting and every front-matter field.

``seminar-settings`` lists the ``seminar_*`` settings with their defaults and meaning,
and ``seminar-front-matter`` the fields of a session page, both made from the
definitions the build validates with (:data:`~sphinx_seminar.config.CONFIG_VALUES`,
:class:`~sphinx_seminar.schema.SessionFrontMatter`), so the documentation cannot drift.
:func:`markdown_list` writes the same entries as Markdown, for a page that must be
readable where no Sphinx runs (``tools/reference_tables.py`` keeps
``docs/start-an-archive.md`` up to date with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .config import CONFIG_VALUES

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Entry(NamedTuple):
    """One setting or field: its name, a note (``code`` is shown as code) and its meaning."""

    name: str
    note: str
    code: str
    meaning: str


def settings_entries() -> list[Entry]:
    """Every ``seminar_*`` setting: its default and what it means."""
    return [
        Entry(name, "default: ", repr(setting.default), setting.description)
        for name, setting in CONFIG_VALUES.items()
    ]


def front_matter_entries() -> list[Entry]:
    """Every field of a session page's front matter: required or not, and its meaning."""
    from .schema import SessionFrontMatter  # pydantic: only where it is shown

    return [
        Entry(name, "required" if field.is_required() else "optional", "", field.description or "")
        for name, field in SessionFrontMatter.model_fields.items()
    ]


def described(entries: list[Entry], classes: list[str]) -> nodes.definition_list:
    """A definition list (readable at any width): ``name`` and a note, then what it means."""
    output = nodes.definition_list(classes=classes)
    for entry in entries:
        note = nodes.inline("", entry.note, classes=["seminar-note"])
        if entry.code:
            note += nodes.literal("", entry.code)
        term = nodes.term("", "", nodes.literal("", entry.name), nodes.Text(" · "), note)
        output += nodes.definition_list_item(
            "", term, nodes.definition("", nodes.paragraph("", entry.meaning))
        )
    return output


def markdown_list(entries: list[Entry]) -> str:
    """The entries as a Markdown list, one line each (GitHub and MyST read it alike)."""
    lines = []
    for entry in entries:
        code = f"`{entry.code}`" if entry.code else ""
        lines.append(f"- `{entry.name}` · {entry.note}{code}: {entry.meaning}")
    return "\n".join(lines) + "\n"


class SettingsTable(SphinxDirective):
    """Every ``seminar_*`` setting: its default and what it means."""

    def run(self) -> list[nodes.Node]:
        return [described(settings_entries(), ["seminar-settings"])]


class FrontMatterTable(SphinxDirective):
    """Every field of a session page's front matter: required or not, and its meaning."""

    def run(self) -> list[nodes.Node]:
        return [described(front_matter_entries(), ["seminar-front-matter"])]


def setup_reference(app: Sphinx) -> None:
    app.add_directive("seminar-settings", SettingsTable)
    app.add_directive("seminar-front-matter", FrontMatterTable)
