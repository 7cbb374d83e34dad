"""The extraction stages' word lists are data: every file parses, every list names its pattern."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from communique.errors import ConfigError
from communique.knowledge.words import word_set

WORDS = Path(__file__).resolve().parents[1] / "src" / "communique" / "knowledge" / "data" / "words"


def test_every_list_has_a_pattern_and_string_words():
    for path in sorted(WORDS.glob("*.yaml")):
        lists = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, entry in lists.items():
            assert isinstance(entry["pattern"], str) and entry["pattern"].strip(), (path.name, name)
            assert entry["words"] and all(isinstance(w, str) for w in entry["words"]), (path.name, name)
            assert word_set(path.stem, name) == frozenset(entry["words"])


def test_a_missing_list_or_file_is_an_error():
    with pytest.raises(ConfigError):
        word_set("no-such-stage", "ANY")
