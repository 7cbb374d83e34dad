"""Building clusters in the store: loading reports, finding link candidates, writing components; incremental and full."""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from communique.analysis.cluster_links import COMPATIBLE_TYPES, Report, linked
from communique.analysis.clusters import (
    Cluster,
    cluster_components,
    date_range,
    link_components,
)
from communique.store.cluster_schema import (
    ARTICLE_TABLE,
    EVENT_TABLE,
    FETCH_ROWS,
    REPORT_WIDTH,
    cluster_keys,
    clusters,
    event_clusters,
    raw_report_columns,
    report_source,
)
from communique.store.db import lock_for_writing

#: Longest span a coarse date covers (a year), for the candidate window of wide events.
_WIDEST = 366


def _decoded(text: str | None) -> Any:
    return json.loads(text) if text else None


@functools.lru_cache(maxsize=4096)
def _codes(text: str | None) -> tuple[str, ...]:
    """The actor (or recipient) codes of a stored JSON list (few distinct lists: cached)."""
    return tuple(_decoded(text) or ())


#: Reports by the stored content they were built from (every column ``raw_report_columns`` reads).
#: A report depends on that content alone, so a row read again (the members of a component, at each
#: update that touches it) gives the same immutable ``Report``, its features already computed, and
#: a changed row (re-coded event, moved article) is simply another key. Bounded: cleared when full.
_REPORT_MEMO: dict[tuple[Any, ...], Report] = {}
_REPORT_MEMO_MAX = 50_000  # a few KB each (evidence, content words)


def _memo_report(row: Any) -> Report:
    key = tuple(row)
    report = _REPORT_MEMO.get(key)
    if report is None:
        (id_, article_id, type_, mode, actors, recipients, date, status, evidence, url, source, published) = key
        evidence_list = _decoded(evidence) or []
        report = Report(
            event_id=id_, article_id=article_id, source=report_source(url, source) or "", published=published,
            type=type_, actors=_codes(actors), recipients=_codes(recipients),
            date=date, status=status, mode=mode,
            evidence=" ".join(ev.get("sentence") or ev.get("text") or "" for ev in evidence_list))
        if len(_REPORT_MEMO) >= _REPORT_MEMO_MAX:
            _REPORT_MEMO.clear()
        _REPORT_MEMO[key] = report
    return report


def _reports(conn: Connection, where: Any, urls: dict[str, str | None],
             components: dict[str, str] | None = None) -> list[Report]:
    """Load the reports of the events matching ``where``; record each one's article URL in ``urls``
    and, when ``components`` is given, the link component of each one clustered."""
    columns = raw_report_columns()
    joined = EVENT_TABLE.join(ARTICLE_TABLE, ARTICLE_TABLE.c.id == EVENT_TABLE.c.article_id)
    if components is not None:
        columns.append(event_clusters.c.component)
        joined = joined.outerjoin(event_clusters, event_clusters.c.event_id == EVENT_TABLE.c.id)
    query = select(*columns).select_from(joined).where(where)
    out = []
    for row in conn.execute(query):
        report = _memo_report(row[:REPORT_WIDTH] if components is not None else row)
        out.append(report)
        urls[report.event_id] = row[9]
        if components is not None and row[REPORT_WIDTH] is not None:
            components[report.event_id] = row[REPORT_WIDTH]
    return out


def _reports_in(conn: Connection, column: Any, values: Iterable[str], urls: dict[str, str | None],
                components: dict[str, str] | None = None) -> list[Report]:
    values = sorted(set(values))
    out: list[Report] = []
    for start in range(0, len(values), FETCH_ROWS):
        out.extend(_reports(conn, column.in_(values[start:start + FETCH_ROWS]), urls, components))
    return out


# -- candidates ------------------------------------------------------------------------------------


def _iso(day: dt.date) -> str:
    return day.isoformat()


@functools.cache
def _candidate_queries() -> tuple[Any, Any, Any]:
    """The three look-ups of ``_candidate_ids``, built once with bound parameters."""
    k = cluster_keys.c
    keys = select(k.event_id).where(k.code.in_(bindparam("codes", expanding=True)),
                                    k.type.in_(bindparam("types", expanding=True)))
    narrow = keys.where(k.wide.is_(False), k.lo >= bindparam("lo"), k.lo <= bindparam("hi"))
    wide = keys.where(k.wide.is_(True), or_(
        k.lo == "", (k.lo >= bindparam("earliest")) & (k.lo <= bindparam("hi")) & (k.hi >= bindparam("lo"))))
    return keys, narrow, wide


