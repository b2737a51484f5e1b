"""Papers for reference managers: COinS spans for Zotero, a .bib file per session, BibTeX
records with a copy button, and references.html#<key> anchors.

A small archive (tests/roots/test-basic: articles with DOIs), the German one
(tests/roots/test-denver) for the labels, and the real site (docs/: arXiv
preprints and conference papers, every key of docs/refs.bib).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urljoin

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from docutils.nodes import make_id
from helpers import REPO, build_without_warnings, copied_root, soup
from pybtex.database import parse_string

from sphinx_seminar.coins import coins_title

FLUIDS = "sessions/2020-03-24-fluids"
CLOUDS = "sessions/2020-07-14-clouds"
JOURNAL = "info:ofi/fmt:kev:mtx:journal"
BOOK = "info:ofi/fmt:kev:mtx:book"


def coins(span) -> dict[str, list[str]]:
    """A COinS span's ContextObject, as a reference manager reads it."""
    assert span.name == "span" and span["class"] == ["Z3988"]
    assert span.get_text() == "" and not span.contents, "a COinS span holds no text"
    return parse_qs(span["title"], keep_blank_values=True, strict_parsing=True)


def bib_link(html: BeautifulSoup):
    return html.select_one("#references p.seminar-bib-download a[download]")


def downloaded(outdir: Path, page: str, href: str) -> Path:
    """The file a relative link on ``page`` (a path in ``outdir``) points to."""
    return outdir / urljoin(page, href)


