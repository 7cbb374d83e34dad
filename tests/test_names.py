"""The name-folding primitives of ``communique.knowledge.names`` and the keys built on them."""

from __future__ import annotations

from communique.evaluate.text import fold as score_fold
from communique.knowledge.actor_tables import name_key
from communique.knowledge.names import ascii_letters, fold, plain, strip_accents
from communique.store.canonical import normalise_name


def test_ascii_letters_drops_marks_and_letters_without_an_ascii_base() -> None:
    assert ascii_letters("Pérez-Lima") == "Perez-Lima"
    assert ascii_letters("Ødegaard Straße") == "degaard Strae"
    assert ascii_letters("Киев") == ""
    assert ascii_letters("plain O'Neil.") == "plain O'Neil."


def test_strip_accents_keeps_letters_without_an_ascii_base() -> None:
    assert strip_accents("Pérez-Lima") == "Perez-Lima"
    assert strip_accents("Ødegaard Straße") == "Ødegaard Straße"
    assert strip_accents("Йошкар") == "Иошкар"  # the breve is a combining mark
    assert strip_accents("ﬁne") == "fine"  # NFKD splits the ligature


def test_each_key_keeps_its_own_rules() -> None:
    # places: apostrophes and periods dropped, hyphens as spaces, no leading "the"
    assert fold("The Côte d'Ivoire") == "cote divoire"
    assert plain("St. Étienne-du-Rouvray") == "st etienne du rouvray"
    # person lookup keys keep apostrophes and periods
    assert name_key("José O'Brien-Smith Jr.") == "jose o'brien smith jr."
    # canonical actor keys keep non-ASCII letters and turn punctuation into spaces
    assert normalise_name("Øystein O'Brien-Smith") == "øystein o brien smith"
    # the scorer keeps inner punctuation and trims it at the ends
    assert score_fold(" “Pérez’s  Office.” ") == "perez's office"
