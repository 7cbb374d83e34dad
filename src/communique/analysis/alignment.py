"""Alignment analytics: dyad series, S-score alignment, blocs, and what changed.

Definitions (docs/alignment.md, "Alignment analytics", says the same with sources):

- A *fact* is one happening (a cluster of reports, or an event when no
  clustering is wanted) between two codes in a period, with its PLOVER score
  (-10 .. +10) and the number of independent sources behind it.
- *Dyad series* (``dyad_series``): per period, counts by quad class and type,
  the summed and mean score, and ``confidence = sources / (sources + 3)``:
  0 with no source, 0.5 at three independent sources, towards 1 with more.
- *Alignment* (``alignment``): Signorino and Ritter's S-score (1999),
  applied to event relations. For states A and B, each third party k gets
  A's mean score with k and B's mean score with k (0 when they have none);
  ``S = 1 - 2 * sum_k |a_k - b_k| / (n * 20)``, 20 being the width of the
  score scale, n the number of third parties either deals with. S is 1 when
  they treat everyone alike, -1 when as differently as possible.
- *Blocs* (``blocs``): Louvain communities (networkx) on the cooperation
  network of a period (edge weight: summed positive score between two codes;
  conflictual pairs add no edge), with a fixed seed; tracked across periods by
  matching each bloc to the previous period's bloc it shares most members with
  (Jaccard >= 0.3), so a bloc keeps its identity and a state that moves shows.
- *What changed* (``what_changed``): the periods where a dyad's summed score
  (or an alignment's S) moved most from the period before, with the facts
  behind the move.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from communique.filters import PERIODS, period_label

#: Width of the PLOVER score scale (-10 .. +10), the S-score's largest distance.
SCORE_RANGE = 20.0
#: Sources at which the confidence of a figure reaches one half.
CONFIDENCE_HALF = 3.0
#: Least Jaccard overlap for a bloc to keep the identity of a bloc of the previous period.
BLOC_MATCH = 0.3
#: Seed of the community detection, so the same data give the same blocs.
LOUVAIN_SEED = 7
QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


@dataclass(frozen=True)
class Fact:
    """One happening between codes: what every analysis here reads."""

    id: str  # cluster id (or event id)
    date: str  # ISO date, at least YYYY
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    type: str
    quad: int
    score: float
    sources: int = 1
    events: tuple[str, ...] = ()  # the event records behind it
    articles: tuple[str, ...] = ()  # the articles reporting it

    def pairs(self) -> list[tuple[str, str]]:
        """Unordered code pairs this fact relates (actor x recipient, or among actors)."""
        if self.recipients:
            raw = [(a, r) for a in self.actors for r in self.recipients if a != r]
        else:
            raw = [(a, b) for i, a in enumerate(self.actors) for b in self.actors[i + 1:] if a != b]
        return sorted({tuple(sorted(p)) for p in raw})  # type: ignore[misc]


def period_of(date: str, by: str) -> str:
    """Return the period label of an ISO date: ``2024-07-11``, ``2024-W28``, ``2024-07``, ``2024Q3`` or ``2024``."""
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    return period_label(date, by)


def confidence(sources: int) -> float:
    """Confidence of a figure resting on ``sources`` independent sources (0 .. 1)."""
    return sources / (sources + CONFIDENCE_HALF)


# -- dyad series ----------------------------------------------------------------------------------


@dataclass
class DyadPoint:
    """A dyad's figures in one period."""

    period: str
    events: int = 0
    score_sum: float = 0.0
    sources: int = 0
    by_quad: Counter[str] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    facts: list[str] = field(default_factory=list)

    @property
    def score_mean(self) -> float:
        """Mean score per happening."""
        return self.score_sum / self.events if self.events else 0.0

    @property
    def confidence(self) -> float:
        """Confidence from the independent sources behind the period's figures."""
        return confidence(self.sources)

    def to_json(self) -> dict[str, object]:
        """JSON form for the CLI and the API."""
        return {"period": self.period, "events": self.events, "score_sum": round(self.score_sum, 3),
                "score_mean": round(self.score_mean, 3), "confidence": round(self.confidence, 3),
                "sources": self.sources, "by_quad": dict(self.by_quad), "by_type": dict(self.by_type),
                "facts": self.facts}


def dyad_series(facts: Iterable[Fact], a: str, b: str, *, by: str = "month") -> list[DyadPoint]:
    """The series of a dyad (either direction) by period, oldest first."""
    pair = tuple(sorted((a, b)))
    points: dict[str, DyadPoint] = {}
    for fact in facts:
        if pair not in fact.pairs():
            continue
        period = period_of(fact.date, by)
        point = points.setdefault(period, DyadPoint(period))
        point.events += 1
        point.score_sum += fact.score
        point.sources += fact.sources
        point.by_quad[QUADS.get(fact.quad, str(fact.quad))] += 1
        point.by_type[fact.type] += 1
        point.facts.append(fact.id)
    return [points[p] for p in sorted(points)]


