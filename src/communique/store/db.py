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

from communique.errors import ReadOnlyStoreError, StoreError, StoreNotFoundError

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


def connect(url: str, *, migrate: bool = True, create: bool = True) -> Engine:
    """Return an engine for ``url`` with the schema migrated to the newest revision.

    With ``create=False`` (every command that only reads) a store that does not exist is
    refused with ``StoreNotFoundError`` and nothing is created: no folder, no file, no table.
    """
    parsed = normalise_url(url)
    if not create:
        _check_sqlite_file_exists(parsed)
    try:
        engine = _create(parsed, create=create)
        if not create and current_revision(engine) is None:
            engine.dispose()
            raise StoreNotFoundError(
                "not a Communiqué store (no tables): check --db; ingest, load, watch and serve create one",
                source=_safe(parsed))
        if migrate:
            upgrade(engine)
    except SQLAlchemyError as exc:
        if is_read_only_error(exc):
            raise ReadOnlyStoreError("the store is read-only and needs a schema upgrade that writes to it",
                                     source=_safe(parsed)) from exc
        raise StoreError(f"cannot open the store: {_first_line(exc)}", source=_safe(parsed)) from exc
    return engine


def _check_sqlite_file_exists(url: URL) -> None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    database = url.database or ""
    path = Path(database.removeprefix("file:").split("?", 1)[0]).expanduser()
    if not path.is_file():
        raise StoreNotFoundError(
            "no store at this path: check --db (ingest, load, watch and serve create one)", source=str(path))
    with path.open("rb") as head:
        if head.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise StoreNotFoundError("not a Communiqué store (not an SQLite database): check --db", source=str(path))


#: The first bytes of every SQLite database file (an empty file is not one yet).
_SQLITE_MAGIC = b"SQLite format 3\x00"


#: SQLSTATEs of PostgreSQL's refusals to write: read-only transaction, insufficient privilege.
_PG_READ_ONLY_STATES = frozenset({"25006", "42501"})


def is_read_only_error(exc: BaseException) -> bool:
    """Return True when ``exc`` is the database refusing a write because the store is read-only."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) in _PG_READ_ONLY_STATES:
        return True
    text = str(orig).lower()
    return "readonly database" in text or "read-only" in text or "read only" in text


def _first_line(exc: BaseException) -> str:
    """The database's own message, without SQLAlchemy's statement and parameters."""
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _create(url: URL, *, create: bool = True) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _create_sqlite(url, create=create)
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, future=True)
    raise StoreError(f"unsupported database {url.get_backend_name()!r}: use sqlite:/// or postgresql://")


def _create_sqlite(url: URL, *, create: bool = True) -> Engine:
    database = url.database or ""
    kwargs: dict[str, Any] = {}
    if database in ("", ":memory:"):
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"check_same_thread": False}
    elif create and not database.startswith("file:"):
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
