"""Why the reports of a cluster are one happening: ``clusters.links`` (issue 22).

Revision ID: 0006_cluster_links
Revises: 0005_user_actors
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_cluster_links"
down_revision = "0005_user_actors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``clusters.links`` (JSON ``[{a, b, reason}]``; null for clusters made before it, until re-clustered)."""
    with op.batch_alter_table("clusters") as batch:
        batch.add_column(sa.Column("links", sa.JSON, nullable=True))


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("clusters") as batch:
        batch.drop_column("links")
