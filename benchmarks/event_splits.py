"""Event figures on the tune and held-out halves of the development gold (issue 19).

Runs ``communique.evaluate.evaluate_file`` once per set and prints one line each:
events P/R/F1, type recall, date and status accuracy, persons F1, quotes F1 and
attributed quotes. The halves are the id lists of ``examples/splits.yaml``.

    PYTHONPATH=src python benchmarks/event_splits.py [--shared ../shared/gold] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from communique.evaluate import Report, evaluate_file, report_json, split_ids
from communique.nlp import load

EXAMPLES_GOLD = Path(__file__).resolve().parents[1] / "src" / "communique" / "examples" / "gold.jsonl"
# Three short wire-style articles written for issue 19 with event-only gold, never tuned on.
OWN_GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "events_untouched" / "gold.jsonl"
# Eight wire-style articles written before this session's event work, never looked at since.
UNTOUCHED_GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "untouched" / "untouched.gold.jsonl"
# Eight newspaper-style articles (long, quotes, background, planned and denied events), never tuned on.
NEWS_GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "untouched_news" / "untouched_news.gold.jsonl"
# Three newspaper-style articles written for the actor knowledge (issue 20), persons and organisations.
ACTORS_GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "actor_knowledge" / "actor_knowledge.gold.jsonl"
# 64 synthetic stories, one event of a labelled PLOVER type each (4 per type), never tuned on.
ONE_TYPE_GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "one_type" / "one_type.gold.jsonl"
# 96 single news sentences (6 per PLOVER type) with event-only gold, never tuned on.
SENTENCES_GOLD = (Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sentences_untouched"
                  / "sentences_untouched.gold.jsonl")
# 160 single news sentences (10 per PLOVER type) with event-only gold, for tuning: read in detail.
SENTENCES_TUNE_GOLD = (Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sentences_tune"
                       / "sentences_tune.gold.jsonl")

# Eight newspaper-style articles with full gold, for tuning: read in detail (news_tune/README.md).
NEWS_TUNE_GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "news_tune" / "news_tune.gold.jsonl"


def _sets(shared: Path) -> list[tuple[str, Path, frozenset[str] | None]]:
    """(label, gold file, ids or None) of every set reported."""
    tune, held = split_ids("tune"), split_ids("held-out")
    dev, gsr = shared / "dev" / "dev.gold.jsonl", shared / "plover-gsr-dev.gold.jsonl"
    return [
        ("seed", shared / "seed.gold.jsonl", None),
        ("dev tune", dev, tune),
        ("dev held-out", dev, held),
        ("gsr tune", gsr, tune),
        ("gsr held-out", gsr, held),
        ("examples", EXAMPLES_GOLD, None),
        ("own untouched", OWN_GOLD, None),
        ("untouched (8)", UNTOUCHED_GOLD, None),
        ("untouched news (8)", NEWS_GOLD, None),
        ("actor knowledge (3)", ACTORS_GOLD, None),
        ("one-type stories (64)", ONE_TYPE_GOLD, None),
        ("sentences untouched (96)", SENTENCES_GOLD, None),
        ("sentences tune (160)", SENTENCES_TUNE_GOLD, None),
        ("news tune (8)", NEWS_TUNE_GOLD, None),
    ]


def _row(label: str, report: Report) -> dict[str, object]:
    """The reported figures of one set."""
    data = report_json(report, details=False)
    acc, ev = data["accuracies"], data["events"]

    def val(part: dict[str, object], key: str) -> float | None:
        value = part.get(key)
        return None if value is None else round(float(value), 3)  # type: ignore[arg-type]

    return {
        "set": label, "articles": data["articles"],
        "events_p": val(ev, "precision"), "events_r": val(ev, "recall"), "events_f1": val(ev, "f1"),
        "type_recall": val(acc["type_recall"], "value"), "date": val(acc["date"], "value"),
        "status": val(acc["status"], "value"), "persons_f1": val(data["persons"], "f1"),
        "quotes_f1": val(data["quotes"], "f1"), "attributed": val(acc["attributed_quotes"], "value"),
    }


def main() -> None:
    """Evaluate every set and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared/gold"))
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    nlp = load()
    rows = [_row(label, evaluate_file(path, nlp=nlp, ids=ids)) for label, path, ids in _sets(args.shared)]
    keys = list(rows[0])
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join("-" if row[k] is None else str(row[k]) for k in keys))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
