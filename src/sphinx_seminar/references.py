"""Papers: each session's reference list, and the references page with "discussed in" links.

Citations are written with sphinxcontrib-bibtex's ``{cite}`` roles and resolved
against the one ``{bibliography}`` on the references page. Which session cites
which paper comes from sphinxcontrib-bibtex's own citation data, so the
back-links ("discussed in") cost one pass over the citations per build.

For reference managers: every paper of both lists carries its COinS span
(:mod:`sphinx_seminar.coins`); each entry of the references page has its BibTeX
record with a copy button, and the id of its BibTeX key (``references.html#key``,
through sphinxcontrib-bibtex's ``bibtex_cite_id``); in a web site (html, dirhtml)
each session page links to a ``.bib`` file of the papers it cites,
``bib/<docname>.bib``, written when the page is and only if its text changed.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pybtex.database
import pybtex.errors
import pybtex.plugin
from docutils import nodes
from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.database.input.bibtex import Parser as BibtexParser
from pybtex.database.output.bibtex import Writer as BibtexWriter
from pybtex.scanner import PrematureEOF, PybtexSyntaxError
from sphinx.util.osutil import relative_uri

from .assets import copy_static
from .bibstyle import localised_style
from .builders import SITE_BUILDERS, WEB_BUILDERS
from .coins import coins_node
from .config import settings
from .diagnostics import report_error
from .domain import archive
from .header import seminar_session_references
from .headings import heading, initial, jump_links
from .i18n import _, ngettext
from .render import latex_text, link, session_link

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.config import Config

ENTRY_START = re.compile(r"^\s*@\s*(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]*)\s*,", re.MULTILINE)
UNREADABLE = "cannot be read as BibTeX"
DUPLICATE = "duplicate entry"
#: sphinxcontrib-bibtex's warning for a .bib file's data errors, a repeated entry among them
BIBTEX_DATA_ERROR = "bibtex.bibfile_data_error"
#: ... and for an entry without a field its style needs
BIBTEX_MISSING_FIELD = "bibtex.missing_field"
IGNORED_TYPES = frozenset({"comment", "preamble", "string"})
REQUIRED_FIELDS = ("title", "year")
LINK_FIELDS = ("doi", "eprint", "url")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
#: arXiv ids since 2007 ('2003.12140') and before ('physics/0701103', 'math.NA/0601001')
ARXIV_PATTERN = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})$")
#: pybtex's errors kept, not raised, while sphinxcontrib-bibtex parses bad files
_QUIET_PARSE = contextlib.ExitStack()
#: the folder of the sessions' .bib files in the output: ``bib/<docname>.bib``
BIB_DIR = "bib"
#: sphinxcontrib-bibtex's id of each entry on the references page: its key
CITE_ID = "{key}"
SCRIPT = "seminar-bibtex.js"


def session_bib_file(docname: str) -> str:
    """A session's papers as BibTeX, relative to the site (written where it cites any)."""
    return f"{BIB_DIR}/{docname}.bib"


def bibtex_text(entries: Iterable[tuple[str, Entry]]) -> str:
    """(key, entry) pairs as BibTeX, the one form the references page and the .bib files use."""
    return pybtex.database.BibliographyData(dict(entries)).to_string("bibtex")


class seminar_bibtex_record(nodes.General, nodes.Element):
    """A paper's BibTeX record with its copy button (in HTML: the button, shown by the
    script, then the record folded in a ``<details>``; a plain block elsewhere).
    ``paper`` is the paper's title, which completes the button's accessible name."""


def bibtex_record(key: str, entry: Entry) -> seminar_bibtex_record:
    """The record of one paper: the references page and each session page show this."""
    record = seminar_bibtex_record(paper=latex_text(entry.fields.get("title", key)))
    bibtex = bibtex_text([(key, entry)])
    record += nodes.literal_block(bibtex, bibtex, language="bibtex")
    return record


def visit_bibtex_record_html(self, node: nodes.Element) -> None:
    # the copy button works only with the script, which shows it (seminar-bibtex.js);
    # it is outside the fold: one click copies; its name says which paper
    label, copied = escape(_("Copy BibTeX")), escape(_("Copied"))
    failed = escape(_("Not copied: the record is selected, copy it with the keyboard"))
    paper = escape(node.get("paper", ""))
    self.body.append(
        '<div class="seminar-bibtex-record">'
        '<div class="seminar-bibtex-actions" hidden>'
        '<button type="button" class="seminar-copy-bibtex"'
        f' data-copied="{copied}" data-failed="{failed}">{label}'
        f'<span class="seminar-visually-hidden">: {paper}</span></button>'
        ' <span class="seminar-copy-status" role="status" aria-live="polite"></span></div>'
        '<details class="seminar-bibtex"><summary>BibTeX</summary>'
    )


