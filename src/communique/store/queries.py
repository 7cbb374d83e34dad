"""Read queries over a store, returning typed records.

Actor and dyad queries are driven by ``event_links`` (indexed by code, side
and day; by code, counterpart and day), so their cost follows the rows they
return, not the size of the store. Results are ordered totally (day, then
id) so that SQLite and PostgreSQL give the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, String, cast, func, literal_column, or_, select, text

from communique.filters import like_pattern, period_label
from communique.records import Actor, Event, Quote
from communique.store.canonical import normalise_name
from communique.store.models import (
    ActorRow,
    ArticleRow,
    EventLinkRow,
    EventRow,
    IngestErrorRow,
    IngestRunRow,
    MentionRow,
    QuoteRow,
    RoleRow,
    table_of,
)
from communique.store.views import (
    ArticleSummary,
    Counterpart,
    DyadPeriod,
    ErrorInfo,
    RoleSpan,
    RunInfo,
    StoredActor,
    StoredArticle,
    StoredEvent,
    StoredQuote,
)

A = table_of(ArticleRow)
ACT = table_of(ActorRow)
M = table_of(MentionRow)
R = table_of(RoleRow)
Q = table_of(QuoteRow)
E = table_of(EventRow)
L = table_of(EventLinkRow)

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_FETCH = 500  # events fetched per round trip when a query is driven by event_links
_EVENT_FIELDS = tuple(Event.model_fields)
_PERIOD_LENGTH = {"day": 10, "month": 7, "year": 4}


def until_key(until: str) -> str:
    """Return the inclusive upper bound of a day for ``until`` ("2024-07" -> "2024-07-99")."""
    return until + "-99-99"[: 10 - len(until)] if len(until) < 10 else until


# -- actors -------------------------------------------------------------------


def resolve_actor(conn: Connection, term: str) -> tuple[list[str], list[str]]:
    """Resolve an --actor term to (codes, canonical ids of persons/orgs).

    A code ("USA", "NATO") is taken as is; a canonical id (``actor_...``) or a
    name is looked up in ``actors`` (states and IGOs give their code).
    """
    if _CODE.match(term):
        return [term], []
    where = ACT.c.id == term if term.startswith("actor_") else ACT.c.norm_name == normalise_name(term)
    codes, refs = [], []
    for kind, code, actor_id in conn.execute(select(ACT.c.kind, ACT.c.code, ACT.c.id).where(where)).all():
        if kind in ("state", "igo") and code:
            codes.append(code)
        else:
            refs.append(actor_id)
    if not codes and not refs:
        codes.append(term.upper())
    return codes, refs


def known_actor(conn: Connection, term: str) -> bool:
    """Tell whether the store knows ``term``: a canonical actor of that id or name, or a code some event uses."""
    codes, refs = resolve_actor(conn, term)
    if refs:
        return True
    for code in codes:
        if conn.execute(select(L.c.code).where(L.c.code == code).limit(1)).first() is not None:
            return True
        named = or_(ACT.c.code == code, ACT.c.country == code, ACT.c.org == code)
        if conn.execute(select(ACT.c.id).where(named).limit(1)).first() is not None:
            return True
    return False


def _actor_filters(kind: str | None, search: str | None) -> list[Any]:
    where: list[Any] = []
    if kind:
        where.append(ACT.c.kind == kind)
    if search:
        name = normalise_name(search)
        named = ACT.c.norm_name.like(like_pattern(name), escape="\\") if name else ACT.c.name == search
        where.append(or_(named, ACT.c.code == search.upper()))
    return where


def count_actors(conn: Connection, *, kind: str | None = None, search: str | None = None) -> int:
    """How many canonical actors ``actors`` would list without a limit."""
    return int(conn.execute(select(func.count()).select_from(ACT).where(*_actor_filters(kind, search))).scalar_one())


def actors(conn: Connection, *, kind: str | None = None, search: str | None = None,
           limit: int | None = None, offset: int = 0) -> list[StoredActor]:
    """Return canonical actors (most named first), optionally of one kind or matching a name."""
    count = func.count(func.distinct(M.c.article_id)).label("n")
    query = (select(ACT, count).select_from(ACT.outerjoin(M, M.c.actor_id == ACT.c.id)).group_by(*ACT.c)
             .order_by(count.desc(), ACT.c.id).where(*_actor_filters(kind, search)))
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    rows = conn.execute(query).all()
    roles = _roles(conn, [row.id for row in rows])
    return [_stored_actor(row, roles.get(row.id, [])) for row in rows]


def actor(conn: Connection, actor_id: str) -> StoredActor | None:
    """Return one canonical actor with its role history, or None."""
    row = conn.execute(select(ACT, func.count(func.distinct(M.c.article_id)).label("n"))
                       .select_from(ACT.outerjoin(M, M.c.actor_id == ACT.c.id))
                       .where(ACT.c.id == actor_id).group_by(*ACT.c)).first()
    return _stored_actor(row, _roles(conn, [actor_id]).get(actor_id, [])) if row else None


def _roles(conn: Connection, actor_ids: list[str]) -> dict[str, list[RoleSpan]]:
    out: dict[str, list[RoleSpan]] = {}
    for start in range(0, len(actor_ids), _FETCH):
        rows = conn.execute(select(R).where(R.c.actor_id.in_(actor_ids[start:start + _FETCH]))
                            .order_by(R.c.actor_id, R.c.first_seen, R.c.role)).all()
        for row in rows:
            out.setdefault(row.actor_id, []).append(RoleSpan(
                role=row.role, state=row.state or None, org=row.org or None, first_seen=row.first_seen,
                last_seen=row.last_seen, articles=row.articles))
    return out


def _stored_actor(row: Any, roles: list[RoleSpan]) -> StoredActor:
    return StoredActor(
        id=row.id, name=row.name, kind=row.kind, code=row.code, country=row.country, org=row.org,
        sector=row.sector, first_seen=row.first_seen, last_seen=row.last_seen, articles=row.n, roles=roles)


# -- events -------------------------------------------------------------------


def _event_columns() -> list[Any]:
    return [E, A.c.title.label("article_title"), A.c.date.label("article_date"), A.c.source.label("article_source")]


def _stored_event(row: Any) -> StoredEvent:
    data = {name: getattr(row, name) for name in _EVENT_FIELDS}
    return StoredEvent(
        **data, article_id=row.article_id, article_title=row.article_title, article_date=row.article_date,
        source=row.article_source, cluster=row.cluster_id, coder_version=row.coder_version)


def _json_has(column: Any, value: str) -> Any:
    """A JSON list column (stored as text) holds the string ``value``."""
    return cast(column, String).like(like_pattern(f'"{value}"'), escape="\\")


def _event_filters(conn: Connection, *, type: str | None, status: str | None, actor_sector: str | None,
                   since: str | None, until: str | None, refs: list[str],
                   recipient_refs: list[str] | None = None, min_confidence: float | None = None) -> list[Any]:
    where: list[Any] = []
    if min_confidence is not None:  # issue 19: events without a confidence (older coders) are left out
        where.append(E.c.confidence >= min_confidence)
    if type:
        where.append(E.c.type == type.upper())
    if status:
        where.append(E.c.status == status)
    if actor_sector:
        where.append(_json_has(E.c.actor_sectors, actor_sector.upper()))
    if since:
        where.append(E.c.day >= since)
    if until:
        where.append(E.c.day <= until_key(until))
    if refs:
        where.append(or_(*[_json_has(E.c.actor_refs, ref) for ref in refs]))
    if recipient_refs:
        where.append(or_(*[_json_has(E.c.recipient_refs, ref) for ref in recipient_refs]))
    return where


class _EventQuery:
    """The filters of an event query resolved once: link codes, JSON-column conditions, emptiness."""

    def __init__(self, conn: Connection, *, actor: str | None, recipient: str | None, type: str | None,
                 status: str | None, actor_sector: str | None, since: str | None, until: str | None,
                 min_confidence: float | None = None) -> None:
        self.actor_codes, refs = resolve_actor(conn, actor) if actor else ([], [])
        self.recipient_codes, recipient_refs = resolve_actor(conn, recipient) if recipient else ([], [])
        self.since, self.until = since, until
        self.where = _event_filters(conn, type=type, status=status, actor_sector=actor_sector, since=since,
                                    until=until, refs=refs, recipient_refs=recipient_refs,
                                    min_confidence=min_confidence)

    @property
    def by_links(self) -> bool:
        return bool(self.actor_codes or self.recipient_codes)

    def link_ids(self) -> Select[Any]:
        return _link_query(self.actor_codes, self.recipient_codes, self.since, self.until)


def iter_events(conn: Connection, *, actor: str | None = None, recipient: str | None = None,
                type: str | None = None, status: str | None = None, actor_sector: str | None = None,
                since: str | None = None, until: str | None = None,
                limit: int | None = None, offset: int = 0,
                min_confidence: float | None = None) -> Iterator[StoredEvent]:
    """Yield events matching every filter given, by day then id, skipping the first ``offset``.

    ``actor``/``recipient`` are codes ("USA"), canonical actor ids or names;
    a person or organisation matches the events it is on that side of; ``min_confidence``
    keeps events whose confidence is at least that (issue 19).
    """
    q = _EventQuery(conn, actor=actor, recipient=recipient, type=type, status=status, actor_sector=actor_sector,
                    since=since, until=until, min_confidence=min_confidence)
    if q.by_links:
        events = _events_by_links(conn, q.actor_codes, q.recipient_codes, q.where, since, until,
                                  None if limit is None else limit + offset)
        for i, event in enumerate(events):
            if i >= offset:
                yield event
        return
    query = (select(*_event_columns()).select_from(E.join(A, A.c.id == E.c.article_id)).where(*q.where)
             .order_by(E.c.day, E.c.id))
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    for row in conn.execute(query).yield_per(_FETCH):
        yield _stored_event(row)


def count_events(conn: Connection, *, actor: str | None = None, recipient: str | None = None,
                 type: str | None = None, status: str | None = None, actor_sector: str | None = None,
                 since: str | None = None, until: str | None = None, min_confidence: float | None = None) -> int:
    """How many events ``iter_events`` would yield with these filters and no limit."""
    q = _EventQuery(conn, actor=actor, recipient=recipient, type=type, status=status, actor_sector=actor_sector,
                    since=since, until=until, min_confidence=min_confidence)
    where = list(q.where)
    if q.by_links:
        where.append(E.c.id.in_(q.link_ids().with_only_columns(L.c.event_id).order_by(None)))
    return int(conn.execute(select(func.count()).select_from(E).where(*where)).scalar_one())


def latest_events(conn: Connection, *, limit: int) -> list[StoredEvent]:
    """The ``limit`` most recent events (by day, then id), newest first."""
    query = (select(*_event_columns()).select_from(E.join(A, A.c.id == E.c.article_id))
             .order_by(E.c.day.desc(), E.c.id.desc()).limit(limit))
    return [_stored_event(row) for row in conn.execute(query)]


def _link_query(actor_codes: list[str], recipient_codes: list[str], since: str | None,
                until: str | None) -> Select[Any]:
    if actor_codes:
        where = [L.c.code.in_(actor_codes), L.c.side == "actor"]
        if recipient_codes:
            where += [L.c.other.in_(recipient_codes), L.c.other_side == "recipient"]
    else:
        where = [L.c.code.in_(recipient_codes), L.c.side == "recipient"]
    if since:
        where.append(L.c.day >= since)
    if until:
        where.append(L.c.day <= until_key(until))
    return select(L.c.event_id, L.c.day).where(*where).order_by(L.c.day, L.c.event_id)


def _events_by_links(conn: Connection, actor_codes: list[str], recipient_codes: list[str], where: list[Any],
                     since: str | None, until: str | None, limit: int | None) -> Iterator[StoredEvent]:
    """Walk event_links in day order, fetch the events in chunks, stop at ``limit``."""
    links = conn.execute(_link_query(actor_codes, recipient_codes, since, until)).yield_per(_FETCH)
    seen: set[str] = set()
    produced = 0
    chunk: list[str] = []
    for event_id, _day in links:
        if event_id in seen:
            continue
        seen.add(event_id)
        chunk.append(event_id)
        if len(chunk) >= (min(_FETCH, (limit - produced) * 2 + 8) if limit else _FETCH):
            for event in _fetch_events(conn, chunk, where):
                yield event
                produced += 1
                if limit and produced >= limit:
                    return
            chunk = []
    for event in _fetch_events(conn, chunk, where):
        if limit and produced >= limit:
            return
        yield event
        produced += 1


def _fetch_events(conn: Connection, ids: list[str], where: list[Any]) -> list[StoredEvent]:
    if not ids:
        return []
    query = (select(*_event_columns()).select_from(E.join(A, A.c.id == E.c.article_id))
             .where(E.c.id.in_(ids), *where).order_by(E.c.day, E.c.id))
    return [_stored_event(row) for row in conn.execute(query)]


def dyad(conn: Connection, a: str, b: str, *, by: str | None = "month", since: str | None = None,
         until: str | None = None) -> list[DyadPeriod]:
    """Return events between ``a`` and ``b`` (either direction) and their summed score per period.

    ``by`` is day, week, month, quarter, year, or None for one total.
    """
    if by in ("week", "quarter"):
        return _fold_periods(dyad(conn, a, b, by="day", since=since, until=until), by)
    codes_a, codes_b = resolve_actor(conn, a)[0], resolve_actor(conn, b)[0]
    period = func.substr(L.c.day, 1, _PERIOD_LENGTH[by]) if by else literal_column("NULL")
    where: list[ColumnElement[bool]] = [L.c.code.in_(codes_a), L.c.other.in_(codes_b)]
    if since:
        where.append(L.c.day >= since)
    if until:
        where.append(L.c.day <= until_key(until))
    query = (select(period.label("period"), func.count(func.distinct(L.c.event_id)).label("n"),
                    func.coalesce(func.sum(L.c.score), 0.0).label("score"))
             .where(*where).group_by(period).order_by(period))
    if not by:
        query = query.group_by(None).order_by(None)
    return [DyadPeriod(period=row.period, events=row.n, score=round(float(row.score), 4))
            for row in conn.execute(query) if row.n]


def _fold_periods(days: list[DyadPeriod], by: str) -> list[DyadPeriod]:
    """Sum per-day dyad figures into weeks or quarters (each event has one day, so counts add up)."""
    out: dict[str, list[float]] = {}
    for day in days:
        cell = out.setdefault(period_label(day.period or "", by), [0, 0.0])
        cell[0] += day.events
        cell[1] += day.score
    return [DyadPeriod(period=p, events=int(n), score=round(score, 4)) for p, (n, score) in sorted(out.items())]


def dyad_events(conn: Connection, a: str, b: str, *, since: str | None = None, until: str | None = None,
                limit: int | None = None) -> list[StoredEvent]:
    """Return the events between ``a`` and ``b`` (either direction) from ``since`` to ``until``, by day."""
    codes_a, codes_b = resolve_actor(conn, a)[0], resolve_actor(conn, b)[0]
    where: list[Any] = [L.c.code.in_(codes_a), L.c.other.in_(codes_b)]
    if since:
        where.append(L.c.day >= since)
    if until:
        where.append(L.c.day <= until_key(until))
    ids = select(L.c.event_id).where(*where)
    query = (select(*_event_columns()).select_from(E.join(A, A.c.id == E.c.article_id))
             .where(E.c.id.in_(ids)).order_by(E.c.day, E.c.id))
    if limit:
        query = query.limit(limit)
    return [_stored_event(row) for row in conn.execute(query)]


def counterparts(conn: Connection, actor: str, *, since: str | None = None, until: str | None = None,
                 limit: int = 20) -> list[Counterpart]:
    """Return the actors that share the most events with ``actor`` (either direction)."""
    codes = resolve_actor(conn, actor)[0]
    where: list[ColumnElement[bool]] = [L.c.code.in_(codes), L.c.other.is_not(None)]
    if since:
        where.append(L.c.day >= since)
    if until:
        where.append(L.c.day <= until_key(until))
    n = func.count().label("n")
    query = select(L.c.other, n).where(*where).group_by(L.c.other).order_by(n.desc(), L.c.other).limit(limit)
    return [Counterpart(code=row.other, events=row.n) for row in conn.execute(query)]


# -- quotes, articles, search -------------------------------------------------


def _speaker_filter(speaker: str | None) -> list[Any]:
    if not speaker:
        return []
    if speaker.startswith("actor_"):
        return [Q.c.speaker_actor_id == speaker]
    said = Q.c.speaker.ilike(like_pattern(speaker), escape="\\")
    name = normalise_name(speaker)
    if not name:  # only punctuation or wildcards: no canonical name can contain it
        return [said]
    ids = select(ACT.c.id).where(ACT.c.norm_name.like(like_pattern(name), escape="\\"))
    return [or_(Q.c.speaker_actor_id.in_(ids), said)]


def _quote_filters(speaker: str | None, text: str | None) -> list[Any]:
    where = _speaker_filter(speaker)
    if text:
        where.append(Q.c.text.ilike(like_pattern(text), escape="\\"))
    return where


def count_quotes(conn: Connection, *, speaker: str | None = None, text: str | None = None) -> int:
    """How many quotations ``quotes`` would list without a limit."""
    return int(conn.execute(select(func.count()).select_from(Q).where(*_quote_filters(speaker, text))).scalar_one())


def quotes(conn: Connection, *, speaker: str | None = None, text: str | None = None, limit: int | None = None,
           offset: int = 0) -> list[StoredQuote]:
    """Return quotations, optionally of one speaker (name, canonical id or part of a name) or holding ``text``."""
    query = (select(Q, A.c.title.label("article_title"), A.c.date.label("article_date"))
             .select_from(Q.join(A, A.c.id == Q.c.article_id)).order_by(A.c.date, Q.c.article_id, Q.c.start, Q.c.id)
             .where(*_quote_filters(speaker, text)))
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return [StoredQuote(
        id=row.id, speaker=row.speaker, speaker_id=row.speaker_local_id, speaker_mention=row.speaker_mention,
        cue=row.cue, text=row.text, start=row.start, end=row.end, kind=row.kind, sentence=row.sentence,
        article_id=row.article_id, article_title=row.article_title, article_date=row.article_date,
        speaker_actor_id=row.speaker_actor_id) for row in conn.execute(query)]


def article(conn: Connection, article_id: str) -> StoredArticle | None:
    """Return one stored article with its actors, quotes and events, or None."""
    row = conn.execute(select(A).where(A.c.id == article_id)).first()
    if row is None:
        return None
    mentions = conn.execute(select(M, ACT.c.kind, ACT.c.code, ACT.c.country, ACT.c.org)
                            .join(ACT, ACT.c.id == M.c.actor_id).where(M.c.article_id == article_id)
                            .order_by(M.c.id)).all()
    actors_ = [Actor(id=m.local_id, name=m.name, kind=m.kind, code=m.code, country=m.country, org=m.org,
                     roles=m.roles, sector=m.sector, sectors=m.sectors, aliases=m.aliases,
                     mentions=[tuple(s) for s in m.spans]) for m in mentions]
    quotes_ = [Quote(id=q.id, speaker=q.speaker, speaker_id=q.speaker_local_id, speaker_mention=q.speaker_mention,
                     cue=q.cue, text=q.text, start=q.start, end=q.end, kind=q.kind, sentence=q.sentence)
               for q in conn.execute(select(Q).where(Q.c.article_id == article_id).order_by(Q.c.start, Q.c.id))]
    events_ = [Event(**{name: getattr(e, name) for name in _EVENT_FIELDS})
               for e in conn.execute(select(E).where(E.c.article_id == article_id).order_by(E.c.id))]
    return StoredArticle(
        id=row.id, title=row.title, date=row.date, source=row.source, url=row.url, language=row.language,
        coder_version=row.coder_version, hash=row.hash, text=row.text, meta=row.meta or {}, notes=row.notes or [], repairs=row.repairs or [],
        ingested_at=row.ingested_at, actors=actors_, actor_refs={m.local_id: m.actor_id for m in mentions},
        quotes=quotes_, events=events_)


def count_articles(conn: Connection) -> int:
    """How many articles the store holds."""
    return int(conn.execute(select(func.count()).select_from(A)).scalar_one())


def articles(conn: Connection, *, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
    """Return stored articles, newest first."""
    n = select(func.count()).where(E.c.article_id == A.c.id).scalar_subquery()
    query = select(A.c.id, A.c.title, A.c.date, A.c.source, A.c.url, n.label("n")).order_by(
        A.c.date.desc(), A.c.id)
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return [ArticleSummary(id=r.id, title=r.title, date=r.date, source=r.source, url=r.url, events=r.n)
            for r in conn.execute(query)]


def search(conn: Connection, terms: str, *, limit: int = 20) -> list[ArticleSummary]:
    """Full-text search over titles and bodies (FTS5 on SQLite, tsvector on PostgreSQL), best first."""
    if conn.dialect.name == "postgresql":
        return _search_postgres(conn, terms, limit)
    return _search_sqlite(conn, terms, limit)


def _fts5_query(terms: str) -> str:
    """Quote each word so user input is never parsed as FTS5 syntax (all words must match)."""
    words = re.findall(r"\w+", terms)
    return " ".join(f'"{w}"' for w in words)


def _search_sqlite(conn: Connection, terms: str, limit: int) -> list[ArticleSummary]:
    match = _fts5_query(terms)
    if not match:
        return []
    rows = conn.execute(text(
        "SELECT a.id, a.title, a.date, a.source, a.url,"
        " snippet(articles_fts, -1, '[', ']', '…', 12) AS snippet"
        " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
        " WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts, 2.0, 1.0), a.id LIMIT :n"),
        {"q": match, "n": limit}).all()
    return [ArticleSummary(id=r.id, title=r.title, date=r.date, source=r.source, url=r.url, snippet=r.snippet)
            for r in rows]


def _search_postgres(conn: Connection, terms: str, limit: int) -> list[ArticleSummary]:
    rows = conn.execute(text(
        "SELECT a.id, a.title, a.date, a.source, a.url,"
        " ts_headline('english', coalesce(a.text, a.title, ''), q, 'StartSel=[,StopSel=],MaxWords=12,MinWords=4')"
        " AS snippet FROM articles a, plainto_tsquery('english', :q) q"
        " WHERE a.tsv @@ q ORDER BY ts_rank(a.tsv, q) DESC, a.id LIMIT :n"),
        {"q": terms, "n": limit}).all()
    return [ArticleSummary(id=r.id, title=r.title, date=r.date, source=r.source, url=r.url, snippet=r.snippet)
            for r in rows]


# -- status -------------------------------------------------------------------


def counts(conn: Connection) -> dict[str, int]:
    """Return the number of rows of each main table."""
    tables = {"articles": A, "actors": ACT, "mentions": M, "quotes": Q, "events": E,
              "errors": IngestErrorRow.__table__}
    return {name: conn.execute(select(func.count()).select_from(t)).scalar_one() for name, t in tables.items()}


def coder_versions(conn: Connection) -> dict[str, int]:
    """Return the number of articles coded by each coder version."""
    rows = conn.execute(select(A.c.coder_version, func.count()).group_by(A.c.coder_version)).all()
    return {version: n for version, n in rows}


def runs(conn: Connection, *, limit: int = 10) -> list[RunInfo]:
    """Return the most recent runs, newest first."""
    T = table_of(IngestRunRow)
    rows = conn.execute(select(T).order_by(T.c.id.desc()).limit(limit)).all()
    return [RunInfo(id=r.id, command=r.command, status=_run_status(r), coder_version=r.coder_version,
                    started_at=r.started_at, finished_at=r.finished_at, added=r.added, replaced=r.replaced,
                    skipped=r.skipped, failed=r.failed, inputs=r.inputs or []) for r in rows]


def _run_status(row: Any) -> str:
    """Return a run's status; a 'running' run whose process is gone (same host) was interrupted."""
    import socket

    from communique.store.processes import process_alive

    if row.status == "running" and row.host == socket.gethostname() and not process_alive(row.pid or 0):
        return "interrupted"
    return str(row.status)


