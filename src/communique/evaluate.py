"""Score extract records against gold annotations, as ``../shared/gold/FORMAT.md`` says.

The scorer is a pure function over typed records, so it runs without spaCy::

    golds = load_gold("seed.gold.jsonl")
    report = score(golds, systems)          # systems: ArticleResult records, matched by id
    print(format_table(report))

``evaluate_file(path)`` runs the pipeline on every gold article first.

Decisions FORMAT.md leaves open (kept here so they can be argued with):

- Parts without gold are not scored. A gold article whose ``actors`` and
  ``quotes`` are both empty (event-only gold converted from older data sets)
  scores no persons, states/IGOs or quotes, so system actors and quotes there
  are neither right nor wrong. A gold event date or status of null is not
  scored; nor are sectors or locations where gold does not annotate them.
- Person country and org are scored over matched persons where gold or
  system gives a value (both null: nothing to check); role where gold or
  system lists any role (a role where gold has none is wrong).
- A gold event with no actors (attacker unknown) waives the actor condition,
  as FORMAT.md waives the recipient condition for an empty recipient list.
- The symmetric rule (CONSULT, AGREE, COOPERATE) applies when the type the
  system produced is symmetric, so a system AGREE matching a gold CONCEDE
  whose ``alt_types`` holds AGREE is compared by participants.
- ``IP4`` is scored as its four states, in gold and system alike.
- Generic codes of converted gold (``IGO``, ``NGO``, ``IMG``, ``ISM``) stand
  for "some actor of that kind": in events each matches one system code that
  is not a state's ISO alpha-3 (an IGO code, a group code or a generic code),
  never a state. In the states/IGOs set a generic gold code is met by any one
  system IGO code left unmatched.
- Matching is one-to-one and maximal (augmenting paths), required gold
  events first; an unmatched system event compatible with an optional gold
  event and with no required one is not counted; one compatible with a
  required gold event already taken is a false positive (a duplicate).
- Per-type figures: true positives and false negatives under the gold
  type, false positives under the system type.
- An article the pipeline failed on is scored as an empty record and listed
  in ``Report.failed``.
"""

from __future__ import annotations

import io
import json
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field, field_validator, model_validator
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from communique.errors import GoldFormatError
from communique.records import Actor, ActorKind, ArticleResult, Event, Location, Quote, Status

__all__ = [
    "Accuracies",
    "Accuracy",
    "ArticleScore",
    "Counts",
    "GoldActor",
    "GoldArticle",
    "GoldEvent",
    "GoldFormatError",
    "GoldLocation",
    "GoldQuote",
    "NameIndex",
    "Problem",
    "Report",
    "common_codes",
    "dates_agree",
    "evaluate_file",
    "event_fits",
    "format_table",
    "gold_to_result",
    "load_gold",
    "match_events",
    "match_persons",
    "quote_fits",
    "render",
    "report_json",
    "score",
    "score_article",
]

log = logging.getLogger(__name__)

#: The 16 PLOVER event types (FORMAT.md).
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
#: Types whose actors and recipients together are the participants (FORMAT.md).
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: Groups scored as their member states (FORMAT.md, IGO codes: IP4).
GROUP_MEMBERS: dict[str, tuple[str, ...]] = {"IP4": ("AUS", "JPN", "NZL", "KOR")}
#: Generic codes of gold converted from older data sets (FORMAT.md).
GENERIC_CODES = frozenset({"IGO", "NGO", "IMG", "ISM"})
#: Codes used for states that ISO 3166-1 does not list (Kosovo's user-assigned code).
EXTRA_STATE_CODES = frozenset({"XKX"})
#: City-level location tolerance (FORMAT.md).
CITY_RADIUS_KM = 50.0
#: Quote matching: the system quote holds at least this share of the gold words ...
QUOTE_MIN_SHARE = 0.5
#: ... and at most QUOTE_MAX_FACTOR times as many words plus QUOTE_SLACK (FORMAT.md).
QUOTE_MAX_FACTOR = 2
QUOTE_SLACK = 2
SCORED_QUOTE_KINDS = frozenset({"direct", "partial"})

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?][\"'”’)]*\s+|\n")  # "U.S. President" goes on
_EDGE_PUNCT = " \t\n.,;:!?\"'()[]“”‘’«»"


# --------------------------------------------------------------------------- gold records


class GoldRecord(BaseModel):
    """Base of gold records: immutable; unknown fields kept aside (``unknown_fields`` warns of them)."""

    model_config = ConfigDict(frozen=True, extra="allow")

    @field_validator("*", mode="before")
    @classmethod
    def _null_list(cls, value: Any, info: Any) -> Any:
        """Read a null where a list is expected as an empty list."""
        field = cls.model_fields.get(info.field_name)
        if value is None and field is not None and "list" in str(field.annotation):
            return []
        return value


class GoldLocation(GoldRecord):
    """Where a gold event happened (optional annotation)."""

    name: str | None = None
    state: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Literal["city", "region", "state"] | None = None


class GoldActor(GoldRecord):
    """A person, state, IGO or organisation the article names."""

    name: str = Field(min_length=1)
    kind: ActorKind
    code: str | None = None
    country: str | None = None
    org: str | None = None
    roles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    sector: str | None = None
    sectors: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _code_for_states(self) -> GoldActor:
        if self.kind in ("state", "igo") and not self.code:
            raise ValueError(f"{self.kind} {self.name!r} has no code")
        return self

    @property
    def names(self) -> list[str]:
        """The name and every alias."""
        return [self.name, *self.aliases]

    @property
    def sector_set(self) -> frozenset[str]:
        """Every gold sector code (``sector`` and ``sectors``), upper case."""
        return frozenset(s.upper() for s in [*self.sectors, *([self.sector] if self.sector else [])])


class GoldQuote(GoldRecord):
    """A direct or partial quotation and the ``name`` of its speaker's actor."""

    speaker: str | None = None
    text: str = Field(min_length=1)


