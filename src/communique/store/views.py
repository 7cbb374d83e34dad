"""Typed records the store's queries return (the Python API of ``communique.open``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, field_validator

from communique.records import Actor, ArticleResult, Event, Quote, Record


class StoredEvent(Event):
    """An event with the article it comes from (one per event per article)."""

    article_id: str
    article_title: str | None = None
    article_date: str | None = None
    source: str | None = None
    cluster: str | None = None
    coder_version: str | None = None


class StoredQuote(Quote):
    """A quotation with its article and the canonical id of its speaker."""

    article_id: str
    article_title: str | None = None
    article_date: str | None = None
    speaker_actor_id: str | None = None


class RoleSpan(Record):
    """A role an actor held as seen in the text, with first and last sighting."""

    role: str
    state: str | None = None
    org: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    articles: int = 0


class StoredActor(Record):
    """A canonical actor across articles, with its role history."""

    id: str
    name: str
    kind: str
    code: str | None = None
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    articles: int = 0
    roles: list[RoleSpan] = Field(default_factory=list)


class StoredArticle(Record):
    """An article as stored, with its extractions (actors carry canonical ids in ``aliases``-free form)."""

    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    coder_version: str
    hash: str
    text: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    repairs: list[str] = Field(default_factory=list)
    ingested_at: dt.datetime | None = None
    actors: list[Actor] = Field(default_factory=list)
    actor_refs: dict[str, str] = Field(default_factory=dict)  # in-article actor id -> canonical id
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    @field_validator("ingested_at")
    @classmethod
    def _in_utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        """The store keeps naive UTC times; say so (ISO 8601 with its offset in JSON)."""
        return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value

    def to_result(self) -> ArticleResult:
        """Return the ``extract`` record this article was stored from."""
        return ArticleResult(
            id=self.id, title=self.title, date=self.date, source=self.source, url=self.url,
            language=self.language, coder_version=self.coder_version, actors=self.actors,
            quotes=self.quotes, events=self.events, notes=self.notes, repairs=self.repairs,
        )


class ArticleSummary(Record):
    """One line of an article list or full-text search."""

    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    events: int = 0
    snippet: str | None = None


class DyadPeriod(Record):
    """Events between two actors in one period and their summed PLOVER score."""

    period: str | None
    events: int
    score: float


class Counterpart(Record):
    """An actor's counterpart and the number of events they share."""

    code: str
    events: int


class RunInfo(Record):
    """One ingest, reprocess or load run."""

    id: int
    command: str
    status: str
    coder_version: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    inputs: list[str] = Field(default_factory=list)


class ErrorInfo(Record):
    """One failed input."""

    run_id: int | None
    source: str | None
    position: str | None
    error: str
    reason: str


class StoreStatus(Record):
    """Counts, runs and recent errors of a store."""

    url: str
    articles: int
    actors: int
    mentions: int
    quotes: int
    events: int
    errors: int
    coder_versions: dict[str, int] = Field(default_factory=dict)
    runs: list[RunInfo] = Field(default_factory=list)
    recent_errors: list[ErrorInfo] = Field(default_factory=list)
