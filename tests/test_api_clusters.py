"""``/api/clusters`` and the ``/clusters`` pages over a store with hand-made multi-outlet reports."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import communique.store as store_mod
from communique.server import create_app
from communique.api.clusters import add_cluster_routes
from communique.store.clustering import update_clusters
from test_store_clustering import ARTICLES, make


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = store_mod.open(f"sqlite:///{tmp_path_factory.mktemp('api') / 'clusters.db'}")
    w = store.writer()
    for i, (outlet, date, events) in enumerate(ARTICLES):
        art, result = make(outlet, date, events, n=i)
        w.write(art, result)
        update_clusters(store.engine, [art.id])
    app = create_app(store=store)
    if not any(getattr(r, "path", "") == "/api/clusters" for r in app.routes):  # until create_app registers them
        add_cluster_routes(app, lambda: None)
    with TestClient(app) as test_client:
        yield test_client
    store.close()


def test_list_filters_and_pages(client):
    page = client.get("/api/clusters", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next_offset"] == 2
    assert set(page["items"][0]) >= {"id", "type", "mode", "participants", "date", "status", "contested", "events",
                                     "articles", "sources", "counts", "first_reported", "last_reported"}
    rest = client.get("/api/clusters", params={"limit": 2, "offset": 4}).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    contested = client.get("/api/clusters", params={"contested": "true", "reports": "true"}).json()["items"]
    assert [c["type"] for c in contested] == ["ASSAULT"] and len(contested[0]["reports"]) == 2
    assert all(c["type"] == "SANCTION" for c in client.get("/api/clusters", params={"type": "SANCTION"}).json()["items"])
    assert client.get("/api/clusters", params={"since": "May"}).status_code == 422


def test_one_cluster_and_its_page(client):
    (strike,) = client.get("/api/clusters", params={"actor": "TUR"}).json()["items"]
    detail = client.get(f"/api/clusters/{strike['id']}").json()
    assert [r["status"] for r in detail["reports"] if r["disagrees"]] == ["denied"]
    html = client.get(f"/clusters/{strike['id']}").text
    assert "Turkey denied that its jets bombed villages in Iraq" in html and "contested" in html
    assert "gazette.example" in html and "island.example" in html
    assert "Why these reports are one happening" in html  # issue 22: each link and its reason
    assert "same type ASSAULT; actor {TUR} to {IRQ}; date 2024-06-03" in html
    assert detail["links"][0]["reason"].startswith("same type ASSAULT")
    assert client.get("/api/clusters/cl_nope").status_code == 404
    assert client.get("/clusters/cl_nope").status_code == 404
    listing = client.get("/clusters", params={"contested": "on"}).text
    assert f"/clusters/{strike['id']}" in listing and "SANCTION</a>" not in listing
    assert "gazette.example, island.example" in listing and "1 link</summary>" in listing
    assert "/api/clusters" in client.get("/openapi.json").json()["paths"]


def test_most_reported_clusters_come_first(client):
    """Issue 22: the clusters page (and API, by default) leads with the happenings several outlets reported."""
    items = client.get("/api/clusters").json()["items"]
    counts = [c["counts"]["articles"] for c in items]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    by_day = client.get("/api/clusters", params={"sort": "date"}).json()["items"]
    assert [c["date"] for c in by_day] == sorted(c["date"] for c in by_day)
    assert client.get("/api/clusters", params={"sort": "size"}).status_code == 422
    page = client.get("/clusters").text
    assert "3 reported by several articles (listed first)" in page
    assert page.index("harbour-post.example, meridian.example") < page.index("ledger.example</td>")
