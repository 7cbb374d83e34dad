"""Synthetic one-type stories (issue 19): is the labelled type among the types coded for the story?

Runs the pipeline (``communique.pipeline.process_many``, the path of ``communique extract`` and of
``communique eval``) once over the 64 stories of ``tests/fixtures/one_type`` and prints aggregate
figures only, never a story's output (the set is never tuned on; see its README):

(a) the share of stories whose labelled type (carried by the id, ``onetype-<type>-<n>``) is among
    the event types coded for the story, overall and per type (issue 19 asks for >= .70);
(b) events P/R/F1, type recall, date and status accuracy by FORMAT.md's scoring
    (``communique.evaluate.score``, the scoring ``evaluate_file`` applies).

    PYTHONPATH=src python benchmarks/one_type.py [--gold FILE] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from communique.evaluate import PLOVER_TYPES, Report, load_gold, report_json, score
from communique.records import ArticleResult

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "one_type" / "one_type.gold.jsonl"
#: The id of a story: ``onetype-<type>-<n>``, type in lower case.
ID_PREFIX = "onetype-"
#: PLOVER's order of the 16 types (FORMAT.md), for the per-type table.
TYPE_ORDER = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
              "PROTEST SANCTION MOBILIZE COERCE ASSAULT").split()


class StoryIdError(ValueError):
    """A story id that does not carry a PLOVER type as ``onetype-<type>-<n>``."""

    def __init__(self, story_id: str) -> None:
        super().__init__(f"story id {story_id!r} is not onetype-<PLOVER type>-<n>")
        self.story_id = story_id


@dataclass(frozen=True)
class Share:
    """Stories whose labelled type was coded (``hits``) out of ``stories``, for one type or all."""

    label: str
    hits: int
    stories: int

    @property
    def share(self) -> float | None:
        """hits / stories, None when there are no stories."""
        return self.hits / self.stories if self.stories else None


def labelled_type(story_id: str) -> str:
    """The PLOVER type an id ``onetype-<type>-<n>`` carries, upper case.

    Raises:
        StoryIdError: the id is not of that form or names no PLOVER type.
    """
    rest = story_id.removeprefix(ID_PREFIX)
    kind, _, number = rest.rpartition("-")
    if rest == story_id or not number.isdigit() or kind.upper() not in PLOVER_TYPES:
        raise StoryIdError(story_id)
    return kind.upper()


def labelled_type_shares(coded: Mapping[str, Iterable[str]]) -> tuple[Share, list[Share]]:
    """The issue's measure: overall and per-type shares of stories whose labelled type was coded.

    Args:
        coded: story id -> the event types coded for the story (empty when none, or when the
            pipeline failed on it).
    Returns:
        The overall share and one share per type present, in PLOVER's order.
    """
    hits: dict[str, int] = {}
    stories: dict[str, int] = {}
    for story_id, types in coded.items():
        kind = labelled_type(story_id)
        stories[kind] = stories.get(kind, 0) + 1
        hits[kind] = hits.get(kind, 0) + (kind in set(types))
    per_type = [Share(kind, hits[kind], stories[kind]) for kind in TYPE_ORDER if kind in stories]
    overall = Share("all", sum(hits.values()), sum(stories.values()))
    return overall, per_type


def run(gold_path: Path, nlp: Any = None) -> tuple[dict[str, list[str]], Report]:
    """Run the pipeline on every story: (story id -> coded event types, FORMAT.md report)."""
    from communique.ingest import article_from_text
    from communique.pipeline import process_many

    golds = load_gold(gold_path)
    articles = [article_from_text(g.text, date=g.date, title=g.title, source=str(gold_path))
                .model_copy(update={"id": g.id}) for g in golds]
    coded: dict[str, list[str]] = {g.id: [] for g in golds}
    systems: dict[str, ArticleResult] = {}
    failed: dict[str, str] = {}
    for article, result in process_many(articles, nlp=nlp):
        if isinstance(result, Exception):
            failed[article.id] = f"{type(result).__name__}: {result}"
        else:
            systems[article.id] = result
            coded[article.id] = [event.type for event in result.events]
    return coded, score(golds, systems, failed=failed, gold_file=str(gold_path))


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def summary(coded: Mapping[str, Iterable[str]], report: Report) -> dict[str, Any]:
    """The aggregate figures printed (no story-level output)."""
    overall, per_type = labelled_type_shares(coded)
    data = report_json(report, details=False)
    acc, ev = data["accuracies"], data["events"]
    return {
        "stories": overall.stories, "failed": len(report.failed),
        "labelled_type_coded": asdict(overall) | {"share": overall.share},
        "per_type": [asdict(s) | {"share": s.share} for s in per_type],
        "events": {"precision": ev["precision"], "recall": ev["recall"], "f1": ev["f1"],
                   "tp": ev["tp"], "fp": ev["fp"], "fn": ev["fn"]},
        "type_recall": acc["type_recall"]["value"], "date": acc["date"]["value"], "status": acc["status"]["value"],
    }


def print_summary(data: Mapping[str, Any]) -> None:
    """Print the figures of ``summary``."""
    share = data["labelled_type_coded"]
    print(f"one-type stories: {data['stories']} (pipeline failed on {data['failed']})")
    print(f"labelled type among the coded types: {share['hits']}/{share['stories']} = {_fmt(share['share'])}")
    print("per type: " + ", ".join(f"{s['label']} {s['hits']}/{s['stories']}" for s in data["per_type"]))
    ev = data["events"]
    print(f"events P {_fmt(ev['precision'])} / R {_fmt(ev['recall'])} / F1 {_fmt(ev['f1'])} "
          f"(tp {ev['tp']}, fp {ev['fp']}, fn {ev['fn']}); type recall {_fmt(data['type_recall'])}, "
          f"date {_fmt(data['date'])}, status {_fmt(data['status'])}")


def main() -> None:
    """Run the set once and print the aggregate figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    from communique.nlp import load

    data = summary(*run(args.gold, nlp=load()))
    print_summary(data)
    if args.json:
        args.json.write_text(json.dumps(data, indent=1))


if __name__ == "__main__":
    main()
