"""The data the UI's charts draw, built so that a chart cannot mislead.

- Time axes are true: every period between the first and the last is present,
  in order, and a period without data is there, empty (0 bars, ``None`` line
  points, which break the line in the browser).
- Events sit in the period of the store's own day (``event_day``: a partial
  date is completed as the store completes it for filters and dyads), so every
  chart and filter puts an event in the same period.
- Colours of PLOVER types come from ``knowledge/data/plover_colours.yaml``.

Periods are labelled as everywhere else in Communiqué: ``2024-07-15`` (day),
``2024-W28`` (ISO week), ``2024-07`` (month), ``2024Q3`` (quarter), ``2024``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TypedDict

from communique.analysis.reports import AlignReport
from communique.filters import period_label
from communique.knowledge.events import plover_types
from communique.knowledge.palette import plover_colours
from communique.store.clustering import ClusterPeriod
from communique.store.views import StoredEvent
from communique.store.writer import event_day

UNITS = ("day", "week", "month", "quarter", "year")
LABELS = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "week": re.compile(r"^\d{4}-W\d{2}$"),
          "month": re.compile(r"^\d{4}-\d{2}$"), "quarter": re.compile(r"^\d{4}Q[1-4]$"),
          "year": re.compile(r"^\d{4}$")}


class TimelineRow(TypedDict):
    """One month of the dashboard's stacked bars: events per PLOVER type."""

    period: str
    total: int
    counts: dict[str, int]


class Timeline(TypedDict):
    """The dashboard's chart: types present (PLOVER order), their colours, one row per month.

    ``undated`` counts the events left off the axis: no date and no article date,
    or a date that is no calendar day (e.g. loaded from elsewhere as "2024-13").
    """

    by: str
    types: list[str]
    colours: dict[str, str]
    rows: list[TimelineRow]
    undated: int


class DyadChartPoint(TypedDict):
    """One period of a dyad: happenings counted, summed score (None: nothing to sum)."""

    period: str
    events: int
    score: float | None


class AlignmentChartPoint(TypedDict):
    """One period of the alignment line: S (None: no S this period) and its third parties."""

    period: str
    s_score: float | None
    third_parties: int


class DyadBar(TypedDict):
    """One period of the alignment page's dyad bars."""

    period: str
    events: int
    score_sum: float | None


class AlignChart(TypedDict):
    """The alignment page's chart: a true axis, S per period, dyad bars, the periods where S moved."""

    a: str
    b: str
    by: str
    periods: list[str]
    alignment: list[AlignmentChartPoint]
    dyad: list[DyadBar]
    moved: list[str]


# -- periods ---------------------------------------------------------------------------------------


def period_of(day: str, by: str) -> str:
    """Return the label of the period holding ``day`` (an ISO date ``YYYY-MM-DD``; ValueError for
    one that is no calendar day or an unknown unit), as the store's queries label it."""
    if by not in UNITS:
        raise ValueError(f"period unit must be one of {', '.join(UNITS)}, not {by!r}")
    return period_label(dt.date.fromisoformat(day[:10]).isoformat(), by)


def next_period(label: str, by: str) -> str:
    """Return the label of the period after ``label``."""
    check_label(label, by)
    if by == "day":
        return (dt.date.fromisoformat(label) + dt.timedelta(days=1)).isoformat()
    if by == "week":
        monday = dt.date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
        return period_of((monday + dt.timedelta(days=7)).isoformat(), "week")
    if by == "month":
        year, month = int(label[:4]), int(label[5:])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    if by == "quarter":
        year, quarter = int(label[:4]), int(label[5])
        return f"{year + quarter // 4:04d}Q{quarter % 4 + 1}"
    return f"{int(label) + 1:04d}"


def check_label(label: str, by: str) -> None:
    """Raise ValueError unless ``label`` is a period label of unit ``by``."""
    pattern = LABELS.get(by)
    if pattern is None:
        raise ValueError(f"period unit must be one of {', '.join(UNITS)}, not {by!r}")
    if not pattern.match(label):
        raise ValueError(f"{label!r} is not a {by} label")


