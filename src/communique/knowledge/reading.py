"""Knowledge for reading real-world text (issue 20): boilerplate lines and names to truecase.

- ``boilerplate()``: the patterns of ``data/boilerplate.yaml`` (lines around a body that are not
  part of it: a date line, a byline, a copyright notice, a page number...).
- ``case_names()``: every name the knowledge tables know (states, their capitals, adjectives and
  demonyms, IGOs, seats of power, organisations, known persons, places, US states and GeoNames
  cities), as lower-case form -> written form, minus the common English words of
  ``data/truecase.yaml``; the table the truecaser restores capitals from.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from communique.config import data_path, load_data_yaml
from communique.knowledge import actor_tables as tables

__all__ = ["BoilerplateRule", "BoilerplateTable", "CaseNames", "boilerplate", "case_names", "english_words",
           "is_english_word"]

BOILERPLATE_FILE = "boilerplate.yaml"
TRUECASE_FILE = "truecase.yaml"
PLACES_FILE = "places.yaml"
LEADERS_FILE = "leaders.yaml"
GEONAMES_FILE = "geonames.tsv.gz"
ENGLISH_WORDS_FILE = "english_words.txt.gz"


@dataclass(frozen=True)
class BoilerplateRule:
    """One kind of boilerplate line: a whole line matching ``regex``, of at most ``max_words`` words."""

    kind: str
    covers: str
    regex: re.Pattern[str]
    max_words: int


@dataclass(frozen=True)
class BoilerplateTable:
    """The rules, and how many lines at each end of a body are checked."""

    edge_lines: int
    rules: tuple[BoilerplateRule, ...]

    def kind_of(self, line: str) -> str | None:
        """Return the kind of boilerplate ``line`` is (stripped, case ignored), or None."""
        stripped = line.strip()
        words = len(stripped.split())
        for rule in self.rules:
            if words <= rule.max_words and rule.regex.fullmatch(stripped):
                return rule.kind
        return None


@functools.cache
def boilerplate() -> BoilerplateTable:
    """Load ``data/boilerplate.yaml`` once."""
    data = load_data_yaml(BOILERPLATE_FILE)
    default_words = int(data["max_words"])
    rules = tuple(
        BoilerplateRule(
            kind=str(item["kind"]),
            covers=str(item["covers"]),
            regex=re.compile(str(item["pattern"]), re.IGNORECASE),
            max_words=int(item.get("max_words", default_words)),
        )
        for item in data["patterns"]
    )
    return BoilerplateTable(edge_lines=int(data["edge_lines"]), rules=rules)


@dataclass(frozen=True)
class CaseNames:
    """Names to restore in text written all in one case.

    ``by_first``: the first word of a lower-case form -> ``(lower form, written form)`` pairs,
    longest first; every pair has two strings of the same length, so truecasing keeps offsets.
    """

    by_first: dict[str, tuple[tuple[str, str], ...]]
    common_words: frozenset[str]
    abbreviations: frozenset[str]
    #: per case of text ("lower", "upper"): give words that are no English word a capital
    capitalise_unknown: dict[str, bool]

    def __len__(self) -> int:
        return sum(len(forms) for forms in self.by_first.values())


_FIRST_WORD = re.compile(r"[^\W_]+")


@functools.cache
def case_names() -> CaseNames:
    """Build the truecasing table from every knowledge table (once per process)."""
    data = load_data_yaml(TRUECASE_FILE)
    from spacy.lang.en.stop_words import STOP_WORDS

    common = frozenset(str(w).lower() for w in data["common_words"]) | frozenset(STOP_WORDS)
    written: dict[str, str] = {}
    forms = (*(str(w) for w in data["always_capitalised"]), *_known_forms(int(data["min_city_population"])))
    for form in forms:
        lower = form.lower()
        first = _FIRST_WORD.match(lower)
        if (first is None or first.start() != 0 or len(lower) != len(form) or lower == form
                or (first.end() == len(lower) and lower in common)):
            continue
        written.setdefault(lower, form)
    grouped: dict[str, list[tuple[str, str]]] = {}
    for lower, form in written.items():
        first = _FIRST_WORD.match(lower)
        assert first is not None  # checked above
        grouped.setdefault(first.group(), []).append((lower, form))
    by_first = {key: tuple(sorted(pairs, key=lambda pair: -len(pair[0]))) for key, pairs in grouped.items()}
    abbreviations = frozenset(str(w).lower() for w in data["abbreviations"])
    capitalise = {str(k): bool(v) for k, v in data["capitalise_unknown_words"].items()}
    return CaseNames(by_first=by_first, common_words=common, abbreviations=abbreviations,
                     capitalise_unknown=capitalise)


@functools.cache
def english_words() -> frozenset[str]:
    """The lower-case English words: the dictionary list, and truecase.yaml's common and modern words."""
    text = gzip.decompress(data_path(ENGLISH_WORDS_FILE).read_bytes()).decode("utf-8")
    data = load_data_yaml(TRUECASE_FILE)
    words = {line for line in text.splitlines() if line and not line.startswith("#")}
    words.update(str(w).lower() for w in (*data["common_words"], *data["modern_words"]))
    return frozenset(words)


