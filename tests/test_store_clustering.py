"""Clusters in the store without the trained pipeline: schema, incremental == rebuilt, queries, replacement."""

from __future__ import annotations

import random

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import communique.store as store_mod
from communique.ingest import article_from_text
from communique.records import Actor, ArticleResult, Event, Evidence
from communique.store.clustering import (
    cluster_of,
    count_clusters,
    dyad_clusters,
    get_cluster,
    list_clusters,
    metadata,
    rebuild_clusters,
    report_source,
    update_clusters,
)

# (outlet, date, [(type, actor, recipient, event date, status, evidence)])
ARTICLES = [
    ("harbour-post", "2024-05-14", [("CONSULT", "JPN", "AUS", "2024-05-14", "occurred",
                                      "Kishida met Albanese in Canberra for talks on defence")]),
    ("meridian", "2024-05-15", [("CONSULT", "AUS", "JPN", "2024-05-14", "occurred",
                                  "Albanese held talks with Kishida in Canberra")]),
    ("ledger", "2024-05-21", [("CONSULT", "AUS", "JPN", "2024-05-21", "occurred",
                                "Albanese met Kishida in Tokyo a week later"),
                               ("SANCTION", "USA", "IRN", "2024-05-21", "occurred",
                                "The United States imposed sanctions on Iran over oil")]),
    ("wire", "2024-05-21", [("SANCTION", "USA", "IRN", "2024-05-21", "occurred",
                              "Washington sanctioned Iran over oil exports"),
                             ("SANCTION", "USA", "VEN", "2024-05-21", "occurred",
                              "Washington sanctioned Venezuela over the election")]),
    ("gazette", "2024-06-04", [("ASSAULT", "TUR", "IRQ", "2024-06-03", "occurred",
                                 "Turkish jets bombed villages in northern Iraq")]),
    ("island", "2024-06-04", [("ASSAULT", "TUR", "IRQ", "2024-06-03", "denied",
                                "Turkey denied that its jets bombed villages in Iraq")]),
]


def make(outlet: str, date: str, events: list[tuple[str, ...]], *, n: int = 0, url: str | None = None,
         text: str | None = None):
    """Return (Article, ArticleResult) with one state actor per code and the given events."""
    body = text or " ".join(e[5] + "." for e in events) + f" ({outlet} {n})"
    art = article_from_text(body, date=date, title=f"{outlet} {n}", source=f"corpus/{outlet}-{n}.txt",
                            url=url or f"https://www.{outlet}.example/{date}/{n}")
    codes = sorted({c for e in events for c in e[1:3]})
    actors = [Actor(id=f"{art.id}:{c}", name=c, kind="state", code=c, mentions=[(0, 1)]) for c in codes]
    evs = [Event(id=f"ev_{art.id}_{i}", type=t, actors=[a], recipients=[r], actor_ids=[f"{art.id}:{a}"],
                 recipient_ids=[f"{art.id}:{r}"], date=d, status=s, score=1.0 if t == "CONSULT" else -5.0,
                 evidence=[Evidence(sentence=ev, start=0, end=len(ev), text=ev)], rule="test")
           for i, (t, a, r, d, s, ev) in enumerate(events)]
    result = ArticleResult(id=art.id, title=art.title, date=art.date, source=art.source, url=art.url,
                           language="en", coder_version="0.1.0", actors=actors, quotes=[], events=evs)
    return art, result


@pytest.fixture
def store(tmp_path):
    s = store_mod.open(f"sqlite:///{tmp_path / 'clusters.db'}")
    yield s
    s.close()


def snapshot(engine) -> list[tuple[str, tuple[str, ...], str, bool]]:
    return sorted((c.id, tuple(c.events), c.status, c.contested) for c in list_clusters(engine, reports=False))


def write_all(store, items, *, incremental: bool) -> list[str]:
    w = store.writer()
    ids = []
    for art, result in items:
        w.write(art, result)
        ids.append(art.id)
        if incremental:
            update_clusters(store.engine, [art.id])
    return ids


def test_migration_creates_the_tables_the_module_describes(store):
    mine = set(metadata.tables)

    def include_name(name, type_, parent_names):
        return name in mine if type_ == "table" else True

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        assert compare_metadata(context, metadata) == []
    assert mine <= set(inspect(store.engine).get_table_names())


