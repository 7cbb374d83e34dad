"""The one writer: every article, its extractions and every failure go through here.

Articles are written in transactions of one or more whole articles (SQLite
``BEGIN IMMEDIATE`` or a PostgreSQL advisory lock), so a killed run never
leaves a partial article: either the article and all its extractions are
there, or none of them.

Writing is split in two: ``prepare`` turns an article and its result into
plain table rows (in a worker process during a parallel ingest), and
``Writer.write_many`` inserts a group of prepared articles with one
``executemany`` per table, reading the actors and roles they name once per group.

- The same text (same article id) is skipped.
- A new text at a known URL replaces the older article and its extractions.
- ``recode=True`` (``reprocess``, ``load``) replaces an article of the same id.
- An article the database refuses (a value it cannot store) is that article's recorded error:
  its group is written again one article per transaction, so the others are stored.
- A store that refuses every write (read-only) raises ``ReadOnlyStoreError``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import socket
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any, Literal

from sqlalchemy import JSON, Connection, Engine, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from communique.errors import ReadOnlyStoreError, StoreError
from communique.ingest import normalise_text
from communique.records import Actor, Article, ArticleResult, Event, Quote
from communique.store.canonical import actor_key, canonical_id, normalise_name
from communique.store.db import is_read_only_error, lock_for_writing
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
    table_of,
)
from communique.store.processes import process_alive

Outcome = Literal["added", "replaced", "recoded", "skipped", "failed"]

#: During a run, clusters are brought up to date once at least this many articles and this many
#: seconds have passed (and always when the run ends). One update re-clusters the components it
#: touches, so fewer, larger updates cost less in all; readers see clusters at most that late.
CLUSTER_BATCH = 256
CLUSTER_INTERVAL_S = 30.0

_ARTICLES = table_of(ArticleRow)
_ACTORS = table_of(ActorRow)
_MENTIONS = table_of(MentionRow)
_ROLES = table_of(RoleRow)
_QUOTES = table_of(QuoteRow)
_EVENTS = table_of(EventRow)
_LINKS = table_of(EventLinkRow)
_RUNS = table_of(IngestRunRow)
_ERRORS = table_of(IngestErrorRow)
_TABLES = {"mentions": _MENTIONS, "quotes": _QUOTES, "events": _EVENTS, "links": _LINKS}
_EVENT_COLUMNS = frozenset(_EVENTS.c.keys())
_EVENT_JSON_COLUMNS = tuple(c.name for c in _EVENTS.c if isinstance(c.type, JSON))
_EVENT_NOT_STORED = tuple(name for name in Event.model_fields if name not in _EVENT_COLUMNS)

#: Values per ``IN (...)`` list (SQLite allowed 999 bound parameters before 3.32).
_IN_CHUNK = 500

#: Statements run once per group of articles (built once: SQLAlchemy then reuses their compiled form).
_MAX_SEQ = select(func.coalesce(func.max(_ARTICLES.c.seq), 0))
_WIDEN_ACTOR = update(_ACTORS).where(_ACTORS.c.id == bindparam("b_id")).values(
    first_seen=bindparam("b_first"), last_seen=bindparam("b_last"))
_UPDATE_ROLE = update(_ROLES).where(_ROLES.c.id == bindparam("b_id")).values(
    first_seen=bindparam("b_first"), last_seen=bindparam("b_last"), articles=bindparam("b_articles"))


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
    waiting: int = 0  # coded and waiting to be written in the next group (for progress displays)

    def count(self, outcome: Outcome, extracted: tuple[int, int, int] | None) -> None:
        """Add one written article (or skip) with its (actors, quotes, events) extracted to the counts."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        if extracted is not None and outcome != "skipped":
            actors, quotes, events = extracted
            self.actors += actors
            self.quotes += quotes
            self.events += events


