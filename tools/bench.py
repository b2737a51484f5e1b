"""Measure what the archive costs to build at 100 to 1,000 sessions, against bare Sphinx + MyST.

Run from the repository root, with the package installed (``nox -s bench`` does both)::

    python tools/bench.py                      # sizes 100 300 1000, -j 2, best of 3
    python tools/bench.py --sizes 20 50 --repeat 1   # a quick try
    python tools/bench.py --strict             # exit 1 if a target is missed

For each size N it writes a synthetic archive of N sessions into
``_build/bench/work/<N>/archive/`` (the repository's conf.py, its non-session
pages, and N session pages made from the real ones: numbers and dates rewritten,
one session every 14 days from 2020-03-24, a year page per year; beyond the real
ones, each copy makes some of its words new, so that the archive's vocabulary grows
by Heaps' law as fitted on the real sessions) and the same N
pages as a bare Sphinx + MyST project (``basic`` theme, no sidebars, no other
extension, citation roles turned into plain text) into ``.../baseline/``.

It then times, with ``sphinx-build -q`` in a child process, each step the best
of ``--repeat`` rounds, each rebuild the best of twice as many runs (a shared
machine's noise only ever adds time); every round runs every step, so that a
slow spell falls on all steps alike:

* ``clean``: a clean build (-j 1); ``noop``: a rebuild with nothing changed;
* ``touch``: a rebuild after one session's file was touched (saved unchanged);
* ``prose``: after a sentence of one session's text changed (a typo fixed);
* ``title``: after one session's title changed, which every page that shows
  the title must follow: the listings, its neighbours, its topics, people,
  references, and the navigation of every page of its year;
* ``parallel``: a clean build with ``-j <jobs>``;
* ``baseline`` and ``baseline_touch``: the bare project's clean build and its
  rebuild after one touched page (Sphinx's own fixed cost of a rebuild);
* the edit loop: ``preview``, the prose edit as the live preview builds it
  (``seminar_preview``: the search index is not made again), beside the same edit
  in the plain stack (``stack_prose``: the same pages and citations with MyST,
  sphinxcontrib-bibtex and the book theme, no sphinx-seminar; ``stack`` is its
  clean build) and in bare Sphinx (``baseline_prose``).

The peak memory is the clean build's maximum resident set size (``os.wait4``).
The project's source is compiled to bytecode first, as an installed package is,
so that no build pays for it (some environments set PYTHONDONTWRITEBYTECODE).
The results go to ``_build/bench/``: ``bench.md``, ``bench.json`` and ``bench.png``.

Targets (PASS/FAIL; exit code 0 unless ``--strict``):

* per added session, the archive costs at most 3x the baseline (marginal cost
  between the two largest sizes, (t(N2) - t(N1)) / (N2 - N1), for both);
* touching one session, or fixing its prose, rebuilds in under 1/10 of the clean
  build, at 300 sessions (the title edit is reported beside them);
* peak memory grows roughly linearly: the memory per added session between the
  last two sizes is at most 1.5x that between the first two;
* a search query downloads at most 150 KiB of the index at the largest size
  (``tools/bench_search.py``: a few reader queries in Chromium on the built site; the
  search's code, the same for every archive, is reported beside it; it also times the
  indexing step at every size; ``--no-search`` skips it);
* a reader's filtered list (``sessions/index.html?topic=gans``) is ready in under
  200 ms (median) and moves by a layout shift under 0.05 in every load, measured in
  Chromium at the smallest size, normal and with the CPU slowed 4x
  (``tools/bench_reader.py``; ``--no-reader`` skips it).
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import itertools
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sphinx_seminar
from sphinx_seminar.frontmatter import SESSION_FILE, YEAR_PAGE

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SESSIONS = DOCS / "sessions"
OUT = REPO / "_build" / "bench"

FIRST_DATE = date(2020, 3, 24)
EVERY = timedelta(days=14)
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)
# {cite:p}`a,b` / {cite:t}`a` and the like: roles bare Sphinx does not know
CITE_ROLE = re.compile(r"\{(?P<role>cite(?::[a-z]+)?|footcite(?::[a-z]+)?)\}`(?P<keys>[^`]*)`")

MARGINAL_RATIO_MAX = 3.0
EDIT_SHARE_MAX = 0.10
EDIT_TARGET_SIZE = 300
#: (step, what it is): the rebuilds after one session changed, as the targets name them
REBUILDS = (
    ("touch", "touching one session"),
    ("prose", "fixing one session's prose"),
    ("title", "changing one session's title"),
)
#: the rebuilds the 1/10 target is for; a title reaches dozens of pages, so it is reported
EDIT_TARGET_STEPS = frozenset({"touch", "prose"})
MEMORY_GROWTH_MAX = 1.5
MIB = 1024 * 1024


# -- Generating the synthetic archives ----------------------------------------------


@dataclass(frozen=True)
class Source:
    """One real session page, split into its front matter lines and its body."""

    stem: str
    slug: str
    front: list[str]
    body: str

    def field(self, name: str) -> str | None:
        for line in self.front:
            if line.startswith(f"{name}:"):
                return line.partition(":")[2].strip()
        return None


def real_sessions() -> list[Source]:
    sources = []
    for path in sorted(SESSIONS.glob("*.md")):
        match = SESSION_FILE.match(path.stem)
        if not match:
            continue
        text = path.read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text)
        if not front:
            continue
        sources.append(
            Source(
                stem=path.stem,
                slug=match["slug"],
                front=front["yaml"].splitlines(),
                body=text[front.end() :],
            )
        )
    if not sources:
        sys.exit(f"bench: no session pages in {SESSIONS}")
    return sources


def unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


# -- A vocabulary that grows as a real archive's does ----------------------------------
#
# Copies of the real sessions alone would repeat their words: the search index of a
# large synthetic archive would then hold few distinct words, and compress far better
# than a real one (what a query downloads would be underestimated). So each copy
# turns some of its words into new ones, as many as Heaps' law says a real archive
# gains per session: V(n) = k * n**beta distinct words in n sessions, fitted on the
# real sessions' prose.

#: markup whose words must stay as they are: code and directive blocks, roles, link
#: targets, literals, HTML, addresses
MARKUP = re.compile(
    r"```.*?```|\{[^}\n]*\}(?:`[^`]*`)?|\]\([^)]*\)|`[^`]*`|<[^>\n]*>|https?://\S+", re.DOTALL
)
#: a word of prose
WORD = re.compile(r"[^\W\d_]+")
#: the words a copy may change: lower case and long enough (names and short words stay)
CHANGEABLE = re.compile(r"\b[a-z]{5,}\b")
#: a stretch of markup, kept, or a word that a copy may change
MARKUP_OR_CHANGEABLE = re.compile(
    rf"(?P<markup>{MARKUP.pattern})|(?P<word>{CHANGEABLE.pattern})", re.DOTALL
)
#: the fit leaves out the first sessions: all of a vocabulary's first pages are new words
HEAPS_FIT_FROM = 10


def prose(body: str) -> str:
    """The body's text outside markup."""
    return MARKUP.sub(" ", body)


