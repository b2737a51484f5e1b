"""Sessions that build, check and measure the ML@HZG seminar archive.

Usage::

    python3 -m pip install nox
    nox -s docs          # the HTML book in _build/html, warnings are errors
    nox -s tests         # the test suite
    nox -l               # every session with its description
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["docs", "tests"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3"

SOURCE_DIR = "docs"
BUILD_DIR = "_build"
HTML_DIR = f"{BUILD_DIR}/html"
DOCTREE_DIR = f"{BUILD_DIR}/doctrees"
# -W: a warning fails the build; --keep-going: but only after reporting all of them.
STRICT = ("-W", "--keep-going")
SPHINX_HTML = ("-b", "html", "-c", ".", "-d", DOCTREE_DIR, SOURCE_DIR)


def install_group(session: nox.Session, group: str, package: tuple[str, ...] = (".",)) -> None:
    """Install the extension as a package (``pip install .``, as any user would) and one
    dependency group of pyproject.toml (the single list of dependencies)."""
    session.install(*package, *nox.project.dependency_groups(PYPROJECT, group))


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the HTML site into _build/html; any warning fails the build.

    Example: ``nox -s docs`` (extra sphinx-build options go after ``--``,
    e.g. ``nox -s docs -- -E -j 2`` for a clean parallel build).
    """
    install_group(session, "docs")
    session.run("sphinx-build", *STRICT, *SPHINX_HTML, HTML_DIR, *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the pytest suite (Sphinx test projects, the real site, browser checks).

    Example: ``nox -s tests`` or ``nox -s tests -- -k calendar -x``.
    """
    install_group(session, "test")
    # the programs the tests read the site with, as package-lock.json pins them, into
    # node_modules/: ical.js (Thunderbird's calendar library) and vnu-jar (the W3C Nu
    # HTML checker, which runs on Java)
    session.run("npm", "ci", "--no-audit", "--no-fund", "--silent", external=True)
    session.run("pytest", *session.posargs)


@nox.session(name="docs-live", python=PYTHON)
def docs_live(session: nox.Session) -> None:
    """Serve a live preview that rebuilds on every save (sphinx-autobuild); the search
    index is made at the start only (``nox -s docs`` indexes every change).

    Example: ``nox -s docs-live`` then open http://127.0.0.1:8000.
    """
    # editable: an edit to the extension shows in the preview too
    install_group(session, "live", package=("-e", "."))
    session.run(
        "sphinx-autobuild",
        "--watch",
        "src",
        "--watch",
        "conf.py",
        # a save shows at once: the search index is made once, not again after each save
        "-D",
        "seminar_preview=1",
        *SPHINX_HTML,
        HTML_DIR,
        *session.posargs,
    )


@nox.session(python=PYTHON)
def linkcheck(session: nox.Session) -> None:
    """Check every external link of the site (needs the internet; not part of the tests).

    Example: ``nox -s linkcheck``; the report is _build/linkcheck/output.txt.
    """
    install_group(session, "docs")
    session.run(
        "sphinx-build",
        "-b",
        "linkcheck",
        "-c",
        ".",
        "-d",
        DOCTREE_DIR,
        SOURCE_DIR,
        f"{BUILD_DIR}/linkcheck",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def new(session: nox.Session) -> None:
    """Scaffold the page of a new session in docs/sessions/ (never overwrites a file).

    Example: ``nox -s new -- --date 2020-08-11 --title "Learning the Lorenz attractor"``.
    """
    install_group(session, "docs")
    session.run("sphinx-seminar", "new", "--srcdir", SOURCE_DIR, *session.posargs)


@nox.session(python=PYTHON)
def cite(session: nox.Session) -> None:
    """Add a paper to docs/refs.bib from its DOI or arXiv id, and cite it on a session's page.

    Example: ``nox -s cite -- 10.1029/2020MS002203 --session 2020-08-11`` (an id already
    in docs/refs.bib adds nothing and prints its key).
    """
    install_group(session, "docs")
    session.run("sphinx-seminar", "cite", "--srcdir", SOURCE_DIR, *session.posargs)


@nox.session(python=PYTHON)
def record(session: nox.Session) -> None:
    """Set a session's recording from its YouTube id or address.

    Example: ``nox -s record -- --date 2020-08-11 https://youtu.be/p-B0_gk8Uj4``.
    """
    install_group(session, "docs")
    session.run("sphinx-seminar", "record", "--srcdir", SOURCE_DIR, *session.posargs)


@nox.session(python=PYTHON)
def announce(session: nox.Session) -> None:
    """Write a session's announcement e-mail (announce-DATE.eml); --send mails it.

    Example: ``nox -s announce -- --date 2020-08-11`` to read it first, then
    ``SPHINX_SEMINAR_SMTP_URL=smtp+starttls://me@mail.example.org:587 nox -s announce --
    --date 2020-08-11 --send`` (the password in SPHINX_SEMINAR_SMTP_PASSWORD).
    """
    install_group(session, "docs")
    session.run("sphinx-seminar", "announce", "--srcdir", SOURCE_DIR, *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Measure build cost at scale against bare Sphinx + MyST (not part of the tests).

    Example: ``nox -s bench`` (``nox -s bench -- --sizes 100 300`` for a quicker run);
    the table and plot are written to _build/bench/.
    """
    install_group(session, "bench")
    session.run("python", "tools/bench.py", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint and format-check the Python code with ruff.

    Example: ``nox -s lint`` (``nox -s lint -- --fix`` to apply fixes).
    """
    install_group(session, "lint", package=())
    session.run("ruff", "check", ".", *session.posargs)
    session.run("ruff", "format", "--check", ".")
