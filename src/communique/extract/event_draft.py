"""The event stage's draft record and the helpers its modules share: actor codes and governing verbs."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Token

from communique.extract.context import EventContext
from communique.extract.event_args import ArgFinder, unique
from communique.extract.event_triggers import Hit
from communique.knowledge.actor_tables import igos

__all__ = ["Draft", "codes", "governing_verb", "group_members"]


@dataclass
class Draft:
    """An event being built: mutable until it becomes an ``Event`` record."""

    hit: Hit
    type: str
    mode: str | None
    actor_ids: list[str]
    recipient_ids: list[str]
    status: str | None = None
    rule: str = ""
    evidence: list[Token] = field(default_factory=list)
    context_info: EventContext | None = None
    actor_source: str = "frame"  # frame, speaker, place or unknown (event_confidence)
    place_code: str | None = None  # the state of the place, for acts of unnamed state agents


def codes(ids: list[str], finder: ArgFinder) -> list[str]:
    """Event codes of actor ids, unique, in order; an informal group adds its member states.

    FORMAT.md: an informal group ("NATO's Indo-Pacific partners") stands for its
    members; where the group also has a code of its own, both are listed.
    """
    key = tuple(ids)
    found = finder.code_lists.get(key)
    if found is None:
        found = finder.code_lists[key] = tuple(unique(c for i in ids if (code := finder.code(i)) for c in _with_members(code)))
    return list(found)


@functools.cache
def _with_members(code: str) -> tuple[str, ...]:
    """The code followed by its group's member states."""
    return (code, *group_members(code))


def group_members(code: str) -> tuple[str, ...]:
    """Member states of an informal group of states (``members`` in igos.yaml), else ()."""
    entry = igos().by_code.get(code)
    return entry.members if entry is not None else ()


def governing_verb(tok: Token) -> Token | None:
    """The verb a nominal trigger is the object of (through prepositions), if any."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("nsubj", "nsubjpass", "ROOT") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None
