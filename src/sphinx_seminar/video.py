"""Recordings: a click-to-load YouTube player that contacts no other host before a click.

A session with a ``video`` gets a :class:`seminar_video` node in its header. In HTML
it is a figure with a real ``<button>`` (a poster drawn in the page itself: the
title and an inline SVG play icon, or a local image from
``_static/posters/<id>.jpg|png|webp``), a line saying that playing loads the video
from YouTube, and a plain "Watch on YouTube" link that also works without
JavaScript. ``static/seminar-video.js`` swaps the button for a
youtube-nocookie.com iframe on click; nothing on the page refers to YouTube's
servers before that, and there is no inline script, so a strict
Content-Security-Policy works.

Every other builder (epub included: no scripts in e-books) gets the paragraph
"Recording: <watch URL>".
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri

from .assets import copy_static
from .builders import WEB_BUILDERS
from .config import settings
from .domain import archive, seminar_domain
from .i18n import N_, _
from .markup import attributes
from .timeline import build_moment, is_upcoming

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .model import SessionRecord

CSS_FILE = "seminar.css"
JS_FILE = "seminar-video.js"

POSTER_DIR = "posters"
POSTER_SUFFIXES = (".jpg", ".png", ".webp")

#: the player's texts, translated where they are written
NO_RECORDING = N_("No recording of this session.")
NOTICE = N_("Playing loads the video from YouTube (youtube-nocookie.com), which may set cookies.")
WATCH_LABEL = N_("Watch on YouTube")


# A play icon drawn in the page: no image is fetched, from YouTube or anywhere else.
PLAY_ICON = (
    '<svg class="seminar-video-icon" viewBox="0 0 64 64" width="64" height="64" '
    'aria-hidden="true" focusable="false">'
    '<circle class="seminar-video-icon-disc" cx="32" cy="32" r="32"/>'
    '<path class="seminar-video-icon-arrow" d="M25 19.5v25L45.5 32z"/>'
    "</svg>"
)


class seminar_video(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """A recording: ``video_id``, ``title``, ``watch_url`` and, in HTML, ``poster``.

    ``poster`` is the poster's path inside ``_static`` (or empty); it is filled when
    the page is written, so adding a poster needs no change of the session page.
    """


class seminar_no_recording(nodes.General, nodes.Element):
    """Where a session without a recording says so, once it has taken place: decided
    when the page is written, against the build's date (timeline.build_moment)."""


def recording_node(record: SessionRecord) -> nodes.Element:
    """The recording of a session for its header, or the place of a line saying there is none."""
    if not record.video:
        return seminar_no_recording(docname=record.docname)
    return seminar_video(
        video_id=record.video,
        title=record.title,
        watch_url=record.watch_url,
        poster="",
    )


def _use_page_title(app: Sphinx, doctree: nodes.document) -> None:
    """Name the recording as the page's heading does (with its typographic quotes)."""
    for node in doctree.findall(seminar_video):
        section = node.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        title = section.next_node(nodes.title) if section is not None else None
        if title is not None and title.astext().strip():
            node["title"] = title.astext()


def watch_paragraph(node: seminar_video) -> nodes.paragraph:
    """'Recording: <watch URL>', as every builder but the HTML ones shows a recording."""
    url = node["watch_url"]
    para = nodes.paragraph(classes=["seminar-recording"])
    para += nodes.Text(_("Recording") + ": ")
    para += nodes.reference("", url, refuri=url)
    return para


def poster_files(app: Sphinx) -> list[frozenset[str]]:
    """The file names in ``posters/`` of each folder of html_static_path, in order
    (listed once, not looked up file by file for every session)."""
    found = []
    for entry in app.config.html_static_path:
        folder = Path(app.confdir) / entry / POSTER_DIR
        if folder.is_dir():
            found.append(frozenset(item.name for item in os.scandir(folder) if item.is_file()))
    return found


