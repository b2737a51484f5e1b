"""``sphinx-seminar cite``: real recorded answers of doi.org and Crossref, replayed on
loopback (recorded/doi/), and the live resolver where the network is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from doi_replay import FRANK_1970, resolver
from helpers import REPO, organizer_archive
from pybtex.database import parse_file

from sphinx_seminar import bibfile
from sphinx_seminar.commands import main
from sphinx_seminar.csl import CSL_JSON, Entry, parse_work_id

FRANK_DOI = "10.1126/science.169.3946.635"


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    """A new archive (``init``) with one session (``new``), as an organizer starts."""
    monkeypatch.chdir(tmp_path)
    return organizer_archive(tmp_path / "site")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def session_page(site: Path) -> Path:
    return next((site / "sessions").glob("2026-01-13-*.md"))


def cite(monkeypatch, capsys, base: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("SPHINX_SEMINAR_DOI_RESOLVER", base)
    capsys.readouterr()
    code = main(["cite", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("text", "doi", "arxiv"),
    [
        ("10.1126/science.169.3946.635", FRANK_DOI, None),
        ("https://doi.org/10.1126/SCIENCE.169.3946.635", "10.1126/SCIENCE.169.3946.635", None),
        ("doi:10.1029/2020MS002405", "10.1029/2020MS002405", None),
        ("2008.08626", "10.48550/arXiv.2008.08626", "2008.08626"),
        ("arXiv:2008.08626v2", "10.48550/arXiv.2008.08626", "2008.08626"),
        ("https://ARXIV.org/abs/2008.08626v1", "10.48550/arXiv.2008.08626", "2008.08626"),
        ("https://arxiv.org/pdf/2008.08626.pdf", "10.48550/arXiv.2008.08626", "2008.08626"),
        ("https://doi.org/10.48550/ARXIV.2008.08626", "10.48550/arXiv.2008.08626", "2008.08626"),
        ("physics/0512049", "10.48550/arXiv.physics/0512049", "physics/0512049"),
    ],
)
def test_ids_in_every_spelling(text: str, doi: str, arxiv: str | None) -> None:
    work = parse_work_id(text)
    assert (work.doi, work.arxiv) == (doi, arxiv)


def test_cite_writes_a_normalised_entry(site: Path, monkeypatch, capsys) -> None:
    bib = site / "refs.bib"
    with resolver(FRANK_1970) as (base, requests):
        code, out, err = cite(
            monkeypatch,
            capsys,
            base,
            f"HTTPS://DOI.ORG/{FRANK_DOI.upper()}",
            "--confdir",
            str(site),
        )
    assert (code, err) == (0, "")
    # content negotiation: the DOI's address (DOIs are case-insensitive), asking for CSL
    # JSON, and the recorded redirect to Crossref followed with the same question
    assert requests == [
        (f"/{FRANK_DOI}", CSL_JSON),
        ("/v1/works/10.1126%2Fscience.169.3946.635/transform", CSL_JSON),
    ]
    assert "Added frank1970structure" in out
    entry = parse_file(str(bib), "bibtex").entries["frank1970structure"]
    assert entry.type == "article"
    assert [str(person) for person in entry.persons["author"]] == ["Frank, Henry S."]
    assert entry.fields["title"] == "The {Structure} of {Ordinary} {Water}"
    assert entry.fields["journal"] == "Science"
    assert (entry.fields["volume"], entry.fields["number"]) == ("169", "3946")
    assert entry.fields["pages"] == "635--641"
    assert entry.fields["year"] == "1970"
    assert entry.fields["doi"] == FRANK_DOI
    assert "eprint" not in entry.fields
    # the file's own text is kept, the entry appended in the archive's alignment
    text = bib.read_text(encoding="utf-8")
    assert text.startswith("% The papers of the sessions")
    assert "  pages   = {635--641},\n" in text


def test_a_paper_in_the_file_adds_nothing(site: Path, monkeypatch, capsys) -> None:
    with resolver(FRANK_1970) as (base, _):
        assert cite(monkeypatch, capsys, base, FRANK_DOI, "--confdir", str(site))[0] == 0
    before = files(site)
    with resolver({}) as (base, requests):
        code, out, err = cite(
            monkeypatch, capsys, base, f"doi:{FRANK_DOI.upper()}", "--confdir", str(site)
        )
    assert (code, err) == (0, "")
    assert "already, as frank1970structure" in out
    assert requests == []  # known by its id: the resolver is not asked
    assert files(site) == before


def test_session_cites_the_key(site: Path, monkeypatch, capsys) -> None:
    with resolver(FRANK_1970) as (base, _):
        code, out, err = cite(
            monkeypatch, capsys, base, FRANK_DOI, "--confdir", str(site), "--session", "2026-01-13"
        )
    assert (code, err) == (0, "")
    text = session_page(site).read_text(encoding="utf-8")
    assert text.endswith("\n\nPapers: {cite:t}`frank1970structure`.\n")
    # again: the key is known, and the page cites it already
    before = files(site)
    with resolver({}) as (base, _):
        code, out, err = cite(
            monkeypatch, capsys, base, FRANK_DOI, "--confdir", str(site), "--session", "2026-01-13"
        )
    assert (code, err) == (0, "")
    assert "cites frank1970structure already" in out
    assert files(site) == before


@pytest.mark.parametrize(
    ("answers", "cited", "message"),
    [
        (
            {"/10.1126/foo": "unknown-doi"},
            "10.1126/foo",
            "10.1126/foo is not a registered DOI (http://127.0.0.1:",
        ),
        (
            {f"/{FRANK_DOI}": "crossref-bibtex"},
            FRANK_DOI,
            "did not answer with CSL JSON, but with application/x-bibtex",
        ),
        (
            {
                f"/{FRANK_DOI}": "handle-redirect",
                "/v1/works/10.1126%2Fscience.169.3946.635/transform": "unknown-doi",
            },
            FRANK_DOI,
            "is not a registered DOI",
        ),
    ],
    ids=["unknown-id", "not-csl-json", "redirect-to-404"],
)
def test_bad_answers_write_nothing(
    site: Path, monkeypatch, capsys, answers: dict, cited: str, message: str
) -> None:
    before = files(site)
    with resolver(answers) as (base, _):
        code, out, err = cite(
            monkeypatch, capsys, base, cited, "--confdir", str(site), "--session", "2026-01-13"
        )
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err, err
    assert files(site) == before


def test_unreachable_resolver(site: Path, monkeypatch, capsys) -> None:
    with resolver({}) as (base, _):
        pass  # the server is gone: its port refuses connections
    before = files(site)
    code, out, err = cite(monkeypatch, capsys, base, FRANK_DOI, "--confdir", str(site))
    assert (code, out) == (2, "")
    assert (
        err
        == f"sphinx-seminar cite: error: the DOI resolver {base} cannot be reached: [Errno 111] Connection refused\n"
    )
    assert files(site) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["10.1126"], "is neither a DOI"),
        (["https://arxiv.org/abs/nonsense"], "is no arXiv id"),
        ([FRANK_DOI, "--session", "2026-01-14"], "no session on 2026-01-14 in site/sessions"),
        ([FRANK_DOI, "--session", "2026-02-30"], "--session: '2026-02-30' is not a real date"),
    ],
)
def test_bad_input_writes_nothing(site: Path, monkeypatch, capsys, argv, message) -> None:
    before = files(site)
    with resolver(FRANK_1970) as (base, requests):
        code, out, err = cite(monkeypatch, capsys, base, *argv, "--confdir", str(site))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err, err
    assert requests == []
    assert files(site) == before


@pytest.mark.live
def test_live_arxiv_through_datacite(site: Path, monkeypatch, capsys) -> None:
    """doi.org itself, for an arXiv id (DataCite's CSL JSON): run with ``pytest -m live``."""
    monkeypatch.delenv("SPHINX_SEMINAR_DOI_RESOLVER", raising=False)
    capsys.readouterr()
    assert main(["cite", "https://arxiv.org/abs/2008.08626v2", "--confdir", str(site)]) == 0
    entries = parse_file(str(site / "refs.bib"), "bibtex").entries
    (key,) = entries
    fields = entries[key].fields
    assert key.startswith("rasp2020")
    assert (fields["eprint"], fields["archivePrefix"]) == ("2008.08626", "arXiv")
    assert fields["doi"] == "10.48550/arXiv.2008.08626"
    before = files(site)
    assert main(["cite", "arXiv:2008.08626", "--confdir", str(site)]) == 0
    assert files(site) == before


def test_a_preprint_names_its_published_version(tmp_path: Path) -> None:
    """The arXiv record of Rasp and Thuerey's preprint carries the journal version's title
    from its second version on (docs/refs.bib): the same first author and title make it
    the preprint of rasp2021data, which the new entry's note names as docs/refs.bib does."""
    text = (REPO / "docs" / "refs.bib").read_text(encoding="utf-8")
    start = text.index("@article{rasp2021data,")
    bib = tmp_path / "refs.bib"
    bib.write_text(text[start : text.index("\n}\n", start) + 3], encoding="utf-8")
    (known,) = bibfile.known_entries(bib)
    preprint = Entry(
        "article",
        "rasp2020data",
        {
            "author": "Rasp, Stephan and Thuerey, Nils",
            "title": "Data-Driven Medium-Range Weather Prediction With a {Resnet} Pretrained on "
            "Climate Simulations: A New Model for {WeatherBench}",
            "journal": "arXiv preprint",
            "year": "2020",
            "doi": "10.48550/arXiv.2008.08626",
            "eprint": "2008.08626",
            "archivePrefix": "arXiv",
        },
        parse_work_id("2008.08626"),
    )
    assert bibfile.find_work([known], preprint.work) is None
    assert bibfile.other_version(known, preprint, related=set())
    assert bibfile.version_note(known, preprint) == (
        'Preprint of Rasp and Thuerey (2021), "Data-Driven Medium-Range Weather Prediction With '
        'a Resnet Pretrained on Climate Simulations: A New Model for WeatherBench", Journal of '
        "Advances in Modeling Earth Systems, doi:10.1029/2020MS002405"
    )
    # the other way round, where the metadata's relations name the preprint's DOI (Crossref's
    # has-preprint): the journal version names the preprint as docs/refs.bib has it
    start = text.index("@article{rasp2020purely,")
    bib.write_text(text[start : text.index("\n}\n", start) + 3], encoding="utf-8")
    (known_preprint,) = bibfile.known_entries(bib)
    published = Entry("article", "rasp2021data", {**preprint.fields, "journal": "Journal of "
                      "Advances in Modeling Earth Systems"}, parse_work_id("10.1029/2020MS002405"))  # fmt: skip
    assert not bibfile.other_version(known_preprint, published, related=set())
    assert bibfile.other_version(known_preprint, published, {"10.48550/arxiv.2008.08626"})
    assert bibfile.version_note(known_preprint, published) == (
        'Published version of the preprint Rasp and Thuerey (2020), "Purely data-driven '
        "medium-range weather forecasting achieves comparable skill to physical models at "
        'similar resolution", arXiv:2008.08626'
    )
