"""Known persons with dated terms: who a named person is on an article's date.

Three layers, looked up in this order (the first that knows a name wins):

1. user actors (``--actors FILE`` or the store's imported actors,
   :mod:`communique.knowledge.user_actors`), installed with :func:`install_user_persons`;
2. the project's own tables of office holders, ``leaders.yaml`` (roles and dates);
3. the persons of the Phoenix actor dictionaries (PETRARCH-2, MIT licence),
   converted by :mod:`communique.knowledge.build_phoenix` into ``persons.tsv.gz``:
   states and sectors with dates, no role titles.

Names are looked up by :func:`actor_tables.name_key` (no accents, no case), first
as written, then by their usual shortenings (first and last name). The file is
read once per process, lazily: its terms are parsed only for the persons looked
up.

>>> dictionary().standing(["Sánchez Vega"], "2024-05-01") is None
True
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from communique.config import data_path
from communique.knowledge import actor_tables as tables
from communique.knowledge.build_phoenix import OUTPUT

__all__ = ["KnownPerson", "PersonDictionary", "Standing", "Term", "dictionary", "install_user_persons",
           "own_persons", "role_sectors"]

#: Sectors of persons who serve a state: a dictionary entry may tell their state.
STATE_SECTORS = frozenset({"GOV", "ELI", "MIL", "JUD", "LEG", "COP", "SPY", "PTY", "OPP"})


@dataclass(frozen=True, slots=True)
class Term:
    """One span of a person's career: state or IGO, role, sectors, ISO start and end ('' = open)."""

    country: str | None
    org: str | None
    role: str | None
    sectors: tuple[str, ...]
    start: str = ""
    end: str = ""

    def covers(self, date: str) -> bool:
        """Tell whether the term holds on ``date`` (ISO)."""
        return (not self.start or self.start <= date) and (not self.end or date < self.end)

    @property
    def dated(self) -> bool:
        """Tell whether the term has a start or an end."""
        return bool(self.start or self.end)


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """A person a table knows: the name it gives and the terms."""

    name: str
    terms: tuple[Term, ...]
    source: str  # "user", "own" or "phoenix"


@dataclass(frozen=True, slots=True)
class Standing:
    """What a known person is on a date: state or IGO, role, sectors, and whether the term is over."""

    person: KnownPerson
    country: str | None
    org: str | None
    role: str | None
    sectors: tuple[str, ...]
    former: bool

    @property
    def sector(self) -> str | None:
        """Return the primary sector."""
        return self.sectors[0] if self.sectors else None


def standing_at(person: KnownPerson, date: str | None) -> Standing:
    """Return what ``person`` is on ``date`` (ISO; None: the latest term)."""
    terms = person.terms
    if date is None:
        term = max(terms, key=lambda t: (t.dated, t.start or "0000"))
        return _standing(person, term, former=False)
    covering = [t for t in terms if t.covers(date)]
    if covering:  # a dated term before an undated one; a government term before an elite one
        term = max(covering, key=lambda t: (t.dated, t.sectors[:1] != ("ELI",), t.start))
        return _standing(person, term, former=False)
    before = [t for t in terms if t.end and t.end <= date]
    if before:
        term = max(before, key=lambda t: t.end)
        return _standing(person, term, former=True)
    first = min(terms, key=lambda t: t.start)  # the date is before every term: the state, no role yet
    return Standing(person, first.country, first.org, None, first.sectors or role_sectors(first.role), False)


def _standing(person: KnownPerson, term: Term, *, former: bool) -> Standing:
    sectors = term.sectors or role_sectors(term.role)  # own terms: from the role, when first used
    role = term.role
    if former and sectors[:1] != ("ELI",):
        sectors = ("ELI", *(s for s in sectors if s != "ELI"))
        role = f"former {role}" if role and not role.lower().startswith("former") else role
    return Standing(person, term.country, term.org, role, sectors, former)


class PersonDictionary:
    """Persons by name key, in layers (user, own, Phoenix), resolved on a date."""

    def __init__(self, layers: Sequence[tuple[dict[str, list[int]], dict[str, list[int]], list[KnownPerson]]],
                 phoenix: tuple[dict[str, list[int]], dict[str, list[int]], list[tuple[str, str]]]) -> None:
        self._layers = layers
        self._phoenix_keys, self._phoenix_variants, self._phoenix_rows = phoenix
        self._parsed: dict[int, KnownPerson] = {}

    def __len__(self) -> int:
        return len(self._phoenix_rows) + sum(len(persons) for _, _, persons in self._layers)

    def knows(self, name: str) -> bool:
        """Tell whether any layer knows ``name`` as written (not by a shortening)."""
        key = tables.name_key(name)
        return key in self._phoenix_keys or any(key in keys for keys, _, _ in self._layers)

    def standing(self, names: Iterable[str], date: str | None) -> Standing | None:
        """Return what the person named ``names`` (a name and its aliases) is on ``date``, else None.

        Each layer is asked by exact keys, then by shortenings; several persons
        under one key are told apart by the date (the one whose term covers it),
        else the name is ambiguous and nothing is returned.
        """
        keys = list(dict.fromkeys(tables.name_key(n) for n in names if n))
        short = [v for n in names if n for v in _variant_keys(n) if v not in keys]
        day = date[:10] if date else None
        for index, variants, persons in self._layers:
            for table, asked in ((index, keys), (index, short), (variants, keys)):
                found = self._pick([persons[i] for k in asked for i in table.get(k, ())], day)
                if found is not None:
                    return found
        for table, asked in ((self._phoenix_keys, keys), (self._phoenix_keys, short), (self._phoenix_variants, keys)):
            found = self._pick([self._phoenix(i) for k in asked for i in table.get(k, ())], day)
            if found is not None:
                return found
        return None

    def _phoenix(self, row: int) -> KnownPerson:
        person = self._parsed.get(row)
        if person is None:
            name, raw = self._phoenix_rows[row]
            person = self._parsed[row] = KnownPerson(name, _parse_terms(raw), "phoenix")
        return person

    @staticmethod
    def _pick(candidates: list[KnownPerson], date: str | None) -> Standing | None:
        """Return the standing of the one candidate, of the one in office on ``date``, else None.

        Entries with the same terms (the dictionaries list some persons twice)
        count as one; so do candidates in office for the same state or IGO.
        """
        unique = list({p.terms: p for p in candidates}.values())
        if len(unique) == 1:
            return standing_at(unique[0], date)
        if not unique or date is None:
            return None
        current = [standing_at(p, date) for p in unique if any(t.covers(date) and t.dated for t in p.terms)]
        if current and len({(s.country, s.org) for s in current}) == 1:
            return current[0]
        return None