def test_incremental_equals_rebuild_and_events_carry_their_cluster(store):
    items = [make(o, d, e, n=i) for i, (o, d, e) in enumerate(ARTICLES)]
    write_all(store, reversed(items), incremental=True)
    incremental = snapshot(store.engine)
    assert rebuild_clusters(store.engine) == len(incremental)
    assert snapshot(store.engine) == incremental
    by_type = {}
    for c in list_clusters(store.engine):
        by_type.setdefault(c.type, []).append(c)
    (canberra,) = [c for c in by_type["CONSULT"] if c.date == "2024-05-14"]
    assert canberra.counts == {"events": 2, "articles": 2, "sources": 2}
    assert canberra.sources == ["harbour-post.example", "meridian.example"]
    assert canberra.first_reported == "2024-05-14" and canberra.last_reported == "2024-05-15"
    assert len(by_type["CONSULT"]) == 2  # the meeting a week later stays apart
    assert sorted(len(c.events) for c in by_type["SANCTION"]) == [1, 2]  # Iran and Venezuela apart
    (strike,) = by_type["ASSAULT"]
    assert strike.contested and strike.status == "occurred" and len(strike.disagreements) == 1
    denied = [r for r in strike.reports if r.disagrees]
    assert [r.status for r in denied] == ["denied"] and denied[0].evidence[0].sentence.startswith("Turkey denied")
    for event in store.events():
        assert event.cluster == cluster_of(store.engine, event.id).id
    assert get_cluster(store.engine, strike.id).reports[0].url.startswith("https://www.")


def test_random_orders_and_batches_give_the_rebuilt_clusters(tmp_path):
    rnd = random.Random(7)
    items = []
    for i in range(40):
        day = f"2024-03-{10 + rnd.randrange(5) * 2:02d}" if rnd.random() > 0.2 else "2024-03"
        typ, pair = rnd.choice([("CONSULT", ("USA", "CHN")), ("ACCUSE", ("USA", "CHN")), ("SANCTION", ("RUS", "UKR"))])
        ev = rnd.choice(["talks on trade in Beijing", "sanctions over chips", "condemned strikes on ports"])
        items.append(make(f"outlet{i % 5}", "2024-03-20", [(typ, *pair, day, "occurred", ev)], n=i))
    results = []
    for order in range(3):
        s = store_mod.open(f"sqlite:///{tmp_path / f'r{order}.db'}")
        shuffled = items[:]
        random.Random(order).shuffle(shuffled)
        w = s.writer()
        for start in range(0, len(shuffled), 1 + order * 3):  # batches of 1, 4, 7 articles
            batch = shuffled[start:start + 1 + order * 3]
            for art, result in batch:
                w.write(art, result)
            update_clusters(s.engine, [art.id for art, _ in batch])
        results.append(snapshot(s.engine))
        rebuild_clusters(s.engine)
        assert snapshot(s.engine) == results[-1]
        s.close()
    assert results[0] == results[1] == results[2]


def test_replacing_an_article_at_its_url_updates_the_clusters(store):
    a = make("wire", "2024-05-21", [ARTICLES[3][2][0]], n=1, url="https://wire.example/story")
    b = make("post", "2024-05-21", [ARTICLES[2][2][1]], n=2)
    write_all(store, [a, b], incremental=True)
    assert [len(c.events) for c in list_clusters(store.engine)] == [2]
    newer = make("wire", "2024-05-21", [("SANCTION", "USA", "VEN", "2024-05-21", "occurred", "sanctions on Venezuela")],
                 n=1, url="https://wire.example/story", text="A corrected story about Venezuela.")
    write_all(store, [newer], incremental=True)
    incremental = snapshot(store.engine)
    assert sorted(len(e) for _, e, _, _ in incremental) == [1, 1]
    rebuild_clusters(store.engine)
    assert snapshot(store.engine) == incremental


def test_filters_and_pagination(store):
    write_all(store, [make(o, d, e, n=i) for i, (o, d, e) in enumerate(ARTICLES)], incremental=True)
    assert {c.type for c in list_clusters(store.engine, type="SANCTION")} == {"SANCTION"}
    assert all("TUR" in c.participants for c in list_clusters(store.engine, actor="TUR"))
    assert [c.type for c in list_clusters(store.engine, contested=True)] == ["ASSAULT"]
    assert all(c.date >= "2024-05-21" for c in list_clusters(store.engine, since="2024-05-21"))
    everything = list_clusters(store.engine, reports=False)
    assert count_clusters(store.engine) == len(everything) == 5
    assert list_clusters(store.engine, limit=2, offset=1, reports=False) == everything[1:3]


def test_a_store_filled_before_clustering_is_rebuilt_on_first_update(store):
    items = [make(o, d, e, n=i) for i, (o, d, e) in enumerate(ARTICLES)]
    write_all(store, items[:-1], incremental=False)
    assert list_clusters(store.engine) == []
    write_all(store, items[-1:], incremental=True)
    assert count_clusters(store.engine) == 5


