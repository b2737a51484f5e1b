"""The real archive (docs/): nothing of the seeds is lost, every citation resolves."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pybtex.database
import pytest
import yaml
from helpers import REPO, soup

SEEDS = REPO / "tests" / "seeds"  # copies of ../shared/seeds, the source material
SEED_FILES = sorted(SEEDS.glob("0*.txt"))
RECORD = REPO / "tests" / "record" / "ml-hzg-record-2020-2023.json"  # sessions 11–59
URL = re.compile(r"https?://[^\s)\"'<>\]]+")
EMBED = re.compile(r"https://www\.youtube\.com/embed/([A-Za-z0-9_-]{11})")
SESSIONS = sorted((REPO / "docs" / "sessions").glob("2*-*.md"))
MOJIBAKE = ("Ã", "â€", "Â ", "\ufffd")


def seed_urls() -> set[str]:
    urls: set[str] = set()
    for path in SEED_FILES:
        for url in URL.findall(path.read_text(encoding="utf-8")):
            urls.add(url.rstrip(".,"))
    return urls


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def hrefs(site) -> set[str]:
    found: set[str] = set()
    for path in all_pages(site):
        found.update(a["href"] for a in soup(path).find_all("a", href=True))
    return found


def test_seeds_are_there():
    assert len(SEED_FILES) == 2
    assert len(seed_urls()) > 60


def test_every_seed_link_survives(hrefs):
    missing = []
    for url in sorted(seed_urls()):
        match = EMBED.match(url)
        if match:  # an embedded player becomes the watch link of the click-to-load player
            url = f"https://www.youtube.com/watch?v={match[1]}"
        if url not in hrefs:
            missing.append(url)
    assert missing == []


def test_every_session_has_a_page_with_its_date(site):
    """The seed's sessions 1–11 (test_record.py checks the later ones)."""
    seed = (SEEDS / "000_5baff82a73fed748.txt").read_text(encoding="utf-8")
    seed_dates = dict(re.findall(r"^### (\d+)\..*?(\d\d\.\d\d\.\d\d)\s*$", seed, re.M))
    assert len(seed_dates) == 11
    checked = 0
    for path in SESSIONS:
        html = soup(site / "sessions" / f"{path.stem}.html")
        when = html.select_one(".seminar-when").get_text()
        number = int(re.search(r"Session (\d+)", when)[1])
        if str(number) not in seed_dates:
            continue
        checked += 1
        day, month, year = seed_dates[str(number)].split(".")
        assert path.stem.startswith(f"20{year}-{month}-{day}")
        assert f"{int(day)} " in when and "15:00" in when
    assert checked == 11


def test_recorded_sessions_have_their_video(site):
    seed_ids = {m for path in SEED_FILES for m in EMBED.findall(path.read_text(encoding="utf-8"))}
    assert len(seed_ids) == 9
    later = json.loads(RECORD.read_text(encoding="utf-8"))["sessions"]
    record_ids = {session["video"] for session in later if session["video"]}
    assert len(record_ids) == 24
    found = set()
    for path in SESSIONS:
        html = soup(site / "sessions" / f"{path.stem}.html")
        found.update(b["data-youtube-id"] for b in html.select("button[data-youtube-id]"))
    assert found == seed_ids | record_ids


def test_every_citation_resolves_and_is_listed_on_its_page(site):
    for path in SESSIONS:
        html = soup(site / "sessions" / f"{path.stem}.html")
        cited = {a["href"] for a in html.select(".bibtex-citation a")}
        listed = {f"#{li['id']}" for li in html.select("#references li")}
        assert cited == listed, path.name
        assert "could not find" not in html.get_text()
        for li in html.select("#references li"):
            links = [a["href"] for a in li.find_all("a", href=True)]
            # DOI, arXiv page, or (for the few papers with neither) the publisher's page
            assert any(h.startswith("https://") for h in links), li


def test_every_paper_of_refs_bib_is_cited_by_a_session(site):
    keys = set(pybtex.database.parse_file(REPO / "docs" / "refs.bib").entries)
    cited = set()
    for path in SESSIONS:
        html = soup(site / "sessions" / f"{path.stem}.html")
        cited.update(li["id"].removeprefix("ref-") for li in html.select("#references li"))
    assert cited == keys
    references = soup(site / "references.html").select("div.citation")
    assert len(references) == len(keys)
    for entry in references:
        assert entry.select(".seminar-discussed-in a"), entry.get_text()[:80]


