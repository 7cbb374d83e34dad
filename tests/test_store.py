"""The store without the trained pipeline: schema, writer, canonical actors, queries, exports.

Every test runs on SQLite and, when COMMUNIQUE_TEST_PG_URL is set (``source
.ci/postgres.sh``), on PostgreSQL; one test checks both give identical answers.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import communique.store as store_mod
from communique.store import exports
from communique.store.canonical import actor_key, canonical_id, normalise_name
from communique.store.db import current_revision, head_revision
from communique.store.models import Base
from communique.store.writer import encode_json, encode_spans, event_day
from test_store_support import article, drop_created_databases, person, pg_url_or_skip, result_for, state

BODY_A = "Australia and Japan agreed to deepen defence ties on Thursday in Canberra."
BODY_B = "China accused Japan of provocations near the disputed islands."
BODY_C = "Australia hosted Japan for talks on maritime security."


@pytest.fixture(scope="module", autouse=True)
def _drop_pg_databases():
    yield
    drop_created_databases()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty store on each backend."""
    url = f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite" else pg_url_or_skip()
    s = store_mod.open(url)
    yield s
    s.close()


def fill(s: store_mod.Store) -> dict[str, str]:
    """Write three articles; return their ids."""
    w = s.writer()
    w.start_run("ingest", ["test"], "0.1.0")
    a, b, c = article(BODY_A, date="2024-07-11", title="A"), article(BODY_B, date="2024-08-02", title="B"), \
        article(BODY_C, date="2024-08-20", title="C", url="https://news.example/c")
    w.write(a, result_for(a, pairs=[("AGREE", "AUS", "JPN"), ("CONSULT", "AUS", "")]))
    w.write(b, result_for(b, pairs=[("ACCUSE", "CHN", "JPN")], date="2024-08-01"))
    w.write(c, result_for(c, pairs=[("CONSULT", "AUS", "JPN")]))
    w.finish_run()
    return {"a": a.id, "b": b.id, "c": c.id}


def test_schema_is_at_head_and_matches_models(store):
    assert current_revision(store.engine) == head_revision()
    mine = set(Base.metadata.tables)

    def include_name(name, type_, parent_names):
        return name in mine if type_ == "table" else name not in ("tsv", "ix_articles_tsv")

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        assert compare_metadata(context, Base.metadata) == []


def test_reopening_a_store_keeps_its_content(tmp_path):
    url = f"sqlite:///{tmp_path / 'again.db'}"
    s = store_mod.open(url)
    fill(s)
    s.close()
    again = store_mod.open(url)
    assert again.status().articles == 3


def test_same_text_is_skipped_and_adds_nothing(store):
    ids = fill(store)
    w = store.writer()
    a = article(BODY_A, date="2024-07-11", title="A")
    assert a.id == ids["a"]
    assert w.write(a, result_for(a, pairs=[("AGREE", "AUS", "JPN")])) == "skipped"
    s = store.status()
    assert (s.articles, s.events, s.quotes) == (3, 4, 3)


def test_new_text_at_known_url_replaces_old_version_and_extractions(store):
    ids = fill(store)
    w = store.writer()
    corrected = article(BODY_C + " Correction: the talks were in Sydney.", title="C2", url="https://news.example/c")
    assert w.write(corrected, result_for(corrected, pairs=[("CONSULT", "AUS", "NZL")])) == "replaced"
    assert store.article(ids["c"]) is None
    assert store.article(corrected.id).title == "C2"
    assert store.status().articles == 3
    assert [e.article_id for e in store.events(recipient="NZL")] == [corrected.id]
    assert all(e.article_id != ids["c"] for e in store.events())
    assert store.quotes(speaker="Wong") and all(q.article_id != ids["c"] for q in store.quotes())


def test_same_actor_across_articles_is_one_canonical_actor(store):
    fill(store)
    jpn = store.actors(search="JPN")
    assert len(jpn) == 1 and jpn[0].articles == 3
    assert (jpn[0].first_seen, jpn[0].last_seen) == ("2024-07-11", "2024-08-20")
    wong = store.actors(kind="person")
    assert len(wong) == 1 and wong[0].name == "Penny Wong"
    assert wong[0].roles[0].role == "foreign minister" and wong[0].roles[0].state == "AUS"
    assert (wong[0].roles[0].first_seen, wong[0].roles[0].last_seen, wong[0].roles[0].articles) == \
        ("2024-07-11", "2024-08-20", 3)


def test_role_history_follows_replacement(store):
    fill(store)
    w = store.writer()
    newer = article(BODY_C + " Later report.", date="2024-09-01", title="C3", url="https://news.example/c")
    w.write(newer, result_for(newer, pairs=[("CONSULT", "AUS", "JPN")]))
    role = store.actors(kind="person")[0].roles[0]
    assert (role.first_seen, role.last_seen, role.articles) == ("2024-07-11", "2024-09-01", 3)


