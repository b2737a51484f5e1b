"""`sphinx-seminar new`: a new session page that builds, and the refusals."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import icalendar
import pytest
import yaml
from defusedxml import ElementTree
from helpers import soup

from sphinx_seminar.commands import main
from sphinx_seminar.frontmatter import SESSION_FILE, parse_front_matter, split_front_matter
from sphinx_seminar.scaffold import slugify
from sphinx_seminar.schema import SessionFrontMatter

ROOT = Path(__file__).resolve().parent / "roots" / "test-subscribe"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A copy of the small test project; the scaffold writes into it."""
    target = tmp_path / "site"
    shutil.copytree(ROOT, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def highest_number(folder: Path) -> int:
    numbers = [
        parse_front_matter(p.read_text("utf-8")).data["number"]
        for p in (folder / "sessions").glob("*.md")
        if SESSION_FILE.match(p.stem)
    ]
    return max(numbers)


def scaffold(docs: Path, date: str, title: str) -> int:
    return main(["new", "--confdir", str(docs), "--date", date, "--title", title])


def test_new_session_in_a_new_year(docs, capsys):
    number = highest_number(docs) + 1
    assert not (docs / "sessions" / "2022.md").exists()
    code = scaffold(docs, "2022-02-08", "Learning the Lorenz Attractor with Echo State Networks")
    out = capsys.readouterr()
    assert code == 0, out.err
    path = docs / "sessions" / "2022-02-08-learning-the-lorenz-attractor-with-echo.md"
    assert path.is_file()
    text = path.read_text("utf-8")
    front = parse_front_matter(text)
    assert list(front.data) == ["number", "id", "date", "title", "speakers", "topics", "summary"]
    # a stable identity for calendars: a random (version 4) UUID
    assert uuid.UUID(front.data.pop("id")).version == 4
    assert front.data == {
        "number": number,
        "date": "2022-02-08",
        "title": "Learning the Lorenz Attractor with Echo State Networks",
        "speakers": [],
        "topics": [],
        "summary": None,
    }
    meta = SessionFrontMatter.model_validate(
        parse_front_matter(text).data, context={"topics": {"clouds", "fluids"}}
    )
    assert meta.number == number
    assert meta.video is None
    # the body: a sentence to replace, and hints in MyST comments
    _, body_line = split_front_matter(text)
    body = text.splitlines()[body_line:]
    assert any(line.startswith("Replace this sentence") for line in body)
    hints = "\n".join(line for line in body if line.startswith("%"))
    assert "{cite:t}`key`" in hints
    assert "video:" in hints
    # the year page is new, modelled on the existing ones
    year_page = (docs / "sessions" / "2022.md").read_text("utf-8")
    # a listing page: out of the search index, so results point at the sessions
    assert parse_front_matter(year_page).data == {"title": "2022", "nosearch": True}
    assert ":year: 2022" in year_page
    assert "```{seminar-sessions}" in year_page
    assert ":hidden:" in year_page
    assert ":glob:" in year_page
    assert "\n2022-*\n" in year_page
    # what to do next
    assert str(path) in out.out
    for word in ("speakers", "topics", "clouds, fluids", "summary", "build the site"):
        assert word in out.out
    assert "2022.md" in out.out


def test_new_session_in_an_existing_year(docs, capsys):
    year_page = (docs / "sessions" / "2020.md").read_bytes()
    assert scaffold(docs, "2020-09-01", "Autumn: part 2") == 0
    assert (docs / "sessions" / "2020.md").read_bytes() == year_page
    assert "year page" not in capsys.readouterr().out
    text = (docs / "sessions" / "2020-09-01-autumn-part-2.md").read_text("utf-8")
    assert parse_front_matter(text).data["title"] == "Autumn: part 2"


@pytest.mark.parametrize(
    "title",
    ["2020", "Yes", "No: a title with a colon", "#1 'quoted' \"twice\"", "- [list] {map} & *star"],
)
def test_titles_are_quoted_safely(docs, title):
    assert scaffold(docs, "2023-05-02", title) == 0
    (path,) = (docs / "sessions").glob("2023-05-02-*.md")
    data = parse_front_matter(path.read_text("utf-8")).data
    assert data["title"] == title
    SessionFrontMatter.model_validate(data, context={"topics": set()})
    # MyST reads front matter with PyYAML's safe loader: the title is text there too
    block, _ = split_front_matter(path.read_text("utf-8"))
    assert yaml.safe_load(block)["title"] == title
    assert SESSION_FILE.match(path.stem)


def test_slugs():
    assert slugify("Hidden Fluid Mechanics") == "hidden-fluid-mechanics"
    assert slugify("Don't fear the sphere: Spherical CNNs for weather, climate") == (
        "dont-fear-the-sphere-spherical-cnns"
    )
    assert (
        slugify("MetNet – Sønderby's Neural Weather Model")
        == "metnet-sonderbys-neural-weather-model"
    )
    assert slugify("Über Ähnlichkeit") == "uber-ahnlichkeit"
    # a German site spells umlauts out, as German writes them without the dots
    assert slugify("Über Größe und Maß", "de") == "ueber-groesse-und-mass"
    assert slugify("ÄÖÜ äöü ß", "de-AT") == "aeoeue-aeoeue-ss"
    assert slugify("Über Größe und Maß") == "uber-grosse-und-mass"
    assert slugify("!!!") == "session"
    for title in ("A b c d e f g h", "x" * 300, "Ünïcödé ∂ ∑ Fluids"):
        assert SESSION_FILE.match(f"2020-01-01-{slugify(title)}")
        assert len(slugify(title).split("-")) <= 6


@pytest.mark.parametrize(
    ("date", "problem"),
    [
        ("2020-02-30", "not a real date"),
        ("2021-13-01", "not a real date"),
        ("2020-2-3", "YYYY-MM-DD"),
        ("next tuesday", "YYYY-MM-DD"),
        ("2020-07-14", "2020-07-14-clouds.md"),  # taken by session 2
    ],
)
def test_refusals(docs, capsys, date, problem):
    before = snapshot(docs)
    assert scaffold(docs, date, "Anything") == 2
    err = capsys.readouterr().err
    assert problem in err
    assert err.count("\n") == 1  # one line
    assert err.startswith(("sphinx-seminar new: error: --date", f"{docs}/sessions/2020-07-14"))
    assert snapshot(docs) == before


def test_taken_date_names_the_file_and_never_overwrites(docs, capsys):
    assert scaffold(docs, "2022-03-08", "First Try") == 0
    path = docs / "sessions" / "2022-03-08-first-try.md"
    path.write_text(path.read_text("utf-8").replace("speakers: []", "speakers: [Ann Lee]"))
    before = snapshot(docs)
    capsys.readouterr()
    # the same title and date again, and another title on that date
    for title in ("First Try", "Second Try"):
        assert scaffold(docs, "2022-03-08", title) == 2
        err = capsys.readouterr().err
        assert "2022-03-08" in err
        assert str(path) in err
    assert snapshot(docs) == before


def test_a_file_in_the_way_is_kept(docs, capsys):
    """A file with the new page's name but no readable front matter is not overwritten."""
    path = docs / "sessions" / "2024-06-04-draft.md"
    path.write_text("notes, not a session yet\n", encoding="utf-8")
    before = snapshot(docs)
    assert scaffold(docs, "2024-06-04", "Draft") == 2
    assert str(path) in capsys.readouterr().err
    assert snapshot(docs) == before


def test_missing_configuration(tmp_path, capsys):
    assert scaffold(tmp_path, "2022-02-08", "Title") == 2
    assert capsys.readouterr().err == (
        f"sphinx-seminar new: error: no conf.py in {tmp_path}: "
        "pass the site's folder with --confdir\n"
    )


def test_missing_sessions_folder(docs, capsys):
    shutil.rmtree(docs / "sessions")
    assert scaffold(docs, "2022-02-08", "Title") == 2
    assert "--srcdir" in capsys.readouterr().err


def test_folders_come_from_the_sites_settings(docs, capsys):
    (docs / "sessions").rename(docs / "talks")
    conf = docs / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'seminar_sessions_dir = "talks"\n', "utf-8")
    assert scaffold(docs, "2022-02-08", "Title") == 0, capsys.readouterr().err
    assert (docs / "talks" / "2022-02-08-title.md").is_file()
    assert not (docs / "sessions").exists()