def prose_words(body: str) -> set[str]:
    """The distinct words of the body's prose, in lower case."""
    return {word.lower() for word in WORD.findall(prose(body))}


@dataclass(frozen=True)
class Heaps:
    """Heaps' law: ``k * n**beta`` distinct words in the first ``n`` sessions."""

    k: float
    beta: float

    def words(self, sessions: int) -> float:
        return self.k * sessions**self.beta

    @classmethod
    def fit(cls, sources: list[Source]) -> Heaps:
        """Least squares on log-log over the real sessions, in their order."""
        seen: set[str] = set()
        points = []
        for count, source in enumerate(sources, start=1):
            seen |= prose_words(source.body)
            if count >= HEAPS_FIT_FROM:
                points.append((math.log(count), math.log(len(seen))))
        if len(points) < 2:  # too few sessions to fit: words grow with the square root
            return cls(k=float(max(len(seen), 1)), beta=0.5)
        mean_x = sum(x for x, _ in points) / len(points)
        mean_y = sum(y for _, y in points) / len(points)
        beta = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
            (x - mean_x) ** 2 for x, _ in points
        )
        return cls(k=math.exp(mean_y - beta * mean_x), beta=beta)


def new_word(word: str, number: int) -> str:
    """What ``word`` becomes in session ``number``: the same length and first three
    letters (so new words spread over the alphabet as the old ones do), the rest drawn
    from a hash: the same in every run."""
    drawn = hashlib.blake2b(f"{number}:{word}".encode(), digest_size=16).digest()
    return word[:3] + "".join(chr(ord("a") + b % 26) for b in drawn[: len(word) - 3])


def varied(body: str, number: int, share: float) -> str:
    """The body with ``share`` of its changeable words (each the same everywhere in the
    page) made new; markup untouched."""
    if share <= 0:
        return body

    def chosen(word: str) -> bool:
        drawn = hashlib.blake2b(f"pick:{number}:{word}".encode(), digest_size=4).digest()
        return int.from_bytes(drawn) / 2**32 < share

    def vary(match: re.Match) -> str:
        word = match["word"]
        return new_word(word, number) if word and chosen(word) else match.group(0)

    return MARKUP_OR_CHANGEABLE.sub(vary, body)


