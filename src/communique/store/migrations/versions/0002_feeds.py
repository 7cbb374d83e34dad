"""Feed state for ``communique watch``: feeds (validators, polls, errors) and the items seen.

Revision ID: 0002_feeds
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_feeds"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``feeds`` and ``feed_items``."""
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_polled", sa.DateTime),
        sa.Column("last_ok", sa.DateTime),
        sa.Column("last_status", sa.Integer),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("next_poll", sa.DateTime),
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("guid", sa.Text, nullable=False),
        sa.Column("url", sa.Text, index=True),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("article_id", sa.String(40), index=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_attempt", sa.DateTime),
        sa.Column("next_retry", sa.DateTime),
        sa.UniqueConstraint("feed_id", "guid", name="uq_feed_items_feed_guid"),
    )


def downgrade() -> None:
    """Drop the feed tables."""
    op.drop_table("feed_items")
    op.drop_table("feeds")
