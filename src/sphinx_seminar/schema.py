"""The session schema: what a session page's front matter may say (pydantic).

Imported when a front matter is validated, not before: a rebuild that reads no
new or changed session pays nothing for pydantic.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from .config import parse_hh_mm, parse_iso_date

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
TOPIC_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: a session's stable id is a slug, as a UUID in lower case is (stored in lower case)
SESSION_ID_LENGTH = 64


def youtube_id(value: object) -> str:
    """The one check of a recording's id (the build's and ``sphinx-seminar record``'s)."""
    if not isinstance(value, str) or not YOUTUBE_ID.match(value):
        raise ValueError(
            "expected a YouTube video id: exactly 11 characters of A-Z, a-z, 0-9, '-' "
            f"and '_' (the part after 'watch?v='), got {value!r}"
        )
    return value


NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _known_topic(slug: object, info: ValidationInfo) -> str:
    """One topic slug; the validation context's ``topics`` are the slugs that have a page."""
    if not isinstance(slug, str) or not TOPIC_SLUG.match(slug):
        raise ValueError(f"expected a topic slug such as 'gans' or 'l96', got {slug!r}")
    known = (info.context or {}).get("topics")
    if known is not None and slug not in known:
        folder = (info.context or {}).get("topics_dir", "topics")
        choices = ", ".join(sorted(known)) or f"none: add the page {folder}/<slug>.md"
        raise ValueError(f"unknown topic {slug!r}; known topics: {choices}")
    return slug


TopicSlug = Annotated[str, BeforeValidator(_known_topic)]


class Speaker(BaseModel):
    """A speaker: written as a plain name, or as ``{name: ..., affiliation: ...}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: NonEmptyText
    affiliation: NonEmptyText | None = None

    @classmethod
    def _from_plain_name(cls, value: object) -> object:
        if isinstance(value, str):
            return {"name": value}
        if isinstance(value, dict):
            return value
        raise ValueError(
            "expected a name, or a mapping such as {name: Ann Example, affiliation: DKRZ}, "
            f"got {value!r}"
        )


SpeakerEntry = Annotated[Speaker, BeforeValidator(Speaker._from_plain_name)]


class SessionFrontMatter(BaseModel):
    """What a session page's YAML front matter may say.

    Validation context: ``topics`` is the set of topic slugs that have a page.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: StrictInt = Field(gt=0, description="the session's running number, unique")
    # the module, not the name: a field called date would hide the type date
    date: datetime.date = Field(description="YYYY-MM-DD, the same date as the file name's")
    title: NonEmptyText = Field(description="the session's title; quote it if it has ': '")
    speakers: list[SpeakerEntry] = Field(
        default_factory=list,
        description="names, or {name: …, affiliation: …}; [] for a discussion without one",
    )
    topics: list[TopicSlug] = Field(
        default_factory=list, description="slugs of topic pages (their file names)"
    )
    video: str | None = Field(
        default=None, description="the 11-character YouTube id of the recording"
    )
    summary: NonEmptyText | None = Field(
        default=None, description="one or two sentences for listings, calendar and feed"
    )
    start: str | None = Field(
        default=None, description="'HH:MM', if not the series' start time on that date"
    )
    duration: StrictInt | None = Field(
        default=None, gt=0, le=24 * 60, description="minutes, if not the series' duration"
    )
    location: NonEmptyText | None = Field(
        default=None, description="where, if not where the series met on that date"
    )
    id: str | None = Field(
        default=None,
        description="the session's stable id in calendars and feeds (a UUID); keep it "
        "when the session moves",
    )
    revised: datetime.date | None = Field(
        default=None,
        description="YYYY-MM-DD: when the session last changed after it was announced; "
        "calendars and feeds then show it as changed",
    )

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        return parse_iso_date(value)

    @field_validator("revised", mode="before")
    @classmethod
    def _revision_date(cls, value: object) -> object:
        return None if value is None else parse_iso_date(value)

    @field_validator("id", mode="before")
    @classmethod
    def _stable_id(cls, value: object) -> object:
        if value is None:
            return None
        text = value.lower() if isinstance(value, str) else value
        if not isinstance(text, str) or len(text) > SESSION_ID_LENGTH or not TOPIC_SLUG.match(text):
            raise ValueError(
                "expected a stable id: a UUID such as '7f6c2b1e-4a5d-4c3b-9e8f-0a1b2c3d4e5f' "
                f"or a slug of a-z, 0-9 and '-' (at most {SESSION_ID_LENGTH} characters) "
                f"such as 'kickoff-2020', got {value!r}"
            )
        return text

    @field_validator("speakers", "topics", mode="before")
    @classmethod
    def _list(cls, value: object) -> object:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValueError(f"expected a list such as [a, b] (or []), got {value!r}")
        return value

    @field_validator("speakers")
    @classmethod
    def _unique_speakers(cls, value: list[Speaker]) -> list[Speaker]:
        names = [speaker.name for speaker in value]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"speaker listed twice: {', '.join(duplicates)}")
        return value

    @field_validator("topics")
    @classmethod
    def _unique_topics(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a topic is listed twice")
        return value

    @field_validator("video", mode="before")
    @classmethod
    def _youtube_id(cls, value: object) -> object:
        return None if value is None else youtube_id(value)

    @field_validator("start", mode="before")
    @classmethod
    def _start_time(cls, value: object) -> object:
        if value is None:
            return None
        if parse_hh_mm(value) is None:
            raise ValueError(f"expected a 24-hour time HH:MM such as 15:00, got {value!r}")
        return value


class TopicFrontMatter(BaseModel):
    """What a topic page's front matter may say for the extension: its other names.

    Other fields (``title``, MyST's own) are MyST's and not checked here."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    aliases: list[NonEmptyText] = Field(
        default_factory=list,
        description="the topic's other names that readers search for: acronyms, "
        "spellings, hyphenated and joined forms",
    )

    @field_validator("aliases", mode="before")
    @classmethod
    def _list(cls, value: object) -> object:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValueError(f"expected a list such as [L96, Lorenz-96] (or []), got {value!r}")
        return [str(item) if isinstance(item, int | float) else item for item in value]

    @field_validator("aliases")
    @classmethod
    def _unique_aliases(cls, value: list[str]) -> list[str]:
        folded = [alias.casefold() for alias in value]
        duplicates = sorted({alias for alias in value if folded.count(alias.casefold()) > 1})
        if duplicates:
            raise ValueError(f"alias listed twice: {', '.join(duplicates)}")
        return value
