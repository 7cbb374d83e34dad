"""The ledger: reads and writes the feed tables (what was polled, seen, stored, failed).

Every write is one short transaction that takes the store's writer lock
(``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), like the
store's own writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, insert, or_, select, update

from communique.feeds.parse import FeedEntry
from communique.feeds.tables import ItemStatus, feed_items, feeds
from communique.store.db import lock_for_writing


@dataclass(frozen=True)
class FeedRecord:
    """A feed as the ledger knows it."""

    id: int
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: dt.datetime | None = None


@dataclass(frozen=True)
class ItemRecord:
    """An item seen before: where it came from and what became of it."""

    id: int
    feed_id: int
    guid: str
    url: str | None
    title: str | None
    published: str | None
    status: ItemStatus
    attempts: int
    next_retry: dt.datetime | None

    @property
    def entry(self) -> FeedEntry:
        """Return the item as a feed entry (to fetch it again)."""
        return FeedEntry(guid=self.guid, url=self.url, title=self.title, published=self.published)


@dataclass(frozen=True)
class ItemUpdate:
    """What one attempt at an item gave."""

    status: ItemStatus
    attempts: int
    when: dt.datetime
    article_id: str | None = None
    error: str | None = None
    next_retry: dt.datetime | None = None


class Ledger:
    """Feed and item state in one store.

    Args:
        engine: the store's engine (schema migrated, so the feed tables exist).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write_engine = engine.execution_options(immediate=True)

    def _begin(self) -> Any:
        return self._write_engine.begin()

    def feed(self, url: str) -> FeedRecord:
        """Return the feed at ``url``, adding it on first sight."""
        with self._begin() as conn:
            lock_for_writing(conn)
            row = conn.execute(select(feeds).where(feeds.c.url == url)).first()
            if row is None:
                conn.execute(insert(feeds).values(url=url, failures=0))
                row = conn.execute(select(feeds).where(feeds.c.url == url)).one()
        return FeedRecord(id=row.id, url=row.url, etag=row.etag, last_modified=row.last_modified,
                          failures=row.failures, next_poll=row.next_poll)

    def feed_ok(self, feed: FeedRecord, *, when: dt.datetime, status: int, title: str | None = None,
                validators: tuple[str | None, str | None] | None = None) -> None:
        """Record a successful poll; ``validators`` (ETag, Last-Modified) replace the stored ones when given."""
        values: dict[str, Any] = dict(last_polled=when, last_ok=when, last_status=status, failures=0,
                                      last_error=None, next_poll=None)
        if title:
            values["title"] = title
        if validators is not None:
            values["etag"], values["last_modified"] = validators
        self._update_feed(feed.id, values)

    def feed_failed(self, feed: FeedRecord, *, when: dt.datetime, error: str, next_poll: dt.datetime) -> None:
        """Record a failed poll and when the feed is due again."""
        self._update_feed(feed.id, dict(last_polled=when, failures=feed.failures + 1, last_error=error,
                                        next_poll=next_poll))

    def _update_feed(self, feed_id: int, values: dict[str, Any]) -> None:
        with self._begin() as conn:
            lock_for_writing(conn)
            conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))

    def find(self, feed: FeedRecord, entry: FeedEntry) -> ItemRecord | None:
        """Return the item with this GUID in this feed, else any item at the same URL (from any feed)."""
        same_guid = and_(feed_items.c.feed_id == feed.id, feed_items.c.guid == entry.guid)
        where = or_(same_guid, feed_items.c.url == entry.url) if entry.url else same_guid
        with self.engine.connect() as conn:
            found = conn.execute(select(feed_items).where(where)).all()
        rows = sorted(found, key=lambda r: (r.feed_id != feed.id or r.guid != entry.guid, r.id))
        return _item(rows[0]) if rows else None

    def due(self, feed: FeedRecord, when: dt.datetime) -> list[ItemRecord]:
        """Return the failed items of ``feed`` whose retry is due at ``when``."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(feed_items).where(
                feed_items.c.feed_id == feed.id, feed_items.c.status == "failed",
                feed_items.c.next_retry <= when).order_by(feed_items.c.id)).all()
        return [_item(r) for r in rows]

    def record(self, feed: FeedRecord, entry: FeedEntry, outcome: ItemUpdate, *,
               item: ItemRecord | None = None) -> None:
        """Store the outcome of an attempt at ``entry`` (a new row unless ``item`` is given)."""
        values = dict(status=outcome.status, attempts=outcome.attempts, article_id=outcome.article_id,
                      last_error=outcome.error, last_attempt=outcome.when, next_retry=outcome.next_retry)
        with self._begin() as conn:
            lock_for_writing(conn)
            if item is not None:
                conn.execute(update(feed_items).where(feed_items.c.id == item.id).values(**values))
            else:
                conn.execute(insert(feed_items).values(
                    feed_id=feed.id, guid=entry.guid, url=entry.url, title=entry.title, published=entry.published,
                    first_seen=outcome.when, **values))


def _item(row: Any) -> ItemRecord:
    return ItemRecord(id=row.id, feed_id=row.feed_id, guid=row.guid, url=row.url, title=row.title,
                      published=row.published, status=row.status, attempts=row.attempts, next_retry=row.next_retry)
