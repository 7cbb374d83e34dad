"""Store commands: a real ``communique ingest`` killed with -9 mid-batch, then the query and export commands."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import communique.store as store_mod
from communique.cli import app
from communique.ingest import read_inputs
from communique.store.runner import ingest
from test_store_support import article, result_for

CLI = [str(Path(sys.executable).parent / "communique")]

_PLACES = ["Nairobi", "Lima", "Hanoi", "Suva", "Accra", "Quito", "Dhaka", "Tunis"]
_PAIRS = [("Kenya", "Uganda"), ("Peru", "Chile"), ("Vietnam", "Laos"), ("Fiji", "Samoa"), ("Ghana", "Togo")]


def write_many(folder: Path, n: int) -> Path:
    """Write ``n`` short, distinct articles in the header format."""
    folder.mkdir()
    for i in range(n):
        a, b = _PAIRS[i % len(_PAIRS)]
        place = _PLACES[i % len(_PLACES)]
        body = (f"{a} and {b} held talks in {place} on Tuesday about trade and border security. "
                f"\"We made progress,\" a spokesman for {a}'s foreign ministry said. "
                f"{b} said it would send a delegation for round {i} of the talks next month.")
        (folder / f"{i:04d}.txt").write_text(f"date 2024-05-{1 + i % 28:02d} Talks round {i}\n\n{body}\n",
                                             encoding="utf-8")
    return folder


def _count(db: Path, table: str = "articles") -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _descendants(pid: int) -> list[int]:
    """Every live process below ``pid`` (workers may be forked by a fork server, itself a child)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        out.extend(frontier)
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _per_article(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT a.id, (SELECT group_concat(id) FROM (SELECT id FROM events WHERE article_id = a.id ORDER BY id)),"
            " (SELECT group_concat(id) FROM (SELECT id FROM quotes WHERE article_id = a.id ORDER BY id)),"
            " (SELECT count(*) FROM mentions WHERE article_id = a.id) FROM articles a").fetchall()
    return {r[0]: r[1:] for r in rows}


@pytest.mark.model
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_kill_9_mid_batch_then_rerun_completes_without_partial_or_duplicate(tmp_path, nlp):
    n = 320  # ten tasks of BATCH_SIZE short articles: the kill lands with some stored, some not
    corpus = write_many(tmp_path / "corpus", n)
    db = tmp_path / "killed.db"
    env = dict(os.environ, COMMUNIQUE_DB=f"sqlite:///{db}")
    proc = subprocess.Popen([*CLI, "ingest", str(corpus), "--workers", "2"],
                            env=dict(env, COMMUNIQUE_COMMIT_SECONDS="0.2"),  # commit often: many points to be killed at
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while _count(db) < 1 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    workers = _descendants(proc.pid)
    assert len(workers) >= 2, "the worker processes were not found"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _count(db)
    assert 0 < stored < n, "the run was not caught mid-batch"
    deadline = time.monotonic() + 20
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [w for w in workers if _alive(w)], "workers outlived their parent"

    rerun = subprocess.run([*CLI, "ingest", str(corpus), "--workers", "1"], env=env, capture_output=True,
                           text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db) == n
    assert f"{stored} unchanged" in rerun.stderr

    reference = store_mod.open(f"sqlite:///{tmp_path / 'reference.db'}")
    ingest(reference.writer(), read_inputs([str(corpus)]), workers=1)
    assert _per_article(db) == _per_article(tmp_path / "reference.db")
    status = subprocess.run([*CLI, "status"], env=dict(env, COLUMNS="200"), capture_output=True, text=True,
                            timeout=120)
    assert "interrupted" in status.stdout and "done" in status.stdout


@pytest.fixture
def db_url(tmp_path) -> str:
    """A store with three hand-made articles (no model needed)."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    s = store_mod.open(url)
    w = s.writer()
    a = article("Australia and Japan agreed to deepen defence ties.", date="2024-07-11", title="A")
    b = article("China accused Japan of provocations near the islands.", date="2024-08-02", title="B")
    w.write(a, result_for(a, pairs=[("AGREE", "AUS", "JPN")]))
    w.write(b, result_for(b, pairs=[("ACCUSE", "CHN", "JPN")]))
    s.close()
    return url


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})


def test_events_jsonl_carries_event_and_article_fields(db_url):
    result = invoke("events", "--format", "jsonl", "--db", db_url)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["type"] for r in records] == ["AGREE", "ACCUSE"]
    assert {"id", "type", "mode", "actors", "recipients", "actor_ids", "evidence", "article_id", "article_title",
            "article_date", "source", "cluster"} <= set(records[0])


def test_events_filters_csv_and_parquet(db_url, tmp_path):
    result = invoke("events", "--actor", "CHN", "--format", "csv", "--db", db_url)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["type"] for r in rows] == ["ACCUSE"]
    out = tmp_path / "events.parquet"
    assert invoke("events", "--format", "parquet", "-o", str(out), "--db", db_url).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == 2
    assert invoke("events", "--since", "July", "--db", db_url).exit_code == 2


def test_query_commands_print_tables(db_url):
    for args, expected in [
        (("actors", "--kind", "state"), "JPN"),
        (("quotes", "--speaker", "Wong"), "We will keep talking"),
        (("dyad", "AUS", "JPN", "--by", "month"), "2024-07"),
        (("dyad", "JPN", "CHN"), "ACCUSE"),
        (("search", "provocations"), "art_"),
        (("status",), "2 articles"),
    ]:
        result = invoke(*args, "--db", db_url)
        assert result.exit_code == 0, (args, result.output)
        assert expected in result.stdout, (args, result.stdout)


def test_show_prints_one_article_and_fails_cleanly_for_unknown_id(db_url):
    s = store_mod.open(db_url)
    art_id = s.articles()[0].id
    shown = invoke("show", art_id, "--format", "jsonl", "--db", db_url)
    assert json.loads(shown.stdout)["id"] == art_id
    assert invoke("show", "art_nope", "--db", db_url).exit_code == 2


def test_export_formats(db_url, tmp_path):
    plover = invoke("export", "--format", "plover", "--db", db_url)
    assert [json.loads(line)["event_type"] for line in plover.stdout.splitlines()] == ["AGREE", "ACCUSE"]
    gdelt = invoke("export", "--format", "gdelt", "--db", db_url)
    rows = list(csv.DictReader(io.StringIO(gdelt.stdout)))
    assert rows[1]["Actor1Code"].startswith("CHN") and rows[1]["QuadClass"] == "3" and rows[1]["SQLDATE"]
    out = tmp_path / "all.parquet"
    assert invoke("export", "--format", "parquet", "-o", str(out), "--db", db_url).exit_code == 0


def test_unusable_store_url_is_a_usage_error():
    assert invoke("status", "--db", "nosuchdb://x").exit_code == 2


@pytest.mark.model
def test_ingest_reports_each_failed_input_and_exits_1(tmp_path, nlp):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x00\x01binary")
    good = tmp_path / "good.txt"
    good.write_text("date 2024-01-02 Envoy recalled\n\nChile recalled its ambassador from Peru on Monday.\n",
                    encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'errors.db'}"
    result = invoke("ingest", str(good), str(bad), "--workers", "1", "--db", url)
    assert result.exit_code == 1
    assert "bad.bin" in result.stderr and "binary" in result.stderr
    assert "ingested 1 article(s)" in result.stderr and "1 failed" in result.stderr
    again = invoke("ingest", str(good), "--workers", "1", "--db", url)
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
