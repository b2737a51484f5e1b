"""Bad input fails the build with a message naming the file, the line and what is expected."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EPOCH, ROOTS, build_without_warnings, soup
from sphinx.errors import ConfigError
from sphinx.util.console import strip_colors

from sphinx_seminar.frontmatter import FrontMatterError, parse_front_matter, validate

GOOD = """\
---
number: 4
date: 2020-04-21
title: Far into the Future
speakers: [Lennard Schmidt, Eduardo Zorita]
topics: [enso, hydrology]
video: vtOqMg48HlU
---

Body.
"""
TOPICS = {"enso", "hydrology"}


def errors(text: str) -> list[tuple[int, str]]:
    try:
        front = parse_front_matter(text)
    except FrontMatterError as exc:
        return [(exc.line, str(exc))]
    return validate(front, TOPICS)[1]


def test_good_front_matter_has_no_errors():
    assert errors(GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("number: 4", "number: four", 2, "'number': Input should be a valid integer"),
        ("number: 4", "number: 0", 2, "'number': Input should be greater than 0"),
        ("number: 4", 'number: "4"', 2, "'number': Input should be a valid integer"),
        ("date: 2020-04-21", "date: 2020-02-30", 3, "'2020-02-30' is not a real date"),
        ("date: 2020-04-21", "date: 21.04.20", 3, "expected an ISO date YYYY-MM-DD"),
        ("title: Far into the Future", "title: ''", 4, "'title': String should have at least 1"),
        (
            "speakers: [Lennard Schmidt, Eduardo Zorita]",
            "speakers: Lennard Schmidt",
            5,
            "expected a list",
        ),
        (
            "speakers: [Lennard Schmidt, Eduardo Zorita]",
            "speakers: [Eduardo Zorita, Eduardo Zorita]",
            5,
            "listed twice",
        ),
        (
            "topics: [enso, hydrology]",
            "topics: [enso, gan]",
            6,
            "unknown topic 'gan'; known topics: enso, hydrology",
        ),
        ("topics: [enso, hydrology]", "topics: [ENSO]", 6, "expected a topic slug"),
        ("video: vtOqMg48HlU", "video: vtOqMg48HlUx", 7, "exactly 11 characters"),
        ("video: vtOqMg48HlU", "video: https://youtu.be/vtOqMg48HlU", 7, "exactly 11 characters"),
        ("video: vtOqMg48HlU", "vidoe: vtOqMg48HlU", 7, "unknown front matter field 'vidoe'"),
        ("number: 4\n", "", 2, "lacks the required field 'number'"),
        ("title: Far into the Future", "title: [unclosed", 5, "not valid YAML"),
        (
            "video: vtOqMg48HlU",
            "video: vtOqMg48HlU\nnumber: 5",
            8,
            "field 'number' is given twice (first on line 2)",
        ),
    ],
)
def test_each_problem_names_its_line(old, new, line, expected):
    found = errors(GOOD.replace(old, new, 1))
    assert len(found) == 1, found
    assert found[0][0] == line
    assert expected in found[0][1]


def test_list_item_errors_point_at_the_item():
    text = GOOD.replace("topics: [enso, hydrology]", "topics:\n  - enso\n  - nope")
    assert [line for line, _ in errors(text)] == [8]


def test_missing_and_unclosed_front_matter():
    assert "no front matter" in errors("# Title\n")[0][1]
    assert errors("---\nnumber: 1\n")[0] == (
        1,
        "front matter opened with '---' on line 1 is never closed",
    )


# -- whole builds: one line per problem, with file:line, and the build fails -----------------

SESSION = "sessions/2020-03-24-fluids.md"
CLOUDS = "sessions/2020-07-14-clouds.md"
FUTURE = "sessions/2030-01-08-future.md"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: name -> (edits of test-basic, settings, the build's messages: each line in full, as a
#: regular expression, the source folder left out)
BAD_PROJECTS = {
    "bad-video-id": (
        [(SESSION, "video: p-B0_gk8Uj4", "video: p-B0_gk8Uj")],
        {},
        [
            rf"{SESSION}:7: ERROR: front matter field 'video': expected a YouTube video id: "
            r"exactly 11 characters .*, got 'p-B0_gk8Uj' \[seminar\.frontmatter\]"
        ],
    ),
    "unknown-topic": (
        [(SESSION, "topics: [fluids]", "topics: [fluid]")],
        {},
        [
            rf"{SESSION}:6: ERROR: front matter field 'topics': unknown topic 'fluid'; "
            r"known topics: clouds, fluids \[seminar\.frontmatter\]"
        ],
    ),
    # the hint for a site without topic pages names its own folder
    "no-topics-yet": (
        [(CLOUDS, "topics: [clouds, fluids]", "topics: []"), (FUTURE, "[clouds]", "[]")],
        {"seminar_topics_dir": "themen"},
        [
            rf"{SESSION}:6: ERROR: front matter field 'topics': unknown topic 'fluids'; "
            r"known topics: none: add the page themen/<slug>\.md \[seminar\.frontmatter\]"
        ],
    ),
    "broken-yaml": (
        [(SESSION, "title: Hidden Fluid Mechanics", "title: Hidden: Fluid: Mechanics")],
        {},
        [rf"{SESSION}:4: ERROR: front matter is not valid YAML: .* \[seminar\.frontmatter\]"],
    ),
    # no toctree's "doesn't have a title", no docutils' "may not begin with a transition"
    "no-front-matter": (
        [(SESSION, (ROOTS / "test-basic" / SESSION).read_text("utf-8").split("\n\n")[0], "")],
        {},
        [
            rf"{SESSION}:1: ERROR: no front matter: a session page starts with '---', the "
            r"fields number, date, title, speakers, topics \(and video, if recorded\), and "
            r"'---' \[seminar\.frontmatter\]"
        ],
    ),
    "front-matter-never-closed": (
        [(SESSION, "flows.\n---\n", "flows.\n")],
        {},
        [
            rf"{SESSION}:1: ERROR: front matter opened with '---' on line 1 is never closed "
            r"\[seminar\.frontmatter\]"
        ],
    ),
    # not also "differs from the file name", MyST's "Malformed YAML" or a toctree's
    # "doesn't have a title"
    "no-such-date": (
        [(SESSION, "date: 2020-03-24", "date: 2020-02-30")],
        {},
        [
            rf"{SESSION}:3: ERROR: front matter field 'date': '2020-02-30' is not a real date "
            r"\(day is out of range for month\) \[seminar\.frontmatter\]"
        ],
    ),
    "missing-title": (
        [(SESSION, "title: Hidden Fluid Mechanics\n", "")],
        {},
        [
            rf"{SESSION}:2: ERROR: front matter lacks the required field 'title' \[seminar\.frontmatter\]"
        ],
    ),
    # as written, not YAML 1.1's base-60 number 1470
    "bad-start": (
        [(SESSION, "summary:", "start: 24:30\nsummary:")],
        {},
        [
            rf"{SESSION}:8: ERROR: front matter field 'start': expected a 24-hour time HH:MM "
            r"such as 15:00, got '24:30' \[seminar\.frontmatter\]"
        ],
    ),
    "speaker-key-misspelt": (
        [
            (
                SESSION,
                "speakers: [Tobias Weigel]",
                "speakers:\n  - name: Tobias Weigel\n    afiliation: HZG",
            )
        ],
        {},
        [
            rf"{SESSION}:7: ERROR: unknown key 'afiliation' in speakers \(item 1\); "
            r"allowed keys: name, affiliation \[seminar\.frontmatter\]"
        ],
    ),
    "file-name-date-mismatch": (
        [(SESSION, "date: 2020-03-24", "date: 2020-03-25")],
        {},
        [
            rf"{SESSION}:3: ERROR: the date 2020-03-25 differs from the file name's 2020-03-24: "
            r"rename the file or fix the date \[seminar\.frontmatter\]"
        ],
    ),
    "duplicate-number": (
        [(FUTURE, "number: 3", "number: 2")],
        {},
        [
            rf"{FUTURE}:2: ERROR: session number 2 is also used by {CLOUDS} \(line 2\); "
            r"each session needs its own number \[seminar\.duplicate\]"
        ],
    ),
    "duplicate-date": (
        [(FUTURE, "date: 2030-01-08", "date: 2020-07-14")],
        {},
        [
            r"sessions/2020-07-14-future.md:3: ERROR: session date 2020-07-14 is also used by "
            rf"{CLOUDS} \(line 3\); each session needs its own date \[seminar\.duplicate\]"
        ],
    ),
    "number-out-of-date-order": (
        [(SESSION, "number: 1", "number: 5")],
        {},
        [
            rf"{CLOUDS}:2: ERROR: session numbers follow the dates: expected a number above 5 "
            r"for 2020-07-14, found 2, but session 5 is on the earlier date 2020-03-24 "
            rf"\({SESSION}, line 2\) \[seminar\.number-order\]"
        ],
    ),
    "unknown-citation-key": (
        [(SESSION, "{cite:p}`raissi2019physics`", "{cite:p}`raissi2019physic`")],
        {},
        [
            rf"{SESSION}:11: WARNING: could not find bibtex key \"raissi2019physic\" \[bibtex\.key_not_found\]"
        ],
    ),
    "duplicate-bib-entry": (
        [("refs.bib", "@misc{sonderby2020metnet,", "@misc{rasp2018deep,")],
        {},
        [
            r"refs.bib:33: ERROR: duplicate entry 'rasp2018deep' \(first on line 22\) \[seminar\.bibtex\]"
        ],
    ),
    "bib-entry-without-link": (
        [("refs.bib", "  doi = {10.1073/pnas.1810286115},\n", "")],
        {},
        [
            r"refs.bib:22: ERROR: entry 'rasp2018deep' needs a doi, an arXiv eprint or a url, "
            r"so readers can find it \[seminar\.bibtex\]"
        ],
    ),
    # an unclosed field, a missing comma: the entry's line, and nothing after it (no
    # crash report, no warning about the fields pybtex could not read)
    "bib-entry-unclosed-brace": (
        [
            (
                "refs.bib",
                "  year = {2018},\n  doi = {10.1073/pnas.1810286115}",
                "  year = {2018,\n  doi = {10.1073/pnas.1810286115}",
            )
        ],
        {},
        [
            r"refs.bib:22: ERROR: entry 'rasp2018deep' cannot be read as BibTeX: a brace or "
            r"quote in it is open until the next entry \(line 33\) \[seminar\.bibtex\]"
        ],
    ),
    "bib-entry-missing-comma": (
        [
            (
                "refs.bib",
                "  title = {Deep learning to represent subgrid processes in climate models},",
                "  title = {Deep learning to represent subgrid processes in climate models}",
            )
        ],
        {},
        [
            r"refs.bib:26: ERROR: entry 'rasp2018deep' \(from line 22\) cannot be read as "
            r"BibTeX: '}' expected \[seminar\.bibtex\]"
        ],
    ),
    "bib-latex-escape": (
        [("refs.bib", "Sønderby", "S{\\o}nderby")],
        {},
        [
            r"refs.bib:33: ERROR: entry 'sonderby2020metnet' uses LaTeX escapes: "
            r"write names and titles in UTF-8 \[seminar\.bibtex\]"
        ],
    ),
    "topic-aliases-not-a-list": (
        [("topics/clouds.md", "title: Clouds and convection", "title: Clouds\naliases: CRM")],
        {},
        [
            r"topics/clouds.md:3: ERROR: front matter field 'aliases': expected a list such as "
            r"\[L96, Lorenz-96\] \(or \[\]\), got 'CRM' \[seminar\.frontmatter\]"
        ],
    ),
    "topic-alias-twice": (
        [("topics/clouds.md", "title: Clouds and convection", "title: C\naliases: [CRM, x, crm]")],
        {},
        [
            r"topics/clouds.md:3: ERROR: front matter field 'aliases': alias listed twice: "
            r"CRM, crm \[seminar\.frontmatter\]"
        ],
    ),
}


def bad_copy(name: str, tmp_path: Path) -> Path:
    """A copy of test-basic with the edits of ``BAD_PROJECTS[name]``."""
    edits, _, _ = BAD_PROJECTS[name]
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-basic", srcdir)
    for relative, old, new in edits:
        _edit(srcdir / relative, old, new)
    if name == "duplicate-date":  # a second file for a date that already has a session
        (srcdir / FUTURE).rename(srcdir / "sessions/2020-07-14-future.md")
    return srcdir


def messages(output: str, srcdir: Path) -> list[str]:
    """The build's messages, one per line, with the source folder left out."""
    lines = strip_colors(output).splitlines()
    return [line.replace(f"{srcdir}/", "") for line in lines if line.strip()]