def period_range(first: str, last: str, by: str) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive, in order."""
    check_label(first, by)
    check_label(last, by)
    if last < first:
        raise ValueError(f"period range ends ({last}) before it starts ({first})")
    out = [first]
    while out[-1] != last:
        out.append(next_period(out[-1], by))
    return out


def axis(labels: Iterable[str], by: str) -> list[str]:
    """The true axis of some period labels: every period from the earliest to the latest."""
    present = sorted(set(labels))
    return period_range(present[0], present[-1], by) if present else []


# -- chart data ------------------------------------------------------------------------------------


def timeline(events: Iterable[StoredEvent], by: str = "month") -> Timeline:
    """Events per period and PLOVER type, every period from the first to the last (empty ones empty)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    undated = 0
    for e in events:
        period = _period_or_none(event_day(e.date, e.article_date), by)
        if period is None:
            undated += 1
        else:
            counts[period][e.type] += 1
    present = {t for c in counts.values() for t in c}
    colours = plover_colours()
    types = [t for t in plover_types() if t in present] + sorted(present - set(plover_types()))
    rows = [TimelineRow(period=p, total=sum(counts[p].values()), counts=dict(counts[p])) if p in counts
            else TimelineRow(period=p, total=0, counts={}) for p in axis(counts, by)]
    return Timeline(by=by, types=types, colours={t: colours[t] for t in types if t in colours}, rows=rows,
                    undated=undated)


def _period_or_none(day: str | None, by: str) -> str | None:
    """The period of ``day``, or None when there is no day or it is no calendar day."""
    if not day:
        return None
    try:
        return period_of(day, by)
    except ValueError:  # a stored date that is no calendar day: counted as undated by the caller
        return None


def dyad_points(periods: Sequence[ClusterPeriod], *, by: str, count: str) -> list[DyadChartPoint]:
    """A dyad's periods on a true axis: counted happenings and summed score, empty periods empty."""
    known = {p.period: p for p in periods if p.period}
    out: list[DyadChartPoint] = []
    for label in axis(known, by):
        p = known.get(label)
        if p is None:
            out.append(DyadChartPoint(period=label, events=0, score=None))
        else:
            out.append(DyadChartPoint(period=label, events=p.clusters if count == "clusters" else p.reports,
                                      score=p.score))
    return out


def events_by_period(events: Iterable[StoredEvent], by: str) -> dict[str, list[str]]:
    """The ids of ``events`` per period, in the period where the dyad chart counts them.

    The chart (``Store.dyad_clusters``) counts a happening once, on its cluster's
    day: the first day its date covers ("2025" -> 2025-01-01). An unclustered
    event counts on its store day (``event_day``). A click on a point lists
    exactly the events of that point.
    """
    groups: dict[str, list[StoredEvent]] = defaultdict(list)
    for e in events:
        groups[e.cluster or e.id].append(e)
    out: dict[str, list[str]] = defaultdict(list)
    for members in groups.values():
        days = [first_day(m.date) if m.cluster and m.date else event_day(m.date, m.article_date) for m in members]
        periods = sorted(p for p in (_period_or_none(d, by) for d in days) if p)
        if periods:
            out[periods[0]].extend(m.id for m in members)
    return dict(out)


def first_day(date: str) -> str:
    """The first day a date of any precision covers: ``2025`` -> ``2025-01-01``, ``2025-06`` -> ``2025-06-01``."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def align_chart(report: AlignReport) -> AlignChart:
    """The alignment chart of a report: S per period and dyad bars on one true axis.

    A period without an S-score (neither state dealt with a third party) or
    between the first and last periods with data is a ``None`` point: the line
    breaks there instead of joining non-adjacent periods.
    """
    s_by = {x.period: x for x in report.alignment}
    d_by = {d.period: d for d in report.dyad}
    periods = axis([*s_by, *d_by], report.by)
    alignment = [AlignmentChartPoint(period=p, s_score=s_by[p].s_score, third_parties=s_by[p].third_parties)
                 if p in s_by else AlignmentChartPoint(period=p, s_score=None, third_parties=0) for p in periods]
    dyad = [DyadBar(period=p, events=d_by[p].events, score_sum=d_by[p].score_sum)
            if p in d_by else DyadBar(period=p, events=0, score_sum=None) for p in periods]
    moved = sorted({c.period for c in report.changes if c.measure == "alignment"})
    return AlignChart(a=report.a, b=report.b, by=report.by, periods=periods, alignment=alignment, dyad=dyad,
                      moved=moved)


def align_chart_of(report: dict[str, object]) -> AlignChart:
    """``align_chart`` of a report as the align page holds it (``model_dump(by_alias=True)``)."""
    return align_chart(AlignReport.model_validate(report))
