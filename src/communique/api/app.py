"""The REST API's JSON endpoints over a store (articles, events, actors, quotes, dyads, network).

``add_api_routes`` registers them; ``communique.server.create_app`` builds the app of
``communique serve`` from them, the other JSON routers and the pages of ``communique.web``.
JSON lives under ``/api/`` (no trailing slashes). Write endpoints need the bearer token; with
``require_token_for_reads`` every endpoint does (a non-loopback bind).
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.security import HTTPBearer

from communique.api import schemas as s
from communique.api.actors import actor_detail
from communique.api.graph import event_network, events_geojson
from communique.api.ingest_queue import ingest_article
from communique.api.params import Count, EventType, IsoDate, Kind, Period, Sector, Status, checked_range, known_actor
from communique.store.api import Store
from communique.store.views import ArticleSummary

BEARER = HTTPBearer(auto_error=False)
MAX_LIMIT = 1000
DEFAULT_LIMIT = 50

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1..{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Code = Annotated[str | None, Query(min_length=1, max_length=200, description="Code, canonical actor id or name.")]


def _page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """Slice one page out of ``offset + limit + 1`` fetched items."""
    window = items[offset: offset + limit]
    more = len(items) > offset + limit
    return {"items": window, "limit": limit, "offset": offset, "next_offset": offset + limit if more else None,
            "total": total}


def add_api_routes(app: FastAPI, need_read: Callable[..., None], need_write: Callable[..., None]) -> None:
    """Register the JSON endpoints of articles, events, actors, quotes, dyads and the network on ``app``."""
    read = [Depends(need_read)]

    def store() -> Store:
        st: Store = app.state.store
        return st

    @app.get("/api/articles", response_model=s.ArticlePage, dependencies=read, tags=["articles"])
    def list_articles(q: Annotated[str | None, Query(max_length=500, description="Full-text search.")] = None,
                      since: IsoDate = None, until: IsoDate = None,
                      limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
        """Articles, newest first, or the best full-text matches of ``q``."""
        checked_range(since, until)
        st = store()
        if not (q or since or until):
            items: list[ArticleSummary] = st.articles(limit=limit + 1, offset=offset)
            return {"items": items[:limit], "limit": limit, "offset": offset,
                    "next_offset": offset + limit if len(items) > limit else None, "total": st.count_articles()}
        items = st.articles(search=q or None, limit=offset + limit + 1 if not (since or until) else None)
        if since or until:
            items = [a for a in items if _in_range(a.date, since, until)]
        return _page(items, limit, offset, None if q else len(items))

    @app.get("/api/articles/{article_id}", response_model=s.ArticleOut, dependencies=read, tags=["articles"])
    def get_article(article_id: str) -> Any:
        """One article with its actors, quotes and events and their offsets."""
        found = store().article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return found

    @app.post("/api/articles", status_code=201, response_model=s.ArticleOut, tags=["articles"],
              dependencies=[Depends(need_write)])
    async def post_article(body: s.ArticleIn) -> Any:
        """Code one article (in a worker process) and store it; answers with the stored record.

        503 with Retry-After when every worker is busy and the queue is full.
        """
        return await ingest_article(app, body)

    @app.get("/api/events", response_model=s.EventPage, dependencies=read, tags=["events"])
    def list_events(actor: Code = None, recipient: Code = None, type: EventType = None, status: Status = None,
                    actor_sector: Sector = None, since: IsoDate = None, until: IsoDate = None,
                    limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
        """Events (one per event per article) matching every filter given; an unknown actor is 404."""
        checked_range(since, until)
        st = store()
        query: dict[str, Any] = {"actor": known_actor(st, actor, "actor"),
                                 "recipient": known_actor(st, recipient, "recipient"),
                                 "type": type, "status": status, "actor_sector": actor_sector, "since": since,
                                 "until": until}
        items = st.events(**query, limit=limit + 1, offset=offset)
        return {"items": items[:limit], "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(items) > limit else None, "total": st.count_events(**query)}

    @app.get("/api/events.geojson", dependencies=read, tags=["events"])
    def geojson(actor: Code = None, type: EventType = None, status: Status = None, since: IsoDate = None,
                until: IsoDate = None, limit: Annotated[int, Query(ge=1, le=100_000)] = 5000) -> dict[str, Any]:
        """Located events as a GeoJSON FeatureCollection."""
        checked_range(since, until)
        return events_geojson(store().iter_events(actor=known_actor(store(), actor, "actor"), type=type,
                                                  status=status, since=since, until=until, limit=limit))

    @app.get("/api/actors", response_model=s.ActorPage, dependencies=read, tags=["actors"])
    def list_actors(kind: Kind = None, q: Annotated[str | None, Query(max_length=200, description="Name search.")] = None,
                    limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
        """Canonical actors, most often named first."""
        st = store()
        items = st.actors(kind=kind, search=q or None, limit=limit + 1, offset=offset)
        return {"items": items[:limit], "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(items) > limit else None,
                "total": st.count_actors(kind=kind, search=q or None)}

    @app.get("/api/actors/{actor_id}", response_model=s.ActorDetail, dependencies=read, tags=["actors"])
    def get_actor(actor_id: str, limit: Limit = 100) -> dict[str, Any]:
        """One actor: role history, quotes, events as actor and as recipient, top counterparts."""
        return actor_detail(store(), actor_id, limit=limit)

    @app.get("/api/quotes", response_model=s.QuotePage, dependencies=read, tags=["quotes"])
    def list_quotes(speaker: Code = None,
                    text: Annotated[str | None, Query(min_length=1, max_length=200,
                                                      description="Words the quotation holds (any case).")] = None,
                    limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
        """Quotations, optionally of one speaker (name, part of a name or actor id) or holding ``text``.

        ``%`` and ``_`` in either match themselves.
        """
        st = store()
        items = st.quotes(speaker=speaker, text=text, limit=limit + 1, offset=offset)
        return {"items": items[:limit], "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(items) > limit else None,
                "total": st.count_quotes(speaker=speaker, text=text)}

    @app.get("/api/dyads", response_model=s.DyadOut, dependencies=read, tags=["analysis"])
    def dyad(a: Annotated[str, Query(min_length=1, max_length=200)], b: Annotated[str, Query(min_length=1, max_length=200)],
             by: Period = "month", since: IsoDate = None, until: IsoDate = None, count: Count = "clusters",
             limit: Limit = 200) -> dict[str, Any]:
        """Happenings between two actors and their PLOVER score per period, with the events behind them.

        Each cluster of reports (one happening seen by several outlets) counts once by default. An actor
        the store does not know is 404.
        """
        checked_range(since, until)
        st = store()
        a, b = known_actor(st, a, "a") or a, known_actor(st, b, "b") or b
        return {"a": a, "b": b, "by": by, "count": count,
                "periods": st.dyad_clusters(a, b, by=by, count=count, since=since, until=until),
                "events": st.dyad_events(a, b, since=since, until=until, limit=limit)}

    @app.get("/api/network", response_model=s.NetworkOut, dependencies=read, tags=["analysis"])
    def network(type: EventType = None, status: Status = None, since: IsoDate = None, until: IsoDate = None,
                min_events: Annotated[int, Query(ge=1, le=1000)] = 1,
                limit: Annotated[int, Query(ge=1, le=200_000)] = 20_000) -> dict[str, Any]:
        """Nodes (actors by activity) and weighted edges (events, summed score) for a type, status and period."""
        checked_range(since, until)
        events = store().iter_events(type=type, status=status, since=since, until=until, limit=limit)
        return event_network(events, min_events=min_events)


def _in_range(date: str | None, since: str | None, until: str | None) -> bool:
    if not date:
        return not (since or until)
    if since and date[: len(since)] < since:
        return False
    return not (until and date[: len(until)] > until)
