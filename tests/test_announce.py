"""``sphinx-seminar announce``: the e-mail as Python's parser reads it, delivered to a real
SMTP server on loopback, its invitation read by ical.js; bad input writes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from doi_replay import FRANK_1970, resolver
from helpers import REPO, organizer_archive
from smtp_server import free_port, smtp_server

from sphinx_seminar.commands import main
from sphinx_seminar.commands.announce import SENT_FILE

SENDER = "Water group <water@example.org>"
LIST = "water-list@example.org"
ICAL_READER = REPO / "tests" / "clients" / "ical_starts.mjs"
VOBJECT_READER = REPO / "tests" / "clients" / "vobject_starts.py"


def configure(folder: Path) -> None:
    """The settings an announcement needs: sender, list, and the site's address."""
    with (folder / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            f"\nseminar_announce_from = {SENDER!r}\nseminar_announce_to = {LIST!r}\n"
            "html_baseurl = 'https://water.example.org/'\n"
        )


@pytest.fixture
def site(tmp_path: Path, monkeypatch, capsys) -> Path:
    """A new archive with one session that has a speaker, a summary and a cited paper."""
    monkeypatch.chdir(tmp_path)
    folder = organizer_archive(tmp_path / "site", "--location", "Room 12")
    configure(folder)
    page = next((folder / "sessions").glob("2026-01-13-*.md"))
    text = page.read_text(encoding="utf-8")
    text = text.replace("speakers: []", "speakers: [Ann Example]")
    text = text.replace("summary:\n", "summary: What cold water is made of.\n")
    page.write_text(text, encoding="utf-8")
    with resolver(FRANK_1970) as (base, _):
        monkeypatch.setenv("SPHINX_SEMINAR_DOI_RESOLVER", base)
        assert main(["cite", "10.1126/science.169.3946.635", "--confdir", str(folder),
                     "--session", "2026-01-13"]) == 0  # fmt: skip
    capsys.readouterr()
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def parts(raw: bytes) -> dict[str, object]:
    mail = message_from_bytes(raw, policy=policy.default)
    assert mail.get_content_type() == "multipart/alternative"
    return {part.get_content_type(): part for part in mail.iter_parts()} | {"mail": mail}


