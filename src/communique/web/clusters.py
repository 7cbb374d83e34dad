"""The clusters pages: ``/clusters`` (most-reported first) and ``/clusters/{id}`` (every report of one happening)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from communique.api.clusters import PAGE, Code, Offset, Sort, page_of
from communique.api.params import EventType, IsoDate
from communique.store.clustering import count_clusters, get_cluster
from communique.web.render import TEMPLATES


def add_cluster_pages(app: FastAPI, need_read: Callable[..., None]) -> None:
    """Register ``/clusters`` and ``/clusters/{id}`` on ``app``."""
    read = [Depends(need_read)]

    @app.get("/clusters", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def clusters_page(request: Request, type: EventType = None, actor: Code = None, since: IsoDate = None,
                      until: IsoDate = None, contested: Annotated[str | None, Query(pattern=r"^(|on|true|1)$")] = None,
                      sort: Sort = "reports", offset: Offset = 0) -> HTMLResponse:
        filters = {"type": type, "actor": actor, "since": since, "until": until,
                   "contested": True if contested else None}
        items, more = page_of(app.state.store, limit=PAGE, offset=offset, reports=False, sort=sort, **filters)
        shown = {k: ("on" if k == "contested" and v else v) for k, v in filters.items()}
        shown["sort"] = sort
        return TEMPLATES.TemplateResponse(request, "clusters.html", {
            "items": items, "filters": shown, "offset": offset, "more": more, "page_size": PAGE,
            "total": count_clusters(app.state.store.engine, **filters), "multi": count_clusters(app.state.store.engine, multi=True, **filters)})

    @app.get("/clusters/{cluster_id}", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def cluster_page(request: Request, cluster_id: str) -> HTMLResponse:
        found = get_cluster(app.state.store.engine, cluster_id)
        if found is None:
            raise HTTPException(404, f"no cluster {cluster_id!r}")
        return TEMPLATES.TemplateResponse(request, "cluster.html", {"c": found})
