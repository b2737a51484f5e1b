"""Papers: each session's reference list, and the references page with "discussed in" links.

Citations are written with sphinxcontrib-bibtex's ``{cite}`` roles and resolved
against the one ``{bibliography}`` on the references page. Which session cites
which paper comes from sphinxcontrib-bibtex's own citation data, so the
back-links ("discussed in") cost one pass over the citations per build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.database
from docutils import nodes
from pybtex.database import BibliographyDataError
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import settings
from .diagnostics import report_error
from .domain import archive
from .header import seminar_session_references
from .render import link, resolve_links

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinxcontrib.bibtex.domain import Citation

ENTRY_START = re.compile(r"^\s*@\s*(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]*)\s*,", re.MULTILINE)
REQUIRED_FIELDS = ("title", "year")
LINK_FIELDS = ("doi", "eprint", "url")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
ARXIV_PATTERN = re.compile(r"^\d{4}\.\d{4,5}$")


class seminar_bibtex_record(nodes.General, nodes.Element):  # noqa: N801
    """A collapsible BibTeX record (``<details>`` in HTML, a plain block elsewhere)."""


def visit_bibtex_record_html(self, node: nodes.Element) -> None:
    self.body.append('<details class="seminar-bibtex"><summary>BibTeX</summary>')


def depart_bibtex_record_html(self, node: nodes.Element) -> None:
    self.body.append("</details>")


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


def _citations_by_key(env) -> dict[str, Citation]:
    return {citation.key: citation for citation in env.get_domain("cite").citations}


def _line_of_entries(text: str) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {}
    for match in ENTRY_START.finditer(text):
        if match["type"].lower() in {"comment", "preamble", "string"}:
            continue
        line = text.count("\n", 0, match.start("type")) + 1
        lines.setdefault(match["key"], []).append(line)
    return lines


def lint_bibliography(path: Path) -> Iterator[tuple[int, str]]:
    """Problems of one .bib file as (line, message): what pybtex rejects, and
    entries a reader could not follow (no title, year, author/editor or link)."""
    text = path.read_text(encoding="utf-8")
    lines = _line_of_entries(text)
    for key, where in lines.items():
        if not key:
            yield where[0], "entry without a citation key: write @article{key, ...}"
        for line in where[1:]:
            yield line, f"duplicate entry {key!r} (first on line {where[0]})"
    parser = pybtex.database.input.bibtex.Parser()
    try:
        data = parser.parse_string(text)
    except BibliographyDataError as exc:
        if "repeated" not in str(exc):
            yield 1, f"cannot be read as BibTeX: {exc}"
        return
    except Exception as exc:  # pybtex's token errors carry the line in the message only
        yield getattr(exc, "lineno", 1) or 1, f"cannot be read as BibTeX: {exc}"
        return
    found = set(data.entries)
    for key, where in lines.items():
        if key and key not in found and key.lower() not in {k.lower() for k in found}:
            yield where[0], f"entry {key!r} could not be parsed (check braces and commas)"
    for key, entry in data.entries.items():
        line = lines.get(key, [1])[0]
        missing = [name for name in REQUIRED_FIELDS if not entry.fields.get(name)]
        if not entry.persons.get("author") and not entry.persons.get("editor"):
            missing.insert(0, "author")
        if missing:
            yield line, f"entry {key!r} lacks {', '.join(missing)}"
        if not any(entry.fields.get(name) for name in LINK_FIELDS):
            yield line, f"entry {key!r} needs a doi, an arXiv eprint or a url, so readers can find it"
        doi = entry.fields.get("doi")
        if doi and not DOI_PATTERN.match(doi):
            yield line, f"entry {key!r}: doi should look like 10.1234/abc (no https://doi.org/), got {doi!r}"
        eprint = entry.fields.get("eprint")
        if eprint and not ARXIV_PATTERN.match(eprint):
            yield line, f"entry {key!r}: eprint should be an arXiv id such as 2003.12140, got {eprint!r}"
        if "\\" in "".join(entry.fields.values()) or "\\" in str(entry.persons):
            yield line, f"entry {key!r} uses LaTeX escapes: write names and titles in UTF-8"


def _lint_on_config(app: Sphinx, config: Config) -> None:
    for name in config.bibtex_bibfiles:
        path = Path(app.confdir, name)
        if not path.is_file():
            continue  # sphinxcontrib-bibtex reports missing files itself
        for line, message in lint_bibliography(path):
            report_error("bibtex", message, f"{path}:{line}")


class ExpandSessionReferences(SphinxPostTransform):
    """Fill each session's reference list, and point its in-text citations at it."""

    default_priority = 1

    def run(self, **kwargs: object) -> None:
        placeholders = list(self.document.findall(seminar_session_references))
        if not placeholders:
            return
        keys = archive(self.env).cited_keys.get(self.env.docname, ())
        citations = _citations_by_key(self.env)
        ordered = [c for c in self.env.get_domain("cite").citations if c.key in set(keys)]
        backend = self.env.get_domain("cite").backend
        references_doc = settings(self.env).references_doc
        items = nodes.bullet_list(classes=["seminar-references"])
        for citation in ordered:
            paragraph = backend.paragraph(citation.formatted_entry)
            paragraph += nodes.Text(" ")
            paragraph += link(
                references_doc,
                nodes.Text("All sessions on this paper"),
                anchor=citation.citation_id,
                classes=["seminar-discussed-link"],
            )
            items += nodes.list_item("", paragraph, ids=[f"ref-{citation.key}"])
        missing = [key for key in keys if key not in citations]
        for node in placeholders:
            node.replace_self(items.deepcopy() if ordered or not missing else [])


