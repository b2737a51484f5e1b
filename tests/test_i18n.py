"""Dates and labels follow the site's ``language``, never the machine's locale.

An English site built under a German process locale stays English; a German site
(tests/roots/test-denver: another reading group, in America/Denver time, without
recordings) shows German labels and dates in its pages, its calendar and its feed;
and the German catalog is complete and compiled from its .po.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import timedelta
from importlib import resources

import icalendar
import pybtex.database
import pytest
from defusedxml import ElementTree
from helpers import EPOCH, REPO, copied_root, soup
from sphinx.util.console import strip_colors

ATOM = "{http://www.w3.org/2005/Atom}"
GERMAN_LOCALE = "de_DE.UTF-8"
WINTER = "sessions/2026-01-13-winter"
SUMMER = "sessions/2026-07-14-summer"


def _translations_tool():
    spec = importlib.util.spec_from_file_location("translations", REPO / "tools/translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translations = _translations_tool()


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


# -- an English site under a German locale --------------------------------------------------

#: sphinx-build in a child whose C library runs in the process locale (LC_ALL), as it
#: would for a maintainer in Germany; first proof that the locale is really active
CHILD = """
import locale, sys, time
locale.setlocale(locale.LC_ALL, "")
print("weekday in the process locale:", time.strftime("%A", time.strptime("2020-03-24", "%Y-%m-%d")))
from sphinx.cmd.build import main
sys.exit(main(sys.argv[1:]))
"""


def test_an_english_site_stays_english_under_a_german_locale(tmp_path, monkeypatch):
    srcdir = copied_root("basic", tmp_path, monkeypatch)
    out = tmp_path / "html"
    env = {"LC_ALL": GERMAN_LOCALE, "LANG": GERMAN_LOCALE, "LANGUAGE": "de"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, "-W", "--keep-going", "-b", "html", str(srcdir), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )
    assert result.returncode == 0, (
        f"{result.stderr[-3000:]}\nthe locale {GERMAN_LOCALE} must be installed "
        "(Debian: locales, locale-gen; .ci/run does it)"
    )
    assert "weekday in the process locale: Dienstag" in result.stdout, result.stdout
    header = soup(out / "sessions/2020-03-24-fluids.html").select_one(".seminar-session-header")
    assert text(header.select_one(".seminar-when")) == (
        "Session 1 · Tuesday, 24 March 2020, 15:00–16:30 CET (UTC+01:00)"
    )
    assert text(header.select_one(".seminar-speakers")) == "Speaker: Tobias Weigel"
    dates = [text(d) for d in soup(out / "sessions/index.html").select(".seminar-date")]
    assert dates == ["8 Jan 2030", "14 Jul 2020", "24 Mar 2020"]
    for page in out.rglob("*.html"):
        assert not re.search(r"\b(Dienstag|März|Januar|Juli|MEZ)\b", page.read_text("utf-8")), page
    feed = (out / "atom.xml").read_text("utf-8")
    assert "Tuesday, 24 March 2020, 15:00–16:30 CET (UTC+01:00)" in feed
    assert "Dienstag" not in feed


# -- a German site: labels and dates ------------------------------------------------------


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic-de", confoverrides={"language": "de"})
def test_a_german_site_shows_german_labels(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    page = soup(app.outdir / "sessions/2020-03-24-fluids.html")
    header = page.select_one(".seminar-session-header")
    assert text(header.select_one(".seminar-when")) == (
        "Sitzung 1 · Dienstag, 24. März 2020, 15:00–16:30 MEZ (UTC+01:00)"
    )
    assert text(header.select_one(".seminar-where")).startswith("Ort: ")
    assert text(header.select_one(".seminar-speakers")) == "Vortragende: Tobias Weigel"
    assert text(header.select_one(".seminar-topics")) == "Themen: Fluid dynamics"
    # the recording's player: button, notice, link, and the iframe's name for the script
    button = header.select_one("button.seminar-video-play")
    assert button["aria-label"] == "Aufzeichnung abspielen: Hidden Fluid Mechanics"
    assert "geladen" in text(header.select_one(".seminar-video-notice"))
    assert text(header.select_one(".seminar-video-watch")) == "Auf YouTube ansehen"
    script = page.find("script", src=re.compile(r"seminar-video\.js"))
    assert script["data-recording-label"] == "Aufzeichnung"
    assert page.select_one("#references h2").get_text(strip=True).startswith("Literatur")
    assert text(page.select_one(".seminar-next")) == "Nächste: 2. Little Black Cloud →"
    assert text(soup(app.outdir / "sessions/2020-07-14-clouds.html").select_one(".seminar-prev"))
    assert "Alle Sitzungen zu diesem Artikel" in text(page.select_one("#references"))
    listing = soup(app.outdir / "sessions/index.html")
    assert [text(d) for d in listing.select(".seminar-date")] == [
        "8. Jan. 2030",
        "14. Juli 2020",
        "24. März 2020",
    ]
    assert text(listing.select_one(".seminar-recorded")) == "aufgezeichnet"
    home = soup(app.outdir / "index.html")
    assert "Kalender (iCalendar)" in text(home.select_one(".seminar-subscribe"))
    assert "Mailingliste" in text(home.select_one(".seminar-subscribe"))
    topics = soup(app.outdir / "topics/index.html")
    assert "2 Sitzungen" in text(topics.select_one(".seminar-topic-index"))
    references = soup(app.outdir / "references.html")
    assert text(references.select_one(".seminar-discussed-in")).startswith("Besprochen in:")


@pytest.fixture
def denver(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    assert app.warning.getvalue() == ""
    return app


@pytest.mark.sphinx("html", testroot="denver")
def test_denver_headers_in_local_time_winter_and_summer(denver):
    winter = soup(denver.outdir / f"{WINTER}.html").select_one(".seminar-session-header")
    summer = soup(denver.outdir / f"{SUMMER}.html").select_one(".seminar-session-header")
    assert text(winter.select_one(".seminar-when")) == (
        "Sitzung 1 · Dienstag, 13. Januar 2026, 12:30–14:00 MST (UTC-07:00)"
    )
    assert text(summer.select_one(".seminar-when")) == (
        "Sitzung 2 · Dienstag, 14. Juli 2026, 12:30–14:00 MDT (UTC-06:00)"
    )
    assert text(winter.select_one(".seminar-where")) == "Ort: Denver, Raum 101"
    # from 1 June on the series streams live (no YouTube channel)
    assert text(summer.select_one(".seminar-where")) == "Ort: Denver, Raum 101, mit Livestream"
    assert text(winter.select_one(".seminar-speakers")) == "Vortragende: Ann Beispiel"
    assert text(summer.select_one(".seminar-speakers")) == (
        "Vortragende: Ann Beispiel , Bo Example"
    )
    assert text(winter.select_one(".seminar-topics")) == "Themen: Aufmerksamkeit"
    for header in (winter, summer):  # both still to come at EPOCH: nothing about recordings
        assert header.select_one(".seminar-no-recording") is None
        assert header.select_one(".seminar-video") is None
    winter_page = soup(denver.outdir / f"{WINTER}.html")
    assert not winter_page.find("script", src=re.compile(r"seminar-video\.js"))
    assert text(winter_page.select_one(".seminar-next")) == (
        "Nächste: 2. Aufmerksamkeit im Sommer →"
    )
    assert text(soup(denver.outdir / f"{SUMMER}.html").select_one(".seminar-prev")) == (
        "← Vorherige: 1. Aufmerksamkeit im Winter"
    )


@pytest.mark.sphinx("html", testroot="denver")
def test_denver_listings_and_home_page_in_german(denver):
    home = soup(denver.outdir / "index.html")
    assert [text(p) for p in home.select(".seminar-series-now")] == [
        "Wann. Jeden zweiten Dienstag um 12:30 Uhr (Zeitzone America/Denver).",
        "Wo. Denver, Raum 101.",
    ]
    assert "Wie sich das im Lauf der Zeit geändert hat:" in text(home)
    assert [text(li) for li in home.select(".seminar-series-history li")] == [
        "13. Januar 2026 : die erste Sitzung. Jeden zweiten Dienstag um 12:30 Uhr "
        "(Zeitzone America/Denver); Denver, Raum 101.",
        "1. Juni 2026 : Im Sommer auch als Livestream.",
    ]
    assert text(home.select_one(".seminar-next-session .seminar-date")) == "13. Jan. 2026"
    subscribe = text(home.select_one(".seminar-subscribe"))
    assert "Kalender (iCalendar) — jede Sitzung mit ihrer Zeit" in subscribe
    assert "Feed (Atom) — neue Sitzungen und Aufzeichnungen" in subscribe
    listing = soup(denver.outdir / "sessions/index.html")
    assert [text(d) for d in listing.select(".seminar-date")] == ["14. Juli 2026", "13. Jan. 2026"]
    assert listing.select(".seminar-recorded") == []
    assert "1 Sitzung" not in text(soup(denver.outdir / "topics/index.html"))
    assert "2 Sitzungen" in text(soup(denver.outdir / "topics/index.html"))
    references = soup(denver.outdir / "references.html")
    assert text(references.select_one(".seminar-discussed-in")) == (
        "Besprochen in: 1. Aufmerksamkeit im Winter , 2. Aufmerksamkeit im Sommer"
    )
    titles = [link["title"] for link in home.find_all("link", rel="alternate")]
    assert titles == [
        "Lesekreis Maschinelles Lernen Denver: Kalender der Sitzungen (iCalendar)",
        "Lesekreis Maschinelles Lernen Denver: neue Sitzungen (Atom-Feed)",
    ]


@pytest.mark.sphinx("html", testroot="denver")
def test_denver_calendar_in_denver_time_and_german(denver):
    calendar = icalendar.Calendar.from_ical((denver.outdir / "calendar.ics").read_bytes())
    assert str(calendar["X-WR-TIMEZONE"]) == "America/Denver"
    assert str(calendar["X-WR-CALDESC"]) == "Sitzungen: Lesekreis Maschinelles Lernen Denver"
    winter, summer = calendar.walk("VEVENT")
    for event, offset in ((winter, -7), (summer, -6)):
        start = event.decoded("DTSTART")
        assert event["DTSTART"].params["TZID"] == "America/Denver"
        assert start.strftime("%H:%M") == "12:30"
        assert start.utcoffset() == timedelta(hours=offset)
        assert event.decoded("DTEND").strftime("%H:%M") == "14:00"
    assert str(winter["DESCRIPTION"]) == (
        "Wir lesen den Transformer-Artikel.\n\nVortragende: Ann Beispiel\n\n"
        "Details: https://lesekreis.example.org/sessions/2026-01-13-winter.html"
    )
    assert str(summer["LOCATION"]) == "Denver, Raum 101, mit Livestream"


@pytest.mark.sphinx("html", testroot="denver")
def test_denver_feed_in_german(denver):
    feed = ElementTree.parse(denver.outdir / "atom.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert feed.find(f"{ATOM}subtitle").text == (
        "Sitzungen: Lesekreis Maschinelles Lernen Denver – Artikel, Vortragende, Aufzeichnungen"
    )
    summer, winter = (entry.find(f"{ATOM}content").text for entry in feed.findall(f"{ATOM}entry"))
    assert summer == (
        "<p>Dienstag, 14. Juli 2026, 12:30–14:00 MDT (UTC-06:00). "
        "Denver, Raum 101, mit Livestream.</p>\n"
        "<p>Vortragende: Ann Beispiel, Bo Example.</p>\n"
        "<p>Noch einmal der Transformer, im Sommer.</p>"
    )
    assert winter.startswith(
        "<p>Dienstag, 13. Januar 2026, 12:30–14:00 MST (UTC-07:00). Denver, Raum 101.</p>"
    )
    assert "Vortragende: Ann Beispiel." in winter


def test_a_past_german_session_says_it_has_no_recording(tmp_path, make_app, monkeypatch):
    srcdir = copied_root("denver", tmp_path, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01: both have taken place
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "out")
    app.build()
    header = soup(app.outdir / f"{WINTER}.html").select_one(".seminar-session-header")
    assert text(header.select_one(".seminar-no-recording")) == (
        "Von dieser Sitzung gibt es keine Aufzeichnung."
    )


# -- the bibliography in the site's language ------------------------------------------------


MORE_AUTHORS = [
    f"Author, {n}" for n in ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")
]


def _references(make_app, srcdir, tmp_path) -> str:
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "out")
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    entries = soup(app.outdir / "references.html").select("div.citation, dl.citation > dd")
    # the formatted entry, without the sessions that discussed it and its BibTeX record
    return text(entries[0]).split(" Besprochen in:")[0]


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        (None, "Łukasz Kaiser und Illia Polosukhin. Attention is all you need. In: Advances"),
        ("Vaswani, Ashish and Shazeer, Noam and others", "Ashish Vaswani, Noam Shazeer u. a. "),
        ("Vaswani, Ashish and others", "Ashish Vaswani u. a. Attention"),
        # more than ten names: the first three and how many more
        (
            " and ".join(["Vaswani, Ashish", "Shazeer, Noam", "Parmar, Niki", *MORE_AUTHORS[:8]]),
            "Ashish Vaswani, Noam Shazeer, Niki Parmar und 8 weitere. Attention",
        ),
        # ten: all of them
        (
            " and ".join(["Vaswani, Ashish", *MORE_AUTHORS[:9]]),
            "Ashish Vaswani, One Author, Two Author, Three Author, Four Author, Five Author, "
            "Six Author, Seven Author, Eight Author und Nine Author. Attention",
        ),
    ],
)
def test_a_german_bibliography_has_german_connectives(
    authors, expected, tmp_path, make_app, monkeypatch
):
    """pybtex's English words ("and", "In", "and others", "volume") in the site's language."""
    srcdir = copied_root("denver", tmp_path, monkeypatch)
    bib = srcdir / "refs.bib"
    if authors is not None:
        bib.write_text(
            re.sub(r"author = \{.*\},", f"author = {{{authors}}},", bib.read_text("utf-8")),
            encoding="utf-8",
        )
    entry = _references(make_app, srcdir, tmp_path)
    assert expected in entry, entry
    assert ", Band 30. 2017." in entry, entry
    for english in (" and ", " In ", "others", "volume"):
        assert english not in entry, entry


def test_a_shortened_list_of_names_is_whole_in_the_bib_file(tmp_path, make_app, monkeypatch):
    """The reference list shows three of eleven names; the session's .bib keeps all."""
    srcdir = copied_root("denver", tmp_path, monkeypatch)
    bib = srcdir / "refs.bib"
    authors = " and ".join(["Vaswani, Ashish", *MORE_AUTHORS, "Last, Eleventh"])
    bib.write_text(
        re.sub(r"author = \{.*\},", f"author = {{{authors}}},", bib.read_text("utf-8")),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "out")
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    page = soup(app.outdir / "sessions" / "2026-01-13-winter.html")
    (item,) = page.select("ul.seminar-references > li")
    assert text(item).startswith("Ashish Vaswani, One Author, Two Author und 8 weitere. ")
    saved = pybtex.database.parse_file(app.outdir / "bib/sessions/2026-01-13-winter.bib")
    assert len(saved.entries["vaswani2017attention"].persons["author"]) == 11


