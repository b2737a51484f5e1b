"""A paper's metadata from its DOI or arXiv id, as a normalised BibTeX entry (``sphinx-seminar cite``).

The metadata comes through DOI content negotiation as CSL JSON
(``Accept: application/vnd.citationstyles.csl+json``): doi.org hands a Crossref DOI
to Crossref and an arXiv id, as the DOI ``10.48550/arXiv.<id>``, to DataCite. The
resolver's address is ``$SPHINX_SEMINAR_DOI_RESOLVER`` (default https://doi.org/), so
that a mirror, a proxy or a test's local server can stand in for it.

The entry is written in the archive's style (see docs/refs.bib): the key is the first
author's surname, the year and the first word of the title (``rasp2018deep``);
names, titles and journals as published, in Unicode; capitalised words of the
title in braces, so that a style that lower-cases titles keeps them; pages with an
en dash (``--``); the ``doi``, and for arXiv ``eprint`` and ``archivePrefix``.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, unquote

from .render import ascii_words

RESOLVER_VARIABLE = "SPHINX_SEMINAR_DOI_RESOLVER"
DEFAULT_RESOLVER = "https://doi.org/"
CSL_JSON = "application/vnd.citationstyles.csl+json"
ARXIV_DOI_PREFIX = "10.48550/arxiv."
TIMEOUT_SECONDS = 30

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
# new-style ids (2008.08626, 1706.03762v5) and old-style ones (physics/0512049, math.GT/0309136)
_ARXIV = re.compile(r"^(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?$", re.I)
_DOI_ADDRESS = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi:\s*", re.I)
_ARXIV_ADDRESS = re.compile(
    r"^(?:(?:https?://)?(?:www\.)?(?:export\.)?arxiv\.org/(?:abs|pdf)/|arxiv:\s*)", re.I
)
#: words a key skips at the start of a title, as the archive's keys do (hourdin2017art)
_LEADING_SKIPPED = frozenset({"a", "an", "the", "on", "do"})
#: BibTeX field names written in the file's alignment (docs/refs.bib), in this order
FIELD_ORDER = (
    "author",
    "title",
    "journal",
    "booktitle",
    "publisher",
    "volume",
    "number",
    "pages",
    "year",
    "doi",
    "eprint",
    "archivePrefix",
    "note",
)


class CiteError(Exception):
    """The paper cannot be cited: the message says why, on one line."""


@dataclass(frozen=True)
class WorkId:
    """A paper's DOI (as written), and its arXiv id (without version) for an arXiv paper."""

    doi: str
    arxiv: str | None = None

    @property
    def key(self) -> str:
        """The DOI in lower case: DOIs are case-insensitive."""
        return self.doi.lower()


def parse_work_id(text: str) -> WorkId:
    """A DOI, an arXiv id, or their addresses, in any letter case; ValueError if none."""
    value = unquote(text.strip())
    if _ARXIV_ADDRESS.match(value):
        value = _ARXIV_ADDRESS.sub("", value).removesuffix(".pdf")
        arxiv = _ARXIV.match(value)
        if arxiv is None:
            raise ValueError(f"{text!r} is no arXiv id: expected one such as 2008.08626")
        return arxiv_work(arxiv["id"])
    value = _DOI_ADDRESS.sub("", value)
    if value.lower().startswith(ARXIV_DOI_PREFIX):
        arxiv = _ARXIV.match(value[len(ARXIV_DOI_PREFIX) :])
        if arxiv is not None:
            return arxiv_work(arxiv["id"])
    if _DOI.match(value):
        return WorkId(doi=value)
    arxiv = _ARXIV.match(value)
    if arxiv is not None:
        return arxiv_work(arxiv["id"])
    raise ValueError(
        f"{text!r} is neither a DOI (10.xxxx/…) nor an arXiv id (such as 2008.08626), "
        "nor the address of one"
    )


def arxiv_work(arxiv_id: str) -> WorkId:
    """An arXiv paper: DataCite registers it as the DOI 10.48550/arXiv.<id>."""
    return WorkId(doi=f"10.48550/arXiv.{arxiv_id}", arxiv=arxiv_id.lower())


def resolver() -> str:
    return os.environ.get(RESOLVER_VARIABLE) or DEFAULT_RESOLVER


