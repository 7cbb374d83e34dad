"""Precision of events by confidence band, on one half of the development gold (issue 19).

Runs the pipeline on the dev articles and the PLOVER GSR dev sentences of the
chosen split, matches events as ``communique eval`` does, and prints, per
confidence band, how many events the system produced and how many matched a
required gold event. Calibrate ``event_confidence.yaml`` on ``tune`` only.

    PYTHONPATH=src python benchmarks/event_confidence.py [--split tune] [--shared ../shared/gold]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from communique.evaluate import load_gold, match_events, split_ids
from communique.ingest import article_from_text
from communique.nlp import load
from communique.pipeline import process_many

BANDS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)


def _band(value: float) -> str:
    """The band label of a confidence value."""
    for low, high in zip(BANDS, BANDS[1:], strict=False):
        if low <= value < high:
            return f"[{low:.1f}, {min(high, 1.0):.1f})"
    return "?"


def main() -> None:
    """Print produced / matched / precision per confidence band."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="tune")
    parser.add_argument("--shared", type=Path, default=Path("../shared/gold"))
    args = parser.parse_args()
    ids = split_ids(args.split)
    golds = [g for f in ("dev/dev.gold.jsonl", "plover-gsr-dev.gold.jsonl") for g in load_gold(args.shared / f) if g.id in ids]
    articles = [article_from_text(g.text, date=g.date, title=g.title).model_copy(update={"id": g.id}) for g in golds]
    by_id = {g.id: g for g in golds}
    produced: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    for article, result in process_many(articles, nlp=load()):
        if isinstance(result, Exception):
            continue
        gold = by_id[article.id]
        pairs, neutral = match_events(gold.events, result.events)
        required = {pairs[i] for i, g in enumerate(gold.events) if not g.optional and i in pairs}
        for j, event in enumerate(result.events):
            if j in neutral:
                continue
            band = _band(event.confidence if event.confidence is not None else 0.0)
            produced[band] += 1
            matched[band] += j in required
    print("band | events | matched | precision")
    for band in sorted(produced):
        print(f"{band} | {produced[band]} | {matched[band]} | {matched[band] / produced[band]:.2f}")


if __name__ == "__main__":
    main()
