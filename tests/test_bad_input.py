"""Bad input fails the build with a message naming the file, the line and what is expected."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOTS
from sphinx.errors import ConfigError

from sphinx_seminar.diagnostics import SeminarError
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


# -- whole builds: every problem reported with file:line, and the build fails -----------------

SESSION = "sessions/2020-03-24-fluids.md"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_PROJECTS = {
    "bad-video-id": (
        [(SESSION, "video: p-B0_gk8Uj4", "video: p-B0_gk8Uj")],
        [
            rf"{SESSION}:7: ERROR: front matter field 'video': .*exactly 11 characters .*\[seminar\.frontmatter\]"
        ],
    ),
    "unknown-topic": (
        [(SESSION, "topics: [fluids]", "topics: [fluid]")],
        [rf"{SESSION}:6: ERROR: front matter field 'topics': unknown topic 'fluid'"],
    ),
    "broken-yaml": (
        [(SESSION, "title: Hidden Fluid Mechanics", "title: Hidden: Fluid: Mechanics")],
        [rf"{SESSION}:4: ERROR: front matter is not valid YAML"],
    ),
    "file-name-date-mismatch": (
        [(SESSION, "date: 2020-03-24", "date: 2020-03-25")],
        [rf"{SESSION}:3: ERROR: the date 2020-03-25 differs from the file name's 2020-03-24"],
    ),
    "duplicate-number": (
        [("sessions/2030-01-08-future.md", "number: 3", "number: 2")],
        [
            r"sessions/2030-01-08-future.md:2: ERROR: session number 2 is also used by .*sessions/2020-07-14-clouds.md \(line 2\)"
        ],
    ),
    "duplicate-date": (
        [
            ("sessions/2030-01-08-future.md", "date: 2030-01-08", "date: 2020-07-14"),
            ("sessions/2030-01-08-future.md", "number: 3", "number: 3"),
        ],
        [
            r"sessions/2020-07-14-future.md:3: ERROR: session date 2020-07-14 is also used by .*sessions/2020-07-14-clouds.md \(line 3\)"
        ],
    ),
    "unknown-citation-key": (
        [(SESSION, "{cite:p}`raissi2019physics`", "{cite:p}`raissi2019physic`")],
        [rf"{SESSION}:11: WARNING: could not find bibtex key \"raissi2019physic\""],
    ),
    "duplicate-bib-entry": (
        [("refs.bib", "@misc{sonderby2020metnet,", "@misc{rasp2018deep,")],
        [
            r"refs.bib:33: ERROR: duplicate entry 'rasp2018deep' \(first on line 22\) \[seminar\.bibtex\]"
        ],
    ),
    "bib-entry-without-link": (
        [("refs.bib", "  doi = {10.1073/pnas.1810286115},\n", "")],
        [r"refs.bib:22: ERROR: entry 'rasp2018deep' needs a doi, an arXiv eprint or a url"],
    ),
    "bib-latex-escape": (
        [("refs.bib", "Sønderby", "S{\\o}nderby")],
        [r"refs.bib:33: ERROR: entry 'sonderby2020metnet' uses LaTeX escapes"],
    ),
    "topic-aliases-not-a-list": (
        [("topics/clouds.md", "title: Clouds and convection", "title: Clouds\naliases: CRM")],
        [r"topics/clouds.md:3: ERROR: front matter field 'aliases': expected a list"],
    ),
    "topic-alias-twice": (
        [("topics/clouds.md", "title: Clouds and convection", "title: C\naliases: [CRM, x, crm]")],
        [r"topics/clouds.md:3: ERROR: front matter field 'aliases': alias listed twice: CRM, crm"],
    ),
}


@pytest.fixture
def bad_project(request, tmp_path, make_app):
    name = request.param
    edits, _ = BAD_PROJECTS[name]
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-basic", srcdir)
    for relative, old, new in edits:
        _edit(srcdir / relative, old, new)
    if name == "duplicate-date":  # a second file for a date that already has a session
        (srcdir / "sessions/2030-01-08-future.md").rename(srcdir / "sessions/2020-07-14-future.md")
    return make_app("html", srcdir=srcdir)


#: the extension's error that ends a build with bad input (dependencies._fail_on_bad_input)
FAILED = r"the build fails: [1-9]\d* problem\(s\) in the seminar's sources, listed above"


@pytest.mark.parametrize("bad_project", sorted(BAD_PROJECTS), indirect=True)
def test_bad_input_fails_the_build_naming_file_and_line(bad_project, request):
    _, patterns = BAD_PROJECTS[request.node.callspec.params["bad_project"]]
    with pytest.raises(SeminarError, match=FAILED):
        bad_project.build()
    # every problem was reported, with its file and line, before the build stopped
    warnings = bad_project.warning.getvalue()
    for pattern in patterns:
        assert re.search(pattern, warnings), warnings


def test_bad_input_fails_sphinx_build_without_w(tmp_path):
    """Without -W too: sphinx-build lists every problem with its file and line, then how
    many there were, then the extension's error, and exits with status 2 (Sphinx's status
    for an error). Sphinx 9 follows the error with a crash report meant for bugs of its
    own (sphinx-doc/sphinx#14543): the counted line comes before it."""
    srcdir = tmp_path / "bad"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    _edit(srcdir / SESSION, "video: p-B0_gk8Uj4", "video: nope")
    _edit(srcdir / "sessions/2020-07-14-clouds.md", "topics: [clouds,", "topics: [cloud,")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    output = result.stderr
    first = output.index(f"{SESSION}:7: ERROR: front matter field 'video'")
    second = output.index("sessions/2020-07-14-clouds.md:6: ERROR: front matter field 'topics'")
    counted = re.search(
        r"ERROR: " + FAILED.replace("[1-9]\\d*", "2") + r" \[seminar\.failed\]", output
    )
    assert counted is not None, output
    error = output.index("Seminar archive error")
    assert max(first, second) < counted.start() < error
    assert re.search(r"SeminarError: " + FAILED, output[error:]), output
    assert not (tmp_path / "out" / "calendar.ics").exists()


def test_unreadable_bibtex_stops_before_the_bibtex_parser(tmp_path, make_app):
    srcdir = tmp_path / "unreadable-bib"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    _edit(srcdir / "refs.bib", "  year = {2018},\n", "  year = {2018,\n")
    with pytest.raises(SeminarError, match=r"refs\.bib is not valid BibTeX"):
        make_app("html", srcdir=srcdir)


def test_invalid_page_is_reported_again_on_an_incremental_build(tmp_path, make_app):
    srcdir = tmp_path / "still-bad"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    _edit(srcdir / SESSION, "video: p-B0_gk8Uj4", "video: nope")
    first = make_app("html", srcdir=srcdir)
    with pytest.raises(SeminarError, match=FAILED):
        first.build()
    second = make_app("html", srcdir=srcdir)  # nothing changed on disk
    with pytest.raises(SeminarError, match=FAILED):
        second.build()
    assert f"{SESSION}:7: ERROR" in second.warning.getvalue()


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("seminar_timezone", "Europe/Hamburg", "IANA time zone"),
        ("seminar_start_time", "3pm", "24-hour time 'HH:MM'"),
        ("seminar_duration_minutes", 0, "between 1 and 1440"),
        ("seminar_mailing_list", "http://example.org", "https:// URL"),
        ("seminar_sessions_dir", "../sessions", "document path"),
    ],
)
def test_bad_series_settings_are_rejected_when_the_config_is_read(
    make_app, tmp_path, name, value, expected
):
    srcdir = tmp_path / "bad-config"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    with pytest.raises(ConfigError, match=re.escape(expected)):
        make_app("html", srcdir=srcdir, confoverrides={name: value})


def test_settings_of_the_wrong_type_are_rejected(make_app, tmp_path):
    srcdir = tmp_path / "typed-config"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    with pytest.raises(ConfigError, match="seminar_series_name must be a str, got 42"):
        make_app("html", srcdir=srcdir, confoverrides={"seminar_series_name": 42})


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
    with pytest.raises(ConfigError) as raised:
        make_app("html", srcdir=srcdir)
    assert str(raised.value) == (
        f"{conf}:{len(lines) + 1}: seminar_timezome is not a setting of sphinx-seminar; "
        "did you mean 'seminar_timezone'?"
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
