"""The one writer: every article, its extractions and every failure go through here.

Each article is written in one transaction (SQLite ``BEGIN IMMEDIATE`` or a
PostgreSQL advisory lock), so a killed run never leaves a partial article:
either the article and all its extractions are there, or none of them.

- The same text (same article id) is skipped.
- A new text at a known URL replaces the older article and its extractions.
- ``recode=True`` (``reprocess``, ``load``) replaces an article of the same id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from communique.ingest import normalise_text
from communique.records import Actor, Article, ArticleResult, Event, Quote
from communique.store.canonical import actor_key, canonical_id, normalise_name
from communique.store.db import lock_for_writing
from communique.store.models import (
    ActorRow,
    ArticleRow,
    EventLinkRow,
    EventRow,
    IngestErrorRow,
    IngestRunRow,
    MentionRow,
    QuoteRow,
    RoleRow,
)

Outcome = Literal["added", "replaced", "recoded", "skipped"]

#: During a run, clusters are brought up to date once at least this many articles and this many
#: seconds have passed (and always when the run ends). One update re-clusters the components it
#: touches, so fewer, larger updates cost less in all; readers see clusters at most that late.
CLUSTER_BATCH = 256
CLUSTER_INTERVAL_S = 30.0

_ARTICLES = ArticleRow.__table__
_ACTORS = ActorRow.__table__
_MENTIONS = MentionRow.__table__
_ROLES = RoleRow.__table__
_QUOTES = QuoteRow.__table__
_EVENTS = EventRow.__table__
_LINKS = EventLinkRow.__table__
_RUNS = IngestRunRow.__table__
_ERRORS = IngestErrorRow.__table__
_EVENT_COLUMNS = frozenset(_EVENTS.c.keys())


@dataclass
class RunCounts:
    """What one run did: articles by outcome, extractions written, failures."""

    added: int = 0
    replaced: int = 0
    recoded: int = 0
    skipped: int = 0
    failed: int = 0
    actors: int = 0
    quotes: int = 0
    events: int = 0
    new_actors: set[str] = field(default_factory=set)

    def count(self, outcome: Outcome, result: ArticleResult | None) -> None:
        """Add one written article (or skip) to the counts."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        if result is not None and outcome != "skipped":
            self.actors += len(result.actors)
            self.quotes += len(result.quotes)
            self.events += len(result.events)


