"""Facets on the list of all sessions: filter it by topic, year, speaker and recording.

In the HTML site the list of all sessions (``seminar-sessions`` without ``:year:``)
gets a filter form, and each of its sessions carries its facets as data attributes
of its list item (``data-seminar-topics="gans clouds"``, ``data-seminar-year``,
``data-seminar-speakers`` with the ids of the people page, ``data-seminar-recorded``).
``static/seminar-facets.js`` reads the filters from the address
(``?topic=gans&year=2020``, ``?speaker=tobias-finn``, ``?recorded=1``), shows the
matching sessions and their count, and keeps the address in step with the form, so a
filtered view can be shared. The form is written ``hidden`` and shown by the script:
without JavaScript the page is the full list, with no dead controls. Every other
builder gets the plain list.

A filtered list has no flash of the full list: a small script in the page's head
(:data:`EARLY_FILTER`) hides, before the list is painted, the entries the address
does not ask for, and shows the form's frame; the filter script takes over from it.

Follow and save the shown sessions: each entry carries the address of its session's
own calendar and .bib file (``data-seminar-ics``, ``data-seminar-bib``); the form's
buttons download one calendar (one VCALENDAR, each time zone once) and one .bib of
the shown sessions, joined in the browser from those files, from this site only.
Where a topic is chosen, the form offers that topic's calendar and feed.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri

from .assets import copy_static
from .builders import SITE_BUILDERS
from .config import settings
from .domain import archive, seminar_domain
from .i18n import _, ngettext, plural_forms
from .markup import attributes
from .render import page_title, slugify, surname_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .model import SessionRecord

JS_FILE = "seminar-facets.js"
#: run in the page's head before the list is painted: hides the entries the address's
#: filters exclude (as seminar-facets.js will: every facet a token of its data
#: attribute) and marks the page as scripted, so the form's frame shows at once.
#: Values are only compared, through CSS.escape; the filter script removes the style.
EARLY_FILTER = """(function () {
  var params = new URLSearchParams(location.search), match = "";
  [["topic", "topics"], ["year", "year"], ["speaker", "speakers"]].forEach(function (f) {
    var value = params.get(f[0]);
    if (value) match += "[data-seminar-" + f[1] + '~="' + CSS.escape(value) + '"]';
  });
  if (params.get("recorded") === "1") match += '[data-seminar-recorded="true"]';
  document.documentElement.classList.add("seminar-facets-early");
  if (params.get("topic")) document.documentElement.classList.add("seminar-facets-topic");
  if (!match) return;
  var style = document.createElement("style");
  style.id = "seminar-early-filter";
  // a year's list and heading go with their last shown entry (:has is not nested)
  style.textContent = "li[data-seminar-year]:not(" + match + "){display:none}" +
    "ul:has(> li[data-seminar-year]):not(:has(> li" + match + ")){display:none}" +
    ".seminar-year:not(:has(+ ul > li" + match + ")){display:none}";
  document.head.appendChild(style);
})();"""
#: the listing that gets the filter form: all sessions (no ``:year:``)
FILTERED_LISTING = ("sessions", None)


class seminar_session_item(nodes.list_item):
    """A session in the filterable list, with its facets as strings: ``topics`` and
    ``speakers`` (space-separated ids), ``year``, ``recorded`` ('true' or 'false')."""


class seminar_facet_form(nodes.General, nodes.Element):
    """The filter form: ``choices`` (:func:`facet_choices`) and ``reset`` (the page's
    own address)."""


def filter_page(env: BuildEnvironment) -> str | None:
    """The page whose list of all sessions can be filtered (the first, if several)."""
    pages = sorted(
        docname
        for docname, listings in seminar_domain(env).listings.items()
        if FILTERED_LISTING in listings
    )
    return pages[0] if pages else None


def filters_in(app: Sphinx) -> bool:
    """Web sites of separate pages, whose addresses can carry a query string."""
    return app.builder.name in SITE_BUILDERS


def speaker_id(name: str) -> str:
    """A speaker's id in ``?speaker=``: the anchor of their entry on the people page."""
    return slugify(name)


def session_facets(record: SessionRecord) -> dict[str, list[str]]:
    """The values a session has for each filter (``?topic=``, ``?year=``, ``?speaker=``,
    ``?recorded=``): the one answer for the list of sessions and the search index."""
    return {
        "topic": list(record.topics),
        "year": [str(record.date.year)],
        "speaker": [speaker_id(name) for name in record.speakers],
        "recorded": ["1"] if record.video else [],
    }