def all_dyads(facts: Iterable[Fact], *, by: str = "quarter") -> dict[tuple[str, str, str], tuple[int, float, int]]:
    """Every dyad in every period: ``(period, a, b) -> (events, summed score, sources)``."""
    out: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for fact in facts:
        period = period_of(fact.date, by)
        for a, b in fact.pairs():
            cell = out[(period, a, b)]
            cell[0] += 1
            cell[1] += fact.score
            cell[2] += fact.sources
    return {k: (int(v[0]), v[1], int(v[2])) for k, v in out.items()}


# -- alignment (S-score) --------------------------------------------------------------------------


@dataclass(frozen=True)
class Alignment:
    """How alike two states act towards everyone else in one period."""

    period: str
    a: str
    b: str
    s_score: float | None  # None when neither deals with any third party
    third_parties: int
    similar: tuple[tuple[str, float, float], ...]  # (code, a's mean score, b's) treated most alike
    different: tuple[tuple[str, float, float], ...]  # treated most differently
    facts: tuple[str, ...]
    sources: int

    def to_json(self) -> dict[str, object]:
        """JSON form for the CLI and the API."""
        def rows(items: tuple[tuple[str, float, float], ...]) -> list[dict[str, object]]:
            return [{"code": c, "a": round(x, 3), "b": round(y, 3)} for c, x, y in items]

        return {"period": self.period, "a": self.a, "b": self.b,
                "s_score": None if self.s_score is None else round(self.s_score, 4),
                "third_parties": self.third_parties, "confidence": round(confidence(self.sources), 3),
                "similar": rows(self.similar), "different": rows(self.different), "facts": list(self.facts)}


def s_score(x: dict[str, float], y: dict[str, float]) -> float | None:
    """Signorino-Ritter S over the union of third parties (absent relations count as 0)."""
    keys = set(x) | set(y)
    if not keys:
        return None
    distance = sum(abs(x.get(k, 0.0) - y.get(k, 0.0)) for k in keys)
    return 1.0 - 2.0 * distance / (len(keys) * SCORE_RANGE)


def alignment(facts: Iterable[Fact], a: str, b: str, *, by: str = "quarter", top: int = 5) -> list[Alignment]:
    """The S-score alignment of ``a`` and ``b`` per period, with the third parties driving it."""
    sums: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(lambda: {a: defaultdict(list), b: defaultdict(list)})
    behind: dict[str, list[str]] = defaultdict(list)
    sources: Counter[str] = Counter()
    for fact in facts:
        period = period_of(fact.date, by)
        used = False
        for x, y in fact.pairs():
            for me, other in ((x, y), (y, x)):
                if me in (a, b) and other not in (a, b):
                    sums[period][me][other].append(fact.score)
                    used = True
        if used:
            behind[period].append(fact.id)
            sources[period] += fact.sources
    out = []
    for period in sorted(sums):
        va = {k: sum(v) / len(v) for k, v in sums[period][a].items()}
        vb = {k: sum(v) / len(v) for k, v in sums[period][b].items()}
        keys = sorted(set(va) | set(vb))
        rows = [(k, va.get(k, 0.0), vb.get(k, 0.0)) for k in keys]
        by_diff = sorted(rows, key=lambda r: (abs(r[1] - r[2]), r[0]))
        similar = tuple(r for r in sorted(rows, key=lambda r: (-(abs(r[1]) + abs(r[2])) + abs(r[1] - r[2]), r[0]))
                        if r[1] * r[2] > 0)[:top]
        different = tuple(r for r in reversed(by_diff) if abs(r[1] - r[2]) > 0)[:top]
        out.append(Alignment(period, a, b, s_score(va, vb), len(keys), similar, different,
                             tuple(behind[period]), sources[period]))
    return out


# -- blocs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bloc:
    """A community of the cooperation network in one period, with a stable identity."""

    id: str
    period: str
    members: tuple[str, ...]
    joined: tuple[str, ...]  # members that were in another bloc (or none) the period before
    left: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """JSON form for the CLI and the API."""
        return {"id": self.id, "period": self.period, "members": list(self.members),
                "joined": list(self.joined), "left": list(self.left)}


@dataclass(frozen=True)
class Network:
    """The signed, weighted network of one period."""

    period: str
    edges: dict[tuple[str, str], float]  # summed score per unordered pair
    facts: dict[tuple[str, str], list[str]]


