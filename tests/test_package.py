"""The extension as a package: `sphinx-seminar init` makes an archive that builds at once,
`new` adds a session to it, and both refuse bad input (exit code 2) without touching files."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from helpers import soup

import sphinx_seminar
from sphinx_seminar.scaffold import PLACEHOLDER_SENTENCE

COMMAND = str(Path(sys.executable).parent / "sphinx-seminar")


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
