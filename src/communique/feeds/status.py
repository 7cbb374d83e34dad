"""``feed_status(engine)``: what ``communique status`` shows about watched feeds."""

from __future__ import annotations

import datetime as dt

from pydantic import Field
from sqlalchemy import Engine, func, inspect, select

from communique.feeds.tables import feed_items, feeds
from communique.records import Record


class FeedInfo(Record):
    """One watched feed: when it was polled, whether it is failing, what its items became."""

    url: str
    title: str | None = None
    last_polled: dt.datetime | None = None
    last_ok: dt.datetime | None = None
    failures: int = 0
    last_error: str | None = None
    next_poll: dt.datetime | None = None
    items: dict[str, int] = Field(default_factory=dict)


class ItemProblem(Record):
    """An item that failed: waiting for a retry (``failed``) or abandoned (``gave_up``)."""

    feed: str
    url: str | None = None
    guid: str
    status: str
    attempts: int
    last_error: str | None = None
    last_attempt: dt.datetime | None = None
    next_retry: dt.datetime | None = None


class FeedStatus(Record):
    """Watched feeds and their failing items (newest attempt first)."""

    feeds: list[FeedInfo] = Field(default_factory=list)
    problems: list[ItemProblem] = Field(default_factory=list)

    @property
    def failing_feeds(self) -> list[FeedInfo]:
        """Return the feeds whose last poll failed."""
        return [f for f in self.feeds if f.failures]


def feed_status(engine: Engine, *, problems: int | None = 50) -> FeedStatus:
    """Return every watched feed and up to ``problems`` failed or abandoned items (None: all).

    An empty status when the store has no feed tables (an older schema).
    """
    if not inspect(engine).has_table(feeds.name):
        return FeedStatus()
    with engine.connect() as conn:
        counts: dict[int, dict[str, int]] = {}
        for feed_id, status, n in conn.execute(select(feed_items.c.feed_id, feed_items.c.status, func.count())
                                               .group_by(feed_items.c.feed_id, feed_items.c.status)):
            counts.setdefault(feed_id, {})[status] = n
        infos = [FeedInfo(url=r.url, title=r.title, last_polled=r.last_polled, last_ok=r.last_ok,
                          failures=r.failures, last_error=r.last_error, next_poll=r.next_poll,
                          items=counts.get(r.id, {}))
                 for r in conn.execute(select(feeds).order_by(feeds.c.url))]
        query = (select(feed_items, feeds.c.url.label("feed_url")).join(feeds, feeds.c.id == feed_items.c.feed_id)
                 .where(feed_items.c.status.in_(("failed", "gave_up")))
                 .order_by(feed_items.c.last_attempt.desc(), feed_items.c.id.desc()).limit(problems))
        items = [ItemProblem(feed=r.feed_url, url=r.url, guid=r.guid, status=r.status, attempts=r.attempts,
                             last_error=r.last_error, last_attempt=r.last_attempt, next_retry=r.next_retry)
                 for r in conn.execute(query)]
    return FeedStatus(feeds=infos, problems=items)
