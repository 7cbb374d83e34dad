"""Gold records (FORMAT.md) and the gold file loader of ``communique eval``."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from communique.errors import GoldFormatError
from communique.records import ActorKind, Status

log = logging.getLogger("communique.evaluate")


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

#: A FORMAT.md date: year, year-month or year-month-day.
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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
        if value is not None and not ISO_DATE.match(value):
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
