"""Place names to gazetteer entries: resolution, datelines and the states an article is about.

Same-named places are told apart by the article's states (its dateline, its actors, the
states it names), then by population; see :mod:`communique.extract.locations`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc

from communique.extract.place_tables import Place, squash, tables
from communique.knowledge.actor_tables import countries
from communique.knowledge.names import fold
from communique.knowledge.words import word_set
from communique.nlp import doc_text, token_table
from communique.records import ActorSet

#: An in-state city is preferred unless a same-named city elsewhere is this many times larger.
POPULATION_OVERRIDE = 50
#: Outside the article's states, smaller cities are taken for namesakes.
FOREIGN_MIN_POPULATION = 100_000
#: A US state name that is also a city this large is read as the city ("Washington").
BIG_CITY = 500_000
#: Weight of the dateline's state among the article's states.
DATELINE_WEIGHT = 100
_REGION_SUFFIXES = word_set("places", "REGION_SUFFIXES")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"\A\s*(?P<city>[A-Z][A-Z.'’\- ]{1,40}?[A-Z.])"
    r"(?:,\s*(?!" + _MONTHS + r")(?P<qual>[A-Z][\w.'’\- ]{1,30}?))?"
    r"(?:,?\s*" + _MONTHS + r")?"
    r"(?:\s*\([^)\n]{1,40}\))?"
    r"\s*(?:--|—|–|-)\s"
)


# -------------------------------------------------------------- resolution


def resolve_place(text: str, states: Counter[str] | None = None,
                  *, prefer: str | None = None) -> Place | None:
    """Resolve a place name to a gazetteer entry, or None.

    Args:
        text: the name as written ("Tripoli", "the Strait of Hormuz", "Georgia").
        states: how strongly the article is about each state (alpha-3 -> weight).
        prefer: a state the name must lie in when it can (a dateline's "Lebanon").

    Returns:
        The non-city place, state, US state or city the name stands for.
    """
    weights = Counter(states or {})
    if prefer:
        weights[prefer] += DATELINE_WEIGHT
    key = fold(text)
    t = tables()
    if key in t.areas:
        return t.areas[key]
    state, us_state = t.states.get(key), t.us_states.get(key)
    alias_only, cities = t.cities.get(key, (True, ()))
    if state and us_state:  # "Georgia": the country unless the article is about the US
        return us_state if weights["USA"] > weights[state.state or ""] else state
    if state:
        return state
    if us_state:  # "Washington" and "New York" are the cities, "Texas" the state
        big = [c for c in cities if c.state == "USA" and c.population >= BIG_CITY and not alias_only]
        return big[0] if big else us_state
    if cities:
        return _best_city(cities, weights, alias_only=alias_only)
    return _resolve_region(key, weights)


def _best_city(candidates: tuple[Place, ...], weights: Counter[str], *,
               alias_only: bool = False) -> Place | None:
    """Pick among same-named cities: in the article's states first, then by population.

    Outside the article's states, a city matched only by an alternative name, or
    smaller than FOREIGN_MIN_POPULATION, is too likely a namesake: None.
    """
    largest = candidates[0].population
    in_state = [p for p in candidates if weights[p.state or ""] > 0
                and p.population * POPULATION_OVERRIDE >= largest]
    if in_state:
        return max(in_state, key=lambda p: (weights[p.state or ""], p.population))
    if weights and (alias_only or largest < FOREIGN_MIN_POPULATION):
        return None
    return candidates[0]


def _resolve_region(key: str, weights: Counter[str]) -> Place | None:
    """Resolve "Kharkiv region" or "Mandera county" through the named city, as a region."""
    words = key.split()
    if len(words) < 2 or words[-1] not in _REGION_SUFFIXES:
        return None
    head = " ".join(words[:-1])
    hit = resolve_place(head, weights)
    if hit is None or hit.precision != "city":
        return hit
    return Place(f"{hit.name} {words[-1]}", hit.state, hit.lat, hit.lon, "region",
                 None, hit.region, hit.population)


# ---------------------------------------------------------------- datelines


@dataclass(frozen=True)
class Dateline:
    """The dateline at the head of an article body."""

    city: str
    qualifier: str | None
    start: int
    end: int


def parse_dateline(text: str) -> Dateline | None:
    """Return the dateline of an article body ("ARUSHA, Tanzania --"), or None.

    The place is in capitals; an optional qualifier (state or US state), date and
    agency may follow, then a dash.
    """
    match = _DATELINE.match(text)
    if not match:
        return None
    city = match.group("city").strip()
    if len(city.replace(" ", "")) < 3:
        return None
    return Dateline(city, (match.group("qual") or "").strip() or None,
                    match.start("city"), match.end())


def qualifier_state(qualifier: str | None) -> str | None:
    """Return the alpha-3 code a dateline qualifier stands for ("Lebanon", "Ga.", "Texas")."""
    if not qualifier:
        return None
    code = countries().code_of_name(qualifier)
    if code:
        return code
    place = tables().states.get(fold(qualifier)) or tables().us_states.get(fold(qualifier))
    return place.state if place else None


# ---------------------------------------------------------------- token attributes


@dataclass(frozen=True)
class TokenAttrs:
    """The token attributes the locator scans a whole Doc for, read once as plain lists.

    Lists of the Doc's shared :class:`~communique.nlp.TokenTable` (do not modify
    them). Lower-case forms are kept as StringStore ids: compare them with
    :func:`word_ids` of a word set.
    """

    text: str
    starts: list[int]
    ends: list[int]
    caps: list[int]  # 1: title case or upper case
    alpha: list[int]  # 1: letters only
    lower: list[int]
    dep: list[int]  # StringStore ids of the dependency labels
    capitalised: list[int]  # the indices of the title- or upper-case tokens
    titled: list[int]  # the indices of the title-case tokens

    @classmethod
    def of(cls, doc: Doc, text: str) -> TokenAttrs:
        """Take the attributes of ``doc`` (whose text is ``text``) from its token table."""
        table = token_table(doc)
        return cls(text, table.starts, table.ends, table.caps, table.alpha, table.lower_ids, table.dep_ids,
                   table.capitalised, table.titled)

    def word(self, i: int) -> str:
        """The text of token ``i``."""
        return self.text[self.starts[i]:self.ends[i]]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``[start, end)`` (as ``doc[start:end].text``)."""
        return self.text[self.starts[start]:self.ends[end - 1]]

    def token_at(self, start: int, end: int) -> int | None:
        """The index of the token spanning exactly chars ``[start, end)``, or None."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i if i >= 0 and self.starts[i] == start and self.ends[i] == end else None


@functools.cache
def word_ids(words: frozenset[str]) -> frozenset[int]:
    """The StringStore ids of ``words`` (as ``Doc.to_array`` gives them)."""
    return frozenset(get_string_id(word) for word in words)


# ---------------------------------------------------------------- article states


def article_states(doc: Doc, actors: ActorSet, dateline: Dateline | None,
                   tokens: TokenAttrs | None = None) -> Counter[str]:
    """Weigh the states an article is about: its dateline, actors and the states it names.

    Names that are both a state and a US state ("Georgia") are left out of the
    count, so they do not decide their own reading. ``tokens``: the Doc's
    attributes when the caller has read them already.
    """
    weights: Counter[str] = Counter()
    ambiguous = _ambiguous_state_names()
    for actor in actors.actors:
        code = actor.code if actor.kind == "state" else actor.country
        if code and fold(actor.name) not in ambiguous:
            weights[code] += max(1, len(actor.mentions))
    for code in _named_states(tokens or TokenAttrs.of(doc, doc_text(doc)), ambiguous):
        weights[code] += 1
    if dateline:
        code = qualifier_state(dateline.qualifier)
        if code:
            weights[code] += DATELINE_WEIGHT
    return weights


@functools.cache
def _ambiguous_state_names() -> frozenset[str]:
    """Names that are both a state and a US state ("Georgia"): they do not decide their own reading."""
    return frozenset(key for key in tables().states if key in tables().us_states)


def _named_states(tokens: TokenAttrs, ambiguous: frozenset[str]) -> Iterator[str]:
    """Yield the state code of every unambiguous state form (name, adjective, capital) in a Doc.

    Only runs of capitalised tokens can be state forms, so each run is scanned for its longest
    known forms (up to four tokens), with one text slice and one fold per candidate.
    """
    forms = countries().forms
    us_states = tables().us_states
    text, starts, ends = tokens.text, tokens.starts, tokens.ends
    n = len(starts)
    free = 0  # the first token not inside a form found
    for i in tokens.capitalised:
        if i < free or not _may_open_state_name(text[starts[i]:ends[i]]):
            continue
        for last in range(min(i + 3, n - 1), i - 1, -1):  # up to four tokens, longest first
            form = text[starts[i]:ends[last]]
            folded = fold(form)
            if folded in ambiguous:
                continue
            hit = forms.get(form)
            code = hit[0] if hit else ("USA" if folded in us_states else None)
            if code:
                yield code
                free = last + 1
                break


@functools.lru_cache(maxsize=65536)
def _may_open_state_name(word: str) -> bool:
    """Tell whether a text starting with ``word`` can be a state form or a US state's name.

    An exact pre-test for :func:`_named_states`, which would look up four texts
    for nothing at most capitalised words.
    """
    forms, us_states = _state_name_prefixes()
    return word in forms or squash(word) in us_states


@functools.cache
def _state_name_prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """The prefixes of the state forms as written, and of the US states' squashed names
    (see :func:`squash`), with and without a leading "the"."""
    forms = {form[:k] for form in countries().forms for k in range(len(form) + 1)}
    squashed = [squash(key) for key in tables().us_states]
    names = squashed + [f"the{name}" for name in squashed]
    us_states = {name[:k] for name in names for k in range(len(name) + 1)}
    return frozenset(forms), frozenset(us_states)
