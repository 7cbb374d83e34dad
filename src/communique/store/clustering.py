"""Cross-article clusters in the store: one happening, many reports (issue 12).

Tables (SQLAlchemy Core; the migration ``0003_clusters`` creates the same)::

    clusters         one row per cluster: the summary ``analysis.clusters.summarise`` gives,
                     with ``links`` (why its reports are one happening; migration 0006)
    event_clusters   one row per clustered event: its cluster, its link component, its date range
    cluster_keys     (event, code, type, date range) rows: how a new event finds the stored
                     events it may link to (day-precise ones by day, coarse ones by range)

``update_clusters(engine, article_ids)`` is incremental: it loads the new
articles' events, finds the stored events they can link to (by participant
code and compatible type within a day window, through ``cluster_keys``), merges the link components concerned and re-clusters
them. Because clusters never cross link components, the result equals
``rebuild_clusters(engine)``, event for event. Stored components that lose
no member are known to be linked already, so only the new events are
compared; only the rows that change are written. ``events.cluster_id`` is
kept in step, so ``StoredEvent.cluster`` carries the cluster id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    func,
    select,
)

from communique.records import Evidence
from communique.store.cluster_build import rebuild_clusters, update_clusters
from communique.store.cluster_schema import (
    ARTICLE_TABLE,
    EVENT_TABLE,
    FETCH_ROWS,
    LINK_TABLE,
    ClusterLink,
    ClusterPeriod,
    ClusterRecord,
    ClusterReport,
    cluster_keys,
    clusters,
    event_clusters,
    metadata,
    report_columns,
    report_source,
)
from communique.store.queries import resolve_actor, until_key

__all__ = [
    "metadata",
    "clusters",
    "event_clusters",
    "cluster_keys",
    "ClusterReport",
    "ClusterLink",
    "ClusterRecord",
    "ClusterPeriod",
    "report_source",
    "update_clusters",
    "rebuild_clusters",
    "SORTS",
    "list_clusters",
    "iter_clusters",
    "get_cluster",
    "cluster_of",
    "count_clusters",
    "dyad_clusters",
    "cluster_counts",
]

# -- reading ---------------------------------------------------------------------------------------


def _filtered(conn: Connection, *, type: str | None, actor: str | None, since: str | None,
              until: str | None, contested: bool | None) -> Any:
    query = select(clusters)
    if type:
        query = query.where(clusters.c.type == type)
    if since:
        query = query.where(clusters.c.day >= since)
    if until:
        query = query.where(clusters.c.day <= until_key(until))
    if contested is not None:
        query = query.where(clusters.c.contested == contested)
    if actor:
        codes = resolve_actor(conn, actor)[0]
        members = (select(event_clusters.c.cluster_id)
                   .join(LINK_TABLE, LINK_TABLE.c.event_id == event_clusters.c.event_id).where(LINK_TABLE.c.code.in_(codes)))
        query = query.where(clusters.c.id.in_(members))
    return query


#: Orders of cluster listings: by day, or most-reported first (articles, then sources; then by day).
SORTS = ("date", "reports")


def _ordered(query: Any, sort: str) -> Any:
    if sort not in SORTS:
        raise ValueError(f"unknown cluster order {sort!r}: use one of {', '.join(SORTS)}")
    if sort == "reports":
        query = query.order_by(clusters.c.n_articles.desc(), clusters.c.n_sources.desc())
    return query.order_by(clusters.c.day, clusters.c.id)


def list_clusters(engine: Engine, *, type: str | None = None, actor: str | None = None, since: str | None = None,
                  until: str | None = None, contested: bool | None = None, limit: int | None = None,
                  offset: int = 0, reports: bool = True, sort: str = "date") -> list[ClusterRecord]:
    """Return clusters matching every filter given, by day then id (``sort="reports"``: most-reported first).

    Args:
        type: PLOVER type of the cluster.
        actor: a participant (code, canonical id or name).
        since, until: the cluster's day (YYYY, YYYY-MM or YYYY-MM-DD; inclusive).
        contested: only contested (True) or uncontested (False) clusters.
        limit, offset: one page.
        reports: load each member report (article, URL, outlet, evidence, status).
        sort: "date", or "reports" (most articles, then most sources, first; then by day).
    """
    return list(iter_clusters(engine, type=type, actor=actor, since=since, until=until, contested=contested,
                              limit=limit, offset=offset, reports=reports, sort=sort))


def iter_clusters(engine: Engine, *, type: str | None = None, actor: str | None = None, since: str | None = None,
                  until: str | None = None, contested: bool | None = None, limit: int | None = None,
                  offset: int = 0, reports: bool = True, sort: str = "date") -> Iterator[ClusterRecord]:
    """Yield clusters one page of ``FETCH_ROWS`` at a time (see ``list_clusters``)."""
    with engine.connect() as conn:
        query = _ordered(_filtered(conn, type=type, actor=actor, since=since, until=until, contested=contested), sort)
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        batch: list[Any] = []
        for row in conn.execute(query):
            batch.append(row)
            if len(batch) == FETCH_ROWS:
                yield from _records(conn, batch, reports)
                batch = []
        if batch:
            yield from _records(conn, batch, reports)


def get_cluster(engine: Engine, cluster_id: str) -> ClusterRecord | None:
    """Return one cluster with its member reports, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(clusters).where(clusters.c.id == cluster_id)).first()
        return _records(conn, [row], True)[0] if row else None