class GoldEvent(GoldRecord):
    """One PLOVER event as an analyst coded it."""

    type: str
    alt_types: list[str] = Field(default_factory=list)
    mode: str | None = None
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    date: str | None = None
    status: Status | None = None
    optional: bool = False
    note: str | None = None
    location: GoldLocation | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {value!r}")
        return value

    @field_validator("alt_types")
    @classmethod
    def _known_alt_types(cls, value: list[str]) -> list[str]:
        unknown = [t for t in value if t not in PLOVER_TYPES]
        if unknown:
            raise ValueError(f"unknown PLOVER type(s) {unknown}")
        return value

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None and not _DATE.match(value):
            raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @property
    def types(self) -> frozenset[str]:
        """The type and its alternatives."""
        return frozenset([self.type, *self.alt_types])


class GoldArticle(GoldRecord):
    """One line of a gold file: the article and what should be extracted from it."""

    id: str = Field(min_length=1)
    date: str | None = None
    title: str | None = None
    text: str = Field(min_length=1)
    actors: list[GoldActor] = Field(default_factory=list)
    quotes: list[GoldQuote] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)

    def unknown_fields(self) -> list[str]:
        """Fields of actors, quotes and events that FORMAT.md does not define (likely typos)."""
        found = []
        for part in ("actors", "quotes", "events"):
            for i, item in enumerate(getattr(self, part)):
                found += [f"{part}[{i}].{name}" for name in item.model_extra or {}]
        return found

    @property
    def has_actor_gold(self) -> bool:
        """False for event-only gold (no actors, no quotes): persons, states, quotes unscored."""
        return bool(self.actors or self.quotes)


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Read a gold JSON Lines file (FORMAT.md) into typed records.

    Args:
        path: the gold file.
    Returns:
        The gold articles in file order.
    Raises:
        GoldFormatError: naming ``file:line`` and the problem.
    """
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GoldFormatError("no such gold file", source=str(file)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold file ({exc})", source=str(file)) from None
    golds: list[GoldArticle] = []
    seen: set[str] = set()
    for number, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            gold = _parse_gold_line(line, source=f"{file}:{number}")
            if gold.id in seen:
                raise GoldFormatError(f"duplicate article id {gold.id!r}", source=f"{file}:{number}")
            seen.add(gold.id)
            golds.append(gold)
            if unknown := gold.unknown_fields():
                log.warning("%s:%d: unknown field(s) ignored: %s", file, number, ", ".join(unknown))
    if not golds:
        raise GoldFormatError("no gold articles in file", source=str(file))
    return golds


def _parse_gold_line(line: str, *, source: str) -> GoldArticle:
    """Parse one JSON line into a ``GoldArticle`` or raise ``GoldFormatError``."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"invalid JSON: {exc.msg} (column {exc.colno})", source=source) from None
    if not isinstance(data, dict):
        raise GoldFormatError(f"expected a JSON object, got {type(data).__name__}", source=source)
    try:
        return GoldArticle.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "record"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise GoldFormatError(f"{where}: {first['msg']}{more}", source=source) from None


# --------------------------------------------------------------------------- report records


class ReportRecord(BaseModel):
    """Base of report records: immutable."""

    model_config = ConfigDict(frozen=True)


class Counts(ReportRecord):
    """True positives, false positives, false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        """tp / (tp + fp), None when the system produced nothing."""
        return _ratio(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        """tp / (tp + fn), None when gold holds nothing."""
        return _ratio(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (0 when either is 0 or missing)."""
        if self.tp + self.fp + self.fn == 0:
            return None
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


class Accuracy(ReportRecord):
    """Right answers over checked items."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(correct=self.correct + other.correct, total=self.total + other.total)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        """correct / total, None when nothing was checked."""
        return _ratio(self.correct, self.total)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


class Accuracies(ReportRecord):
    """Every accuracy FORMAT.md names, over matched items."""

    country: Accuracy = Accuracy()
    org: Accuracy = Accuracy()
    role: Accuracy = Accuracy()
    speaker: Accuracy = Accuracy()
    attributed_quotes: Accuracy = Accuracy()
    date: Accuracy = Accuracy()
    status: Accuracy = Accuracy()
    type_recall: Accuracy = Accuracy()
    sector: Accuracy = Accuracy()
    location_state: Accuracy = Accuracy()
    location_city: Accuracy = Accuracy()

    def __add__(self, other: Accuracies) -> Accuracies:
        return Accuracies(**{name: getattr(self, name) + getattr(other, name) for name in type(self).model_fields})


#: Row labels of the accuracy table, in order.
ACCURACY_LABELS: dict[str, str] = {
    "country": "person country",
    "org": "person org (IGO)",
    "role": "person role",
    "speaker": "quote speaker",
    "attributed_quotes": "attributed-quote recall",
    "date": "event date",
    "status": "event status",
    "type_recall": "event type recall",
    "sector": "sector (persons, orgs)",
    "location_state": "event location (state)",
    "location_city": "event location (city)",
}

Part = Literal["person", "state/igo", "quote", "event", "org"]


class Problem(ReportRecord):
    """One error to study: a miss, a spurious item or a wrong attribute."""

    article_id: str
    part: Part
    problem: str  # "missed", "spurious", "duplicate", "wrong date", ...
    item: str
    gold: str | None = None
    system: str | None = None
    sentence: str | None = None


class ArticleScore(ReportRecord):
    """The scores of one article; a part is None where its gold is absent."""

    id: str
    persons: Counts | None = None
    states: Counts | None = None
    quotes: Counts | None = None
    events: Counts = Counts()
    accuracies: Accuracies = Accuracies()
    by_type: dict[str, Counts] = Field(default_factory=dict)
    problems: list[Problem] = Field(default_factory=list)
    failed: str | None = None  # why the pipeline failed on this article


class Report(ReportRecord):
    """The scores of a whole gold file."""

    gold_file: str | None = None
    articles: int = 0
    failed: dict[str, str] = Field(default_factory=dict)  # article id -> reason
    persons: Counts = Counts()
    states: Counts = Counts()
    quotes: Counts = Counts()
    events: Counts = Counts()
    scored: dict[str, int] = Field(default_factory=dict)  # part -> articles where it was scored
    accuracies: Accuracies = Accuracies()
    by_type: dict[str, Counts] = Field(default_factory=dict)
    per_article: list[ArticleScore] = Field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every article, in order."""
        return [p for article in self.per_article for p in article.problems]


