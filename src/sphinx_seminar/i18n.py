"""Translations: every label the extension writes follows the site's ``language``.

The labels are the messages of the ``sphinx_seminar`` catalog
(``locale/<language>/LC_MESSAGES/sphinx_seminar.mo``), looked up through Sphinx's
own translation machinery for the language of the build, never the machine's
locale. :func:`_` translates when it is called: at read time for what goes into a
page's doctree (Sphinx reads every page again when ``language`` changes), at
write time for the rest. A text kept in a module constant is marked with
:func:`N_` and translated where it is written.

``tools/translations.py`` extracts the messages, updates the catalogs and
compiles them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation, get_translator

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

#: the name of the message catalog (``sphinx_seminar.pot``, ``.po``, ``.mo``)
CATALOG = "sphinx_seminar"
#: ``<language>/LC_MESSAGES/sphinx_seminar.mo`` for each translation, inside the package
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_ = get_translation(CATALOG)


def catalog_languages() -> list[str]:
    """The languages the package has a compiled catalog for (besides English, the source)."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{CATALOG}.mo"))


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it (yet)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message, as the build's language counts."""
    return get_translator(CATALOG).ngettext(singular, plural, count)


def plural_forms(counted: Callable[[int], str]) -> dict[str, str]:
    """A count's label for the browser ('{count} sessions') in the forms that
    ``Intl.PluralRules`` names, each as the site's catalog words it; ``counted``
    is a call of :func:`ngettext` with the two messages."""
    return {"one": counted(1), "other": counted(2)}


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, LOCALE_DIR)
