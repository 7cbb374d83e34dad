"""Engines and migrations: SQLite (WAL) by default, PostgreSQL by URL.

``connect(url)`` returns an engine whose schema is at the newest Alembic
revision. SQLite connections use WAL (readers work while a batch writes), a
busy timeout and foreign keys; write transactions that pass the execution
option ``immediate=True`` take SQLite's write lock at BEGIN (``BEGIN
IMMEDIATE``) or a transaction-scoped advisory lock on PostgreSQL, so two
writers never interleave. No lock outlives its transaction or its process.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from communique.errors import StoreError

log = logging.getLogger(__name__)

#: Milliseconds a SQLite connection waits for another writer before failing.
SQLITE_BUSY_TIMEOUT_MS = 60_000

#: Page cache of a SQLite connection, in KiB (SQLite's default is 2 MiB). A group of articles
#: touches pages all over the indexes of events and event_links; with the small default cache
#: pages are evicted and read back (and dirty ones spilled) within one transaction. The cache
#: grows only as pages are used.
SQLITE_CACHE_KIB = 32_768

#: WAL pages after which a committing connection checkpoints the WAL into the database
#: (SQLite's default is 1000). Each write transaction dirties pages all over the indexes, so
#: with the default nearly every commit checkpoints and copies the same hot pages again; a
#: larger WAL copies each at most once per checkpoint. Durability is unchanged: a commit is
#: in the WAL either way (synchronous = NORMAL), and a checkpoint only moves committed pages.
SQLITE_WAL_AUTOCHECKPOINT = 10_000

#: Key of the PostgreSQL advisory lock that serialises writers of one database.
PG_WRITER_LOCK = 7_130_517


def normalise_url(url: str) -> URL:
    """Parse a store URL; plain ``postgresql://`` URLs get the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises several types here
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def connect(url: str, *, migrate: bool = True) -> Engine:
    """Return an engine for ``url`` with the schema migrated to the newest revision."""
    parsed = normalise_url(url)
    try:
        engine = _create(parsed)
        if migrate:
            upgrade(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the store: {exc}", source=_safe(parsed)) from exc
    return engine


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _create(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _create_sqlite(url)
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, future=True)
    raise StoreError(f"unsupported database {url.get_backend_name()!r}: use sqlite:/// or postgresql://")


def _create_sqlite(url: URL) -> Engine:
    database = url.database or ""
    kwargs: dict[str, Any] = {}
    if database in ("", ":memory:"):
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"check_same_thread": False}
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_on_begin)
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    cursor.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_AUTOCHECKPOINT}")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def lock_for_writing(conn: Any) -> None:
    """Serialise writers: on PostgreSQL take a transaction-scoped advisory lock (SQLite: BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITER_LOCK})")


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("communique.store") / "migrations"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the newest migration revision shipped with the package."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    return str(script.get_current_head())


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate the database to the newest revision (a no-op when it is already there)."""
    if current_revision(engine) == head_revision():
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    log.info("migrating %s", _safe(engine.url))
    with engine.execution_options(immediate=True).begin() as conn:
        lock_for_writing(conn)
        if MigrationContext.configure(conn).get_current_revision() != head_revision():
            command.upgrade(_alembic_config(conn), "head")
