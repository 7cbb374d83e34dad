"""The feed tables (SQLAlchemy Core): what ``watch`` remembers between runs.

- ``feeds``: one row per feed URL: its validators for conditional GETs
  (ETag, Last-Modified), when it was polled, its last error and when a
  failing feed is due again.
- ``feed_items``: one row per item seen (feed, GUID, URL): the article it
  became, or why it failed, how often, and when it is retried.

The migration ``0002_feeds`` creates the same tables; a test checks both agree.
"""

from __future__ import annotations

from typing import Final, Literal

from sqlalchemy import Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint

#: What became of an item: stored, waiting for a retry, abandoned, or barred by robots.txt.
ItemStatus = Literal["ingested", "failed", "gave_up", "disallowed"]
ITEM_STATUSES: Final = ("ingested", "failed", "gave_up", "disallowed")

metadata = MetaData()

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled", DateTime),
    Column("last_ok", DateTime),
    Column("last_status", Integer),
    Column("failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("next_poll", DateTime),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("guid", Text, nullable=False),
    Column("url", Text, index=True),
    Column("title", Text),
    Column("published", String(10)),
    Column("article_id", String(40), index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("first_seen", DateTime, nullable=False),
    Column("last_attempt", DateTime),
    Column("next_retry", DateTime),
    UniqueConstraint("feed_id", "guid", name="uq_feed_items_feed_guid"),
)
