"""The alignment pages: ``/align`` (two states over time) and ``/blocs`` (communities of cooperation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from communique.analysis.reports import align_report
from communique.api.analysis import AnalysisService, PeriodQuery
from communique.api.params import Period as ByQuery
from communique.web.render import TEMPLATES


def add_analysis_pages(app: FastAPI, need_read: Callable[..., None]) -> None:
    """Register ``/align`` and ``/blocs`` on ``app`` (after ``add_analysis_routes``, whose service they use)."""
    read = [Depends(need_read)]
    service: AnalysisService = app.state.analysis

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(request, name, context)

    @app.get("/align", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def align_page(request: Request, a: Annotated[str, Query(max_length=200)] = "",
                   b: Annotated[str, Query(max_length=200)] = "", by: ByQuery = "quarter") -> HTMLResponse:
        report, error, status = None, None, 200
        if a and b:
            try:
                ca, cb = service.pair(a, b)
            except HTTPException as exc:
                error = exc.detail[0]["msg"] if isinstance(exc.detail, list) else str(exc.detail)
                status = exc.status_code
            else:
                report = align_report(service.facts(), ca, cb, by=by).model_dump(by_alias=True)
        response = page(request, "align.html", a=a, b=b, by=by, report=report, error=error)
        response.status_code = status
        return response

    @app.get("/blocs", response_class=HTMLResponse, dependencies=read, include_in_schema=False)
    def blocs_page(request: Request, by: ByQuery = "quarter", period: PeriodQuery = None) -> HTMLResponse:
        report = service.blocs_of(by, period, None, None, graphs=True).model_dump(by_alias=True)
        return page(request, "blocs.html", by=by, period=report["period"] or "", report=report)
