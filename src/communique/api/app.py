"""The REST API (FastAPI) over a store, and the app that also serves the web UI.

``create_app(db_url, token=...)`` returns the ASGI app of ``communique serve``:
JSON under ``/api/`` (no trailing slashes), pages from ``communique.web``,
OpenAPI at ``/openapi.json`` and docs at ``/docs``. Write endpoints need the
bearer token; with ``require_token_for_reads`` every endpoint does (a
non-loopback bind).
"""

import contextlib
import threading
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from communique.api import DEFAULT_MAX_BODY, DEFAULT_QUEUE, DEFAULT_WORKERS
from communique.api import schemas as s
from communique.api.graph import event_network, events_geojson
from communique.api.ingest_queue import IngestQueue, ingest_article
from communique.api.params import Count, EventType, IsoDate, Kind, Period, Sector, Status, checked_range, known_actor
from communique.api.security import Guard, GuardSettings, document_security, token_matches
from communique.errors import CommuniqueError, ReadOnlyStoreError
from communique.store.api import Store
from communique.store.views import ArticleSummary, StoredActor, StoredEvent, StoredQuote

BEARER = HTTPBearer(auto_error=False)
MAX_LIMIT = 1000
DEFAULT_LIMIT = 50

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1..{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Code = Annotated[str | None, Query(min_length=1, max_length=200, description="Code, canonical actor id or name.")]


def create_app(db_url: str | None = None, *, token: str | None = None, require_token_for_reads: bool = False,
               store: Store | None = None, max_body: int = DEFAULT_MAX_BODY, allowed_hosts: frozenset[str] | None = None,
               port: int | None = None, workers: int = DEFAULT_WORKERS, queue_size: int = DEFAULT_QUEUE) -> FastAPI:
    """Build the app over the store at ``db_url`` (or an open ``store``).

    ``max_body``, ``allowed_hosts`` and ``port`` configure the guard (``api.security``); ``workers``
    and ``queue_size`` the processes coding posted articles (``api.ingest_queue``).
    """
    ingest = IngestQueue(workers, queue_size)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        ingest.close()

    app = FastAPI(title="Communiqué", version=_version(), description="Event data from news articles, with evidence.",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.store = store or Store(db_url)
    app.state.token = token
    app.state.write_lock = threading.Lock()
    app.state.ingest = ingest
    app.add_middleware(Guard, settings=GuardSettings(token=token, require_token_for_reads=require_token_for_reads,
                                                     max_body=max_body, allowed_hosts=allowed_hosts, port=port))

    def check_token(credentials: HTTPAuthorizationCredentials | None) -> None:
        # the guard checked the raw header already; this keeps routes safe on their own (bytes, constant time)
        if credentials is None or not token_matches(credentials.credentials.encode("latin-1"), token):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "a valid bearer token is required",
                                headers={"WWW-Authenticate": "Bearer"})

    def need_write(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]) -> None:
        check_token(credentials)

    def need_read(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]) -> None:
        if require_token_for_reads:
            check_token(credentials)

    @app.get("/docs", include_in_schema=False, dependencies=[Depends(need_read)])
    def docs(request: Request) -> HTMLResponse:
        from communique.web.views import docs_page

        return docs_page(request)

    _add_api_routes(app, need_read, need_write)
    from communique.web.views import add_web_routes

    add_web_routes(app, need_read)
    from communique.api.analysis import add_analysis_routes
    from communique.api.clusters import add_cluster_routes

    add_analysis_routes(app, need_read)
    add_cluster_routes(app, need_read)

    schema_of = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_security(schema_of(), require_token_for_reads=require_token_for_reads,
                                                   checks_host=allowed_hosts is not None)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(CommuniqueError)
    def _communique_error(_request: Request, exc: CommuniqueError) -> JSONResponse:
        if isinstance(exc, ReadOnlyStoreError):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return JSONResponse({"detail": str(exc)}, status_code=422)

    return app


def _version() -> str:
    from communique.version import __version__

    return __version__


def _page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """Slice one page out of ``offset + limit + 1`` fetched items."""
    window = items[offset: offset + limit]
    more = len(items) > offset + limit
    return {"items": window, "limit": limit, "offset": offset, "next_offset": offset + limit if more else None,
            "total": total}


def _add_api_routes(app: FastAPI, need_read: Callable[..., None], need_write: Callable[..., None]) -> None:
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
        query = {"actor": known_actor(st, actor, "actor"), "recipient": known_actor(st, recipient, "recipient"),
                 "type": type, "status": status, "actor_sector": actor_sector, "since": since, "until": until}
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


def actor_detail(st: Store, actor_id: str, *, limit: int = 100) -> dict[str, Any]:
    """Everything the actor page and ``/api/actors/{id}`` show."""
    actor: StoredActor | None = st.actor(actor_id) or _actor_by_code(st, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    ref = actor.code or actor.id
    as_actor: list[StoredEvent] = st.events(actor=actor.id, limit=limit)
    as_recipient: list[StoredEvent] = st.events(recipient=actor.id, limit=limit)
    quotes: list[StoredQuote] = st.quotes(speaker=actor.id, limit=limit) if actor.kind in ("person", "org") else []
    return {"actor": actor, "quotes": quotes, "as_actor": as_actor, "as_recipient": as_recipient,
            "counterparts": st.counterparts(ref, limit=20), "as_actor_total": st.count_events(actor=actor.id),
            "as_recipient_total": st.count_events(recipient=actor.id)}


def _actor_by_code(st: Store, code: str) -> StoredActor | None:
    """The state or IGO whose code is ``code`` (pages link event codes to actors)."""
    for candidate in st.actors(search=code, limit=50):
        if candidate.code == code and candidate.kind in ("state", "igo"):
            return candidate
    return None