def _parse_terms(raw: str) -> tuple[Term, ...]:
    terms: list[Term] = []
    for item in raw.split(";"):
        state, sectors, start, end = item.split("/")
        igo = state[1:] if state.startswith("@") else None  # "@UN": a term serving an IGO
        terms.append(Term(None if igo else state, igo, None, tuple(sectors.split("+")), start, end))
    return tuple(terms)


def _variant_keys(name: str) -> list[str]:
    """Return the keys of a name's usual shortenings: first and last, first two (three or more words)."""
    every = tables.name_key(name).split()
    words = [w for w in every if len(w.rstrip(".")) > 1]  # initials dropped
    if len(every) < 3 or len(words) < 2:
        return []
    return list(dict.fromkeys([f"{words[0]} {words[-1]}", f"{words[0]} {words[1]}"]))


def index_persons(persons: list[KnownPerson], aliases: list[list[str]]) -> tuple[dict[str, list[int]], dict[str, list[int]], list[KnownPerson]]:
    """Index persons by the keys of their names and aliases, and by their shortenings."""
    index: dict[str, list[int]] = {}
    variants: dict[str, list[int]] = {}
    for n, (person, names) in enumerate(zip(persons, aliases, strict=True)):
        for name in (person.name, *names):
            index.setdefault(tables.name_key(name), []).append(n)
        for name in (person.name, *names):
            for key in _variant_keys(name):
                if key not in index:
                    variants.setdefault(key, []).append(n)
    return index, variants, persons


@functools.cache
def own_persons() -> tuple[tuple[KnownPerson, ...], tuple[tuple[str, ...], ...]]:
    """Load leaders.yaml: persons with dated terms (entries without ``terms`` hold one undated term)."""
    persons: list[KnownPerson] = []
    aliases: list[tuple[str, ...]] = []
    for raw in tables.load_yaml("leaders.yaml"):
        terms = []
        for item in raw.get("terms") or [{}]:
            role = item.get("role", raw.get("role"))
            terms.append(Term(item.get("country", raw.get("country")), item.get("org", raw.get("org")), role,
                              (), str(item.get("start") or ""), str(item.get("end") or "")))  # sectors: on use
        persons.append(KnownPerson(raw["name"], tuple(terms), "own"))
        aliases.append(tuple(raw.get("aliases") or ()))
    return tuple(persons), tuple(aliases)


@functools.lru_cache(maxsize=1024)
def role_sectors(role: str | None) -> tuple[str, ...]:
    """Return the sectors a role title implies ("Senator": LEG; none: GOV)."""
    if not role:
        return ("GOV",)
    primary, others = tables.sectors().sector_of(role.lower().split(), default=_head_sector(role))
    return tuple(dict.fromkeys(s for s in [primary, *others] if s))


def _head_sector(role: str) -> str:
    """Return the sector of a role's head word ("Senator": LEG), GOV when no head is known."""
    words = role.lower().split()
    role_table = tables.roles()
    for i in range(len(words)):
        head = role_table.head_at(words, i) if words[i] in role_table.heads else None
        if head is not None:
            return head.sector
    return "GOV"


@functools.cache
def _phoenix_index() -> tuple[dict[str, list[int]], dict[str, list[int]], list[tuple[str, str]]]:
    """Read persons.tsv.gz into key -> row indexes (terms stay raw until looked up)."""
    keys: dict[str, list[int]] = {}
    variants: dict[str, list[int]] = {}
    rows: list[tuple[str, str]] = []
    with gzip.open(data_path(OUTPUT), "rt", encoding="utf-8") as handle:
        text = handle.read()  # one read and one split: faster than iterating the gzip stream
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        name, names, shortenings, terms = line.split("\t")
        n = len(rows)
        rows.append((name, terms))
        for key in names.split("|"):
            keys.setdefault(key, []).append(n)
        if shortenings:
            for key in shortenings.split("|"):
                variants.setdefault(key, []).append(n)
    return keys, variants, rows


_USER: list[tuple[KnownPerson, tuple[str, ...]]] = []


def install_user_persons(persons: Iterable[tuple[KnownPerson, tuple[str, ...]]]) -> None:
    """Make ``persons`` (person, aliases) the user layer of :func:`dictionary`, for this process."""
    _USER[:] = list(persons)
    dictionary.cache_clear()


@functools.cache
def dictionary() -> PersonDictionary:
    """Return the person dictionary (built once per process; again after :func:`install_user_persons`)."""
    own, own_aliases = own_persons()
    layers = []
    if _USER:
        layers.append(index_persons([p for p, _ in _USER], [list(a) for _, a in _USER]))
    layers.append(index_persons(list(own), [list(a) for a in own_aliases]))
    return PersonDictionary(layers, _phoenix_index())