def errors(conn: Connection, *, run_id: int | None = None, limit: int | None = 20) -> list[ErrorInfo]:
    """Return recorded ingest errors, newest first."""
    T = table_of(IngestErrorRow)
    query = select(T).order_by(T.c.id.desc())
    if run_id is not None:
        query = query.where(T.c.run_id == run_id)
    if limit:
        query = query.limit(limit)
    return [ErrorInfo(run_id=r.run_id, source=r.source, position=r.position, error=r.error, reason=r.reason)
            for r in conn.execute(query)]


__all__ = [
    "actor", "actors", "article", "articles", "coder_versions", "count_actors", "count_articles", "count_events", "count_quotes",
    "counterparts", "counts", "dyad", "dyad_events", "errors", "iter_events", "known_actor", "quotes",
    "resolve_actor", "runs", "search", "until_key",
]


def code_index(conn: Connection) -> tuple[dict[str, str], dict[str, str]]:
    """Return (code -> name, code -> kind) of the states and IGOs in the store."""
    rows = conn.execute(select(ACT.c.code, ACT.c.name, ACT.c.kind).where(
        ACT.c.code.is_not(None), ACT.c.kind.in_(("state", "igo"))).order_by(ACT.c.id)).all()
    return {r.code: r.name for r in rows}, {r.code: r.kind for r in rows}
