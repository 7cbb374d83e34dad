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

import datetime as dt
import functools
import json
import logging
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ColumnElement,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    cast,
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
from communique.records import Evidence, Record
from communique.store.db import lock_for_writing
from communique.store.models import ArticleRow, EventLinkRow, EventRow, table_of

log = logging.getLogger(__name__)

metadata = MetaData()

clusters = Table(
    "clusters",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("component", String(64), nullable=False, index=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("participants", JSON, nullable=False),
    Column("date", String(10)),
    Column("day", String(10), index=True),  # first day of ``date``, for ordering and filters
    Column("status", String(16), nullable=False),
    Column("contested", Boolean, nullable=False),
    Column("disagreements", JSON, nullable=False),
    Column("events", JSON, nullable=False),
    Column("links", JSON),  # [{a, b, reason}]: why the reports are one happening (migration 0006)
    Column("articles", JSON, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
    Index("ix_clusters_type_day", "type", "day"),
)

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("article_id", String(40), nullable=False, index=True),
    Column("url", Text, index=True),  # the article's URL: a new text at that URL replaces its events
    Column("cluster_id", String(64), nullable=False, index=True),
    Column("component", String(64), nullable=False, index=True),
)

cluster_keys = Table(
    "cluster_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False, index=True),
    Column("code", String(16), nullable=False),
    Column("type", String(16), nullable=False),
    Column("wide", Boolean, nullable=False),  # coarse, unknown or unparsable date: found by range
    Column("lo", String(10), nullable=False),  # first day the date covers; "" when unknown
    Column("hi", String(10), nullable=False),  # last day
    Index("ix_cluster_keys_lookup", "code", "type", "wide", "lo"),
)

_E = table_of(EventRow)
_A = table_of(ArticleRow)
_L = table_of(EventLinkRow)
_FETCH = 500
_TRAILING_NUMBER = re.compile(r"[-_ ]*\d+$")
#: Longest span a coarse date covers (a year), for the candidate window of wide events.
_WIDEST = 366


# -- typed records ---------------------------------------------------------------------------------


class ClusterReport(Record):
    """One member event of a cluster, as one article reports it."""

    event_id: str
    article_id: str
    article_title: str | None = None
    article_date: str | None = None
    url: str | None = None
    source: str | None = None
    type: str
    mode: str | None = None
    status: str
    date: str | None = None
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    disagrees: bool = False


class ClusterLink(Record):
    """Two member reports (event ids) of a cluster and why they are one happening."""

    a: str
    b: str
    reason: str


class ClusterRecord(Record):
    """A happening and every report of it (``clusters --format jsonl``, ``/api/clusters``)."""

    id: str
    type: str
    mode: str | None = None
    participants: list[str]
    date: str | None = None
    status: str
    contested: bool
    disagreements: list[str] = Field(default_factory=list)
    events: list[str]
    links: list[ClusterLink] = Field(default_factory=list)
    articles: list[str]
    sources: list[str]
    counts: dict[str, int]
    first_reported: str | None = None
    last_reported: str | None = None
    reports: list[ClusterReport] = Field(default_factory=list)

    def to_json(self, *, reports: bool = False) -> dict[str, Any]:
        """The JSON line of ``clusters --format jsonl`` (member reports only when asked)."""
        return self.model_dump(mode="json", exclude=None if reports else {"reports"})


class ClusterPeriod(Record):
    """Clusters (or reports) between two actors in one period, with their summed PLOVER score."""

    period: str | None
    clusters: int
    reports: int
    score: float


# -- reports from the store ------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def report_source(url: str | None, source: str | None) -> str | None:
    """The outlet of a report: the URL's host (without ``www.``), else the article's ``source``.

    A ``source`` that is itself a URL gives its host; a file path gives its
    file name without extension and trailing number (``harbour-post-2.txt`` ->
    ``harbour-post``), so that files of one outlet count as one source.
    (Cached: the reports of one article ask alike.)
    """
    for candidate in (url, source):
        if candidate and candidate.lower().startswith(("http://", "https://")):
            host = (urlsplit(candidate).hostname or "").lower()
            if host:
                return host[4:] if host.startswith("www.") else host
    if not source:
        return None
    source = re.sub(r":line \d+$", "", source)
    if "/" in source or "\\" in source or re.search(r"\.\w{1,5}$", source):
        stem = PurePath(source.replace("\\", "/")).stem
        return _TRAILING_NUMBER.sub("", stem) or stem
    return source


def _report_columns() -> list[Any]:
    return [_E.c.id, _E.c.article_id, _E.c.type, _E.c.mode, _E.c.actors, _E.c.recipients, _E.c.date,
            _E.c.status, _E.c.evidence, _A.c.url, _A.c.source, _A.c.date.label("published")]


def _raw_report_columns() -> list[Any]:
    """``_report_columns`` with the JSON columns as their stored text (decoded only on a memo miss)."""
    return [_E.c.id, _E.c.article_id, _E.c.type, _E.c.mode, cast(_E.c.actors, Text), cast(_E.c.recipients, Text),
            _E.c.date, _E.c.status, cast(_E.c.evidence, Text), _A.c.url, _A.c.source, _A.c.date.label("published")]


_REPORT_WIDTH = 12  # the columns of ``_raw_report_columns``


def _decoded(text: str | None) -> Any:
    return json.loads(text) if text else None


@functools.lru_cache(maxsize=4096)
def _codes(text: str | None) -> tuple[str, ...]:
    """The actor (or recipient) codes of a stored JSON list (few distinct lists: cached)."""
    return tuple(_decoded(text) or ())


#: Reports by the stored content they were built from (every column ``_raw_report_columns`` reads).
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
    columns = _raw_report_columns()
    joined = _E.join(_A, _A.c.id == _E.c.article_id)
    if components is not None:
        columns.append(event_clusters.c.component)
        joined = joined.outerjoin(event_clusters, event_clusters.c.event_id == _E.c.id)
    query = select(*columns).select_from(joined).where(where)
    out = []
    for row in conn.execute(query):
        report = _memo_report(row[:_REPORT_WIDTH] if components is not None else row)
        out.append(report)
        urls[report.event_id] = row[9]
        if components is not None and row[_REPORT_WIDTH] is not None:
            components[report.event_id] = row[_REPORT_WIDTH]
    return out


def _reports_in(conn: Connection, column: Any, values: Iterable[str], urls: dict[str, str | None],
                components: dict[str, str] | None = None) -> list[Report]:
    values = sorted(set(values))
    out: list[Report] = []
    for start in range(0, len(values), _FETCH):
        out.extend(_reports(conn, column.in_(values[start:start + _FETCH]), urls, components))
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
        "event_updates": update(_E).where(_E.c.id == bindparam("eid")).values(cluster_id=bindparam("cid")),
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
    for start in range(0, len(ids), _FETCH):
        chunk = ids[start:start + _FETCH]
        conn.execute(delete(event_clusters).where(event_clusters.c.event_id.in_(chunk)))
        conn.execute(delete(cluster_keys).where(cluster_keys.c.event_id.in_(chunk)))
    comps = sorted(components)
    for start in range(0, len(comps), _FETCH):
        conn.execute(delete(clusters).where(clusters.c.component.in_(comps[start:start + _FETCH])))


def _members(conn: Connection, components: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """event id -> component, and event id -> cluster, of every member of these components."""
    component_of: dict[str, str] = {}
    cluster_of: dict[str, str] = {}
    keys = sorted(components)
    for start in range(0, len(keys), _FETCH):
        rows = conn.execute(select(event_clusters.c.event_id, event_clusters.c.component, event_clusters.c.cluster_id)
                            .where(event_clusters.c.component.in_(keys[start:start + _FETCH])))
        for row in rows:
            component_of[row.event_id] = row.component
            cluster_of[row.event_id] = row.cluster_id
    return component_of, cluster_of


def _stale(conn: Connection, article_ids: list[str]) -> dict[str, str]:
    """Clustered events of ``article_ids`` (re-coded) or of older articles at their URLs (replaced)."""
    out: dict[str, str] = {}
    for start in range(0, len(article_ids), _FETCH):
        chunk = article_ids[start:start + _FETCH]
        urls = select(_A.c.url).where(_A.c.id.in_(chunk), _A.c.url.is_not(None))
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
        new = _reports_in(conn, _E.c.article_id, article_ids, urls)
        if not new and not stale:
            return
        new_ids = {r.event_id for r in new}
        memo: dict[tuple[Any, ...], set[str]] = {}
        found = [(report, _candidate_ids(conn, report, memo)) for report in new]
        candidates = set().union(*(ids for _, ids in found)) - new_ids - set(stale)
        component_of: dict[str, str] = {}
        loaded = {r.event_id: r for r in _reports_in(conn, _E.c.id, candidates, urls, component_of)}
        touched = set(stale.values()) | _linked_components(found, loaded, component_of)
        members, previous = _members(conn, touched)
        missing = set(members) - set(stale) - new_ids - set(loaded)
        reports = new + [loaded[e] for e in sorted(set(members) & set(loaded))] + _reports_in(conn, _E.c.id, missing, urls)
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
    others = select(_E.c.id).where(_E.c.article_id.not_in(article_ids)).limit(1) if len(article_ids) <= _FETCH \
        else select(_E.c.id).limit(1)
    return conn.execute(others).first() is not None


def _rebuild(conn: Connection) -> None:
    conn.execute(delete(clusters))
    conn.execute(delete(event_clusters))
    conn.execute(delete(cluster_keys))
    conn.execute(update(_E).where(_E.c.cluster_id.is_not(None)).values(cluster_id=None))
    urls: dict[str, str | None] = {}
    reports = _reports(conn, _E.c.id.is_not(None), urls)
    _write_components(conn, link_components(reports), urls)


def rebuild_clusters(engine: Engine) -> int:
    """Re-cluster every stored event from scratch; return the number of clusters."""
    with engine.begin() as conn:
        lock_for_writing(conn)
        _rebuild(conn)
        return int(conn.execute(select(func.count()).select_from(clusters)).scalar_one())


# -- reading ---------------------------------------------------------------------------------------


def _until_key(until: str) -> str:
    return until + "-99-99"[: 10 - len(until)] if len(until) < 10 else until


def _filtered(conn: Connection, *, type: str | None, actor: str | None, since: str | None,
              until: str | None, contested: bool | None) -> Any:
    query = select(clusters)
    if type:
        query = query.where(clusters.c.type == type)
    if since:
        query = query.where(clusters.c.day >= since)
    if until:
        query = query.where(clusters.c.day <= _until_key(until))
    if contested is not None:
        query = query.where(clusters.c.contested == contested)
    if actor:
        from communique.store.queries import resolve_actor

        codes = resolve_actor(conn, actor)[0]
        members = (select(event_clusters.c.cluster_id)
                   .join(_L, _L.c.event_id == event_clusters.c.event_id).where(_L.c.code.in_(codes)))
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
    """Yield clusters one page of ``_FETCH`` at a time (see ``list_clusters``)."""
    with engine.connect() as conn:
        query = _ordered(_filtered(conn, type=type, actor=actor, since=since, until=until, contested=contested), sort)
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        batch: list[Any] = []
        for row in conn.execute(query):
            batch.append(row)
            if len(batch) == _FETCH:
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
        for start in range(0, len(ids), _FETCH):
            query = (select(*_report_columns(), _A.c.title.label("article_title"))
                     .select_from(_E.join(_A, _A.c.id == _E.c.article_id))
                     .where(_E.c.id.in_(ids[start:start + _FETCH])))
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
    from communique.store.queries import resolve_actor

    with engine.connect() as conn:
        codes_a, codes_b = resolve_actor(conn, a)[0], resolve_actor(conn, b)[0]
        where: list[ColumnElement[bool]] = [_L.c.code.in_(codes_a), _L.c.other.in_(codes_b)]
        if since:
            where.append(_L.c.day >= since)
        if until:
            where.append(_L.c.day <= _until_key(until))
        query = (select(_L.c.event_id, _L.c.day, _L.c.score, event_clusters.c.cluster_id, clusters.c.day.label("cday"))
                 .select_from(_L.outerjoin(event_clusters, event_clusters.c.event_id == _L.c.event_id)
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
