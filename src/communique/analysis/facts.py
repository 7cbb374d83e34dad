"""Facts from the store: the happenings alignment analytics read.

``load_facts(store_or_engine, since=..., until=...)`` streams the stored
events (SQLAlchemy Core, no ORM objects) and returns one ``Fact`` per
happening:

- when clusters exist (an ``event_clusters`` table mapping ``event_id`` to
  ``cluster_id``, or the ``events.cluster_id`` column filled in), one fact per
  cluster: its earliest day, its most frequent type, the mean score of its
  reports, the union of its participants, and as ``sources`` the number of
  distinct outlets (``articles.source``, else the article) that reported it;
- otherwise one fact per event, resting on one source.

Events already carry state or IGO codes in ``actors``/``recipients``
(persons and seats of power are rolled up to their state by the coder), so
no further roll-up is needed for the facts; ``resolve_code`` rolls up a
person or organisation named on the command line or in the API.

Events whose status is ``denied`` or ``hypothetical`` did not happen and are
left out (``COUNTED_STATUSES``).
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Engine, String, column, inspect, select, table, type_coerce
from sqlalchemy.engine import Connection

from communique.analysis.alignment import QUADS, Fact

log = logging.getLogger(__name__)

#: Statuses of events that count as happenings (denied and hypothetical acts are left out).
COUNTED_STATUSES = ("occurred", "planned", "alleged")
#: Rows fetched per round trip while streaming events.
YIELD_PER = 20_000
_QUAD_NUMBER = {name: number for number, name in QUADS.items()}
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


class EventRow(NamedTuple):
    """One stored event as the analysis reads it."""

    id: str
    article_id: str
    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    day: str
    score: float
    source: str
    cluster: str | None


def _engine(source: Any) -> Engine:
    """Return the engine of a ``Store`` or the engine itself."""
    engine: Engine = getattr(source, "engine", source)
    return engine


def type_quads() -> dict[str, int]:
    """PLOVER type -> quad class number (1 verbal cooperation .. 4 material conflict)."""
    from communique.knowledge.events import plover_types

    return {name: _QUAD_NUMBER.get(t.quad, 0) for name, t in plover_types().items()}


def type_scores() -> dict[str, float]:
    """PLOVER type -> its base score, for events stored without one."""
    from communique.knowledge.events import plover_types

    return {name: t.score for name, t in plover_types().items()}


def _cluster_table(engine: Engine) -> Any | None:
    """The ``event_clusters`` table (event_id, cluster_id) when it exists, else None."""
    schema = inspect(engine)
    if "event_clusters" not in schema.get_table_names():
        return None
    cols = {c["name"] for c in schema.get_columns("event_clusters")}
    if not {"event_id", "cluster_id"} <= cols:
        log.warning("event_clusters lacks event_id/cluster_id; counting events")
        return None
    return table("event_clusters", column("event_id"), column("cluster_id"))


def _codes(raw: str | list[str] | None) -> tuple[str, ...]:
    """Decode a JSON list of codes into a tuple; text of one plain code takes a fast path.

    SQLite hands the JSON column over as text; PostgreSQL drivers may decode it already.
    """
    if not raw or raw == "[]":
        return ()
    if not isinstance(raw, str):
        return tuple(str(c) for c in raw if c)
    inner = raw[2:-2]
    if raw[:2] == '["' and '"' not in inner and "\\" not in inner:
        return (inner,)
    return tuple(str(c) for c in json.loads(raw) if c)


def iter_event_rows(conn: Connection, *, since: str | None = None, until: str | None = None,
                    use_clusters: bool = True, statuses: Iterable[str] | None = COUNTED_STATUSES,
                    cluster_table: Any | None = None) -> Iterator[EventRow]:
    """Stream the stored events that relate codes, with their outlet and cluster.

    Args:
        conn: an open connection to the store.
        since: first day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
        until: last day, inclusive.
        use_clusters: read the cluster of each event (else ``cluster`` is None).
        statuses: the statuses kept (None keeps all).
        cluster_table: the ``event_clusters`` table, when it exists.

    Returns:
        An iterator of ``EventRow``, in no particular order.
    """
    from communique.store.models import ArticleRow, table_of
    from communique.store.models import EventRow as EventModel
    from communique.store.queries import until_key

    e, a = table_of(EventModel), table_of(ArticleRow)
    cluster: ColumnElement[Any] = e.c.cluster_id
    joined = e.join(a, a.c.id == e.c.article_id)
    if use_clusters and cluster_table is not None:
        joined = joined.outerjoin(cluster_table, cluster_table.c.event_id == e.c.id)
        from sqlalchemy import func

        cluster = func.coalesce(cluster_table.c.cluster_id, e.c.cluster_id)
    stmt = select(e.c.id, e.c.article_id, e.c.type, type_coerce(e.c.actors, String).label("actors"),
                  type_coerce(e.c.recipients, String).label("recipients"), e.c.day, e.c.score,
                  a.c.source, a.c.url, cluster.label("cluster")).select_from(joined).where(e.c.day.is_not(None))
    if since:
        stmt = stmt.where(e.c.day >= since)
    if until:
        stmt = stmt.where(e.c.day <= until_key(until))
    if statuses is not None:
        stmt = stmt.where(e.c.status.in_(tuple(statuses)))
    base = type_scores()
    result = conn.execution_options(stream_results=True, yield_per=YIELD_PER).execute(stmt)
    outlet = _outlet_function()
    for event_id, article_id, kind, raw_actors, raw_recipients, day, score, source, url, cluster_id in result:
        actors, recipients = _codes(raw_actors), _codes(raw_recipients)
        if len(actors) + len(recipients) < 2 or len(set(actors) | set(recipients)) < 2:
            continue
        if not use_clusters:
            cluster_id = None
        if cluster_id is not None:  # only clustered reports need their outlet (an event is one source)
            source = outlet(url, source)
        yield EventRow(event_id, article_id, kind, actors, recipients, day,
                       float(score) if score is not None else base.get(kind, 0.0),
                       source or article_id, cluster_id)


def _outlet_function() -> Any:
    """The outlet of a report as clustering counts it (URL host, else source), when available."""
    try:
        from communique.store.clustering import report_source
    except ImportError:  # pragma: no cover - clustering not installed
        return lambda url, source: source or url
    return report_source


def facts_from_rows(rows: Iterable[EventRow]) -> list[Fact]:
    """Turn event rows into facts: one per cluster (when clustered), else one per event.

    Args:
        rows: the event rows, in any order.

    Returns:
        The facts, ordered by date then id.
    """
    quads = type_quads()
    facts: list[Fact] = []
    clusters: dict[str, list[EventRow]] = {}
    for row in rows:
        if row.cluster:
            clusters.setdefault(row.cluster, []).append(row)
            continue
        facts.append(Fact(id=row.id, date=row.day, actors=row.actors, recipients=row.recipients, type=row.type,
                          quad=quads.get(row.type, 0), score=row.score, sources=1, events=(row.id,),
                          articles=(row.article_id,)))
    facts.extend(_cluster_fact(cid, members, quads) for cid, members in clusters.items())
    facts.sort(key=lambda f: (f.date, f.id))
    return facts


def _cluster_fact(cluster_id: str, members: list[EventRow], quads: dict[str, int]) -> Fact:
    """One fact for the reports of one cluster."""
    members.sort(key=lambda r: (r.day, r.id))
    kind = Counter(r.type for r in members).most_common(1)[0][0]
    actors = tuple(dict.fromkeys(c for r in members for c in r.actors))
    recipients = tuple(c for c in dict.fromkeys(c for r in members for c in r.recipients) if c not in actors)
    score = sum(r.score for r in members) / len(members)
    return Fact(id=cluster_id, date=members[0].day, actors=actors, recipients=recipients, type=kind,
                quad=quads.get(kind, 0), score=score, sources=len({r.source for r in members}),
                events=tuple(r.id for r in members), articles=tuple(dict.fromkeys(r.article_id for r in members)))


def load_facts(source: Any, *, since: str | None = None, until: str | None = None, use_clusters: bool = True,
               statuses: Iterable[str] | None = COUNTED_STATUSES) -> list[Fact]:
    """Load the facts of a store: one per cluster when clusters exist, else one per event.

    Args:
        source: a ``communique.store.api.Store`` or a SQLAlchemy engine.
        since: first day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
        until: last day, inclusive.
        use_clusters: count clusters (happenings) rather than reports when clusters exist.
        statuses: event statuses that count (default: occurred, planned, alleged).

    Returns:
        The facts, ordered by date then id.
    """
    engine = _engine(source)
    clusters = _cluster_table(engine) if use_clusters else None
    with engine.connect() as conn, _gc_paused():
        return facts_from_rows(iter_event_rows(conn, since=since, until=until, use_clusters=use_clusters,
                                               statuses=statuses, cluster_table=clusters))


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic tuples are built (a quarter faster)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resolve_code(source: Any, term: str) -> str:
    """Resolve an actor given by code, canonical id or name to the code facts use.

    States and IGOs give their code; persons and organisations are rolled up to
    their state (``country``), else to their IGO (``org``).

    Args:
        source: a ``Store`` or an engine.
        term: ``USA``, ``NATO``, ``actor_...`` or a name such as ``Penny Wong``.

    Returns:
        The code.

    Raises:
        ValueError: when the term names nothing that has a code.
    """
    from communique.store.canonical import normalise_name
    from communique.store.models import ActorRow, table_of

    term = term.strip()
    if _CODE.match(term):
        return term
    act = table_of(ActorRow)
    where = act.c.id == term if term.startswith("actor_") else act.c.norm_name == normalise_name(term)
    with _engine(source).connect() as conn:
        rows = conn.execute(select(act.c.kind, act.c.code, act.c.country, act.c.org).where(where)).all()
    for kind, code, _country, _org in rows:
        if kind in ("state", "igo") and code:
            return str(code)
    for _kind, _code, country, org in rows:
        if country or org:
            return str(country or org)
    if re.fullmatch(r"[A-Za-z]{3}", term):
        return term.upper()
    raise ValueError(f"{term!r} is not a known state, IGO or actor with a state")
