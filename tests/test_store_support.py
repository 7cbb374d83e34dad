"""Shared helpers of the store tests: backends (SQLite, PostgreSQL) and hand-made records."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from communique.ingest import article_from_text
from communique.records import Actor, Article, ArticleResult, Evidence, Event, Location, Quote

PG_URL_VAR = "COMMUNIQUE_TEST_PG_URL"


def pg_url_or_skip() -> str:
    """Return a fresh PostgreSQL database URL; skip when none is configured (fail in CI)."""
    url = os.environ.get(PG_URL_VAR)
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{PG_URL_VAR} is not set in CI: run .ci/postgres.sh first")
        pytest.skip(f"{PG_URL_VAR} not set (run: source .ci/postgres.sh)")
    return _fresh_database(url)


def _fresh_database(url: str) -> str:
    """Create a new database beside the test database and return its URL (dropped at exit)."""
    base, _, _db = url.rpartition("/")
    name = f"communique_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _CREATED.append((url, name))
    return f"{base}/{name}"


_CREATED: list[tuple[str, str]] = []


def drop_created_databases() -> None:
    """Drop the databases ``pg_url_or_skip`` created."""
    while _CREATED:
        url, name = _CREATED.pop()
        admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def article(body: str, *, date: str = "2024-07-11", title: str = "Talks", url: str | None = None) -> Article:
    """Return an Article of ``body`` as a reader would."""
    return article_from_text(body, date=date, title=title, source=f"test/{title}.txt", url=url)


def state(local: str, code: str, name: str, spans: list[tuple[int, int]] | None = None) -> Actor:
    """Return a state actor of one article."""
    return Actor(id=local, name=name, kind="state", code=code, mentions=spans or [(0, len(name))])


def person(local: str, name: str, country: str, roles: list[str]) -> Actor:
    """Return a person actor of one article."""
    return Actor(id=local, name=name, kind="person", country=country, roles=roles, sector="GOV", sectors=["GOV"],
                 mentions=[(10, 10 + len(name))])


def result_for(art: Article, *, pairs: list[tuple[str, str, str]], date: str | None = None,
               coder: str = "0.1.0", minister: str = "Penny Wong") -> ArticleResult:
    """Return an ArticleResult with states, one person, one quote and one event per (type, actor, recipient)."""
    codes = sorted({c for _, a, r in pairs for c in (a, r) if c})
    actors = [state(f"{art.id}:s{i}", c, f"Name of {c}") for i, c in enumerate(codes)]
    actors.append(person(f"{art.id}:p0", minister, "AUS", ["foreign minister"]))
    quotes = [Quote(id=f"q_{art.id}_0", speaker=minister, speaker_id=f"{art.id}:p0", speaker_mention="Wong",
                    cue="said", text="We will keep talking.", start=5, end=26, kind="direct",
                    sentence="Wong said: We will keep talking.")]
    local = {a.code: a.id for a in actors if a.code}
    events = [
        Event(id=f"ev_{art.id}_{n}", type=kind, actors=[a], recipients=[r] if r else [], actor_ids=[local[a]],
              recipient_ids=[local[r]] if r else [], actor_sectors=["GOV"], date=date, status="occurred",
              score=-3.0 if kind == "ACCUSE" else 2.5, cameo_root="11" if kind == "ACCUSE" else "04",
              goldstein=-2.0 if kind == "ACCUSE" else 1.0,
              location=Location(text="Canberra", name="Canberra", state="AUS", lat=-35.28, lon=149.13,
                                precision="city"),
              evidence=[Evidence(sentence="s", start=0, end=4, text=art.text[:4])], rule="test")
        for n, (kind, a, r) in enumerate(pairs)
    ]
    return ArticleResult(id=art.id, title=art.title, date=art.date, source=art.source, url=art.url, language=art.language,
                         coder_version=coder, actors=actors, quotes=quotes, events=events)
