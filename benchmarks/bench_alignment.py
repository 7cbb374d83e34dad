"""Alignment analytics at scale: all dyads by quarter and the blocs of every quarter on 1,000,000 events.

    .venv/bin/python benchmarks/bench_alignment.py [--events 1000000] [--no-store] [--db PATH]

1. In memory: generate the facts (one per event) of 200 codes in 8 planted
   blocs over ten years (40 quarters), with Zipf-like activity and 10% noise;
   time ``all_dyads(by="quarter")`` and ``blocs(by="quarter")``. Target: both
   together under 60 s.
2. From a store: bulk-insert the same events into a SQLite store (SQLAlchemy
   Core; reports of one happening share a ``cluster_id``, 1 to 3 reports each)
   and time ``load_facts`` per event and per cluster, then the whole chain
   (load + dyads + blocs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from communique.analysis.alignment import Fact, all_dyads, bloc_moves, blocs

TYPES_COOP = [("CONSULT", 1, 1.0), ("AGREE", 1, 4.0), ("COOPERATE", 2, 6.0), ("AID", 2, 7.0)]
TYPES_CONF = [("ACCUSE", 3, -4.0), ("THREATEN", 3, -5.0), ("SANCTION", 4, -7.0), ("ASSAULT", 4, -10.0)]
START = dt.date(2015, 1, 1)
DAYS = 3652
N_CODES = 200
N_BLOCS = 8
NOISE = 0.1


def pool() -> list[str]:
    """``N_CODES`` distinct codes."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    rng = random.Random(11)
    out: list[str] = []
    while len(out) < N_CODES:
        code = "".join(rng.choice(letters) for _ in range(3))
        if code not in out:
            out.append(code)
    return out


def generate(n_events: int, seed: int = 1) -> list[tuple[str, str, str, str, str, int, float, str]]:
    """``(event id, cluster id, day, actor, recipient, quad, score, type)`` rows, 1 to 3 reports per happening."""
    rng = random.Random(seed)
    codes = pool()
    bloc_of = {c: i % N_BLOCS for i, c in enumerate(codes)}
    members = [[c for c in codes if bloc_of[c] == b] for b in range(N_BLOCS)]
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(codes))]
    days = [(START + dt.timedelta(days=d)).isoformat() for d in range(DAYS)]
    rows: list[tuple[str, str, str, str, str, int, float, str]] = []
    happening = 0
    actors = rng.choices(codes, weights, k=n_events)
    while len(rows) < n_events:
        a = actors[len(rows)]
        same = rng.random() < 0.6
        b = rng.choice(members[bloc_of[a]]) if same else rng.choice(codes)
        if b == a:
            continue
        coop = (bloc_of[a] == bloc_of[b]) != (rng.random() < NOISE)
        kind, quad, score = rng.choice(TYPES_COOP if coop else TYPES_CONF)
        day = rng.choice(days)
        happening += 1
        for k in range(min(rng.choice((1, 1, 2, 3)), n_events - len(rows))):
            rows.append((f"ev_{len(rows):09d}", f"cl_{happening:09d}", day, a, b, quad, score, kind))
    return rows


def facts_of(rows: list[tuple[str, str, str, str, str, int, float, str]]) -> list[Fact]:
    """One fact per event (no clustering), as ``load_facts(use_clusters=False)`` gives."""
    return [Fact(id=r[0], date=r[2], actors=(r[3],), recipients=(r[4],), type=r[7], quad=r[5], score=r[6],
                 events=(r[0],)) for r in rows]


def analyse(facts: list[Fact]) -> dict[str, float]:
    """Time all dyads by quarter and the blocs of every quarter."""
    t0 = time.perf_counter()
    dyads = all_dyads(facts, by="quarter")
    t1 = time.perf_counter()
    history = blocs(facts, by="quarter")
    t2 = time.perf_counter()
    moves = bloc_moves(history)
    codes = pool()
    planted = {frozenset(codes[i::N_BLOCS]) for i in range(N_BLOCS)}
    exact = sum({frozenset(b.members) for b in found} == planted for found in history.values())
    print(f"  {len(dyads):,} (quarter, dyad) cells; {len(history)} quarters, "
          f"{sum(len(b) for b in history.values())} blocs, {len(moves)} moves; "
          f"planted blocs recovered exactly in {exact}/{len(history)} quarters")
    return {"all dyads by quarter": t1 - t0, "blocs of every quarter": t2 - t1}


def write_store(url: str, rows: list[tuple[str, str, str, str, str, int, float, str]]) -> None:
    """Bulk-insert the events (10 per article) into a new store, bypassing the writer."""

    from communique.store.api import Store
    from communique.store.models import ArticleRow, EventRow

    store = Store(url)
    now = dt.datetime(2026, 1, 1)
    batch = 50_000
    for start in range(0, len(rows), batch):
        chunk = rows[start: start + batch]
        articles = {}
        events = []
        for i, (eid, cid, day, a, b, _quad, score, kind) in enumerate(chunk, start):
            art = f"art_{i // 10:09d}"
            if art not in articles:
                articles[art] = dict(id=art, seq=i // 10 + 1, hash=art, url=None, source=f"outlet{(i // 10) % 97}",
                                     title=None, date=day, language="en", text=None, text_length=0,
                                     coder_version="bench", meta={}, notes=[], run_id=None, ingested_at=now)
            events.append(dict(id=eid, article_id=art, type=kind, mode=None, context=[], actors=[a], recipients=[b],
                               actor_ids=[], recipient_ids=[], actor_refs=[], recipient_refs=[], actor_sectors=[],
                               recipient_sectors=[], date=day, day=day, date_text=None, status="occurred",
                               asserted_by=None, location=None, lat=None, lon=None, cameo_root=None, score=score,
                               goldstein=None, evidence=[], rule="bench", coder_version="bench", cluster_id=cid))
        with store.engine.begin() as conn:
            conn.execute(insert(ArticleRow.__table__), list(articles.values()))
            conn.execute(insert(EventRow.__table__), events)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--no-store", action="store_true", help="skip the SQLite part")
    parser.add_argument("--db", type=Path, default=None, help="SQLite file to (re)use")
    args = parser.parse_args()

    t0 = time.perf_counter()
    rows = generate(args.events)
    facts = facts_of(rows)
    print(f"generated {len(facts):,} facts in memory in {time.perf_counter() - t0:.1f} s")
    times = analyse(facts)
    for name, secs in times.items():
        print(f"  {name:<28} {secs:6.1f} s")
    print(f"  {'total (target < 60 s)':<28} {sum(times.values()):6.1f} s")
    if args.no_store:
        return

    from communique.analysis.facts import load_facts

    path = args.db or Path(tempfile.mkdtemp(prefix="communique-align-")) / "events.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        t0 = time.perf_counter()
        write_store(url, rows)
        print(f"bulk-inserted {len(rows):,} events in {time.perf_counter() - t0:.1f} s -> {path}")
    del facts, rows
    for clusters in (False, True):
        t0 = time.perf_counter()
        loaded = load_facts(url_engine(url), use_clusters=clusters)
        load = time.perf_counter() - t0
        label = "per cluster" if clusters else "per event"
        print(f"load_facts {label}: {len(loaded):,} facts in {load:.1f} s")
        times = analyse(loaded)
        total = load + sum(times.values())
        print(f"  load + dyads + blocs ({label}): {total:.1f} s")
        del loaded


def url_engine(url: str):  # noqa: ANN201 - a SQLAlchemy engine
    """The engine of the store at ``url``."""
    from communique.store.api import Store

    return Store(url).engine


if __name__ == "__main__":
    main()
