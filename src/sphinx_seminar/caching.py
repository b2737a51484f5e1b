"""Work that need not be done twice: compiled templates, formatted bibliography entries,
stemmed search words.

Each sphinx-build compiles the theme's Jinja templates anew, and
sphinxcontrib-bibtex formats every entry of the bibliography anew (twice, for the
entry and its tooltip), though neither changes between most builds. Templates
go through Jinja's own bytecode cache, kept beside the doctrees. Formatted
entries are kept in the environment, keyed by the style, the label and every
field and name of the entry, so an edited entry is formatted again; entries no
longer formatted are dropped after each build.

The search index stems every word of every page with the pure-Python Snowball
stemmer, and Sphinx remembers the stems of one page only. The archive's pages
share most of their words (names, topics, the header's labels, the listings),
so the stems are remembered for the whole build: a stem depends on the word
alone.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pybtex.plugin
from jinja2 import FileSystemBytecodeCache

from .digest import digest
from .domain import seminar_domain

if TYPE_CHECKING:
    from docutils import nodes
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

STYLE_GROUP = "pybtex.style.formatting"
TEMPLATE_CACHE = "jinja-bytecode"


class _FormattedEntries:
    """The formatted entries of the environment being built (none outside a build)."""

    stored: dict[tuple, Any] | None = None
    used: set[tuple] = set()  # noqa: RUF012 -- one build at a time per process

    @classmethod
    def bind(cls, stored: dict[tuple, Any] | None) -> None:
        cls.stored, cls.used = stored, set()


def entry_digest(entry: Entry) -> str:
    """Everything of an entry that formatting reads: type, fields and names."""
    people = [
        (role, [str(person) for person in persons]) for role, persons in entry.persons.items()
    ]
    return digest(entry.key, entry.type, sorted(entry.fields.items()), sorted(people))


def remembering(style: type) -> type:
    """A subclass of a pybtex style that formats each (label, entry) once per environment."""
    if getattr(style, "_seminar_remembers", False):
        return style

    class Remembering(style):
        _seminar_remembers = True

        def format_entry(self, label, entry, bib_data=None):
            stored = _FormattedEntries.stored
            if stored is None or bib_data is not None:  # cross-references: not cached
                return super().format_entry(label, entry, bib_data=bib_data)
            key = (style.__module__, style.__qualname__, label, entry_digest(entry))
            _FormattedEntries.used.add(key)
            if key not in stored:
                stored[key] = super().format_entry(label, entry)
            return stored[key]

    Remembering.__name__ = Remembering.__qualname__ = f"Remembering{style.__name__}"
    return Remembering


def _remember_the_default_style(app: Sphinx, config: Config) -> None:
    name = config.bibtex_default_style
    style = pybtex.plugin.find_plugin(STYLE_GROUP, name)
    pybtex.plugin.register_plugin(STYLE_GROUP, name, remembering(style), force=True)


def _bind_formatted_entries(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _FormattedEntries.bind(seminar_domain(env).formatted_entries)


def _drop_unused_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """After sphinxcontrib-bibtex formatted this build's entries: keep only those."""
    stored = _FormattedEntries.stored
    if stored is not None:
        for key in set(stored) - _FormattedEntries.used:
            del stored[key]
    _FormattedEntries.bind(None)


def _cache_compiled_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    folder = Path(app.doctreedir) / TEMPLATE_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _stem_each_word_once(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Before the first page is indexed (the indexer exists once writing began)."""
    language = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if language is not None and "stem" not in vars(language):
        language.stem = functools.cache(language.stem)


def setup_caching(app: Sphinx) -> None:
    app.connect("config-inited", _remember_the_default_style)
    app.connect("builder-inited", _cache_compiled_templates)
    app.connect("env-before-read-docs", _bind_formatted_entries)
    # after sphinxcontrib-bibtex formats the entries (default priority 500)
    app.connect("env-updated", _drop_unused_entries, priority=900)
    app.connect("doctree-resolved", _stem_each_word_once)