def assert_messages(found: list[str], patterns: list[str]) -> None:
    assert len(found) == len(patterns), "\n".join(found)
    for line, pattern in zip(found, patterns, strict=True):
        assert re.fullmatch(pattern, line), f"{line!r} does not match {pattern!r}"


@pytest.mark.parametrize("name", sorted(BAD_PROJECTS))
def test_bad_input_is_one_line_and_fails_the_build(name, tmp_path, make_app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    srcdir = bad_copy(name, tmp_path)
    _, settings, patterns = BAD_PROJECTS[name]
    app = make_app("html", srcdir=srcdir, confoverrides=settings)
    app.build()
    assert app.statuscode == 1
    assert_messages(messages(app.warning.getvalue(), srcdir), patterns)
    # nothing made of the whole site from bad sources
    for made in ("calendar.ics", "atom.xml"):
        assert not (app.outdir / made).exists()


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("unknown-citation-key", SESSION),
        ("no-such-date", SESSION),
        ("speaker-key-misspelt", SESSION),
    ],
)
def test_no_page_with_bad_sources_is_left_in_the_output(name, page, tmp_path, make_app):
    srcdir = bad_copy(name, tmp_path)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.statuscode == 1
    html = app.outdir / page.replace(".md", ".html")
    assert not html.exists()
    # the other pages are written
    assert (app.outdir / CLOUDS.replace(".md", ".html")).is_file()


