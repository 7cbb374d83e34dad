"""The synthetic one-type stories (tests/fixtures/one_type, issue 19) and the measure of benchmarks/one_type.py.

No model needed: the gold file is checked against its builder and the project's gold reader, and the
measure is checked on hand-made inputs (the pipeline run itself is the benchmark's, run by hand).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from communique.evaluate import PLOVER_TYPES, load_gold

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "tests" / "fixtures" / "one_type"


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return _module("one_type_build", SET_DIR / "build.py")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _module("one_type_bench", ROOT / "benchmarks" / "one_type.py")


def test_build_regenerates_the_gold_file_identically(build: ModuleType) -> None:
    assert build.render() == (SET_DIR / "one_type.gold.jsonl").read_text(encoding="utf-8")


def test_build_writes_the_file_it_renders(build: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    build.main(["build.py", str(out)])
    assert out.read_text(encoding="utf-8") == build.render()


def test_gold_file_parses_with_four_stories_of_each_type_and_one_labelled_event(bench: ModuleType) -> None:
    golds = load_gold(SET_DIR / "one_type.gold.jsonl")
    assert len(golds) == 64
    labels = [bench.labelled_type(g.id) for g in golds]
    assert Counter(labels) == {kind: 4 for kind in PLOVER_TYPES}
    for gold, label in zip(golds, labels, strict=True):
        assert [e.type for e in gold.events] == [label]
        assert gold.events[0].actors and gold.events[0].status == "occurred"
        assert not gold.unknown_fields()


def test_weekday_helper_takes_the_nearest_day_on_or_before(build: ModuleType) -> None:
    assert build.before("2025-04-11", "Thursday") == "2025-04-10"  # a Friday
    assert build.before("2025-04-11", "Friday") == "2025-04-11"
    assert build.before("2025-04-11", "Saturday") == "2025-04-05"


def test_labelled_type_is_read_from_the_id(bench: ModuleType) -> None:
    assert bench.labelled_type("onetype-assault-3") == "ASSAULT"
    assert bench.labelled_type("onetype-concede-12") == "CONCEDE"
    assert sorted(bench.TYPE_ORDER) == sorted(PLOVER_TYPES)
    for bad in ("assault-3", "onetype-assault", "onetype-fight-1", "onetype-assault-x"):
        with pytest.raises(bench.StoryIdError, match=bad):
            bench.labelled_type(bad)


def test_share_counts_a_story_when_its_labelled_type_is_among_the_coded_ones(bench: ModuleType) -> None:
    coded = {
        "onetype-agree-1": ["CONSULT", "AGREE"],  # among others: a hit
        "onetype-agree-2": [],  # nothing coded (or the pipeline failed): a miss
        "onetype-assault-1": ["COERCE", "COERCE"],  # a neighbouring type only: a miss
        "onetype-accuse-1": ["ACCUSE", "ACCUSE"],  # twice: still one story
    }
    overall, per_type = bench.labelled_type_shares(coded)
    assert (overall.hits, overall.stories, overall.share) == (2, 4, 0.5)
    assert [(s.label, s.hits, s.stories) for s in per_type] == [("AGREE", 1, 2), ("ACCUSE", 1, 1), ("ASSAULT", 0, 1)]
    assert bench.labelled_type_shares({})[0].share is None


def test_summary_reports_aggregates_only(bench: ModuleType) -> None:
    from communique.evaluate import gold_to_result, score

    golds = load_gold(SET_DIR / "one_type.gold.jsonl")[:3]
    report = score(golds, [gold_to_result(g) for g in golds])
    data = bench.summary({g.id: [e.type for e in g.events] for g in golds}, report)
    assert data["labelled_type_coded"]["share"] == 1.0 and data["events"]["f1"] == 1.0
    assert data["stories"] == 3 and data["failed"] == 0
    assert not any(g.id in repr(data) for g in golds)  # no story-level output
