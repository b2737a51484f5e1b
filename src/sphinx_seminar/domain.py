"""Where the extension keeps its per-document data: the ``seminar`` domain.

Every record carries its docname, so purging a document and merging the results
of parallel readers are filters on docname (as sphinxcontrib-bibtex does).
Whole-project views (ordering, topics, speakers, citations) are derived from
those records on demand and never stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from .model import SessionRecord, TopicRecord
from .timeline import split

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .config import SeriesSettings


@dataclass(frozen=True)
class ArchiveIndex:
    """Whole-project views, computed once per build from the per-document records."""

    sessions: tuple[SessionRecord, ...]  # chronological
    topics: dict[str, TopicRecord]  # slug -> topic
    sessions_by_topic: dict[str, tuple[SessionRecord, ...]]
    sessions_by_speaker: dict[str, tuple[SessionRecord, ...]]
    cited_keys: dict[str, tuple[str, ...]]  # docname -> keys in order of first citation
    citing_sessions: dict[str, tuple[SessionRecord, ...]]  # key -> sessions citing it

    def listed(
        self, kind: str, option: object, series: SeriesSettings, now: datetime
    ) -> tuple[SessionRecord, ...]:
        """The sessions a listing shows, in its order: the one place that decides, for the
        listing itself and for the fingerprint that rewrites it when they change."""
        if kind == "sessions":  # newest first, all or one year's
            return tuple(s for s in reversed(self.sessions) if option in (None, s.date.year))
        if kind == "topic":
            return tuple(reversed(self.sessions_by_topic.get(option, ())))
        upcoming, past = split(self.sessions, series, now)
        if kind == "next":
            return tuple(upcoming[:1])
        if kind == "recent":
            return tuple(past[: option or series.recent_limit])
        return ()

    def affiliations(self, name: str) -> tuple[str, ...]:
        """A speaker's affiliations as their sessions give them, first seen first."""
        found = dict.fromkeys(
            dict(record.affiliations)[name]
            for record in self.sessions_by_speaker.get(name, ())
            if name in dict(record.affiliations)
        )
        return tuple(found)

    def neighbours(self, docname: str) -> tuple[SessionRecord | None, SessionRecord | None]:
        position = self.position[docname]
        before = self.sessions[position - 1] if position > 0 else None
        after = self.sessions[position + 1] if position + 1 < len(self.sessions) else None
        return before, after

    @cached_property
    def position(self) -> dict[str, int]:
        return {record.docname: i for i, record in enumerate(self.sessions)}

    @cached_property
    def by_docname(self) -> dict[str, SessionRecord]:
        return {record.docname: record for record in self.sessions}


class SeminarDomain(Domain):
    """Per-document records of sessions, topic pages, listing pages and invalid pages."""

    name = "seminar"
    label = "Seminar archive"
    data_version = 5
    initial_data: ClassVar[dict[str, Any]] = {
        "sessions": {},  # docname -> SessionRecord
        "topics": {},  # docname -> TopicRecord
        "listings": {},  # docname -> frozenset of (kind, option) listings on that page
        "invalid": {},  # docname -> number of errors found while reading it
        # kept when a page is read again: docname -> (front matter key, SessionRecord),
        # so an unchanged front matter is not validated again (frontmatter.py)
        "validated": {},
        # not per document: docname -> poster file of the last build (video.py)
        "posters": {},
    }

    @property
    def posters(self) -> dict[str, str]:
        return self.data["posters"]

    @property
    def sessions(self) -> dict[str, SessionRecord]:
        return self.data["sessions"]

    @property
    def topics(self) -> dict[str, TopicRecord]:
        return self.data["topics"]

    @property
    def listings(self) -> dict[str, frozenset[tuple[str, object]]]:
        return self.data["listings"]

    @property
    def invalid(self) -> dict[str, int]:
        return self.data["invalid"]

    @property
    def validated(self) -> dict[str, tuple[str, SessionRecord]]:
        return self.data["validated"]

    def clear_doc(self, docname: str) -> None:
        # "validated" outlives a page read again; removed pages leave it after reading
        for table in ("sessions", "topics", "listings", "invalid"):
            self.data[table].pop(docname, None)
        self._forget_views()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for table in ("sessions", "topics", "listings", "invalid", "validated"):
            for docname, value in otherdata[table].items():
                if docname in docnames:
                    self.data[table][docname] = value
        self._forget_views()

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # views of one build, never stored: made again when asked after a page changed
        self._index: ArchiveIndex | None = None
        #: docname -> the page's title as its heading shows it (render.page_title)
        self.titles: dict[str, str] = {}
        #: the topic vocabulary of this build (frontmatter.topic_slugs)
        self.topic_slugs: set[str] | None = None

    def _forget_views(self) -> None:
        """Whole-project views and remembered page titles are made again when asked."""
        self._index = None
        self.titles.clear()

    def add_listing(self, docname: str, listing: tuple[str, object]) -> None:
        self.listings[docname] = self.listings.get(docname, frozenset()) | {listing}

    def mark_invalid(self, docname: str) -> None:
        self.invalid[docname] = self.invalid.get(docname, 0) + 1

    def resolve_any_xref(self, *args: object, **kwargs: object) -> list:
        return []

    # -- whole-project views ------------------------------------------------

    def refresh(self) -> ArchiveIndex:
        """Recompute the whole-project views (after all documents are read)."""
        self._forget_views()
        self._index = self._build_index()
        return self._index

    @property
    def index(self) -> ArchiveIndex:
        return self._index if self._index is not None else self.refresh()

    def _build_index(self) -> ArchiveIndex:
        sessions = tuple(sorted(self.sessions.values(), key=lambda s: (s.date, s.number)))
        topics = {topic.slug: topic for topic in self.topics.values()}
        by_topic: dict[str, list[SessionRecord]] = defaultdict(list)
        by_speaker: dict[str, list[SessionRecord]] = defaultdict(list)
        for record in sessions:
            for slug in record.topics:
                by_topic[slug].append(record)
            for speaker in record.speakers:
                by_speaker[speaker].append(record)
        cited = cited_keys_by_doc(self.env)
        citing: dict[str, list[SessionRecord]] = defaultdict(list)
        for record in sessions:
            for key in cited.get(record.docname, ()):
                citing[key].append(record)
        return ArchiveIndex(
            sessions=sessions,
            topics=topics,
            sessions_by_topic={slug: tuple(items) for slug, items in by_topic.items()},
            sessions_by_speaker={name: tuple(items) for name, items in by_speaker.items()},
            cited_keys=cited,
            citing_sessions={key: tuple(items) for key, items in citing.items()},
        )


def cited_keys_by_doc(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    """Citation keys each document cites with ``{cite}``, from sphinxcontrib-bibtex's data."""
    keys: dict[str, dict[str, None]] = defaultdict(dict)
    for ref in env.get_domain("cite").citation_refs:
        for target in ref.targets:
            keys[ref.docname][target.key] = None
    return {docname: tuple(found) for docname, found in keys.items()}


def seminar_domain(env: BuildEnvironment) -> SeminarDomain:
    return env.get_domain("seminar")  # type: ignore[return-value]


def archive(env: BuildEnvironment) -> ArchiveIndex:
    return seminar_domain(env).index


def setup_domain(app: Sphinx) -> None:
    app.add_domain(SeminarDomain)