def sphinx_build(srcdir: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", *options, "-b", "html", str(srcdir), str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )


@pytest.mark.parametrize("options", [(), ("-W",), ("-W", "--keep-going")])
def test_sphinx_build_fails_with_one_line_per_problem_and_no_crash_report(tmp_path, options):
    """sphinx-build lists each problem in Sphinx's form and exits with status 1, -W or not:
    no traceback, no crash report, no calendar."""
    srcdir = tmp_path / "bad"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    _edit(srcdir / SESSION, "video: p-B0_gk8Uj4", "video: nope")
    _edit(srcdir / CLOUDS, "topics: [clouds,", "topics: [cloud,")
    result = sphinx_build(srcdir, tmp_path / "out", *options)
    assert result.returncode == 1, result.stderr
    assert_messages(
        messages(result.stderr, srcdir),
        [
            rf"{SESSION}:7: ERROR: front matter field 'video': .*, got 'nope' \[seminar\.frontmatter\]",
            rf"{CLOUDS}:6: ERROR: front matter field 'topics': unknown topic 'cloud'; "
            r"known topics: clouds, fluids \[seminar\.frontmatter\]",
        ],
    )
    assert "Traceback" not in result.stderr
    assert "error!" not in result.stderr.lower()
    assert not (tmp_path / "out" / "calendar.ics").exists()


def test_a_bad_setting_is_one_line_at_its_conf_py_line(tmp_path):
    """A bad seminar_* value: conf.py:line: ERROR, exit status 1, no crash report."""
    srcdir = tmp_path / "bad-conf"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    conf = srcdir / "conf.py"
    _edit(conf, 'seminar_start_time = "15:00"', 'seminar_start_time = "3pm"')
    line = conf.read_text(encoding="utf-8").splitlines().index('seminar_start_time = "3pm"') + 1
    for options in ((), ("-W", "--keep-going")):
        result = sphinx_build(srcdir, tmp_path / "out", *options)
        assert result.returncode == 1, result.stderr
        assert messages(result.stderr, srcdir) == [
            f"conf.py:{line}: ERROR: seminar_start_time must be a 24-hour time 'HH:MM', "
            "got '3pm' [seminar.config]"
        ]


def test_an_unquoted_time_is_read_as_written(tmp_path, make_app, monkeypatch):
    """YAML 1.1 reads 13:30 as the number 810 (but 09:30 as text): both are times here."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    srcdir = tmp_path / "unquoted"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    _edit(srcdir / SESSION, "summary:", "start: 13:30\nsummary:")
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out")
    header = soup(app.outdir / SESSION.replace(".md", ".html")).select_one(".seminar-when")
    assert "13:30–15:00" in header.get_text()


@pytest.mark.parametrize("name", ["bib-entry-unclosed-brace", "bib-entry-missing-comma"])
def test_an_unreadable_entry_leaves_no_page_that_shows_it(name, tmp_path, make_app):
    """pybtex reads what it can of a broken entry: the pages that would show that half
    (the session citing it, the references page) are not written; the others are."""
    srcdir = bad_copy(name, tmp_path)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.statuscode == 1
    assert not (app.outdir / CLOUDS.replace(".md", ".html")).exists()  # cites rasp2018deep
    assert not (app.outdir / "references.html").exists()
    assert (app.outdir / SESSION.replace(".md", ".html")).is_file()


def test_a_fixed_entry_brings_its_pages_back(tmp_path, make_app):
    srcdir = bad_copy("bib-entry-unclosed-brace", tmp_path)
    make_app("html", srcdir=srcdir).build()
    shutil.copy(ROOTS / "test-basic" / "refs.bib", srcdir / "refs.bib")
    app = make_app("html", srcdir=srcdir)  # the same output folder: an incremental build
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    # (a second app in one process warns that Sphinx's own nodes are registered again)
    assert "[bibtex." not in app.warning.getvalue() and "ERROR" not in app.warning.getvalue()
    page = soup(app.outdir / CLOUDS.replace(".md", ".html"))
    assert "Deep learning to represent subgrid processes" in page.get_text()
    assert (app.outdir / "references.html").is_file()


def test_an_unreadable_entry_is_no_crash_report_from_the_command_line(tmp_path):
    srcdir = bad_copy("bib-entry-unclosed-brace", tmp_path)
    done = sphinx_build(srcdir, tmp_path / "out")
    assert done.returncode == 1
    assert done.stdout == ""
    found = messages(done.stderr, srcdir)
    assert len(found) == 1 and found[0].startswith("refs.bib:22: ERROR: entry 'rasp2018deep'")
    assert "Traceback" not in done.stderr and "Versions" not in done.stderr


def test_invalid_page_is_reported_again_on_an_incremental_build(tmp_path, make_app):
    srcdir = tmp_path / "still-bad"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    _edit(srcdir / SESSION, "video: p-B0_gk8Uj4", "video: nope")
    first = make_app("html", srcdir=srcdir)
    first.build()
    assert first.statuscode == 1
    second = make_app("html", srcdir=srcdir)  # nothing changed on disk
    second.build()
    assert second.statuscode == 1
    assert second.warning.getvalue().count(f"{SESSION}:7: ERROR") == 1


def test_an_unknown_citation_key_is_reported_again_on_an_incremental_build(tmp_path, make_app):
    """Its page was removed from the output, so the next build writes it again and
    sphinxcontrib-bibtex reports the key again."""
    srcdir = bad_copy("unknown-citation-key", tmp_path)
    for _ in range(2):
        app = make_app("html", srcdir=srcdir)  # nothing changed on disk the second time
        app.build()
        assert app.statuscode == 1
        assert app.warning.getvalue().count('could not find bibtex key "raissi2019physic"') == 1
        assert not (app.outdir / SESSION.replace(".md", ".html")).exists()


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("seminar_timezone", "Europe/Hamburg", "IANA time zone"),
        ("seminar_start_time", "3pm", "24-hour time 'HH:MM'"),
        ("seminar_duration_minutes", 0, "between 1 and 1440"),
        ("seminar_mailing_list", "http://example.org", "https:// URL"),
        (
            "seminar_continues_at",
            "example.org/club",
            "must be an https:// URL",
        ),
        ("seminar_sessions_dir", "../sessions", "document path"),
        ("seminar_series_name", 42, "must be a str, got 42"),
        ("seminar_prev_next", "auto", "must be a None or bool, got 'auto'"),
    ],
)
def test_bad_series_settings_are_reported_when_the_config_is_read(
    make_app, tmp_path, name, value, expected
):
    """One error naming conf.py (the value came from elsewhere here); the build goes on
    with the setting's default, as Sphinx does with a value of the wrong type, and fails."""
    srcdir = tmp_path / "bad-config"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={name: value})
    found = messages(app.warning.getvalue(), srcdir)
    assert len(found) == 1, found
    assert re.match(rf"(conf\.py:\d+: )?ERROR: {name} .*{re.escape(expected)}", found[0]), found
    app.build()
    assert app.statuscode == 1


