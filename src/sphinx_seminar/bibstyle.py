"""Bibliographies in the site's language: pybtex's styles with translated connectives.

pybtex's styles write their words in English ("and", "In", "and others",
"editors", "pages", ...). Each style here is one of pybtex's own (plain, unsrt,
alpha, unsrtalpha) whose words come from the extension's catalog, looked up for
the language of the build when an entry is formatted; in English it writes
exactly what pybtex's style writes. They are pybtex plugins, registered under
``seminar-<name>`` in the ``pybtex.style.formatting`` entry-point group
(pyproject.toml), as sphinxcontrib-bibtex registers its own; a site whose
``bibtex_default_style`` is one of pybtex's four gets its twin (:func:`localised_style`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrtalpha import Style as UnsrtAlphaStyle
from pybtex.style.template import FieldIsMissing, Node, join, node, sentence

from .i18n import N_, _, ngettext

if TYPE_CHECKING:
    from pybtex.database import Entry

#: the prefix of the localised twins' plugin names: 'plain' -> 'seminar-plain'
PREFIX = "seminar-"
#: pybtex's own styles that have a twin here
PYBTEX_STYLES = ("plain", "unsrt", "alpha", "unsrtalpha")

#: the English words and separators of pybtex's templates, as the catalog has them
WORDS = frozenset(
    {
        N_("In"),
        N_("in"),
        N_("of"),
        N_("editor"),
        N_("editors"),
        N_("Volume"),
        N_("volume"),
        N_("Number"),
        N_("number"),
        N_("pages"),
        N_("chapter"),
        N_("edition"),
        N_("Master's thesis"),
        N_("PhD thesis"),
        N_("Technical Report"),
        N_(" (visited on "),
        # between two names, and before the last of three or more
        N_(" and "),
        N_(", and "),
    }
)
#: where a list of names ends in "others" (BibTeX's "and others"): after one name,
#: after several
AND_OTHERS_AFTER_ONE = N_(" and others")
AND_OTHERS_AFTER_MANY = N_(", and others")
#: a list of more names than this shows the first :data:`NAMES_SHOWN` and how many more
#: ("…, and 17 others"): on a phone, twenty authors take a dozen lines before the title.
#: The .bib files keep every name.
NAMES_MAX = 10
NAMES_SHOWN = 3
#: the keyword arguments of pybtex's template nodes that hold separators
SEPARATORS = ("sep", "sep2", "last_sep")


def _translated(text: str) -> str:
    return str(_(text)) if text in WORDS else text


def localised(template: object) -> object:
    """A copy of a pybtex template whose words and separators are in the build's language;
    field names and other arguments stay as they are."""
    if not isinstance(template, Node):
        return _translated(template) if isinstance(template, str) else template
    kwargs = {
        key: _translated(value) if key in SEPARATORS and isinstance(value, str) else value
        for key, value in template.kwargs.items()
    }
    copy = Node(template.name, template.f)(*template.args, **kwargs)
    return copy[[localised(child) for child in template.children]]


@node
def names_and_others(children, context, role, sep="", sep2=None, last_sep=None):
    """Names of ``role``, like pybtex's ``names``; a list that ends in "others" ends in the
    language's words for it ("and others", "u. a."); a list of more than
    :data:`NAMES_MAX` names shows the first :data:`NAMES_SHOWN` and how many more."""
    entry = context["entry"]
    if role not in entry.persons:
        raise FieldIsMissing(role, entry)
    style = context["style"]
    persons = entry.persons[role]
    named = [person for person in persons if str(person) != "others"]
    formatted = [style.format_name(person, style.abbreviate_names) for person in named]
    if len(named) > NAMES_MAX:
        more = len(named) - NAMES_SHOWN
        # the end of a shortened list ("und 17 weitere" in German)
        tail = ngettext(", and {count} other", ", and {count} others", more).format(count=more)
        return Text(join(sep=sep)[formatted[:NAMES_SHOWN]].format_data(context), tail)
    if len(named) == len(persons):
        return join(sep=sep, sep2=sep2, last_sep=last_sep)[formatted].format_data(context)
    tail = AND_OTHERS_AFTER_ONE if len(named) == 1 else AND_OTHERS_AFTER_MANY
    return Text(join(sep=sep)[formatted].format_data(context), str(_(tail)))


class LocalisedWords:
    """Mixed into a pybtex style: its words and separators in the build's language."""

    def format_names(self, role: str, as_sentence: bool = True):
        # the separators are translated with the rest of the template (format_entry)
        formatted = names_and_others(role, sep=", ", sep2=" and ", last_sep=", and ")
        return sentence[formatted] if as_sentence else formatted

    def format_entry(self, label: str, entry: Entry, bib_data=None) -> FormattedEntry:
        """As pybtex's BaseStyle.format_entry, with the entry type's template localised."""
        template = getattr(self, f"get_{entry.type}_template")(entry)
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        return FormattedEntry(entry.key, localised(template).format_data(context), label)


class LocalisedPlain(LocalisedWords, PlainStyle):
    """pybtex's plain style in the site's language (sorted by author, year, title)."""


class LocalisedUnsrt(LocalisedWords, UnsrtStyle):
    """pybtex's unsrt style in the site's language (in the order cited)."""


class LocalisedAlpha(LocalisedWords, AlphaStyle):
    """pybtex's alpha style in the site's language (labels such as [VSP+17])."""


class LocalisedUnsrtAlpha(LocalisedWords, UnsrtAlphaStyle):
    """pybtex's unsrtalpha style in the site's language."""


def localised_style(name: str) -> str:
    """The plugin name of the localised twin of pybtex's style ``name``; other styles
    (a site's own) are kept."""
    return f"{PREFIX}{name}" if name in PYBTEX_STYLES else name
