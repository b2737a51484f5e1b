"""The archive is written in its own words: no page under docs/ shares a run of 12 or more
words with the seed pages (tests/seeds/, the seminar's own page of July and April 2020).

The seeds are source material for facts (links, papers, people, dates, recordings), not
text to republish. The check compares prose with prose, so both sides are normalised
before their words are compared:

- both sides: URLs, link texts (``[text](target)`` goes as a whole, and so does an
  autolink ``<https://…>``), HTML tags, and text in double quotes (``"…"`` and ``“…”``:
  the titles of papers, and a few quoted words) are left out;
- the seeds: the Jekyll front matter and the numbered reference lines (``[1] T.
  Schneider et al., …``) are left out, the rest (headings, paragraphs, lists) is kept;
- our pages: the front matter is left out except the ``summary:`` line, which is prose
  shown in listings, the calendar and the feed; MyST roles (``{cite:t}`key```), the
  fence lines of code blocks and directives and their ``:option:`` lines, inline code
  and the markup characters (``#``, ``*``, ``_``, `````) are left out; the text inside
  a directive (a note, say) is kept;
- then the text is lower-cased, typographic apostrophes become ``'``, and the words are
  the runs of letters and digits (with inner apostrophes: ``we'll`` is one word).

A run is a sequence of words that occurs, word for word and in the same order, in a page
and in a seed, across sentence and line breaks.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml
from helpers import REPO

SEEDS = sorted((REPO / "tests" / "seeds").glob("0*.txt"))
PAGES = sorted((REPO / "docs").rglob("*.md"))
#: The longest run of words a page may share with a seed.
LONGEST_ALLOWED = 11

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
MYST_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
FENCE_OR_OPTION = re.compile(r"^\s*(```|~~~|:[\w-]+:).*$", re.M)
INLINE_CODE = re.compile(r"`[^`\n]*`")
# a link with its text; the target may hold one level of parentheses (Wikipedia's, the
# seed's broken "[Review on LSTMs](Christopher Olah's … https://…)")
LINK = re.compile(r"!?\[[^\]]*\]\((?:[^()]|\([^()]*\))*\)")
AUTOLINK = re.compile(r"<https?://[^>]*>")
URL = re.compile(r"https?://\S+")
TAG = re.compile(r"<[^>]+>")
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
REFERENCE_LINE = re.compile(r"^\[\d+\] .*$", re.M)
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def words(prose: str) -> list[str]:
    """The words of text from which markup, links, URLs and quotations are gone."""
    for pattern in (LINK, AUTOLINK, TAG, URL, QUOTED):
        prose = pattern.sub(" ", prose)
    return WORD.findall(prose.lower().replace("’", "'").replace("‘", "'"))


def seed_words(path: Path) -> list[str]:
    text = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
    return words(REFERENCE_LINE.sub(" ", text))


def page_words(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    front = FRONT_MATTER.match(text)
    summary = ""
    if front:
        summary = str(yaml.safe_load(front[1]).get("summary") or "")
        text = text[front.end() :]
    for pattern in (MYST_ROLE, FENCE_OR_OPTION, INLINE_CODE):
        text = pattern.sub(" ", text)
    return words(f"{summary}\n{text}")


def longest_shared_run(ours: list[str], theirs: list[str]) -> list[str]:
    match = SequenceMatcher(None, ours, theirs, autojunk=False).find_longest_match()
    return ours[match.a : match.a + match.size]


def test_the_normalisation_keeps_prose_and_drops_the_rest(tmp_path):
    """Link texts, quoted titles, URLs, roles and markup go; the sentence around them stays."""
    page = tmp_path / "page.md"
    page.write_text(
        "---\ntitle: Not Prose\nsummary: A summary.\n---\n\n"
        "```{note}\n:class: x\nA note.\n```\n\n"
        'We discuss "[A Title](https://x.org/a_(b))," {cite:t}`raissi2020hidden`, '
        "and **we’ll** see [a blog post](https://y.org) at <https://z.org> <br/>.\n",
        encoding="utf-8",
    )
    assert page_words(page) == [
        "a",
        "summary",
        "a",
        "note",
        "we",
        "discuss",
        "and",
        "we'll",
        "see",
        "at",
    ]
    seed = seed_words(REPO / "tests" / "seeds" / "000_5baff82a73fed748.txt")
    assert "khairoutdinov" not in seed  # the reference lines are gone
    assert "mosquera's" in seed  # a link's surroundings are kept
    assert "layout" not in seed  # and the front matter


def test_the_check_finds_a_copied_sentence(tmp_path):
    """A page that repeats a seed sentence, with markup of its own, is caught."""
    copied = tmp_path / "copied.md"
    copied.write_text(
        "---\ntitle: x\nsummary: Ours.\n---\n\n"
        "Challenging *features* of L96 include chaotic dynamics, nonlinearity, "
        "combination of dissipative and {cite:p}`lorenz1996predictability` "
        "other aspects.\n",
        encoding="utf-8",
    )
    seed = seed_words(REPO / "tests" / "seeds" / "000_5baff82a73fed748.txt")
    assert len(longest_shared_run(page_words(copied), seed)) == 12


def test_every_page_is_checked():
    names = {path.relative_to(REPO / "docs").as_posix() for path in PAGES}
    assert {"index.md", "about.md", "sessions/2020-03-24-hidden-fluid-mechanics.md"} <= names
    assert sum(1 for name in names if re.match(r"sessions/\d{4}-\d\d-\d\d-", name)) == 59


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.relative_to(REPO).as_posix())
def test_no_page_shares_a_run_of_12_words_with_a_seed(page, seed):
    run = longest_shared_run(page_words(page), seed_words(seed))
    assert len(run) <= LONGEST_ALLOWED, f"{len(run)} words shared: {' '.join(run)}"
