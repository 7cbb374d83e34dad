"""Ingest throughput with 1 and 2 workers against raw spaCy ``nlp.pipe`` with 1 and 2 processes.

    .venv/bin/python benchmarks/bench_ingest.py [--articles 2000] [--workers 1 2]

Builds ``--articles`` distinct articles from ../shared/examples and
../shared/gold/dev/*.txt (each copy gets a unique closing line, so the hash
check does not skip it), then times, on the same texts:
- raw spaCy: ``nlp.pipe(texts, n_process=k, batch_size=8)`` (model loaded before timing);
- ``communique ingest`` through the Python runner into a fresh SQLite store,
  start-up of the worker processes included.
Target (issue 8): ingest with 2 workers >= 75% of raw spaCy's 2-process throughput.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def sources() -> list[Path]:
    """Return the example corpus files (header format)."""
    return sorted((SHARED / "examples").glob("*.txt")) + sorted((SHARED / "gold" / "dev").glob("*.txt"))


def build_corpus(n: int, folder: Path) -> list[str]:
    """Write ``n`` distinct header-format articles into ``folder``; return their bodies."""
    from communique.ingest import read_inputs
    from communique.records import Article

    originals = [a for a in read_inputs([str(p) for p in sources()]) if isinstance(a, Article)]
    bodies = []
    for i in range(n):
        base = originals[i % len(originals)]
        body = base.text.rstrip() + f"\n\nThis is copy {i} of the report, filed for the ingest benchmark.\n"
        (folder / f"a{i:05d}.txt").write_text(f"date {base.date} {base.title}\n\n{body}", encoding="utf-8")
        bodies.append(body)
    return bodies


def raw_spacy(texts: list[str], processes: int) -> float:
    """Return seconds for raw ``nlp.pipe`` over ``texts`` (model already loaded)."""
    from communique import nlp as nlp_mod

    nlp = nlp_mod.load()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=8):
        pass
    return time.perf_counter() - t0


def ingest(folder: Path, workers: int, db: Path) -> tuple[float, int]:
    """Return (seconds, articles stored) for an ingest of ``folder`` with ``workers``."""
    import communique.store as store_mod
    from communique.ingest import read_inputs
    from communique.pipeline import CODER_VERSION
    from communique.store.runner import ingest as run_ingest

    store = store_mod.open(f"sqlite:///{db}")
    writer = store.writer()
    writer.start_run("ingest", [str(folder)], CODER_VERSION)
    t0 = time.perf_counter()
    counts = run_ingest(writer, read_inputs([str(folder)]), workers=workers)
    writer.finish_run()  # includes the run's last cluster update
    seconds = time.perf_counter() - t0
    store.close()
    return seconds, counts.added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="communique-bench-ingest-"))
    corpus = tmp / "corpus"
    corpus.mkdir()
    texts = build_corpus(args.articles, corpus)
    words = sum(len(t.split()) for t in texts)
    print(f"{args.articles} articles, {words:,} words; Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs (shared machine: figures are noisy)")
    results: dict[str, float] = {}
    for k in args.workers:
        seconds = raw_spacy(texts, k)
        results[f"raw{k}"] = len(texts) / seconds
        print(f"raw spaCy nlp.pipe, {k} process(es): {seconds:7.1f} s  {len(texts) / seconds:6.1f} articles/s",
              flush=True)
        seconds, stored = ingest(corpus, k, tmp / f"ingest{k}.db")
        results[f"ingest{k}"] = stored / seconds
        print(f"communique ingest, {k} worker(s):     {seconds:7.1f} s  {stored / seconds:6.1f} articles/s "
              f"({stored} stored)", flush=True)
    for k in args.workers:
        ratio = results[f"ingest{k}"] / results[f"raw{k}"]
        print(f"ingest/raw with {k}: {ratio:.0%}" + ("  (target >= 75%)" if k == 2 else ""))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
