"""The REST API over a real store (SQLite and PostgreSQL) filled from the example corpus."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from communique.cli.serve import is_loopback
from communique.server import create_app
from test_store_support import drop_created_databases, pg_url_or_skip
from web_fixtures import filled_store

TOKEN = "s3cret-token"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}"
    else:
        url = pg_url_or_skip()
    store = filled_store(url)
    with TestClient(create_app(store=store, token=TOKEN)) as test_client:
        yield test_client
    store.close()
    drop_created_databases()


@pytest.fixture(scope="module")
def some(client):
    """Ids of one article, one event and one actor in the store."""
    articles = client.get("/api/articles", params={"limit": 100}).json()["items"]
    events = client.get("/api/events", params={"limit": 1000}).json()["items"]
    actors = client.get("/api/actors", params={"limit": 1000}).json()["items"]
    return {"articles": articles, "events": events, "actors": actors}


def test_lists_are_filled_by_the_pipeline(some):
    assert len(some["articles"]) >= 12
    assert len(some["events"]) > 10
    assert any(a["kind"] == "person" for a in some["actors"])


def test_pagination(client, some):
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert first["limit"] == 5 and first["next_offset"] == 5
    assert [e["id"] for e in first["items"]] == [e["id"] for e in some["events"][:5]]
    assert [e["id"] for e in second["items"]] == [e["id"] for e in some["events"][5:10]]
    last = client.get("/api/events", params={"limit": 1000}).json()
    assert last["next_offset"] is None


def test_validation_errors_name_the_field(client):
    r = client.get("/api/events", params={"limit": 0})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "limit"]
    r = client.get("/api/events", params={"since": "last week"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "since"]


def test_article_with_extractions_and_offsets(client, some):
    article_id = some["articles"][0]["id"]
    art = client.get(f"/api/articles/{article_id}").json()
    assert art["text"] and art["actors"]
    for actor in art["actors"]:
        for start, end in actor["mentions"]:
            assert 0 <= start < end <= len(art["text"])
    for quote in art["quotes"]:
        assert quote["text"].strip() in art["text"] or art["text"][quote["start"]:quote["end"]]
    assert client.get("/api/articles/nope").status_code == 404


def test_every_plover_type_is_a_valid_filter(client):
    from communique.knowledge.events import plover_types

    for name in plover_types():
        assert client.get("/api/events", params={"type": name}).status_code == 200, name


def test_event_filters(client, some):
    typ = some["events"][0]["type"]
    found = client.get("/api/events", params={"type": typ, "limit": 1000}).json()["items"]
    assert found and all(e["type"] == typ for e in found)
    code = some["events"][0]["actors"][0]
    as_actor = client.get("/api/events", params={"actor": code, "limit": 1000}).json()["items"]
    assert as_actor and all(code in e["actors"] for e in as_actor)


def test_full_text_search(client, some):
    word = some["articles"][0]["title"].split()[0]
    hits = client.get("/api/articles", params={"q": word}).json()["items"]
    assert any(h["id"] == some["articles"][0]["id"] for h in hits)


def test_actor_detail(client, some):
    code = next(e["actors"][0] for e in some["events"] if e["actors"] and e["recipients"])
    state = next(a for a in some["actors"] if a["code"] == code)
    detail = client.get(f"/api/actors/{state['id']}").json()
    assert detail["actor"]["id"] == state["id"]
    assert detail["as_actor"] or detail["as_recipient"]
    assert detail["counterparts"]
    by_code = client.get(f"/api/actors/{code}").json()  # pages link event codes straight to actors
    assert by_code["actor"]["id"] == state["id"]


def test_quotes_dyads_network_geojson(client, some):
    assert client.get("/api/quotes").json()["items"]
    event = next(e for e in some["events"] if e["actors"] and e["recipients"])
    a, b = event["actors"][0], event["recipients"][0]
    dyad = client.get("/api/dyads", params={"a": a, "b": b, "by": "month"}).json()
    assert dyad["periods"] and dyad["events"]
    net = client.get("/api/network").json()
    assert net["nodes"] and net["edges"]
    assert {e["source"] for e in net["edges"]} <= {n["id"] for n in net["nodes"]}
    geo = client.get("/api/events.geojson").json()
    assert geo["type"] == "FeatureCollection"
    for feature in geo["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_post_article_needs_the_token(client):
    body = {"title": "Talks in Lima", "date": "2025-03-04",
            "text": "Peru and Chile held talks in Lima on Monday on border trade, officials said."}
    assert client.post("/api/articles", json=body).status_code == 401
    bad = client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401
    ok = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201
    stored = ok.json()
    assert stored["title"] == "Talks in Lima" and stored["date"] == "2025-03-04"
    assert client.get(f"/api/articles/{stored['id']}").status_code == 200
    both = client.post("/api/articles", json={**body, "html": "<p>x</p>"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert both.status_code == 422


def test_reads_need_the_token_off_loopback(tmp_path):
    store = filled_store(f"sqlite:///{tmp_path / 's.db'}")
    with TestClient(create_app(store=store, token=TOKEN, require_token_for_reads=True)) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/").status_code == 401
        assert c.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_openapi_and_docs_work_offline(client):
    schema = client.get("/openapi.json").json()
    assert "/api/events" in schema["paths"] and "/api/articles/{article_id}" in schema["paths"]
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui-bundle-5.35.0.js").status_code == 200


def test_dashboard_lists_the_newest_events(client, some):
    store = client.app.state.store
    newest = store.latest_events(limit=5)
    by_day = store.events()  # oldest first
    assert [e.id for e in newest] == [e.id for e in reversed(by_day[-len(newest):])]


def test_pages_render(client, some):
    art = some["articles"][0]["id"]
    event = next(e for e in some["events"] if e["actors"] and e["recipients"])
    for path in ["/", "/articles", f"/articles/{art}", "/actors", f"/actors/{some['actors'][0]['id']}", "/events",
                 f"/dyads/{event['actors'][0]}/{event['recipients'][0]}", "/network", "/map", "/search?q=minister"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "<html" in r.text and "https://cdn" not in r.text
    csv_text = client.get("/events.csv", params={"type": event["type"]}).text
    assert csv_text.splitlines()[0].startswith("id,article_id") and len(csv_text.splitlines()) > 1


def test_serve_refuses_non_loopback_without_token(monkeypatch):
    from typer.testing import CliRunner

    from communique.cli import app

    monkeypatch.delenv("COMMUNIQUE_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", "sqlite:///:memory:"])
    assert result.exit_code == 2
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3")


def test_post_article_records_what_reading_repaired(client):
    """Issue 20: a posted text is repaired like any other input, and says so."""
    body = {"text": "march 4, 2025\n\nperu and bolivia held talks in la paz on tuesday on water rights, officials said."}
    ok = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201
    stored = ok.json()
    assert stored["date"] == "2025-03-04"
    assert "boilerplate: dropped line 1 (date line)" in stored["repairs"]