def test_canonical_ids_are_stable_and_keyed_by_code_or_name():
    usa1, usa2 = state("x:1", "USA", "United States"), state("y:7", "USA", "the US")
    assert canonical_id(actor_key(usa1)) == canonical_id(actor_key(usa2))
    assert actor_key(person("p", "José  Pérez", "MEX", [])) == "person:jose perez|MEX"
    assert normalise_name("Pérez-Lima, J.") == "perez lima j"
    assert normalise_name("  O'Brien-Smith  (Jr.) ") == "o brien smith jr"
    assert normalise_name("Łukasz Ǆuro ﬁne") == "łukasz dzuro fine"


@pytest.mark.parametrize("value", [
    [], ["KEN"], ["a", 'q"uote', "back\\slash", "Pérez", "日本", "\n", "😀"], ["a", 1], ["a", None, ["b"]], [1, "a"],
    [[0, 5]], [{"a": 1.5, "b": None}], {"text": "Kyiv", "lat": 50.45, "n": 3}, {}, None, "x", 2.0, [float("nan")],
])
def test_encode_json_writes_what_json_dumps_writes(value):
    assert encode_json(value) == json.dumps(value)


def test_encode_spans_writes_the_spans_as_json_lists():
    for spans in ([], [(0, 5)], [(3, 17), (120, 131), (12345, 12350)]):
        assert encode_spans(spans) == json.dumps([list(span) for span in spans])


def test_recode_replaces_the_extractions_of_the_same_article(store):
    ids = fill(store)
    w = store.writer()
    a = article(BODY_A, date="2024-07-11", title="A")
    assert w.write(a, result_for(a, pairs=[("SUPPORT", "JPN", "AUS")], coder="0.2.0"), recode=True) == "recoded"
    stored = store.article(ids["a"])
    assert stored.coder_version == "0.2.0" and [e.type for e in stored.events] == ["SUPPORT"]
    assert store.status().events == 3


def test_event_queries_filter_and_order(store):
    ids = fill(store)
    assert [e.type for e in store.events(actor="AUS")] == ["AGREE", "CONSULT", "CONSULT"]
    assert [e.article_id for e in store.events(actor="AUS", recipient="JPN")] == [ids["a"], ids["c"]]
    assert [e.type for e in store.events(recipient="JPN", type="accuse")] == ["ACCUSE"]
    assert [e.article_id for e in store.events(since="2024-08")] == [ids["b"], ids["c"]]
    assert [e.article_id for e in store.events(until="2024-07")] == [ids["a"], ids["a"]]
    assert len(store.events(actor_sector="GOV", status="occurred")) == 4
    assert store.events(actor="Name of CHN")[0].type == "ACCUSE"
    assert len(store.events(limit=2)) == 2
    first = store.events(actor="CHN")[0]
    assert (first.article_title, first.article_date, first.day if hasattr(first, "day") else None) == \
        ("B", "2024-08-02", None)
    assert first.date == "2024-08-01" and first.cluster.startswith("cl_") and first.source == "test/B.txt"


def test_dyad_by_month_and_counterparts(store):
    fill(store)
    periods = store.dyad("AUS", "JPN", by="month")
    assert [(p.period, p.events, p.score) for p in periods] == [("2024-07", 1, 2.5), ("2024-08", 1, 2.5)]
    assert [(p.period, p.events) for p in store.dyad("JPN", "AUS", by=None)] == [(None, 2)]
    assert [(c.code, c.events) for c in store.counterparts("JPN")] == [("AUS", 2), ("CHN", 1)]
    assert len(store.dyad_events("AUS", "JPN")) == 2


def test_full_text_search(store):
    ids = fill(store)
    hits = store.search("provocations islands")
    assert [h.id for h in hits] == [ids["b"]]
    assert store.search("maritime")[0].id == ids["c"]
    assert store.search('"; DROP TABLE articles; --') == []


def test_no_text_keeps_offsets_and_evidence(store):
    w = store.writer(keep_text=False)
    a = article(BODY_A)
    w.write(a, result_for(a, pairs=[("AGREE", "AUS", "JPN")]))
    stored = store.article(a.id)
    assert stored.text is None and stored.hash
    assert stored.events[0].evidence[0].text == BODY_A[:4] and stored.actors[0].mentions


def test_errors_and_runs_are_recorded(store):
    w = store.writer()
    run = w.start_run("ingest", ["bad.jsonl"], "0.1.0")
    w.record_error(source="bad.jsonl", position="line 3", error="MalformedInputError", reason="invalid JSON")
    w.finish_run()
    s = store.status()
    assert s.errors == 1 and s.runs[0].id == run and s.runs[0].failed == 1 and s.runs[0].status == "done"
    assert (s.recent_errors[0].source, s.recent_errors[0].position) == ("bad.jsonl", "line 3")


def test_stored_article_round_trips_to_its_result(store):
    a = article(BODY_A)
    result = result_for(a, pairs=[("AGREE", "AUS", "JPN")])
    store.writer().write(a, result)
    assert store.article(a.id).to_result() == result