def facet_item(record: SessionRecord, children: list[nodes.Node]) -> seminar_session_item:
    facets = session_facets(record)
    return seminar_session_item(
        "",
        *children,
        topics=" ".join(facets["topic"]),
        year=facets["year"][0],
        speakers=" ".join(facets["speaker"]),
        recorded="true" if facets["recorded"] else "false",
        docname=record.docname,
    )


def facet_choices(
    env: BuildEnvironment, sessions: list[SessionRecord], topic_slugs: Iterable[str]
) -> dict[str, list[list[str]]]:
    """Each filter's [value, label] choices, in the order both forms list them: the
    topics by title, the years newest first, the speakers as the people page sorts them."""
    topics = archive(env).topics
    titled = [
        (slug, page_title(env, topics[slug].docname)) for slug in topic_slugs if slug in topics
    ]
    speakers = sorted({name for record in sessions for name in record.speakers}, key=surname_key)
    years = sorted({record.date.year for record in sessions}, reverse=True)
    return {
        "topic": [[slug, title] for slug, title in sorted(titled, key=lambda p: p[1].casefold())],
        "year": [[str(year), str(year)] for year in years],
        "speaker": [[speaker_id(name), name] for name in speakers],
    }


def facet_labels() -> list[tuple[str, str, str]]:
    """Each filter's name, label and choice of everything, as both forms show them."""
    return [
        ("topic", _("Topic"), _("All topics")),
        ("year", _("Year"), _("All years")),
        # 'Speaker' as the session pages say it
        ("speaker", ngettext("Speaker", "Speakers", 1), _("All speakers")),
    ]


def no_match_messages() -> dict[str, str]:
    """What an empty result says: which filter matched nothing ('{value}' is the URL's)."""
    return {
        "topic": _("No session matches topic “{value}”."),
        "year": _("No session matches year “{value}”."),
        "speaker": _("No session matches speaker “{value}”."),
        "all": _("No session matches all of these filters."),
    }


def facet_form(choices: dict[str, list[list[str]]], reset: str) -> seminar_facet_form:
    return seminar_facet_form(choices=choices, reset=reset)


def visit_session_item_html(self: HTML5Translator, node: seminar_session_item) -> None:
    attributes = {f"data-seminar-{name}": node[name] for name in ("topics", "year", "speakers")}
    attributes["data-seminar-recorded"] = node["recorded"]
    for kind in ("ics", "bib"):
        if node.get(kind):
            attributes[f"data-seminar-{kind}"] = node[kind]
    self.body.append(self.starttag(node, "li", "", **attributes))


def depart_session_item_html(self: HTML5Translator, node: seminar_session_item) -> None:
    self.depart_list_item(node)


def _select(name: str, label: str, everything: str, options: list[list[str]]) -> str:
    field = f"seminar-facet-{name}"
    html = [
        '<div class="seminar-facet">',
        f"<label{attributes(for_=field)}>{escape(label)}</label>",
        f"<select{attributes(id=field, name=name)}>",
        f'<option value="">{escape(everything)}</option>',
    ]
    html += [f"<option{attributes(value=value)}>{escape(text)}</option>" for value, text in options]
    html.append("</select></div>")
    return "".join(html)


