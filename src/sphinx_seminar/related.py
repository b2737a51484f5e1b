"""Related sessions: each session page ends with up to five other sessions that share
papers, speakers or topics with it, each with the reasons under it ("2 papers in
common", "Also about Generative adversarial networks (GANs)", "Also with Tobias Finn").

The rule. A shared paper (a BibTeX key both pages cite) counts :data:`PAPER_WEIGHT`:
two sessions on the same paper are the closest relation there is. A shared topic
counts at most 1: the fewer sessions have the topic, the more it says
(1 / (1 + ln N) for a topic of every session up to nearly 1 for a topic of two; N
sessions in the archive), so sharing the rare "l96" outweighs sharing the broad
"parameterization". A shared speaker counts :data:`SPEAKER_WEIGHT`, as much as one
rare topic: a speaker's other talk is often on another subject, so it should not
outrank a session on the same two subjects. Equal scores go to the session nearer in
time, then to the lower number.

Why, checked by reading the lists of a dozen sessions (issue 21): with a shared
speaker at 2, "Minimalist Chaos" (L96, parameterization, GANs, tuning) listed first
"Don't Fear the Sphere" (spherical CNNs, with the same speaker and nothing else in
common) above "Uncertainty and Memory" (L96 and parameterization); at 1, the sessions
on the same subjects come first, and the shared speaker still counts where topics
tie ("A Surge of Ensembles" and "Far into the Future": ConvLSTM and Eduardo Zorita).
"Real Fake Clouds" lists the five other GAN sessions.

The list depends on the whole archive, so it is made when the page is written
(from the records of the seminar domain and the keys each page cites), and the
page's fingerprint includes it (dependencies.py): a session that gains a shared
topic rewrites the pages whose list it enters or leaves. The section is made
then too, so it is not in the page's table of contents.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from docutils import nodes

from .domain import archive, seminar_domain
from .header import seminar_session_nav
from .i18n import N_, _, ngettext
from .render import page_title, session_link, short_date

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import ArchiveIndex
    from .model import SessionRecord

PAPER_WEIGHT = 3.0
SPEAKER_WEIGHT = 1.0
LIMIT = 5
HEADING = N_("Related sessions")
SECTION_ID = "related-sessions"


class seminar_related(nodes.General, nodes.Element):
    """Placeholder for the session's related sessions, filled when the page is written."""


def _topic_weight(sessions_with_topic: int, sessions: int) -> float:
    return (1 + math.log(sessions / sessions_with_topic)) / (1 + math.log(sessions))


def related_sessions(record: SessionRecord, index: ArchiveIndex) -> list[SessionRecord]:
    """Up to :data:`LIMIT` other sessions sharing something with ``record``, best first."""
    scores: dict[str, float] = defaultdict(float)
    total = len(index.sessions)
    # sorted: the same sum, to the last bit, in every process
    for slug in sorted(set(record.topics)):
        others = index.sessions_by_topic.get(slug, ())
        weight = _topic_weight(len(others), total)
        for other in others:
            scores[other.docname] += weight
    for key in sorted(set(index.cited_keys.get(record.docname, ()))):
        for other in index.citing_sessions.get(key, ()):
            scores[other.docname] += PAPER_WEIGHT
    for name in sorted(set(record.speakers)):
        for other in index.sessions_by_speaker.get(name, ()):
            scores[other.docname] += SPEAKER_WEIGHT
    scores.pop(record.docname, None)

    def rank(docname: str) -> tuple:
        other = index.by_docname[docname]
        # rounded: equal shares tie, whatever order their weights were added in
        return -round(scores[docname], 9), abs((other.date - record.date).days), other.number

    return [index.by_docname[docname] for docname in sorted(scores, key=rank)[:LIMIT]]


def reasons(record: SessionRecord, other: SessionRecord, index: ArchiveIndex, env) -> str:
    """Why ``other`` is related to ``record``, in words: papers, topics, speakers in common."""
    papers = set(index.cited_keys.get(record.docname, ())) & set(
        index.cited_keys.get(other.docname, ())
    )
    said = []
    if papers:
        said.append(
            ngettext("{count} paper in common", "{count} papers in common", len(papers)).format(
                count=len(papers)
            )
        )
    topics = [
        page_title(env, index.topics[slug].docname)
        for slug in record.topics
        if slug in other.topics and slug in index.topics
    ]
    if topics:
        said.append(_("Also about {topics}").format(topics=", ".join(topics)))
    speakers = [name for name in record.speakers if name in other.speakers]
    if speakers:
        said.append(_("Also with {speakers}").format(speakers=", ".join(speakers)))
    return " · ".join(said)


def related_section(
    records: list[SessionRecord],
    language: str | None,
    document: nodes.document,
    why: list[str] | None = None,
) -> nodes.section:
    """'Related sessions' with one line per session: its date and its linked title, and
    under it why it is related (``why``, one text per record)."""
    # no-search: a search for a word of a related title should not find this page
    section = nodes.section(classes=["seminar-related", "no-search"])
    if SECTION_ID not in document.ids:  # else the page has a heading of that name
        section["ids"].append(SECTION_ID)
    document.set_id(section)
    section += nodes.title("", _(HEADING))
    items = nodes.bullet_list(classes=["seminar-listing", "seminar-related-list"])
    for position, other in enumerate(records):
        para = nodes.paragraph(classes=["seminar-listing-item"])
        para += nodes.inline("", short_date(other, language), classes=["seminar-date"])
        para += nodes.Text(" · ")
        para += session_link(other, classes=["seminar-title"])
        item = nodes.list_item("", para)
        if why and why[position]:
            item += nodes.paragraph("", why[position], classes=["seminar-related-why"])
        items += item
    section += items
    return section


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """A placeholder at the end of a session's page, before the prev/next links."""
    docname = app.env.docname
    if docname not in seminar_domain(app.env).sessions:
        return
    placeholder = seminar_related(docname=docname)
    nav = next(iter(doctree.findall(seminar_session_nav)), None)
    if nav is not None:
        nav.parent.insert(nav.parent.index(nav), placeholder)
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        section += placeholder


def _expand_related(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    index = archive(app.env)
    for node in list(doctree.findall(seminar_related)):
        record = index.by_docname.get(node["docname"])
        records = related_sessions(record, index) if record is not None else []
        if records:
            why = [reasons(record, other, index, app.env) for other in records]
            node.replace_self(related_section(records, app.config.language, doctree, why))
        else:
            node.parent.remove(node)


def setup_related(app: Sphinx) -> None:
    app.add_node(seminar_related)
    # after header.py (400) has added the prev/next placeholder
    app.connect("doctree-read", _on_doctree_read, priority=450)
    # before render.py (900) turns the links into references
    app.connect("doctree-resolved", _expand_related)
