"""``communique load`` of event records coded elsewhere: Communiqué event JSON Lines and POLECAT."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from communique.cli import app
from communique.errors import InputError
from communique.loading import iter_loadable
from communique.store.api import Store

POLECAT = [
    {"Event ID": "p1", "Event Date": "2023-05-02", "Event Type": "ASSAULT", "Event Mode": "aerial",
     "Contexts": "military;terrorism", "Actor Country": "ISR", "Recipient Country": "LBN",
     "Primary Actor Sector": "MIL", "Story ID": "s1", "Source": "wire-a", "Placename": "Tyre",
     "City": "Tyre", "Country": "LBN", "Latitude": 33.27, "Longitude": 35.2},
    {"Event ID": "p2", "Event Date": "2023-05-02", "Event Type": "ACCUSE", "Event Mode": "disapprove",
     "Actor Country": "LBN", "Recipient Country": "ISR", "Story ID": "s1", "Source": "wire-a"},
    {"event_id": "p3", "event_date": "2023-06-10", "event_type": "CONSULT", "actor_country": "FRA",
     "recipient_country": "DEU", "story_id": "s2", "source": "wire-b"},
    {"Event ID": "p4", "Event Type": "DANCE"},
]


def test_polecat_records_become_events(tmp_path: Path):
    path = tmp_path / "polecat.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in POLECAT) + "\n{broken\n")
    items = list(iter_loadable(path))
    errors = [i for i in items if isinstance(i, InputError)]
    loaded = [i for i in items if not isinstance(i, InputError)]
    assert len(errors) == 2 and "DANCE" in str(errors[0]) and "line 5" in str(errors[1])
    assert len(loaded) == 2  # two stories
    (art1, res1), (art2, res2) = loaded
    assert [e.type for e in res1.events] == ["ASSAULT", "ACCUSE"]
    strike = res1.events[0]
    assert strike.actors == ["ISR"] and strike.recipients == ["LBN"] and strike.mode == "aerial"
    assert strike.context == ["military", "terrorism"] and strike.actor_sectors == ["MIL"]
    assert strike.cameo_root == "18" and strike.score == -9.5 and strike.goldstein == -9.0
    assert strike.location.lat == 33.27 and strike.location.state == "LBN"
    assert res2.events[0].type == "CONSULT" and art2.date == "2023-06-10"


def test_load_events_jsonl_round_trip(tmp_path: Path):
    from communique.config import examples_dir

    runner = CliRunner()
    source_db, target_db = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    one = sorted((examples_dir() / "articles").glob("*.txt"))[0]
    assert runner.invoke(app, ["ingest", str(one), "--db", source_db, "--workers", "1"]).exit_code == 0
    dump = runner.invoke(app, ["events", "--format", "jsonl", "--db", source_db])
    assert dump.exit_code == 0
    path = tmp_path / "events.jsonl"
    path.write_text(dump.stdout)
    result = runner.invoke(app, ["load", str(path), str(tmp_path / "polecat.jsonl"), "--db", target_db])
    assert result.exit_code == 1  # the second path does not exist: reported, the first still loaded
    with Store(source_db) as a, Store(target_db) as b:
        original = {e.id: (e.type, e.actors, e.recipients, e.date, e.status) for e in a.events()}
        copied = {e.id: (e.type, e.actors, e.recipients, e.date, e.status) for e in b.events()}
        assert original and original == copied
