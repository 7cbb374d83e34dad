"""``Store``: one database, its writer and its queries as typed records.

>>> import communique
>>> store = communique.open("sqlite:///communique.db")  # doctest: +SKIP
>>> store.events(actor="USA", since="2024-07-01", limit=10)  # doctest: +SKIP
[StoredEvent(id='ev_...', type='CONSULT', actors=['USA'], ...)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import Engine

import communique.store.queries as queries
from communique.config import db_url
from communique.errors import ReadOnlyStoreError, StoreError
from communique.knowledge.actor_tables import name_key
from communique.knowledge.user_actors import UserActor
from communique.store.db import connect, is_read_only_error
from communique.store.models import UserActorRow
from communique.store.views import (
    ArticleSummary,
    Counterpart,
    DyadPeriod,
    ErrorInfo,
    StoredActor,
    StoredArticle,
    StoredEvent,
    StoredQuote,
    StoreStatus,
)
from communique.store.writer import Writer

if TYPE_CHECKING:
    from communique.store.clustering import ClusterPeriod


class Store:
    """A Communiqué store (SQLite file or PostgreSQL database), migrated on open.

    Args:
        url: SQLAlchemy URL (``sqlite:///path.db``, ``postgresql://...``); None
            for ``$COMMUNIQUE_DB`` or ``sqlite:///communique.db``.
        create: create the store when there is none (False: raise ``StoreNotFoundError``
            and create nothing, as every command that only reads does).
    """

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        self.url = db_url(url)
        self.engine: Engine = connect(self.url, create=create)

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def writer(self, *, keep_text: bool = True) -> Writer:
        """Return the writer of this store (one per process writes at a time)."""
        return Writer(self.engine, keep_text=keep_text)

    # -- queries --------------------------------------------------------------

    def events(self, *, actor: str | None = None, recipient: str | None = None, type: str | None = None,
               status: str | None = None, actor_sector: str | None = None, since: str | None = None,
               until: str | None = None, limit: int | None = None, offset: int = 0) -> list[StoredEvent]:
        """Return events matching every filter given, by day then id (see ``iter_events``)."""
        return list(self.iter_events(actor=actor, recipient=recipient, type=type, status=status,
                                     actor_sector=actor_sector, since=since, until=until, limit=limit,
                                     offset=offset))

    def iter_events(self, *, actor: str | None = None, recipient: str | None = None, type: str | None = None,
                    status: str | None = None, actor_sector: str | None = None, since: str | None = None,
                    until: str | None = None, limit: int | None = None, offset: int = 0,
                    min_confidence: float | None = None) -> Iterator[StoredEvent]:
        """Yield events one by one (bounded memory); ``actor``/``recipient`` are codes, ids or names."""
        with self.engine.connect() as conn:
            yield from queries.iter_events(conn, actor=actor, recipient=recipient, type=type, status=status,
                                           actor_sector=actor_sector, since=since, until=until, limit=limit,
                                           offset=offset, min_confidence=min_confidence)

    def count_events(self, *, actor: str | None = None, recipient: str | None = None, type: str | None = None,
                     status: str | None = None, actor_sector: str | None = None, since: str | None = None,
                     until: str | None = None, min_confidence: float | None = None) -> int:
        """How many events ``events`` returns with these filters and no limit."""
        with self.engine.connect() as conn:
            return queries.count_events(conn, actor=actor, recipient=recipient, type=type, status=status,
                                        actor_sector=actor_sector, since=since, until=until,
                                        min_confidence=min_confidence)

    def knows_actor(self, term: str) -> bool:
        """Tell whether ``term`` (code, canonical id or name) is an actor the store has seen."""
        with self.engine.connect() as conn:
            return queries.known_actor(conn, term)

    def latest_events(self, *, limit: int = 20) -> list[StoredEvent]:
        """The most recent events, newest first."""
        with self.engine.connect() as conn:
            return queries.latest_events(conn, limit=limit)

    def actors(self, *, kind: str | None = None, search: str | None = None,
               limit: int | None = None, offset: int = 0) -> list[StoredActor]:
        """Return canonical actors, most often named first."""
        with self.engine.connect() as conn:
            return queries.actors(conn, kind=kind, search=search, limit=limit, offset=offset)

    def count_actors(self, *, kind: str | None = None, search: str | None = None) -> int:
        """How many canonical actors ``actors`` returns with no limit."""
        with self.engine.connect() as conn:
            return queries.count_actors(conn, kind=kind, search=search)

    def actor(self, actor_id: str) -> StoredActor | None:
        """Return one canonical actor with its role history."""
        with self.engine.connect() as conn:
            return queries.actor(conn, actor_id)

    def quotes(self, *, speaker: str | None = None, text: str | None = None, limit: int | None = None,
               offset: int = 0) -> list[StoredQuote]:
        """Return quotations, optionally of one speaker or holding ``text`` (any case)."""
        with self.engine.connect() as conn:
            return queries.quotes(conn, speaker=speaker, text=text, limit=limit, offset=offset)

    def count_quotes(self, *, speaker: str | None = None, text: str | None = None) -> int:
        """How many quotations ``quotes`` returns with no limit."""
        with self.engine.connect() as conn:
            return queries.count_quotes(conn, speaker=speaker, text=text)

    def article(self, article_id: str) -> StoredArticle | None:
        """Return one article with its actors, quotes and events."""
        with self.engine.connect() as conn:
            return queries.article(conn, article_id)

    def articles(self, *, search: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[ArticleSummary]:
        """Return articles, newest first, or the best full-text matches of ``search``."""
        with self.engine.connect() as conn:
            if search:
                return queries.search(conn, search, limit=limit or 20)
            return queries.articles(conn, limit=limit, offset=offset)

    def count_articles(self) -> int:
        """How many articles the store holds."""
        with self.engine.connect() as conn:
            return queries.count_articles(conn)

    def search(self, terms: str, *, limit: int = 20) -> list[ArticleSummary]:
        """Full-text search over article titles and bodies."""
        with self.engine.connect() as conn:
            return queries.search(conn, terms, limit=limit)

    def dyad(self, a: str, b: str, *, by: str | None = "month", since: str | None = None,
             until: str | None = None) -> list[DyadPeriod]:
        """Return events between two actors and their summed PLOVER score per period (day, week, month, quarter,
        year, or None for one total)."""
        with self.engine.connect() as conn:
            return queries.dyad(conn, a, b, by=by, since=since, until=until)

    def dyad_clusters(self, a: str, b: str, *, by: str | None = "month", count: str = "clusters",
                      since: str | None = None, until: str | None = None) -> list[ClusterPeriod]:
        """Happenings between two actors per period: clusters of reports by default, or reports."""
        from communique.store.clustering import dyad_clusters

        return dyad_clusters(self.engine, a, b, by, count=count, since=since, until=until)

    def dyad_events(self, a: str, b: str, *, since: str | None = None, until: str | None = None,
                    limit: int | None = None) -> list[StoredEvent]:
        """Return the events between two actors, either direction, from ``since`` to ``until``."""
        with self.engine.connect() as conn:
            return queries.dyad_events(conn, a, b, since=since, until=until, limit=limit)

    def counterparts(self, actor: str, *, since: str | None = None, until: str | None = None,
                     limit: int = 20) -> list[Counterpart]:
        """Return the actors sharing the most events with ``actor``."""
        with self.engine.connect() as conn:
            return queries.counterparts(conn, actor, since=since, until=until, limit=limit)

    def code_index(self) -> tuple[dict[str, str], dict[str, str]]:
        """Return (code -> name, code -> kind) of the states and IGOs in the store."""
        with self.engine.connect() as conn:
            return queries.code_index(conn)

    def errors(self, *, run_id: int | None = None, limit: int | None = 20) -> list[ErrorInfo]:
        """Return recorded ingest errors, newest first."""
        with self.engine.connect() as conn:
            return queries.errors(conn, run_id=run_id, limit=limit)

    def status(self, *, runs: int = 10, errors: int = 20) -> StoreStatus:
        """Return counts, coder versions, recent runs and recent errors."""
        with self.engine.connect() as conn:
            return StoreStatus(url=self.engine.url.render_as_string(hide_password=True), **queries.counts(conn),
                               coder_versions=queries.coder_versions(conn), runs=queries.runs(conn, limit=runs),
                               recent_errors=queries.errors(conn, limit=errors))

    # -- user actors ------------------------------------------------------------

    def import_actors(self, actors: Sequence[UserActor], *, replace: bool = False) -> int:
        """Record user actors for later ingests (a row of the same name, kind and start is updated).

        With ``replace``, the actors imported before are dropped first. Returns
        the number of rows written.
        """
        from sqlalchemy import delete, insert
        from sqlalchemy.exc import DBAPIError

        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        try:
            with self.engine.begin() as conn:
                if replace:
                    conn.execute(delete(UserActorRow))
                for actor in actors:
                    key = name_key(actor.name)
                    conn.execute(delete(UserActorRow).where(UserActorRow.name_key == key,
                                                            UserActorRow.kind == actor.kind,
                                                            UserActorRow.start == actor.start))
                    conn.execute(insert(UserActorRow).values(
                        name_key=key, kind=actor.kind, start=actor.start, spec=actor.to_json(), imported_at=now))
        except DBAPIError as exc:
            if is_read_only_error(exc):
                raise ReadOnlyStoreError(f"the store is read-only: {exc.orig}") from exc
            raise StoreError(f"the store could not be written: {exc.orig}") from exc
        return len(actors)

    def user_actors(self) -> list[UserActor]:
        """Return the imported user actors, in the order imported."""
        from sqlalchemy import select

        with self.engine.connect() as conn:
            rows = conn.execute(select(UserActorRow.spec).order_by(UserActorRow.id)).scalars().all()
        return [UserActor.from_json(spec) for spec in rows]


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (migrating as needed) the store at ``url``; with ``create=False`` refuse a missing one."""
    return Store(url, create=create)