def text_hash(text: str) -> str:
    """Return the SHA-256 of the normalised text (the idempotence key)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Writer:
    """Writes articles, extractions, runs and errors to one store.

    Args:
        engine: the store's engine (schema migrated).
        keep_text: store article bodies (False for ``--no-text``; offsets and
            evidence snippets are kept).
    """

    def __init__(self, engine: Engine, *, keep_text: bool = True) -> None:
        self.engine = engine
        self.keep_text = keep_text
        self._write_engine = engine.execution_options(immediate=True)
        self.run_id: int | None = None
        self.counts = RunCounts()
        self._unclustered: list[str] = []  # articles written since the last cluster update
        self._clustered_at = time.monotonic()

    # -- clusters -------------------------------------------------------------

    def flush_clusters(self) -> None:
        """Bring the cross-article clusters up to date with the articles written so far."""
        if not self._unclustered:
            return
        from communique.store.clustering import update_clusters

        update_clusters(self.engine, self._unclustered)
        self._unclustered.clear()
        self._clustered_at = time.monotonic()

    def _queue_for_clusters(self, article_id: str) -> None:
        self._unclustered.append(article_id)
        waited = time.monotonic() - self._clustered_at
        if len(self._unclustered) >= CLUSTER_BATCH and waited >= CLUSTER_INTERVAL_S:
            self.flush_clusters()

    def _pick_up_unclustered(self) -> None:
        """Queue articles a killed run stored without clustering them (resume after ``kill -9``)."""
        with self.engine.connect() as conn:
            left = conn.execute(select(_EVENTS.c.article_id).where(_EVENTS.c.cluster_id.is_(None)).distinct())
            self._unclustered.extend(row.article_id for row in left)

    # -- runs -----------------------------------------------------------------

    def start_run(self, command: str, inputs: Iterable[str], coder_version: str) -> int:
        """Record the start of a run (marking runs of dead processes interrupted); return its id."""
        self._pick_up_unclustered()
        with self._write_engine.begin() as conn:
            lock_for_writing(conn)
            _mark_dead_runs(conn)
            self.run_id = conn.execute(
                insert(_RUNS).values(
                    command=command, inputs=list(inputs), coder_version=coder_version, status="running",
                    pid=os.getpid(), host=socket.gethostname(), started_at=_now(),
                    added=0, replaced=0, skipped=0, failed=0,
                ).returning(_RUNS.c.id)
            ).scalar_one()
        return self.run_id

    def finish_run(self, status: str = "done") -> None:
        """Record the end of the current run with its counts (clusters brought up to date first)."""
        self.flush_clusters()
        if self.run_id is None:
            return
        c = self.counts
        with self._write_engine.begin() as conn:
            lock_for_writing(conn)
            conn.execute(update(_RUNS).where(_RUNS.c.id == self.run_id).values(
                status=status, finished_at=_now(), added=c.added + c.recoded, replaced=c.replaced,
                skipped=c.skipped, failed=c.failed))

    # -- errors ---------------------------------------------------------------

    def record_error(self, *, source: str | None, position: str | None, error: str, reason: str) -> None:
        """Record one failed input (its source, position in the source and reason)."""
        self.counts.failed += 1
        with self._write_engine.begin() as conn:
            lock_for_writing(conn)
            conn.execute(insert(_ERRORS).values(
                run_id=self.run_id, source=source, position=position, error=error[:64], reason=reason,
                created_at=_now()))

    # -- articles -------------------------------------------------------------

    def known(self, article_id: str) -> bool:
        """Return True when an article with this id is stored."""
        with self.engine.connect() as conn:
            return conn.execute(select(_ARTICLES.c.id).where(_ARTICLES.c.id == article_id)).first() is not None

    def write(self, article: Article, result: ArticleResult, *, recode: bool = False) -> Outcome:
        """Store one article and its extractions in one transaction; return what happened."""
        with self._write_engine.begin() as conn:
            lock_for_writing(conn)
            outcome = self._write(conn, article, result, recode=recode)
        self.counts.count(outcome, result)
        if outcome != "skipped":
            self._queue_for_clusters(article.id)
        return outcome

    def _write(self, conn: Connection, article: Article, result: ArticleResult, *, recode: bool) -> Outcome:
        outcome: Outcome = "added"
        existing = conn.execute(select(_ARTICLES.c.id).where(_ARTICLES.c.id == article.id)).first()
        if existing is not None:
            if not recode:
                return "skipped"
            delete_article(conn, article.id)
            outcome = "recoded"
        if article.url:
            older = conn.execute(select(_ARTICLES.c.id).where(
                _ARTICLES.c.url == article.url, _ARTICLES.c.id != article.id)).scalars().all()
            for old_id in older:
                delete_article(conn, old_id)
                outcome = "replaced"
        self._insert_article(conn, article, result)
        refs = self._insert_actors(conn, article, result.actors)
        _insert_quotes(conn, article.id, result, refs)
        _insert_events(conn, article, result, refs)
        return outcome

    def _insert_article(self, conn: Connection, article: Article, result: ArticleResult) -> None:
        seq = conn.execute(select(func.coalesce(func.max(_ARTICLES.c.seq), 0))).scalar_one() + 1
        conn.execute(insert(_ARTICLES).values(
            id=article.id, seq=seq, hash=text_hash(article.text), url=article.url, source=article.source,
            title=article.title, date=article.date, language=article.language,
            text=article.text if self.keep_text else None, text_length=len(article.text),
            coder_version=result.coder_version, meta=article.meta, notes=list(result.notes),
            run_id=self.run_id, ingested_at=_now()))

    def _insert_actors(self, conn: Connection, article: Article, actors: list[Actor]) -> dict[str, str]:
        """Insert mentions (and new canonical actors, roles); return in-article id -> canonical id."""
        refs: dict[str, str] = {}
        rows: list[dict[str, Any]] = []
        for actor in actors:
            key = actor_key(actor)
            actor_id = canonical_id(key)
            if actor_id not in refs.values():  # two in-article actors may be one canonical actor
                self._upsert_actor(conn, actor_id, key, actor, article.date)
                _upsert_roles(conn, actor_id, actor, article.date)
            refs[actor.id] = actor_id
            rows.append(dict(
                article_id=article.id, actor_id=actor_id, local_id=actor.id, name=actor.name, roles=actor.roles,
                sector=actor.sector, sectors=actor.sectors, aliases=actor.aliases,
                spans=[list(span) for span in actor.mentions], date=article.date))
        if rows:
            conn.execute(insert(_MENTIONS), rows)
        return refs

    def _upsert_actor(self, conn: Connection, actor_id: str, key: str, actor: Actor, date: str | None) -> None:
        row = conn.execute(select(_ACTORS.c.first_seen, _ACTORS.c.last_seen).where(_ACTORS.c.id == actor_id)).first()
        if row is None:
            self.counts.new_actors.add(actor_id)
            conn.execute(insert(_ACTORS).values(
                id=actor_id, key=key, kind=actor.kind, name=actor.name, norm_name=normalise_name(actor.name),
                code=actor.code, country=actor.country, org=actor.org, sector=actor.sector,
                first_seen=date, last_seen=date))
            return
        first, last = _widen(row.first_seen, row.last_seen, date)
        if (first, last) != (row.first_seen, row.last_seen):
            conn.execute(update(_ACTORS).where(_ACTORS.c.id == actor_id).values(first_seen=first, last_seen=last))


def _widen(first: str | None, last: str | None, date: str | None) -> tuple[str | None, str | None]:
    if not date:
        return first, last
    return (min(first, date) if first else date), (max(last, date) if last else date)


def _upsert_roles(conn: Connection, actor_id: str, actor: Actor, date: str | None) -> None:
    for role in dict.fromkeys(actor.roles):
        where = (_ROLES.c.actor_id == actor_id, _ROLES.c.role == role, _ROLES.c.state == (actor.country or ""),
                 _ROLES.c.org == (actor.org or ""))
        row = conn.execute(select(_ROLES.c.first_seen, _ROLES.c.last_seen).where(*where)).first()
        if row is None:
            conn.execute(insert(_ROLES).values(
                actor_id=actor_id, role=role, state=actor.country or "", org=actor.org or "",
                first_seen=date, last_seen=date, articles=1))
            continue
        first, last = _widen(row.first_seen, row.last_seen, date)
        conn.execute(update(_ROLES).where(*where).values(
            first_seen=first, last_seen=last, articles=_ROLES.c.articles + 1))


def _insert_quotes(conn: Connection, article_id: str, result: ArticleResult, refs: dict[str, str]) -> None:
    rows = [_quote_row(article_id, q, refs, result.coder_version) for q in result.quotes]
    if rows:
        conn.execute(insert(_QUOTES), rows)


def _quote_row(article_id: str, quote: Quote, refs: dict[str, str], coder_version: str) -> dict[str, Any]:
    return dict(
        id=quote.id, article_id=article_id, speaker=quote.speaker, speaker_local_id=quote.speaker_id,
        speaker_actor_id=refs.get(quote.speaker_id or ""), speaker_mention=quote.speaker_mention, cue=quote.cue,
        text=quote.text, start=quote.start, end=quote.end, kind=quote.kind, sentence=quote.sentence,
        coder_version=coder_version)


def event_day(event_date: str | None, article_date: str | None) -> str | None:
    """Return the day an event is sorted and filtered by: its date, else the article's.

    A partial event date ("2024-07") is completed with the article date when
    that falls inside it, else with the first day of the period.
    """
    if event_date and len(event_date) == 10:
        return event_date
    if event_date:
        if article_date and article_date.startswith(event_date):
            return article_date
        return (event_date + "-01-01")[:10] if len(event_date) == 4 else (event_date + "-01")[:10]
    return article_date


def _insert_events(conn: Connection, article: Article, result: ArticleResult, refs: dict[str, str]) -> None:
    rows, links = [], []
    for event in result.events:
        day = event_day(event.date, article.date)
        rows.append(_event_row(article.id, event, refs, day, result.coder_version))
        links.extend(event_links(event, day))
    if rows:
        conn.execute(insert(_EVENTS), rows)
    if links:
        conn.execute(insert(_LINKS), links)


def _event_row(article_id: str, event: Event, refs: dict[str, str], day: str | None, coder: str) -> dict[str, Any]:
    data = event.model_dump(mode="json")
    location = data.pop("location")
    data.update(
        article_id=article_id, location=location, day=day, coder_version=coder, cluster_id=None,
        lat=location.get("lat") if location else None, lon=location.get("lon") if location else None,
        actor_refs=[refs.get(i, i) for i in event.actor_ids],
        recipient_refs=[refs.get(i, i) for i in event.recipient_ids],
    )
    return {k: v for k, v in data.items() if k in _EVENT_COLUMNS}


def event_links(event: Event, day: str | None) -> list[dict[str, Any]]:
    """Return the ``event_links`` rows of an event: every ordered pair of distinct participants."""
    sides: dict[str, str] = {}
    for code in event.actors:
        sides.setdefault(code, "actor")
    for code in event.recipients:
        sides.setdefault(code, "recipient")
    base = dict(event_id=event.id, day=day, score=event.score)
    if len(sides) == 1:
        (code, side), = sides.items()
        return [dict(base, code=code, side=side, other=None, other_side=None)]
    return [
        dict(base, code=code, side=side, other=other, other_side=other_side)
        for code, side in sides.items()
        for other, other_side in sides.items()
        if other != code
    ]


def delete_article(conn: Connection, article_id: str) -> None:
    """Delete an article and everything extracted from it; refresh the actors it named."""
    event_ids = select(_EVENTS.c.id).where(_EVENTS.c.article_id == article_id)
    conn.execute(delete(_LINKS).where(_LINKS.c.event_id.in_(event_ids)))
    conn.execute(delete(_EVENTS).where(_EVENTS.c.article_id == article_id))
    conn.execute(delete(_QUOTES).where(_QUOTES.c.article_id == article_id))
    actor_ids = conn.execute(select(_MENTIONS.c.actor_id).where(_MENTIONS.c.article_id == article_id)).scalars().all()
    conn.execute(delete(_MENTIONS).where(_MENTIONS.c.article_id == article_id))
    conn.execute(delete(_ARTICLES).where(_ARTICLES.c.id == article_id))
    refresh_actors(conn, set(actor_ids))


def refresh_actors(conn: Connection, actor_ids: set[str]) -> None:
    """Recompute sightings and role history of these actors from their mentions; drop unnamed ones."""
    for actor_id in sorted(actor_ids):
        mentions = conn.execute(
            select(_MENTIONS.c.roles, _MENTIONS.c.date, _ACTORS.c.country, _ACTORS.c.org)
            .join(_ACTORS, _ACTORS.c.id == _MENTIONS.c.actor_id)
            .where(_MENTIONS.c.actor_id == actor_id)).all()
        conn.execute(delete(_ROLES).where(_ROLES.c.actor_id == actor_id))
        if not mentions:
            conn.execute(delete(_ACTORS).where(_ACTORS.c.id == actor_id))
            continue
        first = last = None
        history: dict[str, list[Any]] = {}
        for roles, date, country, org in mentions:
            first, last = _widen(first, last, date)
            for role in dict.fromkeys(roles or []):
                entry = history.setdefault(role, [None, None, 0, country or "", org or ""])
                entry[0], entry[1] = _widen(entry[0], entry[1], date)
                entry[2] += 1
        conn.execute(update(_ACTORS).where(_ACTORS.c.id == actor_id).values(first_seen=first, last_seen=last))
        if history:
            conn.execute(insert(_ROLES), [
                dict(actor_id=actor_id, role=role, first_seen=f, last_seen=lst, articles=n, state=state, org=org)
                for role, (f, lst, n, state, org) in history.items()])


def _mark_dead_runs(conn: Connection) -> None:
    """Mark as interrupted the runs still 'running' whose process is gone (same host)."""
    host = socket.gethostname()
    rows = conn.execute(select(_RUNS.c.id, _RUNS.c.pid).where(
        _RUNS.c.status == "running", _RUNS.c.host == host)).all()
    dead = [run_id for run_id, pid in rows if pid is None or not process_alive(pid)]
    if dead:
        conn.execute(update(_RUNS).where(_RUNS.c.id.in_(dead)).values(status="interrupted"))


def process_alive(pid: int) -> bool:
    """Return True when a process with this id exists on this host."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