class seminar_bib_download(nodes.Inline, nodes.TextElement):
    """A link to a file of the output that the browser saves (``<a download>``)."""


def visit_bib_download_html(self, node: nodes.Element) -> None:
    self.body.append(
        f'<a class="reference download internal" href="{escape(node["href"])}"'
        f' download="{escape(node["filename"])}">'
    )


def depart_bib_download_html(self, node: nodes.Element) -> None:
    self.body.append("</a>")


def depart_bibtex_record_html(self, node: nodes.Element) -> None:
    self.body.append("</details></div>")


def _skip(self, node: nodes.Element) -> None:
    pass


def entry_url(entry: Entry) -> str | None:
    """The paper's canonical link: its DOI, else its arXiv page, else its URL."""
    fields = entry.fields
    if fields.get("doi"):
        return f"https://doi.org/{fields['doi']}"
    if fields.get("eprint"):
        return f"https://arxiv.org/abs/{fields['eprint']}"
    return fields.get("url") or None


class BibProblem(NamedTuple):
    """A problem of a .bib file: where, what, and whether pybtex cannot read the entry
    (``key`` is empty for an entry without one)."""

    line: int
    message: str
    key: str
    unreadable: bool = False


def lint_bibliography(path: Path, strict: bool = True) -> Iterator[BibProblem]:
    """Problems of one .bib file: what pybtex rejects, duplicate keys, and, if ``strict``
    (the site's ``seminar_strict_bibliography``), entries a reader could not follow (no
    author, title, year or link, LaTeX escapes).

    Each entry is parsed on its own, so one broken entry is reported at its line
    and does not hide the problems of the others."""
    text = path.read_text(encoding="utf-8")
    starts = [m for m in ENTRY_START.finditer(text) if m["type"].lower() not in IGNORED_TYPES]
    # each entry's first line (where its "@type" is)
    lines = [text.count("\n", 0, match.start("type")) + 1 for match in starts]
    first_line: dict[str, int] = {}
    for position, match in enumerate(starts):
        line = lines[position]
        key = match["key"]
        end = starts[position + 1].start() if position + 1 < len(starts) else len(text)
        if not key:
            message = "entry without a citation key: write @article{key, ...}"
            yield BibProblem(line, message, key, unreadable=True)
            continue
        if key.lower() in first_line:
            message = f"{DUPLICATE} {key!r} (first on line {first_line[key.lower()]})"
            yield BibProblem(line, message, key)
            continue
        first_line[key.lower()] = line
        try:
            entries = BibtexParser().parse_string(text[match.start() : end]).entries
        except PrematureEOF:
            # the entry was parsed alone: its "file" ended where the next entry starts
            until = (
                f"the next entry (line {lines[position + 1]})"
                if position + 1 < len(starts)
                else "the end of the file"
            )
            message = f"entry {key!r} {UNREADABLE}: a brace or quote in it is open until {until}"
            yield BibProblem(line, message, key, unreadable=True)
            continue
        except PybtexSyntaxError as exc:
            # at the line where pybtex stopped (its line counts from the entry's first)
            where = line + (exc.lineno or 1) - 1
            since = f" (from line {line})" if where != line else ""
            message = f"entry {key!r}{since} {UNREADABLE}: {exc.args[0]}"
            yield BibProblem(where, message, key, unreadable=True)
            continue
        except Exception as exc:  # pybtex's other errors: at the entry's line
            yield BibProblem(line, f"entry {key!r} {UNREADABLE}: {exc}", key, unreadable=True)
            continue
        if key not in entries:
            message = f"entry {key!r} {UNREADABLE} (check its braces and commas)"
            yield BibProblem(line, message, key, unreadable=True)
            continue
        if strict:
            for message in _entry_problems(key, entries[key]):
                yield BibProblem(line, message, key)


