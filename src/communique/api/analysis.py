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

from fastapi import Depends, FastAPI, HTTPException, Query
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


class AnalysisService:
    """Facts, actor codes and blocs of the app's store, shared by the JSON endpoints and the pages."""

    def __init__(self, app: FastAPI) -> None:
        self._app = app
        self._cache = FactCache()

    def facts(self, since: str | None = None, until: str | None = None, reports: bool = False) -> list[Fact]:
        """The store's facts in the range (cached while the events are unchanged)."""
        checked_range(since, until)
        return self._cache.get(self._app.state.store, since, until, reports)

    def code(self, term: str, field: str) -> str:
        """The code of an actor the store knows (404 for one it does not; 422 for one without a state)."""
        from communique.analysis.facts import resolve_code

        store = self._app.state.store
        term = known_actor(store, term, field) or term
        try:
            return resolve_code(store, term)
        except ValueError as exc:
            raise HTTPException(422, [{"loc": ["query", field], "msg": str(exc), "type": "value_error"}]) from exc

    def pair(self, a: str, b: str) -> tuple[str, str]:
        """The codes of two different actors (422 when both are the same state)."""
        ca, cb = self.code(a, "a"), self.code(b, "b")
        if ca == cb:
            raise HTTPException(422, [{"loc": ["query", "b"], "msg": f"{a} and {b} are both {ca}",
                                       "type": "value_error"}])
        return ca, cb

    def blocs_of(self, by: str, period: str | None, since: str | None, until: str | None,
                 graphs: bool) -> BlocsReport:
        """The blocs of one period (checked against ``by``), or of the last."""
        if period is not None:
            try:
                check_period(period, by)
            except ValueError as exc:
                raise HTTPException(422, [{"loc": ["query", "period"], "msg": str(exc),
                                           "type": "value_error"}]) from exc
        return blocs_report(self.facts(since, until), by=by, period=period, graphs=graphs)


def add_analysis_routes(app: FastAPI, need_read: Callable[..., None]) -> None:
    """Register the alignment endpoints on ``app``; its ``state.analysis`` serves the pages too."""
    read = [Depends(need_read)]
    service = app.state.analysis = AnalysisService(app)
    facts, pair, blocs_of = service.facts, service.pair, service.blocs_of

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