def cluster_of(engine: Engine, event_id: str) -> ClusterRecord | None:
    """Return the cluster an event belongs to (with its reports), or None when it is not clustered."""
    with engine.connect() as conn:
        cluster_id = conn.execute(select(event_clusters.c.cluster_id)
                                  .where(event_clusters.c.event_id == event_id)).scalar()
    return get_cluster(engine, cluster_id) if cluster_id else None


def _records(conn: Connection, rows: list[Any], with_reports: bool) -> list[ClusterRecord]:
    members: dict[str, ClusterReport] = {}
    if with_reports:
        ids = sorted({e for row in rows for e in row.events})
        disagreeing = {e for row in rows for e in row.disagreements}
        for start in range(0, len(ids), FETCH_ROWS):
            query = (select(*report_columns(), ARTICLE_TABLE.c.title.label("article_title"))
                     .select_from(EVENT_TABLE.join(ARTICLE_TABLE, ARTICLE_TABLE.c.id == EVENT_TABLE.c.article_id))
                     .where(EVENT_TABLE.c.id.in_(ids[start:start + FETCH_ROWS])))
            for r in conn.execute(query):
                members[r.id] = ClusterReport(
                    event_id=r.id, article_id=r.article_id, article_title=r.article_title, article_date=r.published,
                    url=r.url, source=report_source(r.url, r.source), type=r.type, mode=r.mode, status=r.status,
                    date=r.date, actors=list(r.actors or []), recipients=list(r.recipients or []),
                    evidence=[Evidence(**ev) for ev in (r.evidence or [])], disagrees=r.id in disagreeing)
    return [ClusterRecord(
        id=row.id, type=row.type, mode=row.mode, participants=list(row.participants), date=row.date,
        status=row.status, contested=bool(row.contested), disagreements=list(row.disagreements),
        events=list(row.events), links=[ClusterLink(**link) for link in row.links or []],
        articles=list(row.articles), sources=list(row.sources),
        counts={"events": row.n_events, "articles": row.n_articles, "sources": row.n_sources},
        first_reported=row.first_reported, last_reported=row.last_reported,
        reports=[members[e] for e in row.events if e in members]) for row in rows]


def count_clusters(engine: Engine, **filters: Any) -> int:
    """Return how many clusters match the filters of ``list_clusters`` (``multi=True``: of those, how many
    hold reports of several articles)."""
    with engine.connect() as conn:
        query = _filtered(conn, type=filters.get("type"), actor=filters.get("actor"), since=filters.get("since"),
                          until=filters.get("until"), contested=filters.get("contested"))
        if filters.get("multi"):
            query = query.where(clusters.c.n_articles > 1)
        return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())


# -- dyads by cluster ------------------------------------------------------------------------------


def dyad_clusters(engine: Engine, a: str, b: str, by: str | None = "month", *, count: str = "clusters",
                  since: str | None = None, until: str | None = None) -> list[ClusterPeriod]:
    """Happenings between ``a`` and ``b`` (either direction) per period: clusters by default.

    Each cluster counts once, in the period of its own date, with the mean
    PLOVER score of its reports; with ``count="reports"`` the score sums
    every report (the old per-event count). Events not yet clustered count
    as clusters of their own.

    Args:
        a, b: the two actors (codes, canonical ids or names).
        by: day, week, month, quarter, year, or None for one total.
        count: "clusters" (default) or "reports": which figure ``score`` follows.
        since, until: bounds on the event day (inclusive).
    """
    from communique.filters import period_label

    with engine.connect() as conn:
        codes_a, codes_b = resolve_actor(conn, a)[0], resolve_actor(conn, b)[0]
        where: list[ColumnElement[bool]] = [LINK_TABLE.c.code.in_(codes_a), LINK_TABLE.c.other.in_(codes_b)]
        if since:
            where.append(LINK_TABLE.c.day >= since)
        if until:
            where.append(LINK_TABLE.c.day <= until_key(until))
        query = (select(LINK_TABLE.c.event_id, LINK_TABLE.c.day, LINK_TABLE.c.score, event_clusters.c.cluster_id, clusters.c.day.label("cday"))
                 .select_from(LINK_TABLE.outerjoin(event_clusters, event_clusters.c.event_id == LINK_TABLE.c.event_id)
                              .outerjoin(clusters, clusters.c.id == event_clusters.c.cluster_id))
                 .where(*where).distinct())
        rows = {row.event_id: row for row in conn.execute(query)}
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows.values():
        groups[row.cluster_id or row.event_id].append(row)
    periods: dict[str | None, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for members in groups.values():
        day = members[0].cday or min((m.day for m in members if m.day), default=None)
        period = period_label(day, by) if (day and by) else None
        scores = [m.score or 0.0 for m in members]
        cell = periods[period]
        cell[0] += 1
        cell[1] += len(members)
        cell[2] += sum(scores) if count == "reports" else sum(scores) / len(scores)
    return [ClusterPeriod(period=p, clusters=int(c[0]), reports=int(c[1]), score=round(c[2], 4))
            for p, c in sorted(periods.items(), key=lambda kv: kv[0] or "")]


def cluster_counts(engine: Engine) -> Counter[str]:
    """Return how many clusters, clustered events and contested clusters the store holds."""
    with engine.connect() as conn:
        return Counter({
            "clusters": int(conn.execute(select(func.count()).select_from(clusters)).scalar_one()),
            "events": int(conn.execute(select(func.count()).select_from(event_clusters)).scalar_one()),
            "contested": int(conn.execute(select(func.count()).select_from(clusters)
                                          .where(clusters.c.contested.is_(True))).scalar_one()),
        })