def _candidate_ids(conn: Connection, report: Report, memo: dict[tuple[Any, ...], set[str]] | None = None) -> set[str]:
    """Stored events that may link to ``report``: shared code, compatible type, compatible date.

    ``memo`` keeps the answers of one update: reports with the same codes, types and dates ask once.
    """
    if not report.participants:
        return set()
    rng = date_range(report)
    key = (report.participants, report.type, rng)
    if memo is not None and key in memo:
        return memo[key]
    codes = sorted(report.participants)
    types = sorted({report.type} | {b for a, b in COMPATIBLE_TYPES if a == report.type})
    keys, narrow, wide = _candidate_queries()
    if rng is None:  # undated: compatible with any date
        found = set(conn.execute(keys, {"codes": codes, "types": types}).scalars())
    else:
        lo, hi = _iso(rng[0] - dt.timedelta(days=1)), _iso(rng[1] + dt.timedelta(days=1))
        earliest = _iso(rng[0] - dt.timedelta(days=1 + _WIDEST))
        params = {"codes": codes, "types": types, "lo": lo, "hi": hi, "earliest": earliest}
        found = set(conn.execute(narrow, params).scalars())
        found.update(conn.execute(wide, params).scalars())
    if memo is not None:
        memo[key] = found
    return found


def _key_rows(report: Report) -> list[dict[str, Any]]:
    rng = date_range(report)
    lo, hi = ("", "") if rng is None else (_iso(rng[0]), _iso(rng[1]))
    wide = rng is None or rng[0] != rng[1]
    return [{"event_id": report.event_id, "code": code, "type": report.type, "wide": wide, "lo": lo, "hi": hi}
            for code in sorted(report.participants)]


# -- writing ---------------------------------------------------------------------------------------


def _component_key(members: list[Report]) -> str:
    return min(m.event_id for m in members)


def _cluster_row(cluster: Cluster, component: str) -> dict[str, Any]:
    rng = date_range(Report(event_id="", article_id="", source="", published=None, type="", actors=(),
                            recipients=(), date=cluster.date, status=""))
    return {
        "id": cluster.id, "component": component, "type": cluster.type, "mode": cluster.mode,
        "participants": list(cluster.participants), "date": cluster.date,
        "day": _iso(rng[0]) if rng else None, "status": cluster.status, "contested": cluster.contested,
        "disagreements": list(cluster.disagreements), "events": list(cluster.events),
        "links": [{"a": link.a, "b": link.b, "reason": link.reason} for link in cluster.links],
        "articles": list(cluster.articles), "sources": list(cluster.sources), "n_events": len(cluster.events),
        "n_articles": len(cluster.articles), "n_sources": len(cluster.sources),
        "first_reported": cluster.first_reported, "last_reported": cluster.last_reported,
    }


def _write_components(conn: Connection, components: list[list[Report]], urls: dict[str, str | None],
                      stored: dict[str, tuple[str, str]] | None = None) -> None:
    """Write the clusters of ``components`` (the rows of their old clusters already deleted).

    Args:
        urls: event id -> article URL.
        stored: event id -> (cluster, component) of the events that keep their stored
            ``event_clusters`` and ``cluster_keys`` rows (the keys depend on the event
            alone); only what changes of these is written.
    """
    stored = stored or {}
    cluster_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    member_updates: list[dict[str, Any]] = []
    key_rows: list[dict[str, Any]] = []
    event_updates: list[dict[str, Any]] = []
    by_id = {r.event_id: r for comp in components for r in comp}
    for comp in components:
        key = _component_key(comp)
        for cluster in cluster_components([comp]):
            cluster_rows.append(_cluster_row(cluster, key))
            for event_id in cluster.events:
                before = stored.get(event_id)
                if before is None:
                    member_rows.append({"event_id": event_id, "article_id": by_id[event_id].article_id,
                                        "url": urls.get(event_id), "cluster_id": cluster.id, "component": key})
                elif before != (cluster.id, key):
                    member_updates.append({"eid": event_id, "cid": cluster.id, "comp": key})
                if before is None or before[0] != cluster.id:
                    event_updates.append({"eid": event_id, "cid": cluster.id})
        key_rows.extend(row for report in comp if report.event_id not in stored for row in _key_rows(report))
    if cluster_rows:
        conn.execute(insert(clusters), cluster_rows)
    statements = _write_statements()
    _executemany(conn, statements["members"], member_rows)
    _executemany(conn, statements["member_updates"], member_updates)
    _executemany(conn, statements["event_updates"], event_updates)
    _executemany(conn, statements["keys"], key_rows)


