"""Quote stage: direct, partial and indirect quotations with their speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from communique.records import ActorSet, Quote


def find_quotes(doc: Doc, actors: ActorSet) -> list[Quote]:
    """Return the quotations in ``doc`` (none until this stage is built)."""
    return []