def fetch_csl(work: WorkId, base: str | None = None) -> dict:
    """The work's CSL JSON through DOI content negotiation; CiteError if there is none."""
    base = base or resolver()
    # DOIs are case-insensitive: asked for in lower case, as Crossref writes most
    url = base.rstrip("/") + "/" + quote(work.key, safe="/")
    request = urllib.request.Request(url, headers={"Accept": CSL_JSON})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            kind = response.headers.get_content_type() if response.headers["Content-Type"] else ""
            body = response.read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise CiteError(f"{work.doi} is not a registered DOI ({url} answered 404)") from None
        raise CiteError(f"{url} answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise CiteError(f"the DOI resolver {base} cannot be reached: {reason}") from None
    if kind and "json" not in kind:
        raise CiteError(f"{url} did not answer with CSL JSON, but with {kind}")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise CiteError(f"{url} did not answer with CSL JSON (the answer is no JSON)") from None
    if not isinstance(data, dict) or not data.get("title") or not data.get("type"):
        raise CiteError(f"{url} did not answer with CSL JSON (no title or type in the answer)")
    return data


# -- CSL JSON -> a BibTeX entry ---------------------------------------------------------------


def _text(value: object) -> str:
    """A CSL text field (Crossref gives some as lists), without JATS/HTML markup."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if not isinstance(value, str):
        return ""
    from bs4 import BeautifulSoup  # only markup such as <i>…</i> in titles

    return " ".join(BeautifulSoup(value, "html.parser").get_text().split())


def _person(author: dict) -> str:
    if author.get("family"):
        given = author.get("given", "").strip()
        return f"{author['family'].strip()}, {given}" if given else author["family"].strip()
    return "{" + author.get("literal", author.get("name", "")).strip() + "}"


def _year(data: dict) -> str:
    for name in ("issued", "published-print", "published-online", "published", "created"):
        parts = (data.get(name) or {}).get("date-parts") or [[None]]
        if parts[0] and parts[0][0]:
            return str(parts[0][0])
    raise CiteError(f"{data.get('DOI', 'the answer')} gives no year of publication")


def protect_capitals(title: str) -> str:
    """Capitalised words in braces, so that a style that lower-cases titles keeps them
    (the title's very first word only where it has capitals beyond its first letter)."""

    def protect(token: str, first: bool) -> str:
        lead, core, tail = re.match(r"^(\W*)(.*?)(\W*)$", token).groups()
        capitals = [char for char in core if char.isupper()]
        if not capitals or (first and len(capitals) == 1 and core[0].isupper()):
            return token
        return f"{lead}{{{core}}}{tail}"

    return " ".join(protect(token, i == 0) for i, token in enumerate(title.split()))


def en_dash_pages(pages: str) -> str:
    """'635-641' or '635–641' -> '635--641'."""
    return re.sub(r"\s*(?:--|[-‐‑–—])\s*", "--", pages.strip())


def entry_key(data: dict, year: str) -> str:
    """first author's surname + year + first word of the title, in lower-case ASCII."""
    authors = data.get("author") or [{}]
    first = authors[0]
    surname = "".join(ascii_words(first.get("family") or first.get("literal") or "anon"))
    words = [w for w in ascii_words(_text(data.get("title")).replace("'", ""))]
    while len(words) > 1 and words[0] in _LEADING_SKIPPED:
        words.pop(0)
    return f"{surname or 'anon'}{year}{words[0] if words else ''}"


BIBTEX_TYPES = {
    "journal-article": "article",
    "article-journal": "article",
    "paper-conference": "inproceedings",
    "proceedings-article": "inproceedings",
    "book": "book",
    "monograph": "book",
    "chapter": "incollection",
    "book-chapter": "incollection",
    "report": "techreport",
    "dissertation": "phdthesis",
}


@dataclass(frozen=True)
class Entry:
    """A BibTeX entry to write: its type, key and fields (in FIELD_ORDER)."""

    type: str
    key: str
    fields: dict[str, str]
    work: WorkId

    def with_field(self, name: str, value: str) -> Entry:
        return Entry(self.type, self.key, {**self.fields, name: value}, self.work)

    def with_key(self, key: str) -> Entry:
        return Entry(self.type, key, self.fields, self.work)

    def bibtex(self) -> str:
        """The entry as docs/refs.bib writes entries: one field a line, aligned."""
        width = max(len(name) for name in self.fields)
        lines = [f"@{self.type}{{{self.key},"]
        names = [name for name in FIELD_ORDER if name in self.fields]
        for index, name in enumerate(names):
            comma = "," if index < len(names) - 1 else ""
            lines.append(f"  {name.ljust(width)} = {{{self.fields[name]}}}{comma}")
        lines.append("}")
        return "\n".join(lines) + "\n"


def entry_from_csl(data: dict, work: WorkId) -> Entry:
    """The normalised BibTeX entry of a CSL JSON answer."""
    year = _year(data)
    authors = [a for a in data.get("author") or [] if isinstance(a, dict)]
    if not authors:
        raise CiteError(f"{work.doi} has no authors in its metadata")
    doi = data.get("DOI") or work.doi
    arxiv = work.arxiv or (
        doi[len(ARXIV_DOI_PREFIX) :].lower() if doi.lower().startswith(ARXIV_DOI_PREFIX) else None
    )
    if arxiv:  # DataCite writes ARXIV; arXiv itself writes the DOI as below
        doi = arxiv_work(arxiv).doi
    kind = "article" if arxiv else BIBTEX_TYPES.get(data.get("type", ""), "misc")
    fields = {
        "author": " and ".join(_person(author) for author in authors),
        "title": protect_capitals(_text(data.get("title"))),
    }
    container = _text(data.get("container-title"))
    if arxiv and not container:
        fields["journal"] = "arXiv preprint"  # the archive's preprints (docs/refs.bib)
    elif kind == "article" and container:
        fields["journal"] = container
    elif kind in {"inproceedings", "incollection"} and container:
        fields["booktitle"] = container
    elif kind in {"book", "techreport", "misc"} and data.get("publisher"):
        fields["publisher"] = _text(data["publisher"])
    for csl, bib in (("volume", "volume"), ("issue", "number")):
        if _text(data.get(csl)):
            fields[bib] = _text(data[csl])
    if _text(data.get("page")):
        fields["pages"] = en_dash_pages(_text(data["page"]))
    fields["year"] = year
    fields["doi"] = doi
    if arxiv:
        fields["eprint"] = arxiv
        fields["archivePrefix"] = "arXiv"
    return Entry(kind, entry_key(data, year), fields, WorkId(doi, arxiv))


def related_ids(data: dict) -> set[str]:
    """DOIs (lower case) that the metadata names as another version of the work:
    Crossref's ``relation`` has-preprint, is-preprint-of, has-version, is-version-of."""
    found = set()
    relations = data.get("relation") or {}
    for kind in ("has-preprint", "is-preprint-of", "has-version", "is-version-of"):
        for item in relations.get(kind) or []:
            if isinstance(item, dict) and item.get("id-type") == "doi" and item.get("id"):
                found.add(item["id"].lower())
    return found
