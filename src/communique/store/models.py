"""The store's tables as SQLAlchemy 2 models.

The schema itself is created by the Alembic migrations in
``communique.store.migrations`` (run on open); these models mirror them for
the writer and the queries. A test checks that both agree.

Tables::

    articles        successfully ingested articles (text nullable: --no-text)
    actors          canonical actors, one per person / state / IGO / org across articles
    mentions        an actor as one article names it (spans, roles, sectors)
    roles           role history of a canonical actor (first and last seen)
    quotes          quotations with their speaker (canonical actor when known)
    events          PLOVER events, one per happening per article
    event_links     (event, code, counterpart) rows that index events by participant
    ingest_runs     one row per ingest / reprocess / load run
    ingest_errors   failed inputs (source, position, reason)
    user_actors     actors imported by ``communique actors-import`` (0005)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every store table."""


class ArticleRow(Base):
    """One successfully ingested article."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # integer key of the full-text index
    hash: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(Text, unique=True)
    source: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    text_length: Mapped[int] = mapped_column(Integer, default=0)
    coder_version: Mapped[str] = mapped_column(String(32), index=True)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    repairs: Mapped[list[str] | None] = mapped_column(JSON, default=list)  # what reading repaired (0004)
    run_id: Mapped[int | None] = mapped_column(Integer)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ActorRow(Base):
    """A canonical actor: the same person, state, IGO or org across articles."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(Text)
    norm_name: Mapped[str] = mapped_column(Text, index=True)
    code: Mapped[str | None] = mapped_column(String(16), index=True)
    country: Mapped[str | None] = mapped_column(String(8))
    org: Mapped[str | None] = mapped_column(String(16))
    sector: Mapped[str | None] = mapped_column(String(8))
    first_seen: Mapped[str | None] = mapped_column(String(10))
    last_seen: Mapped[str | None] = mapped_column(String(10))


class MentionRow(Base):
    """An actor as one article names it: its in-article id, spans, roles and sectors."""

    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("article_id", "local_id", name="uq_mentions_article_local"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    sector: Mapped[str | None] = mapped_column(String(8))
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    spans: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    date: Mapped[str | None] = mapped_column(String(10))


class RoleRow(Base):
    """One role an actor held, as seen in the text, with first and last sighting."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("actor_id", "role", "state", "org", name="uq_roles"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(8), default="")
    org: Mapped[str] = mapped_column(String(16), default="")
    first_seen: Mapped[str | None] = mapped_column(String(10))
    last_seen: Mapped[str | None] = mapped_column(String(10))
    articles: Mapped[int] = mapped_column(Integer, default=0)


class QuoteRow(Base):
    """A quotation and its speaker."""

    __tablename__ = "quotes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_local_id: Mapped[str | None] = mapped_column(String(64))
    speaker_actor_id: Mapped[str | None] = mapped_column(String(40), index=True)
    speaker_mention: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    sentence: Mapped[str] = mapped_column(Text, default="")
    coder_version: Mapped[str] = mapped_column(String(32))


class EventRow(Base):
    """One PLOVER event of one article."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_type_day", "type", "day"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(32))
    context: Mapped[list[str]] = mapped_column(JSON, default=list)
    actors: Mapped[list[str]] = mapped_column(JSON, default=list)
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    actor_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    recipient_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    actor_refs: Mapped[list[str]] = mapped_column(JSON, default=list)  # canonical actor ids
    recipient_refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    actor_sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    recipient_sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    date: Mapped[str | None] = mapped_column(String(10))
    day: Mapped[str | None] = mapped_column(String(10), index=True)  # event date, else article date
    date_text: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    asserted_by: Mapped[str | None] = mapped_column(Text)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    cameo_root: Mapped[str | None] = mapped_column(String(4))
    score: Mapped[float | None] = mapped_column(Float)
    goldstein: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    rule: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float | None] = mapped_column(Float, index=True)  # (0004)
    coder_version: Mapped[str] = mapped_column(String(32))
    cluster_id: Mapped[str | None] = mapped_column(String(64), index=True)


class EventLinkRow(Base):
    """A participant of an event with one counterpart: the index behind actor and dyad queries.

    Every ordered pair of distinct participants (actors and recipients) of an
    event is one row, with the side each is on; a lone participant is one row
    with no counterpart.
    """

    __tablename__ = "event_links"
    __table_args__ = (
        Index("ix_event_links_code_side_day", "code", "side", "day", "event_id"),
        Index("ix_event_links_code_other_day", "code", "other", "day", "score", "event_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    side: Mapped[str] = mapped_column(String(10))  # actor | recipient
    other: Mapped[str | None] = mapped_column(String(16))
    other_side: Mapped[str | None] = mapped_column(String(10))
    day: Mapped[str | None] = mapped_column(String(10))
    score: Mapped[float | None] = mapped_column(Float)


class IngestRunRow(Base):
    """One ingest, reprocess or load run."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    command: Mapped[str] = mapped_column(String(16))
    inputs: Mapped[list[str]] = mapped_column(JSON, default=list)
    coder_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # running | done | interrupted
    pid: Mapped[int | None] = mapped_column(Integer)
    host: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    added: Mapped[int] = mapped_column(Integer, default=0)
    replaced: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)


class IngestErrorRow(Base):
    """One input that could not be ingested."""

    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"), index=True)
    source: Mapped[str | None] = mapped_column(Text)
    position: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class UserActorRow(Base):
    """An actor a user imported (one row of an actors file), used by every later ingest."""

    __tablename__ = "user_actors"
    __table_args__ = (UniqueConstraint("name_key", "kind", "start", name="uq_user_actors_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[str] = mapped_column(String(10))
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


def table_of(model: type[Base]) -> Table:
    """The ``Table`` of a mapped class (typed: ``__table__`` is declared as a ``FromClause``)."""
    return cast(Table, model.__table__)