@dataclass(frozen=True)
class Planned:
    """A synthetic session: which real page it copies, its number, date and title, and
    the share of its words that are new (0 for the first copy of each real session)."""

    source: Source
    number: int
    day: date
    title: str
    new_words: float = 0.0

    @property
    def stem(self) -> str:
        return f"{self.day.isoformat()}-{self.source.slug}"

    def body(self, rename) -> str:
        return varied(rename(self.source.body), self.number, self.new_words)


def plan(sources: list[Source], size: int, heaps: Heaps) -> list[Planned]:
    """``size`` sessions copied from ``sources``, the copies with new words by ``heaps``."""
    planned = []
    for index in range(size):
        source = sources[index % len(sources)]
        cycle = index // len(sources)
        title = unquote(source.field("title") or source.slug)
        share = 0.0
        if cycle:
            title = f"{title} (rerun {cycle})"
            # the words session n adds to the archive's vocabulary, by Heaps' law
            gained = heaps.words(index + 1) - heaps.words(index)
            changeable = len(set(CHANGEABLE.findall(prose(source.body))))
            share = min(1.0, gained / changeable) if changeable else 0.0
        planned.append(Planned(source, index + 1, FIRST_DATE + index * EVERY, title, share))
    return planned


def vocabulary(sessions: list[Planned]) -> int:
    """The distinct words of the sessions' prose (for the report)."""
    rename = renamer(sessions)
    words: set[str] = set()
    for session in sessions:
        words |= prose_words(session.body(rename))
    return len(words)


def renamer(sessions: list[Planned]):
    """Rewrite links to a real session page into links to its first synthetic copy."""
    first: dict[str, str] = {}
    for session in sessions:
        first.setdefault(session.source.stem, session.stem)
    pattern = re.compile("|".join(re.escape(stem) for stem in sorted(first, key=len, reverse=True)))

    def rename(text: str) -> str:
        return pattern.sub(lambda match: first[match.group(0)], text) if first else text

    return rename


def session_page(session: Planned, rename) -> str:
    front = []
    for line in session.source.front:
        name = line.partition(":")[0]
        if name == "number":
            line = f"number: {session.number}"
        elif name == "date":
            line = f"date: {session.day.isoformat()}"
        elif name == "title":
            line = f"title: {json.dumps(session.title, ensure_ascii=False)}"
        front.append(line)
    return "---\n" + "\n".join(front) + "\n---\n" + session.body(rename)


def year_page(year: int) -> str:
    return (
        f'---\ntitle: "{year}"\n---\n\nThe sessions of {year}, newest first.\n\n'
        f"```{{seminar-sessions}}\n:year: {year}\n```\n\n"
        f"```{{toctree}}\n:hidden:\n:glob:\n\n{year}-*\n```\n"
    )


ARCHIVE_CONF = '''\
"""Benchmark copy: the repository's conf.py, run as if it lived in this folder."""
import sys
from pathlib import Path

_REPO_CONF = Path({conf!r})
exec(compile(_REPO_CONF.read_text(encoding="utf-8"), {conf!r}, "exec"))
{extra}'''

# sphinxext-opengraph imports matplotlib when it can (0.5 s or so per build), and
# then may draw a social-card PNG per page. The site's own environments (the `docs`
# and `test` groups, Read the Docs) have no matplotlib, but this benchmark's has
# (for its plot): the builds here run as if matplotlib were absent, so the
# benchmark measures the build that is published (--with-matplotlib: keep matplotlib).
NO_MATPLOTLIB = """
sys.modules.setdefault("matplotlib", None)  # import matplotlib -> ImportError
"""

BASELINE_CONF = '''\
"""Benchmark baseline: bare Sphinx + MyST, basic theme, no sidebars."""
project = "baseline"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
html_theme = "basic"
html_sidebars = {"**": []}
exclude_patterns = ["_build"]
'''

STACK_CONF = '''\
"""Benchmark stack: what a user builds without sphinx-seminar (MyST, sphinxcontrib-bibtex,
the book theme), the same pages and citations."""
project = "stack"
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
'''