def find_poster(app: Sphinx, video_id: str, posters: list[frozenset[str]] | None = None) -> str:
    """``posters/<id>.<ext>`` if one of html_static_path holds such an image, else ''."""
    for names in posters if posters is not None else poster_files(app):
        for suffix in POSTER_SUFFIXES:
            if f"{video_id}{suffix}" in names:
                return f"{POSTER_DIR}/{video_id}{suffix}"
    return ""


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A past session without a recording says so; an upcoming one says nothing.
    HTML: look up the local poster. Other builders: the plain 'Recording: URL' line.

    ``doctree-resolved`` comes after the post-transforms of every builder, for each
    page and for the whole book of latex, texinfo, man and singlehtml alike.
    """
    series = settings(app)
    now = build_moment(series)
    sessions = archive(app.env).by_docname
    for node in list(doctree.findall(seminar_no_recording)):
        record = sessions.get(node["docname"])
        if record is None or is_upcoming(record, series, now):
            node.parent.remove(node)  # nothing about a recording before the session
        else:
            node.replace_self(
                nodes.paragraph("", _(NO_RECORDING), classes=["seminar-no-recording"])
            )
    html = _is_html(app)
    for node in list(doctree.findall(seminar_video)):
        if html:
            node["poster"] = find_poster(app, node["video_id"])
        else:
            node.replace_self(watch_paragraph(node))


def visit_video_html(self: HTML5Translator, node: seminar_video) -> None:
    video_id, title, url = node["video_id"], node["title"], node["watch_url"]
    body = ['<figure class="seminar-video">\n']
    body.append('<div class="seminar-video-frame">')
    poster = node.get("poster")
    button_class = "seminar-video-play" + (" seminar-video-has-poster" if poster else "")
    label = _("Play recording: {title}").format(title=title)
    body.append(
        f"<button{attributes(type='button', class_=button_class, data_youtube_id=video_id)}"
        f"{attributes(data_title=title, aria_label=label)}>"
    )
    if poster:
        here = self.builder.get_target_uri(self.builder.current_docname)
        src = relative_uri(here, f"_static/{poster}")
        body.append(
            f"<img{attributes(class_='seminar-video-poster dark-light', src=src, alt='')}"
            f"{attributes(loading='lazy', decoding='async')}>"
        )
    body.append(f'<span class="seminar-video-title" aria-hidden="true">{escape(title)}</span>')
    body.append(PLAY_ICON)
    body.append("</button></div>\n")
    body.append('<figcaption class="seminar-video-caption">')
    body.append(f'<span class="seminar-video-notice">{escape(_(NOTICE))}</span> ')
    body.append(
        f"<a{attributes(class_='reference external seminar-video-watch', href=url)}>"
        f"{escape(_(WATCH_LABEL))}</a>"
    )
    body.append("</figcaption></figure>\n")
    self.body.append("".join(body))
    raise nodes.SkipNode


def depart_video_html(self: HTML5Translator, node: seminar_video) -> None:
    pass  # the visitor writes the whole figure and skips the node


def _is_html(app: Sphinx) -> bool:
    """Builders that get the click-to-load player; all others get a plain link."""
    return app.builder.name in WEB_BUILDERS


def _on_builder_inited(app: Sphinx) -> None:
    if not _is_html(app):
        return
    copy_static(app, CSS_FILE, JS_FILE)
    app.add_css_file(CSS_FILE)


def _on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """The player's script, deferred, on the pages that show a recording (and only there)."""
    if doctree is not None and _is_html(app) and any(doctree.findall(seminar_video)):
        # the player's name ('Recording: <title>') in the site's language
        app.add_js_file(JS_FILE, loading_method="defer", **{"data-recording-label": _("Recording")})


def _posters(app: Sphinx, env: BuildEnvironment) -> dict[str, str]:
    posters = poster_files(app)
    return {
        docname: find_poster(app, record.video, posters)
        for docname, record in seminar_domain(env).sessions.items()
        if record.video
    }


def _on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    posters = seminar_domain(env).posters
    posters.clear()
    posters.update(_posters(app, env))


def _poster_changed(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Pages whose poster was added, replaced by another format or removed since last build."""
    if not _is_html(app):
        return []
    before = seminar_domain(env).posters
    now = _posters(app, env)
    return sorted(d for d, poster in now.items() if d in before and before[d] != poster)


def setup_video(app: Sphinx) -> None:
    app.add_node(seminar_video, html=(visit_video_html, depart_video_html))
    app.add_node(seminar_no_recording)
    app.connect("builder-inited", _on_builder_inited)
    # after header.py (400) has put the recording into the page, after SmartQuotes
    app.connect("doctree-read", _use_page_title, priority=450)
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("env-get-outdated", _poster_changed)
    app.connect("env-updated", _on_env_updated)