def _entry_problems(key: str, entry: Entry) -> Iterator[str]:
    missing = [name for name in REQUIRED_FIELDS if not entry.fields.get(name)]
    if not entry.persons.get("author") and not entry.persons.get("editor"):
        missing.insert(0, "author")
    if missing:
        yield f"entry {key!r} lacks {', '.join(missing)}"
    if not any(entry.fields.get(name) for name in LINK_FIELDS):
        yield f"entry {key!r} needs a doi, an arXiv eprint or a url, so readers can find it"
    doi = entry.fields.get("doi")
    if doi and not DOI_PATTERN.match(doi):
        yield f"entry {key!r}: doi should look like 10.1234/abc (without https://doi.org/), got {doi!r}"
    eprint = entry.fields.get("eprint")
    if eprint and not ARXIV_PATTERN.match(eprint):
        yield f"entry {key!r}: eprint should be an arXiv id such as 2003.12140 or physics/0701103, got {eprint!r}"
    text = " ".join(entry.fields.values()) + " ".join(
        str(person) for people in entry.persons.values() for person in people
    )
    if "\\" in text:
        yield f"entry {key!r} uses LaTeX escapes: write names and titles in UTF-8"


def _lint_on_builder_inited(app: Sphinx) -> None:
    errors = duplicates = 0
    unreadable: list[str] = []  # the keys of the entries that cannot be read
    for name in app.config.bibtex_bibfiles:
        path = Path(app.confdir, name)
        if not path.is_file():
            continue  # sphinxcontrib-bibtex reports missing files itself
        for problem in lint_bibliography(path, settings(app).strict_bibliography):
            report_error("bibtex", problem.message, f"{path}:{problem.line}")
            errors += 1
            if problem.unreadable:
                unreadable.append(problem.key)
            duplicates += problem.message.startswith(DUPLICATE)
    data = app.env.get_domain("seminar").data
    data["bib_errors"] = errors
    data["bib_unreadable"] = unreadable
    # reported above with their lines: not a second time, without them, by sphinxcontrib-bibtex
    quiet = [BIBTEX_DATA_ERROR] if duplicates else []
    if unreadable:
        # pybtex's parser raises on the first (its strict mode, the default), which would
        # end the build in a crash report. While sphinxcontrib-bibtex parses the files,
        # pybtex keeps its errors in a list instead (pybtex.errors.capture, public) and
        # reads what it can of each entry; the fields it could not read are not reported
        # again, and the pages that show those entries are not kept (dependencies).
        _QUIET_PARSE.enter_context(pybtex.errors.capture())
        quiet.append(BIBTEX_MISSING_FIELD)
    app.config.suppress_warnings = [*app.config.suppress_warnings, *quiet]


def _end_quiet_parse(app: Sphinx) -> None:
    _QUIET_PARSE.close()


