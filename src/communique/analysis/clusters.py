"""One event, many reports: cluster events from different articles into happenings.

Two reports are *linked* when they can be the same happening (``cluster_links``:
compatible types, overlapping participants, compatible dates of any
precision, similar wording); each link's reason is kept with its cluster
(``Cluster.links``). A cluster is then
built inside each connected component of that link graph, in a canonical
order, so that every member of a cluster is compatible with every other one
(no chaining of a meeting into the next week's meeting through a vague
report).

Because clustering only ever looks inside one link component, processing a
new report means re-clustering the component it joins: the incremental
result is the rebuilt result, report for report (``Clusterer.add`` vs
``cluster_all``).

Thresholds are named constants in ``cluster_links``; the evaluation of issue 12 measures them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from communique.analysis.cluster_links import (  # noqa: F401 - re-exported: the clustering's vocabulary
    COMPATIBLE_TYPES,
    MAX_DAY_GAP,
    MIN_PARTICIPANT_JACCARD_COARSE,
    MIN_PARTICIPANT_OVERLAP,
    MIN_SIMILARITY_COARSE,
    MIN_SIMILARITY_DAY,
    MIN_SIMILARITY_MONTH,
    MIN_SIMILARITY_YEAR,
    SYMMETRIC_TYPES,
    Link,
    Report,
    content_words,
    dates_compatible,
    link_reason,
    linked,
    participants_compatible,
    similarity,
    spanning_links,
    types_compatible,
)
from communique.ids import make_id

K = TypeVar("K")  # the keys of a ``LinkIndex``


@dataclass(frozen=True)
class Cluster:
    """A happening and every report of it."""

    id: str
    type: str
    mode: str | None
    participants: tuple[str, ...]
    date: str | None
    status: str
    contested: bool
    disagreements: tuple[str, ...]  # event ids of the reports that disagree with the consensus
    events: tuple[str, ...]
    links: tuple[Link, ...]  # why the reports are one happening: each report's link to an earlier one
    articles: tuple[str, ...]
    sources: tuple[str, ...]
    first_reported: str | None
    last_reported: str | None

    @property
    def counts(self) -> dict[str, int]:
        """Events, articles and distinct sources."""
        return {"events": len(self.events), "articles": len(self.articles), "sources": len(self.sources)}


# -- clustering inside one link component ---------------------------------------------------------


def kinds(reports: list[Report]) -> list[int]:
    """A number for each report's ``Report.kind``: equal numbers, equal kinds."""
    numbers: dict[tuple[object, ...], int] = {}
    return [numbers.setdefault(r.kind, len(numbers)) for r in reports]


def linked_once(report: Report, other: Report, kind: int, memo: dict[int, bool]) -> bool:
    """``linked(report, other)``, computed once per kind of ``other`` (``kind``: its number in ``memo``)."""
    if other.article_id == report.article_id:
        return False
    found = memo.get(kind)
    if found is None:
        found = memo[kind] = linked(report, other)
    return found


@dataclass
class _Group:
    """A cluster being built: its members, their kinds and articles, and one member of each kind."""

    members: list[Report] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    examples: dict[int, Report] = field(default_factory=dict)
    #: kind -> the mean similarity of a report of that kind (of an article not in the group) to the
    #: members, None when it does not link to every member; the same for every such report until the
    #: group grows.
    scores: dict[int, float | None] = field(default_factory=dict)

    def add(self, report: Report, kind: int) -> None:
        self.members.append(report)
        self.kinds.append(kind)
        self.articles.add(report.article_id)
        self.examples.setdefault(kind, report)
        self.scores.clear()


