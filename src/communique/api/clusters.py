"""Cluster routes: ``/api/clusters``, ``/api/clusters/{id}`` (JSON) and the ``/clusters`` pages (HTML).

``add_cluster_routes(app, need_read)`` registers all four on the app of
``create_app``; ``app.state.store`` is the store they read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from pydantic import BaseModel

from communique.api.params import EventType, IsoDate, checked_range, known_actor
from communique.store.api import Store
from communique.store.clustering import ClusterRecord, count_clusters, get_cluster, list_clusters

MAX_LIMIT = 1000
DEFAULT_LIMIT = 50
PAGE = 50

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1..{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Code = Annotated[str | None, Query(min_length=1, max_length=200, description="A participant: code, id or name.")]
Contested = Annotated[bool | None, Query(description="Only contested (true) or uncontested (false) clusters.")]
Reports = Annotated[bool, Query(description="Include every member report (article, URL, outlet, evidence).")]
Sort = Annotated[Literal["reports", "date"], Query(description="reports: most-reported first (then by day); date: by day.")]


class ClusterPage(BaseModel):
    """One page of clusters: ``next_offset`` is null on the last page; ``total`` counts every match."""

    items: list[ClusterRecord]
    limit: int
    offset: int
    next_offset: int | None = None
    total: int | None = None


def page_of(store: Store, *, limit: int, offset: int, reports: bool,
            **filters: Any) -> tuple[list[ClusterRecord], bool]:
    """One page of the clusters matching ``filters`` (checked), and whether more follow (shared with ``web``)."""
    checked_range(filters.get("since"), filters.get("until"))
    filters["actor"] = known_actor(store, filters.get("actor"), "actor")
    items = list_clusters(store.engine, limit=limit + 1, offset=offset, reports=reports, **filters)
    return items[:limit], len(items) > limit


def add_cluster_routes(app: FastAPI, need_read: Callable[..., None]) -> None:
    """Register ``/api/clusters`` and ``/api/clusters/{id}`` on ``app``."""
    read = [Depends(need_read)]

    def engine() -> Any:
        return app.state.store.engine

    @app.get("/api/clusters", response_model=ClusterPage, dependencies=read, tags=["analysis"])
    def api_clusters(type: EventType = None, actor: Code = None, since: IsoDate = None, until: IsoDate = None,
                     contested: Contested = None, reports: Reports = False, sort: Sort = "reports",
                     limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
        """Clusters (one happening, every report of it) matching every filter given, most-reported first."""
        filters = {"type": type, "actor": actor, "since": since, "until": until, "contested": contested}
        items, more = page_of(app.state.store, limit=limit, offset=offset, reports=reports, sort=sort, **filters)
        return {"items": items, "limit": limit, "offset": offset, "next_offset": offset + limit if more else None,
                "total": count_clusters(engine(), **filters)}

    @app.get("/api/clusters/{cluster_id}", response_model=ClusterRecord, dependencies=read, tags=["analysis"])
    def api_cluster(cluster_id: str) -> ClusterRecord:
        """One cluster with every member report: article, URL, outlet, date, status and evidence."""
        found = get_cluster(engine(), cluster_id)
        if found is None:
            raise HTTPException(404, f"no cluster {cluster_id!r}")
        return found
