"""Cost of one article against its length (issue 21): time and peak memory, pathological runs, a 20 MB article.

    .venv/bin/python benchmarks/bench_cost.py [--sizes 0.5 1 2] [--skip-huge]

Prints, on generated news prose (``benchmarks/prose.py``: names, states,
organisations, dates, quotes, in paragraphs):

1. ``communique extract FILE --format jsonl --article-timeout 0`` of one 0.5, 1 and 2 MB article: wall
   seconds (start-up included), peak resident memory of the process, and seconds per MB (flat when the
   cost is linear);
2. in one process (model and tables loaded before timing), ``process_article`` of 20 KB of prose against
   20 KB of ``(``, of ``"`` and of ``<>``, and the ratio to prose (target: at most 3);
3. ``communique extract`` of one 20 MB article with the default budget: what it answers, its time and peak memory;
4. the same 2 MB article with ``--article-timeout 2``: the time budget turning it into a recorded error.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from bench_pipeline import BIN, run_measured, table  # noqa: E402
from prose import prose  # noqa: E402

MB = 1_000_000


def extract_once(path: Path, *extra: str) -> tuple[float, float, str]:
    """Run ``extract`` on one file; return (seconds, peak MB, the last line it printed on standard error)."""
    err = path.with_suffix(".err")
    with open(err, "wb") as handle:
        seconds, peak = run_measured([str(BIN), "extract", str(path), "--format", "jsonl", *extra],
                                     stdout=subprocess.DEVNULL, stderr=handle)
    lines = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return seconds, peak, lines[0] if lines else "(coded, nothing on standard error)"


def growth(sizes: list[float], tmp: Path) -> None:
    rows = []
    for size in sizes:
        path = tmp / f"prose-{size}MB.txt"
        path.write_text(prose(int(size * MB)), encoding="utf-8")
        seconds, peak, note = extract_once(path, "--article-timeout", "0")  # the cost itself, not the budget
        rows.append([f"{size:g} MB", f"{seconds:.1f}", f"{peak:.0f}", f"{seconds / size:.1f}", note[:60]])
    table("1. extract of one article (start-up included; no time limit)", ["size", "seconds", "peak MB", "s per MB", "stderr"], rows)


def runs() -> None:
    from communique import nlp as nlp_mod
    from communique.ingest import article_from_text
    from communique.pipeline import process_article

    model = nlp_mod.load()
    process_article(article_from_text(prose(20_000, seed=1), date="2024-03-12", source="warm-up"), nlp=model)
    base = prose(20_000)
    texts = {"20 KB prose": base, '20 KB of "("': "(" * 20_000, '20 KB of \'"\'': '"' * 20_000,
             '20 KB of "<>"': "<>" * 10_000, "prose + 20 KB of (": base + "\n\n" + "(" * 20_000}
    rows, reference = [], 0.0
    for name, text in texts.items():
        article = article_from_text(text, date="2024-03-12", source=name)
        t = time.perf_counter()  # the first run of each text: spaCy's tokenizer caches what it has seen
        result = process_article(article, nlp=model)
        seconds = time.perf_counter() - t
        reference = reference or seconds
        rows.append([name, f"{seconds:.2f}", f"{seconds / reference:.2f}", len(result.events), len(result.repairs)])
    table("2. one article in process (model and tables loaded; each text's first run)", ["text", "seconds", "x prose", "events", "repairs"],
          rows)


def huge(tmp: Path) -> None:
    path = tmp / "prose-20MB.txt"
    path.write_text(prose(20 * MB), encoding="utf-8")
    seconds, peak, note = extract_once(path)
    table("3. extract of one 20 MB article (default budget)", ["seconds", "peak MB", "answer"],
          [[f"{seconds:.1f}", f"{peak:.0f}", note]])


def timeout(tmp: Path) -> None:
    path = tmp / "prose-2MB-timeout.txt"
    path.write_text(prose(2 * MB), encoding="utf-8")
    seconds, peak, note = extract_once(path, "--article-timeout", "2")
    table("4. extract of the 2 MB article with --article-timeout 2", ["seconds", "peak MB", "answer"],
          [[f"{seconds:.1f}", f"{peak:.0f}", note]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2])
    parser.add_argument("--skip-huge", action="store_true", help="skip the 20 MB article and the timeout run")
    parser.add_argument("--skip-growth", action="store_true", help="skip the 0.5-2 MB articles")
    args = parser.parse_args()
    print(f"{platform.node()}  Python {platform.python_version()}  {' '.join(sys.argv)}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        runs()
        if not args.skip_growth:
            growth(args.sizes, tmp)
        if not args.skip_huge:
            huge(tmp)
            timeout(tmp)


if __name__ == "__main__":
    main()
