"""The state of a story's city for its domestic bodies when no state is named (issue 20)."""

from __future__ import annotations

import pytest

from communique.extract.story_place import story_state
from communique.pipeline import process_article
from communique.records import Article

pytestmark = pytest.mark.model


def police_country(text: str) -> str | None:
    result = process_article(Article(id="t", text=text, date="2024-05-02"))
    return next((a.country for a in result.actors if a.name.lower() == "police"), None)


def test_police_take_the_state_of_the_city(nlp) -> None:
    assert police_country("Police in Lagos arrested 12 protesters on Tuesday, officers said.") == "NGA"


def test_no_place_no_state(nlp) -> None:
    """Minimal pair: the same story without its city."""
    assert police_country("Police arrested 12 protesters on Tuesday, officers said.") is None


def test_story_state_counts_places_and_skips_small_namesakes(nlp) -> None:
    assert story_state(nlp("Protests spread from Lagos to Abuja and on to Accra on Monday.")) == "NGA"
    assert story_state(nlp("Officials met on Monday to discuss the budget.")) is None