def write_archive(root: Path, sessions: list[Planned], with_matplotlib: bool = False) -> None:
    """The repository's site with ``sessions`` instead of the real session pages."""
    if root.exists():
        shutil.rmtree(root)
    rename = renamer(sessions)

    def skip_sessions(folder: str, names: list[str]) -> list[str]:
        if Path(folder).resolve() == SESSIONS.resolve():
            pages = [Path(n) for n in names if n.endswith(".md")]
            return [p.name for p in pages if SESSION_FILE.match(p.stem) or YEAR_PAGE.match(p.stem)]
        return [n for n in names if n in ("_build", "__pycache__", ".ipynb_checkpoints")]

    shutil.copytree(DOCS, root / "docs", ignore=skip_sessions)
    for page in (root / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        renamed = rename(text)
        if renamed != text:
            page.write_text(renamed, encoding="utf-8")
    (root / "conf.py").write_text(
        ARCHIVE_CONF.format(
            conf=str(REPO / "conf.py"),
            extra="" if with_matplotlib else NO_MATPLOTLIB,
        ),
        encoding="utf-8",
    )
    out = root / "docs" / "sessions"
    for session in sessions:
        (out / f"{session.stem}.md").write_text(session_page(session, rename), encoding="utf-8")
    for year in sorted({session.day.year for session in sessions}):
        (out / f"{year}.md").write_text(year_page(year), encoding="utf-8")


def plain_citations(text: str) -> str:
    def replace(match: re.Match) -> str:
        keys = ", ".join(key.strip() for key in match["keys"].split(","))
        return f"({keys})" if match["role"].endswith(":p") else keys

    return CITE_ROLE.sub(replace, text)


def baseline_page(session: Planned, rename, citations: bool = False) -> str:
    """The session's text for bare Sphinx: a heading, its facts as text, citations as
    text (or as citations, for the stack)."""
    source = session.source
    facts = [f"Session {session.number}, {session.day:%A %d %B %Y}."]
    for name in ("speakers", "topics", "summary"):
        value = source.field(name)
        if value and value != "[]":
            facts.append(f"{name.capitalize()}: {unquote(value).strip('[]')}.")
    video = source.field("video")
    if video:
        facts.append(f"Recording: <https://www.youtube.com/watch?v={unquote(video)}>")
    body = session.body(rename) if citations else plain_citations(session.body(rename))
    return f"# {session.title}\n\n" + "\n\n".join(facts) + "\n\n" + body


def write_baseline(root: Path, sessions: list[Planned], bib: Path | None = None) -> None:
    """The bare project; with ``bib``, the plain stack: citations and a references page."""
    if root.exists():
        shutil.rmtree(root)
    (root / "sessions").mkdir(parents=True)
    (root / "conf.py").write_text(BASELINE_CONF if bib is None else STACK_CONF, encoding="utf-8")
    pages = "sessions/*" if bib is None else "sessions/*\nreferences"
    (root / "index.md").write_text(
        f"# Baseline\n\n```{{toctree}}\n:glob:\n:reversed:\n\n{pages}\n```\n", encoding="utf-8"
    )
    if bib is not None:
        shutil.copy(bib, root / "refs.bib")
        (root / "references.md").write_text(
            "# References\n\n```{bibliography}\n:filter: cited\n```\n", encoding="utf-8"
        )
    rename = renamer(sessions)
    for session in sessions:
        (root / "sessions" / f"{session.stem}.md").write_text(
            baseline_page(session, rename, citations=bib is not None), encoding="utf-8"
        )


def middle_session(sessions: list[Planned]) -> Planned:
    """The session the edit steps change: the middle one, in a year full of sessions."""
    return sessions[len(sessions) // 2]


def touch(path: Path, run: int) -> None:
    """Save the file unchanged, as an editor does; only its modification time moves."""
    stamp = time.time() + run  # later than any output, whatever the clock's resolution
    os.utime(path, (stamp, stamp))


def edit_prose(path: Path, run: int) -> None:
    """Fix a sentence of the session's own text, as an author correcting a typo would."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\nA corrected sentence ({run}).\n", encoding="utf-8")


def edit_title(path: Path, run: int) -> None:
    """Change the session's title, which other pages show."""
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title: "))
    title = json.loads(line.removeprefix("title: ")).split(" (edited")[0]
    new = f"title: {json.dumps(f'{title} (edited {run})', ensure_ascii=False)}"
    path.write_text(text.replace(line, new, 1), encoding="utf-8")


# -- Running sphinx-build ----------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mib: float
    returncode: int
    log: str


def sphinx_build(
    conf_dir: Path, source: Path, out: Path, jobs: int, log: Path, options: tuple[str, ...] = ()
) -> Run:
    """One ``sphinx-build -q`` in a child process: wall time and the child's peak RSS."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        *options,
        "-b",
        "html",
        "-j",
        str(jobs),
        "-c",
        str(conf_dir),
        "-d",
        str(out / "doctrees"),
        str(source),
        str(out / "html"),
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as stream:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=REPO, stdout=stream, stderr=subprocess.STDOUT)
        # wait4: the child's own resource usage (its workers' too, once it waited for them)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss * 1024 / MIB  # Linux reports KiB
    return Run(seconds, peak, child.returncode, str(log.relative_to(REPO)))


def tail(path: str, lines: int = 15) -> str:
    text = (REPO / path).read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


STEPS = (
    "clean",
    "noop",
    "touch",
    "prose",
    "title",
    "parallel",
    "baseline",
    "baseline_touch",
    "preview",
    "stack",
    "stack_prose",
    "baseline_prose",
)
#: the live preview's sphinx-build options (nox -s docs-live)
PREVIEW = ("-D", "seminar_preview=1")


@dataclass
class SizeResult:
    sessions: int
    years: int
    runs: dict[str, Run]  # step -> the fastest of its runs
    words: int = 0  # distinct words of the sessions' prose
    failures: list[str] = field(default_factory=list)

    def seconds(self, step: str) -> float:
        return self.runs[step].seconds

    def share(self, step: str) -> float:
        """A rebuild's time as a share of the clean build's."""
        return self.seconds(step) / self.seconds("clean")

    @property
    def per_session_ms(self) -> float:
        return self.seconds("clean") / self.sessions * 1000

    @property
    def baseline_per_session_ms(self) -> float:
        return self.seconds("baseline") / self.sessions * 1000


def fastest(runs: list[Run]) -> Run:
    """The run with the least time, with the highest peak memory of all runs."""
    best = min(runs, key=lambda run: run.seconds)
    failed = next((run for run in runs if run.returncode != 0), None)
    chosen = failed or best
    return Run(best.seconds, max(run.peak_mib for run in runs), chosen.returncode, chosen.log)


def measure(
    size: int, jobs: int, repeat: int, sources: list[Source], heaps: Heaps, with_matplotlib: bool
) -> SizeResult:
    work = OUT / "work" / str(size)
    sessions = plan(sources, size, heaps)
    archive, baseline, stack = work / "archive", work / "baseline", work / "stack"
    write_archive(archive, sessions, with_matplotlib)
    write_baseline(baseline, sessions)
    write_baseline(stack, sessions, bib=archive / "docs" / "refs.bib")
    out = work / "out"
    logs = work / "logs"
    docs = archive / "docs"
    middle = f"{middle_session(sessions).stem}.md"
    edited, baseline_page = docs / "sessions" / middle, baseline / "sessions" / middle
    stack_page = stack / "sessions" / middle

    def build(
        step: str, run: int, project: Path, source: Path, target: str, jobs_: int, options=()
    ) -> Run:
        log = logs / f"{step}-{run}.log"
        result = sphinx_build(project, source, out / target, jobs_, log, options)
        if result.returncode != 0:
            print(f"\n  {step}: exit {result.returncode}, see {result.log}", flush=True)
        return result

    def clean(step: str, run: int, project: Path, source: Path, target: str, jobs_: int) -> Run:
        shutil.rmtree(out / target, ignore_errors=True)
        return build(step, run, project, source, target, jobs_)

    def rebuilt(
        step: str,
        run: int,
        change,
        path: Path,
        project: Path,
        source: Path,
        target: str,
        options=(),
    ):
        """Two rebuilds: a rebuild takes a second or so, where a passing hiccup weighs most."""
        runs = []
        for second in range(2):
            if change is not None:
                change(path, 2 * run + second)
            runs.append(build(step, 2 * run + second, project, source, target, 1, options))
        return runs

    steps = {
        "clean": lambda run: [clean("clean", run, archive, docs, "archive", 1)],
        "noop": lambda run: rebuilt("noop", run, None, edited, archive, docs, "archive"),
        "touch": lambda run: rebuilt("touch", run, touch, edited, archive, docs, "archive"),
        "prose": lambda run: rebuilt("prose", run, edit_prose, edited, archive, docs, "archive"),
        "title": lambda run: rebuilt("title", run, edit_title, edited, archive, docs, "archive"),
        "parallel": lambda run: [clean("parallel", run, archive, docs, "archive-parallel", jobs)],
        "baseline": lambda run: [clean("baseline", run, baseline, baseline, "baseline", 1)],
        "baseline_touch": lambda run: rebuilt(
            "baseline_touch", run, touch, baseline_page, baseline, baseline, "baseline"
        ),
        "preview": lambda run: rebuilt(
            "preview", run, edit_prose, edited, archive, docs, "archive", PREVIEW
        ),
        "stack": lambda run: [clean("stack", run, stack, stack, "stack", 1)],
        "stack_prose": lambda run: rebuilt(
            "stack_prose", run, edit_prose, stack_page, stack, stack, "stack"
        ),
        "baseline_prose": lambda run: rebuilt(
            "baseline_prose", run, edit_prose, baseline_page, baseline, baseline, "baseline"
        ),
    }
    # every step once per round, so that a slow spell of a shared machine falls on all
    # of them alike and not on the one step measured while it lasted
    measured: dict[str, list[Run]] = {step: [] for step in steps}
    for run in range(repeat):
        print(f"  {size:>5} sessions, round {run + 1} of {repeat}:", end="", flush=True)
        for step, run_step in steps.items():
            measured[step] += run_step(run)
            print(f" {step} {min(r.seconds for r in measured[step]):.2f} s", end="", flush=True)
        print(flush=True)
    result = SizeResult(
        size,
        len({s.day.year for s in sessions}),
        {step: fastest(runs) for step, runs in measured.items()},
        words=vocabulary(sessions),
    )
    for step, run in result.runs.items():
        if run.returncode != 0:
            result.failures.append(f"{step}: exit {run.returncode}\n{tail(run.log)}")
    return result


# -- Targets and report ------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    met: bool | None  # None: not measurable with these sizes
    detail: str

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "N/A"}[self.met]


def marginal(results: list[SizeResult], value) -> float:
    small, large = results[-2], results[-1]
    return (value(large) - value(small)) / (large.sessions - small.sessions)


def check_targets(results: list[SizeResult]) -> list[Target]:
    targets = []
    if len(results) >= 2:
        archive = marginal(results, lambda r: r.seconds("clean")) * 1000
        base = marginal(results, lambda r: r.seconds("baseline")) * 1000
        ratio = archive / base if base > 0 else float("inf")
        span = f"{results[-2].sessions}→{results[-1].sessions}"
        targets.append(
            Target(
                f"per added session ≤ {MARGINAL_RATIO_MAX:g}× bare Sphinx + MyST",
                ratio <= MARGINAL_RATIO_MAX,
                f"{archive:.1f} ms vs {base:.1f} ms per added session ({span}): {ratio:.2f}×",
            )
        )
    else:
        targets.append(Target("per added session ≤ 3× baseline", None, "needs two sizes"))

    at = min(results, key=lambda r: abs(r.sessions - EDIT_TARGET_SIZE))
    note = "" if at.sessions == EDIT_TARGET_SIZE else f" (closest size to {EDIT_TARGET_SIZE})"
    for step, what in REBUILDS:
        share = at.share(step)
        targets.append(
            Target(
                f"{what} < 1/{round(1 / EDIT_SHARE_MAX)} of the clean build "
                f"at {EDIT_TARGET_SIZE} sessions",
                share < EDIT_SHARE_MAX if step in EDIT_TARGET_STEPS else None,
                f"{at.seconds(step):.2f} s vs {at.seconds('clean'):.1f} s at {at.sessions} "
                f"sessions{note}: {share:.1%}",
            )
        )

    if len(results) >= 3:
        first, last = results[:2], results[-2:]

        def slope(pair: list[SizeResult]) -> float:
            return (pair[1].runs["clean"].peak_mib - pair[0].runs["clean"].peak_mib) / (
                pair[1].sessions - pair[0].sessions
            )

        early, late = slope(first), slope(last)
        growth = late / early if early > 0 else float("inf") if late > 0 else 1.0
        targets.append(
            Target(
                f"peak memory roughly linear (per-session growth ≤ {MEMORY_GROWTH_MAX:g}×)",
                growth <= MEMORY_GROWTH_MAX,
                f"{early * 1024:.0f} KiB per session ({first[0].sessions}→{first[1].sessions}), "
                f"{late * 1024:.0f} KiB ({last[0].sessions}→{last[1].sessions}): {growth:.2f}×",
            )
        )
    else:
        targets.append(
            Target("peak memory roughly linear", None, "needs three sizes (e.g. 100 300 1000)")
        )
    return targets


HEADER = (
    "| sessions | clean s | per-session ms | baseline per-session ms | ratio | no-op s "
    "| touch s | prose edit s | title edit s | touch / prose / title vs clean "
    "| baseline touch s | -j{jobs} s | peak MiB |"
)


def table(results: list[SizeResult], jobs: int) -> str:
    lines = [HEADER.format(jobs=jobs), "|" + "---:|" * 13]
    for r in results:
        shares = " / ".join(f"{r.share(step):.0%}" for step, _ in REBUILDS)
        lines.append(
            f"| {r.sessions} | {r.seconds('clean'):.1f} | {r.per_session_ms:.0f} "
            f"| {r.baseline_per_session_ms:.0f} "
            f"| {r.per_session_ms / r.baseline_per_session_ms:.1f}× "
            f"| {r.seconds('noop'):.2f} | {r.seconds('touch'):.2f} | {r.seconds('prose'):.2f} "
            f"| {r.seconds('title'):.2f} | {shares} | {r.seconds('baseline_touch'):.2f} "
            f"| {r.seconds('parallel'):.1f} | {r.runs['clean'].peak_mib:.0f} |"
        )
    return "\n".join(lines)


def marginal_lines(results: list[SizeResult]) -> list[str]:
    lines = []
    for small, large in itertools.pairwise(results):
        span = large.sessions - small.sessions
        archive = (large.seconds("clean") - small.seconds("clean")) / span * 1000
        base = (large.seconds("baseline") - small.seconds("baseline")) / span * 1000
        memory = (large.runs["clean"].peak_mib - small.runs["clean"].peak_mib) / span * 1024
        ratio = f"{archive / base:.1f}×" if base > 0 else "n/a"
        lines.append(
            f"- {small.sessions}→{large.sessions}: {archive:.0f} ms per added session "
            f"(bare Sphinx + MyST {base:.0f} ms, {ratio}), {memory:.0f} KiB per added session"
        )
    return lines


def edit_loop_lines(results: list[SizeResult]) -> list[str]:
    """A one-paragraph edit as the live preview, a publishing build, the plain stack and
    bare Sphinx rebuild it."""
    return [
        f"- {r.sessions} sessions: preview {r.seconds('preview'):.2f} s "
        f"({r.seconds('preview') / r.seconds('stack_prose'):.2f}× the stack), "
        f"publishing build {r.seconds('prose'):.2f} s, plain stack (MyST, "
        f"sphinxcontrib-bibtex, book theme) {r.seconds('stack_prose'):.2f} s, "
        f"bare Sphinx + MyST {r.seconds('baseline_prose'):.2f} s"
        for r in results
    ]


def machine() -> dict[str, str]:
    import sphinx

    try:
        import myst_parser

        myst = myst_parser.__version__
    except ImportError:  # pragma: no cover
        myst = "?"
    return {
        "cpus": str(os.cpu_count()),
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "myst_parser": myst,
        "platform": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }


def markdown(results: list[SizeResult], targets: list[Target], jobs: int, info: dict) -> str:
    lines = [
        "# Build benchmark",
        "",
        f"{info['date']}; {info['cpus']} cores, Python {info['python']}, Sphinx {info['sphinx']}, "
        f"MyST-Parser {info['myst_parser']} ({info['platform']}). Synthetic archives made "
        "from the real session pages, one session every 14 days from 2020-03-24; "
        "baseline: the same pages with bare Sphinx + MyST (basic theme, no sidebars). "
        "Clean, no-op and edit builds with -j 1, clean builds the best of "
        f"{info['repeat']} runs, rebuilds of {2 * int(info['repeat'])}; peak MiB is the clean build's maximum RSS; "
        f"matplotlib (sphinxext-opengraph) {info['matplotlib']}.",
        "",
        table(results, jobs),
        "",
        "A one-paragraph edit, the edit loop (best of the rebuilds):",
        "",
        *edit_loop_lines(results),
        "",
        "Distinct words in the sessions' prose: "
        + ", ".join(f"{r.words} at {r.sessions} sessions" for r in results)
        + f" (Heaps' law fitted on the real sessions: {info['heaps']}).",
        "",
        "Marginal cost:",
        "",
        *marginal_lines(results),
        "",
        "Targets:",
        "",
        *[f"- {t.verdict}: {t.name}: {t.detail}" for t in targets],
        "",
    ]
    return "\n".join(lines)


def plot(results: list[SizeResult], jobs: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r.sessions for r in results]
    fig, (times, memory) = plt.subplots(1, 2, figsize=(11, 4.2))
    series = [
        ("archive, clean -j 1", [r.seconds("clean") for r in results], "o-"),
        (f"archive, clean -j {jobs}", [r.seconds("parallel") for r in results], "s-"),
        ("archive, title edit", [r.seconds("title") for r in results], "^-"),
        ("archive, prose edit", [r.seconds("prose") for r in results], "<-"),
        ("archive, touch", [r.seconds("touch") for r in results], ">-"),
        ("archive, no-op", [r.seconds("noop") for r in results], "v-"),
        ("bare Sphinx + MyST, clean", [r.seconds("baseline") for r in results], "x--"),
        ("bare Sphinx + MyST, touch", [r.seconds("baseline_touch") for r in results], "+--"),
    ]
    for label, values, style in series:
        times.plot(sizes, values, style, label=label)
    times.set(xlabel="sessions", ylabel="seconds", title="Build time")
    times.legend(fontsize="small")
    times.grid(alpha=0.3)
    memory.plot(
        sizes, [r.runs["clean"].peak_mib for r in results], "o-", label="archive, clean -j 1"
    )
    memory.plot(
        sizes, [r.runs["baseline"].peak_mib for r in results], "x--", label="bare Sphinx + MyST"
    )
    memory.set(xlabel="sessions", ylabel="MiB", title="Peak memory (max RSS)")
    memory.legend(fontsize="small")
    memory.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--jobs", type=int, default=2, help="-j of the parallel clean build")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each step; the fastest counts"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--with-matplotlib",
        action="store_true",
        help="let sphinxext-opengraph import matplotlib (and draw social cards if conf.py "
        "allows): the published build has no matplotlib",
    )
    parser.add_argument(
        "--no-reader",
        action="store_true",
        help="skip the reader's part (a filtered list's time to ready and layout shift)",
    )
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="skip the search's part (index time, bytes per query in Chromium)",
    )
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    if any(size < 1 for size in sizes):
        parser.error("--sizes must be positive")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    sources = real_sessions()
    info = machine()
    heaps = Heaps.fit(sources)
    info["heaps"] = f"{heaps.k:.0f} n^{heaps.beta:.2f}"
    print(
        f"bench: sizes {sizes}, -j {args.jobs}, {len(sources)} real sessions as models; "
        f"Python {info['python']}, Sphinx {info['sphinx']}, {info['cpus']} cores",
        flush=True,
    )
    OUT.mkdir(parents=True, exist_ok=True)
    info["matplotlib"] = (
        "importable" if args.with_matplotlib else "blocked, as in the published build"
    )
    info["repeat"] = str(args.repeat)
    # as pip does for an installed package: no build here compiles the extension
    compileall.compile_dir(Path(sphinx_seminar.__file__).parent, quiet=1)
    results = [
        measure(size, args.jobs, args.repeat, sources, heaps, args.with_matplotlib)
        for size in sizes
    ]
    targets = check_targets(results)
    search_report = ""
    if not args.no_search:
        import bench_search  # tools/, beside this file

        sites = {
            r.sessions: OUT / "work" / str(r.sessions) / "out" / "archive" / "html" for r in results
        }
        search_report, met, detail = bench_search.bench_part(sites)
        limit = bench_search.BYTES_MAX // 1024
        targets.append(
            Target(f"a search query downloads at most {limit} KiB of the index", met, detail)
        )

    if not args.no_reader:
        import bench_reader  # tools/, beside this file

        sites = {
            r.sessions: OUT / "work" / str(r.sessions) / "out" / "archive" / "html" for r in results
        }
        reader_report, checks = bench_reader.bench_part(sites)
        search_report = "\n".join(filter(None, [search_report, reader_report]))
        targets += [Target(*check) for check in checks]

    report = markdown(results, targets, args.jobs, info) + (
        "\n" + search_report if search_report else ""
    )
    (OUT / "bench.md").write_text(report, encoding="utf-8")
    data = {
        "machine": info,
        "jobs": args.jobs,
        "results": [
            {
                **asdict(r),
                "per_session_ms": r.per_session_ms,
                "baseline_per_session_ms": r.baseline_per_session_ms,
            }
            for r in results
        ],
        "targets": [{**asdict(t), "verdict": t.verdict} for t in targets],
    }
    (OUT / "bench.json").write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    try:
        plot(results, args.jobs, OUT / "bench.png")
        plotted = ", bench.png"
    except ImportError as error:
        plotted = f" (no plot: {error})"

    print()
    print(table(results, args.jobs))
    print()
    print("\n".join(marginal_lines(results)))
    if search_report:
        print()
        print(search_report)
    print()
    for target in targets:
        print(f"{target.verdict}: {target.name}: {target.detail}")
    failures = [f"{r.sessions} sessions, {f}" for r in results for f in r.failures]
    for failure in failures:
        print(f"\nbuild failed: {failure}")
    print(f"\nwritten: {(OUT / 'bench.md').relative_to(REPO)}, bench.json{plotted}")
    missed = any(t.met is False for t in targets) or bool(failures)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
