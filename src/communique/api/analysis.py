"""Alignment analytics over HTTP: JSON endpoints and the two pages that draw them.

``add_analysis_routes(app, need_read)`` registers

- ``GET /api/align?a=&b=&by=``: S-score per period, the dyad, what changed;
- ``GET /api/blocs?period=&by=``: blocs of a period, stable ids, every move;
- ``GET /api/dyad-series?a=&b=&by=``: the dyad series with its largest moves;
- ``GET /align?a=&b=&by=`` and ``GET /blocs?by=&period=``: the pages.

Facts are read once per store content (the number and the last id of the
stored events key a small cache, kept at most a minute, since clusters may be
rebuilt without new events), so paging through periods does not reread the
store.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select

from communique.analysis.alignment import Fact
from communique.analysis.reports import (
    AlignReport,
    BlocsReport,
    DyadReport,
    align_report,
    blocs_report,
    check_period,
    dyad_report,
)
from communique.api.params import IsoDate as DayQuery
from communique.api.params import Period as ByQuery
from communique.api.params import checked_range, known_actor

ActorQuery = Annotated[str, Query(min_length=1, max_length=200, description="Code, actor id or name.")]
PeriodQuery = Annotated[str | None, Query(pattern=r"^\d{4}(Q[1-4]|-W\d{2}|-\d{2}(-\d{2})?)?$",
                                          description="A period label of `by`: 2024Q3, 2024-07, 2024-W28, 2024-07-11 "
                                                      "or 2024.")]
_CACHE_SIZE = 4
#: Cached facts are reread after this long even if the events look unchanged (clusters may be rebuilt).
_CACHE_SECONDS = 60.0


class FactCache:
    """The facts of a store, reloaded only when its events change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[Any, ...], tuple[float, list[Fact]]] = {}

    def get(self, store: Any, since: str | None, until: str | None, reports: bool) -> list[Fact]:
        """Return the facts of ``store`` in the range, from the cache when the events are unchanged."""
        from communique.analysis.facts import load_facts
        from communique.store.models import EventRow, table_of

        events = table_of(EventRow)
        with store.engine.connect() as conn:
            stamp = tuple(conn.execute(select(func.count(), func.max(events.c.id),
                                              func.count(events.c.cluster_id))).one())
        key = (stamp, since, until, reports)
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and now - hit[0] < _CACHE_SECONDS:
                return hit[1]
        facts = load_facts(store, since=since, until=until, use_clusters=not reports)
        with self._lock:
            self._entries.pop(key, None)
            if len(self._entries) >= _CACHE_SIZE:
                self._entries.pop(next(iter(self._entries)))
            self._entries[key] = (now, facts)
        return facts


def add_analysis_routes(app: FastAPI, need_read: Callable[..., None]) -> None:
    """Register the alignment endpoints and pages on ``app`` (after ``add_web_routes``)."""
    read = [Depends(need_read)]
    cache = FactCache()

    def facts(since: str | None = None, until: str | None = None, reports: bool = False) -> list[Fact]:
        checked_range(since, until)
        return cache.get(app.state.store, since, until, reports)

    def code(term: str, field: str) -> str:
        """The code of an actor the store knows (404 for one it does not; 422 for one without a state)."""
        from communique.analysis.facts import resolve_code

        term = known_actor(app.state.store, term, field) or term
        try:
            return resolve_code(app.state.store, term)
        except ValueError as exc:
            raise HTTPException(422, [{"loc": ["query", field], "msg": str(exc), "type": "value_error"}]) from exc

    def pair(a: str, b: str) -> tuple[str, str]:
        ca, cb = code(a, "a"), code(b, "b")
        if ca == cb:
            raise HTTPException(422, [{"loc": ["query", "b"], "msg": f"{a} and {b} are both {ca}",
                                       "type": "value_error"}])
        return ca, cb

    def blocs_of(by: str, period: str | None, since: str | None, until: str | None, graphs: bool) -> BlocsReport:
        if period is not None:
            try:
                check_period(period, by)
            except ValueError as exc:
                raise HTTPException(422, [{"loc": ["query", "period"], "msg": str(exc), "type": "value_error"}]) from exc
        return blocs_report(facts(since, until), by=by, period=period, graphs=graphs)

    @app.get("/api/align", response_model=AlignReport, response_model_by_alias=True, dependencies=read,
             tags=["analysis"])
    def api_align(a: ActorQuery, b: ActorQuery, by: ByQuery = "quarter", since: DayQuery = None,
                  until: DayQuery = None,
                  reports: Annotated[bool, Query(description="Count reports, not clusters.")] = False) -> AlignReport:
        """How alike two states act towards everyone else (Signorino-Ritter S) per period, and what changed."""
        ca, cb = pair(a, b)
        return align_report(facts(since, until, reports), ca, cb, by=by)

    @app.get("/api/dyad-series", response_model=DyadReport, dependencies=read, tags=["analysis"])
    def api_dyad_series(a: ActorQuery, b: ActorQuery, by: ByQuery = "month", since: DayQuery = None,
                        until: DayQuery = None,
                        reports: Annotated[bool, Query(description="Count reports, not clusters.")] = False) -> DyadReport:
        """A dyad per period: counts by quad class and type, summed and mean score, confidence; largest moves."""
        ca, cb = pair(a, b)
        return dyad_report(facts(since, until, reports), ca, cb, by=by)

    @app.get("/api/blocs", response_model=BlocsReport, response_model_by_alias=True,
             response_model_exclude={"history"}, dependencies=read, tags=["analysis"])
    def api_blocs(period: PeriodQuery = None, by: ByQuery = "quarter", since: DayQuery = None,
                  until: DayQuery = None) -> BlocsReport:
        """Blocs (Louvain communities of the cooperation network) of a period, tracked with stable ids."""
        return blocs_of(by, period, since, until, graphs=False)

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        from communique.web.views import TEMPLATES

        return TEMPLATES.TemplateResponse(request, name, context)

    @app.get("/align", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def align_page(request: Request, a: Annotated[str, Query(max_length=200)] = "",
                   b: Annotated[str, Query(max_length=200)] = "", by: ByQuery = "quarter") -> HTMLResponse:
        report, error, status = None, None, 200
        if a and b:
            try:
                ca, cb = pair(a, b)
            except HTTPException as exc:
                error = exc.detail[0]["msg"] if isinstance(exc.detail, list) else str(exc.detail)
                status = exc.status_code
            else:
                report = align_report(facts(), ca, cb, by=by).model_dump(by_alias=True)
        response = page(request, "align.html", a=a, b=b, by=by, report=report, error=error)
        response.status_code = status
        return response

    @app.get("/blocs", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def blocs_page(request: Request, by: ByQuery = "quarter", period: PeriodQuery = None) -> HTMLResponse:
        report = blocs_of(by, period, None, None, graphs=True).model_dump(by_alias=True)
        return page(request, "blocs.html", by=by, period=report["period"] or "", report=report)
