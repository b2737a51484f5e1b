"""``sphinx-seminar record``: a recording from a YouTube id or address, checked as the
build checks it; bad input changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import organizer_archive

from sphinx_seminar.commands import main
from sphinx_seminar.frontmatter import parse_front_matter

VIDEO = "p-B0_gk8Uj4"


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return organizer_archive(tmp_path / "site")


def page(site: Path) -> Path:
    return next((site / "sessions").glob("2026-01-13-*.md"))


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "video",
    [
        VIDEO,
        f"https://www.youtube.com/watch?v={VIDEO}&t=42s",
        f"youtube.com/watch?feature=share&v={VIDEO}",
        f"https://m.youtube.com/watch?v={VIDEO}",
        f"https://youtu.be/{VIDEO}?si=abc",
        f"https://www.youtube.com/embed/{VIDEO}",
        f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1",
        f"https://youtube.com/shorts/{VIDEO}",
        f"https://www.youtube.com/live/{VIDEO}",
    ],
)
def test_every_address_form_sets_the_id(site: Path, capsys, video: str) -> None:
    before = page(site).read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["record", "--confdir", str(site), "--date", "2026-01-13", video]) == 0
    after = page(site).read_text(encoding="utf-8")
    assert parse_front_matter(after).data["video"] == VIDEO
    # one line added to the front matter, nothing else changed
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        f"video: {VIDEO}"
    ]
    assert f"https://www.youtube.com/watch?v={VIDEO}" in capsys.readouterr().out


def test_a_new_recording_replaces_the_old(site: Path, capsys) -> None:
    assert main(["record", "--confdir", str(site), "--date", "2026-01-13", VIDEO]) == 0
    assert main(["record", "--confdir", str(site), "--date", "2026-01-13", "dQw4w9WgXcQ"]) == 0
    text = page(site).read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("video:")] == [
        "video: dQw4w9WgXcQ"
    ]
    assert parse_front_matter(text).data["video"] == "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--date", "2026-01-13", "p-B0_gk8Uj"], "expected a YouTube video id: exactly 11"),
        (["--date", "2026-01-13", "https://youtu.be/p-B0_gk8Uj4x"], "got 'p-B0_gk8Uj4x'"),
        (
            ["--date", "2026-01-13", f"https://vimeo.com/{VIDEO}"],
            "expected a YouTube id or a YouTube address",
        ),
        (["--date", "2026-01-13", "https://www.youtube.com/channel/UC123"], "no video id in"),
        (["--date", "2026-01-14", VIDEO], "no session on 2026-01-14 in site/sessions"),
        (["--date", "13.01.2026", VIDEO], "expected an ISO date YYYY-MM-DD"),
    ],
)
def test_bad_input_changes_nothing(site: Path, capsys, argv: list[str], message: str) -> None:
    before = files(site)
    capsys.readouterr()
    assert main(["record", "--confdir", str(site), *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and message in err, err
    assert files(site) == before


def test_a_page_the_build_would_refuse_is_left_alone(site: Path, capsys) -> None:
    """The whole front matter is checked as the build checks it: a page with an error
    elsewhere gets no recording, and the message names the file and line."""
    path = page(site)
    path.write_text(path.read_text(encoding="utf-8").replace("topics: []", "topics: [nope]"))
    before = files(site)
    capsys.readouterr()
    assert main(["record", "--confdir", str(site), "--date", "2026-01-13", VIDEO]) == 2
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index("topics: [nope]") + 1
    assert err.startswith(f"site/sessions/{path.name}:{line}: ERROR: front matter field 'topics'")
    assert files(site) == before
