"""Actors a user adds for a run (``--actors FILE``) or into a store (``communique actors-import FILE``).

A file is YAML (a list of mappings) or CSV (a header row), one actor a row, with
the columns:

- ``name`` (required): the name as articles write it;
- ``aliases``: other names, ``|``-separated in CSV (a list in YAML);
- ``kind``: ``person`` (default) or ``org``;
- ``country``: alpha-3 of the state the person or organisation belongs to;
- ``org``: IGO code a person serves (``UN``, ``NATO``);
- ``role``: a person's role title ("Prime Minister");
- ``sector``: PLOVER sector code (default: from the role, else GOV for persons, UNK for orgs);
- ``start``, ``end``: ISO dates of the person's term (empty: open).

Several rows of one person give several terms. User actors win over the
project's tables and the Phoenix persons (see :mod:`communique.knowledge.persons`).

>>> [a.name for a in parse_rows([{"name": "Aldo Vance", "country": "PRT", "role": "Mayor"}], "x.yaml")]
['Aldo Vance']
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from communique.errors import ConfigError
from communique.knowledge import actor_tables as tables
from communique.knowledge import persons
from communique.knowledge.gazetteer import gazetteer

__all__ = ["COLUMNS", "ActorFileError", "UserActor", "install", "parse_rows", "read_actors_file"]

COLUMNS = ("name", "aliases", "kind", "country", "org", "role", "sector", "start", "end")
KINDS = ("person", "org")


class ActorFileError(ConfigError):
    """An actors file that cannot be read, or a row in it that is wrong (names the file and the row)."""


@dataclass(frozen=True)
class UserActor:
    """One row of an actors file."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "person"
    country: str | None = None
    org: str | None = None
    role: str | None = None
    sector: str | None = None
    start: str = ""
    end: str = ""

    def to_json(self) -> dict[str, Any]:
        """Return the row as JSON-ready values (for the store)."""
        return {**dataclasses.asdict(self), "aliases": list(self.aliases)}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> UserActor:
        """Rebuild a row stored with :meth:`to_json`."""
        return cls(**{**value, "aliases": tuple(value.get("aliases") or ())})


def read_actors_file(path: str | Path) -> list[UserActor]:
    """Read a YAML or CSV actors file (by its extension; ``.csv`` is CSV, anything else YAML)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorFileError(f"cannot read actors file {path}: {exc}") from exc
    if path.suffix.lower() == ".csv":
        rows: Any = list(csv.DictReader(io.StringIO(text)))
    else:
        import yaml

        try:
            rows = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise ActorFileError(f"actors file {path} is not valid YAML: {exc}") from exc
    if not isinstance(rows, list):
        raise ActorFileError(f"actors file {path} must hold a list of actors")
    return parse_rows(rows, str(path))


def parse_rows(rows: Iterable[Any], where: str) -> list[UserActor]:
    """Check and convert rows (mappings of the columns) into :class:`UserActor` records."""
    actors: list[UserActor] = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise ActorFileError(f"{where}: actor {n} is not a mapping of columns")
        actors.append(_actor(row, f"{where}: actor {n}"))
    return actors


def _actor(row: Mapping[str, Any], where: str) -> UserActor:
    unknown = sorted(set(row) - set(COLUMNS))
    if unknown:
        raise ActorFileError(f"{where}: unknown column(s) {', '.join(map(str, unknown))}")
    name = str(row.get("name") or "").strip()
    if not name:
        raise ActorFileError(f"{where}: no name")
    kind = str(row.get("kind") or "person").strip().lower()
    if kind not in KINDS:
        raise ActorFileError(f"{where}: kind {kind!r} is not person or org")
    country = _text(row.get("country"))
    if country is not None:
        country = country.upper()
        if not tables.countries().is_state(country):
            raise ActorFileError(f"{where}: country {country!r} is not an ISO alpha-3 code")
    aliases = row.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [a for a in (p.strip() for p in aliases.split("|")) if a]
    sector = _text(row.get("sector"))
    return UserActor(name, tuple(str(a) for a in aliases), kind, country, _text(row.get("org")), _text(row.get("role")),
                     sector.upper() if sector else None, _date(row.get("start"), where), _date(row.get("end"), where))


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _date(value: Any, where: str) -> str:
    if value is None or value == "":
        return ""
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ActorFileError(f"{where}: {text!r} is not an ISO date (YYYY-MM-DD)") from None


_INSTALLED: list[UserActor] = []


def install(actors: Iterable[UserActor]) -> None:
    """Make ``actors`` known to actor extraction in this process (replacing any installed before)."""
    actors = list(actors)
    if actors == _INSTALLED:
        return  # nothing changes: keep the tables built
    _INSTALLED[:] = actors
    by_name: dict[str, list[UserActor]] = {}
    orgs: list[tables.OrgEntry] = []
    for actor in actors:
        if actor.kind == "org":
            sector = actor.sector or "UNK"
            orgs.append(tables.OrgEntry(actor.name, actor.aliases, actor.country, sector, (sector,)))
        else:
            by_name.setdefault(tables.name_key(actor.name), []).append(actor)
    known: list[tuple[persons.KnownPerson, tuple[str, ...]]] = []
    for rows in by_name.values():
        terms = tuple(persons.Term(r.country, r.org, r.role, _sectors(r), r.start, r.end) for r in rows)
        aliases = tuple(dict.fromkeys(a for r in rows for a in r.aliases))
        known.append((persons.KnownPerson(rows[0].name, terms, "user"), aliases))
    persons.install_user_persons(known)
    tables.install_user_orgs(orgs)
    gazetteer.cache_clear()  # rebuilt with the user's organisations on next use


def _sectors(actor: UserActor) -> tuple[str, ...]:
    """Return the row's sector; none given: empty, read from the role when the person is first met."""
    return (actor.sector,) if actor.sector else ()
