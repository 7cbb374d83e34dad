"""Actors users import into a store (issue 20): ``communique actors-import FILE``.

Revision ID: 0005_user_actors
Revises: 0004_confidence_repairs
Create Date: 2026-12-07

One row per actor row of the imported file: its name key (accents and case
folded, unique per kind and term start, so importing again updates it) and the
row itself as JSON. Plain types only: the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_user_actors"
down_revision = "0004_confidence_repairs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``user_actors``."""
    op.create_table(
        "user_actors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.String(10), nullable=False),
        sa.Column("spec", sa.JSON, nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("name_key", "kind", "start", name="uq_user_actors_key"),
    )


def downgrade() -> None:
    """Drop ``user_actors``."""
    op.drop_table("user_actors")