def test_dyad_counts_clusters_by_default_and_reports_on_request(store):
    write_all(store, [make(o, d, e, n=i) for i, (o, d, e) in enumerate(ARTICLES)], incremental=True)
    periods = dyad_clusters(store.engine, "JPN", "AUS", by="month")
    assert [(p.period, p.clusters, p.reports) for p in periods] == [("2024-05", 2, 3)]
    assert periods[0].score == 2.0
    assert dyad_clusters(store.engine, "JPN", "AUS", by=None, count="reports")[0].score == 3.0


def test_report_source():
    assert report_source("https://www.harbour-post.example/a/1", "feed") == "harbour-post.example"
    assert report_source(None, "https://news.example.org/x") == "news.example.org"
    assert report_source(None, "tests/fixtures/clusters/capital-wire-2.txt") == "capital-wire"
    assert report_source(None, "feeds/a.jsonl:line 12") == "a"
    assert report_source(None, "Reuters") == "Reuters"
    assert report_source(None, None) is None


def test_month_and_extra_participant_reports_join_in_the_store_with_their_reasons(store):
    """Issue 22: a report dated to the month and naming one more participant joins the day-dated one,
    incrementally as on a rebuild; the reason is stored with the cluster and read back."""
    day = make("volta-times", "2024-10-18", [("AGREE", "GHA", "TGO", "2024-10-17", "occurred",
                                              "Ghana and Togo signed a border security agreement in Lome")], n=1)
    month_art, month_result = make("sahel-dispatch", "2024-10-29", [("AGREE", "GHA", "TGO", "2024-10", "occurred",
                                                                     "the three neighbours sealed a pact this month")],
                                   n=2)
    month_result.events[0].recipients.append("BEN")
    other_day = make("volta-times", "2024-10-25", [("AGREE", "GHA", "TGO", "2024-10-24", "occurred",
                                                    "Ghana and Togo signed a trade deal in Accra")], n=3)
    write_all(store, [day, (month_art, month_result), other_day], incremental=True)
    incremental = snapshot(store.engine)
    rebuild_clusters(store.engine)
    assert snapshot(store.engine) == incremental
    (joined,) = [c for c in list_clusters(store.engine) if len(c.events) == 2]
    assert joined.sources == ["sahel-dispatch.example", "volta-times.example"]
    (link,) = joined.links
    assert link.reason.startswith("same type AGREE; participants {GHA,TGO} ⊂ {BEN,GHA,TGO}; "
                                  "date 2024-10 contains 2024-10-")
    assert {link.a, link.b} == set(joined.events)
    assert get_cluster(store.engine, joined.id).links == joined.links
    assert [len(c.events) for c in list_clusters(store.engine)].count(1) == 1  # the other day's deal apart


def test_day_month_and_year_reports_in_random_orders_give_the_rebuilt_clusters(tmp_path):
    """Issue 22's coarse links through the store's candidate look-up (cluster_keys) equal a rebuild."""
    rnd = random.Random(22)
    items = []
    for i in range(36):
        day = rnd.choice(["2024-03-10", "2024-03-12", "2024-03", "2024", "2024-05-02"])
        typ, pair = rnd.choice([("CONSULT", ("USA", "CHN")), ("SANCTION", ("RUS", "UKR"))])
        ev = rnd.choice(["talks on trade in Beijing", "sanctions over chips", "a meeting"])
        items.append(make(f"outlet{i % 6}", "2024-05-20", [(typ, *pair, day, "occurred", ev)], n=i))
    results = []
    for order in range(2):
        s = store_mod.open(f"sqlite:///{tmp_path / f'y{order}.db'}")
        shuffled = items[:]
        random.Random(order).shuffle(shuffled)
        write_all(s, shuffled, incremental=True)
        results.append(snapshot(s.engine))
        rebuild_clusters(s.engine)
        assert snapshot(s.engine) == results[-1]
        assert any(len(c.events) > 1 and any("contains" in link.reason for link in c.links)
                   for c in list_clusters(s.engine, reports=False))
        s.close()
    assert results[0] == results[1]


def test_migrations_have_one_head_and_the_links_column_is_in_it():
    """Two branches each adding a migration 0005 once left two heads (no store could be made)."""
    from alembic.script import ScriptDirectory

    from communique.store.db import _alembic_config, head_revision

    script = ScriptDirectory.from_config(_alembic_config(None))
    assert len(script.get_heads()) == 1
    assert "0006_cluster_links" in {rev.revision for rev in script.walk_revisions()}
    assert head_revision() == script.get_current_head()