@dataclass(frozen=True, slots=True)
class NamedActor:
    """A canonical actor as an article first names it: its ``actors`` row when new, and its roles there."""

    id: str
    row: dict[str, Any]  # the actors row without first_seen / last_seen
    roles: tuple[str, ...]
    state: str
    org: str

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce_fields(self)


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article and its extractions as plain table rows, ready to insert (see ``prepare``).

    Plain rows pickle and unpickle much faster than the result's models, so
    workers send these to the writer. Values of JSON columns are already
    encoded to their stored text (``encode_json``).
    """

    id: str
    url: str | None
    date: str | None
    article: dict[str, Any]  # the articles row without seq, run_id and ingested_at
    actors: tuple[NamedActor, ...]  # each canonical actor once, in the order first named
    mentions: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    links: list[dict[str, Any]]
    extracted: tuple[int, int, int]  # actors, quotes and events of the result

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce_fields(self)


def _reduce_fields(record: Any) -> tuple[Any, ...]:
    """Pickle a frozen slotted dataclass as its constructor and field values (the generated
    ``__getstate__``/``__setstate__`` look the fields up for every object: workers send tens of
    thousands of these)."""
    return type(record), tuple([getattr(record, name) for name in record.__slots__])


def prepare(article: Article, result: ArticleResult) -> PreparedArticle:
    """Turn an article and its result into the rows the writer inserts (canonical actors resolved)."""
    refs: dict[str, str] = {}  # in-article actor id -> canonical id
    named: dict[str, NamedActor] = {}  # two in-article actors may be one canonical actor
    mentions: list[dict[str, Any]] = []
    for actor in result.actors:
        key = actor_key(actor)
        actor_id = canonical_id(key)
        if actor_id not in named:
            named[actor_id] = _named_actor(actor_id, key, actor)
        refs[actor.id] = actor_id
        mentions.append(dict(
            article_id=article.id, actor_id=actor_id, local_id=actor.id, name=actor.name,
            roles=encode_json(actor.roles), sector=actor.sector, sectors=encode_json(actor.sectors),
            aliases=encode_json(actor.aliases), spans=encode_spans(actor.mentions),
            date=article.date))
    events, links = [], []
    for event in result.events:
        day = event_day(event.date, article.date)
        events.append(_event_row(article.id, event, refs, day, result.coder_version))
        links.extend(event_links(event, day))
    row = dict(
        id=article.id, hash=text_hash(article.text), url=article.url, source=article.source,
        title=article.title, date=article.date, language=article.language, text=article.text,
        text_length=len(article.text), coder_version=result.coder_version, meta=encode_json(article.meta),
        notes=encode_json(list(result.notes)), repairs=encode_json(list(result.repairs)))
    return PreparedArticle(
        id=article.id, url=article.url, date=article.date, article=row, actors=tuple(named.values()),
        mentions=mentions, quotes=[_quote_row(article.id, q, refs, result.coder_version) for q in result.quotes],
        events=events, links=links, extracted=(len(result.actors), len(result.quotes), len(result.events)))


def _named_actor(actor_id: str, key: str, actor: Actor) -> NamedActor:
    row = dict(id=actor_id, key=key, kind=actor.kind, name=actor.name, norm_name=normalise_name(actor.name),
               code=actor.code, country=actor.country, org=actor.org, sector=actor.sector)
    return NamedActor(id=actor_id, row=row, roles=tuple(dict.fromkeys(actor.roles)), state=actor.country or "",
                      org=actor.org or "")


_ENCODE = json.JSONEncoder().encode  # what json.dumps(value) uses with its default options
_ENCODE_STR = json.encoder.encode_basestring_ascii  # how it writes a string (ensure_ascii)


def encode_json(value: Any) -> str:
    """Return the text a JSON column stores for ``value`` (as SQLAlchemy's JSON type serialises it).

    ``prepare`` encodes JSON values in the worker, so the writer (which competes with the
    workers for the CPU) inserts them as they are (see ``_insert_rows``). Empty lists (a third
    of the values) and lists of strings (half) skip the encoder: joined here as it joins them.
    """
    if type(value) is list:
        if not value:
            return "[]"
        if type(value[0]) is str:
            try:
                return "[" + ", ".join(map(_ENCODE_STR, value)) + "]"
            except TypeError:  # not all strings
                pass
    return _ENCODE(value)


def encode_spans(spans: list[tuple[int, int]]) -> str:
    """Return ``encode_json`` of character spans as lists ("[[0, 5], [9, 14]]"), written directly."""
    return "[" + ", ".join(f"[{int.__repr__(start)}, {int.__repr__(end)}]" for start, end in spans) + "]"


def text_hash(text: str) -> str:
    """Return the SHA-256 of the normalised text (the idempotence key)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


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
        with _writing(), self._write_engine.begin() as conn:
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
        with _writing(), self._write_engine.begin() as conn:
            lock_for_writing(conn)
            conn.execute(update(_RUNS).where(_RUNS.c.id == self.run_id).values(
                status=status, finished_at=_now(), **_run_counts(self.counts)))

    # -- errors ---------------------------------------------------------------

    def record_error(self, *, source: str | None, position: str | None, error: str, reason: str) -> None:
        """Record one failed input (its source, position in the source and reason)."""
        self.counts.failed += 1
        with _writing(), self._write_engine.begin() as conn:
            lock_for_writing(conn)
            conn.execute(insert(_ERRORS).values(
                run_id=self.run_id, source=source, position=position, error=error[:64], reason=reason,
                created_at=_now()))

    # -- articles -------------------------------------------------------------

    def known(self, article_id: str) -> bool:
        """Return True when an article with this id is stored."""
        return article_id in self.stored_ids([article_id])

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Return those of ``article_ids`` that are stored (one query per few hundred ids)."""
        with self.engine.connect() as conn:
            return _stored_ids(conn, set(article_ids))

    def write(self, article: Article, result: ArticleResult, *, recode: bool = False) -> Outcome:
        """Store one article and its extractions in one transaction; return what happened."""
        return self.write_many([prepare(article, result)], recode=recode)[0]

    def write_many(self, articles: Sequence[PreparedArticle], *, recode: bool = False) -> list[Outcome]:
        """Store prepared articles, in order, in one transaction; return what happened to each.

        Each is written as ``write`` would write it alone, after the ones before it.
        """
        if not articles:
            return []
        try:
            with _writing(), self._write_engine.begin() as conn:
                lock_for_writing(conn)
                group = _GroupWrite(conn, self)
                outcomes = group.write(articles, recode=recode)
                counts = replace(self.counts, new_actors=set())
                for prepared, outcome in zip(articles, outcomes, strict=True):
                    counts.count(outcome, prepared.extracted)
                self._record_progress(conn, counts)  # a killed run still tells what it stored
        except _REFUSED_VALUES as exc:
            if len(articles) == 1:
                self._record_refused(articles[0], exc)
                return ["failed"]
            return [self.write_many([prepared], recode=recode)[0] for prepared in articles]
        self.counts.new_actors |= group.new_actors  # only once the group is committed
        for prepared, outcome in zip(articles, outcomes, strict=True):
            self.counts.count(outcome, prepared.extracted)
            if outcome != "skipped":
                self._queue_for_clusters(prepared.id)
        return outcomes

    def _record_progress(self, conn: Connection, counts: RunCounts) -> None:
        if self.run_id is not None:
            conn.execute(update(_RUNS).where(_RUNS.c.id == self.run_id).values(**_run_counts(counts)))

    def _record_refused(self, prepared: PreparedArticle, exc: Exception) -> None:
        """Record an article whose values the database refused as that article's error."""
        source = prepared.article.get("source")
        meta = json.loads(prepared.article.get("meta") or "{}")
        position = meta.get("line") or meta.get("position") or prepared.id
        self.record_error(source=source, position=str(position), error="StoreRefusedArticle",
                          reason=f"the database refused the article: {_reason(exc)}")


#: Errors that mean the database refused a value of one article (a character it cannot store, a
#: value too long), not that the store is unusable: the group is retried one article at a time.
_REFUSED_VALUES = (DataError, IntegrityError, ValueError, UnicodeError)


def _run_counts(c: RunCounts) -> dict[str, int]:
    return {"added": c.added + c.recoded, "replaced": c.replaced, "skipped": c.skipped, "failed": c.failed}


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


@contextmanager
def _writing() -> Iterator[None]:
    """Translate the database's refusal to write into ``ReadOnlyStoreError``.

    A ``StatementError`` wrapping a refused value (e.g. a NUL character, which psycopg rejects
    before sending) is re-raised as that value's error, so the writer can retry per article.
    """
    try:
        yield
    except DBAPIError as exc:
        if is_read_only_error(exc):
            raise ReadOnlyStoreError(f"the store is read-only: {_reason(exc)}") from exc
        if isinstance(exc, DataError | IntegrityError):
            raise
        raise StoreError(f"the store could not be written: {_reason(exc)}") from exc
    except StatementError as exc:
        if isinstance(exc.orig, ValueError | UnicodeError):
            raise exc.orig from exc
        raise


def _widen(first: str | None, last: str | None, date: str | None) -> tuple[str | None, str | None]:
    if not date:
        return first, last
    return (min(first, date) if first else date), (max(last, date) if last else date)


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), _IN_CHUNK):
        yield ordered[start:start + _IN_CHUNK]