def visit_facet_form_html(self: HTML5Translator, node: seminar_facet_form) -> None:
    # the count of the result as the site's language says it ('1 session', '4 sessions')
    counts = plural_forms(lambda n: ngettext("{count} session", "{count} sessions", n))
    messages = no_match_messages()
    # outside the f-strings, where the message extractor finds them
    show_all = escape(_("Show all sessions"))
    form_name = _("Filter the sessions")
    recorded_only = escape(_("Recorded only"))
    export_label = escape(_("Download the shown sessions:"))
    export_short = escape(_("Download:"))  # on a phone, where the long one takes a line
    export_ics = escape(_("calendar (.ics)"))
    export_bib = escape(_("papers (.bib)"))
    subscribe = {
        # names the topic: on a phone the closed topic field may cut a long name
        "label": _("Subscribe to {topic}:"),
        "webcal": _("calendar (webcal)"),
        "ics": _("download .ics"),
        "atom": _("Atom feed"),
        "topics": node.get("subscriptions", {}),
    }
    body = [
        f'<div class="seminar-facets" hidden{attributes(data_counts=json.dumps(counts))}'
        f"{attributes(data_empty=json.dumps(messages))}>",
        f'<form class="seminar-facet-form"{attributes(aria_label=form_name)}>',
        *(
            _select(name, label, everything, node["choices"][name])
            for name, label, everything in facet_labels()
        ),
        '<div class="seminar-facet seminar-facet-check">',
        '<input type="checkbox" id="seminar-facet-recorded" name="recorded" value="1">',
        f'<label for="seminar-facet-recorded">{recorded_only}</label></div>',
        f'<button type="button" class="seminar-facet-reset">{show_all}</button>',
        "</form>",
        '<div class="seminar-facet-status" role="status" aria-live="polite">',
        '<p class="seminar-facet-count"></p>',
        '<p class="seminar-export-status" hidden></p>',
        f'<p class="seminar-facet-subscribe" hidden{attributes(data_subscribe=json.dumps(subscribe))}>',
        "</p>",
        '<p class="seminar-facet-empty" hidden><span class="seminar-facet-message"></span> ',
        f"<a{attributes(href=node['reset'])}>{show_all}</a></p>",
        "</div>",
        '<p class="seminar-facet-export">',
        f'<span class="seminar-export-label">{export_label}</span>',
        f'<span class="seminar-export-label-short">{export_short}</span> ',
        '<button type="button" class="seminar-export" data-export="ics"'
        f"{attributes(data_filename=node.get('export_name', 'sessions') + '.ics')}>"
        f'<span class="seminar-export-label">{export_ics}</span>'
        '<span class="seminar-export-label-short">.ics</span></button> ',
        '<button type="button" class="seminar-export" data-export="bib"'
        f"{attributes(data_filename=node.get('export_name', 'sessions') + '.bib')}>"
        f'<span class="seminar-export-label">{export_bib}</span>'
        '<span class="seminar-export-label-short">.bib</span></button>',
        "</p>",
        "</div>\n",
    ]
    self.body.append("".join(body))
    raise nodes.SkipNode


def depart_facet_form_html(self: HTML5Translator, node: seminar_facet_form) -> None:
    pass  # the visitor writes the whole form and skips the node


def _copy_script(app: Sphinx) -> None:
    if filters_in(app):
        copy_static(app, JS_FILE)


def _add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """The filter script, deferred, and the early filter in the head, on the page with
    the form only."""
    if doctree is not None and filters_in(app) and any(doctree.findall(seminar_facet_form)):
        app.add_js_file(None, body=EARLY_FILTER)
        app.add_js_file(JS_FILE, loading_method="defer")


def _link_session_files(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The addresses the list's buttons and topic links use, relative to this page: each
    entry's calendar and .bib, each topic's calendar and feed (after the listings are
    filled)."""
    if not filters_in(app):
        return
    # imported here: channels, ics and references import the listings, which import this
    from .channels import series_domain, topic_channel
    from .ics import session_calendar_file
    from .references import session_bib_file
    from .urls import webcal_url

    here = app.builder.get_target_uri(docname)
    index = archive(app.env)
    for item in doctree.findall(seminar_session_item):
        item["ics"] = relative_uri(here, session_calendar_file(item["docname"]))
        if index.cited_keys.get(item["docname"]):
            item["bib"] = relative_uri(here, session_bib_file(item["docname"]))
    for form in doctree.findall(seminar_facet_form):
        subscriptions = {}
        for topic in index.topics.values():
            channel = topic_channel(app, topic.docname)
            links = {
                "ics": relative_uri(here, channel.calendar_file),
                "atom": relative_uri(here, channel.feed_file),
            }
            webcal = webcal_url(app, channel.calendar_file)
            if webcal:
                links["webcal"] = webcal
            subscriptions[topic.slug] = links
        form["subscriptions"] = dict(sorted(subscriptions.items()))
        form["export_name"] = series_domain(settings(app))


def setup_facets(app: Sphinx) -> None:
    app.add_node(seminar_session_item, html=(visit_session_item_html, depart_session_item_html))
    app.add_node(seminar_facet_form, html=(visit_facet_form_html, depart_facet_form_html))
    app.connect("builder-inited", _copy_script)
    app.connect("html-page-context", _add_script)
    # after listings.py fills its placeholders (priority 500)
    app.connect("doctree-resolved", _link_session_files, priority=600)
