"""Ingest through the runner with the trained pipeline: idempotence, replacement, errors, stable ids, reprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

import communique.store as store_mod
from communique.errors import InputError
from communique.ingest import read_inputs
from communique.pipeline import CODER_VERSION
from communique.store.runner import ingest, split_source, stored_articles, version_key

pytestmark = pytest.mark.model

ARTICLES = [
    ("2024-03-04", "Ministers meet in Nairobi",
     'Kenya\'s foreign minister met his Tanzanian counterpart in Nairobi on Monday. "We agreed to reopen the '
     'border crossing," the minister said. Tanzania said it would send a trade delegation next month.'),
    ("2024-03-09", "Border row",
     "Tanzania accused Kenya of delaying trucks at the Namanga crossing. Officials in Dar es Salaam said the "
     "delays had cost traders millions of shillings."),
    ("2024-03-15", "Aid pledge",
     'Japan pledged emergency food aid to Malawi after the floods. "Help will arrive within days," the Japanese '
     "ambassador told reporters in Lilongwe."),
]


def write_corpus(folder: Path) -> Path:
    """Write the test articles in the header format; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, (date, title, body) in enumerate(ARTICLES):
        (folder / f"{n}.txt").write_text(f"date {date} {title}\n\n{body}\n", encoding="utf-8")
    return folder


def run(store, paths, *, workers: int = 1, **kw):
    """Ingest ``paths`` into ``store`` in this process; return the counts."""
    writer = store.writer(keep_text=kw.pop("keep_text", True))
    writer.start_run("ingest", [str(p) for p in paths], CODER_VERSION)
    counts = ingest(writer, read_inputs([str(p) for p in paths]), workers=workers, **kw)
    writer.finish_run()
    return counts


@pytest.fixture
def store(tmp_path, nlp):
    s = store_mod.open(f"sqlite:///{tmp_path / 'ingest.db'}")
    yield s
    s.close()


def snapshot(store) -> dict[str, object]:
    """Return every id and count that must not change across idempotent runs."""
    with store.engine.connect() as conn:
        def ids(table: str) -> list[str]:
            return [r[0] for r in conn.execute(text(f"SELECT id FROM {table} ORDER BY id"))]

        return {t: ids(t) for t in ("articles", "actors", "quotes", "events")} | {
            "mentions": conn.execute(text("SELECT count(*) FROM mentions")).scalar_one(),
            "links": conn.execute(text("SELECT count(*) FROM event_links")).scalar_one(),
        }


def test_ingest_twice_adds_nothing(store, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    first = run(store, [corpus])
    assert (first.added, first.failed) == (3, 0)
    before = snapshot(store)
    second = run(store, [corpus])
    assert (second.added, second.skipped) == (0, 3)
    assert snapshot(store) == before
    assert [r.command for r in store.status().runs] == ["ingest", "ingest"]


def test_corrected_text_at_same_url_replaces_the_old_version(store, tmp_path):
    feed = tmp_path / "feed.jsonl"
    record = {"id": "x1", "title": "Aid pledge", "date": "2024-03-15", "url": "https://news.example/aid",
              "text": ARTICLES[2][2]}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    run(store, [feed])
    old_id = store.articles()[0].id
    record["text"] = ARTICLES[2][2].replace("within days", "within a week")
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    counts = run(store, [feed])
    assert counts.replaced == 1
    (only,) = store.articles()
    assert only.id != old_id and store.article(old_id) is None
    assert "within a week" in store.article(only.id).text
    with store.engine.connect() as conn:
        stale = conn.execute(text("SELECT count(*) FROM quotes WHERE article_id = :a"), {"a": old_id}).scalar_one()
    assert stale == 0


def test_failed_inputs_are_recorded_with_source_position_and_reason(store, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "broken.bin").write_bytes(b"\x00\x01\x02binary")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "ok", "date": "2024-01-02", "text": "Chile recalled its ambassador."})
                    + "\n{not json\n", encoding="utf-8")
    counts = run(store, [corpus, feed])
    assert counts.added == 4 and counts.failed == 2
    errors = {(Path(e.source).name, e.position) for e in store.errors()}
    assert errors == {("broken.bin", None), ("feed.jsonl", "line 2")}
    assert all(e.reason for e in store.errors())
    assert store.status().runs[0].failed == 2


