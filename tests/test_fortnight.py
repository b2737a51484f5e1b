"""An organizer's fortnight with the installed command, as in docs/start-an-archive.md:
``init``, ``new``, ``cite --session``, ``record``, ``announce --send``, then
``sphinx-build -W``, against doi.org's recorded answers and an SMTP server on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import icalendar
from doi_replay import FRANK_1970, resolver
from helpers import soup
from smtp_server import smtp_server

COMMAND = Path(sys.executable).parent / "sphinx-seminar"


def run(*argv: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [str(COMMAND), *argv], cwd=cwd, env={**os.environ, **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_a_fortnight_builds_without_warnings(tmp_path: Path) -> None:
    with resolver(FRANK_1970) as (doi_base, _), smtp_server() as (smtp_url, received):
        env = {"SPHINX_SEMINAR_DOI_RESOLVER": doi_base, "SPHINX_SEMINAR_SMTP_URL": smtp_url}
        run("init", "water", "--name", "Water group", "--timezone", "Europe/Berlin",
            "--start", "15:00", "--location", "Room 12", cwd=tmp_path, env=env)  # fmt: skip
        site = tmp_path / "water"
        with (site / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(
                "html_baseurl = 'https://water.example.org/'\n"
                "seminar_announce_from = 'Water group <water@example.org>'\n"
                "seminar_announce_to = 'water-list@example.org'\n"
            )
        run("new", "--date", "2026-01-13", "--title", "Ordinary water", cwd=site, env=env)
        run("cite", "https://doi.org/10.1126/science.169.3946.635", "--session", "2026-01-13",
            cwd=site, env=env)  # fmt: skip
        run("record", "--date", "2026-01-13", "https://youtu.be/p-B0_gk8Uj4", cwd=site, env=env)
        run("announce", "--date", "2026-01-13", "--send", cwd=site, env=env)
        ((_, recipients, raw),) = received.messages
    assert recipients == ["water-list@example.org"]

    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", str(site),
         str(site / "_build" / "html")],
        capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
        check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    html = site / "_build" / "html"
    page = soup(html / "sessions" / "2026-01-13-ordinary-water.html")
    assert page.find("button", attrs={"data-youtube-id": "p-B0_gk8Uj4"}) is not None
    # the citation in the page's text (the header names the paper too, as its main one)
    body = page.select_one("article") or page
    for header in body.select(".seminar-session-header"):
        header.decompose()
    citation = body.find("a", href=lambda href: href and "frank1970structure" in href)
    assert " ".join(citation.find_parent("p").get_text().split()) == "Papers: Frank [1970]."
    assert "The Structure of Ordinary Water. Science, 169(3946):635–641, 1970." in citation["title"]
    # the invitation and the site's calendar know the session by the same UID
    mail = message_from_bytes(raw, policy=policy.default)
    invitation = next(p for p in mail.iter_parts() if p.get_content_type() == "text/calendar")
    (invited,) = icalendar.Calendar.from_ical(invitation.get_content()).walk("VEVENT")
    calendars = [icalendar.Calendar.from_ical(path.read_bytes()) for path in html.glob("*.ics")]
    published = {str(event["uid"]) for cal in calendars for event in cal.walk("VEVENT")}
    assert str(invited["uid"]) in published
