"""The first schema: articles, actors, mentions, roles, quotes, events, runs, errors; full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq',"
    " tokenize='porter unicode61')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text, seq ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
]

_POSTGRES_FTS = [
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(text, '')), 'B')) STORED",
    "CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)",
]


def upgrade() -> None:
    """Create every table, its indexes and the full-text index of the dialect."""
    _create_articles()
    _create_actors()
    _create_quotes_and_events()
    _create_runs()
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE_FTS if dialect == "sqlite" else _POSTGRES_FTS if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    """Drop everything the upgrade created."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("ingest_errors", "ingest_runs", "event_links", "events", "quotes", "roles", "mentions",
                  "actors", "articles"):
        op.drop_table(table)


def _create_articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("hash", sa.String(64), nullable=False, index=True),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text),
        sa.Column("text_length", sa.Integer, nullable=False),
        sa.Column("coder_version", sa.String(32), nullable=False, index=True),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )


def _create_actors() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("norm_name", sa.Text, nullable=False, index=True),
        sa.Column("code", sa.String(16), index=True),
        sa.Column("country", sa.String(8)),
        sa.Column("org", sa.String(16)),
        sa.Column("sector", sa.String(8)),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("actor_id", sa.String(40), sa.ForeignKey("actors.id"), nullable=False, index=True),
        sa.Column("local_id", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("sector", sa.String(8)),
        sa.Column("sectors", sa.JSON, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("spans", sa.JSON, nullable=False),
        sa.Column("date", sa.String(10)),
        sa.UniqueConstraint("article_id", "local_id", name="uq_mentions_article_local"),
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("actor_id", sa.String(40), sa.ForeignKey("actors.id"), nullable=False, index=True),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("org", sa.String(16), nullable=False),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.UniqueConstraint("actor_id", "role", "state", "org", name="uq_roles"),
    )


def _create_quotes_and_events() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_local_id", sa.String(64)),
        sa.Column("speaker_actor_id", sa.String(40), index=True),
        sa.Column("speaker_mention", sa.Text),
        sa.Column("cue", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("coder_version", sa.String(32), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        *[sa.Column(name, sa.JSON, nullable=False) for name in (
            "context", "actors", "recipients", "actor_ids", "recipient_ids", "actor_refs", "recipient_refs",
            "actor_sectors", "recipient_sectors")],
        sa.Column("date", sa.String(10)),
        sa.Column("day", sa.String(10), index=True),
        sa.Column("date_text", sa.Text),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("asserted_by", sa.Text),
        sa.Column("location", sa.JSON),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("cameo_root", sa.String(4)),
        sa.Column("score", sa.Float),
        sa.Column("goldstein", sa.Float),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("coder_version", sa.String(32), nullable=False),
        sa.Column("cluster_id", sa.String(64), index=True),
    )
    op.create_index("ix_events_type_day", "events", ["type", "day"])
    op.create_table(
        "event_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("other", sa.String(16)),
        sa.Column("other_side", sa.String(10)),
        sa.Column("day", sa.String(10)),
        sa.Column("score", sa.Float),
    )
    op.create_index("ix_event_links_code_side_day", "event_links", ["code", "side", "day", "event_id"])
    op.create_index("ix_event_links_code_other_day", "event_links", ["code", "other", "day", "score", "event_id"])


def _create_runs() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("command", sa.String(16), nullable=False),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("coder_version", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("pid", sa.Integer),
        sa.Column("host", sa.Text),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        *[sa.Column(name, sa.Integer, nullable=False) for name in ("added", "replaced", "skipped", "failed")],
    )
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), index=True),
        sa.Column("source", sa.Text),
        sa.Column("position", sa.Text),
        sa.Column("error", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
