"""Alembic revisions of the store (alembic skips this file)."""
