"""The analyst's web UI: server-rendered pages (Jinja2) with a little JavaScript.

Article text is untrusted: templates autoescape everything, inline data goes
through ``tojson`` inside ``<script type="application/json">`` (which escapes
``<``, ``>`` and ``&``), and only http(s) URLs become links. Every script,
style and map file is served from ``web/static`` (vendored, pinned).
"""

import csv
import io
import json
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Annotated, Any, TypedDict

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from communique import filters as f
from communique.api.actors import actor_detail
from communique.api.graph import event_network
from communique.api.params import EventType, IsoDate, Kind, Period, Status, checked_range, known_actor
from communique.store.api import Store
from communique.store.views import StoredArticle, StoredEvent
from communique.web import charts
from communique.web.highlight import segments
from communique.web.render import TEMPLATES

PAGE = 50
#: Full-text matches listed on the article page (ranked; refining the words finds others).
SEARCH_LIMIT = 200
#: Matches of each kind the search page lists (each list says when there are more).
SEARCH_SHOWN = 30
#: The dashboard's timeline and busiest dyads are drawn from this many most recent events.
DASHBOARD_WINDOW = 20_000
FILTERS = ("actor", "recipient", "type", "status", "actor_sector", "since", "until")


class EventFilters(TypedDict):
    """The checked filters of the events page and its downloads (None: not filtered)."""

    actor: str | None
    recipient: str | None
    type: str | None
    status: str | None
    actor_sector: str | None
    since: str | None
    until: str | None


