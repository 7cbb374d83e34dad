"""The word lists the extraction stages read, as data (``knowledge/data/words/<stage>.yaml``).

Each file maps a list's name to the general pattern it covers and its words::

    REPORTING_NOUNS:
      pattern: nouns that introduce what someone said ("the statement that ...")
      words: [statement, remarks, comment]

``word_set("events", "REPORTING_NOUNS")`` returns the words as a frozenset, read once per process.
A missing file, list or field is a ``ConfigError``: a stage never runs with an empty list by mistake.
"""

from __future__ import annotations

import functools

from communique.config import load_data_yaml
from communique.errors import ConfigError

__all__ = ["word_set"]


@functools.cache
def _lists(stage: str) -> dict[str, frozenset[str]]:
    name = f"words/{stage}.yaml"
    try:
        raw = load_data_yaml(name)
    except FileNotFoundError as exc:
        raise ConfigError(f"no word list file {name}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: expected a mapping of list names")
    out: dict[str, frozenset[str]] = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str) or not isinstance(
                entry.get("words"), list) or not all(isinstance(w, str) for w in entry["words"]):
            raise ConfigError(f"{name}: {key} needs a 'pattern' (text) and 'words' (a list of strings)")
        out[str(key)] = frozenset(entry["words"])
    return out


def word_set(stage: str, name: str) -> frozenset[str]:
    """The words of list ``name`` in ``knowledge/data/words/<stage>.yaml``."""
    lists = _lists(stage)
    if name not in lists:
        raise ConfigError(f"words/{stage}.yaml has no list {name}")
    return lists[name]
