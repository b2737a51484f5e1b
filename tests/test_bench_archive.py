"""The benchmark's synthetic archive (tools/bench.py): copies of the real sessions whose
vocabulary grows as a real archive's would, with their markup left intact."""

from __future__ import annotations

import bench  # tools/, on pytest's pythonpath

SOURCES = bench.real_sessions()
HEAPS = bench.Heaps.fit(SOURCES)
MARKED_UP = """\
Intro with {cite:t}`ravuri2021skilful` and a [linked session](2020-05-05-real-fake-clouds.md),
``literal_text``, <https://example.org/predictability> and :::{seealso} fences.

```{seminar-sessions}
:year: 2020
```

Precipitation nowcasting becomes blurry without adversarial training.
"""


def test_a_copy_changes_words_but_not_markup():
    changed = bench.varied(MARKED_UP, number=500, share=1.0)
    # every marked-up part is as it was
    for kept in (
        "{cite:t}`ravuri2021skilful`",
        "(2020-05-05-real-fake-clouds.md)",
        "``literal_text``",
        "<https://example.org/predictability>",
        "{seealso}",
        "```{seminar-sessions}\n:year: 2020\n```",
    ):
        assert kept in changed
    # the prose's long lower-case words are new, with their length and first letters
    prose = changed.rsplit("```", 1)[1].split()
    assert prose[0] == "Precipitation"  # capitalised: a name or a sentence's start
    words = ["nowcasting", "becomes", "blurry", "without", "adversarial", "training."]
    for old, new in zip(words, prose[1:], strict=True):
        if len(old.strip(".")) >= 5:
            assert new != old and new[:3] == old[:3] and len(new) == len(old)


def test_copies_are_the_same_in_every_run_and_differ_between_sessions():
    first = bench.varied(MARKED_UP, number=200, share=0.5)
    assert bench.varied(MARKED_UP, number=200, share=0.5) == first
    assert bench.varied(MARKED_UP, number=201, share=0.5) != first
    assert bench.varied(MARKED_UP, number=200, share=0.0) == MARKED_UP


def test_the_vocabulary_grows_by_heaps_law():
    assert 0.3 < HEAPS.beta < 1.0
    real = len(SOURCES)
    sessions = bench.plan(SOURCES, 3 * real, HEAPS)
    # the real sessions are copied unchanged once, then with new words
    assert all(session.new_words == 0 for session in sessions[:real])
    assert all(0 < session.new_words <= 1 for session in sessions[real:])
    words = bench.vocabulary(sessions)
    assert abs(words - HEAPS.words(3 * real)) / HEAPS.words(3 * real) < 0.1
    # without the new words, the copies would add none
    assert bench.vocabulary(sessions[:real]) < 0.75 * words


def test_a_copied_page_keeps_its_front_matter_and_citations():
    sessions = bench.plan(SOURCES, len(SOURCES) + 5, HEAPS)
    copy = sessions[-1]
    page = bench.session_page(copy, bench.renamer(sessions))
    assert page.startswith("---\n") and f"\nnumber: {copy.number}\n" in page
    keys = [match["keys"] for match in bench.CITE_ROLE.finditer(copy.source.body)]
    assert keys and keys == [match["keys"] for match in bench.CITE_ROLE.finditer(page)]