def add_web_routes(app: FastAPI, need_read: Callable[..., None]) -> None:
    """Mount the static files and register every page on ``app``."""
    app.mount("/static", StaticFiles(directory=str(resources.files("communique.web") / "static")), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    read = [Depends(need_read)]

    def store() -> Store:
        st: Store = app.state.store
        return st

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def dashboard(request: Request) -> HTMLResponse:
        st = store()
        status = st.status(runs=5, errors=5)
        recent = st.latest_events(limit=DASHBOARD_WINDOW)  # bounded work per page view
        return page(request, "dashboard.html", status=status, latest=recent[:15],
                    actors=st.actors(limit=12), dyads=_top_dyads(recent), timeline=charts.timeline(recent))

    @app.get("/articles", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def articles(request: Request, q: Annotated[str | None, Query(max_length=500)] = None,
                 offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        st = store()
        if q:
            return page(request, "articles.html", q=q, items=st.articles(search=q, limit=SEARCH_LIMIT),
                        limit=SEARCH_LIMIT)
        return page(request, "articles.html", q="", items=st.articles(limit=PAGE, offset=offset), offset=offset,
                    page_size=PAGE, total=st.count_articles())

    @app.get("/articles/{article_id}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def reader(request: Request, article_id: str) -> HTMLResponse:
        art: StoredArticle | None = store().article(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return page(request, "article.html", art=art, segs=segments(art), names={a.id: a.name for a in art.actors})

    @app.get("/actors", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def actors(request: Request, q: Annotated[str | None, Query(max_length=200)] = None, kind: Kind = None,
               offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        st = store()
        return page(request, "actors.html", q=q or "", kind=kind or "", offset=offset, page_size=PAGE,
                    items=st.actors(search=q or None, kind=kind, limit=PAGE, offset=offset),
                    total=st.count_actors(search=q or None, kind=kind))

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def actor(request: Request, actor_id: str) -> HTMLResponse:
        return page(request, "actor.html", **actor_detail(store(), actor_id, limit=200))

    @app.get("/events", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def events(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        st = store()
        filters = _filters(st, request)
        return page(request, "events.html", filters=filters, items=st.events(**filters, limit=PAGE, offset=offset),
                    offset=offset, total=st.count_events(**filters), page_size=PAGE)

    @app.get("/events.csv", dependencies=read, include_in_schema=False)
    def events_csv(request: Request) -> StreamingResponse:
        rows = store().iter_events(**_filters(store(), request))
        return StreamingResponse(_csv(rows), media_type="text/csv",
                                 headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/events.jsonl", dependencies=read, include_in_schema=False)
    def events_jsonl(request: Request) -> StreamingResponse:
        rows = store().iter_events(**_filters(store(), request))
        lines = (json.dumps(e.model_dump(mode="json"), ensure_ascii=False) + "\n" for e in rows)
        return StreamingResponse(lines, media_type="application/x-ndjson",
                                 headers={"Content-Disposition": 'attachment; filename="events.jsonl"'})

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def dyad(request: Request, a: str, b: str, by: Period = "month",
             count: Annotated[str, Query(pattern=r"^(clusters|reports)$")] = "clusters") -> HTMLResponse:
        st = store()
        a, b = known_actor(st, a, "a") or a, known_actor(st, b, "b") or b
        periods = st.dyad_clusters(a, b, by=by, count=count)
        evs = st.dyad_events(a, b, limit=1000)
        return page(request, "dyad.html", a=a, b=b, by=by, count=count, events=evs,
                    points=charts.dyad_points(periods, by=by, count=count),
                    by_period=charts.events_by_period(evs, by))

    @app.get("/network", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def network(request: Request, type: EventType = None, status: Status = None, since: IsoDate = None,
                until: IsoDate = None) -> HTMLResponse:
        checked_range(since, until)
        graph = event_network(store().iter_events(type=type, status=status, since=since, until=until, limit=20_000))
        return page(request, "network.html", graph=graph, type=type or "", status=status or "",
                    since=since or "", until=until or "")

    @app.get("/map", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def world_map(request: Request) -> HTMLResponse:
        return page(request, "map.html")

    @app.get("/search", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def search(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
        st = store()
        if not q.strip():
            return page(request, "search.html", q=q, found={}, totals={}, limit=SEARCH_SHOWN)
        found = {"articles": st.search(q, limit=SEARCH_SHOWN), "actors": st.actors(search=q, limit=SEARCH_SHOWN),
                 "quotes": st.quotes(text=q.strip(), limit=SEARCH_SHOWN)}
        totals = {"actors": st.count_actors(search=q), "quotes": st.count_quotes(text=q.strip())}
        return page(request, "search.html", q=q, found=found, totals=totals, limit=SEARCH_SHOWN)


def _filters(st: Store, request: Request) -> EventFilters:
    """The event filters of the query string, checked like the API's (422 for a bad value, 404 for an unknown actor)."""
    raw = {k: (request.query_params.get(k, "").strip() or None) for k in FILTERS}
    checks = {"type": f.check_type, "status": f.check_status, "actor_sector": f.check_sector,
              "since": f.check_day, "until": f.check_day}
    problems = []
    for name, check in checks.items():
        try:
            raw[name] = check(raw[name], name)
        except f.FilterError as exc:
            problems.append({"loc": ["query", name], "msg": exc.message, "type": "value_error"})
    if problems:
        raise HTTPException(422, problems)
    checked_range(raw["since"], raw["until"])
    return EventFilters(actor=known_actor(st, raw["actor"], "actor"),
                        recipient=known_actor(st, raw["recipient"], "recipient"), type=raw["type"],
                        status=raw["status"], actor_sector=raw["actor_sector"], since=raw["since"],
                        until=raw["until"])


def _wants_html(request: Request) -> bool:
    """Pages answer errors as pages; the JSON API, its schema and downloads answer JSON."""
    path = request.url.path
    return not (path.startswith(("/api/", "/openapi", "/static/")) or path.endswith((".csv", ".jsonl", ".json")))


def _error_page(request: Request, status: int, messages: list[str]) -> HTMLResponse:
    title = {404: "Not found", 422: "Not a valid request"}.get(status, "Error")
    back = request.url.path if request.url.query else "/"
    return TEMPLATES.TemplateResponse(request, "error.html", {"title": title, "messages": messages, "status": status,
                                                              "back": back}, status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if not _wants_html(request) or exc.status_code in (401, 405):
        return await http_exception_handler(request, exc)
    detail = exc.detail
    messages = [f"{'.'.join(map(str, d['loc'][1:]))}: {d['msg']}" for d in detail] if isinstance(detail, list) \
        else [str(detail)]
    return _error_page(request, exc.status_code, messages)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if not _wants_html(request):
        return await request_validation_exception_handler(request, exc)
    return _error_page(request, 422, [f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors()])


def _top_dyads(events: list[StoredEvent], n: int = 10) -> list[dict[str, Any]]:
    """The ``n`` dyads with the most events (edges of the event network), with their summed score."""
    edges = sorted(event_network(events)["edges"], key=lambda e: (-e["events"], e["source"], e["target"]))
    return [{"a": e["source"], "b": e["target"], "events": e["events"], "score": round(e["score"], 1)}
            for e in edges[:n]]


CSV_COLUMNS = ("id", "article_id", "article_date", "date", "type", "mode", "status", "actors", "recipients",
               "score", "goldstein", "cameo_root", "asserted_by", "evidence", "source")


def _csv(events: Iterator[StoredEvent]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for e in events:
        writer.writerow([e.id, e.article_id, e.article_date, e.date, e.type, e.mode, e.status, " ".join(e.actors),
                         " ".join(e.recipients), e.score, e.goldstein, e.cameo_root, e.asserted_by,
                         e.evidence[0].text if e.evidence else "", e.source])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def docs_page(request: Request) -> HTMLResponse:
    """The API documentation page (Swagger UI from ``web/static``, started by a static script)."""
    return TEMPLATES.TemplateResponse(request, "docs.html", {})
