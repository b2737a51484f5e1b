"""The `sphinx-seminar` commands as a user runs them: from any folder, with relative
paths, one clear line on a refusal; `new` numbering sessions in date order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
from helpers import run_sphinx

import sphinx_seminar
from sphinx_seminar.commands import main
from sphinx_seminar.commands.site import Refused, find_site, session_page
from sphinx_seminar.frontmatter import parse_front_matter
from sphinx_seminar.i18n import LOCALE_DIR

COMMAND = str(Path(sys.executable).parent / "sphinx-seminar")
ROOT = Path(__file__).resolve().parent / "roots" / "test-subscribe"
#: the options init requires
SERIES = ("--name", "G", "--timezone", "UTC", "--start", "09:00")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([COMMAND, *args], capture_output=True, text=True, cwd=cwd, check=False)


def init(cwd: Path, folder: str = "my-archive", *options: str) -> subprocess.CompletedProcess:
    done = run(
        "init", folder, "--name", "Denver ML reading group",
        "--timezone", "America/Denver", "--start", "12:30", *options, cwd=cwd,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def numbers(sessions: Path) -> dict[str, int]:
    """Each session page's date -> number, as its front matter says."""
    found = {}
    for path in sessions.glob("????-??-??-*.md"):
        data = parse_front_matter(path.read_text("utf-8")).data
        found[str(data["date"])] = data["number"]
    return dict(sorted(found.items()))


def test_relative_paths_from_the_folder_above(tmp_path):
    """The README's commands, run from the folder above the archive (issue 20, point 1)."""
    done = init(tmp_path)
    assert "Created the Denver ML reading group archive in my-archive:" in done.stdout
    assert "sphinx-seminar new --confdir my-archive" in done.stdout
    new = run(
        "new", "--confdir", "my-archive", "--date", "2026-01-13", "--title", "Attention",
        cwd=tmp_path,
    )  # fmt: skip
    assert new.returncode == 0, new.stderr
    assert new.stdout.startswith(
        "Created my-archive/sessions/2026-01-13-attention.md (session 1).\n"
        "Created the year page my-archive/sessions/2026.md.\n"
    )
    assert "known topics: none yet: add my-archive/topics/<slug>.md" in new.stdout
    assert "(entries in my-archive/refs.bib)" in new.stdout
    assert (tmp_path / "my-archive" / "sessions" / "2026-01-13-attention.md").is_file()
    # from inside the archive, without --confdir; from a sibling folder, with ../
    inside = run("new", "--date", "2026-01-27", "--title", "Next", cwd=tmp_path / "my-archive")
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout.startswith("Created sessions/2026-01-27-next.md (session 2).")
    (tmp_path / "elsewhere").mkdir()
    sibling = run(
        "new", "--confdir", "../my-archive", "--srcdir", "../my-archive",
        "--date", "2026-02-10", "--title", "Third", cwd=tmp_path / "elsewhere",
    )  # fmt: skip
    assert sibling.returncode == 0, sibling.stderr
    assert "my-archive/sessions/2026-02-10-third.md (session 3)" in sibling.stdout
    assert numbers(tmp_path / "my-archive" / "sessions") == {
        "2026-01-13": 1,
        "2026-01-27": 2,
        "2026-02-10": 3,
    }


