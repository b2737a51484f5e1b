"""Docutils building blocks shared by the header, the listings and the references.

Links between pages are made at read time as :class:`seminar_link` nodes and
turned into references when the page is written, so they work for every builder
and always carry the target page's current title.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import TYPE_CHECKING

from docutils import nodes

from .config import SeriesSettings, SeriesState

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .model import SessionRecord


class seminar_link(nodes.inline):
    """A link to another page (and anchor), resolved when the page is written."""


def link(target: str, *children: nodes.Node, anchor: str = "", classes: list[str] | None = None):
    """A link to docname ``target``; without children it shows the target's title."""
    node = seminar_link("", "", *children, target=target, anchor=anchor, prefix="", suffix="")
    node["classes"] = list(classes or [])
    return node


def session_link(record: SessionRecord, suffix: str = "", strong: bool = False, classes=None):
    """'N. Title' linking to a session; the title as its page shows it (typographic quotes)."""
    node = link(record.docname, classes=classes)
    node["prefix"], node["suffix"], node["strong"] = f"{record.number}. ", suffix, strong
    return node


def resolve_links(app: Sphinx, document: nodes.Node, fromdoc: str) -> None:
    """Turn :class:`seminar_link` nodes into references (plain text if the page is gone)."""
    env = app.env
    for node in list(document.findall(seminar_link)):
        target = node["target"]
        children = node.children or [_titled(env, node)]
        if target not in env.all_docs:
            node.replace_self(nodes.inline("", "", *children, classes=node["classes"]))
            continue
        if target == fromdoc and node["anchor"]:
            uri = f"#{node['anchor']}"
        else:
            uri = app.builder.get_relative_uri(fromdoc, target)
            if node["anchor"]:
                uri = f"{uri}#{node['anchor']}"
        reference = nodes.reference(
            "", "", *children, internal=True, refuri=uri, classes=node["classes"]
        )
        node.replace_self(reference)


def _titled(env, node: seminar_link) -> nodes.Node:
    text = nodes.Text(
        f"{node.get('prefix', '')}{page_title(env, node['target'])}{node.get('suffix', '')}"
    )
    return nodes.strong("", "", text) if node.get("strong") else text


def page_title(env, docname: str) -> str:
    """A page's title as its heading shows it (the docname if the page has none).

    Asked for thousands of times per build, once all pages are read; remembered
    until a page is read or purged again (see the seminar domain)."""
    known = env.get_domain("seminar").__dict__.setdefault("_titles", {})
    if docname not in known:
        title = env.titles.get(docname)
        known[docname] = title.astext() if title is not None else docname
    return known[docname]


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of a text: 'Sønderby, Straße' -> ['sonderby', 'strasse']."""
    text = text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", folded.lower())


def slugify(text: str) -> str:
    """An ASCII id for names such as 'Sønderby' -> 'sonderby'."""
    return "-".join(ascii_words(text)) or "person"


def when(record: SessionRecord, series: SeriesSettings) -> str:
    """'Tuesday, 24 March 2020, 15:00–16:30 CET (UTC+01:00)'."""
    start = record.starts_at(series)
    end = record.ends_at(series)
    return (
        f"{start:%A}, {start.day} {start:%B %Y}, {start:%H:%M}–{end:%H:%M} "
        f"{start.tzname()} ({_utc_offset(start)})"
    )


def short_date(record: SessionRecord) -> str:
    return f"{record.date.day} {record.date:%b %Y}"


def long_date(day: date) -> str:
    """'21 April 2020'."""
    return f"{day.day} {day:%B %Y}"


def when_text(state: SeriesState, series: SeriesSettings) -> str:
    """'Every second Tuesday at 15:00 (Europe/Berlin time)': a series' schedule in a state."""
    at = f"{state.start_time:%H:%M} ({series.timezone.key} time)"
    schedule = state.schedule.strip()
    return f"{schedule[:1].upper()}{schedule[1:]} at {at}" if schedule else f"At {at}"


def _utc_offset(moment: datetime) -> str:
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def topic_badge(topics_dir: str, slug: str) -> nodes.Node:
    return link(
        f"{topics_dir}/{slug}",
        classes=["sd-badge", "sd-bg-info", "sd-bg-text-info", "seminar-topic"],
    )


def speaker_links(record: SessionRecord, people_doc: str) -> list[nodes.Node]:
    """The session's speakers, each linked to the people page, with their affiliation."""
    affiliations = dict(record.affiliations)
    items: list[nodes.Node] = []
    for index, name in enumerate(record.speakers):
        if index:
            items.append(nodes.Text(", "))
        items.append(link(people_doc, nodes.Text(name), anchor=slugify(name)))
        if name in affiliations:
            items.append(nodes.Text(f" ({affiliations[name]})"))
    return items


def session_summary(record: SessionRecord, series: SeriesSettings) -> nodes.paragraph:
    """One listing line: date, number and title, speakers, topic badges."""
    para = nodes.paragraph(classes=["seminar-listing-item"])
    para += nodes.inline("", short_date(record), classes=["seminar-date"])
    para += nodes.Text(" · ")
    para += session_link(record, strong=True, classes=["seminar-title"])
    if record.speakers:
        para += nodes.Text(" · ")
        para += nodes.inline(
            "",
            "",
            *speaker_links(record, series.people_doc),
            classes=["seminar-speakers"],
        )
    if record.video:
        para += nodes.Text(" ")
        para += nodes.inline("", "recorded", classes=["sd-badge", "seminar-recorded"])
    for slug in record.topics:
        para += nodes.Text(" ")
        para += topic_badge(series.topics_dir, slug)
    return para


def session_list(records, series: SeriesSettings) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["seminar-listing"])
    for record in records:
        items += nodes.list_item("", session_summary(record, series))
    return items


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    resolve_links(app, doctree, docname)


def setup_render(app: Sphinx) -> None:
    app.add_node(seminar_link)
    # after every placeholder has been expanded into links (default priority 500)
    app.connect("doctree-resolved", _on_doctree_resolved, priority=900)
