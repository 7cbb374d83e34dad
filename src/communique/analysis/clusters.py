"""One event, many reports: cluster events from different articles into happenings.

Two reports are *linked* when they can be the same happening: compatible
types (the same type; a planned act joins the act that later occurred),
overlapping participants (for directed types, a common actor and a common
recipient), compatible dates and similar evidence wording. A cluster is then
built inside each connected component of that link graph, in a canonical
order, so that every member of a cluster is compatible with every other one
(no chaining of a meeting into the next week's meeting through a vague
report).

Because clustering only ever looks inside one link component, processing a
new report means re-clustering the component it joins: the incremental
result is the rebuilt result, report for report (``Clusterer.add`` vs
``cluster_all``).

Thresholds are named constants below; the evaluation of issue 12 measures them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from communique.ids import make_id

#: Largest gap, in days, between two day-precise dates of one happening (reporting lag, time zones).
MAX_DAY_GAP = 1
#: Least evidence similarity (Jaccard of content words) for reports whose dates are only coarse.
MIN_SIMILARITY_COARSE = 0.12
#: Least evidence similarity when dates agree to the day.
MIN_SIMILARITY_DAY = 0.0
#: Least share of the smaller participant set found in the other, for symmetric types.
MIN_PARTICIPANT_OVERLAP = 0.5

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: Types that may stand for the same happening (a planned meeting coded AGREE and the meeting itself).
COMPATIBLE_TYPES = {("AGREE", "CONSULT"), ("CONSULT", "AGREE"), ("AGREE", "COOPERATE"), ("COOPERATE", "AGREE")}

K = TypeVar("K")  # the keys of a ``LinkIndex``

_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    """a an and are as at be been but by for from had has have he her his in into is it its of on or
    said says say that the their them they this to was were will with would which who after before
    over under than then there these those also about while during against between its""".split()
)


@dataclass(frozen=True)
class Report:
    """One event as one article reports it: what clustering needs to know."""

    event_id: str
    article_id: str
    source: str  # the outlet (domain or source name), for counting distinct sources
    published: str | None  # the article's date
    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    status: str
    evidence: str = ""
    mode: str | None = None

    # Features computed once per report: clustering compares each report with many others.

    @functools.cached_property
    def participants(self) -> frozenset[str]:
        """Every code taking part, actors and recipients."""
        return self.actor_set | self.recipient_set

    @functools.cached_property
    def actor_set(self) -> frozenset[str]:
        """The actors, as a set."""
        return frozenset(self.actors)

    @functools.cached_property
    def recipient_set(self) -> frozenset[str]:
        """The recipients, as a set."""
        return frozenset(self.recipients)

    @functools.cached_property
    def symmetric(self) -> bool:
        """Whether the type is symmetric (participants, not actors and recipients)."""
        return self.type in SYMMETRIC_TYPES

    @functools.cached_property
    def when(self) -> str | None:
        """The event's date, else its article's date."""
        return self.date or self.published

    @functools.cached_property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day ``when`` covers; None if unknown or unparsable."""
        return _parse(self.when)

    @functools.cached_property
    def day_precise(self) -> bool:
        """Whether ``when`` names a day (YYYY-MM-DD)."""
        return bool(self.when and len(self.when) == 10)

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """Content words of the evidence."""
        return content_words(self.evidence)

    @functools.cached_property
    def kind(self) -> tuple[object, ...]:
        """Everything ``linked`` and ``similarity`` read of a report but its article.

        Reports of one kind (a story reprinted by several outlets) link alike
        to any report of another article, so clustering compares one of them.
        """
        return (self.type, self.status, self.actor_set, self.recipient_set, self.span, self.day_precise, self.words)

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Canonical order: by when it happened, then by id."""
        return (self.date or self.published or "", self.published or "", self.event_id)


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
    articles: tuple[str, ...]
    sources: tuple[str, ...]
    first_reported: str | None
    last_reported: str | None

    @property
    def counts(self) -> dict[str, int]:
        """Events, articles and distinct sources."""
        return {"events": len(self.events), "articles": len(self.articles), "sources": len(self.sources)}


# -- pairwise compatibility ------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words of an evidence text."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


def similarity(a: Report, b: Report) -> float:
    """Jaccard similarity of the two reports' evidence content words."""
    wa, wb = a.words, b.words
    if not wa or not wb:
        return 0.0
    common = len(wa & wb)
    return common / (len(wa) + len(wb) - common)


def types_compatible(a: Report, b: Report) -> bool:
    """Same type, or a planned act and the act that followed."""
    if a.type == b.type:
        return True
    return (a.type, b.type) in COMPATIBLE_TYPES and "planned" in (a.status, b.status)


def participants_compatible(a: Report, b: Report) -> bool:
    """Overlapping participants: actor and recipient in common for directed types."""
    if a.symmetric or b.symmetric:
        pa, pb = a.participants, b.participants
        if not pa or not pb:
            return False
        if len(pa) > 1 and len(pb) > 1 and len(pa & pb) < 2:
            return False  # USA-CHN talks and USA-RUS talks: different counterparts, different meetings
        return len(pa & pb) / min(len(pa), len(pb)) >= MIN_PARTICIPANT_OVERLAP
    if a.actor_set.isdisjoint(b.actor_set):
        return False
    if a.recipients and b.recipients:
        return not a.recipient_set.isdisjoint(b.recipient_set)
    return not a.recipients and not b.recipients


@functools.lru_cache(maxsize=16384)
def _parse(date: str | None) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a (possibly coarse) ISO date covers."""
    if not date:
        return None
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except ValueError:
        return None


def dates_compatible(a: Report, b: Report) -> bool:
    """Day-precise dates within ``MAX_DAY_GAP``; a coarse date must contain the other."""
    ra, rb = a.span, b.span
    if ra is None or rb is None:
        return True
    if ra[0] == ra[1] and rb[0] == rb[1]:
        return abs((ra[0] - rb[0]).days) <= MAX_DAY_GAP
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def recipient_missing(a: Report, b: Report) -> bool:
    """A directed act with a common actor where one report names no recipient (the coder missed it)."""
    if a.symmetric or b.symmetric:
        return False
    return not a.actor_set.isdisjoint(b.actor_set) and bool(a.recipients) != bool(b.recipients)


def lone_participant(a: Report, b: Report) -> bool:
    """A symmetric act where one report names a single participant (the coder missed the others)."""
    return (a.symmetric or b.symmetric) and min(len(a.participants), len(b.participants)) == 1


def linked(a: Report, b: Report) -> bool:
    """Whether two reports from different articles can be the same happening.

    A report without a recipient joins a directed report of the same actor,
    and a symmetric report naming one participant joins one naming more,
    only with day-precise dates and similar wording (as coarse dates do).
    The cheap tests come first; the evidence is compared last, and only when
    a threshold above zero asks for it (a Jaccard similarity is never negative).
    """
    if a.article_id == b.article_id:
        return False  # one event per happening per article already
    if not (types_compatible(a, b) and dates_compatible(a, b)):
        return False
    partial = lone_participant(a, b)
    if not participants_compatible(a, b):
        if not recipient_missing(a, b):
            return False
        partial = True
    day_precise = a.day_precise and b.day_precise
    if partial and not day_precise:
        return False
    threshold = MIN_SIMILARITY_DAY if day_precise and not partial else MIN_SIMILARITY_COARSE
    return threshold <= 0.0 or similarity(a, b) >= threshold


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
