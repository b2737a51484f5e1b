"""COinS: each paper as an OpenURL ContextObject in an empty ``<span class="Z3988">``.

Reference managers (Zotero's browser connector, among others) find these spans
and offer to save every paper of the page at once. The span's ``title`` is a
Z39.88-2004 ContextObject in KEV form: ``ctx_ver``, the metadata format
(``info:ofi/fmt:kev:mtx:journal``, ``:book`` or ``:dissertation``), the paper's
``rft.*`` fields (``rft.au`` once per author) and its identifiers as ``rft_id``
(``info:doi/...``, ``info:arxiv/...`` and a web address). Values are URL-encoded;
LaTeX markup (braces, ``--``, ``~``) is read as pybtex reads it for display.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from docutils import nodes

from .markup import add_html_only_node, attributes
from .render import latex_text

if TYPE_CHECKING:
    from pybtex.database import Entry, Person
    from sphinx.application import Sphinx

CTX_VER = "Z39.88-2004"
FORMAT = "info:ofi/fmt:kev:mtx:"
#: BibTeX entry type -> (metadata format, rft.genre); any other type is a journal
#: 'preprint' if it has an arXiv id, else of genre 'unknown'
GENRES = {
    "article": ("journal", "article"),
    "inproceedings": ("book", "proceeding"),  # a paper in a conference's proceedings
    "conference": ("book", "proceeding"),
    "incollection": ("book", "bookitem"),
    "inbook": ("book", "bookitem"),
    "book": ("book", "book"),
    "proceedings": ("book", "conference"),  # the proceedings volume itself
    "techreport": ("book", "report"),
    "phdthesis": ("dissertation", None),
    "mastersthesis": ("dissertation", None),
}
DEGREES = {"phdthesis": "PhD", "mastersthesis": "Master's"}


def author_name(person: Person) -> str:
    """'Last, First Middle' ('de Elía, Ramón'; 'Gagne II, David John'), or a lone name."""
    last = " ".join(person.prelast_names + person.last_names + person.lineage_names)
    first = " ".join(person.first_names + person.middle_names)
    return latex_text(f"{last}, {first}" if first else last)


def _kind(entry: Entry) -> tuple[str, str | None]:
    known = GENRES.get(entry.type.lower())
    if known:
        return known
    return ("journal", "preprint" if entry.fields.get("eprint") else "unknown")


def coins_title(entry: Entry) -> str:
    """The ContextObject of one BibTeX entry, URL-encoded: the span's ``title``."""
    fields = {name.lower(): value for name, value in entry.fields.items()}

    def field(name: str) -> str:
        return latex_text(fields[name]) if fields.get(name) else ""

    kind, genre = _kind(entry)
    pairs: list[tuple[str, str]] = [("ctx_ver", CTX_VER), ("rft_val_fmt", FORMAT + kind)]
    if genre:
        pairs.append(("rft.genre", genre))
    title = field("title")
    if kind == "journal":
        pairs += [("rft.atitle", title), ("rft.jtitle", field("journal"))]
    elif genre in {"proceeding", "bookitem"}:
        pairs += [("rft.atitle", title), ("rft.btitle", field("booktitle"))]
    elif kind == "book":
        pairs += [("rft.btitle", title), ("rft.series", field("series"))]
    else:  # a thesis
        degree = DEGREES.get(entry.type.lower(), "")
        pairs += [("rft.title", title), ("rft.inst", field("school")), ("rft.degree", degree)]
    pairs += [("rft.au", author_name(person)) for person in entry.persons.get("author", [])]
    pairs += [
        ("rft.date", field("year")),
        ("rft.volume", field("volume")),
        ("rft.issue", field("number")),
        ("rft.pages", latex_text(fields.get("pages", "").replace("--", "-"))),  # '53-58'
        ("rft.pub", field("publisher") or field("institution")),
        ("rft.place", field("address")),
    ]
    doi, eprint, url = fields.get("doi"), fields.get("eprint"), fields.get("url")
    if doi:
        pairs.append(("rft_id", f"info:doi/{doi}"))
    if eprint:
        # the info-URI namespace of arXiv, and the abstract page (which Zotero reads as URL)
        pairs += [("rft_id", f"info:arxiv/{eprint}"), ("rft_id", f"https://arxiv.org/abs/{eprint}")]
    elif url:
        pairs.append(("rft_id", url))
    return urlencode([(key, value) for key, value in pairs if value])


class seminar_coins(nodes.Inline, nodes.Element):
    """An empty ``<span class="Z3988">`` for one paper (HTML only; nothing elsewhere)."""


def coins_node(entry: Entry) -> seminar_coins:
    return seminar_coins(title=coins_title(entry))


def visit_coins_html(self, node: seminar_coins) -> None:
    # empty and invisible: it carries data for reference managers, not text for readers
    self.body.append(f'<span class="Z3988"{attributes(title=node["title"])}></span>')
    raise nodes.SkipNode


def setup_coins(app: Sphinx) -> None:
    add_html_only_node(app, seminar_coins, visit_coins_html)
