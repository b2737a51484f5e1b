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

import gettext
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation, get_translator

from .config import conf_assignments
from .diagnostics import report_warning

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: the name of the message catalog (``sphinx_seminar.pot``, ``.po``, ``.mo``)
CATALOG = "sphinx_seminar"
#: ``<language>/LC_MESSAGES/sphinx_seminar.mo`` for each translation, inside the package
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_ = get_translation(CATALOG)


def translations(language: str) -> gettext.NullTranslations:
    """The catalog for ``language`` outside a build, for the commands (English, the
    source, without one); a build's labels use :func:`_`, in the build's language."""
    return gettext.translation(CATALOG, LOCALE_DIR, [language.replace("-", "_")], fallback=True)


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


#: the language the labels are written in; it needs no catalog
SOURCE_LANGUAGE = "en"


def catalog_languages() -> list[str]:
    """The languages the labels are translated into (each has a compiled catalog)."""
    return sorted(
        folder.name
        for folder in LOCALE_DIR.iterdir()
        if (folder / "LC_MESSAGES" / f"{CATALOG}.mo").is_file()
    )


def has_catalog(language: str) -> bool:
    """Whether the labels exist in ``language`` ('de', 'de_AT' and 'de-AT' use 'de's),
    as gettext looks for them."""
    normalized = language.replace("-", "_")
    base = normalized.partition("_")[0]
    return base == SOURCE_LANGUAGE or bool({normalized, base} & set(catalog_languages()))


def _warn_without_catalog(app: Sphinx, config: Config) -> None:
    """One warning for a site whose language has no catalog: the labels stay English,
    the dates follow the language (Babel knows it)."""
    language = config.language or SOURCE_LANGUAGE
    if has_catalog(language):
        return
    conf_py = Path(app.confdir) / "conf.py"
    node = conf_assignments(conf_py).get("language")
    report_warning(
        "language",
        f"sphinx-seminar has no translation of its labels into {language!r} (it has: "
        f"{', '.join([SOURCE_LANGUAGE, *catalog_languages()])}): the labels stay English, "
        f"dates and times are written in {language!r}",
        f"{conf_py}:{node.lineno}" if node is not None else None,
    )


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, LOCALE_DIR)
    app.connect("config-inited", _warn_without_catalog)
