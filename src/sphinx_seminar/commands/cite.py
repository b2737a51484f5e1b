"""``sphinx-seminar cite ID [--session DATE]``: add a paper to the site's .bib file.

ID is a DOI, an arXiv id, or their addresses (https://doi.org/…, https://arxiv.org/abs/…),
in any letter case. The metadata comes from DOI content negotiation
(:mod:`sphinx_seminar.csl`); the entry is appended to the first of ``bibtex_bibfiles``
(:mod:`sphinx_seminar.bibfile`). A paper the file has already (by its DOI or arXiv
id) adds nothing, and its key is printed; another version of a paper there (its
preprint, or its published version) is named in the new entry's note. With ``--session DATE`` the session's page
cites the key in its "Papers:" line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import bibfile
from ..config import parse_iso_date
from ..csl import CiteError, entry_from_csl, fetch_csl, parse_work_id, related_ids
from ..editing import with_citation, write_atomically
from .site import Refused, find_site, session_page, shown

NAME = "cite"
HELP = "add a paper to the site's .bib file from its DOI or arXiv id"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="a DOI, an arXiv id, or their https:// address")
    parser.add_argument("--session", help="cite it on the page of this session, YYYY-MM-DD")
    parser.add_argument(
        "--confdir", type=Path, default=None, help="the folder of conf.py (default: .)"
    )
    parser.add_argument(
        "--srcdir", type=Path, default=None, help="the pages' folder (default: found from conf.py)"
    )


def run(args: argparse.Namespace) -> str:
    try:
        work = parse_work_id(args.id)
    except ValueError as error:
        raise Refused(str(error)) from None
    site = find_site(args.confdir, args.srcdir)
    page = None
    if args.session is not None:
        try:
            page = session_page(site, parse_iso_date(args.session))
        except ValueError as error:
            raise Refused(f"--session: {error}") from None
    bib = site.bibfile
    if bib is None or not bib.is_file():
        raise Refused("conf.py names no existing .bib file in bibtex_bibfiles", path=site.conf_py)
    try:
        known = bibfile.known_entries(bib)
        found = bibfile.find_work(known, work)
        if found is None:
            data = fetch_csl(work)
            entry = entry_from_csl(data, work)
            # the answer's DOI may be in the file in another spelling than the one given
            found = bibfile.find_work(known, entry.work)
        if found is not None:
            key, lines = found.key, [f"{shown(bib)} has {work.doi} already, as {found.key}."]
        else:
            entry = entry.with_key(bibfile.free_key(known, entry.key))
            related = related_ids(data)
            version = next((k for k in known if bibfile.other_version(k, entry, related)), None)
            if version is not None:
                entry = entry.with_field("note", bibfile.version_note(version, entry))
            bibfile.append_entry(bib, entry)
            key = entry.key
            lines = [f"Added {key} to {shown(bib)}:", "", entry.bibtex()]
            if version is not None:
                lines.append(
                    f"It is another version of {version.key}, which its note names; "
                    f"{version.key} may name it too."
                )
    except CiteError as error:
        raise Refused(str(error)) from None
    if page is not None:
        text = page.read_text(encoding="utf-8")
        cited = with_citation(text, key)
        if cited == text:
            lines.append(f"{shown(page)} cites {key} already.")
        else:
            write_atomically(page, cited)
            lines.append(f"{shown(page)} cites it now: {{cite:t}}`{key}` in its 'Papers:' line.")
    return "\n".join(lines).rstrip("\n")