# --------------------------------------------------------------------------- text helpers


def fold(text: str) -> str:
    """Case- and accent-fold ``text``, collapse spaces, trim punctuation at the ends."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("’", "'").replace("‘", "'")
    return _SPACES.sub(" ", plain).strip(_EDGE_PUNCT)


def name_key(name: str) -> str:
    """The comparable form of a name: folded, without a leading "the"."""
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


def name_parts(name: str) -> frozenset[str]:
    """The first and last name of ``name`` (initials and one-letter tokens ignored)."""
    tokens = [t.strip(_EDGE_PUNCT) for t in name_key(name).replace("-", " ").split()]
    tokens = [t for t in tokens if len(t) > 1]
    return frozenset({tokens[0], tokens[-1]}) if tokens else frozenset()


def quote_words(text: str) -> list[str]:
    """The folded words of a quotation."""
    return _WORD.findall(fold(text))


def sentence_around(text: str, start: int, end: int, *, limit: int = 300) -> str:
    """Return the sentence of ``text`` holding the span [start, end) (roughly split)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, max(start, 0))), default=0)
    after = _SENTENCE_END.search(text, max(end, start))
    right = after.end() if after else len(text)
    sentence = _SPACES.sub(" ", text[left:right]).strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def find_sentence(text: str, phrases: Iterable[str]) -> str | None:
    """Return the sentence of the first phrase found in ``text`` (case-insensitive)."""
    lowered = text.casefold()
    for phrase in phrases:
        phrase = phrase.strip()
        pos = lowered.find(phrase.casefold()) if phrase else -1
        if pos >= 0:
            return sentence_around(text, pos, pos + len(phrase))
    return None


