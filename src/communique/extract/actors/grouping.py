"""Actor step for grouping persons: one actor per person, whatever the form of the name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.extract.actors.common import (
    NAME_PARTICLES,
    ROMAN,
    _same_name,
)
from communique.knowledge import actor_tables as tables

if TYPE_CHECKING:
    from communique.extract.actors.reader import _Reader


class _PersonGrouping:
    """Persons' grouping: full names, surnames and single names that name the same person."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader

    # -------------------------------------------------------------- persons: grouping

    def add_persons(self, spans: list[tuple[int, int]]) -> None:
        """Create persons from full names, then attach single-name mentions and read titles."""
        full = [(s, e) for s, e in spans if e - s >= 2]
        single = [(s, e) for s, e in spans if e - s == 1]
        for s, e in full:
            key = self._person_for_full(s, e)
            self.r.mention(s, e, key, "name")
        self._surname_mentions(single)
        for m in sorted((m for m in self.r.ments if m.key.startswith("person:")), key=lambda m: m.start):
            self.r.titles.read_person_context(self.r.drafts[m.key], m.start, m.end)
        for draft in self.r.drafts.values():
            if draft.kind == "person":
                self.r.context.finish_person(draft)

    def _name_tokens(self, name: str) -> list[str]:
        """Return the words of a name that tell persons apart, as lookup keys ("Sánchez" = "sanchez")."""
        parts = [p for p in name.replace("-", " ").split() if p]
        return [tables.name_key(p) for p in parts
                if p.lower() not in NAME_PARTICLES and p.lower() not in ROMAN and len(p) > 1]

    def _person_for_full(self, s: int, e: int) -> str:
        name = self.r.span_text(s, e)
        toks = self._name_tokens(name)
        for draft in self.r.drafts.values():
            if draft.kind != "person":
                continue
            if _same_name(toks, self._name_tokens(draft.name)):
                if len(name) > len(draft.name):
                    draft.add_alias(draft.name)
                    draft.name = name
                else:
                    draft.add_alias(name)
                return draft.key
        key = f"person:{name}"
        self.r.draft(key, "person", name)
        return key

    def _surname_mentions(self, singles: list[tuple[int, int]]) -> None:
        """Attach one-word mentions (any NER label) to persons by first or last name.

        A surname two persons of the article share goes to the one named last
        before it ("Ana Ruiz ... Pablo Ruiz said ... Ruiz added": Pablo Ruiz).
        """
        last: dict[str, list[str]] = {}
        first: dict[str, list[str]] = {}
        second: dict[str, list[str]] = {}
        for draft in self.r.drafts.values():
            if draft.kind == "person":
                toks = self._name_tokens(draft.name)
                if toks:
                    last.setdefault(toks[-1], []).append(draft.key)
                    first.setdefault(toks[0], []).append(draft.key)
                    if len(toks) >= 3:  # "Sánchez" of "Pedro Sánchez Pérez-Castejón": the first surname
                        second.setdefault(toks[1], []).append(draft.key)
        single_starts = {s for s, _ in singles}
        for i in self.r.capitalised:
            if self.r.taken[i]:
                continue
            word = tables.name_key(self.r.words[i])
            key = self._nearest(last.get(word), i) or self._nearest(first.get(word), i) \
                or self._nearest(second.get(word), i)
            if key is None:
                if i in single_starts:
                    key = self._single_person(i)
                else:
                    continue
            start = self._extend_particles(i)
            self.r.mention(start, i + 1, key, "name" if self.r.span_text(start, i + 1) == self.r.drafts[key].name else "alias")
            self.r.drafts[key].add_alias(self.r.span_text(start, i + 1))

    def _nearest(self, keys: list[str] | None, i: int) -> str | None:
        """Return the one person of ``keys``, or the one of them mentioned last before token ``i``."""
        if not keys:
            return None
        if len(keys) > 1:
            for m in self.r.before(i, "person:"):
                if m.key in keys:
                    return m.key
        return keys[0]

    def _single_person(self, i: int) -> str:
        name = self.r.words[i]
        key = f"person:{name}"
        self.r.draft(key, "person", name)
        return key

    def _extend_particles(self, i: int) -> int:
        """Extend a surname left over joined particles ("al-Jubouri", "Abdel-Ghani")."""
        start = i
        while start >= 2 and self.r.words[start - 1] == "-" and not self.r.doc[start - 2].whitespace_ \
                and not self.r.doc[start - 1].whitespace_:
            start -= 2
        return start
