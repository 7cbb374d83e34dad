"""Event confidence in [0, 1] from evidence that holds on unseen text (issue 19).

The score adds weights (``knowledge/data/event_confidence.yaml``) for how the
trigger matched (a conditional frame entry, a phrase, a bare verb or noun), how
the actor was found (the trigger's own frame, a quote's speaker, the place of an
act of state power, nobody), whether both sides were found, the status, the
sentence length and how many mentions the article has, and clips the sum.

>>> confidence(Evidence(...))  # doctest: +SKIP
0.85
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from communique.config import load_data_yaml
from communique.records import Event

__all__ = ["ConfidenceEvidence", "Weights", "confidence", "confident_events", "trigger_form", "weights"]


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


@dataclass(frozen=True)
class Weights:
    """The weights of ``event_confidence.yaml``."""

    base: float
    floor: float
    ceiling: float
    trigger_form: dict[str, float]
    actor_source: dict[str, float]
    complete: float
    incomplete: float
    status: dict[str, float]
    derived: float
    long_tokens: int
    long_weight: float
    mention_weight: float
    mention_max: float


def _floats(table: dict[str, Any]) -> dict[str, float]:
    return {str(k): float(v) for k, v in table.items()}


@functools.cache
def weights() -> Weights:
    """The confidence weights, read once."""
    data: dict[str, Any] = load_data_yaml("event_confidence.yaml")
    return Weights(
        base=float(data["base"]), floor=float(data["floor"]), ceiling=float(data["ceiling"]),
        trigger_form=_floats(data["trigger_form"]), actor_source=_floats(data["actor_source"]),
        complete=float(data["participants"]["complete"]), incomplete=float(data["participants"]["incomplete"]),
        status=_floats(data["status"]), derived=float(data["derived"]),
        long_tokens=int(data["long_sentence"]["tokens"]), long_weight=float(data["long_sentence"]["weight"]),
        mention_weight=float(data["per_extra_mention"]["weight"]), mention_max=float(data["per_extra_mention"]["max"]),
    )


def trigger_form(rule: str, pos: str) -> str:
    """The kind of match a rule name records: cond, phrase, wordnet (a derived word), or the part of speech."""
    if ".cond." in rule:
        return "cond"
    if ".wordnet." in rule:
        return "wordnet"
    if "_phrase." in rule:
        return "phrase"
    return pos


def confidence(evidence: ConfidenceEvidence) -> float:
    """The event's confidence, rounded to two decimals, within the configured floor and ceiling."""
    w = weights()
    total = w.base + w.trigger_form.get(evidence.trigger_form, 0.0) + w.actor_source.get(evidence.actor_source, 0.0)
    total += w.complete if evidence.complete else w.incomplete
    total += w.status.get(evidence.status, 0.0)
    total += w.derived if evidence.derived else 0.0
    total += w.long_weight if evidence.sentence_tokens > w.long_tokens else 0.0
    total += min(w.mention_max, w.mention_weight * max(0, evidence.mentions - 1))
    return round(min(w.ceiling, max(w.floor, total)), 2)


def confident_events(events: list[Event], threshold: float) -> list[Event]:
    """The events whose confidence is at least ``threshold`` (events without one are left out)."""
    return [e for e in events if e.confidence is not None and e.confidence >= threshold]