def test_bad_settings_are_refused(docs, capsys):
    conf = docs / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'seminar_start_time = "3pm"\n', "utf-8")
    assert scaffold(docs, "2022-02-08", "Title") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{conf}: ERROR: seminar_start_time must be a 24-hour time 'HH:MM'")


def test_command_line(docs):
    """As `nox -s new` runs it: the installed `sphinx-seminar` command."""
    command = [str(Path(sys.executable).parent / "sphinx-seminar"), "new", "--confdir", str(docs)]
    env = dict(os.environ)
    done = subprocess.run(
        [*command, "--date", "2022-02-08", "--title", "Lorenz"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Next, in" in done.stdout
    assert "As the series runs on 2022-02-08: At 15:00 (Europe/Berlin time)" in done.stdout
    again = subprocess.run(
        [*command, "--date", "2022-02-08", "--title", "Lorenz"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert again.returncode == 2
    assert "2022-02-08-lorenz.md" in again.stderr
    missing = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert missing.returncode == 2
    assert "--date" in missing.stderr


def test_scaffolded_session_builds(docs, make_app, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763100000")
    highest = highest_number(docs)
    assert scaffold(docs, "2022-02-08", "Learning the Lorenz Attractor") == 0
    # back-filling: the earlier session takes its place in date order, the later move up
    assert scaffold(docs, "2020-09-01", "Autumn Session") == 0
    number = highest + 2  # Lorenz, renumbered once
    autumn = highest  # the number of 2021-01-12, the first session after it
    app = make_app("html", srcdir=docs)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    out = app.outdir
    docname = "sessions/2022-02-08-learning-the-lorenz-attractor"
    page = soup(out / f"{docname}.html")
    assert page.select_one("h1").get_text().startswith("Learning the Lorenz Attractor")
    assert "Replace this sentence" in page.get_text()
    assert "How to finish" not in page.get_text()  # comments stay out of the page
    archive = soup(out / "sessions" / "index.html")
    hrefs = [a["href"] for a in archive.select(".seminar-listing a")]
    assert "2022-02-08-learning-the-lorenz-attractor.html" in hrefs
    assert "2020-09-01-autumn-session.html" in hrefs
    year = soup(out / "sessions" / "2022.html")
    assert [a["href"] for a in year.select(".seminar-listing a")] == [
        "2022-02-08-learning-the-lorenz-attractor.html"
    ]
    calendar = icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    page = docs / f"{docname}.md"
    identity = parse_front_matter(page.read_text("utf-8")).data["id"]
    new = events[f"{identity}@mlhzg-seminar"]  # the stable id, whatever the number
    assert str(new["SUMMARY"]) == f"ML@HZG seminar {number}: Learning the Lorenz Attractor"
    assert str(new["URL"]) == f"https://seminar.example.org/archive/{docname}.html"
    feed = ElementTree.parse(out / "atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == f"{number}. Learning the Lorenz Attractor"
    assert entries[0].findtext(f"{ATOM}summary") == "Learning the Lorenz Attractor"
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert f"{autumn}. Autumn Session" in titles
    assert sorted(int(t.split(".")[0]) for t in titles) == list(range(1, highest + 3))
