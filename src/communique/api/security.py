"""The server's front door: a pure ASGI middleware that runs before any route reads the request.

``Guard`` answers, in this order and before a single byte of the body is read:

- **400** when the ``Host:`` header names another site (on a loopback bind, against DNS
  rebinding: only ``localhost``, ``127.0.0.1``, ``[::1]`` and the bound name, with the bound
  port if a port is given);
- **401** when the request needs the bearer token and lacks it: every write (any method but
  GET, HEAD and OPTIONS) and, with ``require_token_for_reads`` (a public bind), every read,
  ``/openapi.json``, ``/docs`` and ``/static/*`` included. Tokens are compared as UTF-8 bytes
  in constant time;
- **413** when ``Content-Length`` is over ``max_body``, or when the body streamed so far is
  (chunked uploads are counted as they arrive and cut off there).

It also makes NUL characters in the path or query string harmless (each becomes U+FFFD, which
no stored value holds: the request then finds nothing instead of failing in the database), and
adds ``Content-Security-Policy``, ``X-Frame-Options: DENY`` and ``X-Content-Type-Options:
nosniff`` to every response.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from communique.api import DEFAULT_MAX_BODY

#: Methods that only read; every other method is a write and always needs the token.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Query parameters naming an actor: an actor the store does not know is 404 (``api.params.known_actor``).
ACTOR_PARAMETERS = frozenset({"actor", "recipient", "a", "b", "speaker"})
#: Names a loopback server answers to, besides the name it was bound to.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
#: Scripts, styles, images and connections from the server itself only; no framing; no plugins.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
                           "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
)


@dataclass(frozen=True)
class GuardSettings:
    """What the guard enforces.

    Attributes:
        token: the bearer token (None: every write is refused).
        require_token_for_reads: reads need the token too (a non-loopback bind).
        max_body: largest request body in bytes.
        allowed_hosts: host names the ``Host:`` header may give (lower case, IPv6 in brackets);
            None: not checked (a public bind, or an app not started by ``serve``).
        port: the bound port; a ``Host:`` header with another port is refused.
    """

    token: str | None = None
    require_token_for_reads: bool = False
    max_body: int = DEFAULT_MAX_BODY
    allowed_hosts: frozenset[str] | None = None
    port: int | None = None


def loopback_hosts(bound: str) -> frozenset[str]:
    """Return the ``Host:`` names a server bound to ``bound`` (a loopback name or address) answers to."""
    name = bound.strip().lower()
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"
    return LOOPBACK_NAMES | {name}


def token_matches(given: bytes, token: str | None) -> bool:
    """Compare a presented token (raw header bytes) with the configured one, as UTF-8 bytes, in constant time."""
    if not token:
        return False
    return hmac.compare_digest(given, token.encode("utf-8"))


def bearer(headers: Iterable[tuple[bytes, bytes]]) -> bytes | None:
    """Return the token of an ``Authorization: Bearer ...`` header (raw bytes), if there is one."""
    for name, value in headers:
        if name.lower() == b"authorization":
            scheme, _, credentials = value.strip().partition(b" ")
            if scheme.lower() == b"bearer" and credentials.strip():
                return credentials.strip()
            return None
    return None


class BodyTooLargeError(HTTPException):
    """The request body went over the limit while it was being read (an HTTP 413, so routes pass it on)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class Guard:
    """Pure ASGI middleware: Host check, bearer token, body limit, NUL defusing, security headers."""

    def __init__(self, app: ASGIApp, settings: GuardSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        refusal = self._refusal(scope)
        if refusal is not None:
            await _answer(send, *refusal)
            return
        scope = _defused(scope)
        state = {"read": 0, "started": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                if state["read"] > self.settings.max_body:
                    raise BodyTooLargeError(self.settings.max_body)
            return message

        async def watched_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLargeError:
            if state["started"]:
                raise
            await _answer(send, 413, self._too_large())

    def _refusal(self, scope: Scope) -> tuple[int, str, tuple[tuple[bytes, bytes], ...]] | None:
        """Return (status, message, extra headers) when the request is refused before it is read."""
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        settings = self.settings
        if settings.allowed_hosts is not None and not _host_allowed(headers, settings.allowed_hosts, settings.port):
            return 400, "this server does not answer to that Host header", ()
        if scope["method"] not in READ_METHODS or settings.require_token_for_reads:
            given = bearer(headers)
            if given is None or not token_matches(given, settings.token):
                return 401, "a valid bearer token is required", ((b"www-authenticate", b"Bearer"),)
        length = _content_length(headers)
        if length is not None and length > settings.max_body:
            return 413, self._too_large(), ()
        return None

    def _too_large(self) -> str:
        return f"the request body is larger than {self.settings.max_body} bytes"


def _host_allowed(headers: list[tuple[bytes, bytes]], allowed: frozenset[str], port: int | None) -> bool:
    values = [value for name, value in headers if name.lower() == b"host"]
    if len(values) != 1:
        return False
    host = values[0].decode("latin-1").strip().lower()
    name, port_text = host, ""
    if host.startswith("["):
        end = host.find("]")
        name, port_text = host[: end + 1], host[end + 1:].removeprefix(":")
    elif ":" in host:
        name, _, port_text = host.rpartition(":")
    if port_text and (port is None or port_text != str(port)):
        return False
    return name in allowed


def _content_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    for name, value in headers:
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _defused(scope: Scope) -> Scope:
    """Return ``scope`` with NUL characters of the path and query string replaced by U+FFFD."""
    query: bytes = scope.get("query_string", b"")
    path: str = scope["path"]
    if "\x00" not in path and b"%00" not in query and b"\x00" not in query:
        return scope
    scope = dict(scope)
    scope["path"] = path.replace("\x00", "\ufffd")
    if "raw_path" in scope and scope["raw_path"] is not None:
        scope["raw_path"] = scope["raw_path"].replace(b"%00", b"%EF%BF%BD").replace(b"\x00", b"%EF%BF%BD")
    scope["query_string"] = query.replace(b"%00", b"%EF%BF%BD").replace(b"\x00", b"%EF%BF%BD")
    return scope


def _with_security_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return sending


async def _answer(send: Send, status: int, detail: str,
                  headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *headers]})
    await send({"type": "http.response.body", "body": body})


