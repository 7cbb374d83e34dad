"""``communique clusters``: jsonl records, filters, --rebuild, usage errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import communique.store as store_mod
from communique.cli import app
from communique.store.clustering import update_clusters
from test_store_clustering import ARTICLES, make

RUNNER = CliRunner()


def filled(tmp_path, *, cluster: bool = True) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = store_mod.open(url)
    w = store.writer()
    for i, (outlet, date, events) in enumerate(ARTICLES):
        art, result = make(outlet, date, events, n=i)
        w.write(art, result)
        if cluster:
            update_clusters(store.engine, [art.id])
    store.close()
    return url


def lines(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_jsonl_records_and_filters(tmp_path):
    url = filled(tmp_path)
    records = lines(RUNNER.invoke(app, ["clusters", "--format", "jsonl", "--db", url]))
    assert len(records) == 5
    assert set(records[0]) >= {"id", "type", "mode", "participants", "date", "status", "contested", "events",
                               "articles", "sources", "counts", "first_reported", "last_reported", "disagreements",
                               "links"}
    (strike,) = lines(RUNNER.invoke(app, ["clusters", "--contested", "--format", "jsonl", "--db", url]))
    assert strike["type"] == "ASSAULT" and strike["counts"] == {"events": 2, "articles": 2, "sources": 2}
    (link,) = strike["links"]  # issue 22: why the two reports are one happening
    assert {link["a"], link["b"]} == set(strike["events"])
    assert link["reason"].startswith("same type ASSAULT; actor {TUR} to {IRQ}; date 2024-06-03")
    assert all(c["links"] == [] for c in records if len(c["events"]) == 1)
    sanctions = lines(RUNNER.invoke(app, ["clusters", "--type", "SANCTION", "--actor", "IRN", "--format", "jsonl",
                                          "--db", url]))
    assert [c["participants"] for c in sanctions] == [["IRN", "USA"]]
    with_reports = lines(RUNNER.invoke(app, ["clusters", "--reports", "--since", "2024-06", "--format", "jsonl",
                                             "--db", url]))
    assert sorted(r["source"] for r in with_reports[0]["reports"]) == ["gazette.example", "island.example"]
    events = lines(RUNNER.invoke(app, ["events", "--format", "jsonl", "--db", url]))
    assert {e["cluster"] for e in events} == {c["id"] for c in records}


def test_rebuild_fills_a_store_made_without_clusters(tmp_path):
    url = filled(tmp_path, cluster=False)
    assert lines(RUNNER.invoke(app, ["clusters", "--format", "jsonl", "--db", url])) == []
    result = RUNNER.invoke(app, ["clusters", "--rebuild", "--db", url])
    assert result.exit_code == 0 and "5 clusters" in result.stdout


def test_bad_dates_are_usage_errors(tmp_path):
    assert RUNNER.invoke(app, ["clusters", "--since", "May", "--db", filled(tmp_path)]).exit_code == 2


def test_most_reported_first_unless_by_date(tmp_path):
    url = filled(tmp_path)
    records = lines(RUNNER.invoke(app, ["clusters", "--format", "jsonl", "--db", url]))
    assert [r["counts"]["articles"] for r in records] == [2, 2, 2, 1, 1]
    by_day = lines(RUNNER.invoke(app, ["clusters", "--sort", "date", "--format", "jsonl", "--db", url]))
    assert [r["date"] for r in by_day] == sorted(r["date"] for r in by_day)
    assert RUNNER.invoke(app, ["clusters", "--sort", "size", "--db", url]).exit_code == 2
