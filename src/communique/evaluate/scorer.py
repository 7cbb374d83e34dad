"""Train the event confidence model (issue 19, item 3): a logistic regression on our own labels.

    python -m communique.evaluate.scorer [--shared ../shared/gold]          # rewrite the weights
    python -m communique.evaluate.scorer --shared ../shared/gold --check    # exit 1 if not current

Every event the coder produces (also those under the report floor) on the training texts is
labelled right when it matches a required gold event (FORMAT.md's matching, ``match_events``),
wrong when it matches nothing; events matching only optional gold events are left out. The
features are ``event_confidence.features``; the weights are fitted by Newton's method with an
L2 penalty (``L2``) and written with their provenance to ``knowledge/data/event_confidence.yaml``.

Training texts: the *tune* halves of the shared dev articles and PLOVER GSR sentences
(``examples/splits.yaml``), the bundled example corpus and the training passages written for
the scorer (``examples/training/``), all annotated by us or by PLOVER. The held-out halves and
the never-seen sets under ``tests/fixtures/`` are never used.

The report floor is the threshold, among 0.00-0.50 in steps of 0.05, with the highest sum of
events F1 and event type recall over the training texts: both are what issue 19 asks of unseen
text, and a floor that only raised F1 would drop right-typed events with one side named. It is
chosen on out-of-fold probabilities (five folds by article: each event scored by a model that did
not see its article), since probabilities on the texts a model was fitted to are too sure.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from communique.config import data_path, examples_dir, write_generated
from communique.evaluate.events import match_events
from communique.evaluate.gold import GoldArticle, load_gold
from communique.evaluate.running import split_ids
from communique.extract.event_confidence import ConfidenceEvidence, Model, confidence, features
from communique.ingest import article_from_text
from communique.nlp import load
from communique.pipeline import process_article
from communique.records import Event

__all__ = ["L2", "LONG_TOKENS", "Labelled", "Wanted", "best_floor", "collect", "fit", "main", "out_of_fold", "render"]

L2 = 1.0
LONG_TOKENS = 35
FLOORS = tuple(round(0.05 * i, 2) for i in range(11))
FOLDS = 5
#: Merits of two floors closer than this (a tenth of a point of F1 plus type recall) are a tie.
MERIT_TIE = 0.001


@dataclass(frozen=True)
class Labelled:
    """One produced event: its evidence (type included), whether it matched a required gold event, its article."""

    evidence: ConfidenceEvidence
    right: bool
    article: str = ""


@dataclass(frozen=True)
class Wanted:
    """The types a required gold event accepts (its type and alternatives), and its article."""

    article: str
    types: frozenset[str]


def training_sets(shared: Path) -> list[tuple[str, list[GoldArticle]]]:
    """(name, gold articles) of every training set."""
    tune = split_ids("tune")
    sets = [
        ("dev tune", [g for g in load_gold(shared / "dev" / "dev.gold.jsonl") if g.id in tune]),
        ("gsr tune", [g for g in load_gold(shared / "plover-gsr-dev.gold.jsonl") if g.id in tune]),
        ("examples", load_gold(examples_dir() / "gold.jsonl")),
    ]
    training = examples_dir() / "training" / "training.gold.jsonl"
    if training.exists():
        sets.append(("training passages", load_gold(training)))
    return sets


def collect(golds: list[GoldArticle], nlp: Any) -> tuple[list[Labelled], list[Wanted]]:
    """The labelled events of one set (neutral ones left out), and its required gold events."""
    rows: list[Labelled] = []
    wanted: list[Wanted] = []
    for gold in golds:
        article = article_from_text(gold.text, date=gold.date, title=gold.title).model_copy(update={"id": gold.id})
        scored: list[tuple[Event, ConfidenceEvidence]] = []
        process_article(article, nlp=nlp, evidence=scored)
        events = [event for event, _ in scored]
        pairs, neutral = match_events(gold.events, events)
        right = {pairs[i] for i, g in enumerate(gold.events) if not g.optional and i in pairs}
        wanted.extend(Wanted(gold.id, frozenset([g.type, *g.alt_types])) for g in gold.events if not g.optional)
        rows.extend(Labelled(evidence, j in right, gold.id) for j, (_, evidence) in enumerate(scored)
                    if j not in neutral)
    return rows, wanted


def fit(rows: list[Labelled], l2: float = L2) -> tuple[float, dict[str, float]]:
    """Intercept and weights of an L2-penalised logistic regression (the intercept is not penalised)."""
    named = [features(r.evidence, LONG_TOKENS) for r in rows]
    names = sorted({n for f in named for n in f})
    x = np.zeros((len(rows), len(names) + 1))
    x[:, 0] = 1.0
    column = {n: i + 1 for i, n in enumerate(names)}
    for i, f in enumerate(named):
        for n, v in f.items():
            x[i, column[n]] = v
    y = np.array([1.0 if r.right else 0.0 for r in rows])
    penalty = np.full(len(names) + 1, l2)
    penalty[0] = 0.0
    w = np.zeros(len(names) + 1)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return float(w[0]), {n: round(float(w[column[n]]), 4) for n in names}


def out_of_fold(rows: list[Labelled]) -> list[float]:
    """Each event's probability from a model fitted without its article (``FOLDS`` folds by article)."""
    articles = sorted({r.article for r in rows})
    fold_of = {a: i % FOLDS for i, a in enumerate(articles)}
    probs = [0.0] * len(rows)
    for fold in range(FOLDS):
        intercept, weights = fit([r for r in rows if fold_of[r.article] != fold])
        fitted = Model(intercept, weights, LONG_TOKENS, report_floor=0.0)
        for i, r in enumerate(rows):
            if fold_of[r.article] == fold:
                probs[i] = confidence(r.evidence, fitted)
    return probs


