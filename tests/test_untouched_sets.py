"""The untouched gold sets (issue 19): each gold file is what its build.py writes, it parses, and it is consistent.

No extraction runs here: these sets are never tuned on, so the tests only guard the files themselves. The
tuning sets read in detail by the team (``sentences_tune``, single sentences; ``news_tune``, newspaper
articles) are guarded the same way.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from communique.evaluate import PLOVER_TYPES
from communique.evaluate.gold import GENERIC_CODES, ISO_DATE, GoldArticle, load_gold
from communique.evaluate.text import is_state_code
from communique.knowledge.events import plover_types

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: (folder, gold file name, number of articles, whether gold has actors/quotes) of every untouched set.
SETS = [("untouched", "untouched.gold.jsonl", 8, True), ("untouched_news", "untouched_news.gold.jsonl", 8, True),
        ("sentences_untouched", "sentences_untouched.gold.jsonl", 96, False),
        ("sentences_tune", "sentences_tune.gold.jsonl", 160, False), ("news_tune", "news_tune.gold.jsonl", 8, True)]
PARAMS = ("folder", "name", "count", "actor_gold")


@pytest.mark.parametrize(PARAMS, SETS)
def test_gold_file_is_rebuilt_identically(tmp_path: Path, folder: str, name: str, count: int,
                                          actor_gold: bool) -> None:
    """Running the set's build.py writes byte for byte the committed gold file."""
    out = tmp_path / name
    subprocess.run([sys.executable, str(FIXTURES / folder / "build.py"), str(out)], check=True,
                   capture_output=True, text=True)
    assert out.read_bytes() == (FIXTURES / folder / name).read_bytes()


@pytest.mark.parametrize(PARAMS, SETS)
def test_gold_file_parses(folder: str, name: str, count: int, actor_gold: bool) -> None:
    """The gold reader of `communique eval` loads the set without unknown fields (event-only where meant)."""
    golds = load_gold(FIXTURES / folder / name)
    assert len(golds) == count
    assert all(not gold.unknown_fields() for gold in golds)
    assert all(gold.has_actor_gold is actor_gold and gold.events for gold in golds)


def _problems(gold: GoldArticle) -> list[str]:
    """Inconsistencies inside one gold article: quotes not in the text, unknown speakers or codes."""
    names = {actor.name for actor in gold.actors}
    codes = {actor.code for actor in gold.actors if actor.kind in ("state", "igo")}
    codes |= {actor.country for actor in gold.actors if actor.kind == "org"}
    found = [f"quote not in text: {q.text[:40]!r}" for q in gold.quotes if q.text not in gold.text]
    found += [f"speaker not an actor: {q.speaker!r}" for q in gold.quotes if q.speaker not in names]
    found += [f"event code not an actor: {code}" for event in gold.events
              for code in [*event.actors, *event.recipients] if code not in codes]
    return found


#: (folder, gold file, fewest required events) of each newspaper-style set with full gold.
NEWS_SETS = [("untouched_news", "untouched_news.gold.jsonl", 100), ("news_tune", "news_tune.gold.jsonl", 100)]


@pytest.mark.parametrize(("folder", "name", "required"), NEWS_SETS)
def test_news_set_is_consistent(folder: str, name: str, required: int) -> None:
    """Every quote of a newspaper set is in its text, said by a listed actor; every event code is listed."""
    golds = load_gold(FIXTURES / folder / name)
    assert {gold.id: _problems(gold) for gold in golds if _problems(gold)} == {}
    assert sum(1 for gold in golds for event in gold.events if not event.optional) >= required


def test_news_tune_set_covers_every_type_with_known_modes() -> None:
    """The newspaper tuning set has required events of all 16 PLOVER types, dated, with PLOVER's modes only."""
    golds = load_gold(FIXTURES / "news_tune" / "news_tune.gold.jsonl")
    events = [event for gold in golds for event in gold.events]
    assert {event.type for event in events if not event.optional} == set(PLOVER_TYPES)
    bad = [f"{event.type} mode {event.mode}" for event in events
           if event.mode is not None and event.mode not in plover_types()[event.type].modes]
    bad += [f"{event.type} date {event.date}" for event in events
            if event.date is not None and not ISO_DATE.match(event.date)]
    bad += [f"{event.type} without status" for event in events if event.status is None]
    assert bad == []
    assert all(450 <= len(gold.text.split()) <= 700 for gold in golds)


#: IGO codes the single-sentence sets use (FORMAT.md's list); NGO and IMG are generic codes.
SENTENCE_IGOS = frozenset({"UN", "UNSC", "EU", "AU", "NATO", "ECOWAS", "ASEAN", "IMF", "WB", "WHO", "ARAB_LEAGUE",
                           "ICC", "IAEA", "OAS"})
