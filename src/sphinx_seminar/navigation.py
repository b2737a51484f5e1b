"""The book theme's navigation made once per group of sibling pages.

Not on public APIs: it wraps the theme's ``generate_toctree_html`` by rewiring
``app.events.listeners`` and moves the "current" mark in the theme's HTML with
regular expressions. Neither Sphinx nor the theme offers a public way to share a
navigation between pages (sphinx-doc/sphinx#14277, pydata/pydata-sphinx-theme#364);
without it an added session costs 5.3x bare Sphinx + MyST instead of 2.1x
(30 November 2026, docs/about.md). It stays until a public way meets that target;
tests/test_site.py builds the site with and without it and compares every byte.
(The names of the sidebar's expand buttons are booktheme.py's.)

For every page the theme resolves the site's table of contents and rewrites it
with BeautifulSoup, a cost that grows with the archive. Leaf pages with one
parent in the navigation and one folder (the sessions of a year, the topics)
show the same navigation but for which entry is the current page, so the
finished navigation is made once per group and the "current" mark is moved
(``seminar_sidebar_cache``; a test builds the site both ways and compares every
page). The finished navigations are kept for the next build, beside the
doctrees, under a fingerprint of everything they show: the tables of contents
(the read times of the pages that hold one), every page's title, the HTML
configuration and the versions of the extensions. A rebuild after an edit that
changes none of these (a typo fixed in a session) makes no navigation at all.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from .digest import digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: the finished navigations of the last build, in the doctree folder
STORE_FILE = "seminar-navigation.json"


CURRENT_ENTRY = re.compile(
    r'<li class="(toctree-l\d+) current active"><a class="current reference internal" href="#">'
)
OTHER_ENTRY = re.compile(
    r'<li class="(toctree-l\d+)"><a class="reference internal" href="([^"]*)">'
)


def move_current(markup: str, origin_href: str, page_href: str) -> str | None:
    """The navigation of a sibling page: the current mark moved from the page the
    markup was made for (linked from here as ``origin_href``) to ``page_href``;
    None where the markup is not the expected shape."""
    current = list(CURRENT_ENTRY.finditer(markup))
    target = [entry for entry in OTHER_ENTRY.finditer(markup) if entry[2] == page_href]
    if len(current) != 1 or len(target) != 1:
        return None
    edits = sorted(
        [
            (
                current[0].span(),
                f'<li class="{current[0][1]}"><a class="reference internal" href="{origin_href}">',
            ),
            (
                target[0].span(),
                f'<li class="{target[0][1]} current active"><a class="current reference internal" href="#">',
            ),
        ]
    )
    pieces, end = [], 0
    for (start, stop), replacement in edits:
        pieces += [markup[end:start], replacement]
        end = stop
    return "".join([*pieces, markup[end:]])


def sibling_groups(app: Sphinx) -> dict[str, tuple[str, str]]:
    """Leaf pages -> (parent in the navigation, folder): pages of one group show one
    navigation. Worked out once per build."""
    builder = app.builder
    groups = builder.__dict__.get("_seminar_sibling_groups")
    if groups is None:
        env = app.env
        groups = {
            docname: (parent, docname.rpartition("/")[0])
            for docname, (parent, _, _) in env.collect_relations().items()
            if parent and not env.toctree_includes.get(docname)
        }
        builder.__dict__["_seminar_sibling_groups"] = groups
    return groups


def navigation_fingerprint(app: Sphinx) -> str:
    """Everything a finished navigation shows; a navigation made under another
    fingerprint is not used."""
    env, builder = app.env, app.builder
    build_info = getattr(builder, "build_info", None)
    return digest(
        builder.name,
        getattr(build_info, "config_hash", ""),
        getattr(build_info, "tags_hash", ""),
        sorted((name, str(extension.version)) for name, extension in app.extensions.items()),
        # a page that holds a table of contents is read again whenever it changes
        sorted((docname, env.all_docs.get(docname)) for docname in env.toctree_includes),
        sorted(env.toctree_includes.items()),
        sorted((docname, str(title)) for docname, title in env.titles.items()),
        sorted(
            (docname, str(metadata["tocdepth"]))
            for docname, metadata in env.metadata.items()
            if "tocdepth" in metadata
        ),
    )


class NavigationStore:
    """The finished navigations of this build: slot -> (page made for, markup); those
    of the last build too, where they were made under the same fingerprint."""

    def __init__(self, app: Sphinx) -> None:
        self.path = Path(app.doctreedir) / STORE_FILE
        self.fingerprint = navigation_fingerprint(app)
        self.entries: dict[str, tuple[str, str]] = {}
        self.changed = True
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or cut short: made again
            return
        if not isinstance(stored, dict) or stored.get("fingerprint") != self.fingerprint:
            return
        entries = stored.get("entries")
        if isinstance(entries, dict):
            self.entries = {
                slot: (entry[0], entry[1])
                for slot, entry in entries.items()
                if isinstance(entry, list)
                and len(entry) == 2
                and all(isinstance(part, str) for part in entry)
            }
            self.changed = len(self.entries) != len(entries)

    def get(self, slot: str) -> tuple[str, str] | None:
        return self.entries.get(slot)

    def put(self, slot: str, pagename: str, markup: str) -> None:
        self.entries[slot] = (pagename, markup)
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        data = {"fingerprint": self.fingerprint, "entries": self.entries}
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        partial.replace(self.path)
        self.changed = False


def navigation_store(app: Sphinx) -> NavigationStore:
    """This build's store, made when the first page is written (the environment is
    final by then)."""
    store = app.builder.__dict__.get("_seminar_navigation")
    if store is None:
        store = app.builder.__dict__["_seminar_navigation"] = NavigationStore(app)
    return store


def _share_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """Wrap the theme's ``generate_toctree_html``: named summaries, one finished
    navigation per sibling group (one per page outside the groups), kept for the
    next build, and each page's navigation made once (the theme renders the
    sidebar twice: to test whether it is empty, then for real)."""
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_seminar_shared", False):
        return
    keep = app.config.seminar_sidebar_cache
    group = sibling_groups(app).get(pagename) if keep else None
    made: dict = {}
    uri = app.builder.get_relative_uri

    def generate_shared(kind: str, *args, **kwargs):
        key = (kind, args, tuple(sorted(kwargs.items())))
        if key in made:
            return made[key]
        if kind != "sidebar":  # the theme's raw tree, which templates walk themselves
            made[key] = generate(kind, *args, **kwargs)
            return made[key]
        # with the page's own sections in it, no two pages show the same navigation
        slot = (
            repr((group or ("page", pagename), key)) if keep and kwargs.get("titles_only") else None
        )
        store = navigation_store(app) if slot else None
        markup = None
        if store is not None and (entry := store.get(slot)) is not None:
            origin, origin_markup = entry
            if origin == pagename:
                markup = origin_markup
            else:
                markup = move_current(origin_markup, uri(pagename, origin), uri(origin, pagename))
        if markup is None:
            nav = generate(kind, *args, **kwargs)
            if isinstance(nav, str):  # older themes return markup, newer ones a soup
                nav = BeautifulSoup(nav, "html.parser")
            markup = str(nav)
            if store is not None:
                store.put(slot, pagename, markup)
        made[key] = markup
        return markup

    generate_shared._seminar_shared = True
    context["generate_toctree_html"] = generate_shared


#: the theme's handler that puts ``generate_toctree_html`` into each page's context
THEME_TOCTREE_FUNCTIONS = ("pydata_sphinx_theme.toctree", "add_toctree_functions")


def _share_from_the_start(app: Sphinx) -> None:
    """Wrap ``generate_toctree_html`` as soon as the theme puts it into the context.

    The theme renders the sidebar once to test whether it is empty, in a handler of
    the same priority that runs right after the one adding the function, so a
    later wrapper would come too late for that first, expensive call. The theme's
    handler is run here, one step earlier, followed by the wrapper; with another
    theme (or version) nothing is changed and the wrapper runs at priority 600.
    """
    for listener in list(app.events.listeners.get("html-page-context", ())):
        handler = listener.handler
        if (getattr(handler, "__module__", None), getattr(handler, "__name__", None)) != (
            THEME_TOCTREE_FUNCTIONS
        ):
            continue

        def add_then_share(app, pagename, templatename, context, doctree, add=handler):
            add(app, pagename, templatename, context, doctree)
            _share_navigation(app, pagename, templatename, context, doctree)

        app.disconnect(listener.id)
        app.connect("html-page-context", add_then_share, priority=listener.priority - 1)


def _forget_navigation(app: Sphinx, env) -> None:
    """A new build of the same application starts from the stored navigation."""
    for name in ("_seminar_sibling_groups", "_seminar_navigation"):
        app.builder.__dict__.pop(name, None)


def _keep_navigation(app: Sphinx, exception: Exception | None) -> None:
    """For the next build (in a parallel build: those made in this process)."""
    store = app.builder.__dict__.get("_seminar_navigation") if app.builder else None
    if exception is None and store is not None:
        store.save()


def setup_navigation(app: Sphinx) -> None:
    app.add_config_value("seminar_sidebar_cache", True, "html", types=frozenset({bool}))
    app.connect("env-updated", _forget_navigation)
    app.connect("build-finished", _keep_navigation)
    # the theme is loaded when the builder is made, after this extension
    app.connect("builder-inited", _share_from_the_start)
    # otherwise: after pydata-sphinx-theme puts generate_toctree_html into the context
    app.connect("html-page-context", _share_navigation, priority=600)
