"""The bundled example corpus: articles and gold agree, and the gold is well formed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import communique

EXAMPLES = Path(communique.__file__).resolve().parent / "examples"
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _gold() -> list[dict]:
    lines = (EXAMPLES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


GOLD = _gold()


def test_corpus_size_and_coverage() -> None:
    assert len(GOLD) >= 14
    assert len({r["id"] for r in GOLD}) == len(GOLD)
    required = {e["type"] for r in GOLD for e in r["events"] if not e["optional"]}
    assert required == TYPES


@pytest.mark.parametrize("record", GOLD, ids=[r["id"] for r in GOLD])
def test_text_equals_article_body(record: dict) -> None:
    raw = (EXAMPLES / "articles" / f"{record['id']}.txt").read_text(encoding="utf-8")
    header, blank, body = raw.partition("\n\n")
    assert blank
    match = re.fullmatch(r" date (\d{4}-\d{2}-\d{2}) (.+)", header)
    assert match and match.groups() == (record["date"], record["title"])
    assert body.rstrip("\n") == record["text"]


@pytest.mark.parametrize("record", GOLD, ids=[r["id"] for r in GOLD])
def test_quotes_verbatim_with_listed_speakers(record: dict) -> None:
    names = {a["name"] for a in record["actors"]}
    # a quote continued over a paragraph break is stored with one space there
    flat = record["text"].replace('\n\n"', " ")
    for quote in record["quotes"]:
        assert quote["speaker"] in names
        assert '"' not in quote["text"]
        assert quote["text"] in flat


@pytest.mark.parametrize("record", GOLD, ids=[r["id"] for r in GOLD])
def test_actor_and_event_fields(record: dict) -> None:
    codes = {a["code"] for a in record["actors"] if a["kind"] in ("state", "igo")}
    for actor in record["actors"]:
        assert actor["kind"] in {"person", "state", "igo", "org"}
        if actor["kind"] in ("person", "org"):
            assert actor["sector"] == actor["sectors"][0]
    for event in record["events"]:
        assert event["type"] in TYPES
        assert set(event["actors"] + event["recipients"]) <= codes
        loc = event["location"]
        assert loc is None or loc["precision"] in {"city", "region", "state"}
        if loc is not None:
            assert -90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180


def test_article_files_parse_with_the_header_reader() -> None:
    """Every bundled file is in the header format the readers recognise by content."""
    for path in sorted((EXAMPLES / "articles").glob("*.txt")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert re.match(r"^\s*date \d{4}-\d{2}-\d{2} ", first), path.name


def test_cluster_gold_covers_every_article_and_stories_told_by_several_outlets() -> None:
    """Issue 22: clusters.gold.jsonl labels every gold event; at least five happenings are reported
    by two or more articles of different outlets (files named ``outlet-NN.txt``)."""
    lines = (EXAMPLES / "clusters.gold.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert [r["file"] for r in records] == [f"{g['id']}.txt" for g in GOLD]
    for record, gold in zip(records, GOLD, strict=True):
        assert [e["type"] for e in record["events"]] == [e["type"] for e in gold["events"]]
    outlets: dict[str, set[str]] = {}
    for record in records:
        for event in record["events"]:
            outlets.setdefault(event["cluster"], set()).add(re.sub(r"-\d+\.txt$", "", record["file"]))
    told_twice = {label for label, names in outlets.items() if len(names) >= 2}
    assert len(told_twice) >= 5