def _cluster_component(reports: list[Report]) -> list[list[Report]]:
    """Greedy complete-link clustering of one component, in canonical order.

    A report joins the group it links to every member of (none from its own
    article) with the highest mean similarity, else starts a group. Members
    of one kind link alike and are as similar, so one of each is compared.
    """
    ordered = sorted(reports, key=lambda r: r.sort_key)
    groups: list[_Group] = []
    # By pair of kinds, for reports of different articles: whether they link, how similar they are.
    pair_links: dict[tuple[int, int], bool] = {}
    pair_similar: dict[tuple[int, int], float] = {}
    for report, kind in zip(ordered, kinds(ordered), strict=True):
        best, best_score = None, -1.0
        for group in groups:
            if report.article_id in group.articles:
                continue  # so no member (no example) is of this report's article
            if kind in group.scores:
                score = group.scores[kind]
            else:
                score = 0.0
                for k, example in group.examples.items():
                    found = pair_links.get((kind, k))
                    if found is None:
                        found = pair_links[(kind, k)] = linked(report, example)
                    if not found:
                        score = None
                        break
                if score is not None:
                    similar = {}
                    for k, example in group.examples.items():
                        value = pair_similar.get((kind, k))
                        if value is None:
                            value = pair_similar[(kind, k)] = similarity(report, example)
                        similar[k] = value
                    score = sum([similar[k] for k in group.kinds]) / len(group.kinds)  # in member order, as always
                group.scores[kind] = score
            if score is not None and score > best_score:
                best, best_score = group, score
        if best is None:
            best = _Group()
            groups.append(best)
        best.add(report, kind)
    return [group.members for group in groups]


def summarise(members: list[Report]) -> Cluster:
    """Build the cluster record of a group of reports."""
    members = sorted(members, key=lambda r: r.sort_key)
    statuses = Counter(m.status for m in members)
    status = _consensus_status(statuses)
    day_dates = Counter(m.date for m in members if m.date and len(m.date) == 10)
    date = day_dates.most_common(1)[0][0] if day_dates else _coarsest_common(members)
    disagreeing = [m.event_id for m in members if _disagrees(m, status, date)]
    types = Counter(m.type for m in members if m.status != "planned") or Counter(m.type for m in members)
    main_type = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    modes = Counter(m.mode for m in members if m.mode and m.type == main_type)
    published = sorted(m.published for m in members if m.published)
    return Cluster(
        id=make_id("cl", members[0].event_id),
        type=main_type,
        mode=modes.most_common(1)[0][0] if modes else None,
        participants=tuple(sorted(set().union(*(m.participants for m in members)))),
        date=date,
        status=status,
        contested=bool(disagreeing),
        disagreements=tuple(disagreeing),
        events=tuple(m.event_id for m in members),
        links=spanning_links(members),
        articles=tuple(dict.fromkeys(m.article_id for m in members)),
        sources=tuple(sorted({m.source for m in members if m.source})),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
    )


_STATUS_RANK = {"occurred": 0, "planned": 1, "alleged": 2, "denied": 3, "hypothetical": 4}
_CONFLICTING = {frozenset({"occurred", "denied"}), frozenset({"alleged", "denied"})}


def _consensus_status(statuses: Counter[str]) -> str:
    """The most reported status; an occurrence outranks a plan for the same happening."""
    if statuses.get("occurred") and statuses.get("planned"):
        statuses = statuses.copy()
        statuses["occurred"] += statuses.pop("planned")
    return sorted(statuses.items(), key=lambda kv: (-kv[1], _STATUS_RANK.get(kv[0], 9)))[0][0]


def _disagrees(report: Report, status: str, date: str | None) -> bool:
    if frozenset({report.status, status}) in _CONFLICTING:
        return True
    return bool(date and len(date) == 10 and report.date and len(report.date) == 10 and report.date != date
                and report.status != "planned")


def _coarsest_common(members: list[Report]) -> str | None:
    dates = [m.date for m in members if m.date]
    return min(dates, key=len) if dates else None


# -- the incremental clusterer --------------------------------------------------------------------


