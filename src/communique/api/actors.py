"""What the actor page and ``/api/actors/{id}`` show: one actor with its events, quotes and counterparts."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from communique.store.api import Store
from communique.store.views import StoredActor, StoredEvent, StoredQuote

__all__ = ["actor_detail"]


def actor_detail(st: Store, actor_id: str, *, limit: int = 100) -> dict[str, Any]:
    """Everything the actor page and ``/api/actors/{id}`` show."""
    actor: StoredActor | None = st.actor(actor_id) or _actor_by_code(st, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    ref = actor.code or actor.id
    as_actor: list[StoredEvent] = st.events(actor=actor.id, limit=limit)
    as_recipient: list[StoredEvent] = st.events(recipient=actor.id, limit=limit)
    quotes: list[StoredQuote] = st.quotes(speaker=actor.id, limit=limit) if actor.kind in ("person", "org") else []
    return {"actor": actor, "quotes": quotes, "as_actor": as_actor, "as_recipient": as_recipient,
            "counterparts": st.counterparts(ref, limit=20), "as_actor_total": st.count_events(actor=actor.id),
            "as_recipient_total": st.count_events(recipient=actor.id)}


def _actor_by_code(st: Store, code: str) -> StoredActor | None:
    """The state or IGO whose code is ``code`` (pages link event codes to actors)."""
    for candidate in st.actors(search=code, limit=50):
        if candidate.code == code and candidate.kind in ("state", "igo"):
            return candidate
    return None
