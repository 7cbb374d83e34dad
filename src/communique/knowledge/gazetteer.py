"""A token-sequence gazetteer of actor names, built once per process.

Every form of every state, IGO, seat of power and known organisation is
tokenized once with spaCy's English tokenizer and indexed by its first token,
so matching an article is one dict lookup per token (longest match wins),
whatever the size of the tables.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from communique.knowledge import actor_tables as tables
from communique.knowledge.tokens import tokenize

__all__ = ["Entry", "Gazetteer", "Match", "gazetteer", "tokenize"]


@dataclass(frozen=True)
class Entry:
    """What a matched form stands for.

    ``kind``: ``state`` (key = alpha-3), ``igo`` (key = IGO acronym), ``seat`` or
    ``org`` (key = canonical name), or ``block`` (a phrase that is no actor).
    ``form``: for states ``name|adj|people|acr|capital``, else ``name``.
    """

    kind: str
    key: str
    form: str = "name"


@dataclass(frozen=True)
class Match:
    """A gazetteer hit over tokens ``[start, end)``."""

    start: int
    end: int
    entry: Entry


class Gazetteer:
    """Longest-match lookup of token sequences."""

    def __init__(self) -> None:
        #: first token -> [(length in tokens, {tokens: entry}, second tokens)], longest first
        self._index: dict[str, list[tuple[int, dict[tuple[str, ...], Entry], set[str]]]] = {}

    def add(self, form: str, entry: Entry) -> None:
        """Index ``form`` (as written) for ``entry``; the first entry for a form wins."""
        words = tokenize(form)
        if not words:
            return
        bucket = self._index.setdefault(words[0], [])
        group = next((group for group in bucket if group[0] == len(words)), None)
        if group is None:
            group = (len(words), {}, set())
            bucket.append(group)
            bucket.sort(key=lambda item: -item[0])
        group[1].setdefault(words, entry)
        if len(words) > 1:
            group[2].add(words[1])

    def match(self, words: Sequence[str]) -> list[Match]:
        """Return the non-overlapping longest matches in ``words``, left to right."""
        hits: list[Match] = []
        index = self._index
        after = 0  # where the last hit ends: no match may start before it
        for i, word in enumerate(words):
            if i < after or word not in index:
                continue
            hit = self._longest_at(words, i)
            if hit is not None:
                hits.append(hit)
                after = hit.end
        return hits

    def _longest_at(self, words: Sequence[str], i: int) -> Match | None:
        n = len(words)
        for length, forms, seconds in self._index.get(words[i], ()):
            end = i + length
            if end <= n and (length == 1 or words[i + 1] in seconds):
                entry = forms.get(tuple(words[i:end]))
                if entry is not None:
                    return Match(i, end, entry)
        return None


@functools.cache
def gazetteer() -> Gazetteer:
    """Build the actor gazetteer from every knowledge table (once per process)."""
    gaz = Gazetteer()
    for phrase in tables.not_states():
        gaz.add(phrase, Entry("block", phrase))
    for org in tables.seats().values():
        for alias in (org.name, *org.aliases):
            gaz.add(alias, Entry("seat", org.name))
    for org in tables.known_orgs().values():
        for alias in (org.name, *org.aliases):
            gaz.add(alias, Entry("org", org.name))
    for igo in tables.igos().by_key.values():
        for alias in (igo.name, *igo.aliases):
            gaz.add(alias, Entry("igo", igo.acronym))
    for form, (code, kind) in tables.countries().forms.items():
        gaz.add(form, Entry("state", code, kind))
    return gaz
