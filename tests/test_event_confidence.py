"""Issue 19 plumbing: event confidence, ``--min-confidence``, eval splits and the frames table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import communique.store as store_mod
from communique.cli import app
from communique.errors import ConfigError, GoldFormatError
from communique.evaluate import read_ids, split_ids
from communique.extract.event_confidence import ConfidenceEvidence, confidence, confident_events, trigger_form
from communique.knowledge import events as knowledge_events
from communique.knowledge.events import frames, plover_types
from test_store_support import article, result_for


def evidence(**changes: object) -> ConfidenceEvidence:
    """A full-frame verbal event, with some fields changed."""
    fields: dict[str, object] = {"trigger_form": "verb", "actor_source": "frame", "complete": True,
                                 "status": "occurred", "derived": False, "sentence_tokens": 12, "mentions": 1}
    fields.update(changes)
    return ConfidenceEvidence(**fields)  # type: ignore[arg-type]


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})


# ---------------------------------------------------------------- confidence
def test_confidence_is_in_the_unit_interval_and_orders_the_evidence() -> None:
    full = confidence(evidence())
    assert 0.0 <= full <= 1.0
    assert confidence(evidence(trigger_form="noun")) < full
    assert confidence(evidence(complete=False)) < full
    assert confidence(evidence(actor_source="unknown")) < full
    assert confidence(evidence(status="hypothetical")) < full
    assert confidence(evidence(mentions=3)) > full
    worst = evidence(trigger_form="modal", actor_source="unknown", complete=False, status="hypothetical")
    assert confidence(worst) >= 0.0


def test_trigger_form_reads_the_rule_name() -> None:
    assert trigger_form("sanction.cond.verb.order", "verb") == "cond"
    assert trigger_form("consult.verb_phrase.hold_talk", "verb") == "phrase"
    assert trigger_form("assault.noun.shelling", "noun") == "noun"


def test_confident_events_keep_those_at_or_above_the_threshold() -> None:
    art = article("Japan and Australia met; China accused Japan.", date="2024-07-11", title="C")
    result = result_for(art, pairs=[("CONSULT", "JPN", "AUS"), ("ACCUSE", "CHN", "JPN"), ("ACCUSE", "CHN", "AUS")])
    events = [result.events[0].model_copy(update={"confidence": 0.9}),
              result.events[1].model_copy(update={"confidence": 0.4}), result.events[2]]
    assert [e.confidence for e in confident_events(events, 0.5)] == [0.9]
    assert len(confident_events(events, 0.4)) == 2


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A store with one sure and one unsure event."""
    url = f"sqlite:///{tmp_path / 'conf.db'}"
    s = store_mod.open(url)
    w = s.writer()
    art = article("Australia and Japan agreed to deepen ties; China accused Japan.", date="2024-07-11", title="A")
    result = result_for(art, pairs=[("AGREE", "AUS", "JPN"), ("ACCUSE", "CHN", "JPN")])
    events = [result.events[0].model_copy(update={"confidence": 0.85}),
              result.events[1].model_copy(update={"confidence": 0.35})]
    w.write(art, result.model_copy(update={"events": events}))
    s.close()
    return url


def test_events_and_export_take_min_confidence(db_url: str) -> None:
    every = invoke("events", "--format", "jsonl", "--db", db_url)
    assert [json.loads(line)["confidence"] for line in every.stdout.splitlines()] == [0.85, 0.35]
    sure = invoke("events", "--format", "jsonl", "--min-confidence", "0.5", "--db", db_url)
    assert sure.exit_code == 0, sure.output
    assert [json.loads(line)["type"] for line in sure.stdout.splitlines()] == ["AGREE"]
    exported = invoke("export", "--format", "jsonl", "--min-confidence", "0.5", "--db", db_url)
    assert exported.exit_code == 0 and len(exported.stdout.splitlines()) == 1


@pytest.mark.parametrize("command", ["events", "export"])
def test_min_confidence_outside_the_unit_interval_is_a_usage_error(db_url: str, command: str) -> None:
    result = invoke(command, "--min-confidence", "1.5", "--db", db_url)
    assert result.exit_code == 2 and "--min-confidence" in result.output


def test_extract_min_confidence_filters_events(nlp, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Kenya expelled a Somali diplomat on Monday. Russia's shelling killed five civilians.\n")
    every = json.loads(invoke("extract", "-f", "jsonl", "--date", "2024-05-02", str(text)).stdout)
    sure = json.loads(invoke("extract", "-f", "jsonl", "--date", "2024-05-02", "--min-confidence", "0.7",
                             str(text)).stdout)
    assert every["events"] and all(0.0 <= e["confidence"] <= 1.0 for e in every["events"])
    assert {e["type"] for e in sure["events"]} == {"SANCTION"} < {e["type"] for e in every["events"]}
    assert invoke("extract", "--min-confidence", "-1", str(text)).exit_code == 2


# ---------------------------------------------------------------- eval splits
def test_splits_are_disjoint_halves_of_ids() -> None:
    tune, held = split_ids("tune"), split_ids("held-out")
    assert tune and held and not tune & held
    with pytest.raises(GoldFormatError):
        split_ids("everything")


def test_read_ids_skips_blanks_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "ids.txt"
    path.write_text("# chosen\na1\n\n a2  # second\n")
    assert read_ids(path) == {"a1", "a2"}
    path.write_text("# none\n")
    with pytest.raises(GoldFormatError):
        read_ids(path)


def test_eval_scores_only_the_listed_ids(nlp, tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    lines = [{"id": i, "date": "2024-05-02", "text": "Kenya expelled a Somali diplomat on Monday.", "actors": [],
              "quotes": [], "events": [{"type": "SANCTION", "actors": ["KEN"], "recipients": ["SOM"]}]}
             for i in ("a1", "a2")]
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines))
    ids = tmp_path / "ids.txt"
    ids.write_text("a2\n")
    result = invoke("eval", str(gold), "--json", "--ids", str(ids))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 1
    ids.write_text("zzz\n")
    assert invoke("eval", str(gold), "--ids", str(ids)).exit_code == 2
    assert invoke("eval", str(gold), "--split", "bogus").exit_code == 2


# ---------------------------------------------------------------- frames as data
def test_every_plover_type_has_a_frame_citing_its_definition() -> None:
    table = frames()
    assert set(table.by_type) == set(plover_types())
    for name, frame in table.by_type.items():
        assert frame.source.startswith(name), name
        assert frame.recipient_preps and "by" in frame.actor_preps
    assert "from" in table.of("ACCUSE").actor_preps and "from" in table.of("RETREAT").recipient_preps
    assert "exercise" in table.of("MOBILIZE").joint_acts


def test_an_unquoted_yaml_boolean_in_frames_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = knowledge_events._load_yaml

    def broken(name: str) -> dict:
        data = real(name)
        if name == "frames.yaml":
            data = {**data, "default_recipient_preps": [True, "with"]}
        return data

    monkeypatch.setattr(knowledge_events, "_load_yaml", broken)
    frames.cache_clear()
    try:
        with pytest.raises(ConfigError):
            frames()
    finally:
        frames.cache_clear()
