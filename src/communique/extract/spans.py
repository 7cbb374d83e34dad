"""Interval queries over a fixed set of ``(start, end)`` spans in logarithmic time (issue 21).

Stages used to test a span against every span of a kind (``any(...)`` over
all person mentions, say), which grows with the square of the article. A
:class:`SpanIndex` sorts the spans once by start and keeps the running
maximum of their ends, so "does any span overlap / contain this one" is one
bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from itertools import accumulate, pairwise
from typing import Generic, Protocol, TypeVar

__all__ = ["DisjointSpans", "FirstContaining", "MentionIndex", "SpanIndex"]


class SpanIndex:
    """Half-open spans ``[start, end)``, sorted by start, with the running maximum of their ends."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        """Index ``spans`` (any order, duplicates allowed)."""
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._max_ends = list(accumulate((end for _, end in ordered), max))

    def __len__(self) -> int:
        return len(self._starts)

    def _max_end_before(self, count: int) -> int | None:
        """The largest end among the first ``count`` spans (by start), or None when there are none."""
        return self._max_ends[count - 1] if count > 0 else None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s < end and start < e``."""
        top = self._max_end_before(bisect.bisect_left(self._starts, end))
        return top is not None and top > start

    def contains_longer(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s <= start``, ``end <= e`` and is longer than ``[start, end)``.

        Such a span either starts before ``start`` (and ends at ``end`` or
        later) or starts at ``start`` and ends after ``end``.
        """
        before = self._max_end_before(bisect.bisect_left(self._starts, start))
        if before is not None and before >= end:
            return True
        at_or_before = self._max_end_before(bisect.bisect_right(self._starts, start))
        return at_or_before is not None and at_or_before > end


class Spanned(Protocol):
    """What :class:`MentionIndex` holds: a token span and the key of its actor."""

    start: int
    end: int
    key: str


M = TypeVar("M", bound=Spanned)
T = TypeVar("T")


class _Ordered(Generic[M]):
    """Items sorted by ``(start, end)``, ties in order of insertion."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, int]] = []  # (start, end, insertion number)
        self.items: list[M] = []

    def insert(self, item: M, seq: int) -> None:
        at = bisect.bisect_right(self.spans, (item.start, item.end, seq))
        self.spans.insert(at, (item.start, item.end, seq))
        self.items.insert(at, item)

    def count_before(self, i: int) -> int:
        """How many items start before token ``i``."""
        return bisect.bisect_left(self.spans, (i,))


class MentionIndex(Generic[M]):
    """Mentions sorted by span, also per key and per key prefix ("org:"), for "the latest before token i".

    ``before(i, prefix)`` yields the same mentions, in the same order, as
    filtering all mentions sorted by span (latest first) by ``prefix``, but
    lazily and over that prefix's mentions only; ``latest(i, keys)`` finds the
    first of them whose key is in ``keys`` by looking at those keys only.
    """

    def __init__(self) -> None:
        self._all: _Ordered[M] = _Ordered()
        self._by_prefix: dict[str, _Ordered[M]] = {}
        self._by_key: dict[str, _Ordered[M]] = {}
        self._seq = 0
        self.version = 0  # changes whenever the mentions change

    def add(self, item: M) -> None:
        """Add a mention."""
        self._seq += 1
        self.version += 1
        self._all.insert(item, self._seq)
        self._by_prefix.setdefault(_prefix(item.key), _Ordered()).insert(item, self._seq)
        self._by_key.setdefault(item.key, _Ordered()).insert(item, self._seq)

    def remove_covering(self, i: int) -> None:
        """Drop the mentions whose span covers token ``i`` (the others keep their order)."""
        kept = [(item, seq) for (_, _, seq), item in zip(self._all.spans, self._all.items, strict=True)
                if not item.start <= i < item.end]
        self._all, self._by_prefix, self._by_key = _Ordered(), {}, {}
        self.version += 1
        for item, seq in kept:
            self._all.insert(item, seq)
            self._by_prefix.setdefault(_prefix(item.key), _Ordered()).insert(item, seq)
            self._by_key.setdefault(item.key, _Ordered()).insert(item, seq)

    def __iter__(self) -> Iterator[M]:
        return iter(self._all.items)

    def keys(self) -> list[str]:
        """The keys mentioned."""
        return list(self._by_key)

    def of_key(self, key: str) -> list[M]:
        """The mentions of ``key``, by span."""
        found = self._by_key.get(key)
        return found.items if found else []

    def before(self, i: int, prefix: str = "") -> Iterator[M]:
        """Yield the mentions starting before token ``i`` whose key starts with ``prefix``, latest first."""
        exact = prefix == "" or (prefix.endswith(":") and prefix.count(":") == 1)
        ordered = self._all if prefix == "" else self._by_prefix.get(prefix) if exact else self._all
        if ordered is None:
            return iter(())
        items = ordered.items
        found = (items[k] for k in range(ordered.count_before(i) - 1, -1, -1))
        return found if exact else (m for m in found if m.key.startswith(prefix))

    def latest(self, i: int, keys: Iterable[str]) -> M | None:
        """The first mention ``before(i)`` yields whose key is in ``keys``, or None."""
        best: tuple[tuple[int, int, int], M] | None = None
        for key in keys:
            ordered = self._by_key.get(key)
            if ordered is None:
                continue
            k = ordered.count_before(i)
            if k and (best is None or ordered.spans[k - 1] > best[0]):
                best = ordered.spans[k - 1], ordered.items[k - 1]
        return best[1] if best else None


def _prefix(key: str) -> str:
    """``"org:"`` for ``"org:un"``; a key without a colon is its own prefix group."""
    head, colon, _ = key.partition(":")
    return head + colon


class FirstContaining:
    """Which of a list of spans is the first (in list order) to contain a position.

    Two bisections (over the starts and the running maximum of the ends) when
    the spans are listed by start, or when no two overlap (then at most one
    holds a position, whatever the order: they are sorted here); otherwise a
    scan. Empty spans hold no position and are left out.
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        """Index ``spans`` (half-open ``[start, end)``), in their order."""
        self._spans = spans
        kept = [k for k, (start, end) in enumerate(spans) if start < end]
        listed_by_start = all(spans[a][0] <= spans[b][0] for a, b in pairwise(kept))
        self._order = kept if listed_by_start else sorted(kept, key=lambda k: spans[k][0])
        self._starts = [spans[k][0] for k in self._order]
        self._max_ends = list(accumulate((spans[k][1] for k in self._order), max))
        self._fast = listed_by_start or all(
            self._starts[i + 1] >= self._max_ends[i] for i in range(len(self._order) - 1))

    def find(self, pos: int) -> int | None:
        """The index of the first span with ``start <= pos < end``, or None."""
        if not self._fast:
            return next((k for k, (start, end) in enumerate(self._spans) if start <= pos < end), None)
        first = bisect.bisect_right(self._max_ends, pos)  # the first span ending after pos
        return self._order[first] if first < bisect.bisect_right(self._starts, pos) else None


class DisjointSpans(Generic[T]):
    """Non-overlapping half-open spans, each with an item, added only when they overlap none already there."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._items: list[T] = []

    def add_if_free(self, start: int, end: int, item: T) -> bool:
        """Add ``[start, end)`` with ``item`` unless it overlaps a span held; return whether it was added.

        Overlap means ``start < e and s < end``. Only spans sorted before
        ``(end, end)`` start before ``end``; walking back from there, once a
        span ends at or before ``start`` so do all before it (held spans are
        disjoint and sorted).
        """
        at = bisect.bisect_left(self._spans, (end, end))
        for k in range(at - 1, -1, -1):
            s, e = self._spans[k]
            if s < end and start < e:
                return False
            if e <= start:
                break
        self._spans.insert(at, (start, end))
        self._items.append(item)
        return True

    def items(self) -> list[T]:
        """The items, in the order they were added."""
        return list(self._items)
