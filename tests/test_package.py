"""The extension as a package: `sphinx-seminar init` makes an archive that builds at once,
`new` adds a session to it, and both refuse bad input (exit code 2) without touching files."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from importlib import resources
from pathlib import Path

import pytest
from helpers import soup

import sphinx_seminar
from sphinx_seminar.i18n import translations
from sphinx_seminar.scaffold import PLACEHOLDER_SENTENCE

COMMAND = str(Path(sys.executable).parent / "sphinx-seminar")
#: the sentence ``new`` writes into a German site's page
GERMAN_PLACEHOLDER = translations("de").gettext(PLACEHOLDER_SENTENCE)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([COMMAND, *args], capture_output=True, text=True, check=False)


def sphinx_build(folder: Path) -> subprocess.CompletedProcess:
    """As a reader of the docs would build it: -W, with the default theme."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", str(folder), str(folder / "_build" / "html")],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "reading-group"
    done = run(
        "init", str(folder), "--name", "Boulder ML reading group",
        "--timezone", "America/Denver", "--start", "12:30",
        "--url", "https://boulder.example.org/",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder


def test_the_package_carries_its_static_files_and_version():
    static = resources.files("sphinx_seminar") / "static"
    assert {"seminar.css", "seminar-video.js"} <= {p.name for p in static.iterdir()}
    assert sphinx_seminar.__version__
    metadata = subprocess.run(
        [sys.executable, "-m", "pip", "show", "sphinx-seminar"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert f"Version: {sphinx_seminar.__version__}" in metadata
    assert "License-Expression: MIT" in metadata


def test_init_makes_an_archive_that_builds_at_once(archive):
    assert sorted(str(p.relative_to(archive)) for p in archive.rglob("*") if p.is_file()) == [
        ".gitignore",
        "Makefile",
        "conf.py",
        "index.md",
        "people.md",
        "references.md",
        "refs.bib",
        "sessions/index.md",
        "topics/index.md",
    ]
    conf = (archive / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = ["sphinx_seminar"]' in conf
    assert "sys.path" not in conf
    done = sphinx_build(archive)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    home = soup(archive / "_build" / "html" / "index.html")
    assert home.select_one("h1").get_text().startswith("Boulder ML reading group")
    assert [p.get_text(" ", strip=True) for p in home.select(".seminar-series-now")] == [
        "When. At 12:30 (America/Denver time).",
        "Where. To be announced.",
    ]
    sessions = soup(archive / "_build" / "html" / "sessions" / "index.html")
    assert "No sessions yet." in sessions.get_text()
    assert (archive / "_build" / "html" / "calendar.ics").is_file()
    # the footer names who holds the copyright, never an empty "©. |"
    # the year init ran in, as sphinx-quickstart writes it
    (year,) = re.findall(
        r"^copyright = '(\d{4}), the Boulder ML reading group organizers'$", conf, re.M
    )
    footer = " ".join(home.select_one(".footer").get_text(" ", strip=True).split())
    assert footer.startswith(f"©{year}, the Boulder ML reading group organizers. |"), footer


def test_new_adds_a_session_to_the_archive(archive):
    """Built once before and once after (incremental): the new year page and the new
    topic page join the navigation, without a warning."""
    assert sphinx_build(archive).returncode == 0
    done = run(
        "new", "--confdir", str(archive), "--date", "2026-01-13", "--title", "Attention",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "As the series runs on 2026-01-13: At 12:30 (America/Denver time)" in done.stdout
    page = archive / "sessions" / "2026-01-13-attention.md"
    assert page.is_file() and (archive / "sessions" / "2026.md").is_file()
    (archive / "topics" / "attention.md").write_text("---\ntitle: Attention\n---\n\nAttention.\n")
    # as an organizer finishes the page (a past session keeping the placeholder is a warning)
    text = page.read_text().replace("topics: []", "topics: [attention]")
    page.write_text(text.replace(PLACEHOLDER_SENTENCE, "We read the Transformer paper."))
    built = sphinx_build(archive)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr
    html = soup(archive / "_build" / "html" / "sessions" / "2026-01-13-attention.html")
    assert "12:30–14:00 MST (UTC-07:00)" in html.select_one(".seminar-when").get_text()
    # -W: a page in no table of contents would have failed the build; the year page is
    # linked from the navigation only
    sessions = soup(archive / "_build" / "html" / "sessions" / "index.html")
    assert "2026.html" in {a["href"] for a in sessions.find_all("a", href=True)}


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--timezone", "America/Boulder"], "--timezone must be an IANA time zone"),
        (["--start", "12.30"], "--start must be a 24-hour time 'HH:MM', got '12.30'"),
        (["--name", " "], "--name must be the series' name"),
    ],
)
def test_init_refuses_bad_input(tmp_path, args, problem):
    options = {"--name": "Group", "--timezone": "Europe/Berlin", "--start": "15:00"}
    options.update(zip(args[::2], args[1::2], strict=True))
    done = run("init", str(tmp_path / "new"), *(x for pair in options.items() for x in pair))
    assert done.returncode == 2
    assert problem in done.stderr
    assert not (tmp_path / "new").exists()


def test_init_never_writes_into_a_folder_with_files(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    done = run("init", str(folder), "--name", "G", "--timezone", "UTC", "--start", "09:00")
    assert done.returncode == 2
    assert f"{folder} is not an empty folder" in done.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_init_language_de_makes_a_german_site(tmp_path):
    """Headings, project name and labels in German; the site builds with -W."""
    folder = tmp_path / "berlin"
    done = run(
        "init", str(folder), "--name", "Berliner ML-Lesegruppe",
        "--timezone", "Europe/Berlin", "--start", "18:00", "--language", "de",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    conf = (folder / "conf.py").read_text(encoding="utf-8")
    assert "project = 'Berliner ML-Lesegruppe – Archiv'" in conf
    assert "seminar_location = 'Wird noch bekannt gegeben'" in conf
    added = run(
        "new", "--confdir", str(folder), "--date", "2026-03-05", "--title", "Über Größe und Maß",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    page = folder / "sessions" / "2026-03-05-ueber-groesse-und-mass.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(GERMAN_PLACEHOLDER, "Wir lesen zwei Artikel."),
        encoding="utf-8",
    )
    built = sphinx_build(folder)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr
    html = folder / "_build" / "html"
    home = soup(html / "index.html")
    assert home.html["lang"] == "de"
    assert [h.get_text().rstrip("¶") for h in home.select("section h2")] == [
        "Nächste Sitzung",
        "Neueste Sitzungen",
        "Abonnieren",
    ]
    assert home.select_one("h1.logo").get_text(strip=True) == "Berliner ML-Lesegruppe – Archiv"
    assert "Das Archiv von Berliner ML-Lesegruppe: jede Sitzung" in home.get_text()
    titles = {
        page: soup(html / page).select_one("h1").get_text().rstrip("¶")
        for page in ("sessions/index.html", "topics/index.html", "people.html", "references.html")
    }
    assert titles == {
        "sessions/index.html": "Sitzungen",
        "topics/index.html": "Themen",
        "people.html": "Personen",
        "references.html": "Literatur",
    }
    sessions = soup(html / "sessions" / "index.html").get_text()
    assert "Alle Sitzungen, die neueste zuerst." in sessions
    session = soup(html / "sessions" / "2026-03-05-ueber-groesse-und-mass.html")
    assert session.select_one("h1").get_text().startswith("Über Größe und Maß")
    assert "Sitzung 1" in session.get_text()  # the extension's own label
    year = soup(html / "sessions" / "2026.html").get_text()
    assert "Die Sitzungen von 2026, die neueste zuerst." in year
    # the organizer's instructions are comments: not on the page, not in the search
    topics = soup(html / "topics" / "index.html").get_text()
    assert "Die Themen, die in den Sitzungen wiederkehren." in topics
    assert "slug" not in topics
    assert "sphinx-seminar new" not in sessions


def test_the_gitignore_keeps_the_built_site_out_of_git(archive):
    assert sphinx_build(archive).returncode == 0
    git = ["git", "-c", "init.defaultBranch=main", "-C", str(archive)]
    subprocess.run([*git, "init", "-q"], check=True)
    status = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=all"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    tracked = sorted(line[3:] for line in status.splitlines())
    assert tracked == [
        ".gitignore", "Makefile", "conf.py", "index.md", "people.md", "references.md",
        "refs.bib", "sessions/index.md", "topics/index.md",
    ]  # fmt: skip


def test_make_preview_builds_and_serves_the_site(archive):
    """The one command of the README: build with -W, then serve the site over HTTP."""
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    preview = subprocess.Popen(
        ["make", "-C", str(archive), "preview", f"PORT={port}", f"PYTHON={sys.executable}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html") as answer:
                    page = answer.read().decode()
                break
            except OSError:
                assert preview.poll() is None, preview.stdout.read().decode()
                assert time.monotonic() < deadline, "make preview served nothing in 60 s"
                time.sleep(0.3)
        assert "Boulder ML reading group" in page
        assert (archive / "_build" / "html" / "calendar.ics").is_file()
    finally:
        os.killpg(preview.pid, signal.SIGTERM)
        preview.wait(timeout=10)
        preview.stdout.close()


def test_the_wheel_describes_the_package_with_its_own_readme(tmp_path):
    """PyPI shows the package's README (README.package.md), not the archive's."""
    repo = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(repo)],
        capture_output=True, check=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("sphinx_seminar-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"sphinx_seminar-{sphinx_seminar.__version__}.dist-info/METADATA")
    headers, _, description = metadata.decode().partition("\n\n")
    assert "Description-Content-Type: text/markdown" in headers
    readme = (repo / "README.package.md").read_text(encoding="utf-8")
    assert description.strip() == readme.strip()
    assert "ML@HZG seminar archive\n" not in description.splitlines()[0]
    for section in ("## Install", "## Start an archive", "## Add a session"):
        assert section in description
    for command in ("sphinx-seminar init my-archive", "sphinx-seminar new --confdir my-archive"):
        assert command in description
    # the screenshot: an absolute address (PyPI has no files of its own), served from
    # this archive's site, where docs/_static puts it
    (image,) = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", description)
    assert image.startswith("https://mlhzg-seminar.readthedocs.io/en/latest/_static/")
    assert (repo / "docs" / "_static" / image.rsplit("/", 1)[1]).is_file()
    # the command package and the catalogs are in the wheel
    assert "sphinx_seminar/commands/__init__.py" in names
    assert "sphinx_seminar/locale/de/LC_MESSAGES/sphinx_seminar.mo" in names
    assert "sphinx_seminar/cli.py" not in names