@functools.cache
def _write_statements() -> dict[str, Any]:
    """The many-row statements of ``_write_components``, every parameter named."""
    member_columns = ("event_id", "article_id", "url", "cluster_id", "component")
    key_columns = ("event_id", "code", "type", "wide", "lo", "hi")
    return {
        "members": insert(event_clusters).values({c: bindparam(c) for c in member_columns}),
        "member_updates": update(event_clusters).where(event_clusters.c.event_id == bindparam("eid"))
        .values(cluster_id=bindparam("cid"), component=bindparam("comp")),
        "event_updates": update(EVENT_TABLE).where(EVENT_TABLE.c.id == bindparam("eid")).values(cluster_id=bindparam("cid")),
        "keys": insert(cluster_keys).values({c: bindparam(c) for c in key_columns}),
    }


_COMPILED: dict[tuple[int, str, str], Any] = {}


def _executemany(conn: Connection, statement: Any, rows: list[dict[str, Any]]) -> None:
    """Run ``statement`` once per row, through the driver (no per-row SQLAlchemy parameter handling).

    The statements' parameters are plain strings, booleans and None, which every driver takes as they are.
    """
    if not rows:
        return
    dialect = conn.dialect
    key = (id(statement), dialect.name, dialect.paramstyle)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = statement.compile(dialect=dialect)
    if compiled.positional:
        names = compiled.positiontup
        params: list[Any] = ([(row[names[0]],) for row in rows] if len(names) == 1
                             else list(map(operator.itemgetter(*names), rows)))
    else:
        params = rows
    conn.exec_driver_sql(compiled.string, params)


def _forget(conn: Connection, event_ids: set[str], components: set[str]) -> None:
    """Delete the rows of these events and of every cluster of these components."""
    ids = sorted(event_ids)
    for start in range(0, len(ids), FETCH_ROWS):
        chunk = ids[start:start + FETCH_ROWS]
        conn.execute(delete(event_clusters).where(event_clusters.c.event_id.in_(chunk)))
        conn.execute(delete(cluster_keys).where(cluster_keys.c.event_id.in_(chunk)))
    comps = sorted(components)
    for start in range(0, len(comps), FETCH_ROWS):
        conn.execute(delete(clusters).where(clusters.c.component.in_(comps[start:start + FETCH_ROWS])))


