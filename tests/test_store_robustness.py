"""Issue 21: nothing lost to one bad article, true run records, and stores opened as commands expect.

- A value the database refuses (NUL on PostgreSQL, a lone surrogate anywhere) fails that article
  alone: the rest of its group is stored and the failure is recorded with its source.
- Reading replaces such characters (same length, so offsets hold) and says so in ``repairs``.
- A run's counts are written with every group, so a killed run tells what it stored.
- Read commands refuse a store that does not exist and create nothing; a read-only store is
  exit 2 with one line on writes and 503 on ``POST /api/articles``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

import communique
import communique.store as store_mod
from communique.cli import app
from communique.errors import ReadOnlyStoreError, StoreNotFoundError
from communique.ingest import article_from_text, read_inputs
from communique.records import Article
from communique.store.runner import ingest
from communique.store.writer import prepare
from test_store_support import article, drop_created_databases, pg_url_or_skip, result_for

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _drop_pg_databases():
    yield
    drop_created_databases()


def _raw(body: str, *, title: str) -> Article:
    """An article as a reader that did not clean its text would give it (bypasses ``storable``)."""
    return article(body.replace("\x00", " "), title=title).model_copy(update={"text": body})


# -- reading replaces what no store can hold ------------------------------------------------------


def test_reading_replaces_nul_and_lone_surrogates_keeping_offsets():
    art = article_from_text("Kenya\x00 expelled a diplomat \ud800 on Friday.", title="Ex\x00pulsion")
    assert art.text == "Kenya  expelled a diplomat \ufffd on Friday."
    assert len(art.text) == len("Kenya\x00 expelled a diplomat \ud800 on Friday.")
    assert art.title == "Ex pulsion"
    assert "storable: replaced 1 NUL character(s) with spaces" in art.repairs
    assert "storable: replaced 1 lone surrogate(s) with U+FFFD" in art.repairs
    assert "title: storable: replaced 1 NUL character(s) with spaces" in art.repairs


def test_clean_text_has_no_repairs():
    assert article_from_text("Chile and Peru held talks.").repairs == []


# -- one refused article never loses the group ----------------------------------------------------


def test_a_refused_article_fails_alone_and_is_recorded():
    """PostgreSQL refuses NUL in text: a writer given such an article stores the rest of its group."""
    st = store_mod.open(pg_url_or_skip())
    w = st.writer()
    w.start_run("ingest", ["batch.jsonl"], "0.1.0")
    good1, good2 = article("Chile and Peru held talks in Lima.", title="one"), \
        article("Ghana and Togo signed a trade deal.", title="two")
    bad = _raw("France condemned the attack\x00 on Monday.", title="bad")
    prepared = [prepare(a, result_for(a, pairs=[("CONSULT", "CHL", "PER")])) for a in (good1, bad, good2)]
    outcomes = w.write_many(prepared)
    w.finish_run()
    assert outcomes == ["added", "failed", "added"]
    assert {a.id for a in st.articles()} == {good1.id, good2.id}
    errors = st.errors(run_id=w.run_id)
    assert len(errors) == 1 and errors[0].source == "test/bad.txt"
    assert "the database refused the article" in errors[0].reason
    run = st.status().runs[0]
    assert (run.status, run.added, run.failed) == ("done", 2, 1)
    st.close()


def test_ingest_of_a_batch_with_nul_stores_every_article_on_postgresql(tmp_path):
    url = pg_url_or_skip()
    lines = [{"id": "n1", "title": "Nul", "date": "2024-05-01", "text": "France condemned the attack\x00 on Monday."},
             {"id": "n2", "title": "Fine", "date": "2024-05-02", "text": "Chile and Peru held talks in Lima on Tuesday."}]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", url, "--workers", "1"])
    assert result.exit_code == 0, result.output
    st = store_mod.open(url)
    assert len(st.articles()) == 2
    nul = next(a for a in st.articles() if a.title == "Nul")
    stored = st.article(nul.id)
    assert stored is not None and "\x00" not in (stored.text or "")
    assert stored.repairs == ["storable: replaced 1 NUL character(s) with spaces"]
    assert st.status().runs[0].status == "done"
    st.close()


# -- runs tell the truth --------------------------------------------------------------------------


def test_counts_are_recorded_with_each_group_so_a_killed_run_tells_what_it_stored(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    st = store_mod.open(url)
    w = st.writer()
    w.start_run("ingest", ["x"], "0.1.0")
    a = article("Chile and Peru held talks in Lima.", title="one")
    w.write(a, result_for(a, pairs=[("CONSULT", "CHL", "PER")]))
    # no finish_run: as if the process had been killed here
    run = st.status().runs[0]
    assert (run.status, run.added) == ("running", 1)
    st.close()


def test_ingest_through_the_runner_counts_skips_and_failures(tmp_path):
    st = store_mod.open(f"sqlite:///{tmp_path / 'store.db'}")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("date 2024-05-01 A\n\nChile and Peru held talks in Lima.\n")
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\x01\x02binary\xff")
    w = st.writer()
    w.start_run("ingest", ["in"], "0.1.0")
    counts = ingest(w, read_inputs([str(tmp_path / "in")]), workers=1)
    w.finish_run()
    assert (counts.added, counts.failed) == (1, 1)
    run = st.status().runs[0]
    assert (run.added, run.failed) == (1, 1)
    st.close()


# -- which commands may create a store ------------------------------------------------------------


@pytest.mark.parametrize("command", [["status"], ["events"], ["actors"], ["quotes"], ["clusters"],
                                     ["export", "--format", "jsonl"], ["reprocess"], ["align", "USA", "CHN"]])
def test_read_commands_refuse_a_missing_store_and_create_nothing(tmp_path, command):
    target = tmp_path / "nonexistent" / "dir" / "x.db"
    result = runner.invoke(app, [*command, "--db", f"sqlite:///{target}"])
    assert result.exit_code == 2, result.output
    assert "no store at this path" in result.output and str(target) in result.output
    assert not (tmp_path / "nonexistent").exists()


def test_a_file_that_is_not_a_store_is_refused_by_read_commands_and_left_alone(tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    result = runner.invoke(app, ["status", "--db", f"sqlite:///{other}"])
    assert result.exit_code == 2 and "not a Communiqué store" in result.output
    assert other.read_bytes() == b""


def test_python_api_creates_by_default_and_refuses_on_request(tmp_path):
    with pytest.raises(StoreNotFoundError):
        communique.open(f"sqlite:///{tmp_path / 'missing.db'}", create=False)
    assert not (tmp_path / "missing.db").exists()
    communique.open(f"sqlite:///{tmp_path / 'new' / 'made.db'}").close()
    assert (tmp_path / "new" / "made.db").is_file()


def test_ingest_creates_a_missing_store(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-05-01 A\n\nChile and Peru held talks in Lima.\n")
    target = tmp_path / "deep" / "x.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", f"sqlite:///{target}", "-w", "1"])
    assert result.exit_code == 0, result.output
    assert target.is_file()


# -- read-only stores -----------------------------------------------------------------------------


def _read_only_urls(tmp_path: Path, backend: str) -> tuple[str, str]:
    """Return (writable URL, read-only URL) of one store with one article."""
    if backend == "sqlite":
        path = tmp_path / "ro.db"
        writable, read_only = f"sqlite:///{path}", f"sqlite:///file:{path}?mode=ro&uri=true"
    else:
        writable = pg_url_or_skip()
        read_only = writable
    st = store_mod.open(writable)
    a = article("Chile and Peru held talks in Lima.", title="one")
    w = st.writer()
    w.write(a, result_for(a, pairs=[("CONSULT", "CHL", "PER")]))
    st.close()
    if backend == "postgresql":
        name = writable.rsplit("/", 1)[1]
        admin = create_engine(writable.replace("postgresql://", "postgresql+psycopg://", 1),
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        admin.dispose()
    return writable, read_only


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ingest_into_a_read_only_store_is_exit_2_with_one_line(tmp_path, backend):
    _, read_only = _read_only_urls(tmp_path, backend)
    (tmp_path / "b.txt").write_text("date 2024-05-01 B\n\nGhana and Togo signed a trade deal.\n")
    result = runner.invoke(app, ["ingest", str(tmp_path / "b.txt"), "--db", read_only, "-w", "1"])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "read-only" in lines[0]
    reading = runner.invoke(app, ["events", "--db", read_only, "--format", "jsonl"])
    assert reading.exit_code == 0 and len(reading.output.splitlines()) == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_post_to_a_read_only_store_is_503(tmp_path, backend):
    from communique.server import create_app

    _, read_only = _read_only_urls(tmp_path, backend)
    app = create_app(read_only, token="secret")
    try:
        with TestClient(app) as client:
            assert client.get("/api/articles").status_code == 200
            response = client.post("/api/articles", headers={"Authorization": "Bearer secret"},
                                   json={"title": "B", "date": "2024-05-01", "text": "Ghana and Togo signed a trade deal."})
    finally:
        app.state.store.close()
    assert response.status_code == 503
    assert "read-only" in response.json()["detail"]


def test_writer_raises_read_only_store_error(tmp_path):
    _, read_only = _read_only_urls(tmp_path, "sqlite")
    st = store_mod.open(read_only)
    with pytest.raises(ReadOnlyStoreError):
        st.writer().start_run("ingest", [], "0.1.0")
    st.close()


# -- JSON fields of the wrong kind ----------------------------------------------------------------


@pytest.mark.parametrize("field, value, kind", [("title", {"a": 1}, "object"), ("title", ["x"], "array"),
                                                 ("date", 2024, "number")])
def test_a_json_title_or_date_that_is_not_a_string_is_refused_by_name(tmp_path, field, value, kind):
    path = tmp_path / "in.jsonl"
    record = {"title": "T", "date": "2024-05-01", "text": "Chile and Peru held talks in Lima.", field: value}
    good = {"title": "Good", "date": "2024-05-02", "text": "Ghana and Togo signed a trade deal."}
    path.write_text(json.dumps(record) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert isinstance(items[1], Article) and items[1].title == "Good"
    error = items[0]
    assert not isinstance(error, Article)
    assert f"record's '{field}' is a JSON {kind}, not a string" in str(error) and "line 1" in str(error)