@functools.cache
def _inflections() -> tuple[tuple[str, str], ...]:
    return tuple((str(end), str(base or "")) for end, base in load_data_yaml(TRUECASE_FILE)["inflections"])


@functools.cache
def _spellings() -> tuple[tuple[str, str], ...]:
    return tuple((str(british), str(american)) for british, american in load_data_yaml(TRUECASE_FILE)["spellings"])


@functools.lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Is the lower-case ``word`` an English word, as written, in its American spelling, or with a
    regular inflection taken off?

    A doubled final consonant left by the inflection is undone too ("committed" -> "commit").
    """
    if _is_listed_word(word):
        return True
    return any(british in word and _is_listed_word(word.replace(british, american))
               for british, american in _spellings())


def _is_listed_word(word: str) -> bool:
    words = english_words()
    if word in words:
        return True
    for ending, base in _inflections():
        if len(word) > len(ending) + 2 and word.endswith(ending):
            stem = word[: -len(ending)] + base
            if stem in words or (not base and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in words):
                return True
    return False


def _known_forms(min_population: int) -> Iterator[str]:
    """Every written name form of the knowledge tables; the first of a lower-case form wins."""
    for igo in tables.igos().by_key.values():
        yield igo.acronym
        yield from (igo.name, *igo.aliases)
    yield from tables.countries().forms
    for org in (*tables.seats().values(), *tables.known_orgs().values()):
        yield from (org.name, *org.aliases)
    for leader in load_data_yaml(LEADERS_FILE):
        yield str(leader["name"])
        yield from (str(alias) for alias in leader.get("aliases") or ())
    yield from _place_forms(load_data_yaml(PLACES_FILE)["places"])
    yield from _geonames_forms(min_population)


def _place_forms(places: Iterable[dict[str, object]]) -> Iterator[str]:
    for place in places:
        yield str(place["name"])
        yield from (str(alias) for alias in place.get("aliases") or ())  # type: ignore[attr-defined]


def _geonames_forms(min_population: int) -> Iterator[str]:
    """US states and the GeoNames cities of at least ``min_population`` people."""
    text = gzip.decompress(data_path(GEONAMES_FILE).read_bytes()).decode("utf-8")
    sections = dict(part.split("\n", 1) for part in text.split("\n@")[1:])
    for line in sections["us_states"].splitlines():
        yield line.split("\t", 1)[0]
    for line in sections["cities"].splitlines():
        fields = line.split("\t")
        if len(fields) > 5 and fields[5].isdigit() and int(fields[5]) >= min_population:
            yield fields[1]
