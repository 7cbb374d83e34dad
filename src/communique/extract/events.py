"""Event stage: PLOVER events with actors, recipients, date, status and evidence."""

from __future__ import annotations

from spacy.tokens import Doc

from communique.records import ActorSet, Article, Event, Quote


def find_events(doc: Doc, *, article: Article, actors: ActorSet, quotes: list[Quote]) -> list[Event]:
    """Return the events in ``doc`` (none until this stage is built)."""
    return []
