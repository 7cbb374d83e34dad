"""What incremental clustering adds to ingest: ``update_clusters`` over 10,000 synthetic articles.

    .venv/bin/python benchmarks/bench_clusters.py [--articles 10000] [--sample 40]

1. Per-article ingest time: ``process_article`` + ``Writer.write`` (one process,
   model loaded before timing) over ``--sample`` articles of ../shared/examples, ../shared/gold/dev
   and the cluster test corpus.
2. A fresh SQLite store receives ``--articles`` synthetic articles (hand-made
   results: one year, 40 state codes with a skewed frequency, 12 types, 1-3
   events per article, happenings reported by 1-8 outlets, 10% coarse dates);
   each write (or each ``--batch`` of writes) is followed by
   ``update_clusters(engine, article_ids)``; the two are timed separately.
3. ``rebuild_clusters`` over the same store, and a check that it gives the
   incremental result.

Target (issue 12): clustering adds < 10% to ingest time, i.e. the mean
``update_clusters`` time per article < 10% of the per-article ingest time.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))

CODES = ["USA", "CHN", "RUS", "UKR", "GBR", "FRA", "DEU", "JPN", "IND", "IRN", "ISR", "TUR", "SAU", "EGY", "PAK",
         "AFG", "IRQ", "SYR", "LBN", "KOR", "PRK", "AUS", "BRA", "MEX", "VEN", "NGA", "ZAF", "ETH", "KEN", "SDN",
         "POL", "ITA", "ESP", "CAN", "IDN", "PHL", "VNM", "THA", "QAT", "ARE"]
TYPES = ["CONSULT", "AGREE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
         "MOBILIZE", "ASSAULT"]
WORDS = ("talks trade security border oil gas grain ports missiles drones troops aid loans sanctions election "
         "summit ceasefire prisoners refugees nuclear talks water dam pipeline fishing islands shipping visas "
         "tariffs chips embassy envoy ministers capital villages airstrike convoy hostages").split()
OUTLETS = [f"outlet{i}.example" for i in range(60)]


def ingest_time_per_article(sample: int) -> float:
    """Seconds per article for coding and writing (no clustering), measured on real example texts."""
    from communique import nlp as nlp_mod
    from communique.ingest import read_inputs
    from communique.pipeline import process_article
    from communique.records import Article
    from communique.store import open_store

    paths = (sorted((SHARED / "examples").glob("*.txt")) + sorted((SHARED / "gold" / "dev").glob("*.txt"))
             + sorted((ROOT / "tests" / "fixtures" / "clusters").glob("*.txt")))
    articles = [a for a in read_inputs([str(p) for p in paths]) if isinstance(a, Article)][:sample]
    nlp_mod.load()
    process_article(articles[0])  # warm up
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'ingest.db'}")
        writer = store.writer()
        started = time.perf_counter()
        for article in articles:
            try:
                writer.write(article, process_article(article))
            except Exception as exc:  # noqa: BLE001 - a coder bug must not stop the benchmark
                print(f"skipped {article.source}: {type(exc).__name__}", file=sys.stderr)
        elapsed = time.perf_counter() - started
        store.close()
    print(f"ingest (code + write) over {len(articles)} articles, {sum(len(a.text) for a in articles) // len(articles)}"
          " characters each on average")
    return elapsed / len(articles)


def synthetic(n: int, seed: int = 12) -> list[tuple]:
    """Return ``n`` (Article, ArticleResult) pairs reporting happenings, several outlets each."""
    from test_store_clustering import make

    rnd = random.Random(seed)
    weights = [1 / (i + 1) for i in range(len(CODES))]
    out: list[tuple] = []
    happenings = []
    while len(out) < n:
        if not happenings or rnd.random() < 0.35:
            a, b = rnd.choices(CODES, weights)[0], rnd.choices(CODES, weights)[0]
            if a == b:
                continue
            day = rnd.randrange(365)
            date = f"2024-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}"
            happenings.append((rnd.choice(TYPES), a, b, date, " ".join(rnd.sample(WORDS, 5))))
        typ, a, b, date, gist = rnd.choice(happenings[-200:])
        events = [(typ, a, b, date if rnd.random() > 0.1 else date[:7], "occurred",
                   f"{a} and {b} {gist} {' '.join(rnd.sample(WORDS, 3))}")]
        for _ in range(rnd.randrange(3)):  # other events of the article
            c, d = rnd.choices(CODES, weights)[0], rnd.choices(CODES, weights)[0]
            if c != d:
                events.append((rnd.choice(TYPES), c, d, date, "occurred", " ".join(rnd.sample(WORDS, 8))))
        outlet = rnd.choice(OUTLETS)
        out.append(make(outlet.split(".")[0], date, events, n=len(out), url=f"https://{outlet}/{len(out)}"))
    return out


def main(argv: list[str]) -> int:
    """Print per-article ingest and clustering times and their ratio."""
    from communique.store import open_store
    from communique.store.clustering import cluster_counts, list_clusters, rebuild_clusters, update_clusters

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--batch", type=int, default=1, help="Articles per update_clusters call (1: each article).")
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()} on {platform.machine()}, SQLite store")
    per_article = ingest_time_per_article(args.sample)
    print(f"ingest (code + write), per article: {per_article * 1000:.1f} ms")
    items = synthetic(args.articles)
    write_s = cluster_s = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        writer = store.writer()
        slowest = 0.0
        for start in range(0, len(items), args.batch):
            batch = items[start:start + args.batch]
            t0 = time.perf_counter()
            for art, result in batch:
                writer.write(art, result)
            t1 = time.perf_counter()
            update_clusters(store.engine, [art.id for art, _ in batch])
            t2 = time.perf_counter()
            write_s += t1 - t0
            cluster_s += t2 - t1
            slowest = max(slowest, t2 - t1)
        counts = cluster_counts(store.engine)
        incremental = sorted((c.id, tuple(c.events)) for c in list_clusters(store.engine, reports=False))
        t0 = time.perf_counter()
        rebuild_clusters(store.engine)
        rebuild_s = time.perf_counter() - t0
        rebuilt = sorted((c.id, tuple(c.events)) for c in list_clusters(store.engine, reports=False))
        store.close()
    n = len(items)
    per_cluster = cluster_s / n
    print(f"{n} synthetic articles, {counts['events']} events -> {counts['clusters']} clusters "
          f"({counts['contested']} contested)")
    print(f"write only (no coding), per article: {write_s / n * 1000:.2f} ms")
    print(f"update_clusters (batches of {args.batch}) per article: mean {per_cluster * 1000:.2f} ms, "
          f"slowest call {slowest * 1000:.1f} ms, "
          f"total {cluster_s:.1f} s")
    print(f"rebuild_clusters: {rebuild_s:.1f} s; incremental == rebuilt: {incremental == rebuilt}")
    print(f"clustering adds {per_cluster / per_article * 100:.1f}% to ingest time (target < 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