def document_security(schema: dict[str, Any], *, require_token_for_reads: bool, checks_host: bool) -> dict[str, Any]:
    """Make the OpenAPI schema say what the guard and the routes answer: who needs the token, 400, 401, 404, 413, 503."""
    error = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
        "title": "Error", "type": "object", "required": ["detail"], "properties": {"detail": {"title": "Detail"}}}
    schema["components"].setdefault("securitySchemes", {})["HTTPBearer"] = {"type": "http", "scheme": "bearer"}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            write = method.upper() not in READ_METHODS
            if write or require_token_for_reads:
                operation["security"] = [{"HTTPBearer": []}]
                responses.setdefault("401", {**error, "description": "Missing or wrong bearer token"})
            else:
                operation.pop("security", None)
            if checks_host:
                responses.setdefault("400", {**error, "description": "Host header not this server's"})
            names = {p.get("name") for p in operation.get("parameters", [])}
            if "{" in path or names & ACTOR_PARAMETERS:
                responses.setdefault("404", {**error, "description": "Not found (an id, or an actor the store does not know)"})
            _either_422(responses, error)
            if "requestBody" in operation:
                responses.setdefault("400", {**error, "description": "Body is not UTF-8 JSON"})
            if write:
                responses.setdefault("413", {**error, "description": "Request body too large"})
                responses.setdefault("503", {**error, "description": "Coding queue full; retry after Retry-After seconds"})
    return schema


def _either_422(responses: dict[str, Any], error: dict[str, Any]) -> None:
    """A 422 is a validation error list, or one message (an input the pipeline refused): document both."""
    if "422" not in responses:
        responses["422"] = {**error, "description": "Invalid request"}
        return
    content = responses["422"].setdefault("content", {}).setdefault("application/json", {})
    given = content.get("schema")
    if given is not None and given != error["content"]["application/json"]["schema"]:
        content["schema"] = {"anyOf": [given, error["content"]["application/json"]["schema"]]}