@dataclass
class Clusterer:
    """Holds reports, their link components and clusters; ``add`` is incremental.

    Candidate reports are found through a ``LinkIndex``, so adding one
    report costs the size of its neighbourhood, not of the store.
    """

    reports: dict[str, Report] = field(default_factory=dict)
    component_of: dict[str, int] = field(default_factory=dict)
    components: dict[int, set[str]] = field(default_factory=dict)
    clusters: dict[int, list[Cluster]] = field(default_factory=dict)
    _index: LinkIndex[str] = field(default_factory=lambda: LinkIndex())
    _next: int = 0

    def add(self, report: Report) -> list[Cluster]:
        """Add one report; return the clusters of the component it now belongs to."""
        if report.event_id in self.reports:
            return self.clusters[self.component_of[report.event_id]]
        neighbours = {other_id for other_id in self._index.candidates(report)
                      if linked(report, self.reports[other_id])}
        self.reports[report.event_id] = report
        self._index.add(report.event_id, report)
        merged = {report.event_id}
        for comp in {self.component_of[n] for n in neighbours}:
            merged |= self.components.pop(comp)
            self.clusters.pop(comp, None)
        comp_id = self._next
        self._next += 1
        self.components[comp_id] = merged
        for event_id in merged:
            self.component_of[event_id] = comp_id
        groups = _cluster_component([self.reports[e] for e in merged])
        self.clusters[comp_id] = [summarise(g) for g in groups]
        return self.clusters[comp_id]

    def add_many(self, reports: Iterable[Report]) -> None:
        """Add reports one by one."""
        for report in reports:
            self.add(report)

    def all_clusters(self) -> list[Cluster]:
        """Every cluster, in canonical order (by date, then id)."""
        out = [c for group in self.clusters.values() for c in group]
        return sorted(out, key=lambda c: (c.date or "", c.id))

    def cluster_of(self, event_id: str) -> Cluster | None:
        """The cluster an event belongs to."""
        comp = self.component_of.get(event_id)
        for cluster in self.clusters.get(comp, []) if comp is not None else []:
            if event_id in cluster.events:
                return cluster
        return None


def cluster_all(reports: Iterable[Report]) -> list[Cluster]:
    """Cluster a whole set of reports from scratch (the same result as adding them one by one)."""
    clusterer = Clusterer()
    clusterer.add_many(sorted(reports, key=lambda r: r.sort_key))
    return clusterer.all_clusters()


# -- evaluation ------------------------------------------------------------------------------------


def pairwise_scores(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering against gold labels (same items)."""
    items = sorted(set(predicted) & set(gold))
    tp = fp = fn = 0
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            same_pred = predicted[a] == predicted[b]
            same_gold = gold[a] == gold[b]
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pairs": tp + fp + fn}


def bcubed_scores(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin, 1998)."""
    items = sorted(set(predicted) & set(gold))
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    p = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_pred[predicted[i]]) for i in items) / len(items)
    r = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# -- link components of a whole set (rebuilds, store updates) --------------------------------------


def date_range(report: Report) -> tuple[dt.date, dt.date] | None:
    """The first and last day a report's date (else its article's date) covers; None if unknown."""
    return report.span


@functools.cache
def partner_types(type_: str) -> tuple[str, ...]:
    """The types a report of ``type_`` can link to: its own and the compatible ones."""
    return (type_, *sorted(b for a, b in COMPATIBLE_TYPES if a == type_))


def link_codes(report: Report) -> frozenset[str]:
    """Codes two linked reports always share one of: the participants, or only the actors when
    neither the report's type nor a compatible one is symmetric (directed acts need a common actor)."""
    return report.participants if _symmetric_family(report.type) else report.actor_set


@functools.cache
def _symmetric_family(type_: str) -> bool:
    return any(t in SYMMETRIC_TYPES for t in partner_types(type_))


_ONE_DAY = dt.timedelta(days=1)
_Month = tuple[int, int]