def is_state_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 state code (or Kosovo's XKX)."""
    if code in EXTRA_STATE_CODES:
        return True
    return len(code) == 3 and code.isalpha() and pycountry.countries.get(alpha_3=code.upper()) is not None


def expand_codes(codes: Iterable[str]) -> list[str]:
    """Upper-case codes, groups replaced by their members (IP4), duplicates dropped."""
    out: list[str] = []
    for code in codes:
        for member in GROUP_MEMBERS.get(code.upper(), (code.upper(),)):
            if member not in out:
                out.append(member)
    return out


def common_codes(gold: Sequence[str], system: Sequence[str]) -> int:
    """How many gold codes the system codes meet; a generic gold code takes one spare non-state code."""
    spare = [c for c in system if c not in gold and not is_state_code(c)]
    found = 0
    for code in gold:
        if code in system:
            found += 1
        elif code in GENERIC_CODES and spare:
            spare.pop(0)
            found += 1
    return found


def dates_agree(gold: str, system: str | None) -> bool:
    """True when the system date is at least as precise as the gold date and within it."""
    if not system or not _DATE.match(system):
        return False
    return system == gold or system.startswith(gold + "-")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def max_matching(candidates: Sequence[Sequence[int]], order: Iterable[int],
                 gain: Callable[[int, int], float] | None = None) -> dict[int, int]:
    """Maximum one-to-one matching by augmenting paths, then improved by pairwise swaps.

    Args:
        candidates: for each left item, the right items it may match, best first.
        order: left items in the order they are served; a left item once
            matched stays matched, so serving required items first keeps their
            matching maximal.
        gain: how good a pair is; matched pairs are swapped while a swap
            raises the total (so equal-looking events get their right partners).
    Returns:
        left index -> right index.
    """
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in candidates[left]:  # a free partner first: displace no one needlessly
            if right not in owner and right not in seen:
                owner[right] = left
                return True
        for right in candidates[left]:
            if right not in seen:
                seen.add(right)
                if right not in owner or augment(owner[right], seen):
                    owner[right] = left
                    return True
        return False

    for left in order:
        augment(left, set())
    pairs = {left: right for right, left in owner.items()}
    return _improve_by_swaps(pairs, candidates, gain) if gain is not None else pairs


def _improve_by_swaps(pairs: dict[int, int], candidates: Sequence[Sequence[int]],
                      gain: Callable[[int, int], float]) -> dict[int, int]:
    """Swap partners of two matched pairs while that raises the total gain."""
    improved = True
    while improved:
        improved = False
        lefts = sorted(pairs)
        for a in lefts:
            for b in lefts:
                ra, rb = pairs[a], pairs[b]
                if a < b and rb in candidates[a] and ra in candidates[b] and \
                        gain(a, rb) + gain(b, ra) > gain(a, ra) + gain(b, rb):
                    pairs[a], pairs[b] = rb, ra
                    improved = True
    return pairs


# --------------------------------------------------------------------------- names


class NameIndex:
    """Resolves a name to gold actors: by name or alias, else by a unique shared first/last name."""

    def __init__(self, actors: Sequence[GoldActor]) -> None:
        self.actors = list(actors)
        self._exact: dict[str, list[int]] = {}
        for index, actor in enumerate(self.actors):
            for name in actor.names:
                bucket = self._exact.setdefault(name_key(name), [])
                if index not in bucket:
                    bucket.append(index)
        self._parts = [name_parts(a.name) if a.kind == "person" else frozenset() for a in self.actors]

    def exact(self, name: str) -> list[int]:
        """Gold actors whose name or alias equals ``name`` (ignoring case, accents, "the")."""
        return list(self._exact.get(name_key(name), []))

    def by_part(self, name: str) -> int | None:
        """The one gold person sharing a first or last name with ``name``, else None."""
        parts = name_parts(name)
        hits = [i for i, gold in enumerate(self._parts) if parts & gold]
        return hits[0] if len(hits) == 1 else None

    def resolve(self, name: str | None) -> list[int]:
        """Gold actors ``name`` may refer to, best first (exact beats shared part)."""
        if not name:
            return []
        exact = self.exact(name)
        if exact:
            return exact
        part = self.by_part(name)
        return [] if part is None else [part]


# --------------------------------------------------------------------------- scoring


def score(golds: Iterable[GoldArticle], systems: Iterable[ArticleResult] | Mapping[str, ArticleResult],
          *, failed: Mapping[str, str] | None = None, gold_file: str | None = None) -> Report:
    """Score system records against gold records, as FORMAT.md says.

    Args:
        golds: the gold articles.
        systems: the system's records, matched to gold by ``id``; a gold
            article without one is scored against an empty record.
        failed: article id -> reason, for articles the pipeline failed on.
        gold_file: where the gold came from (shown in the report).
    Returns:
        The ``Report``: totals, accuracies, per-type and per-article scores.
    """
    by_id = dict(systems) if isinstance(systems, Mapping) else {s.id: s for s in systems}
    failed = dict(failed or {})
    articles = []
    for gold in golds:
        system = by_id.get(gold.id) or ArticleResult(id=gold.id, coder_version="none")
        article = score_article(gold, system)
        if gold.id in failed:
            article = article.model_copy(update={"failed": failed[gold.id]})
        articles.append(article)
    return _aggregate(articles, failed=failed, gold_file=gold_file)


def _aggregate(articles: list[ArticleScore], *, failed: dict[str, str], gold_file: str | None) -> Report:
    """Sum article scores into a report."""
    totals = {part: Counts() for part in ("persons", "states", "quotes", "events")}
    scored = {part: 0 for part in totals}
    accuracies = Accuracies()
    by_type: dict[str, Counts] = {}
    for article in articles:
        for part in totals:
            counts = getattr(article, part)
            if counts is not None:
                totals[part] += counts
                scored[part] += 1
        accuracies += article.accuracies
        for type_, counts in article.by_type.items():
            by_type[type_] = by_type.get(type_, Counts()) + counts
    return Report(gold_file=gold_file, articles=len(articles), failed=failed, scored=scored, accuracies=accuracies,
                  by_type=dict(sorted(by_type.items())), per_article=articles, **totals)


def score_article(gold: GoldArticle, system: ArticleResult) -> ArticleScore:
    """Score one system record against its gold article."""
    problems: list[Problem] = []
    note = _Notes(gold, problems)
    accuracies = Accuracies()
    persons = states = quotes = None
    index = NameIndex(gold.actors)
    if gold.has_actor_gold:
        persons, person_pairs, acc = _score_persons(gold, system, note)
        accuracies += acc
        accuracies += _score_sectors(gold, system, person_pairs, note)
        states = _score_states(gold, system, note)
        quotes, acc = _score_quotes(gold, system, index, note)
        accuracies += acc
    events, by_type, acc = _score_events(gold, system, note)
    accuracies += acc
    return ArticleScore(id=gold.id, persons=persons, states=states, quotes=quotes, events=events,
                        accuracies=accuracies, by_type=by_type, problems=problems)


class _Notes:
    """Collects the problems of one article."""

    def __init__(self, gold: GoldArticle, problems: list[Problem]) -> None:
        self.gold = gold
        self.problems = problems

    def add(self, part: Part, problem: str, item: str, **fields: str | None) -> None:
        """Record one problem."""
        self.problems.append(Problem(article_id=self.gold.id, part=part, problem=problem, item=item, **fields))

    def sentence_of_actor(self, actor: Actor) -> str | None:
        """The sentence of a system actor's first mention, else of its name."""
        if actor.mentions:
            start, end = actor.mentions[0]
            return sentence_around(self.gold.text, start, end)
        return find_sentence(self.gold.text, [actor.name, *actor.aliases])


def _accuracy(checked: bool, correct: bool) -> Accuracy:
    return Accuracy(correct=int(checked and correct), total=int(checked))


# ----- persons


def _score_persons(gold: GoldArticle, system: ArticleResult,
                   note: _Notes) -> tuple[Counts, list[tuple[GoldActor, Actor]], Accuracies]:
    """Match system persons to gold persons; check country, org and role."""
    index = NameIndex([a for a in gold.actors if a.kind == "person"])
    taken, rejected = match_persons(index, [a for a in system.actors if a.kind == "person"])
    for actor, duplicate_of in rejected:
        if duplicate_of is None:
            note.add("person", "spurious", actor.name, sentence=note.sentence_of_actor(actor))
        else:
            note.add("person", "duplicate", actor.name, gold=index.actors[duplicate_of].name,
                     system=f"also {taken[duplicate_of].name!r}", sentence=note.sentence_of_actor(actor))
    for i, gold_person in enumerate(index.actors):
        if i not in taken:
            note.add("person", "missed", gold_person.name, sentence=find_sentence(gold.text, gold_person.names))
    pairs = [(index.actors[i], actor) for i, actor in sorted(taken.items())]
    accuracies = Accuracies()
    for gold_person, actor in pairs:
        accuracies += _person_attributes(gold_person, actor, note)
    counts = Counts(tp=len(pairs), fp=len(rejected), fn=len(index.actors) - len(taken))
    return counts, pairs, accuracies


def match_persons(index: NameIndex, found: Sequence[Actor]) -> tuple[dict[int, Actor], list[tuple[Actor, int | None]]]:
    """Pair system persons with gold persons, exact name matches served first.

    Returns:
        (gold index -> system person, rejected system persons each with the
        gold index it duplicates, or None when it matches no gold person).
    """
    taken: dict[int, Actor] = {}
    rejected: list[tuple[Actor, int | None]] = []
    for actor in sorted(found, key=lambda a: not index.exact(a.name)):
        candidates = index.resolve(actor.name)
        free = [c for c in candidates if c not in taken]
        if free:
            taken[free[0]] = actor
        else:
            rejected.append((actor, candidates[0] if candidates else None))
    return taken, rejected


def _person_attributes(gold: GoldActor, actor: Actor, note: _Notes) -> Accuracies:
    """Check a matched person's country, org and roles."""
    country_checked = bool(gold.country or actor.country)
    country_ok = (gold.country or "").upper() == (actor.country or "").upper()
    org_checked = bool(gold.org or actor.org)
    org_ok = (gold.org or "").upper() == (actor.org or "").upper()
    gold_roles = {fold(r).replace("-", " ") for r in gold.roles}
    system_roles = {fold(r).replace("-", " ") for r in actor.roles}
    role_checked = bool(gold_roles or system_roles)
    role_ok = bool(gold_roles & system_roles) or not (gold_roles or system_roles)
    for checked, ok, what, want, got in (
        (country_checked, country_ok, "country", gold.country, actor.country),
        (org_checked, org_ok, "org", gold.org, actor.org),
        (role_checked, role_ok, "role", " | ".join(gold.roles), " | ".join(actor.roles)),
    ):
        if checked and not ok:
            note.add("person", f"wrong {what}", gold.name, gold=want or "null", system=got or "null",
                     sentence=note.sentence_of_actor(actor))
    return Accuracies(country=_accuracy(country_checked, country_ok), org=_accuracy(org_checked, org_ok),
                      role=_accuracy(role_checked, role_ok))


# ----- sectors


def _score_sectors(gold: GoldArticle, system: ArticleResult, person_pairs: list[tuple[GoldActor, Actor]],
                   note: _Notes) -> Accuracies:
    """Sector accuracy over matched persons and organisations whose gold has sectors."""
    pairs = person_pairs + _match_orgs(gold, system)
    total = Accuracy()
    for gold_actor, actor in pairs:
        wanted = gold_actor.sector_set
        if not wanted:
            continue
        ok = (actor.sector or "").upper() in wanted
        total += _accuracy(True, ok)
        if not ok:
            part: Part = "person" if gold_actor.kind == "person" else "org"
            note.add(part, "wrong sector", gold_actor.name, gold=" | ".join(sorted(wanted)),
                     system=actor.sector or "null", sentence=note.sentence_of_actor(actor))
    return Accuracies(sector=total)


def _match_orgs(gold: GoldArticle, system: ArticleResult) -> list[tuple[GoldActor, Actor]]:
    """Pair system organisations with gold organisations by name or alias."""
    gold_orgs = [a for a in gold.actors if a.kind == "org"]
    taken: set[int] = set()
    pairs = []
    for actor in (a for a in system.actors if a.kind == "org"):
        keys = {name_key(n) for n in [actor.name, *actor.aliases]}
        for i, gold_org in enumerate(gold_orgs):
            if i not in taken and keys & {name_key(n) for n in gold_org.names}:
                taken.add(i)
                pairs.append((gold_org, actor))
                break
    return pairs


# ----- states and IGOs


def _score_states(gold: GoldArticle, system: ArticleResult, note: _Notes) -> Counts:
    """Compare the sets of state and IGO codes."""
    gold_actors = {code: a for a in gold.actors if a.kind in ("state", "igo") for code in expand_codes([a.code or ""])}
    system_actors = {code: a for a in system.actors if a.kind in ("state", "igo") and a.code
                     for code in expand_codes([a.code])}
    concrete = {c for c in gold_actors if c not in GENERIC_CODES}
    spare = [c for c in system_actors if c not in concrete and not is_state_code(c)]
    tp = len(concrete & system_actors.keys())
    unmatched_system = set(system_actors) - concrete
    for code in (c for c in gold_actors if c in GENERIC_CODES):
        if spare:
            tp += 1
            unmatched_system.discard(spare.pop(0))
        else:
            _note_missed_state(gold, gold_actors[code], code, note)
    for code in sorted(concrete - system_actors.keys()):
        _note_missed_state(gold, gold_actors[code], code, note)
    for code in sorted(unmatched_system):
        actor = system_actors[code]
        note.add("state/igo", "spurious", code, system=actor.name, sentence=note.sentence_of_actor(actor))
    return Counts(tp=tp, fp=len(unmatched_system), fn=len(gold_actors) - tp)


def _note_missed_state(gold: GoldArticle, actor: GoldActor, code: str, note: _Notes) -> None:
    note.add("state/igo", "missed", code, gold=actor.name, sentence=find_sentence(gold.text, actor.names))


# ----- quotes


def quote_fits(gold_text: str, system_text: str) -> int:
    """How many gold words the system quote holds when it matches the gold quote, else 0.

    It matches when it holds at least half the gold words and has at most
    twice as many words as the gold quote plus two.
    """
    gold_words, system_words = quote_words(gold_text), quote_words(system_text)
    if not gold_words or len(system_words) > QUOTE_MAX_FACTOR * len(gold_words) + QUOTE_SLACK:
        return 0
    shared = sum((Counter(gold_words) & Counter(system_words)).values())
    return shared if shared >= QUOTE_MIN_SHARE * len(gold_words) else 0


def _score_quotes(gold: GoldArticle, system: ArticleResult, index: NameIndex,
                  note: _Notes) -> tuple[Counts, Accuracies]:
    """Match direct and partial system quotes to gold quotes; check their speakers."""
    found = [q for q in system.quotes if q.kind in SCORED_QUOTE_KINDS]
    overlaps = [[quote_fits(g.text, q.text) for q in found] for g in gold.quotes]
    candidates = [sorted((j for j, o in enumerate(row) if o), key=_by_overlap(row)) for row in overlaps]
    pairs = max_matching(candidates, range(len(gold.quotes)), gain=lambda g, q: overlaps[g][q])
    speaker = Accuracy()
    for g_index, s_index in sorted(pairs.items()):
        ok = _speaker_ok(gold.quotes[g_index], found[s_index], index)
        speaker += _accuracy(True, ok)
        if not ok:
            note.add("quote", "wrong speaker", _short(gold.quotes[g_index].text), gold=gold.quotes[g_index].speaker,
                     system=found[s_index].speaker or found[s_index].speaker_mention or "null",
                     sentence=_quote_sentence(gold.text, found[s_index]))
    for g_index, quote in enumerate(gold.quotes):
        if g_index not in pairs:
            note.add("quote", "missed", _short(quote.text), gold=quote.speaker,
                     sentence=find_sentence(gold.text, [quote.text, quote.text[:40]]))
    matched_system = set(pairs.values())
    for s_index, spurious in enumerate(found):
        if s_index not in matched_system:
            note.add("quote", "spurious", _short(spurious.text), system=spurious.speaker or spurious.speaker_mention,
                     sentence=_quote_sentence(gold.text, spurious))
    counts = Counts(tp=len(pairs), fp=len(found) - len(pairs), fn=len(gold.quotes) - len(pairs))
    attributed = Accuracy(correct=speaker.correct, total=len(gold.quotes))
    return counts, Accuracies(speaker=speaker, attributed_quotes=attributed)


def _by_overlap(row: list[int]) -> Callable[[int], int]:
    """Sort key of system quotes: the largest overlap with the gold quote first."""
    return lambda j: -row[j]


def _speaker_ok(gold: GoldQuote, quote: Quote, index: NameIndex) -> bool:
    """True when the system speaker (or its mention) names the gold speaker like a person's name."""
    if not gold.speaker:
        return not (quote.speaker or quote.speaker_mention)
    targets = index.exact(gold.speaker)
    for name in (quote.speaker, quote.speaker_mention):
        if not name:
            continue
        if targets and set(index.resolve(name)) & set(targets):
            return True
        if not targets and (name_key(name) == name_key(gold.speaker) or name_parts(name) & name_parts(gold.speaker)):
            return True
    return False


def _quote_sentence(text: str, quote: Quote) -> str:
    return quote.sentence or sentence_around(text, quote.start, quote.end)


def _short(text: str, limit: int = 90) -> str:
    text = _SPACES.sub(" ", text).strip()
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


# ----- events


def event_fits(gold: GoldEvent, event: Event) -> bool:
    """True when a system event may match a gold event (type and participants; FORMAT.md)."""
    if event.type not in gold.types:
        return False
    gold_actors, gold_recipients = expand_codes(gold.actors), expand_codes(gold.recipients)
    system_actors, system_recipients = expand_codes(event.actors), expand_codes(event.recipients)
    if event.type in SYMMETRIC_TYPES:
        participants = expand_codes(gold_actors + gold_recipients)
        found = common_codes(participants, expand_codes(system_actors + system_recipients))
        return found >= min(2, len(participants))
    if gold_actors and common_codes(gold_actors, system_actors) < 1:
        return False
    return not gold_recipients or common_codes(gold_recipients, system_recipients) >= 1


def match_events(golds: Sequence[GoldEvent], events: Sequence[Event]) -> tuple[dict[int, int], set[int]]:
    """Match system events to gold events one-to-one, required gold first.

    Returns:
        (gold index -> system index, indices of system events not counted:
        unmatched ones that fit only optional gold events).
    """
    fits = [[event_fits(g, e) for e in events] for g in golds]
    candidates = [sorted((j for j, ok in enumerate(row) if ok), key=_by_preference(g, events))
                  for g, row in zip(golds, fits, strict=True)]
    order = [i for i, g in enumerate(golds) if not g.optional] + [i for i, g in enumerate(golds) if g.optional]
    pairs = max_matching(candidates, order, gain=lambda g, e: _event_gain(golds[g], events[e]))
    matched = set(pairs.values())
    neutral = {j for j in range(len(events)) if j not in matched
               and any(fits[i][j] for i, g in enumerate(golds) if g.optional)
               and not any(fits[i][j] for i, g in enumerate(golds) if not g.optional)}
    return pairs, neutral


def _event_gain(gold: GoldEvent, event: Event) -> float:
    """How well a fitting system event codes a gold event: type, date, status, place."""
    same_type, wrong_date, wrong_status = _preference(gold, event)
    place = gold.location is not None and event.location is not None and \
        (gold.location.state or "") == (event.location.state or "")
    return (not same_type) + (not wrong_date) + (not wrong_status) + place * 0.5


def _by_preference(gold: GoldEvent, events: Sequence[Event]) -> Callable[[int], tuple[bool, bool, bool]]:
    """Sort key of the system events fitting ``gold``: the preferred fit first (see ``_preference``)."""
    return lambda j: _preference(gold, events[j])


def _preference(gold: GoldEvent, event: Event) -> tuple[bool, bool, bool]:
    """Sort key: same type first, then right date, then right status."""
    date_ok = gold.date is None or dates_agree(gold.date, event.date)
    status_ok = gold.status is None or gold.status == event.status
    return (event.type != gold.type, not date_ok, not status_ok)


def _score_events(gold: GoldArticle, system: ArticleResult,
                  note: _Notes) -> tuple[Counts, dict[str, Counts], Accuracies]:
    """Match events; check date, status and location; type recall; per-type counts."""
    events = system.events
    pairs, neutral = match_events(gold.events, events)
    by_type: dict[str, Counts] = {}
    accuracies = Accuracies()
    required = [i for i, g in enumerate(gold.events) if not g.optional]
    for i in required:
        gold_event = gold.events[i]
        hit = i in pairs
        by_type[gold_event.type] = by_type.get(gold_event.type, Counts()) + Counts(tp=int(hit), fn=int(not hit))
        if hit:
            accuracies += _event_attributes(gold_event, events[pairs[i]], note)
        else:
            note.add("event", "missed", _describe_gold_event(gold_event), sentence=f"note: {gold_event.note or ''}")
    counted_system = {pairs[i] for i in required if i in pairs}
    spurious = [j for j in range(len(events)) if j not in set(pairs.values()) and j not in neutral]
    for j in spurious:
        event = events[j]
        by_type[event.type] = by_type.get(event.type, Counts()) + Counts(fp=1)
        duplicate = any(event_fits(gold.events[i], event) for i in required)
        note.add("event", "duplicate" if duplicate else "spurious", _describe_event(event),
                 sentence=event.evidence[0].sentence if event.evidence else None)
    produced = {e.type for e in events}
    recall = Accuracy(correct=sum(1 for i in required if gold.events[i].types & produced), total=len(required))
    accuracies += Accuracies(type_recall=recall)
    counts = Counts(tp=len(counted_system), fp=len(spurious), fn=len(required) - len(counted_system))
    return counts, dict(sorted(by_type.items())), accuracies


def _event_attributes(gold: GoldEvent, event: Event, note: _Notes) -> Accuracies:
    """Check a matched event's date, status and location."""
    date_ok = gold.date is not None and dates_agree(gold.date, event.date)
    status_ok = gold.status is not None and gold.status == event.status
    sentence = event.evidence[0].sentence if event.evidence else None
    if gold.date is not None and not date_ok:
        note.add("event", "wrong date", _describe_gold_event(gold), gold=gold.date, system=event.date or "null",
                 sentence=sentence)
    if gold.status is not None and not status_ok:
        note.add("event", "wrong status", _describe_gold_event(gold), gold=gold.status, system=event.status,
                 sentence=sentence)
    accuracies = Accuracies(date=_accuracy(gold.date is not None, date_ok),
                            status=_accuracy(gold.status is not None, status_ok))
    return accuracies + _location_accuracy(gold, event, note, sentence)


def _location_accuracy(gold: GoldEvent, event: Event, note: _Notes, sentence: str | None) -> Accuracies:
    """State-level and (for city precision) city-level location accuracy."""
    where, got = gold.location, event.location
    if where is None:
        return Accuracies()
    state_checked = where.state is not None
    state_ok = state_checked and got is not None and (got.state or "").upper() == (where.state or "").upper()
    city_checked = where.precision == "city"
    city_ok = city_checked and got is not None and _same_city(where, got.name, got.lat, got.lon)
    shown = "null" if got is None else f"{got.name or got.text} ({got.state or '?'})"
    if (state_checked and not state_ok) or (city_checked and not city_ok):
        note.add("event", "wrong location", _describe_gold_event(gold), gold=f"{where.name} ({where.state})",
                 system=shown, sentence=sentence)
    return Accuracies(location_state=_accuracy(state_checked, state_ok), location_city=_accuracy(city_checked, city_ok))


def _same_city(gold: GoldLocation, name: str | None, lat: float | None, lon: float | None) -> bool:
    if gold.name and name and name_key(gold.name) == name_key(name):
        return True
    if None in (gold.lat, gold.lon, lat, lon):
        return False
    return distance_km(gold.lat, gold.lon, lat, lon) <= CITY_RADIUS_KM  # type: ignore[arg-type]


def _describe_codes(type_: str, actors: Sequence[str], recipients: Sequence[str]) -> str:
    if type_ in SYMMETRIC_TYPES:
        return " + ".join(expand_codes([*actors, *recipients])) or "?"
    return f"{' '.join(actors) or '?'} → {' '.join(recipients) or '-'}"


def _describe_gold_event(event: GoldEvent) -> str:
    alt = f" (or {'/'.join(event.alt_types)})" if event.alt_types else ""
    return (f"{event.type}{alt} {_describe_codes(event.type, event.actors, event.recipients)}"
            f" · {event.date or 'no date'} · {event.status or 'no status'}")


def _describe_event(event: Event) -> str:
    return (f"{event.type} {_describe_codes(event.type, event.actors, event.recipients)}"
            f" · {event.date or 'no date'} · {event.status}")


# --------------------------------------------------------------------------- running


def gold_to_result(gold: GoldArticle) -> ArticleResult:
    """The gold article as a system record (scores 100 % against itself; for tests and baselines)."""
    actors = [
        Actor(id=f"g{i}", name=a.name, kind=a.kind, code=a.code, country=a.country, org=a.org, roles=a.roles,
              aliases=a.aliases, sector=a.sector or next(iter(a.sectors), None), sectors=a.sectors)
        for i, a in enumerate(gold.actors)
    ]
    quotes = [Quote(id=f"q{i}", speaker=q.speaker, text=q.text, start=0, end=0, kind="direct")
              for i, q in enumerate(gold.quotes)]
    events = [
        Event(id=f"e{i}", type=e.type, mode=e.mode, actors=e.actors, recipients=e.recipients, date=e.date,
              status=e.status or "occurred",
              location=None if e.location is None else Location(text=e.location.name or "", name=e.location.name,
                                                                state=e.location.state, lat=e.location.lat,
                                                                lon=e.location.lon, precision=e.location.precision))
        for i, e in enumerate(gold.events)
    ]
    return ArticleResult(id=gold.id, title=gold.title, date=gold.date, coder_version="gold", actors=actors,
                         quotes=quotes, events=events)



def evaluate_file(path: str | Path, *, details: bool = False, nlp: Any = None,
                  progress: Callable[[int, int], None] | None = None,
                  ids: frozenset[str] | None = None) -> Report:
    """Run the pipeline on every article of a gold file and score it.

    Args:
        path: a gold JSON Lines file (FORMAT.md).
        details: keep every problem in the report (``Problem`` records).
        nlp: a spaCy pipeline (default: ``communique.nlp.load()``).
        progress: called with (done, total) after each article.
        ids: score only the gold articles with these ids (a tune or held-out split).
    Returns:
        The ``Report``.
    Raises:
        GoldFormatError: the file is missing or does not follow FORMAT.md, or
            ``ids`` selects none of its articles.
    """
    golds = load_gold(path)  # before importing the pipeline: a bad gold file fails fast
    if ids is not None:
        golds = [g for g in golds if g.id in ids]
        if not golds:
            raise GoldFormatError("no gold article has one of the selected ids", source=str(path))
    from communique.ingest import article_from_text
    from communique.pipeline import process_many

    articles = [
        article_from_text(g.text, date=g.date, title=g.title, source=f"{path}").model_copy(update={"id": g.id})
        for g in golds
    ]
    systems: dict[str, ArticleResult] = {}
    failed: dict[str, str] = {}
    for done, (article, result) in enumerate(process_many(articles, nlp=nlp), 1):
        if isinstance(result, Exception):
            log.warning("%s: pipeline failed: %s", article.id, result)
            failed[article.id] = f"{type(result).__name__}: {result}"
        else:
            systems[article.id] = result
        if progress is not None:
            progress(done, len(golds))
    report = score(golds, systems, failed=failed, gold_file=str(path))
    return report if details else _without_problems(report)


SPLITS_FILE = "splits.yaml"
SPLIT_NAMES = ("tune", "held-out")


def split_ids(split: str) -> frozenset[str]:
    """The ids of one half (``tune`` or ``held-out``) of every development set in ``examples/splits.yaml``.

    Raises:
        GoldFormatError: the split name is unknown.
    """
    if split not in SPLIT_NAMES:
        raise GoldFormatError(f"unknown split {split!r} (use {' or '.join(SPLIT_NAMES)})", source=SPLITS_FILE)
    import yaml

    path = Path(__file__).parent / "examples" / SPLITS_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(str(i) for halves in data["sets"].values() for i in halves.get(split) or [])


def read_ids(path: str | Path) -> frozenset[str]:
    """Article ids from a text file, one a line (blank lines and ``#`` comments skipped).

    Raises:
        GoldFormatError: the file cannot be read or lists no id.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(f"cannot read id list ({exc})", source=str(path)) from None
    ids = frozenset(s for line in lines if (s := line.split("#", 1)[0].strip()))
    if not ids:
        raise GoldFormatError("id list names no article", source=str(path))
    return ids


def _without_problems(report: Report) -> Report:
    articles = [a.model_copy(update={"problems": []}) for a in report.per_article]
    return report.model_copy(update={"per_article": articles})


def report_json(report: Report, *, details: bool = False) -> dict[str, Any]:
    """The report as JSON-ready data; problems only with ``details``."""
    data = report.model_dump(mode="json")
    if not details:
        for article in data["per_article"]:
            article.pop("problems", None)
    return data


# --------------------------------------------------------------------------- tables

_PARTS = (("persons", "persons"), ("states", "states / IGOs"), ("quotes", "quotes"), ("events", "events"))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _counts_table(title: str, rows: Iterable[tuple[str, Counts, str | None]], first: str) -> Table:
    rows = list(rows)
    with_articles = any(articles is not None for _, _, articles in rows)
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column(first)
    for name in (["articles"] if with_articles else []) + ["TP", "FP", "FN", "P %", "R %", "F1 %"]:
        table.add_column(name, justify="right")
    for label, counts, articles in rows:
        figures = [str(counts.tp), str(counts.fp), str(counts.fn), _pct(counts.precision), _pct(counts.recall),
                   _pct(counts.f1)]
        table.add_row(label, *([articles or ""] if with_articles else []), *figures)
    return table


def _accuracy_table(report: Report) -> Table:
    table = Table(title="Accuracy over matched items", title_justify="left", header_style="bold")
    table.add_column("measure")
    for name in ("correct", "total", "%"):
        table.add_column(name, justify="right")
    for key, label in ACCURACY_LABELS.items():
        acc: Accuracy = getattr(report.accuracies, key)
        table.add_row(label, str(acc.correct), str(acc.total), _pct(acc.value))
    return table


def _problem_lines(report: Report) -> Text:
    text = Text()
    for article in report.per_article:
        if not article.problems and not article.failed:
            continue
        text.append(f"\n{article.id}\n", style="bold")
        if article.failed:
            text.append(f"  pipeline failed: {article.failed}\n", style="red")
        for p in article.problems:
            style = "yellow" if p.problem.startswith("wrong") else "red"
            text.append(f"  {p.part} {p.problem}: ", style=style)
            text.append(p.item)
            if p.gold is not None or p.system is not None:
                text.append(f" — gold {p.gold or '–'}, system {p.system or '–'}", style="cyan")
            text.append("\n")
            if p.sentence:
                text.append(f"      {p.sentence}\n", style="dim")
    return text


def render(report: Report, *, details: bool = False) -> RenderableType:
    """The report as rich tables (and, with ``details``, every problem)."""
    head = Text(f"{report.gold_file or 'gold'}: {report.articles} articles", style="bold")
    if report.failed:
        head.append(f", {len(report.failed)} failed in the pipeline", style="red")
    parts = _counts_table("Extraction", ((label, getattr(report, key), str(report.scored.get(key, 0)))
                                         for key, label in _PARTS), "part")
    types = _counts_table("Events by type (TP/FN by gold type, FP by system type)",
                          ((t, c, None) for t, c in report.by_type.items()), "type")
    items: list[RenderableType] = [head, parts, _accuracy_table(report), types]
    if details:
        items += [Text("\nProblems", style="bold underline"), _problem_lines(report)]
    return Group(*items)


def format_table(report: Report, *, details: bool = False, width: int = 110) -> str:
    """The report as plain text (the tables ``communique eval`` prints)."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(render(report, details=details))
    return console.export_text()
