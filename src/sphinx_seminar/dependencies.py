"""Incremental builds: after reading, work out which pages show data that changed.

Pages that list sessions (listings, topic pages, people, references) and each
session's prev/next links, topic badges and related sessions depend on other
documents, and so does every page's navigation: the sidebar lists the titles of
its siblings and of its ancestors' siblings, and the page head names the previous
and next page.
Sphinx writes again only the edited page and the page whose table of contents
includes it. For each page a fingerprint of what it shows of other pages is kept
between builds; a page whose fingerprint changed is written again, without
being read again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx import addnodes

from .builders import SITE_BUILDERS
from .config import config_problems, settings
from .diagnostics import report_error
from .digest import digest
from .domain import ArchiveIndex, seminar_domain
from .facets import filter_page
from .model import SessionRecord
from .related import reasons, related_sessions
from .render import page_title, session_about
from .timeline import build_moment, is_upcoming

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

STATE_KEY = "fingerprints"


def _shown(record: SessionRecord | None) -> tuple | None:
    return None if record is None else record.shown()


def fingerprints(env: BuildEnvironment, index: ArchiveIndex) -> dict[str, str]:
    """docname -> digest of the data from other pages that it shows."""
    series = settings(env)
    topic_titles = {slug: page_title(env, t.docname) for slug, t in index.topics.items()}
    now = build_moment(series)

    def shown(records) -> list:  # and what a listing says each was about
        return [(_shown(r), session_about(env, r)) for r in records]

    def listing(kind: str, option: object) -> object:
        """What one listing shows; mirrors listings.ListingRenderer."""
        if kind in {"sessions", "next", "recent", "topic"}:
            return shown(index.listed(kind, option, series, now)), sorted(topic_titles.items())
        if kind == "topics":
            counts = {slug: len(index.sessions_by_topic.get(slug, ())) for slug in topic_titles}
            return sorted(topic_titles.items()), sorted(counts.items())
        if kind == "people":
            return sorted(
                (
                    name,
                    index.affiliations(name),
                    [
                        (r.docname, r.number, r.title, r.date, session_about(env, r))
                        for r in records
                    ],
                )
                for name, records in index.sessions_by_speaker.items()
            )
        if kind == "series":  # and the settings, which re-read every page when they change
            return series.on(build_moment(series).date()), shown(index.sessions[:1])
        return None  # subscribe: the series settings only, which re-read every page

    result: dict[str, str] = {}
    filtered = filter_page(env)  # the target of "recorded" badges and topic pages' link
    for docname, listings in seminar_domain(env).listings.items():
        result[docname] = digest(sorted((repr(k), listing(*k)) for k in listings), filtered)
    for record in index.sessions:
        before, after = index.neighbours(record.docname)
        # the topics' titles (badges) and other names (the search index's metadata)
        badges = [(topic_titles.get(slug), index.topics.get(slug)) for slug in record.topics]
        related = [
            (_shown(other), page_title(env, other.docname), reasons(record, other, index, env))
            for other in related_sessions(record, index)
        ]
        # a session that has taken place since the last build says "No recording"
        taken_place = not is_upcoming(record, series, now)
        result[record.docname] = digest(_shown(before), _shown(after), badges, related, taken_place)
    references = series.references_doc
    if references in env.all_docs:
        citing = sorted(
            (key, [(r.docname, r.number, r.title) for r in records])
            for key, records in index.citing_sessions.items()
        )
        result[references] = digest(citing)
    return result


def citation_fingerprints(env: BuildEnvironment, index: ArchiveIndex) -> dict[str, str]:
    """docname -> digest of the bibliography entries it cites, as the .bib files give them
    now: an edited entry reaches every page that cites it (in-text citations and a
    session's reference list are made when the page is written)."""
    entries = env.get_domain("cite").bibdata.data.entries

    def entry(key: str) -> tuple | None:
        found = entries.get(key)
        if found is None:
            return None
        persons = {role: [str(person) for person in names] for role, names in found.persons.items()}
        return found.type, sorted(found.fields.items()), sorted(persons.items())

    return {
        docname: digest([(key, entry(key)) for key in keys])
        for docname, keys in index.cited_keys.items()
    }


def navigation_fingerprints(env: BuildEnvironment) -> dict[str, str]:
    """docname -> digest of the navigation around it.

    With a collapsed sidebar a page shows the entries of the root's table of
    contents and of each of its ancestors' (its own included), with their titles
    and the captions and options of those tables; its head links to the previous
    and next page in reading order, by title.
    """
    relations = env.collect_relations()
    entries: dict[str, str] = {}

    def entries_of(docname: str) -> str:
        if docname not in entries:
            children = env.toctree_includes.get(docname, ())
            tables = (
                [
                    sorted((name, str(value)) for name, value in toctree.attributes.items())
                    for toctree in env.tocs[docname].findall(addnodes.toctree)
                ]
                if children and docname in env.tocs
                else []
            )
            titles = [(child, page_title(env, child)) for child in children]
            entries[docname] = digest(titles, tables)
        return entries[docname]

    root = env.config.root_doc
    result: dict[str, str] = {}
    for docname in env.all_docs:
        _, previous, following = relations.get(docname, (None, None, None))
        chain, seen, node = [], set(), docname
        while node and node not in seen:  # a toctree cycle is Sphinx's to report
            seen.add(node)
            chain.append(entries_of(node))
            node = relations.get(node, (None,))[0]
        neighbours = [(doc, page_title(env, doc)) for doc in (previous, following) if doc]
        result[docname] = digest(page_title(env, root), entries_of(root), chain, neighbours)
    return result


def check_unique(index: ArchiveIndex, unique_dates: bool) -> int:
    """Report two sessions with one number (or, if the site's policy is one session per
    date, one date); return how many clashes."""
    clashes = 0
    for field in ("number", "id", "date") if unique_dates else ("number", "id"):
        first: dict[object, SessionRecord] = {}
        for record in index.sessions:
            value = getattr(record, field)
            if value is None:  # a session without an id
                continue
            if value in first:
                other = first[value]
                clashes += 1
                report_error(
                    "duplicate",
                    f"session {field} {value} is also used by {other.path} "
                    f"(line {other.line(field)}); each session needs its own {field}",
                    (record.docname, record.line(field)),
                )
            else:
                first[value] = record
    return clashes


def check_number_order(index: ArchiveIndex) -> int:
    """Report each session numbered below the session before it in date order (the
    numbers count the sessions as they took place); return how many."""
    wrong = 0
    for earlier, later in zip(index.sessions, index.sessions[1:], strict=False):
        if earlier.number > later.number:
            wrong += 1
            report_error(
                "number-order",
                f"session numbers follow the dates: expected a number above "
                f"{earlier.number} for {later.date}, found {later.number}, but session "
                f"{earlier.number} is on the earlier date {earlier.date} "
                f"({earlier.path}, line {earlier.line('number')})",
                (later.docname, later.line("number")),
            )
    return wrong


def _on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = seminar_domain(env)
    index = domain.refresh()
    domain.data["clashes"] = check_unique(index, settings(env).unique_dates) + check_number_order(
        index
    )
    # sphinxcontrib-bibtex reports each unknown key; counted here so the build fails
    known = env.get_domain("cite").bibdata.data.entries
    domain.data["unknown_keys"] = sum(
        key not in known for keys in index.cited_keys.values() for key in keys
    )
    new = fingerprints(env, index)
    for extra in (citation_fingerprints(env, index), navigation_fingerprints(env)):
        for docname, shown in extra.items():
            new[docname] = digest(new.get(docname), shown)
    old = domain.data.get(STATE_KEY, {})
    domain.data[STATE_KEY] = new
    return sorted(docname for docname, digest in new.items() if old.get(docname) != digest)


def pages_with_problems(env: BuildEnvironment) -> set[str]:
    """The pages whose own sources are bad: front matter that failed, unknown citation
    keys; and the pages that show an entry of a .bib file that pybtex could read only
    in part: those that cite it and the references page."""
    domain = seminar_domain(env)
    known = env.get_domain("cite").bibdata.data.entries
    half_read = set(domain.data.get("bib_unreadable", ()))
    citing_bad = {
        docname
        for docname, keys in domain.index.cited_keys.items()
        if any(key not in known or key in half_read for key in keys)
    }
    shows_all = {settings(env).references_doc} if half_read else set()
    return set(domain.invalid) | citing_bad | shows_all


def _fail_on_bad_input(app: Sphinx, exception: Exception | None) -> None:
    """Bad input fails the build, with or without -W, once every problem has been reported.

    Each problem was logged as it was found, one ``file:line: ERROR`` line each
    (sphinxcontrib-bibtex's warning for an unknown citation key); here the build's
    exit status is set to 1, as Sphinx sets it for a build that failed
    (``Sphinx.statuscode``, which ``sphinx-build`` returns; with -W the logged errors
    fail the build anyway). An exception would do it too, but Sphinx 9 prints a
    crash report for any exception, as if it were a bug of Sphinx's
    (sphinx-doc/sphinx#14543). A failed build writes no calendar, feed, sitemap or
    search index (diagnostics.build_succeeded), and the pages with bad sources are removed
    from the output, so none is left behind as if it were fine; Sphinx writes them
    again in the next build (their output is missing), and the pages that failed
    validation are read again (frontmatter._reread_invalid), so every problem still
    there is reported again.
    """
    if exception is not None:
        return
    domain = seminar_domain(app.env)
    problems = sum(
        (
            len(domain.invalid),
            domain.data.get("clashes", 0),
            domain.data.get("bib_errors", 0),
            domain.data.get("unknown_keys", 0),
            config_problems(app.config),
        )
    )
    if not problems:
        return
    app.statuscode = 1
    if app.builder.name in SITE_BUILDERS:
        for docname in pages_with_problems(app.env):
            Path(app.outdir, app.builder.get_outfilename(docname)).unlink(missing_ok=True)


def setup_dependencies(app: Sphinx) -> None:
    app.connect("env-updated", _on_env_updated)
    app.connect("build-finished", _fail_on_bad_input)