#: (folder, gold file, items per PLOVER type, fewest words a sentence may have) of each single-sentence set.
SENTENCE_SETS = [("sentences_untouched", "sentences_untouched.gold.jsonl", 6, 18),
                 ("sentences_tune", "sentences_tune.gold.jsonl", 10, 15)]
#: A sentence end inside the text: end punctuation (maybe a closing quote) followed by a space.
INNER_SENTENCE_END = re.compile(r"[.!?][\"”]?\s")


def _sentence_problems(gold: GoldArticle, min_words: int = 18) -> list[str]:
    """What keeps one item from being a dated single sentence with well-formed event-only gold."""
    words = len(gold.text.split())
    found = [] if min_words <= words <= 45 else [f"{words} words"]
    if INNER_SENTENCE_END.search(gold.text) or not gold.text.endswith("."):
        found.append("not one sentence")
    year = int(gold.date[:4]) if gold.date else 0
    if not 1990 <= year <= 2024:
        found.append(f"article date {gold.date}")
    if not any(not event.optional for event in gold.events):
        found.append("no required event")
    labelled = gold.id.split("-")[1].upper()
    if not any(labelled in event.types for event in gold.events if not event.optional):
        found.append(f"no required {labelled} event")
    for event in gold.events:
        codes = [*event.actors, *event.recipients]
        found += [f"unknown code {code}" for code in codes
                  if not (is_state_code(code) or code in SENTENCE_IGOS or code in GENERIC_CODES)]
        if event.date is not None and not (ISO_DATE.match(event.date) and 1990 <= int(event.date[:4]) <= year + 1):
            found.append(f"event date {event.date}")
        if event.status is None:
            found.append(f"{event.type} without status")
        if event.mode is not None and event.mode not in plover_types()[event.type].modes:
            found.append(f"{event.type} mode {event.mode}")
    return found


@pytest.mark.parametrize(("folder", "name", "per_type", "min_words"), SENTENCE_SETS)
def test_sentence_set_is_consistent(folder: str, name: str, per_type: int, min_words: int) -> None:
    """Dated one-sentence items, the same number per type, each with a required event of its type and known codes."""
    golds = load_gold(FIXTURES / folder / name)
    assert Counter(gold.id.split("-")[1].upper() for gold in golds) == {kind: per_type for kind in PLOVER_TYPES}
    problems = {gold.id: _sentence_problems(gold, min_words) for gold in golds}
    assert {key: found for key, found in problems.items() if found} == {}
    assert all(not gold.actors and not gold.quotes for gold in golds)
    assert len({gold.id for gold in golds}) == len(golds)


def test_sentence_check_flags_a_malformed_item() -> None:
    """The consistency check catches two sentences, an undated article, an unknown code and a missing type."""
    bad = GoldArticle.model_validate({
        "id": "sent-agree-9", "date": None, "text": "Ruritania and Freedonia met on Monday. They talked.",
        "events": [{"type": "CONSULT", "actors": ["RUR"], "recipients": ["FRE"], "date": "1989-01-02",
                    "status": "occurred"}]})
    assert _sentence_problems(bad) == ["8 words", "not one sentence", "article date None", "no required AGREE event",
                                       "unknown code RUR", "unknown code FRE", "event date 1989-01-02"]


def test_sentence_check_flags_an_unknown_mode() -> None:
    """A mode that PLOVER does not define for the event's type is flagged; a known one is not."""
    gold = GoldArticle.model_validate({
        "id": "tune-consult-9", "date": "2001-05-04",
        "text": "The foreign ministers of Chile and Peru spoke by telephone on Thursday about fishing rights.",
        "events": [{"type": "CONSULT", "mode": "phone", "actors": ["CHL", "PER"], "date": "2001-05-03",
                    "status": "occurred"},
                   {"type": "CONSULT", "mode": "arrest", "actors": ["CHL", "PER"], "optional": True,
                    "status": "occurred"}]})
    assert _sentence_problems(gold, 15) == ["CONSULT mode arrest"]


@pytest.mark.parametrize(("label", "folder", "name"), [
    ("sentences untouched (96)", "sentences_untouched", "sentences_untouched.gold.jsonl"),
    ("sentences tune (160)", "sentences_tune", "sentences_tune.gold.jsonl"),
    ("news tune (8)", "news_tune", "news_tune.gold.jsonl")])
def test_event_splits_benchmark_reports_the_sentence_set(label: str, folder: str, name: str) -> None:
    """benchmarks/event_splits.py lists each sentence set and the news tuning set under its label, at its file."""
    path = FIXTURES.parents[1] / "benchmarks" / "event_splits.py"
    spec = importlib.util.spec_from_file_location("event_splits_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = {label: (gold, ids) for label, gold, ids in module._sets(Path("../shared/gold"))}
    gold, ids = rows[label]
    assert ids is None and gold.resolve() == (FIXTURES / folder / name)