def test_the_localised_styles_are_pybtex_plugins():
    """Registered through the package's entry points, as sphinxcontrib-bibtex registers its own."""
    from pybtex.plugin import find_plugin

    from sphinx_seminar import bibstyle

    for name, style in [
        ("seminar-plain", bibstyle.LocalisedPlain),
        ("seminar-unsrt", bibstyle.LocalisedUnsrt),
        ("seminar-alpha", bibstyle.LocalisedAlpha),
        ("seminar-unsrtalpha", bibstyle.LocalisedUnsrtAlpha),
    ]:
        assert find_plugin("pybtex.style.formatting", name) is style


# -- a language without a catalog ------------------------------------------------------------


def test_a_language_without_a_catalog_is_one_warning_and_dates_in_it(
    tmp_path, make_app, monkeypatch
):
    srcdir = copied_root("denver", tmp_path, monkeypatch)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('language = "de"', 'language = "fr"'), "utf-8")
    line = conf.read_text("utf-8").splitlines().index('language = "fr"') + 1
    app = make_app("html", srcdir=srcdir, builddir=tmp_path / "out")
    app.build()
    assert strip_colors(app.warning.getvalue()).splitlines() == [
        f"{conf}:{line}: WARNING: sphinx-seminar has no translation of its labels into 'fr' "
        "(it has: en, de): the labels stay English, dates and times are written in 'fr' "
        "[seminar.language]"
    ]
    header = soup(app.outdir / f"{WINTER}.html").select_one(".seminar-session-header")
    assert text(header.select_one(".seminar-when")) == (
        "Session 1 · mardi 13 janvier 2026, 12:30–14:00 MST (UTC-07:00)"
    )