def test_two_workers_store_what_one_stores_and_record_the_same_failures(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "broken.bin").write_bytes(b"\x00\x01\x02binary")
    stores = {}
    for workers in (1, 2):
        stores[workers] = store_mod.open(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        counts = run(stores[workers], [corpus], workers=workers)
        assert (counts.added, counts.failed) == (3, 1)
    assert snapshot(stores[2]) == snapshot(stores[1])
    assert [(e.source, e.reason) for e in stores[2].errors()] == [(e.source, e.reason) for e in stores[1].errors()]
    for s in stores.values():
        s.close()


def test_ids_are_stable_across_runs_and_stores(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus")
    snaps = []
    for name in ("one", "two"):
        s = store_mod.open(f"sqlite:///{tmp_path / name}.db")
        run(s, [corpus])
        snaps.append(snapshot(s))
        s.close()
    assert snaps[0] == snaps[1]
    assert snaps[0]["articles"]


def test_no_text_option_keeps_extractions_but_not_bodies(store, tmp_path):
    run(store, [write_corpus(tmp_path / "corpus")], keep_text=False)
    stored = [store.article(a.id) for a in store.articles()]
    assert all(a.text is None for a in stored)
    assert sum(len(a.quotes) for a in stored) == store.status().quotes
    assert store.search("Nairobi") and store.search("shillings") == []  # titles stay searchable, bodies not


def test_reprocess_recodes_older_versions_with_the_same_ids(store, tmp_path):
    run(store, [write_corpus(tmp_path / "corpus")])
    before = snapshot(store)
    target = store.articles()[0].id
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET coder_version = '0.0.1' WHERE id = :a"), {"a": target})
    writer = store.writer()
    writer.start_run("reprocess", [], CODER_VERSION)
    items = list(stored_articles(writer))
    assert [a.id for a in items] == [target]
    counts = ingest(writer, items, recode=True, skip_known=False)
    writer.finish_run()
    assert counts.recoded == 1
    assert store.article(target).coder_version == CODER_VERSION
    assert snapshot(store) == before
    assert len(list(stored_articles(writer, since="0.0.1"))) == 3
    assert list(stored_articles(writer)) == []


def test_helpers():
    assert split_source("feeds/a.jsonl:line 12") == ("feeds/a.jsonl", "line 12")
    assert split_source("a.txt") == ("a.txt", None)
    assert version_key("0.10.0") > version_key("0.9.1")
    assert isinstance(InputError("x"), Exception)


def test_preload_pipeline_loads_the_model_and_codes_the_warm_up_article(monkeypatch):
    from communique import nlp as nlp_mod
    from communique.config import data_path
    from communique.ingest import article_from_text
    from communique.pipeline import process_article
    from communique.store import runner

    assert runner.preload_pipeline()
    model = nlp_mod.load()  # what the workers forked from the fork server find loaded
    assert "parser" in model.pipe_names
    # The warm-up article reaches every stage, so the tables they build lazily exist before workers fork.
    text = data_path("warm_up_article.txt").read_text(encoding="utf-8")
    result = process_article(article_from_text(text, date="2024-03-12"), nlp=model)
    assert result.actors and result.quotes and result.events
    assert any(e.date for e in result.events) and any(e.location for e in result.events)


def test_a_failed_preload_is_logged_and_left_to_the_workers(monkeypatch, caplog):
    from communique import nlp as nlp_mod
    from communique.store import runner

    def broken() -> None:
        raise OSError("model files missing")

    monkeypatch.setattr(nlp_mod, "load", broken)
    assert not runner.preload_pipeline()
    assert "could not preload the pipeline" in caplog.text


def test_commit_interval_comes_from_the_environment_or_the_default(monkeypatch):
    from communique.errors import StoreError
    from communique.store import runner

    monkeypatch.delenv("COMMUNIQUE_COMMIT_SECONDS", raising=False)
    assert runner.group_wait() == runner.GROUP_WAIT_S
    monkeypatch.setenv("COMMUNIQUE_COMMIT_SECONDS", "0.5")
    assert runner.group_wait() == 0.5
    for bad in ("soon", "-1", "inf"):
        monkeypatch.setenv("COMMUNIQUE_COMMIT_SECONDS", bad)
        with pytest.raises(StoreError, match="COMMUNIQUE_COMMIT_SECONDS"):
            runner.group_wait()


def test_progress_counts_coded_articles_before_their_group_is_written(store, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    seen: list[tuple[int, int]] = []
    run(store, [corpus], on_update=lambda c: seen.append((c.added, c.waiting)))
    assert (0, 1) in seen and (0, 3) in seen  # coded, waiting for the group's commit
    assert seen[-1] == (3, 0)


def test_prepared_articles_pickle_to_equal_records(nlp, shared_dir):
    """Workers send PreparedArticle (with its NamedActor records) to the writer through pickling."""
    import pickle

    from communique.pipeline import process_article
    from communique.records import Article
    from communique.store.writer import prepare

    [article] = [a for a in read_inputs([str(next((shared_dir / "examples").glob("*.txt")))]) if isinstance(a, Article)]
    prepared = prepare(article, process_article(article, nlp=nlp))
    assert prepared.actors
    again = pickle.loads(pickle.dumps(prepared))
    assert again == prepared and type(again.actors[0]) is type(prepared.actors[0])


def test_reprocess_keeps_what_reading_repaired(store, tmp_path):
    """Issue 20: the stored text is the repaired one; recoding it keeps the article's repairs."""
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "a.txt").write_text("march 3, 2009\n\npolice in lagos arrested 12 protesters, officers said.\n",
                                  encoding="utf-8")
    run(store, [folder])
    target = store.articles()[0].id
    repairs = store.article(target).repairs
    assert any(r.startswith("boilerplate") for r in repairs)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET coder_version = '0.0.1' WHERE id = :a"), {"a": target})
    writer = store.writer()
    writer.start_run("reprocess", [], CODER_VERSION)
    ingest(writer, list(stored_articles(writer)), recode=True, skip_known=False)
    writer.finish_run()
    assert store.article(target).repairs == repairs
