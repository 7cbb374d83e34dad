"""The state of a story's places, for stories that name no state (issue 20).

Local news often names only its city ("police in Lagos arrested ..."): the domestic bodies it
speaks of (police, courts, ministries) belong to that city's state. ``story_state`` reads the
places spaCy tags (GPE, LOC) and resolves them with the gazetteer; a city must be big enough
(``MIN_CITY_POPULATION``) not to be a namesake. The state most places lie in wins; ties go to the
one named first.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from communique.extract.locations import resolve_place

__all__ = ["MIN_CITY_POPULATION", "story_state"]

#: Smaller cities are too often namesakes of other places to give a story its state.
MIN_CITY_POPULATION = 100_000
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def story_state(doc: Doc) -> str | None:
    """Return the state the places named in ``doc`` lie in, or None when none resolves."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        place = resolve_place(ent.text)
        if place is None or not place.state:
            continue
        if place.precision == "city" and place.population < MIN_CITY_POPULATION:
            continue
        counts[place.state] += 1
        first.setdefault(place.state, ent.start)
    if not counts:
        return None
    best = max(counts.values())
    return min((code for code, n in counts.items() if n == best), key=first.__getitem__)