def _months(first: dt.date, last: dt.date) -> Iterator[_Month]:
    """The (year, month) pairs from ``first`` to ``last``."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass
class _Shelf(Generic[K]):
    """The reports of one (code, type, planned) key, by date."""

    days: dict[dt.date, list[K]] = field(default_factory=lambda: defaultdict(list))  # day-precise
    months: dict[_Month, list[K]] = field(default_factory=lambda: defaultdict(list))  # coarse: each month covered
    undated: list[K] = field(default_factory=list)  # unknown or unparsable date

    def add(self, key: K, span: tuple[dt.date, dt.date] | None) -> None:
        if span is None:
            self.undated.append(key)
        elif span[0] == span[1]:
            self.days[span[0]].append(key)
        else:
            for month in _months(*span):
                self.months[month].append(key)

    def collect(self, span: tuple[dt.date, dt.date] | None, out: set[K]) -> None:
        """Add the keys whose dates may be compatible with ``span`` to ``out``."""
        out.update(self.undated)
        if span is None:  # undated: compatible with any date
            for keys in self.days.values():
                out.update(keys)
            for keys in self.months.values():
                out.update(keys)
            return
        gap = dt.timedelta(days=MAX_DAY_GAP)
        lo, hi = span[0] - gap, span[1] + gap
        if self.days:
            if (hi - lo).days < len(self.days):
                day = lo
                while day <= hi:
                    out.update(self.days.get(day, ()))
                    day += _ONE_DAY
            else:  # a wide range over few days: look at each day filed
                for day, keys in self.days.items():
                    if lo <= day <= hi:
                        out.update(keys)
        if self.months:
            for month in _months(lo, hi):
                out.update(self.months.get(month, ()))


class LinkIndex(Generic[K]):
    """Reports by link code, type, whether planned, and date: where a report's possible links are.

    Two linked reports share one of their ``link_codes``, have compatible
    types (a compatible but different type only when one of them is planned)
    and compatible dates, so a report need only be compared with the reports
    filed under one of its codes and its ``partner_types``, on a day within
    ``MAX_DAY_GAP`` of its date (coarse reports by the months they cover,
    undated ones with every date).
    """

    def __init__(self) -> None:
        self._shelves: dict[tuple[str, str, bool], _Shelf[K]] = {}

    def add(self, key: K, report: Report) -> None:
        """File ``report`` under ``key``."""
        planned = report.status == "planned"
        for code in link_codes(report):
            shelf = self._shelves.get((code, report.type, planned))
            if shelf is None:
                shelf = self._shelves[(code, report.type, planned)] = _Shelf()
            shelf.add(key, report.span)

    def candidates(self, report: Report) -> set[K]:
        """Keys of the filed reports that may link to ``report`` (a superset of the linked ones)."""
        out: set[K] = set()
        planned = report.status == "planned"
        kinds = [(report.type, False), (report.type, True)]
        kinds += [(t, True) for t in partner_types(report.type)[1:]]
        if planned:
            kinds += [(t, False) for t in partner_types(report.type)[1:]]
        for code in link_codes(report):
            for type_, filed_planned in kinds:
                shelf = self._shelves.get((code, type_, filed_planned))
                if shelf is not None:
                    shelf.collect(report.span, out)
        return out


def link_components(reports: Iterable[Report], known: Mapping[str, str] | None = None) -> list[list[Report]]:
    """Split reports into the connected components of the link graph.

    Candidates are found through a ``LinkIndex`` of kinds (``Report.kind``:
    reports of one kind link alike to any report of another article), so the
    cost follows the kinds in the neighbourhoods, not the square of the set:
    a report is compared once with each candidate kind, and a kind whose
    reports are already in one component is joined through one of them.
    The result does not depend on the input order.

    Args:
        reports: the reports.
        known: event id -> component label, for reports whose link components
            among themselves are already known (stored and unchanged): they
            start joined to their component, and two of them are never
            compared (reports of different components are not linked); of
            one component and kind, only two of different articles are looked at.
    """
    known = known or {}
    items = sorted(reports, key=lambda r: r.event_id)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    # Reports of one kind file alike, so the index holds kinds; a kind's reports are kept in cells, one
    # per article. A report links to every report of a kind but those of its own article, or to none.
    index: LinkIndex[int] = LinkIndex()
    first_of: dict[str, int] = {}
    kind = kinds(items)
    filed: dict[tuple[str, int], list[str]] = defaultdict(list)  # articles of the known reports filed
    cells: dict[int, dict[str, list[int]]] = {}  # kind -> article -> its reports filed
    for i, report in enumerate(items):
        label = known.get(report.event_id)
        if label is not None:
            union(first_of.setdefault(label, i), i)
            if not _files_known(filed[(label, kind[i])], report.article_id):
                continue
        by_article = cells.get(kind[i])
        if by_article is None:
            by_article = cells[kind[i]] = {}
            index.add(kind[i], report)
        by_article.setdefault(report.article_id, []).append(i)
    joined: set[tuple[int, str]] = set()  # cells whose reports are already in one component

    def join_cell(i: int, k: int, article: str) -> None:
        members = cells[k][article]
        if (k, article) in joined:
            union(i, members[0])
            return
        for m in members:  # reports of one kind and article link alike: all join, or none
            union(i, m)
        joined.add((k, article))

    # kind -> how far its cells are joined: ("except", article, one report) when every cell but that
    # article's is in one component with the report, ("all", one report) when every cell is.
    state: dict[int, tuple[Any, ...]] = {}
    memo: dict[tuple[int, int], bool] = {}
    candidate_kinds: dict[int, set[int]] = {}
    for i, report in enumerate(items):
        if report.event_id in known:
            continue  # compared with the unknown reports when these come
        own = report.article_id
        candidates = candidate_kinds.get(kind[i])
        if candidates is None:  # reports of one kind file, and find, alike
            candidates = candidate_kinds[kind[i]] = index.candidates(report)
        for k in candidates:
            by_article = cells[k]
            other = next((a for a in by_article if a != own), None)
            if other is None:
                continue  # every report of that kind is of this article
            found = memo.get((kind[i], k))
            if found is None:
                found = memo[(kind[i], k)] = linked(report, items[by_article[other][0]])
            if not found:
                continue
            now = state.get(k)
            if now is not None and now[0] == "all":
                union(i, now[1])  # one component holds every cell, one of another article among them
            elif now is not None and now[1] == own:
                union(i, now[2])
            elif now is not None and any(a != own and a != now[1] for a in by_article):
                union(i, now[2])  # in one component with a cell of a third article, linked to this report
                join_cell(i, k, now[1])
                state[k] = ("all", i)
            else:
                for article in by_article:
                    if article != own:
                        join_cell(i, k, article)
                if now is None:
                    state[k] = ("except", own, i) if own in by_article else ("all", i)
    groups: dict[int, list[Report]] = defaultdict(list)
    for i, report in enumerate(items):
        groups[find(i)].append(report)
    return [groups[k] for k in sorted(groups)]


def _files_known(articles: list[str], article_id: str) -> bool:
    """Whether to file a known report, given the ``articles`` of the ones of its component and kind filed.

    Reports of one kind link alike to any report of another article, so two
    of different articles stand for all of them: whichever article a new
    report comes from, one of the two is of another (and known reports are
    only ever compared with unknown ones).
    """
    if len(articles) >= 2 or article_id in articles:
        return False
    articles.append(article_id)
    return True


def cluster_components(components: Iterable[list[Report]]) -> list[Cluster]:
    """Cluster each link component; every cluster, in canonical order (by date, then id)."""
    out = [summarise(group) for component in components for group in _cluster_component(component)]
    return sorted(out, key=lambda c: (c.date or "", c.id))