def networks(facts: Iterable[Fact], *, by: str = "quarter") -> dict[str, Network]:
    """The network of every period."""
    edges: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
    behind: dict[str, dict[tuple[str, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        period = period_of(fact.date, by)
        for pair in fact.pairs():
            edges[period][pair] += fact.score
            behind[period][pair].append(fact.id)
    return {p: Network(p, dict(edges[p]), dict(behind[p])) for p in sorted(edges)}


def communities(network: Network) -> list[tuple[str, ...]]:
    """Louvain communities of the network's cooperative (positive) edges, largest first."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    for (a, b), weight in network.edges.items():
        graph.add_nodes_from((a, b))
        if weight > 0:
            graph.add_edge(a, b, weight=weight)
    if graph.number_of_edges() == 0:
        return [tuple(sorted(graph.nodes))] if graph.number_of_nodes() else []
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
    return sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c))


def blocs(facts: Iterable[Fact], *, by: str = "quarter", min_size: int = 2) -> dict[str, list[Bloc]]:
    """Blocs of every period, tracked across periods with stable identities (``B1``, ``B2``...)."""
    result: dict[str, list[Bloc]] = {}
    previous: list[Bloc] = []
    counter = 0
    for period, network in networks(facts, by=by).items():
        groups = [g for g in communities(network) if len(g) >= min_size]
        matched = _match(groups, previous)
        current = []
        for group, prev in zip(groups, matched, strict=True):
            if prev is None:
                counter += 1
                bloc_id = f"B{counter}"
                joined: tuple[str, ...] = tuple(m for m in group if any(m in p.members for p in previous))
                left: tuple[str, ...] = ()
            else:
                bloc_id = prev.id
                joined = tuple(m for m in group if m not in prev.members and _was_placed(m, previous))
                left = tuple(m for m in prev.members if m not in group)
            current.append(Bloc(bloc_id, period, group, joined, left))
        result[period] = current
        previous = current
    return result


def _was_placed(member: str, previous: Sequence[Bloc]) -> bool:
    return any(member in bloc.members for bloc in previous)


def _match(groups: list[tuple[str, ...]], previous: list[Bloc]) -> list[Bloc | None]:
    """Match each group to the previous bloc it overlaps most (one-to-one, best pairs first)."""
    pairs = sorted(
        ((_jaccard(g, p.members), i, j) for i, g in enumerate(groups) for j, p in enumerate(previous)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    out: list[Bloc | None] = [None] * len(groups)
    used: set[int] = set()
    for score, i, j in pairs:
        if score < BLOC_MATCH or out[i] is not None or j in used:
            continue
        out[i] = previous[j]
        used.add(j)
    return out


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def bloc_moves(history: dict[str, list[Bloc]]) -> list[dict[str, str]]:
    """Every move of a code from one bloc to another: ``{code, period, from, to}``."""
    moves = []
    last: dict[str, str] = {}
    for period in sorted(history):
        for bloc in history[period]:
            for code in bloc.members:
                before = last.get(code)
                if before is not None and before != bloc.id:
                    moves.append({"code": code, "period": period, "from": before, "to": bloc.id})
                last[code] = bloc.id
    return moves


# -- what changed ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A period in which a measure moved, with the facts behind it."""

    period: str
    previous: str | None
    before: float
    after: float
    facts: tuple[str, ...]

    @property
    def delta(self) -> float:
        """How far the measure moved."""
        return self.after - self.before

    def to_json(self) -> dict[str, object]:
        """JSON form for the CLI and the API."""
        return {"period": self.period, "previous": self.previous, "before": round(self.before, 3),
                "after": round(self.after, 3), "delta": round(self.delta, 3), "facts": list(self.facts)}


def what_changed(series: Sequence[tuple[str, float, Sequence[str]]], *, top: int = 5) -> list[Change]:
    """The ``top`` periods where a measure ``(period, value, facts)`` moved most from the one before."""
    changes = []
    for (p0, v0, _f0), (p1, v1, f1) in pairwise(series):
        if not (math.isnan(v0) or math.isnan(v1)):
            changes.append(Change(p1, p0, v0, v1, tuple(f1)))
    return sorted(changes, key=lambda c: (-abs(c.delta), c.period))[:top]


def dyad_changes(facts: Iterable[Fact], a: str, b: str, *, by: str = "month", top: int = 5) -> list[Change]:
    """What changed in a dyad: the largest moves of its summed score."""
    series = [(p.period, p.score_sum, p.facts) for p in dyad_series(facts, a, b, by=by)]
    return what_changed(series, top=top)


def alignment_changes(aligned: Sequence[Alignment], *, top: int = 5) -> list[Change]:
    """What changed in an alignment: the largest moves of S."""
    series = [(x.period, x.s_score if x.s_score is not None else float("nan"), x.facts) for x in aligned]
    return what_changed(series, top=top)