def _members(conn: Connection, components: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """event id -> component, and event id -> cluster, of every member of these components."""
    component_of: dict[str, str] = {}
    cluster_of: dict[str, str] = {}
    keys = sorted(components)
    for start in range(0, len(keys), FETCH_ROWS):
        rows = conn.execute(select(event_clusters.c.event_id, event_clusters.c.component, event_clusters.c.cluster_id)
                            .where(event_clusters.c.component.in_(keys[start:start + FETCH_ROWS])))
        for row in rows:
            component_of[row.event_id] = row.component
            cluster_of[row.event_id] = row.cluster_id
    return component_of, cluster_of


def _stale(conn: Connection, article_ids: list[str]) -> dict[str, str]:
    """Clustered events of ``article_ids`` (re-coded) or of older articles at their URLs (replaced)."""
    out: dict[str, str] = {}
    for start in range(0, len(article_ids), FETCH_ROWS):
        chunk = article_ids[start:start + FETCH_ROWS]
        urls = select(ARTICLE_TABLE.c.url).where(ARTICLE_TABLE.c.id.in_(chunk), ARTICLE_TABLE.c.url.is_not(None))
        rows = conn.execute(select(event_clusters.c.event_id, event_clusters.c.component)
                            .where(or_(event_clusters.c.article_id.in_(chunk), event_clusters.c.url.in_(urls))))
        out.update({row.event_id: row.component for row in rows})
    return out


def update_clusters(engine: Engine, article_ids: Iterable[str]) -> None:
    """Cluster the events of newly written (or re-coded) articles into the stored clusters.

    Call it after the articles are committed (one call per batch is cheaper
    than one per article; the result is the same). Events of these articles
    that were clustered before are taken out first, as are the events of an
    older article at the same URL (replaced), so re-coding and replacement
    keep the clusters equal to a rebuild. A store that holds events but no
    clusters yet (made before clustering existed) is rebuilt once.

    Args:
        engine: the store's engine (``Store.engine``).
        article_ids: ids of the articles just written (unknown ids are ignored).
    """
    article_ids = sorted(set(article_ids))
    if not article_ids:
        return
    with engine.begin() as conn:
        lock_for_writing(conn)
        if _needs_rebuild(conn, article_ids):
            _rebuild(conn)
            return
        urls: dict[str, str | None] = {}
        stale = _stale(conn, article_ids)
        new = _reports_in(conn, EVENT_TABLE.c.article_id, article_ids, urls)
        if not new and not stale:
            return
        new_ids = {r.event_id for r in new}
        memo: dict[tuple[Any, ...], set[str]] = {}
        found = [(report, _candidate_ids(conn, report, memo)) for report in new]
        candidates = set().union(*(ids for _, ids in found)) - new_ids - set(stale)
        component_of: dict[str, str] = {}
        loaded = {r.event_id: r for r in _reports_in(conn, EVENT_TABLE.c.id, candidates, urls, component_of)}
        touched = set(stale.values()) | _linked_components(found, loaded, component_of)
        members, previous = _members(conn, touched)
        missing = set(members) - set(stale) - new_ids - set(loaded)
        reports = new + [loaded[e] for e in sorted(set(members) & set(loaded))] + _reports_in(conn, EVENT_TABLE.c.id, missing, urls)
        kept = {r.event_id for r in reports} - new_ids  # stored, clustered and unchanged
        _forget(conn, (set(members) | set(stale) | new_ids) - kept, touched)
        _write_components(conn, link_components(reports, _settled(members, stale, kept)), urls,
                          {e: (previous[e], members[e]) for e in kept})


def _settled(members: dict[str, str], stale: dict[str, str], kept: set[str]) -> dict[str, str]:
    """event id -> component of the stored events whose component is unchanged but for new links.

    A component that loses a member (stale, or no longer stored) may split,
    so its remaining members are linked again from scratch.
    """
    unsettled = set(stale.values()) | {comp for event_id, comp in members.items() if event_id not in kept}
    return {event_id: comp for event_id, comp in members.items() if comp not in unsettled}


def _linked_components(found: list[tuple[Report, set[str]]], loaded: dict[str, Report],
                       component_of: dict[str, str]) -> set[str]:
    """Components of the stored events that link to a new report.

    ``found`` pairs each new report with its candidates (reports asking
    alike share one set). Of the candidates in one component and of one
    ``Report.kind``, two of different articles stand for all (they link
    alike to any report of another article); a component is not looked at
    again once it is known to be touched.
    """
    touched: set[str] = set()
    grouped: dict[int, list[tuple[str, list[Report]]]] = {}  # by id of the candidate set
    memo: dict[tuple[tuple[object, ...], tuple[object, ...]], bool] = {}
    for report, ids in found:
        groups = grouped.get(id(ids))
        if groups is None:
            groups = grouped[id(ids)] = _candidate_groups(ids, loaded, component_of)
        for component, examples in groups:
            if component in touched:
                continue
            for other in examples:
                if other.article_id == report.article_id:
                    continue
                key = (report.kind, other.kind)
                found_link = memo.get(key)
                if found_link is None:
                    found_link = memo[key] = linked(report, other)
                if found_link:
                    touched.add(component)
                    break
    return touched


def _candidate_groups(ids: set[str], loaded: dict[str, Report],
                      component_of: dict[str, str]) -> list[tuple[str, list[Report]]]:
    """(component, examples) pairs of the candidates ``ids``: per component and kind, up to two
    reports of different articles."""
    examples: dict[tuple[str, tuple[object, ...]], list[Report]] = defaultdict(list)
    for event_id in sorted(ids):
        other = loaded.get(event_id)
        component = component_of.get(event_id)
        if other is None or component is None:
            continue
        kept = examples[(component, other.kind)]
        if len(kept) < 2 and all(k.article_id != other.article_id for k in kept):
            kept.append(other)
    return [(component, kept) for (component, _), kept in examples.items()]


def _needs_rebuild(conn: Connection, article_ids: list[str]) -> bool:
    """True when no event is clustered yet although events of other articles are stored."""
    if conn.execute(select(event_clusters.c.event_id).limit(1)).first() is not None:
        return False
    others = select(EVENT_TABLE.c.id).where(EVENT_TABLE.c.article_id.not_in(article_ids)).limit(1) if len(article_ids) <= FETCH_ROWS \
        else select(EVENT_TABLE.c.id).limit(1)
    return conn.execute(others).first() is not None


def _rebuild(conn: Connection) -> None:
    conn.execute(delete(clusters))
    conn.execute(delete(event_clusters))
    conn.execute(delete(cluster_keys))
    conn.execute(update(EVENT_TABLE).where(EVENT_TABLE.c.cluster_id.is_not(None)).values(cluster_id=None))
    urls: dict[str, str | None] = {}
    reports = _reports(conn, EVENT_TABLE.c.id.is_not(None), urls)
    _write_components(conn, link_components(reports), urls)


def rebuild_clusters(engine: Engine) -> int:
    """Re-cluster every stored event from scratch; return the number of clusters."""
    with engine.begin() as conn:
        lock_for_writing(conn)
        _rebuild(conn)
        return int(conn.execute(select(func.count()).select_from(clusters)).scalar_one())