def _stored_ids(conn: Connection, article_ids: set[str]) -> set[str]:
    stored: set[str] = set()
    for chunk in _chunks(article_ids):
        stored.update(article_id for article_id, in _select_in(conn, "SELECT id FROM articles WHERE id IN ({})", chunk))
    return stored


def _select_in(conn: Connection, sql: str, values: list[str]) -> Any:
    """Run ``sql`` (a driver SELECT whose ``{}`` is an ``IN`` list) for ``values``; return the result rows.

    The writer runs these once or twice per group with hundreds of values; as driver SQL they
    skip SQLAlchemy's compilation of an expanding ``IN`` (plain columns: no result processing).
    """
    return conn.exec_driver_sql(sql.format(_marks(conn.dialect.paramstyle, len(values))), tuple(values))


@functools.lru_cache(maxsize=64)
def _marks(paramstyle: str, count: int) -> str:
    mark = "?" if paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)


@dataclass
class _Sighting:
    """First and last sighting of an actor, as stored (None when new) and as the group widens it."""

    first: str | None
    last: str | None
    stored: tuple[str | None, str | None] | None
    row: dict[str, Any] | None = None  # the row to insert when new


@dataclass
class _RoleState:
    """A role row, as stored (id None when new) and as the group updates it."""

    id: int | None
    first: str | None
    last: str | None
    articles: int
    stored: tuple[str | None, str | None, int] | None = None