@pytest.fixture
def basic(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out")
    return app.outdir


# -- COinS -----------------------------------------------------------------------------------


def test_a_session_page_has_one_coins_span_per_cited_paper(basic):
    html = soup(basic / f"{FLUIDS}.html")
    items = html.select("#references ul.seminar-references > li")
    spans = html.select("span.Z3988")
    assert len(items) == len(spans) == 2
    # each inside its entry: Zotero saves them all, the list stays compact
    assert [item.select("span.Z3988") for item in items] == [[span] for span in spans]
    by_title = {coins(span)["rft.atitle"][0]: coins(span) for span in spans}
    hidden = by_title[
        "Hidden fluid mechanics: Learning velocity and pressure fields from flow visualizations"
    ]
    assert hidden["ctx_ver"] == ["Z39.88-2004"]
    assert hidden["rft_val_fmt"] == [JOURNAL]
    assert hidden["rft.genre"] == ["article"]
    assert hidden["rft.jtitle"] == ["Science"]
    assert hidden["rft.au"] == [
        "Raissi, Maziar",
        "Yazdani, Alireza",
        "Karniadakis, George Em",
    ]
    assert hidden["rft.date"] == ["2020"]
    assert hidden["rft.volume"] == ["367"] and hidden["rft.issue"] == ["6481"]
    assert hidden["rft.pages"] == ["1026-1030"]
    assert hidden["rft_id"] == ["info:doi/10.1126/science.aaw4741"]


def test_the_references_page_has_one_coins_span_per_entry(basic):
    html = soup(basic / "references.html")
    entries = html.select("div.citation")
    assert len(entries) == 3
    for entry in entries:
        (span,) = entry.select("span.Z3988")
        context = coins(span)
        assert context["ctx_ver"] == ["Z39.88-2004"]
        assert context["rft.genre"] == ["article"]
        assert context["rft_id"][0].startswith("info:doi/10.")


def test_coins_of_arxiv_preprints_and_conference_papers_on_the_real_site(site):
    html = soup(site / "sessions" / "2020-04-07-metnet.html")
    spans = {coins(s)["rft.atitle"][0]: coins(s) for s in html.select("#references span.Z3988")}
    assert len(spans) == len(html.select("#references li")) == 4
    # an arXiv preprint; the title's braces ({MetNet}) are LaTeX, not text
    metnet = spans["MetNet: A Neural Weather Model for Precipitation Forecasting"]
    assert metnet["rft_val_fmt"] == [JOURNAL]
    assert metnet["rft.au"][0] == "Sønderby, Casper Kaae" and len(metnet["rft.au"]) == 9
    assert metnet["rft.date"] == ["2020"]
    assert metnet["rft_id"] == ["info:arxiv/2003.12140", "https://arxiv.org/abs/2003.12140"]
    # a paper in a conference's proceedings
    lstm = spans[
        "Convolutional LSTM Network: A Machine Learning Approach for Precipitation Nowcasting"
    ]
    assert lstm["rft_val_fmt"] == [BOOK]
    assert lstm["rft.genre"] == ["proceeding"]
    assert lstm["rft.btitle"] == [
        "Advances in Neural Information Processing Systems 28 (NIPS 2015)"
    ]
    assert lstm["rft.pages"] == ["802-810"]
    # every entry of the references page has one
    references = soup(site / "references.html")
    for entry in references.select("div.citation"):
        assert len(entry.select("span.Z3988")) == 1, entry["id"]


ENTRIES = """
@inproceedings{conf, author = {de Elía, Ramón and Gagne, II, David John and Prabhat},
  title = {Spherical {CNN}s -- a test}, booktitle = {Proc. of {ICLR}}, year = {2019},
  eprint = {1901.02039}}
@incollection{chapter, author = {Ann Example}, title = {A Chapter}, booktitle = {The Book},
  publisher = {Springer}, year = {2001}, url = {https://example.org/chapter}}
@book{whole, author = {Bo Beispiel}, title = {Das Buch}, publisher = {Verlag},
  address = {Berlin}, year = {1999}}
@phdthesis{thesis, author = {Cy Doe}, title = {On Things}, school = {Uni X}, year = {2010}}
@misc{preprint, author = {Di Roe}, title = {A Preprint}, year = {2024}, eprint = {2401.00001}}
"""


def test_coins_of_each_kind_of_entry():
    entries = parse_string(ENTRIES, "bibtex").entries

    def read(key: str) -> dict[str, list[str]]:
        return parse_qs(coins_title(entries[key]), strict_parsing=True)

    conf = read("conf")
    assert conf["rft_val_fmt"] == [BOOK] and conf["rft.genre"] == ["proceeding"]
    assert conf["rft.atitle"] == ["Spherical CNNs – a test"]
    assert conf["rft.btitle"] == ["Proc. of ICLR"]
    assert conf["rft.au"] == ["de Elía, Ramón", "Gagne II, David John", "Prabhat"]
    chapter = read("chapter")
    assert (chapter["rft.genre"], chapter["rft.atitle"], chapter["rft.btitle"]) == (
        ["bookitem"],
        ["A Chapter"],
        ["The Book"],
    )
    assert chapter["rft.pub"] == ["Springer"]
    assert chapter["rft_id"] == ["https://example.org/chapter"]
    whole = read("whole")
    assert (whole["rft.genre"], whole["rft.btitle"]) == (["book"], ["Das Buch"])
    assert (whole["rft.pub"], whole["rft.place"]) == (["Verlag"], ["Berlin"])
    thesis = read("thesis")
    assert thesis["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dissertation"]
    assert (thesis["rft.title"], thesis["rft.inst"], thesis["rft.degree"]) == (
        ["On Things"],
        ["Uni X"],
        ["PhD"],
    )
    preprint = read("preprint")
    assert (preprint["rft_val_fmt"], preprint["rft.genre"]) == ([JOURNAL], ["preprint"])
    assert "info:arxiv/2401.00001" in preprint["rft_id"]


# -- a .bib file per session -------------------------------------------------------------------


def test_each_session_links_a_bib_file_of_exactly_its_papers(basic):
    for docname, keys in (
        (FLUIDS, {"raissi2020hidden", "raissi2019physics"}),
        (CLOUDS, {"rasp2018deep", "raissi2019physics"}),
    ):
        page = f"{docname}.html"
        html = soup(basic / page)
        link = bib_link(html)
        assert link is not None, f"{page} has no .bib download"
        assert link.get_text() == "Download these papers as BibTeX (.bib)"
        assert link["download"] == f"{Path(docname).name}.bib"
        path = downloaded(basic, page, link["href"])
        assert path == basic / "bib" / f"{docname}.bib"
        entries = pybtex.database.parse_file(path).entries
        assert set(entries) == keys
        # the same BibTeX as the references page shows, entry by entry
        records = {
            pre.find_parent("div", class_="citation")["id"]: pre.get_text()
            for pre in soup(basic / "references.html").select("details.seminar-bibtex pre")
        }
        text = path.read_text(encoding="utf-8")
        for key in keys:
            assert records[key] in text
    # a session without papers has neither a list nor a file
    future = soup(basic / "sessions/2030-01-08-future.html")
    assert future.select_one("#references") is None
    assert not (basic / "bib" / "sessions" / "2030-01-08-future.bib").exists()


def test_the_bib_link_works_from_dirhtml_pages(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out", builder="dirhtml")
    page = f"{FLUIDS}/index.html"
    link = bib_link(soup(app.outdir / page))
    assert link["href"] == "../../bib/sessions/2020-03-24-fluids.bib"
    assert downloaded(app.outdir, page, link["href"]).is_file()


def test_the_bib_file_is_written_only_when_its_papers_change(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    out = tmp_path / "out"
    build_without_warnings(make_app, srcdir, out)
    path = out / "html" / "bib" / f"{FLUIDS}.bib"
    first = path.stat().st_mtime_ns
    # the page is read and written again, its papers are the same
    session = srcdir / f"{FLUIDS}.md"
    session.write_text(session.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    _, written = build_without_warnings(make_app, srcdir, out)
    assert FLUIDS in written
    assert path.stat().st_mtime_ns == first
    # an edited entry reaches the file of every session citing it
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("Hidden fluid mechanics", "Hidden flows"),
        encoding="utf-8",
    )
    build_without_warnings(make_app, srcdir, out)
    assert "Hidden flows" in path.read_text(encoding="utf-8")
    # a session that cites no paper any more has no file either
    text = session.read_text(encoding="utf-8")
    session.write_text(text.split("We discuss")[0] + "Nothing cited.\n", encoding="utf-8")
    build_without_warnings(make_app, srcdir, out)
    assert not path.exists()


def test_only_web_sites_get_bib_files(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out", builder="singlehtml")
    assert not (app.outdir / "bib").exists()
    assert bib_link(soup(app.outdir / "index.html")) is None


def test_every_session_of_the_real_site_has_its_bib_file(site):
    checked = 0
    for path in sorted((site / "sessions").glob("2*.html")):
        html = soup(path)
        cited = {item["id"].removeprefix("ref-") for item in html.select("#references li")}
        link = bib_link(html)
        if not cited:
            assert link is None
            continue
        bib = downloaded(site, f"sessions/{path.name}", link["href"])
        assert set(pybtex.database.parse_file(bib).entries) == cited, path.name
        checked += 1
    assert checked > 50


# -- the BibTeX records -------------------------------------------------------------------------


def check_copy_button(record, title: str) -> None:
    actions = record.select_one(".seminar-bibtex-actions")
    # hidden until the script, which alone makes it work, shows it; outside the fold
    assert actions.has_attr("hidden") and actions.find_parent("details") is None
    button = actions.select_one("button")
    assert button["type"] == "button" and "seminar-copy-bibtex" in button["class"]
    # its name says which paper: the visible label, then the title for screen readers
    assert button.get_text() == f"Copy BibTeX: {title}"
    assert button.select_one(".seminar-visually-hidden").get_text() == f": {title}"
    assert button["data-copied"] == "Copied" and button["data-failed"]
    status = actions.select_one(".seminar-copy-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert status.get_text() == ""


def test_each_bibtex_record_has_a_copy_button_for_the_script(basic):
    html = soup(basic / "references.html")
    records = html.select("div.citation > .seminar-bibtex-record")
    assert len(records) == 3
    for record in records:
        entry = record.find_parent("div", class_="citation").select_one("p").get_text()
        title = record.select_one(".seminar-visually-hidden").get_text()[2:]
        check_copy_button(record, title)
        assert title and title.lower() in entry.lower()  # the style lowers the case
    scripts = [s["src"] for s in html.select("script[src]")]
    assert any(src.startswith("_static/seminar-bibtex.js") for src in scripts)
    assert (basic / "_static" / "seminar-bibtex.js").is_file()
    # pages without a record do without the script
    home = soup(basic / "index.html")
    assert not any("seminar-bibtex.js" in s["src"] for s in home.select("script[src]"))


def test_each_paper_of_a_session_has_its_copy_button_link_and_coins(basic):
    """Under each paper a session discusses: its DOI or arXiv link, its COinS, and a
    copy button with the same BibTeX record as the references page's."""
    references = soup(basic / "references.html")
    on_references = {
        citation["id"]: citation.select_one("details.seminar-bibtex pre").get_text()
        for citation in references.select("div.citation")
    }
    session = soup(basic / f"{FLUIDS}.html")
    items = session.select("ul.seminar-references > li")
    assert items
    for item in items:
        key = item["id"].removeprefix("ref-")
        record = item.select_one(":scope > .seminar-bibtex-record")
        title = record.select_one(".seminar-visually-hidden").get_text()[2:]
        assert title and title.lower() in item.select_one("p").get_text().lower()
        check_copy_button(record, title)
        assert record.select_one("details.seminar-bibtex pre").get_text() == on_references[key]
        links = [a["href"] for a in item.select("p a.reference.external")]
        assert any(h.startswith(("https://doi.org/10.", "https://arxiv.org/abs/")) for h in links)
        assert item.select("p span.Z3988[title]")
    scripts = [s["src"] for s in session.select("script[src]")]
    assert any("seminar-bibtex.js" in src for src in scripts)


def test_labels_in_german(make_app, tmp_path, monkeypatch):
    srcdir = copied_root("denver", tmp_path, monkeypatch)
    app, _ = build_without_warnings(make_app, srcdir, tmp_path / "out")
    button = soup(app.outdir / "references.html").select_one("button.seminar-copy-bibtex")
    assert button.get_text().startswith("BibTeX kopieren: ")
    assert button["data-copied"] == "Kopiert"
    link = bib_link(soup(app.outdir / "sessions/2026-01-13-winter.html"))
    assert link.get_text() == "Diesen Artikel als BibTeX herunterladen (.bib)"


# -- references.html#<key> ----------------------------------------------------------------------


def test_references_are_anchored_at_their_keys(basic):
    html = soup(basic / "references.html")
    ids = [entry["id"] for entry in html.select("div.citation")]
    assert sorted(ids) == ["raissi2019physics", "raissi2020hidden", "rasp2018deep"]
    # a session's entries link there
    links = soup(basic / f"{FLUIDS}.html").select("#references a.seminar-discussed-link")
    assert sorted(a["href"] for a in links) == [
        "../references.html#raissi2019physics",
        "../references.html#raissi2020hidden",
    ]


def test_every_key_of_the_real_bibliography_is_an_anchor(site):
    keys = pybtex.database.parse_file(REPO / "docs" / "refs.bib").entries.keys()
    html = soup(site / "references.html")
    for key in keys:
        # docutils' id of the key: the key itself, as the archive writes its keys
        assert make_id(key) == key
        entry = html.find(id=key)
        assert entry is not None, f"references.html has no #{key}"
        assert entry.name == "div" and "citation" in entry["class"]
    assert len(html.select("div.citation")) == len(keys)
    # the session pages' links to the references page use them
    hrefs = {
        a["href"].partition("#")[2]
        for path in (site / "sessions").glob("2*.html")
        for a in soup(path).select("a[href^='../references.html#']")
    }
    assert hrefs and hrefs <= set(keys)


def test_the_entries_are_items_of_one_list(basic):
    """Each entry is a list item of one list (not docutils' deprecated
    role="doc-biblioentry"), as screen readers and axe expect."""
    html = soup(basic / "references.html")
    lists = html.select('div.citation-list[role="list"]')
    assert len(lists) == 1
    entries = lists[0].find_all("div", class_="citation", recursive=False)
    assert entries and all(entry["role"] == "listitem" for entry in entries)
    assert not html.select('[role="doc-biblioentry"]')


def test_a_session_names_its_main_paper_first(site):
    """Paper before pun: the header names the first paper the session cites (title,
    authors in short, year, venue), linked to the page's reference list, whose entry
    shortens its twenty authors; the session's .bib keeps them all."""
    name = "sessions/2021-06-15-why-does-it-always-rain-on"
    page = soup(site / f"{name}.html")
    header = page.select_one(".seminar-session-header")
    paper = header.select_one(".seminar-main-paper")
    assert paper.get_text() == (
        "Paper: Skilful precipitation nowcasting using deep generative models of radar"
        " — Ravuri et al., 2021, Nature"
    )
    # right after the session's number and date
    assert paper.find_previous_sibling("p")["class"] == ["seminar-when"]
    href = paper.select_one("a")["href"]
    assert href == "#ref-ravuri2021skilful"
    entry = page.select_one(href)
    assert entry.get_text().startswith(
        "Suman Ravuri, Karel Lenc, Matthew Willson, and 17 others. Skilful precipitation"
    )
    saved = pybtex.database.parse_file(site / "bib" / f"{name}.bib")
    assert len(saved.entries["ravuri2021skilful"].persons["author"]) == 20


def test_every_citing_session_names_a_paper(site):
    for path in sorted((site / "sessions").glob("20*.html")):
        page = soup(path)
        cites = page.select("ul.seminar-references > li")
        paper = page.select(".seminar-session-header .seminar-main-paper a[href^='#ref-']")
        assert len(paper) == (1 if cites else 0), path.name
        if cites:  # a paper of the page's own reference list
            assert page.select_one(f"ul.seminar-references > li{paper[0]['href']}"), path.name