def test_a_site_with_its_pages_in_docs(tmp_path):
    """conf.py above docs/, as in this archive: `new` finds the pages without --srcdir."""
    shutil.copytree(ROOT, tmp_path / "docs")
    (tmp_path / "docs" / "conf.py").rename(tmp_path / "conf.py")
    site = find_site(tmp_path)
    assert site.srcdir == tmp_path / "docs"
    assert site.sessions_dir == tmp_path / "docs" / "sessions"
    assert site.bibfile == tmp_path / "docs" / "refs.bib"
    assert site.base_url == "https://seminar.example.org/archive/"
    done = run("new", "--date", "2022-02-08", "--title", "Lorenz", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Created docs/sessions/2022-02-08-lorenz.md (session 4).")
    assert "known topics: clouds, fluids" in done.stdout


def test_session_page(tmp_path):
    shutil.copytree(ROOT, tmp_path / "site")
    site = find_site(tmp_path / "site")
    page = session_page(site, date(2020, 7, 14))
    assert page == tmp_path / "site" / "sessions" / "2020-07-14-clouds.md"
    with pytest.raises(Refused) as refused:
        session_page(site, date(2020, 7, 15))
    assert refused.value.message == f"no session on 2020-07-15 in {tmp_path}/site/sessions"


def test_version_and_help(tmp_path):
    version = run("--version", cwd=tmp_path)
    assert (version.returncode, version.stdout) == (
        0,
        f"sphinx-seminar {sphinx_seminar.__version__}\n",
    )
    helped = run("--help", cwd=tmp_path)
    assert helped.returncode == 0
    # the languages with a catalog, as the package's locale folder holds them
    catalogs = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())
    assert catalogs == ["de"]
    listed = "Languages with translated labels: en (the default), " + ", ".join(catalogs) + "."
    assert listed in " ".join(helped.stdout.split())
    init_help = " ".join(run("init", "--help", cwd=tmp_path).stdout.split())
    assert "labels are translated for: en, de" in init_help
    for name in ("init", "new"):
        assert name in helped.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["new", "--confdir", "nowhere", "--date", "2026-01-13", "--title", "T"],
            "sphinx-seminar new: error: no conf.py in nowhere: pass the site's folder with --confdir\n",
        ),
        (
            ["new", "--confdir", "site", "--date", "2026-02-30", "--title", "T"],
            "sphinx-seminar new: error: --date: '2026-02-30' is not a real date "
            "(day is out of range for month)\n",
        ),
        (
            ["new", "--confdir", "site", "--date", "2020-07-14", "--title", "Clouds"],
            "site/sessions/2020-07-14-clouds.md: ERROR: 2020-07-14 already has a session, and "
            "seminar_unique_dates is on: each session needs its own date\n",
        ),
        (
            ["init", "site", *SERIES],
            "sphinx-seminar init: error: site is not an empty folder: init starts a new archive\n",
        ),
        (
            ["init", "new", *SERIES, "--url", "example.org"],
            "sphinx-seminar init: error: --url must be an absolute address such as "
            "'https://example.org/seminar/', got 'example.org'\n",
        ),
        (
            ["init", "new", *SERIES, "--language", "xx-nonsense"],
            "sphinx-seminar init: error: --language must be a language code such as 'en' or 'de', "
            "got 'xx-nonsense'\n",
        ),
    ],
)
def test_refusals_are_one_line_with_relative_paths(tmp_path, args, expected):
    shutil.copytree(ROOT, tmp_path / "site")
    before = sorted(tmp_path.rglob("*"))
    done = run(*args, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", expected)
    assert sorted(tmp_path.rglob("*")) == before


def test_a_file_in_the_way_is_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    done = run("init", "notes.txt/archive", *SERIES, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "notes.txt/archive: ERROR: Not a directory\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_bad_conf_py_is_named(tmp_path):
    shutil.copytree(ROOT, tmp_path / "site")
    conf = tmp_path / "site" / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'seminar_timezone = "Mars/Olympus"\n', "utf-8")
    done = run("new", "--confdir", "site", "--date", "2026-01-13", "--title", "T", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("site/conf.py: ERROR: seminar_timezone")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_back_filling_numbers_sessions_in_date_order(tmp_path):
    """Sessions added latest first (issue 20, point 5): `new` renumbers the later ones."""
    init(tmp_path)
    sessions = tmp_path / "my-archive" / "sessions"

    def new(day: str, title: str) -> str:
        done = run("new", "--confdir", "my-archive", "--date", day, "--title", title, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    new("2026-03-05", "Spring")
    latest = sessions / "2026-03-05-spring.md"
    latest.write_text(
        latest.read_text("utf-8").replace("speakers: []", "speakers: [Ann Lee]"), "utf-8"
    )
    edited = latest.read_text("utf-8")
    out = new("2025-09-04", "Autumn")
    assert out.startswith(
        "Created my-archive/sessions/2025-09-04-autumn.md (session 1).\n"
        "Renumbered my-archive/sessions/2026-03-05-spring.md: session 1 is now 2.\n"
    )
    # only the number line changed; the organizer's edit and the id are kept
    assert latest.read_text("utf-8") == edited.replace("number: 1\n", "number: 2\n", 1)
    new("2025-12-02", "Winter")
    new("2026-04-14", "April")
    assert numbers(sessions) == {
        "2025-09-04": 1,
        "2025-12-02": 2,
        "2026-03-05": 3,
        "2026-04-14": 4,
    }
    ids = [parse_front_matter(p.read_text("utf-8")).data["id"] for p in sessions.glob("2*-*.md")]
    assert len(set(ids)) == 4
    assert all(uuid.UUID(value).version == 4 for value in ids)


def test_numbers_out_of_date_order_are_not_made_worse(tmp_path):
    init(tmp_path)
    sessions = tmp_path / "my-archive" / "sessions"
    for day, title in (("2026-01-13", "A"), ("2026-02-10", "B")):
        assert (
            run(
                "new", "--confdir", "my-archive", "--date", day, "--title", title, cwd=tmp_path
            ).returncode
            == 0
        )
    a, b = sessions / "2026-01-13-a.md", sessions / "2026-02-10-b.md"
    a.write_text(a.read_text("utf-8").replace("number: 1", "number: 5"), "utf-8")
    before = {p: p.read_bytes() for p in sessions.iterdir()}
    done = run(
        "new", "--confdir", "my-archive", "--date", "2026-01-27", "--title", "C", cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr == (
        "my-archive/sessions/2026-02-10-b.md:2: ERROR: the sessions are not numbered in date "
        "order: 2026-01-13-a.md (2026-01-13) is number 5, 2026-02-10-b.md (2026-02-10) is "
        "number 2; number them in date order first\n"
    )
    assert {p: p.read_bytes() for p in sessions.iterdir()} == before
    assert b.is_file()


def test_new_honours_unique_dates(tmp_path, capsys):
    """Off by default: two sessions on one date are fine, each with its own page."""
    init(tmp_path)
    folder = tmp_path / "my-archive"
    for title in ("Morning talk", "Afternoon talk"):
        assert (
            main(["new", "--confdir", str(folder), "--date", "2026-01-13", "--title", title]) == 0
        )
    pages = {
        p.name: parse_front_matter(p.read_text("utf-8")).data["number"]
        for p in (folder / "sessions").glob("2026-01-13-*.md")
    }
    assert pages == {"2026-01-13-morning-talk.md": 1, "2026-01-13-afternoon-talk.md": 2}
    conf = folder / "conf.py"
    conf.write_text(conf.read_text("utf-8") + "seminar_unique_dates = True\n", "utf-8")
    capsys.readouterr()
    assert (
        main(["new", "--confdir", str(folder), "--date", "2026-01-13", "--title", "Evening"]) == 2
    )
    assert "seminar_unique_dates is on" in capsys.readouterr().err


def test_german_file_names_on_a_german_site(tmp_path):
    init(tmp_path, "berlin", "--language", "de")
    done = run(
        "new", "--confdir", "berlin", "--date", "2026-03-05", "--title", "Über Größe und Maß",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "berlin" / "sessions" / "2026-03-05-ueber-groesse-und-mass.md").is_file()
    year = (tmp_path / "berlin" / "sessions" / "2026.md").read_text("utf-8")
    assert "Die Sitzungen von 2026, die neueste zuerst." in year


def test_new_speaks_the_sites_language(tmp_path):
    """On a German site, what ``new`` prints and the notes it writes into the page are
    German, and a past session still holding the German placeholder is found."""
    init(tmp_path, "berlin", "--language", "de")
    done = run(
        "new", "--confdir", "berlin", "--date", "2026-03-05", "--title", "Maß", cwd=tmp_path
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.splitlines()[0]
        == "berlin/sessions/2026-03-05-mass.md ist angelegt (Sitzung 1)."
    )
    assert "Als Nächstes in berlin/sessions/2026-03-05-mass.md:" in done.stdout
    assert "So läuft die Reihe am 2026-03-05: Um " in done.stdout
    for english in ("Created", "Next, in", "As the series runs", " at ", "time)"):
        assert english not in done.stdout, english
    page = (tmp_path / "berlin" / "sessions" / "2026-03-05-mass.md").read_text("utf-8")
    assert "Ersetzen Sie diesen Satz durch das, was in der Sitzung besprochen wurde" in page
    assert "% So wird diese Seite fertig" in page
    assert "# die Kennung der Sitzung für Kalender" in page
    for english in ("Replace this sentence", "How to finish", "keep it as it is"):
        assert english not in page, english
    year = (tmp_path / "berlin" / "sessions" / "2026.md").read_text("utf-8")
    assert "nosearch: true  # eine Liste: Suchergebnisse führen zu den Sitzungen selbst" in year
    # the session has taken place (2026-03-05): its German placeholder is reported
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", "berlin", "berlin/_build"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1796000000"},
    )  # fmt: skip
    assert "2026-03-05-mass.md:11: WARNING: session 1 of 2026-03-05 has taken place" in (
        build.stderr
    )


def test_init_url_and_its_reminder(tmp_path):
    with_url = init(tmp_path, "a", "--url", "https://example.org/denver")
    conf = (tmp_path / "a" / "conf.py").read_text("utf-8")
    assert "\nhtml_baseurl = 'https://example.org/denver/'\n" in conf
    assert "html_baseurl" not in with_url.stdout
    without = init(tmp_path, "b")
    conf = (tmp_path / "b" / "conf.py").read_text("utf-8")
    assert "\n# html_baseurl = ''\n" in conf
    assert "\nhtml_baseurl" not in conf
    assert "Set html_baseurl in conf.py (or pass --url to" in without.stdout


def test_init_a_language_without_catalog(tmp_path):
    done = init(tmp_path, "paris", "--language", "fr")
    assert "sphinx-seminar has no catalog for 'fr': the pages' labels are English" in done.stdout
    assert "language = 'fr'" in (tmp_path / "paris" / "conf.py").read_text("utf-8")


def test_a_name_yaml_would_misread(tmp_path):
    done = run("init", "a", "--name", "ML: a reading group", *SERIES[2:], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    home = parse_front_matter((tmp_path / "a" / "index.md").read_text("utf-8"))
    assert home.data == {"title": "ML: a reading group"}


@pytest.mark.parametrize(
    "module",
    ["sphinx_seminar.scaffold", "sphinx_seminar.commands.site", "sphinx_seminar.commands.new"],
)
def test_each_module_imports_first(module):
    """No import cycle between the scaffold and the commands, whichever comes first."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_output_cut_short_by_the_reader(tmp_path):
    """`sphinx-seminar new … | true`: the reader is gone before the command writes (EPIPE);
    the page is made, and nothing is reported."""
    shutil.copytree(ROOT, tmp_path / "site")
    script = 'set -o pipefail; "$0" new --confdir site --date 2026-05-05 --title Pipe | true'
    done = subprocess.run(
        ["bash", "-c", script, COMMAND], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "site" / "sessions" / "2026-05-05-pipe.md").is_file()


@pytest.mark.parametrize(
    ("options", "silenced"),
    [
        (("--url", "https://example.org/denver"), []),
        ((), ["seminar.baseurl"]),
        (("--url", "https://example.org/paris", "--language", "fr"), ["seminar.language"]),
        (("--language", "fr"), ["seminar.baseurl", "seminar.language"]),
    ],
)
def test_what_init_said_at_once_does_not_fail_the_first_build(tmp_path, options, silenced):
    """init names a missing address and a language without catalog when it runs; its
    conf.py keeps the build's warnings about them from failing the first -W build,
    each with its reason, and silences nothing else."""
    init(tmp_path, "site", *options)
    conf = (tmp_path / "site" / "conf.py").read_text("utf-8")
    for subtype in ("seminar.baseurl", "seminar.language"):
        assert (f"    '{subtype}',  # " in conf) == (subtype in silenced)
    assert ("suppress_warnings" in conf) == bool(silenced)
    built = build_site(tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert built.stderr == "", built.stderr
    # without the silencing line, the build says what init said
    if silenced:
        start = conf.index("suppress_warnings = [")
        end = conf.index("]\n", start) + 2
        (tmp_path / "site" / "conf.py").write_text(conf[:start] + conf[end:], "utf-8")
        loud = build_site(tmp_path / "site")
        assert loud.returncode != 0
        for subtype in silenced:
            assert f"[{subtype}]" in loud.stderr


def build_site(folder: Path) -> subprocess.CompletedProcess:
    return run_sphinx("-q", str(folder), str(folder / "_build" / "html"))
