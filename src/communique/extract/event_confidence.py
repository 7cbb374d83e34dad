"""Event confidence in [0, 1]: a small logistic model trained on text we annotated (issue 19).

Each event's evidence (how the trigger matched, where the actor came from, whether the text
names both sides or the other side was inferred from the story, the status, the type, the
sentence length, how many mentions the article has) becomes a few named features; the
confidence is the logistic function of their weighted sum. The weights are learnt by
``python -m communique.evaluate.scorer`` from the tune halves of the development gold, our
example corpus and our own training passages, and written to
``knowledge/data/event_confidence.yaml``; nothing is learnt at run time.

>>> confidence(ConfidenceEvidence(...))  # doctest: +SKIP
0.85
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from communique.config import load_data_yaml
from communique.errors import ConfigError
from communique.records import Event

__all__ = ["ConfidenceEvidence", "Model", "confidence", "confident_events", "features", "model", "reported",
           "trigger_form"]

MAX_EXTRA_MENTIONS = 2


@dataclass(frozen=True)
class ConfidenceEvidence:
    """What the event stage knows about how one event was found."""

    trigger_form: str
    actor_source: str
    complete: bool
    status: str
    derived: bool
    sentence_tokens: int
    mentions: int
    event_type: str = ""
    counterpart: bool = False


@dataclass(frozen=True)
class Model:
    """The trained weights of ``event_confidence.yaml``."""

    intercept: float
    weights: dict[str, float]
    long_tokens: int
    report_floor: float


def features(evidence: ConfidenceEvidence, long_tokens: int) -> dict[str, float]:
    """The named features of one event (absent features are 0)."""
    out = {f"form:{evidence.trigger_form}": 1.0, f"actor:{evidence.actor_source}": 1.0,
           f"status:{evidence.status}": 1.0}
    if evidence.event_type:
        out[f"type:{evidence.event_type}"] = 1.0
    for name, present in (("complete", evidence.complete), ("derived", evidence.derived),
                          ("counterpart", evidence.counterpart), ("long", evidence.sentence_tokens > long_tokens)):
        if present:
            out[name] = 1.0
    extra = min(MAX_EXTRA_MENTIONS, max(0, evidence.mentions - 1))
    if extra:
        out["mentions"] = float(extra)
    return out


@functools.cache
def model() -> Model:
    """The confidence model, read once."""
    data: dict[str, Any] = load_data_yaml("event_confidence.yaml")
    try:
        return Model(intercept=float(data["intercept"]),
                     weights={str(k): float(v) for k, v in data["weights"].items()},
                     long_tokens=int(data["long_sentence_tokens"]), report_floor=float(data["report_floor"]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"event_confidence.yaml: {type(exc).__name__}: {exc}") from exc


def trigger_form(rule: str, pos: str) -> str:
    """The kind of match a rule name records: cond, phrase, wordnet (a derived word), or the part of speech."""
    if ".cond." in rule:
        return "cond"
    if ".wordnet." in rule:
        return "wordnet"
    if "_phrase." in rule:
        return "phrase"
    return pos


def probability(evidence: ConfidenceEvidence, fitted: Model) -> float:
    """The model's probability that the event is right (unrounded)."""
    total = fitted.intercept + sum(fitted.weights.get(name, 0.0) * value
                                   for name, value in features(evidence, fitted.long_tokens).items())
    return 1.0 / (1.0 + math.exp(-total))


def confidence(evidence: ConfidenceEvidence, fitted: Model | None = None) -> float:
    """The event's confidence (by ``fitted``, else the committed model), rounded to two decimals, in [0.01, 0.99]."""
    return round(min(0.99, max(0.01, probability(evidence, fitted or model()))), 2)


def reported(events: list[Event]) -> list[Event]:
    """The events the coder reports: those scored at least ``report_floor`` (the rest it doubts)."""
    floor = model().report_floor
    return [e for e in events if e.confidence is None or e.confidence >= floor]


def confident_events(events: list[Event], threshold: float) -> list[Event]:
    """The events whose confidence is at least ``threshold`` (events without one are left out)."""
    return [e for e in events if e.confidence is not None and e.confidence >= threshold]
