"""The translations of sphinx-seminar's labels: extract the messages, update and compile
the catalogs, with Babel (a dependency of Sphinx).

Run from anywhere, with Babel installed (any environment with Sphinx has it)::

    python tools/translations.py extract       # src/sphinx_seminar/locale/sphinx_seminar.pot
    python tools/translations.py update        # merge the .pot into every language's .po
    python tools/translations.py update fr     # ... and start French's .po if there is none
    python tools/translations.py compile       # each .po to its .mo, next to it

After changing a label in the code: ``extract``, ``update``, translate the new or
changed messages in ``locale/<language>/LC_MESSAGES/sphinx_seminar.po`` (Babel marks
changed ones ``#, fuzzy``: check them and remove the mark), then ``compile``, and
commit the .pot, .po and .mo files together. The tests fail while a message of the
code is missing from the .pot, a message of the .pot has no translation, or a .mo
is not what its .po compiles to.

The catalogs are written without line numbers, so moving code changes none of them.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "sphinx_seminar"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_seminar"  # sphinx_seminar.i18n.CATALOG
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
PROJECT = "sphinx-seminar"
HEADER = (
    "# The labels of sphinx-seminar ({kind}), made with tools/translations.py.\n"
    "# This file is distributed under the same license as the sphinx-seminar package (MIT)."
)


def version() -> str:
    init = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', init, re.MULTILINE)[1]


def extract() -> Catalog:
    """Every message the package's Python code marks with ``_``, ``ngettext`` or ``N_``."""
    catalog = Catalog(
        project=PROJECT,
        version=version(),
        header_comment=HEADER.format(kind="template"),
        charset="utf-8",
        fuzzy=False,
    )
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = (PACKAGE / filename).relative_to(REPO).as_posix()
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """A catalog as .po text: sorted by message, locations without line numbers."""
    out = io.BytesIO()
    write_po(out, catalog, width=88, sort_output=True, include_lineno=False)
    return out.getvalue()


def mo_bytes(po_file: Path) -> bytes:
    """What a .po file compiles to (fuzzy translations left out, as gettext does)."""
    with po_file.open("rb") as source:
        catalog = read_po(source, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def po_files() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale, domain=DOMAIN)


def untranslated(catalog: Catalog) -> list[str]:
    """The messages of a catalog without a (non-fuzzy) translation."""
    missing = []
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        print(f"unchanged: {path.relative_to(REPO)}")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path.relative_to(REPO)}")


def cmd_extract(args: argparse.Namespace) -> int:
    catalog = extract()
    if TEMPLATE.is_file():  # keep the header's date while the messages stay the same
        before = read_catalog(TEMPLATE)
        if {m.id for m in before} == {m.id for m in catalog}:
            catalog.creation_date = before.creation_date
    write_if_changed(TEMPLATE, po_bytes(catalog))
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    template = read_catalog(TEMPLATE)
    targets = {path.parents[1].name: path for path in po_files()}
    for language in args.languages:
        targets.setdefault(language, LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po")
    for language, path in sorted(targets.items()):
        if path.is_file():
            catalog = read_catalog(path, locale=language)
            catalog.update(template, update_header_comment=False)
            catalog.version = template.version
            catalog.obsolete.clear()  # a message gone from the code leaves the catalog
        else:
            catalog = Catalog(
                locale=language,
                project=PROJECT,
                version=template.version,
                header_comment=HEADER.format(kind=language),
                charset="utf-8",
                fuzzy=False,
            )
            catalog.update(template)
        write_if_changed(path, po_bytes(catalog))
        missing = untranslated(catalog)
        if missing:
            print(f"{language}: {len(missing)} message(s) to translate or check (fuzzy)")
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    problems = 0
    for path in po_files():
        language = path.parents[1].name
        missing = untranslated(read_catalog(path, locale=language))
        for message in missing:
            print(f"{path.relative_to(REPO)}: not translated: {message!r}", file=sys.stderr)
        problems += len(missing)
        write_if_changed(path.with_suffix(".mo"), mo_bytes(path))
    return 1 if problems else 0


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help=f"write {TEMPLATE.relative_to(REPO)} from the code")
    update = commands.add_parser("update", help="merge the .pot into every language's .po")
    update.add_argument("languages", nargs="*", help="also start the .po of these languages")
    commands.add_parser("compile", help="compile each .po to its .mo (exit 1 if incomplete)")
    args = parser.parse_args(None if argv is None else list(argv))
    run = {"extract": cmd_extract, "update": cmd_update, "compile": cmd_compile}
    return run[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