def _expand_session_references(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill a session's reference list, in the references page's order (author, year)."""
    placeholders = list(doctree.findall(seminar_session_references))
    if not placeholders:
        if app.builder.name in SITE_BUILDERS:  # a session that no longer cites a paper
            Path(app.outdir, session_bib_file(docname)).unlink(missing_ok=True)
        return
    env = app.env
    keys = set(archive(env).cited_keys.get(docname, ()))
    cite_domain = env.get_domain("cite")
    references_doc = settings(env).references_doc
    items = nodes.bullet_list(classes=["seminar-references"])
    cited = [citation for citation in cite_domain.citations if citation.key in keys]
    for citation in cited:
        paragraph = cite_domain.backend.paragraph(citation.formatted_entry)
        paragraph += nodes.Text(" ")
        paragraph += link(
            references_doc,
            nodes.Text(_("All sessions on this paper")),
            anchor=citation.citation_id,
            classes=["seminar-discussed-link"],
        )
        # inside the paragraph: an item of one paragraph keeps the list compact
        paragraph += coins_node(citation.entry)
        item = nodes.list_item("", paragraph, ids=[f"ref-{citation.key}"])
        if app.builder.name in WEB_BUILDERS:  # the copy button needs the page's script
            item += bibtex_record(citation.key, citation.entry)
        items += item
    shown: list[nodes.Node] = [items]
    if cited and app.builder.name in SITE_BUILDERS:
        shown.append(_bib_download(app, docname, [(c.key, c.entry) for c in cited]))
    for node in placeholders:
        node.replace_self([part.deepcopy() for part in shown])


def plain_field(entry: Entry, name: str) -> str:
    """A field as text: BibTeX's case-protecting braces dropped ('{GAN}s' -> 'GANs')."""
    return entry.fields.get(name, "").replace("{", "").replace("}", "")


def venue(entry: Entry) -> str:
    """Where the paper appeared: its journal, proceedings or publisher, else arXiv."""
    for name in ("journal", "booktitle", "publisher", "institution", "school", "howpublished"):
        if entry.fields.get(name):
            return plain_field(entry, name)
    return "arXiv" if entry.fields.get("eprint") else ""


def first_author(entry: Entry) -> str:
    """'Ravuri et al.', 'Rasp and Thuerey', 'Lorenz': the paper's authors in short."""
    people = [p for p in entry.persons.get("author") or entry.persons.get("editor") or []]
    names = [" ".join(person.prelast_names + person.last_names) for person in people]
    names = [name for name in names if name != "others"]
    if not names:
        return ""
    if len(names) == 1 and len(people) == 1:
        return names[0]
    if len(names) == 2 and len(people) == 2:
        return _("{first} and {second}").format(first=names[0], second=names[1])
    return _("{first} et al.").format(first=names[0])


def _name_main_paper(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In a session's header, the paper it discussed first: its title (to the page's
    reference list), authors in short, year and venue."""
    keys = archive(app.env).cited_keys.get(docname)
    if not keys or docname not in archive(app.env).by_docname:
        return
    citation = next((c for c in app.env.get_domain("cite").citations if c.key == keys[0]), None)
    if citation is None:
        return
    entry = citation.entry
    for header in doctree.findall(nodes.container):
        if "seminar-session-header" not in header["classes"]:
            continue
        para = nodes.paragraph(classes=["seminar-main-paper"])
        para += nodes.Text(_("Paper") + ": ")
        title = nodes.emphasis("", plain_field(entry, "title"))
        para += nodes.reference("", "", title, refuri=f"#ref-{citation.key}")
        details = [first_author(entry), plain_field(entry, "year"), venue(entry)]
        para += nodes.Text(" — " + ", ".join(part for part in details if part))
        # after the session's number and date, before where it met
        header.insert(1, para)


def _bib_download(app: Sphinx, docname: str, entries: list[tuple[str, Entry]]) -> nodes.Node:
    """Write the session's papers to ``bib/<docname>.bib`` (if its text changed) and link it.

    Written with the page, so the file changes exactly when the page does: an
    edited entry rewrites the pages citing it (dependencies.citation_fingerprints)."""
    path = Path(app.outdir, session_bib_file(docname))
    data = bibtex_text(entries).encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    label = ngettext(
        "Download this paper as BibTeX (.bib)",
        "Download these papers as BibTeX (.bib)",
        len(entries),
    )
    href = relative_uri(app.builder.get_target_uri(docname), session_bib_file(docname))
    download = seminar_bib_download("", label, href=href, filename=path.name)
    return nodes.paragraph("", "", download, classes=["seminar-bib-download"])


def _discussed_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On the references page: after each entry, the sessions citing it and its BibTeX."""
    if docname != settings(app.env).references_doc:
        return
    index = archive(app.env)
    by_id = {c.citation_id: c for c in app.env.get_domain("cite").citations}
    for citation_node in list(doctree.findall(nodes.citation)):
        ids = citation_node.get("ids", [])
        citation = next((by_id[i] for i in ids if i in by_id), None)
        if citation is None:
            continue
        sessions = index.citing_sessions.get(citation.key, ())
        para = nodes.paragraph(classes=["seminar-discussed-in"])
        para += nodes.Text(
            _("Discussed in") + ": "
            if sessions
            else _("Background reading (not cited by a session).")
        )
        for position, record in enumerate(sessions):
            if position:
                para += nodes.Text(", ")
            para += session_link(record)
        citation_node += para
        entry_text = citation_node.next_node(nodes.paragraph)
        (entry_text if entry_text is not None else citation_node).append(coins_node(citation.entry))
        citation_node += bibtex_record(citation.key, citation.entry)
    _group_by_initial(doctree, by_id)


def _group_by_initial(doctree: nodes.document, by_id: dict) -> None:
    """A heading before the first paper of each letter (the first author's surname, as
    the list is sorted), and links to the letters above the list."""
    first_of: dict[str, nodes.citation] = {}
    for citation_node in doctree.findall(nodes.citation):
        citation = next((by_id[i] for i in citation_node.get("ids", []) if i in by_id), None)
        if citation is not None:
            people = citation.entry.persons.get("author") or citation.entry.persons.get("editor")
            name = " ".join(people[0].last_names) if people else citation.key
            first_of.setdefault(initial(latex_text(name)), citation_node)
    if len(first_of) < 2:
        return
    targets = [(letter, f"papers-{letter}") for letter in first_of]
    first = next(iter(first_of.values()))
    first.parent.insert(first.parent.index(first), jump_links(_("Jump to a letter"), targets))
    for letter, citation_node in first_of.items():
        parent = citation_node.parent
        parent.insert(
            parent.index(citation_node),
            heading(letter, f"papers-{letter}", classes=("seminar-initial",)),
        )


def _local_citation_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In-text citations on a session page jump to the page's own reference list."""
    keys = archive(app.env).cited_keys.get(docname)
    if not keys or docname not in archive(app.env).by_docname:
        return
    by_id = {c.citation_id: c.key for c in app.env.get_domain("cite").citations}
    for reference in doctree.findall(nodes.reference):
        if "seminar-discussed-link" in reference["classes"]:
            continue
        uri = reference.get("refuri", "")
        _, _, anchor = uri.partition("#")
        key = by_id.get(anchor)
        if key in keys:
            reference["refuri"] = f"#ref-{key}"


def visit_citation_html(self, node: nodes.citation) -> None:
    """A bibliography entry as an item of its list. docutils gives each entry
    role="doc-biblioentry" inside a role="list"; that role is deprecated
    (DPUB-ARIA 1.1), so assistive technology and axe see a list whose items are
    not list items once an entry holds more than text. docutils' own depart
    closes the entry and, after the last one, the list."""
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=["citation"], role="listitem"))


