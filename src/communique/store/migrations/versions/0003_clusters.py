"""Cross-article clusters: ``clusters``, ``event_clusters`` and ``cluster_keys`` (see ``store.clustering``).

Revision ID: 0003_clusters
Revises: 0002_feeds
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_clusters"
down_revision = "0002_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the cluster tables and their indexes."""
    op.create_table(
        "clusters",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("component", sa.String(64), nullable=False, index=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("participants", sa.JSON, nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("day", sa.String(10), index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("contested", sa.Boolean, nullable=False),
        *[sa.Column(name, sa.JSON, nullable=False) for name in ("disagreements", "events", "articles", "sources")],
        *[sa.Column(name, sa.Integer, nullable=False) for name in ("n_events", "n_articles", "n_sources")],
        sa.Column("first_reported", sa.String(10)),
        sa.Column("last_reported", sa.String(10)),
    )
    op.create_index("ix_clusters_type_day", "clusters", ["type", "day"])
    op.create_table(
        "event_clusters",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(40), nullable=False, index=True),
        sa.Column("url", sa.Text, index=True),
        sa.Column("cluster_id", sa.String(64), nullable=False, index=True),
        sa.Column("component", sa.String(64), nullable=False, index=True),
    )
    op.create_table(
        "cluster_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), nullable=False, index=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("wide", sa.Boolean, nullable=False),
        sa.Column("lo", sa.String(10), nullable=False),
        sa.Column("hi", sa.String(10), nullable=False),
    )
    op.create_index("ix_cluster_keys_lookup", "cluster_keys", ["code", "type", "wide", "lo"])


def downgrade() -> None:
    """Drop the cluster tables."""
    for table in ("cluster_keys", "event_clusters", "clusters"):
        op.drop_table(table)