class _GroupWrite:
    """Writes a group of prepared articles in one open transaction, with one ``executemany`` per table.

    The actors and roles the group names are read once and updated in memory;
    rows are inserted in the articles' order, so autoincrement ids are those
    of writing the articles one by one. Before deleting an article (recode,
    replacement) the pending rows are written and the actors reread, since
    the delete refreshes them.
    """

    def __init__(self, conn: Connection, writer: Writer) -> None:
        self.conn = conn
        self.writer = writer
        self.now = _now()
        self.stored: set[str] = set()
        self.url_owner: dict[str, str] = {}
        self.next_seq: int | None = None
        self.actors: dict[str, _Sighting] = {}
        self.roles: dict[tuple[str, str, str, str], _RoleState] = {}
        self.pending: dict[str, list[dict[str, Any]]] = {
            "articles": [], "mentions": [], "quotes": [], "events": [], "links": []}
        self.new_actors: set[str] = set()  # actors this group adds to the store

    def write(self, articles: Sequence[PreparedArticle], *, recode: bool) -> list[Outcome]:
        """Write the articles in order; return what happened to each."""
        self.stored = _stored_ids(self.conn, {p.id for p in articles})
        urls = sorted({p.url for p in articles if p.url})
        for chunk in _chunks(urls):
            rows = _select_in(self.conn, "SELECT url, id FROM articles WHERE url IN ({})", chunk)
            self.url_owner.update((url, article_id) for url, article_id in rows)
        self._read_actors(articles)
        outcomes: list[Outcome] = []
        for n, prepared in enumerate(articles):
            outcome: Outcome = "added"
            if prepared.id in self.stored:
                if not recode:
                    outcomes.append("skipped")
                    continue
                self._delete(prepared.id, articles[n:])
                outcome = "recoded"
            older = self.url_owner.get(prepared.url) if prepared.url else None
            if older is not None and older != prepared.id:
                self._delete(older, articles[n:])
                outcome = "replaced"
            self._add(prepared)
            outcomes.append(outcome)
        self._flush()
        return outcomes

    def _delete(self, article_id: str, remaining: Sequence[PreparedArticle]) -> None:
        self._flush()
        delete_article(self.conn, article_id)
        self.stored.discard(article_id)
        self.url_owner = {url: owner for url, owner in self.url_owner.items() if owner != article_id}
        self.next_seq = None
        self._read_actors(remaining)

    def _read_actors(self, articles: Sequence[PreparedArticle]) -> None:
        """Read the stored sightings and roles of the actors ``articles`` name."""
        wanted = {actor.id for prepared in articles for actor in prepared.actors} - self.actors.keys()
        actors, roles = self.actors, self.roles
        for chunk in _chunks(wanted):
            for actor_id, first, last in _select_in(
                    self.conn, "SELECT id, first_seen, last_seen FROM actors WHERE id IN ({})", chunk):
                actors[actor_id] = _Sighting(first, last, (first, last))
            for role_id, actor_id, role, state, org, first, last, count in _select_in(
                    self.conn, "SELECT id, actor_id, role, state, org, first_seen, last_seen, articles FROM roles"
                    " WHERE actor_id IN ({})", chunk):
                roles[(actor_id, role, state, org)] = _RoleState(role_id, first, last, count, (first, last, count))

    def _add(self, prepared: PreparedArticle) -> None:
        if self.next_seq is None:
            self.next_seq = self.conn.execute(_MAX_SEQ).scalar_one() + 1
        row = dict(prepared.article, seq=self.next_seq, run_id=self.writer.run_id, ingested_at=self.now)
        if not self.writer.keep_text:
            row["text"] = None
        self.next_seq += 1
        self.pending["articles"].append(row)
        self.stored.add(prepared.id)
        if prepared.url:
            self.url_owner[prepared.url] = prepared.id
        for actor in prepared.actors:
            self._sight(actor, prepared.date)
        self.pending["mentions"].extend(prepared.mentions)
        self.pending["quotes"].extend(prepared.quotes)
        self.pending["events"].extend(prepared.events)
        self.pending["links"].extend(prepared.links)

    def _sight(self, actor: NamedActor, date: str | None) -> None:
        """Record that an article dated ``date`` names ``actor`` (its sightings and role history)."""
        sighting = self.actors.get(actor.id)
        if sighting is None:
            self.new_actors.add(actor.id)
            self.actors[actor.id] = _Sighting(date, date, None, actor.row)
        elif date:  # _widen, inline (this runs for every actor of every article)
            if not sighting.first or date < sighting.first:
                sighting.first = date
            if not sighting.last or date > sighting.last:
                sighting.last = date
        roles = self.roles
        for role in actor.roles:
            key = (actor.id, role, actor.state, actor.org)
            state = roles.get(key)
            if state is None:
                roles[key] = _RoleState(None, date, date, 1)
                continue
            if date:
                if not state.first or date < state.first:
                    state.first = date
                if not state.last or date > state.last:
                    state.last = date
            state.articles += 1

    def _flush(self) -> None:
        """Insert and update the pending rows (parents before children); forget the actors read."""
        pending = self.pending
        new_actors = [dict(s.row or {}, first_seen=s.first, last_seen=s.last)
                      for s in self.actors.values() if s.stored is None]
        widened = [dict(b_id=actor_id, b_first=s.first, b_last=s.last) for actor_id, s in self.actors.items()
                   if s.stored is not None and s.stored != (s.first, s.last)]
        new_roles = [dict(actor_id=key[0], role=key[1], state=key[2], org=key[3], first_seen=r.first,
                          last_seen=r.last, articles=r.articles) for key, r in self.roles.items() if r.id is None]
        changed_roles = [dict(b_id=r.id, b_first=r.first, b_last=r.last, b_articles=r.articles)
                         for r in self.roles.values()
                         if r.id is not None and r.stored != (r.first, r.last, r.articles)]
        _insert_rows(self.conn, _ARTICLES, pending["articles"])
        _insert_rows(self.conn, _ACTORS, new_actors)
        if widened:
            self.conn.execute(_WIDEN_ACTOR, widened)
        _insert_rows(self.conn, _ROLES, new_roles)
        if changed_roles:
            self.conn.execute(_UPDATE_ROLE, changed_roles)
        for name in ("mentions", "quotes", "events"):
            _insert_rows(self.conn, _TABLES[name], pending[name])
        if self.conn.dialect.name == "sqlite":
            _insert_links_sorted(self.conn, pending["links"])
        else:
            _insert_rows(self.conn, _LINKS, pending["links"])
        for rows in pending.values():
            rows.clear()
        self.actors.clear()
        self.roles.clear()


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys with one ``executemany`` of the driver.

    Most of a group's rows are inserted here, so they skip SQLAlchemy's per-row
    parameter processing: JSON values come encoded (``encode_json``) and the
    few columns whose type converts values (dates on SQLite) are converted here.
    """
    if not rows:
        return
    columns = tuple(rows[0])
    sql, converters = _insert_statement(conn.dialect, table, columns)
    values = list(map(itemgetter(*columns), rows)) if len(columns) > 1 else [(row[columns[0]],) for row in rows]
    conn.exec_driver_sql(sql, _converted(values, converters))


def _converted(values: list[tuple[Any, ...]], converters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Return the rows ``values`` with each column converted by its converter (if any)."""
    if not converters:
        return values
    by_column = list(zip(*values, strict=True))
    for n, convert in enumerate(converters):
        if convert:
            by_column[n] = tuple(map(convert, by_column[n]))
    return list(zip(*by_column, strict=True))


