"""The server's guard (issue 21): token before body, bytes comparison, body limit, Host check, headers, schema."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Any

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from communique.server import create_app
from communique.api.security import CONTENT_SECURITY_POLICY, loopback_hosts
from communique.store.api import Store
from test_store_support import drop_created_databases, pg_url_or_skip
from web_fixtures import filled_store

TOKEN = "s3cret-token"
UNICODE_TOKEN = "clé-секрет-鍵"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    st = filled_store(f"sqlite:///{tmp_path_factory.mktemp('guard') / 's.db'}")
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Any:
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        yield c


def _call(app: Any, method: str, path: str, headers: list[tuple[bytes, bytes]], chunks: int,
          chunk: bytes) -> tuple[int, int, dict[bytes, bytes]]:
    """Drive ``app`` as an ASGI server would, with a body of ``chunks`` pieces; return (status, bytes read, headers)."""
    read = {"bytes": 0, "calls": 0}
    answer: dict[str, Any] = {}

    async def receive() -> dict[str, Any]:
        if read["calls"] >= chunks:
            return {"type": "http.disconnect"}
        read["calls"] += 1
        read["bytes"] += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": read["calls"] < chunks}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = dict(message["headers"])

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1:8000"), *headers], "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8000), "state": {}}
    asyncio.run(app(scope, receive, send))
    return answer["status"], read["bytes"], answer["headers"]


def test_a_large_post_without_token_is_refused_before_its_body_is_read(store: Store) -> None:
    app = create_app(store=store, token=TOKEN)
    chunk = b"x" * 65536
    status, read, headers = _call(app, "POST", "/api/articles", [(b"content-type", b"application/json")], 200, chunk)
    assert status == 401 and read == 0  # 13 MB offered, nothing read
    assert headers[b"www-authenticate"] == b"Bearer"
    status, read, _ = _call(app, "POST", "/api/articles", [(b"authorization", b"Bearer wrong")], 200, chunk)
    assert status == 401 and read == 0


def test_a_post_without_token_is_401_whatever_its_body(client: TestClient) -> None:
    assert client.post("/api/articles", content=b"not json at all").status_code == 401
    assert client.post("/api/articles", json={}).status_code == 401
    assert client.post("/api/no-such-route", json={}).status_code == 401


def test_body_limit_before_parsing(store: Store) -> None:
    app = create_app(store=store, token=TOKEN, max_body=100_000)
    auth = (b"authorization", f"Bearer {TOKEN}".encode())
    declared = [auth, (b"content-type", b"application/json"), (b"content-length", b"50000000")]
    status, read, _ = _call(app, "POST", "/api/articles", declared, 800, b"x" * 65536)
    assert status == 413 and read == 0
    streamed = [auth, (b"content-type", b"application/json")]  # no Content-Length: counted while it streams
    status, read, _ = _call(app, "POST", "/api/articles", streamed, 800, b"x" * 65536)
    assert status == 413 and read <= 100_000 + 65536
    with TestClient(app) as c:
        small = c.post("/api/articles", json={"text": "x" * 200_000}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert small.status_code == 413 and "100000 bytes" in small.json()["detail"]


def test_tokens_are_compared_as_utf8_bytes(store: Store) -> None:
    app = create_app(store=store, token=UNICODE_TOKEN, require_token_for_reads=True)
    right = {"Authorization": b"Bearer " + UNICODE_TOKEN.encode("utf-8")}
    with TestClient(app) as c:
        assert c.get("/api/events", headers=right).status_code == 200
        assert c.post("/api/articles", json={}, headers=right).status_code == 422  # past the token check
        assert c.get("/api/events", headers={"Authorization": b"Bearer cl\xc3\xa9"}).status_code == 401
        assert c.get("/api/events", headers={"Authorization": b"Bearer \xff\xfe"}).status_code == 401
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        other = {"Authorization": b"Bearer " + UNICODE_TOKEN.encode("utf-8")}
        assert c.post("/api/articles", json={"text": "x"}, headers=other).status_code == 401


def test_a_public_bind_guards_schema_docs_and_static_files(store: Store) -> None:
    with TestClient(create_app(store=store, token=TOKEN, require_token_for_reads=True)) as c:
        for path in ["/openapi.json", "/docs", "/static/app.css", "/static/vendor/d3-7.9.0.min.js", "/"]:
            assert c.get(path).status_code == 401, path
            assert c.get(path, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200, path


def test_loopback_binds_answer_only_their_own_host_names(store: Store) -> None:
    app = create_app(store=store, token=TOKEN, allowed_hosts=loopback_hosts("127.0.0.1"), port=8000)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        for host in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1"]:
            assert c.get("/api/events", headers={"Host": host}).status_code == 200, host
        for host in ["evil.example", "evil.example:8000", "127.0.0.1:9999", "localhost.evil.example:8000", ""]:
            assert c.get("/api/events", headers={"Host": host}).status_code == 400, host
    assert "myhost" in loopback_hosts("MyHost") and "[::1]" in loopback_hosts("::1")


def test_serve_wires_host_check_body_limit_and_workers(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from communique.cli import app as cli

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--port", "8123", "--max-body", "1000", "--token", "t",
                                      "--workers", "2", "--queue", "3"])
    assert result.exit_code == 0, result.output
    with TestClient(seen["app"], base_url="http://localhost:8123") as c:
        assert c.get("/api/events").status_code == 200
        assert c.get("/api/events", headers={"Host": "attacker.example:8123"}).status_code == 400
        assert c.post("/api/articles", content=b"x" * 2000, headers={"Authorization": "Bearer t"}).status_code == 413
    assert seen["app"].state.ingest.capacity == 5
    seen["app"].state.store.close()


def test_every_answer_carries_the_security_headers_and_pages_have_no_inline_script(client: TestClient) -> None:
    article = client.get("/api/articles").json()["items"][0]["id"]
    for path in ["/", "/articles", f"/articles/{article}", "/actors", "/events", "/network", "/map", "/search?q=a",
                 "/docs", "/clusters", "/align", "/blocs", "/api/events", "/static/app.js"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff", path
        if r.headers["content-type"].startswith("text/html"):
            for tag in re.findall(r"<script\b[^>]*>", r.text):
                assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY and "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert client.get("/api/nowhere").headers["x-frame-options"] == "DENY"


def test_openapi_documents_what_the_server_answers(store: Store) -> None:
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        schema = c.get("/openapi.json").json()
    post = schema["paths"]["/api/articles"]["post"]
    assert {"201", "401", "413", "422", "503"} <= set(post["responses"]) and post["security"] == [{"HTTPBearer": []}]
    assert "404" in schema["paths"]["/api/articles/{article_id}"]["get"]["responses"]
    assert "security" not in schema["paths"]["/api/events"]["get"]  # reads are open on loopback
    with TestClient(create_app(store=store, token=TOKEN, require_token_for_reads=True)) as c:
        public = c.get("/openapi.json", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert "401" in public["paths"]["/api/events"]["get"]["responses"]
    assert public["paths"]["/api/events"]["get"]["security"] == [{"HTTPBearer": []}]
    body_schema = {**schema["components"]["schemas"]["ArticleIn"], "components": schema["components"]}
    validator = jsonschema_rs.Draft202012Validator(body_schema)
    for refused in [{}, {"title": "t"}, {"text": "a", "html": "<p>a</p>"}, {"text": "  "}, {"text": None, "html": None},
                    {"title": {"a": 1}, "text": "a"}, {"title": ["a"], "text": "a"}, {"title": "a\x00b", "text": "a"}]:
        assert not validator.is_valid(refused), refused
    for accepted in [{"text": "a"}, {"html": "<p>a</p>", "text": None}, {"title": "t", "date": "2025-01-02", "text": "a"}]:
        assert validator.is_valid(accepted), accepted


def test_post_refuses_what_the_schema_refuses(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body in [{}, {"title": {"a": 1}, "text": "Talks."}, {"title": ["a"], "text": "Talks."},
                 {"title": "a\x00b", "text": "Talks."}, {"text": " \n "}]:
        assert client.post("/api/articles", json=body, headers=auth).status_code == 422, body


def test_ingested_at_carries_its_timezone(client: TestClient) -> None:
    article = client.get("/api/articles").json()["items"][0]["id"]
    stamp = client.get(f"/api/articles/{article}").json()["ingested_at"]
    parsed = dt.datetime.fromisoformat(stamp)
    assert parsed.utcoffset() == dt.timedelta(0), stamp


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def any_backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = f"sqlite:///{tmp_path_factory.mktemp('nul') / 's.db'}" if request.param == "sqlite" else pg_url_or_skip()
    st = filled_store(url)
    with TestClient(create_app(store=st, token=TOKEN)) as c:
        yield c
    st.close()
    drop_created_databases()


@pytest.mark.parametrize("path", ["/api/events?actor=%00", "/api/events?recipient=a%00b", "/api/quotes?speaker=%00",
                                  "/api/actors?q=%00", "/api/articles?q=%00", "/search?q=%00", "/actors?q=x%00",
                                  "/api/dyads?a=%00&b=USA", "/articles?q=%00"])
def test_nul_in_a_query_finds_nothing_instead_of_failing(any_backend: TestClient, path: str) -> None:
    r = any_backend.get(path)
    assert r.status_code in (200, 404, 422), (path, r.status_code)  # 404: an actor the store does not know


@pytest.mark.parametrize("path", ["/api/articles/%00", "/api/actors/a%00", "/articles/%00", "/actors/%00x",
                                  "/api/clusters/%00"])
def test_nul_in_a_path_is_not_found(any_backend: TestClient, path: str) -> None:
    assert any_backend.get(path).status_code == 404, path
