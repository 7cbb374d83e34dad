"""Allegations: a hostile act one side reports of another is also that side's accusation (issue 19).

PLOVER.md's convention: "an accusation is ACCUSE (occurred), the alleged act is alleged". When the
coder finds a hostile act with status ``alleged`` (reported only by the other side: "Turkey said
Iranian troops shelled two villages"), the one who asserts it accuses its actors: an ACCUSE
(mode allege) from the asserter to them, on the same evidence, unless the article already has
that accusation.
"""

from __future__ import annotations

import dataclasses

from communique.extract.event_args import actor_code
from communique.extract.event_confidence import ConfidenceEvidence, confidence
from communique.ids import make_id
from communique.knowledge.events import cameo_root, goldstein, score
from communique.records import ActorSet, Event

__all__ = ["ALLEGED_ACT_TYPES", "allegations"]

#: Hostile acts whose report by the other side is an accusation.
ALLEGED_ACT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"})


#: Sectors whose reports are no accusation: the media and civil society report, they do not accuse
#: for a state ("according to the Canadian Press").
NOT_ACCUSERS = frozenset({"JRN", "SOC", "BUS", "EDU", "MED", "REL"})


def _codes_by_name(actors: ActorSet) -> dict[str, str]:
    """The event code of every actor name and alias of the article that can accuse for its side."""
    out: dict[str, str] = {}
    for actor in actors.actors:
        code = actor_code(actor)
        if code and actor.sector not in NOT_ACCUSERS and not (actor.kind == "org" and actor.sector is None):
            for name in (actor.name, *actor.aliases):
                out.setdefault(name, code)
    return out


def allegations(scored: list[tuple[Event, ConfidenceEvidence]], actors: ActorSet,
                article_id: str) -> list[tuple[Event, ConfidenceEvidence]]:
    """The accusations the alleged hostile acts of ``scored`` imply (none already there)."""
    by_name = _codes_by_name(actors)
    made = {(a, r) for e, _ in scored if e.type == "ACCUSE" for a in e.actors for r in e.recipients}
    out: list[tuple[Event, ConfidenceEvidence]] = []
    for event, evidence in scored:
        if event.status != "alleged" or event.type not in ALLEGED_ACT_TYPES or not event.asserted_by:
            continue
        accuser = by_name.get(event.asserted_by)
        accused = [c for c in event.actors if c != accuser]
        if accuser is None or not accused or all((accuser, c) in made for c in accused):
            continue
        made.update((accuser, c) for c in accused)
        root = cameo_root("ACCUSE", "allege")
        scored_as = dataclasses.replace(evidence, event_type="ACCUSE", status="occurred", derived=True,
                                        actor_source="speaker", counterpart=False)
        first = event.evidence[0].start if event.evidence else 0
        accusation = event.model_copy(update={
            "id": make_id("ev", article_id, "ACCUSE", [accuser], sorted(accused), first),
            "type": "ACCUSE", "mode": "allege", "actors": [accuser], "recipients": accused,
            "actor_ids": [], "recipient_ids": list(event.actor_ids), "actor_sectors": [],
            "recipient_sectors": list(event.actor_sectors), "cameo_root": root, "score": score("ACCUSE", "allege"),
            "goldstein": goldstein(root), "rule": f"{event.rule}+alleged", "status": "occurred",
            "confidence": confidence(scored_as),
        })
        out.append((accusation, scored_as))
    return out
