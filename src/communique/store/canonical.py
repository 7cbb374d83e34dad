"""Canonical actors: the same person, state, IGO or organisation across articles is one actor.

States and IGOs are keyed by their code; persons and organisations by their
normalised name and the state (or IGO) they serve. The canonical id is
derived from the key, so it is stable across runs and stores.
"""

from __future__ import annotations

import re
from functools import lru_cache

from communique.ids import make_id
from communique.knowledge.names import strip_accents
from communique.records import Actor

_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 16)  # the same names come again and again, in an article and across articles
def normalise_name(name: str) -> str:
    """Return ``name`` without accents, case or punctuation ("Pérez-Lima" -> "perez lima")."""
    return _NON_WORD.sub(" ", strip_accents(name).casefold()).strip()


def actor_key(actor: Actor) -> str:
    """Return the cross-article key of an article's actor ("state:USA", "person:joe biden|USA")."""
    if actor.kind in ("state", "igo") and actor.code:
        return f"{actor.kind}:{actor.code.upper()}"
    affiliation = (actor.country or actor.org or "").upper()
    return f"{actor.kind}:{normalise_name(actor.name)}|{affiliation}"


@lru_cache(maxsize=1 << 16)
def canonical_id(key: str) -> str:
    """Return the stable id of the canonical actor with this key (``actor_`` + 16 hex digits).

    The prefix differs from the in-article actor ids (``act_``) of the extract record.
    """
    return make_id("actor", key)