def _key_anchors(app: Sphinx, config: Config) -> None:
    """Each entry of the references page is ``#<key>`` (docutils makes the key a valid id:
    lower case, hyphens), unless the site chose its own ``bibtex_cite_id``."""
    if not config.bibtex_cite_id:
        config.bibtex_cite_id = CITE_ID


def _style_in_the_sites_language(app: Sphinx, config: Config) -> None:
    """pybtex's styles write English words ("and", "In"); the site gets their twins that
    write its language's (bibstyle.py). Another style the site chose is kept."""
    config.bibtex_default_style = localised_style(config.bibtex_default_style)
    if config.bibtex_tooltips_style:
        config.bibtex_tooltips_style = localised_style(config.bibtex_tooltips_style)


def _copy_script(app: Sphinx) -> None:
    if app.builder.name in WEB_BUILDERS:
        copy_static(app, SCRIPT)


def _add_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The copy buttons' script, deferred, on the pages that show a BibTeX record."""
    if (
        doctree is not None
        and app.builder.name in WEB_BUILDERS
        and any(doctree.findall(seminar_bibtex_record))
    ):
        app.add_js_file(SCRIPT, loading_method="defer")


def _register_pybtex_plugins() -> None:
    """Look pybtex's plugins up once instead of on every call.

    pybtex searches the installed packages' entry points on each ``find_plugin``;
    sphinxcontrib-bibtex asks for the plain-text backend once per citation
    (about 6 ms each: a quarter of a clean build at 1,000 sessions). Registering
    the very classes those entry points name makes each lookup a dict access.
    """
    for group, name, plugin in (
        ("pybtex.backends", "plaintext", PlaintextBackend),
        ("pybtex.database.input", "bibtex", BibtexParser),
        ("pybtex.database.output", "bibtex", BibtexWriter),
    ):
        pybtex.plugin.register_plugin(group, name, plugin, force=True)


def setup_references(app: Sphinx) -> None:
    _register_pybtex_plugins()
    app.add_node(
        seminar_bibtex_record,
        html=(visit_bibtex_record_html, depart_bibtex_record_html),
        latex=(_skip, _skip),
        text=(_skip, _skip),
        man=(_skip, _skip),
        texinfo=(_skip, _skip),
    )
    app.add_node(seminar_bib_download, html=(visit_bib_download_html, depart_bib_download_html))
    app.connect("config-inited", _key_anchors)
    app.connect("config-inited", _style_in_the_sites_language)
    app.connect("builder-inited", _copy_script)
    app.connect("html-page-context", _add_script)
    # after Sphinx and sphinxcontrib-bibtex resolved the citations (post-transforms)
    app.connect("doctree-resolved", _expand_session_references)
    app.connect("doctree-resolved", _discussed_in)
    app.connect("doctree-resolved", _name_main_paper)
    app.connect("doctree-resolved", _local_citation_links)
    # Sphinx's public way to give a docutils node another HTML visitor
    app.add_node(nodes.citation, override=True, html=(visit_citation_html, None))
    # before and after sphinxcontrib-bibtex parses the files (default priority 500)
    app.connect("builder-inited", _lint_on_builder_inited, priority=100)
    app.connect("builder-inited", _end_quiet_parse, priority=900)