# -- the catalogs --------------------------------------------------------------------------


def test_the_committed_mo_is_what_the_po_compiles_to():
    po_files = translations.po_files()
    assert [p.parents[1].name for p in po_files] == ["de"]
    for po in po_files:
        assert po.with_suffix(".mo").read_bytes() == translations.mo_bytes(po), (
            f"{po.with_suffix('.mo')} is stale: python tools/translations.py compile"
        )


def test_the_pot_has_every_message_of_the_code():
    code = {message.id if isinstance(message.id, str) else tuple(message.id)
            for message in translations.extract() if message.id}  # fmt: skip
    template = translations.read_catalog(translations.TEMPLATE)
    committed = {m.id if isinstance(m.id, str) else tuple(m.id) for m in template if m.id}
    assert code == committed, "run: python tools/translations.py extract, update, compile"


def test_every_message_has_a_german_translation_with_its_placeholders():
    template = translations.read_catalog(translations.TEMPLATE)
    german = translations.read_catalog(translations.LOCALE / "de/LC_MESSAGES/sphinx_seminar.po")
    assert translations.untranslated(german) == []
    for message in template:
        if not message.id:
            continue
        translated = german.get(message.id)
        assert translated is not None, f"no German translation of {message.id!r}"
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = translated.string
        strings = [strings] if isinstance(strings, str) else list(strings)
        placeholders = {name for msgid in ids for name in re.findall(r"\{(\w+)\}", msgid)}
        for string in strings:
            assert set(re.findall(r"\{(\w+)\}", string)) == placeholders, string


def test_the_catalog_is_package_data():
    folder = resources.files("sphinx_seminar") / "locale" / "de" / "LC_MESSAGES"
    assert {"sphinx_seminar.po", "sphinx_seminar.mo"} <= {p.name for p in folder.iterdir()}
