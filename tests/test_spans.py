"""The span indexes that replace whole-article scans (issue 21) answer exactly as the scans did."""

from __future__ import annotations

import random
from dataclasses import dataclass

from communique.extract.spans import DisjointSpans, FirstContaining, MentionIndex, SpanIndex


def random_spans(rng: random.Random, count: int, width: int = 6) -> list[tuple[int, int]]:
    return [(a, a + rng.randrange(0, width)) for a in (rng.randrange(0, 40) for _ in range(count))]


def test_span_index_overlap_and_containment_match_the_pairwise_tests():
    rng = random.Random(21)
    for _ in range(2000):
        spans = random_spans(rng, rng.randrange(0, 10))
        index = SpanIndex(spans)
        start = rng.randrange(0, 45)
        end = start + rng.randrange(0, 6)
        assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)
        assert index.contains_longer(start, end) == any(
            s <= start and end <= e and e - s > end - start for s, e in spans)


def test_first_containing_finds_the_first_in_list_order_sorted_or_not():
    rng = random.Random(7)
    for n in range(3000):
        spans = sorted(random_spans(rng, rng.randrange(0, 8)))
        if n % 3 == 1:  # disjoint, in any order
            spans = [(s, e) for k, (s, e) in enumerate(spans) if all(e <= s2 or s >= e2 for s2, e2 in spans[:k])]
        if n % 3:
            rng.shuffle(spans)
        index = FirstContaining(spans)
        for pos in range(-1, 48):
            expected = next((k for k, (s, e) in enumerate(spans) if s <= pos < e), None)
            assert index.find(pos) == expected


def test_disjoint_spans_keep_what_the_greedy_pairwise_selection_keeps():
    rng = random.Random(3)
    for _ in range(2000):
        spans = sorted(random_spans(rng, rng.randrange(0, 12)), key=lambda t: (-(t[1] - t[0]), t[0]))
        kept: list[tuple[int, int]] = []
        for s, e in spans:
            if all(e <= ks or s >= ke for ks, ke in kept):
                kept.append((s, e))
        held: DisjointSpans[tuple[int, int]] = DisjointSpans()
        for s, e in spans:
            held.add_if_free(s, e, (s, e))
        assert held.items() == kept


@dataclass
class Ment:
    start: int
    end: int
    key: str


def test_mention_index_yields_what_filtering_the_sorted_mentions_yields():
    rng = random.Random(11)
    keys = ["org:a", "org:b", "person:x", "person:y", "state:KEN", "igo:un"]
    for _ in range(300):
        index: MentionIndex[Ment] = MentionIndex()
        added: list[Ment] = []
        for _ in range(rng.randrange(0, 25)):
            start = rng.randrange(0, 30)
            ment = Ment(start, start + rng.randrange(1, 4), rng.choice(keys))
            index.add(ment)
            added.append(ment)
            if rng.random() < 0.05:
                cut = rng.randrange(0, 30)
                index.remove_covering(cut)
                added = [m for m in added if not m.start <= cut < m.end]
        by_span = sorted(added, key=lambda m: (m.start, m.end))  # stable: ties in order of creation
        for i in range(0, 34):
            for prefix in ("", "org:", "person:", "org:a"):
                expected = [m for m in reversed([m for m in by_span if m.start < i]) if m.key.startswith(prefix)]
                assert list(index.before(i, prefix)) == expected
            wanted = set(rng.sample(keys, 2))
            first = next((m for m in reversed([m for m in by_span if m.start < i]) if m.key in wanted), None)
            assert index.latest(i, wanted) is first
        assert list(index) == by_span
