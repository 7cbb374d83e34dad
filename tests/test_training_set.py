"""The team-written training passages of the event scorer (src/communique/examples/training, issue 19).

No model needed: the gold file is checked against its builder, the project's gold reader and the package data.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from communique.evaluate import PLOVER_TYPES, load_gold

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "communique"
SET_DIR = PACKAGE / "examples" / "training"
GOLD_FILE = SET_DIR / "training.gold.jsonl"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("training_build", SET_DIR / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("training_build", module)
    spec.loader.exec_module(module)
    return module


def test_build_regenerates_the_gold_file_byte_for_byte(build: ModuleType) -> None:
    assert build.render().encode("utf-8") == GOLD_FILE.read_bytes()


def test_build_writes_the_file_it_renders(build: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    build.main(["build.py", str(out)])
    assert out.read_bytes() == GOLD_FILE.read_bytes()


def test_gold_file_parses_with_unique_ids_and_plover_types_only() -> None:
    golds = load_gold(GOLD_FILE)
    ids = [g.id for g in golds]
    assert len(golds) == 160
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("train-") for i in ids)
    types = {t for g in golds for e in g.events for t in e.types}
    assert types <= PLOVER_TYPES
    assert not [g.id for g in golds if g.unknown_fields()]


def test_every_type_has_seven_required_events_and_forty_passages_have_none() -> None:
    golds = load_gold(GOLD_FILE)
    required = Counter(e.type for g in golds for e in g.events if not e.optional)
    assert {kind: required[kind] for kind in PLOVER_TYPES if required[kind] < 7} == {}
    assert sum(1 for g in golds if not g.events) >= 40


def test_no_event_passages_are_the_listed_traps(build: ModuleType) -> None:
    empty = [p for p in build.PASSAGES if not p.events]
    assert all(p.trap in build.TRAPS for p in empty)
    assert set(build.TRAPS) == {p.trap for p in empty}
    assert all(p.trap is None for p in build.PASSAGES if p.events)


def test_weekday_dates_resolve_on_or_before_and_on_or_after(build: ModuleType) -> None:
    assert build.resolve("2024-05-06", "<Thursday") == "2024-05-02"  # a Monday: last Thursday
    assert build.resolve("2024-05-06", ">Thursday") == "2024-05-09"
    assert build.resolve("2024-05-06", "<Monday") == "2024-05-06"
    assert build.resolve("2024-05-06", "2024-05") == "2024-05"
    assert build.resolve("2024-05-06", "") == "2024-05-06"


def test_gold_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["communique"]
    packaged = {path for pattern in patterns for path in PACKAGE.glob(pattern)}
    assert GOLD_FILE in packaged