def _insert_links_sorted(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert ``event_links`` rows (SQLite) with the ids they would get in order, sorted by participant.

    A group's links land all over the table's participant indexes; inserted in the order of
    their leading columns (code, side) they cost SQLite markedly less. Each row is given the id
    it gets when the rows are inserted in order (SQLite gives a new row the largest id plus one:
    the table has no AUTOINCREMENT), so the stored rows are the same.
    """
    if not rows:
        return
    columns = ("id", *rows[0])
    sql, converters = _insert_statement(conn.dialect, _LINKS, columns)
    first = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM event_links").scalar_one() + 1
    get = itemgetter(*columns[1:])
    values = _converted([(link_id, *get(row)) for link_id, row in enumerate(rows, first)], converters)
    values.sort(key=itemgetter(columns.index("code"), columns.index("side")))  # the indexes' leading columns
    conn.exec_driver_sql(sql, values)


@functools.cache
def _insert_statement(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    """Return the driver's INSERT of ``columns`` into ``table`` (positional parameters) and the value converters.

    The converters are the columns' bind processors (None when a column needs none,
    and for JSON columns, whose values come encoded); there are none when no column needs one.
    PostgreSQL casts the encoded JSON text to ``json``; SQLite stores JSON as that text.
    """
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    params, converters = [], []
    for name in columns:
        column_type = table.c[name].type
        is_json = isinstance(column_type, JSON)
        params.append(f"CAST({mark} AS JSON)" if is_json and dialect.name == "postgresql" else mark)
        converters.append(None if is_json else column_type.dialect_impl(dialect).bind_processor(dialect))
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in columns)}) "
           f"VALUES ({', '.join(params)})")
    return sql, tuple(converters) if any(converters) else ()


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


def _event_row(article_id: str, event: Event, refs: dict[str, str], day: str | None, coder: str) -> dict[str, Any]:
    row = event.model_dump(mode="json")
    location = row.pop("location")
    for name in _EVENT_NOT_STORED:
        del row[name]
    row.update(
        article_id=article_id, location=location, day=day, coder_version=coder, cluster_id=None,
        lat=location.get("lat") if location else None, lon=location.get("lon") if location else None,
        actor_refs=[refs.get(i, i) for i in event.actor_ids],
        recipient_refs=[refs.get(i, i) for i in event.recipient_ids],
    )
    for name in _EVENT_JSON_COLUMNS:
        if name in row:
            row[name] = encode_json(row[name])
    return row


def event_links(event: Event, day: str | None) -> list[dict[str, Any]]:
    """Return the ``event_links`` rows of an event: every ordered pair of distinct participants."""
    sides: dict[str, str] = {}
    for code in event.actors:
        sides.setdefault(code, "actor")
    for code in event.recipients:
        sides.setdefault(code, "recipient")
    event_id, score = event.id, event.score
    if len(sides) == 1:
        (code, side), = sides.items()
        return [{"event_id": event_id, "day": day, "score": score, "code": code, "side": side, "other": None,
                 "other_side": None}]
    return [
        {"event_id": event_id, "day": day, "score": score, "code": code, "side": side, "other": other,
         "other_side": other_side}
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
