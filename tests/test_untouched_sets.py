"""The untouched gold sets (issue 19): each gold file is what its build.py writes, and it parses.

No extraction runs here: these sets are never tuned on, so the tests only guard the files themselves.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from communique.evaluate.gold import GoldArticle, load_gold

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: (folder, gold file name, number of articles) of every untouched set.
SETS = [("untouched", "untouched.gold.jsonl", 8), ("untouched_news", "untouched_news.gold.jsonl", 8)]


@pytest.mark.parametrize(("folder", "name", "count"), SETS)
def test_gold_file_is_rebuilt_identically(tmp_path: Path, folder: str, name: str, count: int) -> None:
    """Running the set's build.py writes byte for byte the committed gold file."""
    out = tmp_path / name
    subprocess.run([sys.executable, str(FIXTURES / folder / "build.py"), str(out)], check=True,
                   capture_output=True, text=True)
    assert out.read_bytes() == (FIXTURES / folder / name).read_bytes()


@pytest.mark.parametrize(("folder", "name", "count"), SETS)
def test_gold_file_parses(folder: str, name: str, count: int) -> None:
    """The gold reader of `communique eval` loads the set without unknown fields."""
    golds = load_gold(FIXTURES / folder / name)
    assert len(golds) == count
    assert all(not gold.unknown_fields() for gold in golds)
    assert all(gold.has_actor_gold and gold.events for gold in golds)


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


def test_news_set_is_consistent() -> None:
    """Every quote of the newspaper set is in its text, said by a listed actor; every event code is listed."""
    golds = load_gold(FIXTURES / "untouched_news" / "untouched_news.gold.jsonl")
    assert {gold.id: _problems(gold) for gold in golds if _problems(gold)} == {}
    assert sum(1 for gold in golds for event in gold.events if not event.optional) >= 100