class DiscussedIn(SphinxPostTransform):
    """On the references page: after each entry, the sessions citing it and its BibTeX."""

    default_priority = 6  # after sphinxcontrib-bibtex builds the citation nodes (5)

    def run(self, **kwargs: object) -> None:
        if self.env.docname != settings(self.env).references_doc:
            return
        index = archive(self.env)
        by_id = {c.citation_id: c for c in self.env.get_domain("cite").citations}
        for citation_node in list(self.document.findall(nodes.citation)):
            ids = citation_node.get("ids", [])
            citation = next((by_id[i] for i in ids if i in by_id), None)
            if citation is None:
                continue
            sessions = index.citing_sessions.get(citation.key, ())
            para = nodes.paragraph(classes=["seminar-discussed-in"])
            para += nodes.Text("Discussed in: " if sessions else "Background reading (not cited by a session).")
            for position, record in enumerate(sessions):
                if position:
                    para += nodes.Text(", ")
                para += link(record.docname, nodes.Text(f"{record.number}. {record.title}"))
            citation_node += para
            record_node = seminar_bibtex_record()
            bibtex = pybtex.database.BibliographyData({citation.key: citation.entry}).to_string("bibtex")
            record_node += nodes.literal_block(bibtex, bibtex, language="bibtex")
            citation_node += record_node
        resolve_links(self.app, self.document, self.env.docname)


class LocalCitationLinks(SphinxPostTransform):
    """In-text citations on a session page jump to the page's own reference list."""

    default_priority = 11  # after Sphinx resolves the {cite} cross-references (10)

    def run(self, **kwargs: object) -> None:
        keys = archive(self.env).cited_keys.get(self.env.docname)
        if not keys or self.env.docname not in archive(self.env).by_docname:
            return
        by_id = {c.citation_id: c.key for c in self.env.get_domain("cite").citations}
        for reference in self.document.findall(nodes.reference):
            if "seminar-discussed-link" in reference["classes"]:
                continue
            uri = reference.get("refuri", "")
            _, _, anchor = uri.partition("#")
            key = by_id.get(anchor)
            if key in keys:
                reference["refuri"] = f"#ref-{key}"


def setup_references(app: Sphinx) -> None:
    app.add_node(
        seminar_bibtex_record,
        html=(visit_bibtex_record_html, depart_bibtex_record_html),
        latex=(_skip, _skip),
        text=(_skip, _skip),
        man=(_skip, _skip),
        texinfo=(_skip, _skip),
    )
    app.add_post_transform(ExpandSessionReferences)
    app.add_post_transform(DiscussedIn)
    app.add_post_transform(LocalCitationLinks)
    app.connect("config-inited", _lint_on_config, priority=900)