def test_no_mojibake_anywhere(site):
    for path in all_pages(site):
        text = path.read_text(encoding="utf-8")
        assert not [m for m in MOJIBAKE if m in text], path
    assert "Sønderby" in (site / "sessions" / "2020-04-07-metnet.html").read_text(encoding="utf-8")


def test_every_held_session_has_a_topic():
    for path in SESSIONS:
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        assert front["topics"], path.name


def test_cross_reference_between_sessions(site):
    html = soup(site / "sessions" / "2020-05-19-minimalist-chaos.html")
    assert html.find("a", href="2020-05-05-real-fake-clouds.html", string=re.compile("episode 5"))


def test_read_the_docs_build_gives_the_same_site(site, tmp_path):
    """Run the html build step of .readthedocs.yaml as Read the Docs would."""
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["sphinx"]["configuration"] == "conf.py"
    assert config["sphinx"]["fail_on_warning"] is True
    (command,) = config["build"]["jobs"]["build"]["html"]
    canonical = "https://example.org/en/latest/"
    checkout = tmp_path / "checkout"  # Read the Docs builds in a clone: keep ours clean
    shutil.copytree(REPO, checkout, ignore=shutil.ignore_patterns(".git", ".nox", "_build"))
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "READTHEDOCS_OUTPUT": str(tmp_path / "output"),
        "READTHEDOCS_CANONICAL_URL": canonical,
    }
    result = subprocess.run(
        ["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    rtd = tmp_path / "output" / "html"
    ours = {p.relative_to(site) for p in all_pages(site)}
    theirs = {p.relative_to(rtd) for p in all_pages(rtd)}
    assert theirs == ours
    page = soup(rtd / "sessions" / "2020-03-24-hidden-fluid-mechanics.html")
    assert page.find("link", rel="canonical")["href"] == (
        canonical + "sessions/2020-03-24-hidden-fluid-mechanics.html"
    )
    ours_main = soup(site / "sessions" / "2020-03-24-hidden-fluid-mechanics.html")
    assert page.select_one("article").get_text() == ours_main.select_one("article").get_text()


def test_web_plumbing(site):
    """Sitemap, link previews, 404 page and favicon, as a Read the Docs site has them."""
    base = "https://mlhzg-seminar.readthedocs.io/en/latest/"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in SESSIONS:
        assert f"<loc>{base}sessions/{path.stem}.html</loc>" in sitemap
    page = soup(site / "sessions" / "2020-03-24-hidden-fluid-mechanics.html")
    summary = yaml.safe_load(SESSIONS[0].read_text(encoding="utf-8").split("---")[1])["summary"]
    assert page.find("meta", property="og:description")["content"] == summary
    assert page.find("meta", attrs={"name": "description"})["content"] == summary
    assert page.find("meta", property="og:url")["content"] == (
        f"{base}sessions/2020-03-24-hidden-fluid-mechanics.html"
    )
    assert page.find("link", rel="icon")["href"] == "../_static/favicon.svg"
    assert (site / "_static" / "favicon.svg").is_file()
    missing = soup(site / "404.html")
    # served at any depth, so its links are absolute from the site's root
    assert missing.find("link", rel="icon")["href"] == "/en/latest/_static/favicon.svg"
    assert "not found" in missing.get_text().lower()


def test_the_old_address_of_session_11_forwards_to_its_page(site):
    """It was announced as 'To be announced'; links to that page keep working."""
    old = soup(site / "sessions" / "2020-07-28-to-be-announced.html")
    refresh = old.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"].endswith("url=2020-07-28-teach-yourself-physics-in-2-million.html")
    assert (site / "sessions" / "2020-07-28-teach-yourself-physics-in-2-million.html").is_file()


def test_the_reuser_page_lists_every_setting_and_field(site):
    """Made from the definitions the build validates with, so it cannot drift."""
    from sphinx_seminar.config import CONFIG_VALUES
    from sphinx_seminar.schema import SessionFrontMatter

    page = soup(site / "start-an-archive.html")
    # lists written into the Markdown (tools/reference_tables.py), so GitHub shows them too
    items = {
        code.get_text(): code.find_parent("li").get_text(" ", strip=True)
        for code in page.select("li > p > code:first-child")
    }
    assert [name for name in items if name.startswith("seminar_")] == list(CONFIG_VALUES)
    assert items["seminar_timezone"].startswith("seminar_timezone · default: 'UTC' : the IANA")
    assert all(name in items for name in SessionFrontMatter.model_fields)
    assert "sphinx-seminar init" in page.get_text()
