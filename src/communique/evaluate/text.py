"""Text, code and name helpers of the scorer: folding, sentences, state codes, matching."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence

import pycountry

from communique.evaluate.gold import (
    EXTRA_STATE_CODES,
    GENERIC_CODES,
    GROUP_MEMBERS,
    ISO_DATE,
    GoldActor,
)
from communique.knowledge.names import strip_accents

#: Runs of white space; words; a sentence end; the punctuation trimmed off the ends of names.
SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?][\"'”’)]*\s+|\n")  # "U.S. President" goes on
_EDGE_PUNCT = " \t\n.,;:!?\"'()[]“”‘’«»"


# --------------------------------------------------------------------------- text helpers


def fold(text: str) -> str:
    """Case- and accent-fold ``text``, collapse spaces, trim punctuation at the ends."""
    plain = strip_accents(text).casefold()
    plain = plain.replace("’", "'").replace("‘", "'")
    return SPACES.sub(" ", plain).strip(_EDGE_PUNCT)


def name_key(name: str) -> str:
    """The comparable form of a name: folded, without a leading "the"."""
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


def name_parts(name: str) -> frozenset[str]:
    """The first and last name of ``name`` (initials and one-letter tokens ignored)."""
    tokens = [t.strip(_EDGE_PUNCT) for t in name_key(name).replace("-", " ").split()]
    tokens = [t for t in tokens if len(t) > 1]
    return frozenset({tokens[0], tokens[-1]}) if tokens else frozenset()


def quote_words(text: str) -> list[str]:
    """The folded words of a quotation."""
    return _WORD.findall(fold(text))


def sentence_around(text: str, start: int, end: int, *, limit: int = 300) -> str:
    """Return the sentence of ``text`` holding the span [start, end) (roughly split)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, max(start, 0))), default=0)
    after = _SENTENCE_END.search(text, max(end, start))
    right = after.end() if after else len(text)
    sentence = SPACES.sub(" ", text[left:right]).strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def find_sentence(text: str, phrases: Iterable[str]) -> str | None:
    """Return the sentence of the first phrase found in ``text`` (case-insensitive)."""
    lowered = text.casefold()
    for phrase in phrases:
        phrase = phrase.strip()
        pos = lowered.find(phrase.casefold()) if phrase else -1
        if pos >= 0:
            return sentence_around(text, pos, pos + len(phrase))
    return None


def is_state_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 state code (or Kosovo's XKX)."""
    if code in EXTRA_STATE_CODES:
        return True
    return len(code) == 3 and code.isalpha() and pycountry.countries.get(alpha_3=code.upper()) is not None


def expand_codes(codes: Iterable[str]) -> list[str]:
    """Upper-case codes, groups replaced by their members (IP4), duplicates dropped."""
    out: list[str] = []
    for code in codes:
        for member in GROUP_MEMBERS.get(code.upper(), (code.upper(),)):
            if member not in out:
                out.append(member)
    return out


def common_codes(gold: Sequence[str], system: Sequence[str]) -> int:
    """How many gold codes the system codes meet; a generic gold code takes one spare non-state code."""
    spare = [c for c in system if c not in gold and not is_state_code(c)]
    found = 0
    for code in gold:
        if code in system:
            found += 1
        elif code in GENERIC_CODES and spare:
            spare.pop(0)
            found += 1
    return found


def dates_agree(gold: str, system: str | None) -> bool:
    """True when the system date is at least as precise as the gold date and within it."""
    if not system or not ISO_DATE.match(system):
        return False
    return system == gold or system.startswith(gold + "-")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def max_matching(candidates: Sequence[Sequence[int]], order: Iterable[int],
                 gain: Callable[[int, int], float] | None = None) -> dict[int, int]:
    """Maximum one-to-one matching by augmenting paths, then improved by pairwise swaps.

    Args:
        candidates: for each left item, the right items it may match, best first.
        order: left items in the order they are served; a left item once
            matched stays matched, so serving required items first keeps their
            matching maximal.
        gain: how good a pair is; matched pairs are swapped while a swap
            raises the total (so equal-looking events get their right partners).
    Returns:
        left index -> right index.
    """
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in candidates[left]:  # a free partner first: displace no one needlessly
            if right not in owner and right not in seen:
                owner[right] = left
                return True
        for right in candidates[left]:
            if right not in seen:
                seen.add(right)
                if right not in owner or augment(owner[right], seen):
                    owner[right] = left
                    return True
        return False

    for left in order:
        augment(left, set())
    pairs = {left: right for right, left in owner.items()}
    return _improve_by_swaps(pairs, candidates, gain) if gain is not None else pairs


def _improve_by_swaps(pairs: dict[int, int], candidates: Sequence[Sequence[int]],
                      gain: Callable[[int, int], float]) -> dict[int, int]:
    """Swap partners of two matched pairs while that raises the total gain."""
    improved = True
    while improved:
        improved = False
        lefts = sorted(pairs)
        for a in lefts:
            for b in lefts:
                ra, rb = pairs[a], pairs[b]
                if a < b and rb in candidates[a] and ra in candidates[b] and \
                        gain(a, rb) + gain(b, ra) > gain(a, ra) + gain(b, rb):
                    pairs[a], pairs[b] = rb, ra
                    improved = True
    return pairs


# --------------------------------------------------------------------------- names


class NameIndex:
    """Resolves a name to gold actors: by name or alias, else by a unique shared first/last name."""

    def __init__(self, actors: Sequence[GoldActor]) -> None:
        self.actors = list(actors)
        self._exact: dict[str, list[int]] = {}
        for index, actor in enumerate(self.actors):
            for name in actor.names:
                bucket = self._exact.setdefault(name_key(name), [])
                if index not in bucket:
                    bucket.append(index)
        self._parts = [name_parts(a.name) if a.kind == "person" else frozenset() for a in self.actors]

    def exact(self, name: str) -> list[int]:
        """Gold actors whose name or alias equals ``name`` (ignoring case, accents, "the")."""
        return list(self._exact.get(name_key(name), []))

    def by_part(self, name: str) -> int | None:
        """The one gold person sharing a first or last name with ``name``, else None."""
        parts = name_parts(name)
        hits = [i for i, gold in enumerate(self._parts) if parts & gold]
        return hits[0] if len(hits) == 1 else None

    def resolve(self, name: str | None) -> list[int]:
        """Gold actors ``name`` may refer to, best first (exact beats shared part)."""
        if not name:
            return []
        exact = self.exact(name)
        if exact:
            return exact
        part = self.by_part(name)
        return [] if part is None else [part]