def read_with(reader: list[str], calendar: bytes, tmp_path: Path) -> list[dict]:
    """The events' UID and start as a calendar program's library reads them."""
    path = tmp_path / "invitation.ics"
    path.write_bytes(calendar)
    result = subprocess.run(
        [*reader, str(path)], cwd=REPO, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_eml_holds_text_html_and_an_invitation(site: Path, tmp_path: Path, capsys) -> None:
    assert main(["announce", "--confdir", str(site), "--date", "2026-01-13"]) == 0
    assert "Wrote announce-2026-01-13.eml: Water group 1: Water" in capsys.readouterr().out
    found = parts((tmp_path / "announce-2026-01-13.eml").read_bytes())
    mail = found["mail"]
    assert mail["Subject"] == "Water group 1: Water"
    assert (mail["From"], mail["To"]) == (SENDER, LIST)
    url = "https://water.example.org/sessions/2026-01-13-water.html"
    text = found["text/plain"].get_content().replace("\r\n", "\n")
    for expected in (
        "\nTuesday, 13 January 2026, 15:00–16:30 CET (UTC+01:00)\nRoom 12\n",
        "Speaker: Ann Example",
        "What cold water is made of.",
        "- Frank (1970). The Structure of Ordinary Water. https://doi.org/10.1126/science.169.3946.635",
        f"Details: {url}",
    ):
        assert expected in text, text
    html = BeautifulSoup(found["text/html"].get_content(), "html.parser")
    assert html.h1.get_text() == "Water group 1: Water"
    paper = html.find("a", string="The Structure of Ordinary Water")
    assert paper["href"] == "https://doi.org/10.1126/science.169.3946.635"
    assert html.find("a", href=url) is not None
    invitation = found["text/calendar"]
    assert invitation.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(invitation.get_content())
    assert calendar["method"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["organizer"]) == "mailto:water@example.org"
    assert str(event["attendee"]) == f"mailto:{LIST}"
    assert str(event["url"]) == url
    expected = {"uid": str(event["uid"]), "start": "2026-01-13T14:00:00+00:00"}
    ical = invitation.get_content().encode()
    # Thunderbird's ical.js and vobject (Radicale and other CalDAV servers)
    assert read_with([shutil.which("node") or "node", str(ICAL_READER)], ical, tmp_path) == [
        expected
    ]
    assert read_with([sys.executable, str(VOBJECT_READER)], ical, tmp_path) == [expected]


def test_send_delivers_it_once(site: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    with smtp_server() as (url, received):
        monkeypatch.setenv("SPHINX_SEMINAR_SMTP_URL", url)
        argv = ["announce", "--confdir", str(site), "--date", "2026-01-13", "--send"]
        assert main(argv) == 0
        assert "Sent to water-list@example.org" in capsys.readouterr().out
        ((sender, recipients, raw),) = received.messages
        assert (sender, recipients) == ("water@example.org", [LIST])
        arrived = parts(raw)
        assert arrived["mail"]["Subject"] == "Water group 1: Water"
        assert arrived["mail"]["Date"] is not None
        eml = (tmp_path / "announce-2026-01-13.eml").read_bytes()
        assert parts(eml)["text/calendar"].get_content() == arrived["text/calendar"].get_content()
        sent = json.loads((site / SENT_FILE).read_text(encoding="utf-8"))
        assert [entry["to"] for entry in sent.values()] == [LIST]
        # a second --send asks first; without a terminal the answer is no
        before = files(site)
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and "was announced already" in err
        assert len(received.messages) == 1
        assert files(site) == before


@pytest.mark.parametrize(
    ("argv", "environment", "message"),
    [
        (["--date", "2026-01-14"], {}, "no session on 2026-01-14"),
        (
            ["--date", "2026-01-13", "--output", "no/such/a.eml"],
            {},
            "--output: no/such is not a folder",
        ),
        (["--date", "2026-1-13"], {}, "--date: expected an ISO date YYYY-MM-DD"),
        (
            ["--date", "2026-01-13", "--send"],
            {"SPHINX_SEMINAR_SMTP_URL": "http://x"},
            "SPHINX_SEMINAR_SMTP_URL must be smtp://host:port",
        ),
        (
            ["--date", "2026-01-13", "--send"],
            {"SPHINX_SEMINAR_SMTP_URL": "smtp://u:secret@x"},
            "must not hold the password",
        ),
    ],
)
def test_bad_input_writes_nothing(site, tmp_path, monkeypatch, capsys, argv, environment, message):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    before = files(tmp_path)
    assert main(["announce", "--confdir", str(site), *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and message in err, err
    assert files(tmp_path) == before


def test_a_failed_send_says_why_and_keeps_the_eml(site, tmp_path, monkeypatch, capsys) -> None:
    port = free_port()  # nothing listens there
    monkeypatch.setenv("SPHINX_SEMINAR_SMTP_URL", f"smtp://127.0.0.1:{port}")
    assert main(["announce", "--confdir", str(site), "--date", "2026-01-13", "--send"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"sphinx-seminar announce: error: not sent: smtp://127.0.0.1:{port}: [Errno 111] "
        "Connection refused; the message is in announce-2026-01-13.eml\n"
    )
    assert (tmp_path / "announce-2026-01-13.eml").is_file()
    assert not (site / SENT_FILE).exists()


def test_settings_are_needed(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "bare", "--name", "G", "--timezone", "UTC", "--start", "15:00"]) == 0
    assert main(["new", "--confdir", "bare", "--date", "2026-01-13", "--title", "W"]) == 0
    capsys.readouterr()
    assert main(["announce", "--confdir", "bare", "--date", "2026-01-13"]) == 2
    assert capsys.readouterr().err == (
        "bare/conf.py: ERROR: seminar_announce_from is not set: the announcement needs it\n"
    )
    with (tmp_path / "bare" / "conf.py").open("a") as conf:
        conf.write("seminar_announce_to = 'not an address'\n")
    assert main(["announce", "--confdir", "bare", "--date", "2026-01-13"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bare/conf.py: ERROR: seminar_announce_to must be an e-mail address")
