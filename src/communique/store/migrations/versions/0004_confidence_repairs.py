"""Event confidence (issue 19) and the repairs made on reading an article (issue 20).

Revision ID: 0004_confidence_repairs
Revises: 0003_clusters
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_confidence_repairs"
down_revision = "0003_clusters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``events.confidence`` (indexed, for ``--min-confidence``) and ``articles.repairs``."""
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("confidence", sa.Float, nullable=True))
        batch.create_index("ix_events_confidence", ["confidence"])
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("repairs", sa.JSON, nullable=True))


def downgrade() -> None:
    """Drop the two columns."""
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("repairs")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_confidence")
        batch.drop_column("confidence")