def test_sqlite_and_postgresql_give_identical_answers(tmp_path):
    pg = store_mod.open(pg_url_or_skip())
    lite = store_mod.open(f"sqlite:///{tmp_path / 'same.db'}")
    answers = []
    for s in (lite, pg):
        fill(s)
        answers.append([
            [e.to_json() for e in s.events()],
            [e.to_json() for e in s.events(actor="AUS", since="2024-07-01", until="2024-08-31", limit=10)],
            [p.to_json() for p in s.dyad("AUS", "JPN", by="month")],
            [c.to_json() for c in s.counterparts("JPN")],
            [a.to_json() for a in s.actors()],
            [q.to_json() for q in s.quotes()],
            sorted(h.id for h in s.search("Japan")),
            s.article(s.events()[0].article_id).model_dump(exclude={"ingested_at"}),
        ])
    assert answers[0] == answers[1]


def test_event_day_completes_partial_dates():
    assert event_day("2024-07-03", "2024-07-11") == "2024-07-03"
    assert event_day("2024-07", "2024-07-11") == "2024-07-11"
    assert event_day("2024-06", "2024-07-11") == "2024-06-01"
    assert event_day("2023", "2024-07-11") == "2023-01-01"
    assert event_day(None, "2024-07-11") == "2024-07-11"


def test_exports_plover_gdelt_csv_parquet(store, tmp_path):
    fill(store)
    events = store.events()
    plover = io.StringIO()
    exports.write_plover(events, plover)
    first = json.loads(plover.getvalue().splitlines()[0])
    assert first["event_type"] == "AGREE" and first["actor"] == ["AUS"] and first["quad_class"]
    gdelt = io.StringIO()
    names, kinds = store.code_index()
    exports.write_gdelt(events, gdelt, names=names, kinds=kinds)
    rows = list(csv.DictReader(io.StringIO(gdelt.getvalue())))
    accuse = next(r for r in rows if r["EventRootCode"] == "11")
    assert accuse["SQLDATE"] == "20240801" and accuse["Actor1Code"] == "CHNGOV" and accuse["Actor2Code"] == "JPN"
    assert accuse["Actor1Name"] == "NAME OF CHN" and accuse["QuadClass"] == "3"
    assert accuse["GoldsteinScale"] == "-2.0" and accuse["ActionGeo_Lat"] == "-35.28"
    assert {"SQLDATE", "Actor1Type1Code", "ActionGeo_Long", "SOURCEURL"} <= set(rows[0])
    import pyarrow.parquet as pq

    exports.write_parquet(events, str(tmp_path / "e.parquet"))
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 4 and table.column("actors").to_pylist()[0] == ["AUS"]


def test_event_links_get_the_ids_of_writing_them_in_order(store):
    from sqlalchemy import text

    from communique.store.writer import event_links, prepare

    w = store.writer()
    w.start_run("ingest", ["test"], "0.1.0")
    arts = [article(BODY_A, date="2024-07-11"), article(BODY_B, date="2024-08-02"), article(BODY_C, date="2024-08-20")]
    results = [result_for(arts[0], pairs=[("AGREE", "USA", "JPN"), ("CONSULT", "AUS", "")]),
               result_for(arts[1], pairs=[("ACCUSE", "CHN", "AUS")]),
               result_for(arts[2], pairs=[("CONSULT", "AUS", "JPN"), ("AGREE", "BRA", "CHN")])]
    w.write_many([prepare(a, r) for a, r in zip(arts[:2], results[:2], strict=True)])
    w.write_many([prepare(arts[2], results[2])])
    w.finish_run()
    expected = [(link["event_id"], link["code"], link["side"], link["other"])
                for a, r in zip(arts, results, strict=True)
                for event in r.events for link in event_links(event, a.date)]
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT id, event_id, code, side, other FROM event_links ORDER BY id")).all()
    assert [tuple(row[1:]) for row in stored] == expected
    assert [row[0] for row in stored] == list(range(stored[0][0], stored[0][0] + len(stored)))


def test_user_actors_import_is_kept_and_updated(store):
    """``actors-import`` (issue 20): rows kept in ``user_actors``, updated by name (accents and case ignored)."""
    from communique.knowledge.user_actors import parse_rows

    first = parse_rows([{"name": "Aldo Vance", "country": "PRT", "role": "Mayor"}], "a")
    second = parse_rows([{"name": "ALDO VANCE", "country": "ESP", "role": "Mayor"},
                         {"name": "Velvet Harrow", "kind": "org", "sector": "SOC"}], "b")
    assert store.import_actors(first) == 1
    store.import_actors(second)
    assert [(a.name, a.country) for a in store.user_actors()] == [("ALDO VANCE", "ESP"), ("Velvet Harrow", None)]
    store.import_actors(first, replace=True)
    assert [a.name for a in store.user_actors()] == ["Aldo Vance"]
