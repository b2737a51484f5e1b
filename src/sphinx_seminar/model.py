"""The picklable records of sessions and topic pages stored in the environment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from .config import SeriesSettings, SeriesState

if TYPE_CHECKING:
    from .schema import SessionFrontMatter


@dataclass(frozen=True)
class SessionRecord:
    """One session as the build knows it: validated front matter plus where it came from."""

    docname: str
    path: str
    number: int
    date: date
    title: str
    speakers: tuple[str, ...]
    #: (speaker, affiliation) for the speakers whose affiliation the page gives
    affiliations: tuple[tuple[str, str], ...]
    topics: tuple[str, ...]
    video: str | None
    summary: str | None
    start: str | None
    duration: int | None
    location: str | None
    #: the stable id in calendars and feeds, if the front matter gives one
    id: str | None
    #: when the session last changed after it was announced
    revised: date | None
    #: 1-based line of each front-matter field in the source file.
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def from_front_matter(
        cls, docname: str, path: str, meta: SessionFrontMatter, lines: dict[str, int]
    ) -> SessionRecord:
        return cls(
            docname=docname,
            path=path,
            number=meta.number,
            date=meta.date,
            title=meta.title,
            speakers=tuple(speaker.name for speaker in meta.speakers),
            affiliations=tuple(
                (speaker.name, speaker.affiliation)
                for speaker in meta.speakers
                if speaker.affiliation
            ),
            topics=tuple(meta.topics),
            video=meta.video,
            summary=meta.summary,
            start=meta.start,
            duration=meta.duration,
            location=meta.location,
            id=meta.id,
            revised=meta.revised,
            lines=dict(lines),
        )

    def line(self, name: str) -> int:
        return self.lines.get(name, 1)

    def shown(self) -> tuple:
        """What other pages, the calendar and the feed show of the session: every
        field but where it was read from."""
        return (
            self.docname,
            self.number,
            self.date,
            self.title,
            self.speakers,
            self.affiliations,
            self.topics,
            self.video,
            self.summary,
            self.start,
            self.duration,
            self.location,
            self.id,
            self.revised,
        )

    def series_state(self, series: SeriesSettings) -> SeriesState:
        """How the series ran on this session's date."""
        return series.on(self.date)

    def starts_at(self, series: SeriesSettings) -> datetime:
        begin = (
            time.fromisoformat(self.start) if self.start else self.series_state(series).start_time
        )
        return datetime.combine(self.date, begin, tzinfo=series.timezone)

    def ends_at(self, series: SeriesSettings) -> datetime:
        minutes = self.duration or self.series_state(series).duration_minutes
        return self.starts_at(series) + timedelta(minutes=minutes)

    def speaker_names(self) -> str:
        """'Ann Example (Uni X), Bo Beispiel': each speaker with their affiliation, if given."""
        known = dict(self.affiliations)
        return ", ".join(
            f"{name} ({known[name]})" if name in known else name for name in self.speakers
        )

    @property
    def watch_url(self) -> str | None:
        return f"https://www.youtube.com/watch?v={self.video}" if self.video else None


@dataclass(frozen=True)
class TopicRecord:
    """A topic page: its slug is its file name, its title the page title."""

    docname: str
    slug: str
    #: other names readers search for (front matter ``aliases``)
    aliases: tuple[str, ...] = ()
