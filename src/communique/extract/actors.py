"""Actor stage: persons with roles, states, IGOs and organisations, resolved within the article."""

from __future__ import annotations

from spacy.tokens import Doc

from communique.records import ActorSet, Article


def find_actors(doc: Doc, *, article: Article) -> ActorSet:
    """Return the article's actors and their mentions (none until this stage is built)."""
    return ActorSet()
