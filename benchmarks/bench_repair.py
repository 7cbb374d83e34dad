"""What repair on reading costs against extraction (issue 20: at most 5% on clean text).

    PYTHONPATH=src python benchmarks/bench_repair.py [--rounds 5] [--large-mb 10]

1. Over the example corpus (the packaged example articles and the texts of the example gold),
   times ``repair_text`` on every body (``--rounds`` passes, the median pass kept) and one
   extraction pass (``process_article``: parse and every stage), and prints the repair time as
   a percentage of extraction time. The texts are clean: this is the fast path's cost.
2. Times ``repair_text`` alone on a large scraped-looking text of mojibake in lower case and on
   an all-capitals text of ``--large-mb`` megabytes each (reading's share of issue 20's "10 MB
   file of mojibake and a file in all capitals"; extraction of such a file is budgeted by issue 16).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from communique.ingest import read_file
from communique.ingest.repair import repair_text
from communique.records import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "communique" / "examples"


def corpus() -> list[Article]:
    """The example articles (read as files) and the example gold's texts."""
    from communique.ingest.article import article_from_text

    articles: list[Article] = []
    for path in sorted((EXAMPLES / "articles").glob("*.txt")):
        for item in read_file(str(path)):
            if isinstance(item, Article):
                articles.append(item)
    for line in (EXAMPLES / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles.append(article_from_text(record["text"], date=record.get("date"), repair=False))
    return articles


def time_repair(texts: list[str], rounds: int) -> float:
    """Median seconds of one repair pass over ``texts``."""
    passes = []
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            repair_text(text)
        passes.append(time.perf_counter() - started)
    return statistics.median(passes)


def time_extraction(articles: list[Article]) -> float:
    """Seconds of one extraction pass (the model loaded before timing)."""
    from communique import nlp as nlp_mod
    from communique.pipeline import process_article

    nlp = nlp_mod.load()
    process_article(articles[0], nlp=nlp)  # warm up lazy tables
    started = time.perf_counter()
    for article in articles:
        process_article(article, nlp=nlp)
    return time.perf_counter() - started


def large_texts(megabytes: float) -> dict[str, str]:
    """A lower-case mojibake text and an all-capitals text of about ``megabytes`` MB each."""
    paragraph = ("police in nairobi said on monday that officers had arrested 12 people after the "
                 "ministry’s offices were attacked. “we will not tolerate violence,” the police chief said.\n\n")
    data = paragraph.encode("utf-8")
    sloppy = "".join(chr(b) if 0x80 <= b < 0xA0 and bytes([b]).decode("cp1252", "ignore") == "" else bytes([b]).decode("cp1252") for b in data)
    lossy = data.decode("cp1252", errors="replace")  # bytes cp1252 leaves undefined become U+FFFD
    copies = int(megabytes * (1 << 20) / len(data))
    return {"mojibake, lower case": sloppy * copies, "lossy mojibake (U+FFFD), lower case": lossy * copies,
            "all capitals": paragraph.upper() * copies}


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--large-mb", type=float, default=10.0)
    args = parser.parse_args()
    articles = corpus()
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    repair_s = time_repair(texts, args.rounds)
    extract_s = time_extraction(articles)
    print(f"corpus: {len(texts)} articles, {chars} characters")
    print(f"repair:     {1000 * repair_s:8.1f} ms  ({1000 * repair_s / len(texts):.3f} ms/article)")
    print(f"extraction: {1000 * extract_s:8.1f} ms  ({1000 * extract_s / len(texts):.1f} ms/article)")
    print(f"repair overhead on clean text: {100 * repair_s / extract_s:.2f}% of extraction time (target <= 5%)")
    for label, text in large_texts(args.large_mb).items():
        started = time.perf_counter()
        repaired = repair_text(text)
        seconds = time.perf_counter() - started
        size = len(text.encode("utf-8")) / (1 << 20)
        print(f"large ({label}, {size:.1f} MB): repair {seconds:.2f} s ({size / seconds:.1f} MB/s); {'; '.join(repaired.repairs)}")


if __name__ == "__main__":
    main()
