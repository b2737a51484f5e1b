"""The book theme's sidebar navigation, made in time that does not grow with the archive.

sphinx-book-theme's sidebar (``sbt-sidebar-nav.html``) asks Sphinx for the
site's whole table of contents on every page and rewrites it with
BeautifulSoup (pydata-sphinx-theme's ``generate_toctree_html``). Sphinx
resolves every nested table of contents before it collapses the branches a
page does not show, so with every session in the tree each page costs time in
proportion to the archive, and a clean build grows with its square: at 1,000
sessions an added session cost 5.3 times what it costs bare Sphinx.

``seminar-sidebar-nav.html`` (``templates/booktheme/``, chosen in the site's
``html_sidebars``) shows the same navigation: the same entries, links, classes
and expand buttons, which tests/test_navigation.py checks page by page against
the theme's. :func:`sidebar_navigation` makes it from the entries of the
tables of contents on the way from the home page to the current page (the
branches a collapsed navigation shows), read from Sphinx's public record of
each page's table of contents (``env.tocs``, ``env.titles``) and its
ancestors (``TocTree.get_toctree_ancestors``). A page costs time in proportion
to the entries it shows, and nothing of the theme's HTML is read or rewritten.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from markupsafe import Markup
from sphinx import addnodes
from sphinx.environment.adapters.toctree import TocTree

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the template a site names in html_sidebars instead of sbt-sidebar-nav.html
TEMPLATE = "seminar-sidebar-nav.html"
#: the page context function the template calls
CONTEXT_FUNCTION = "seminar_sidebar_navigation"


@dataclass(frozen=True)
class TocEntry:
    """One entry of a page's table of contents: the page it links and its title, as
    HTML."""

    docname: str
    title: str


def title_markup(title: nodes.Node) -> str:
    """A page title as the theme's navigation shows it: text escaped, inline HTML (MyST
    reads ``<b>`` in a heading as such) as it is, other inline markup as its text."""
    if isinstance(title, nodes.raw):
        return title.astext() if "html" in title.get("format", "").split() else ""
    if isinstance(title, nodes.Text) or not title.children:
        return escape(title.astext())
    return "".join(title_markup(child) for child in title.children)


def toctrees(env: BuildEnvironment, docname: str) -> list[tuple[str, list[TocEntry]]]:
    """A page's tables of contents (hidden ones too), each as its caption and the pages
    it lists, in order, with the title the entry gives or else the page's own; links to
    other sites are left out, as a sidebar of titles only leaves them out."""
    toc = env.tocs.get(docname)
    if toc is None:
        return []
    return [
        (
            toctree.get("caption") or "",
            [
                TocEntry(ref, escape(title) if title else title_markup(env.titles[ref]))
                for title, ref in toctree["entries"]
                if ref in env.titles
            ],
        )
        for toctree in toc.findall(addnodes.toctree)
    ]


def toc_entries(env: BuildEnvironment, docname: str) -> list[TocEntry]:
    """All the pages a page's tables of contents list, as one list."""
    return [entry for _, entries in toctrees(env, docname) for entry in entries]


@dataclass(frozen=True)
class NavigationRequest:
    """What the theme's options ask of the sidebar."""

    maxdepth: int
    collapse: bool
    #: levels whose expand buttons start open (the theme's show_navbar_depth)
    open_levels: int = 1


def sidebar_navigation(
    env: BuildEnvironment, pagename: str, request: NavigationRequest, pathto: Callable[[str], str]
) -> Markup:
    """The sidebar's navigation for ``pagename``, in the theme's markup, with links made
    by the page's ``pathto`` (which sphinx-notfound-page makes absolute on the 404 page)."""
    known = pagename in env.titles
    on_the_way = {pagename, *(TocTree(env).get_toctree_ancestors(pagename) if known else ())}

    def item(entry: TocEntry, level: int) -> str:
        current = entry.docname in on_the_way
        if entry.docname == pagename:
            link = f'<a class="current reference internal" href="#">{entry.title}</a>'
        else:
            href = escape(pathto(entry.docname))
            link = f'<a class="reference internal" href="{href}">{entry.title}</a>'
        classes = [f"toctree-l{level}"] + (["current", "active"] if current else [])
        opened = (not request.collapse or current) and (
            request.maxdepth <= 0 or level < request.maxdepth
        )
        children = (
            branch(entry.docname, level + 1, toc_entries(env, entry.docname)) if opened else ""
        )
        if children:
            classes.append("has-children")
            starts_open = current or level < request.open_levels
            opened_attribute = ' open="open"' if starts_open else ""
            link += (
                f"<details{opened_attribute}><summary>"
                '<span class="toctree-toggle" role="presentation">'
                '<i class="fa-solid fa-chevron-down"></i></span></summary>'
                f"{children}</details>"
            )
        return f'<li class="{" ".join(classes)}">{link}</li>'

    def branch(
        docname: str, level: int, entries: list[TocEntry], base_classes: tuple[str, ...] = ()
    ) -> str:
        if not entries:
            return ""
        # the list on the way to the page is "current", as Sphinx marks it
        leads_to_page = docname != pagename and any(e.docname in on_the_way for e in entries)
        classes = (["current"] if leads_to_page else []) + list(base_classes)
        class_attribute = f' class="{" ".join(classes)}"' if classes else ""
        items = "\n".join(item(entry, level) for entry in entries)
        return f"<ul{class_attribute}>\n{items}\n</ul>"

    # the home page's tables of contents one by one, as Sphinx resolves them
    parts = []
    for caption, entries in toctrees(env, env.config.root_doc):
        if caption and entries:
            parts.append(
                f'<p aria-level="2" class="caption" role="heading">'
                f'<span class="caption-text">{escape(caption)}</span></p>'
            )
        parts.append(branch(env.config.root_doc, 1, entries, ("nav", "bd-sidenav")))
    return Markup("\n".join(parts))


def _add_navigation_function(app: Sphinx, pagename: str, templatename: str, context, doctree):
    # the theme shows the sidebar twice (the wide screen's and the phone's dialog)
    @functools.cache
    def navigation(maxdepth: int = 0, collapse: bool = True, show_nav_level: int = 1) -> Markup:
        request = NavigationRequest(int(maxdepth), bool(collapse), int(show_nav_level))
        # the page's pathto when the template runs: other extensions may replace it
        return sidebar_navigation(app.env, pagename, request, context["pathto"])

    context[CONTEXT_FUNCTION] = navigation


def setup_navigation(app: Sphinx) -> None:
    app.connect("html-page-context", _add_navigation_function)
