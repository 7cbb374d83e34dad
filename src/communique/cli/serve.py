"""``communique serve``: the REST API and the web UI over a store."""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Annotated

import typer

from communique.api import DEFAULT_MAX_BODY, DEFAULT_QUEUE, DEFAULT_WORKERS
from communique.cli.common import app, err, fail_usage
from communique.config import db_url


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None))
        except (OSError, ValueError):
            return False


@app.command("serve")
def serve_command(
    db: Annotated[str | None, typer.Option("--db", help="Store URL (default $COMMUNIQUE_DB, else sqlite:///communique.db).")] = None,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(help="Bearer token (default $COMMUNIQUE_TOKEN).")] = None,
    max_body: Annotated[int, typer.Option("--max-body", min=1, help="Largest request body in bytes (413 above).")]
    = DEFAULT_MAX_BODY,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Processes coding posted articles.")]
    = DEFAULT_WORKERS,
    queue: Annotated[int, typer.Option("--queue", min=0, max=10_000,
                                       help="Posted articles that may wait for a worker (503 beyond).")] = DEFAULT_QUEUE,
) -> None:
    """Serve the web UI and the REST API (/api, /docs). Writes need the bearer token.

    On a loopback address only requests naming this server in their Host header are answered
    (against DNS rebinding); elsewhere every request needs the token.
    """
    import uvicorn

    from communique.api.security import loopback_hosts
    from communique.server import create_app

    token = token or os.environ.get("COMMUNIQUE_TOKEN") or None
    loopback = is_loopback(host)
    if not loopback and not token:
        fail_usage(f"refusing to serve on non-loopback address {host!r} without a token: "
                   "set COMMUNIQUE_TOKEN or pass --token")
    url = db_url(db)
    application = create_app(url, token=token, require_token_for_reads=not loopback, max_body=max_body,
                             allowed_hosts=loopback_hosts(host) if loopback else None, port=port,
                             workers=workers, queue_size=queue)
    err.print(f"Communiqué on http://{host}:{port}/ (store {url}; API docs at /docs)", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