def test_malformed_build_date_is_rejected(make_app, tmp_path, monkeypatch):
    srcdir = tmp_path / "bad-epoch"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH must be a whole number"):
        make_app("html", srcdir=srcdir)


def test_a_mistyped_setting_names_conf_py_its_line_and_the_setting_meant(make_app, tmp_path):
    srcdir = tmp_path / "typo"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    conf = srcdir / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    conf.write_text("\n".join([*lines, 'seminar_timezome = "Europe/Berlin"', ""]), "utf-8")
    app = make_app("html", srcdir=srcdir)
    assert strip_colors(app.warning.getvalue()) == (
        f"{conf}:{len(lines) + 1}: ERROR: seminar_timezome is not a setting of sphinx-seminar; "
        "did you mean 'seminar_timezone'? [seminar.config]\n"
    )


def test_editorial_policies_are_settings(make_app, tmp_path):
    """One session per date and the strict bibliography are this archive's choices:
    with both off, a shared date and an entry without a link build without complaint."""
    srcdir = tmp_path / "lenient"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    _edit(srcdir / "refs.bib", "  doi = {10.1073/pnas.1810286115},\n", "")
    future = srcdir / "sessions/2030-01-08-future.md"
    _edit(future, "date: 2030-01-08", "date: 2020-07-14")
    future.rename(srcdir / "sessions/2020-07-14-future.md")
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={"seminar_unique_dates": False, "seminar_strict_bibliography": False},
    )
    app.build()
    assert app.warning.getvalue() == ""
    listing = (app.outdir / "sessions" / "index.html").read_text(encoding="utf-8")
    assert listing.count("14 Jul 2020") == 2
