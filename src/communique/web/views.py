"""The analyst's web UI: server-rendered pages (Jinja2) with a little JavaScript.

Article text is untrusted: templates autoescape everything, inline data goes
through ``tojson`` inside ``<script type="application/json">`` (which escapes
``<``, ``>`` and ``&``), and only http(s) URLs become links. Every script,
style and map file is served from ``web/static`` (vendored, pinned).
"""

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from communique.api.graph import event_network
from communique.store.api import Store
from communique.store.views import StoredArticle, StoredEvent
from communique.web.highlight import segments

TEMPLATES = Jinja2Templates(directory=str(resources.files("communique.web") / "templates"))
TEMPLATES.env.globals["qs"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v not in (None, "")})
TEMPLATES.env.filters["safe_url"] = lambda url: url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None
PAGE = 50
#: The dashboard's timeline and busiest dyads are drawn from this many most recent events.
DASHBOARD_WINDOW = 20_000
FILTERS = ("actor", "recipient", "type", "status", "actor_sector", "since", "until")


def add_web_routes(app: FastAPI, need_read: Callable[..., None]) -> None:
    """Mount the static files and register every page on ``app``."""
    app.mount("/static", StaticFiles(directory=str(resources.files("communique.web") / "static")), name="static")
    read = [Depends(need_read)]

    def store() -> Store:
        return app.state.store

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def dashboard(request: Request) -> HTMLResponse:
        st = store()
        status = st.status(runs=5, errors=5)
        recent = st.latest_events(limit=DASHBOARD_WINDOW)  # bounded work per page view
        return page(request, "dashboard.html", status=status, latest=recent[:15],
                    actors=st.actors(limit=12), dyads=_top_dyads(recent), timeline=_timeline(recent))

    @app.get("/articles", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def articles(request: Request, q: Annotated[str | None, Query(max_length=500)] = None) -> HTMLResponse:
        return page(request, "articles.html", q=q or "", items=store().articles(search=q or None, limit=200))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def reader(request: Request, article_id: str) -> HTMLResponse:
        art: StoredArticle | None = store().article(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return page(request, "article.html", art=art, segs=segments(art), names={a.id: a.name for a in art.actors})

    @app.get("/actors", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def actors(request: Request, q: Annotated[str | None, Query(max_length=200)] = None,
               kind: Annotated[str | None, Query(pattern=r"^(person|state|igo|org)$")] = None) -> HTMLResponse:
        return page(request, "actors.html", q=q or "", kind=kind or "",
                    items=store().actors(search=q or None, kind=kind, limit=300))

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def actor(request: Request, actor_id: str) -> HTMLResponse:
        from communique.api.app import actor_detail

        return page(request, "actor.html", **actor_detail(store(), actor_id, limit=200))

    @app.get("/events", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def events(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        filters = _filters(request)
        items = store().events(**filters, limit=offset + PAGE + 1)
        return page(request, "events.html", filters=filters, items=items[offset: offset + PAGE],
                    offset=offset, more=len(items) > offset + PAGE, page_size=PAGE)

    @app.get("/events.csv", dependencies=read, include_in_schema=False)
    def events_csv(request: Request) -> StreamingResponse:
        rows = store().iter_events(**_filters(request))
        return StreamingResponse(_csv(rows), media_type="text/csv",
                                 headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/events.jsonl", dependencies=read, include_in_schema=False)
    def events_jsonl(request: Request) -> StreamingResponse:
        rows = store().iter_events(**_filters(request))
        lines = (json.dumps(e.model_dump(mode="json"), ensure_ascii=False) + "\n" for e in rows)
        return StreamingResponse(lines, media_type="application/x-ndjson",
                                 headers={"Content-Disposition": 'attachment; filename="events.jsonl"'})

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def dyad(request: Request, a: str, b: str,
             by: Annotated[str, Query(pattern=r"^(day|month|year)$")] = "month",
             count: Annotated[str, Query(pattern=r"^(clusters|reports)$")] = "clusters") -> HTMLResponse:
        st = store()
        periods = st.dyad_clusters(a, b, by=by, count=count)
        evs = st.dyad_events(a, b, limit=1000)
        points = [{"period": p.period, "events": p.clusters if count == "clusters" else p.reports,
                   "score": p.score} for p in periods]
        return page(request, "dyad.html", a=a, b=b, by=by, count=count, points=points, events=evs,
                    by_period=_events_by_period(evs, by))

    @app.get("/network", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def network(request: Request, type: Annotated[str | None, Query(pattern=r"^[A-Z]{3,10}$")] = None,
                status: Annotated[str | None, Query(pattern=r"^[a-z]+$")] = None,
                since: Annotated[str | None, Query(max_length=10)] = None,
                until: Annotated[str | None, Query(max_length=10)] = None) -> HTMLResponse:
        graph = event_network(store().iter_events(type=type, status=status, since=since, until=until, limit=20_000))
        return page(request, "network.html", graph=graph, type=type or "", status=status or "",
                    since=since or "", until=until or "")

    @app.get("/map", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def world_map(request: Request) -> HTMLResponse:
        return page(request, "map.html")

    @app.get("/search", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def search(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
        st = store()
        found = {"articles": st.search(q, limit=30), "actors": st.actors(search=q, limit=30),
                 "quotes": [x for x in st.quotes(limit=5000) if q.lower() in x.text.lower()][:30]} if q.strip() else {}
        return page(request, "search.html", q=q, found=found)


def _filters(request: Request) -> dict[str, str | None]:
    return {k: (request.query_params.get(k) or None) for k in FILTERS}


def _timeline(events: list[StoredEvent]) -> dict[str, Any]:
    """Events per month and type, for the dashboard's stacked chart."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        day = e.date or e.article_date
        if day:
            counts[day[:7]][e.type] += 1
    types = sorted({t for c in counts.values() for t in c})
    return {"types": types, "rows": [{"period": p, **counts[p]} for p in sorted(counts)]}


def _top_dyads(events: list[StoredEvent], n: int = 10) -> list[dict[str, Any]]:
    """The ``n`` dyads with the most events (edges of the event network), with their summed score."""
    edges = sorted(event_network(events)["edges"], key=lambda e: (-e["events"], e["source"], e["target"]))
    return [{"a": e["source"], "b": e["target"], "events": e["events"], "score": round(e["score"], 1)}
            for e in edges[:n]]


def _events_by_period(events: list[StoredEvent], by: str) -> dict[str, list[str]]:
    width = {"day": 10, "month": 7, "year": 4}[by]
    out: dict[str, list[str]] = defaultdict(list)
    for e in events:
        day = e.date or e.article_date
        if day:
            out[day[:width]].append(e.id)
    return dict(out)


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
