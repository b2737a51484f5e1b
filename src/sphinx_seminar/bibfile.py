"""What a site's .bib file holds, and adding one entry to it (``sphinx-seminar cite``).

The file is read with pybtex, as sphinxcontrib-bibtex reads it. An entry is added
by appending its text, so that the rest of the file stays byte for byte as the
organizers wrote it; the new text is parsed by pybtex before it replaces the file.

Another version of a paper (its preprint, or the published version of a preprint)
is named in the new entry's ``note``, as docs/refs.bib names the two versions of Rasp
and Thuerey's paper: "Preprint of Rasp and Thuerey (2021), "…", <journal>, doi:…" or
"Published version of the preprint Rasp and Thuerey (2020), "…", arXiv:…". The
existing entry is not edited (the command prints the note it could carry).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .csl import ARXIV_DOI_PREFIX, CiteError, Entry, WorkId, parse_work_id
from .editing import write_atomically
from .render import ascii_words


@dataclass(frozen=True)
class KnownEntry:
    """An entry of the file: its key, ids (DOIs in lower case, arXiv ids) and the
    first author's surname and title as words, to recognise another version by."""

    key: str
    dois: frozenset[str]
    arxiv: frozenset[str]
    surname: str
    title: tuple[str, ...]
    #: how a note names it: 'Rasp and Thuerey (2021), "Title", Journal'
    citation: str = ""
    #: its DOI as written (not an arXiv DOI), or ''
    doi: str = ""


def _ids(fields) -> tuple[set[str], set[str]]:
    dois, arxiv = set(), set()
    for name in ("doi", "url"):
        if fields.get(name):
            try:
                work = parse_work_id(fields[name])
            except ValueError:
                continue
            dois.add(work.key)
            if work.arxiv:
                arxiv.add(work.arxiv)
    if fields.get("eprint") and fields.get("archivePrefix", "arXiv").lower() == "arxiv":
        try:
            work = parse_work_id(f"arXiv:{fields['eprint']}")
        except ValueError:
            pass
        else:
            arxiv.add(work.arxiv)
            dois.add(work.key)
    return dois, arxiv


def _title_words(title: str) -> tuple[str, ...]:
    return tuple(ascii_words(title.replace("{", "").replace("}", "")))


def authors_label(surnames: list[str]) -> str:
    """'Rasp', 'Rasp and Thuerey', 'Rasp et al.'."""
    if len(surnames) > 2:
        return f"{surnames[0]} et al."
    return " and ".join(surnames)


def _unbraced(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def _citation(entry) -> str:
    surnames = [_unbraced(" ".join(p.last_names)) for p in entry.persons.get("author", [])]
    fields = entry.fields
    venue = fields.get("journal") or fields.get("booktitle") or ""
    text = f'{authors_label(surnames)} ({fields.get("year", "")}), "{_unbraced(fields.get("title", ""))}"'
    return f"{text}, {_unbraced(venue)}" if venue and venue != "arXiv preprint" else text


def _surname(persons) -> str:
    authors = persons.get("author") or []
    return "".join(ascii_words(" ".join(authors[0].last_names))) if authors else ""


def known_entries(path: Path) -> list[KnownEntry]:
    """The entries of ``path`` as pybtex reads them; CiteError if it cannot."""
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError

    try:
        data = parse_string(path.read_text(encoding="utf-8"), "bibtex")
    except (OSError, UnicodeDecodeError, PybtexError) as error:
        raise CiteError(f"{path} cannot be read as BibTeX: {error}") from None
    found = []
    for key, entry in data.entries.items():
        dois, arxiv = _ids(entry.fields)
        found.append(
            KnownEntry(
                key=key,
                dois=frozenset(dois),
                arxiv=frozenset(arxiv),
                surname=_surname(entry.persons),
                title=_title_words(entry.fields.get("title", "")),
                citation=_citation(entry),
                doi=entry.fields.get("doi", "")
                if not entry.fields.get("doi", "").lower().startswith(ARXIV_DOI_PREFIX)
                else "",
            )
        )
    return found


def find_work(known: list[KnownEntry], work: WorkId) -> KnownEntry | None:
    """The entry with the work's DOI or arXiv id, in any spelling, or None."""
    for entry in known:
        if work.key in entry.dois or (work.arxiv is not None and work.arxiv in entry.arxiv):
            return entry
    return None


def version_note(known: KnownEntry, entry: Entry) -> str:
    """The note that names the other version, in the new entry's ``note``."""
    arxiv, doi = sorted(known.arxiv), known.doi
    if entry.work.arxiv is not None and doi:
        return f"Preprint of {known.citation}, doi:{doi}"
    if entry.work.arxiv is None and arxiv:
        return f"Published version of the preprint {known.citation}, arXiv:{arxiv[0]}"
    return f"Another version of {known.citation}" + (f", doi:{doi}" if doi else "")


def other_version(known: KnownEntry, entry: Entry, related: set[str]) -> bool:
    """The known entry is another version of the entry's paper: the metadata names its
    DOI (Crossref's relations), or it has the same first author and title and one of
    the two is an arXiv preprint."""
    if known.dois & related:
        return True
    preprint = entry.work.arxiv is not None or any(
        doi.startswith(ARXIV_DOI_PREFIX) for doi in known.dois
    )
    surname = "".join(ascii_words(entry.fields["author"].split(",")[0]))
    return (
        preprint and known.surname == surname and known.title == _title_words(entry.fields["title"])
    )


def free_key(known: list[KnownEntry], key: str) -> str:
    """``key``, or ``key`` + b, c, … where another paper already has it."""
    taken = {entry.key.lower() for entry in known}
    if key.lower() not in taken:
        return key
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        if f"{key}{suffix}".lower() not in taken:
            return f"{key}{suffix}"
    raise CiteError(f"every key from {key} to {key}z is taken")


def append_entry(path: Path, entry: Entry) -> None:
    """Add the entry at the end of the file, all or nothing."""
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError

    text = path.read_text(encoding="utf-8")
    new = text.rstrip("\n") + ("\n\n" if text.strip() else "") + entry.bibtex()
    try:
        parse_string(new, "bibtex")
    except PybtexError as error:  # nothing is written that pybtex cannot read back
        raise CiteError(f"the entry {entry.key} would not read back: {error}") from None
    write_atomically(path, new)
