"""The app ``communique serve`` runs: the JSON API (``api/``) and the pages (``web/``) over one store.

The one place both layers meet: ``api/`` answers JSON only, ``web/`` renders HTML with the same
services (``api.actors``, ``api.analysis``, ``api.clusters``, ``api.graph``); the guard
(``api.security``) stands in front of both.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials

from communique.api import DEFAULT_MAX_BODY, DEFAULT_QUEUE, DEFAULT_WORKERS
from communique.api.analysis import add_analysis_routes
from communique.api.app import BEARER, add_api_routes
from communique.api.clusters import add_cluster_routes
from communique.api.ingest_queue import IngestQueue
from communique.api.security import Guard, GuardSettings, document_security, token_matches
from communique.errors import CommuniqueError, ReadOnlyStoreError
from communique.store.api import Store
from communique.version import __version__
from communique.web.analysis import add_analysis_pages
from communique.web.clusters import add_cluster_pages
from communique.web.views import add_web_routes, docs_page

__all__ = ["create_app"]


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

    app = FastAPI(title="Communiqué", version=__version__, description="Event data from news articles, with evidence.",
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
        return docs_page(request)

    add_api_routes(app, need_read, need_write)
    add_analysis_routes(app, need_read)
    add_cluster_routes(app, need_read)
    add_web_routes(app, need_read)
    add_analysis_pages(app, need_read)
    add_cluster_pages(app, need_read)

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


