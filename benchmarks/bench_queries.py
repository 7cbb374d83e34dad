"""Query latency on a SQLite store of generated events (default 1,000,000) with realistic skew.

    .venv/bin/python benchmarks/bench_queries.py [--events 1000000] [--db PATH] [--keep]

Actors are drawn from a Zipf-like law over 250 codes, so a few actors take
part in most events and many appear rarely. Times the three queries of issue
8 (each returns at most 1,000 rows); target: under 200 ms each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

import communique.store as store_mod
from communique.store.models import ActorRow, ArticleRow, EventRow
from communique.store.writer import event_day, event_links
from communique.records import Event

TYPES = ["CONSULT", "AGREE", "SUPPORT", "ACCUSE", "REQUEST", "THREATEN", "ASSAULT", "AID", "SANCTION", "COERCE"]
SCORES = {"CONSULT": 2.5, "AGREE": 2.5, "SUPPORT": 5.0, "ACCUSE": -3.0, "REQUEST": 0.0, "THREATEN": -3.5,
          "ASSAULT": -9.0, "AID": 10.0, "SANCTION": -6.0, "COERCE": -7.0}
EVENTS_PER_ARTICLE = 10
START = dt.date(2015, 1, 1)
DAYS = 365 * 10


def codes(n: int = 250) -> list[str]:
    """Return ``n`` distinct three-letter codes; the first few are the frequent ones."""
    head = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "JPN", "ISR", "IRN", "UKR", "TUR"]
    rng = random.Random(7)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = list(head)
    while len(out) < n:
        code = "".join(rng.choice(letters) for _ in range(3))
        if code not in out:
            out.append(code)
    return out


def generate(url: str, n_events: int, seed: int = 1) -> None:
    """Fill the store at ``url`` with ``n_events`` events (bulk inserts, bypassing the coder)."""
    rng = random.Random(seed)
    pool = codes()
    weights = [1 / (rank + 1) ** 1.3 for rank in range(len(pool))]
    store = store_mod.open(url)
    now = dt.datetime(2026, 1, 1)
    with store.engine.begin() as conn:
        conn.execute(insert(ActorRow.__table__), [
            dict(id=f"actor_{c.lower()}", key=f"state:{c}", kind="state", name=f"State {c}", norm_name=c.lower(),
                 code=c, country=None, org=None, sector=None, first_seen=None, last_seen=None) for c in pool])
    n_articles = n_events // EVENTS_PER_ARTICLE
    for start in range(0, n_articles, 2_000):
        articles, events, links = [], [], []
        for a in range(start, min(start + 2_000, n_articles)):
            day = (START + dt.timedelta(days=rng.randrange(DAYS))).isoformat()
            art_id = f"art_{a:016x}"
            articles.append(dict(id=art_id, seq=a + 1, hash=f"{a:064x}", url=None, source=f"gen/{a}", title=f"Article {a}",
                                 date=day, language="en", text=None, text_length=0, coder_version="bench",
                                 meta={}, notes=[], run_id=None, ingested_at=now))
            for k in range(EVENTS_PER_ARTICLE):
                ev = _event(rng, pool, weights, f"ev_{a:012x}{k:02d}")
                d = event_day(None, day)
                row = ev.model_dump(mode="json")
                row.update(article_id=art_id, day=d, coder_version="bench", cluster_id=None, lat=None, lon=None,
                           actor_refs=[], recipient_refs=[])
                events.append(row)
                links.extend(event_links(ev, d))
        with store.engine.begin() as conn:
            conn.execute(insert(ArticleRow.__table__), articles)
            conn.execute(insert(EventRow.__table__), events)
            conn.execute(insert(EventRow.__table__.metadata.tables["event_links"]), links)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    store.close()


def _event(rng: random.Random, pool: list[str], weights: list[float], event_id: str) -> Event:
    kind = rng.choice(TYPES)
    n_actors = 1 if rng.random() < 0.85 else 2
    chosen = []
    while len(chosen) < n_actors + 1:
        code = rng.choices(pool, weights)[0]
        if code not in chosen:
            chosen.append(code)
    actors, recipients = chosen[:n_actors], chosen[n_actors:] if rng.random() < 0.8 else []
    return Event(id=event_id, type=kind, actors=actors, recipients=recipients, score=SCORES[kind],
                 evidence=[], rule="bench")


def timed(fn, repeat: int = 7) -> tuple[float, int]:
    """Return (median milliseconds over ``repeat`` runs after a warm-up, rows returned)."""
    rows = len(fn())
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file to (re)use")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="communique-bench-")) / "events.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        t0 = time.perf_counter()
        generate(url, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - t0:.1f} s -> {path}")
    store = store_mod.open(url)
    with store.engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one()
        top = conn.exec_driver_sql(
            "SELECT code, count(DISTINCT event_id) FROM event_links GROUP BY code ORDER BY 2 DESC LIMIT 3").all()
    print(f"store: {n:,} events; most frequent actors: " + ", ".join(f"{c} in {k:,}" for c, k in top))
    rare = codes()[200]
    queries = {
        "one actor in a date range (USA, 2020-01-01..2020-03-31, limit 1000)":
            lambda: store.events(actor="USA", since="2020-01-01", until="2020-03-31", limit=1000),
        f"one rare actor in a date range ({rare}, 2015..2024, limit 1000)":
            lambda: store.events(actor=rare, since="2015-01-01", until="2024-12-31", limit=1000),
        "dyad by month (USA, CHN, all years)": lambda: store.dyad("USA", "CHN", by="month"),
        "dyad by month (USA, RUS, 2020)": lambda: store.dyad("USA", "RUS", by="month", since="2020-01-01",
                                                             until="2020-12-31"),
        "top counterparts of one actor (USA, top 20)": lambda: store.counterparts("USA", limit=20),
        f"top counterparts of one actor ({rare}, top 20)": lambda: store.counterparts(rare, limit=20),
    }
    print(f"{'query':<72} {'rows':>6} {'median ms':>10}")
    for name, fn in queries.items():
        ms, rows = timed(fn)
        flag = "" if ms < 200 else "  (over 200 ms)"
        print(f"{name:<72} {rows:>6} {ms:>10.1f}{flag}")


if __name__ == "__main__":
    main()
