"""Recordings: a click-to-load player that loads nothing from another host before a click.

The HTML contract (the browser test in tests/browser/test_video.py relies on it): a
``button.seminar-video-play[data-youtube-id]`` inside ``figure.seminar-video``, a
notice, and a plain "Watch on YouTube" link; ``_static/seminar-video.js`` (deferred)
swaps the button for a youtube-nocookie.com iframe. Every other builder writes
"Recording: <watch URL>", without a warning.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, soup

from sphinx_seminar.video import NOTICE

VIDEO_ID = "p-B0_gk8Uj4"
TITLE = "Hidden Fluid Mechanics & “Physics”"  # as the heading shows 'title' (smart quotes)
WATCH_URL = f"https://www.youtube.com/watch?v={VIDEO_ID}"
WITH_VIDEO = "sessions/2020-03-24-fluids"
WITHOUT_VIDEO = "sessions/2020-07-14-clouds"
#: Hosts that must not be contacted before the reader presses play.
YOUTUBE_HOSTS = re.compile(r"youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg\.com|googlevideo")
#: Attributes through which an element fetches something when the page loads.
LOADING_ATTRIBUTES = ("src", "srcset", "href", "data", "poster", "action", "background")
#: EPUB 3 asks for both (a warning otherwise); the other builders ignore them.
EPUB_METADATA = {"version": "1", "copyright": "2020, the organizers"}
# a 1x1 PNG: the poster test needs an image file, not a picture
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101001826dd8b0000000049454e44ae426082"
)


def page(app, docname: str) -> BeautifulSoup:
    return soup(Path(app.outdir) / f"{docname}.html")


@pytest.fixture
def html(app):
    app.build()
    return app


# -- HTML: the player -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="video", freshenv=True)
def test_html_build_has_no_warnings(html):
    assert html.warning.getvalue() == ""
    assert html.statuscode == 0


@pytest.mark.sphinx("html", testroot="video")
def test_play_button(html):
    figure = page(html, WITH_VIDEO).select_one("figure.seminar-video")
    assert figure is not None
    buttons = figure.select("button.seminar-video-play[data-youtube-id]")
    assert len(buttons) == 1
    button = buttons[0]
    assert button["type"] == "button"
    assert button["data-youtube-id"] == VIDEO_ID
    # parsed back exactly: the '&' and '"' of the title were escaped in the attribute
    assert button["aria-label"] == f"Play recording: {TITLE}"
    heading = page(html, WITH_VIDEO).find("h1")
    for permalink in heading.select("a.headerlink"):
        permalink.decompose()
    assert heading.get_text() == TITLE  # the button names the session as its heading does
    assert button.get("tabindex") in (None, "0")
    # the poster is drawn in the page: the title and an inline SVG icon, no image
    assert button.select_one(".seminar-video-title").get_text() == TITLE
    assert button.select_one("svg.seminar-video-icon") is not None
    assert button.find("img") is None


@pytest.mark.sphinx(
    "html", testroot="video", srcdir="video-straight-quotes", confoverrides={"smartquotes": False}
)
def test_attribute_values_are_escaped_in_the_source(html):
    raw = (Path(html.outdir) / f"{WITH_VIDEO}.html").read_text(encoding="utf-8")
    label = re.search(r'aria-label="([^"]*)"', raw[raw.index("seminar-video-play") :])
    assert label is not None
    assert label.group(1) == "Play recording: Hidden Fluid Mechanics &amp; &quot;Physics&quot;"


@pytest.mark.sphinx("html", testroot="video")
def test_notice_and_watch_link_without_javascript(html):
    figure = page(html, WITH_VIDEO).select_one("figure.seminar-video")
    caption = figure.select_one("figcaption")
    assert NOTICE in caption.get_text(" ", strip=True)
    assert "youtube-nocookie.com" in NOTICE and "cookies" in NOTICE
    links = [a for a in figure.find_all("a") if a.get_text(strip=True) == "Watch on YouTube"]
    assert len(links) == 1
    assert links[0]["href"] == WATCH_URL


@pytest.mark.sphinx("html", testroot="video")
def test_player_is_in_the_session_header(html):
    header = page(html, WITH_VIDEO).select_one(".seminar-session-header")
    assert header.select_one("figure.seminar-video button.seminar-video-play") is not None


@pytest.mark.sphinx("html", testroot="video")
def test_nothing_loads_from_youtube_before_a_click(html):
    for path in Path(html.outdir).rglob("*.html"):
        document = soup(path)
        for tag in document.find_all(True):
            for attribute in LOADING_ATTRIBUTES:
                value = tag.get(attribute)
                if not value or not YOUTUBE_HOSTS.search(str(value)):
                    continue
                # only a plain link may point at YouTube: it loads nothing by itself
                assert tag.name == "a" and attribute == "href", f"{path}: {tag}"
            style = tag.get("style") or ""
            assert not YOUTUBE_HOSTS.search(style), f"{path}: {tag}"
        for frame in document.find_all(["iframe", "embed", "object", "video"]):
            raise AssertionError(f"{path}: {frame} is on the page at load time")
        for script in document.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # data for search engines, never fetched or run
            assert not YOUTUBE_HOSTS.search(script.get("src", "") + script.get_text()), path
    # on the session page, the links to YouTube are the watch link only
    session = page(html, WITH_VIDEO)
    hrefs = [a["href"] for a in session.find_all("a", href=YOUTUBE_HOSTS)]
    assert hrefs == [WATCH_URL]


@pytest.mark.sphinx("html", testroot="video")
def test_no_inline_script_or_handlers_in_the_player(html):
    figure = page(html, WITH_VIDEO).select_one("figure.seminar-video")
    assert figure.find("script") is None
    for tag in [figure, *figure.find_all(True)]:
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag


@pytest.mark.sphinx("html", testroot="video")
def test_script_and_stylesheet(html):
    static = Path(html.outdir) / "_static"
    script = (static / "seminar-video.js").read_text(encoding="utf-8")
    assert "https://www.youtube-nocookie.com/embed/" in script
    assert "autoplay=1" in script
    assert "^[A-Za-z0-9_-]{11}$" in script  # the id is checked before it is used
    assert "innerHTML" not in script
    assert "ytimg" not in script
    assert (static / "seminar.css").is_file()
    stylesheet = (static / "seminar.css").read_text(encoding="utf-8")
    assert not YOUTUBE_HOSTS.search(stylesheet)
    assert "url(" not in stylesheet

    session = page(html, WITH_VIDEO)
    scripts = [s for s in session.find_all("script", src=True) if "seminar-video.js" in s["src"]]
    assert len(scripts) == 1
    assert scripts[0]["src"].startswith("../_static/seminar-video.js")
    assert scripts[0].has_attr("defer")
    links = session.find_all("link", rel="stylesheet", href=re.compile(r"seminar\.css"))
    assert [link["href"].split("?")[0] for link in links] == ["../_static/seminar.css"]


@pytest.mark.sphinx("html", testroot="video")
def test_session_without_video(html):
    document = page(html, WITHOUT_VIDEO)
    note = document.select_one(".seminar-session-header p.seminar-no-recording")
    assert note is not None
    assert note.get_text(strip=True) == "No recording of this session."
    assert document.select(".seminar-video, button.seminar-video-play") == []
    # no player, so no player script either
    assert not document.find("script", src=re.compile(r"seminar-video\.js"))


# -- HTML: an optional local poster ---------------------------------------------------------


def _project(tmp_path: Path, name: str) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-video", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nhtml_static_path = ["_static"]\n')
    (srcdir / "_static" / "posters").mkdir(parents=True)
    return srcdir


def _poster_img(app):
    return page(app, WITH_VIDEO).select_one("button.seminar-video-play img.seminar-video-poster")


def test_local_poster(tmp_path, make_app):
    srcdir = _project(tmp_path, "poster")
    (srcdir / "_static" / "posters" / f"{VIDEO_ID}.png").write_bytes(PNG)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    img = _poster_img(app)
    assert img is not None
    assert img["src"] == f"../_static/posters/{VIDEO_ID}.png"
    assert img["alt"] == ""
    assert img["loading"] == "lazy"
    assert (Path(app.outdir) / "_static" / "posters" / f"{VIDEO_ID}.png").is_file()
    # the title stays on the poster, over the image
    assert _poster_img(app).find_parent("button").select_one(".seminar-video-title")


def test_poster_added_later_is_picked_up_by_an_incremental_build(tmp_path, make_app):
    srcdir = _project(tmp_path, "poster-later")
    first = make_app("html", srcdir=srcdir)
    first.build()
    assert _poster_img(first) is None
    poster = srcdir / "_static" / "posters" / f"{VIDEO_ID}.jpg"
    poster.write_bytes(PNG)  # the suffix is all the build looks at
    second = make_app("html", srcdir=srcdir)
    second.build()
    assert _poster_img(second)["src"] == f"../_static/posters/{VIDEO_ID}.jpg"
    poster.unlink()
    third = make_app("html", srcdir=srcdir)
    third.build()
    assert _poster_img(third) is None


# -- Other builders: "Recording: <watch URL>", no warning -----------------------------------


def _unescape(text: str) -> str:
    """Undo the escapes LaTeX (\\_) and roff (\\: \\% \\-) put into a URL."""
    return re.sub(r"\\([_\-])", r"\1", re.sub(r"\\[:%&]", "", text))


def _output(app, pattern: str) -> str:
    files = sorted(Path(app.outdir).rglob(pattern))
    assert files, f"no {pattern} in {app.outdir}"
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


@pytest.mark.parametrize(
    ("builder", "pattern", "written"),
    [
        ("text", "*.txt", f"Recording: {WATCH_URL}"),
        ("latex", "*.tex", f"Recording: \\sphinxurl{{{WATCH_URL}}}"),
        ("man", "*.1", f"Recording: <{WATCH_URL}>"),
        ("texinfo", "*.texi", f"Recording: @indicateurl{{{WATCH_URL}}}"),
        ("epub", "*.xhtml", f'Recording: <a class="reference external" href="{WATCH_URL}">'),
    ],
)
def test_other_builders_write_the_watch_url(builder, pattern, written, make_app, tmp_path):
    srcdir = tmp_path / builder
    shutil.copytree(ROOTS / "test-video", srcdir)
    app = make_app(builder, srcdir=srcdir, confoverrides=EPUB_METADATA)
    app.build()
    assert app.warning.getvalue() == ""
    assert app.statuscode == 0
    text = _unescape(_output(app, pattern))
    assert written in text
    assert "No recording of this session." in text
    assert "Play recording" not in text


@pytest.mark.sphinx("epub", testroot="video", confoverrides=EPUB_METADATA)
def test_epub_gets_the_plain_link_and_no_script(app):
    app.build()
    document = soup(Path(app.outdir) / f"{WITH_VIDEO}.xhtml")
    assert document.select("button, figure.seminar-video, iframe") == []
    links = document.find_all("a", href=WATCH_URL)
    assert len(links) == 1
    assert " ".join(links[0].find_parent("p").get_text().split()) == f"Recording: {WATCH_URL}"
    assert not list(Path(app.outdir).rglob("seminar-video.js"))
    assert not document.find("script", src=re.compile(r"seminar-video"))


# -- A bad id: reported with file and line, and the build fails -----------------------------


@pytest.mark.sphinx("html", testroot="video-bad-id", freshenv=True)
def test_bad_video_id_fails_the_build_naming_file_and_line(app):
    app.build()
    failed = app.statuscode != 0  # logged errors, no exception (diagnostics)
    warnings = app.warning.getvalue()
    assert re.search(
        r"sessions/2020-03-24-fluids\.md:7: ERROR: .*'video'.*exactly 11 characters.*'not-an-id'",
        warnings,
    ), warnings
    assert failed, "a bad video id must fail the build"
    assert not (Path(app.outdir) / f"{WITH_VIDEO}.html").is_file() or (
        page(app, WITH_VIDEO).select("button.seminar-video-play") == []
    )
