"""schema.org ``Event`` JSON-LD on every session page, for search engines and calendars.

Its URLs are absolute: without the site's address, the page's own URL is left out."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .config import SeriesSettings, settings
from .domain import archive
from .i18n import _
from .references import entry_url
from .render import page_title, where
from .urls import absolute_page_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .model import SessionRecord


def event_location(app: Sphinx, record: SessionRecord, series: SeriesSettings) -> list[dict]:
    """The place, the online venue, or both, as the series ran on the session's date."""
    state = record.series_state(series)
    place = {"@type": "Place", "name": where(record, series)}
    online: dict[str, object] = {"@type": "VirtualLocation"}
    # the live stream while there was one; else the page that says how to join
    join = (state.streamed and series.youtube_channel) or absolute_page_url(app, record.docname)
    if join:
        online["url"] = join
    if state.attendance == "in-person":
        return [place]
    if state.attendance == "online":
        return [online | {"name": where(record, series)}]
    return [place, online]


def event_data(app: Sphinx, record: SessionRecord) -> dict[str, object]:
    series = settings(app)
    env = app.env
    citations = {c.key: c for c in env.get_domain("cite").citations}
    papers = []
    for key in archive(env).cited_keys.get(record.docname, ()):
        citation = citations.get(key)
        if citation is None:
            continue
        paper: dict[str, object] = {
            "@type": "ScholarlyArticle",
            "name": citation.entry.fields.get("title", key).replace("{", "").replace("}", ""),
        }
        url = entry_url(citation.entry)
        if url:
            paper["url"] = url
        doi = citation.entry.fields.get("doi")
        if doi:
            paper["identifier"] = f"https://doi.org/{doi}"
        papers.append(paper)
    topics = archive(env).topics
    state = record.series_state(series)
    url = absolute_page_url(app, record.docname)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{series.series_name} {record.number}: {record.title}",
        "startDate": record.starts_at(series).isoformat(),
        "endDate": record.ends_at(series).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": state.attendance_mode,
        "location": event_location(app, record, series),
        "organizer": {"@type": "Organization", "name": state.organizer},
        **({"url": url} if url else {}),
        "about": [
            {"@type": "Thing", "name": page_title(env, topics[slug].docname), "identifier": slug}
            for slug in record.topics
            if slug in topics
        ],
    }
    if record.summary:
        data["description"] = record.summary
    if record.speakers:
        affiliations = dict(record.affiliations)
        data["performer"] = [
            {"@type": "Person", "name": name}
            | (
                {"affiliation": {"@type": "Organization", "name": affiliations[name]}}
                if name in affiliations
                else {}
            )
            for name in record.speakers
        ]
    if record.video:
        data["recordedIn"] = {
            "@type": "VideoObject",
            "name": _("Recording") + f": {record.title}",
            "url": record.watch_url,
            "embedUrl": f"https://www.youtube-nocookie.com/embed/{record.video}",
            "uploadDate": record.date.isoformat(),
            "thumbnailUrl": f"https://i.ytimg.com/vi/{record.video}/hqdefault.jpg",
            "description": record.summary or record.title,
        }
    if papers:
        data["citation"] = papers
    return data


def _add_json_ld(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    record = archive(app.env).by_docname.get(pagename)
    if record is None or doctree is None:
        return
    payload = json.dumps(event_data(app, record), ensure_ascii=False, indent=1)
    # "</" cannot end the script element early once escaped
    payload = payload.replace("</", "<\\/")
    metatags = context.get("metatags", "")
    context["metatags"] = metatags + f'\n<script type="application/ld+json">{payload}</script>'


def setup_jsonld(app: Sphinx) -> None:
    app.connect("html-page-context", _add_json_ld, priority=400)