def best_floor(rows: list[Labelled], wanted: list[Wanted], probs: list[float]) -> float:
    """The floor among ``FLOORS`` with the highest events F1 plus type recall, given each event's probability.

    Within ``MERIT_TIE`` of the best merit, the lowest floor is taken.
    """
    def merit(floor: float) -> float:
        kept = [r for p, r in zip(probs, rows, strict=True) if p >= floor]
        tp = sum(r.right for r in kept)
        if not tp:
            return 0.0
        precision, recall = tp / len(kept), tp / len(wanted)
        produced = {(r.article, r.evidence.event_type) for r in kept}
        typed = sum(any((w.article, t) in produced for t in w.types) for w in wanted) / len(wanted)
        return 2 * precision * recall / (precision + recall) + typed

    # merits closer than MERIT_TIE are a tie (the folds cannot tell them apart); a tie goes to the lower
    # floor, which keeps more events (issue 19 asks most of recall and type recall)
    merits = {floor: merit(floor) for floor in FLOORS}
    best = max(merits.values())
    return min(floor for floor, value in merits.items() if value >= best - MERIT_TIE)


def render(shared: Path) -> str:
    """Train on every training set and return the text of ``event_confidence.yaml``."""
    nlp = load()
    rows: list[Labelled] = []
    wanted: list[Wanted] = []
    counts: dict[str, list[int]] = {}
    for name, golds in training_sets(shared):
        found, needed = collect(golds, nlp)
        rows.extend(found)
        wanted.extend(needed)
        counts[name] = [len(golds), len(found), sum(r.right for r in found)]
    intercept, weights = fit(rows)
    floor = best_floor(rows, wanted, out_of_fold(rows))
    header = (
        "# Event confidence: a logistic model, trained by `python -m communique.evaluate.scorer` (issue 19).\n"
        "# Do not edit by hand: rerun the trainer. confidence = 1 / (1 + exp(-(intercept + sum of the weights\n"
        "# of the event's features))); features are `event_confidence.features`: how the trigger matched\n"
        "# (form:*), where the actor came from (actor:*), the status (status:*), the type (type:*), both sides\n"
        "# named (complete), the other side inferred from the story (counterpart), a derived type (derived),\n"
        "# a long sentence (long), further mentions (mentions, up to 2). Events under `report_floor` are not\n"
        f"# reported (the lowest floor within {MERIT_TIE} of the best events F1 plus type recall on the training\n"
        "# texts, out of fold).\n"
    )
    body: dict[str, Any] = {
        "source": "Communiqué issue 19: trained on the tune halves, the example corpus and our training passages",
        "training": {"sets": {k: {"articles": v[0], "events": v[1], "right": v[2]} for k, v in counts.items()},
                     "l2": L2, "events": len(rows), "right": sum(r.right for r in rows), "required": len(wanted)},
        "intercept": round(intercept, 4),
        "weights": weights,
        "long_sentence_tokens": LONG_TOKENS,
        "report_floor": floor,
    }
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)


def main(argv: list[str] | None = None) -> int:
    """Write the weights, or with ``--check`` tell whether the committed ones are what training gives."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared/gold"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    return write_generated(data_path("event_confidence.yaml"), render(args.shared), check=args.check)


if __name__ == "__main__":
    raise SystemExit(main())
