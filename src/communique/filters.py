"""The values every query filter accepts, checked once for the CLI, the API and the pages.

Each ``check_*`` function takes the raw value and the name of the filter
(``since``, ``type``, ...) and returns the value to query with (``None``
stays ``None``), or raises ``FilterError`` naming the filter, the value and
what would be accepted. The command line prints ``--<name>: <message>`` and
exits 2; the API answers 422 with the same message at ``["query", name]``.
An actor the store does not know is ``UnknownActorError`` (exit 2, HTTP 404).

Periods (``--by``) are one list for every command that groups by period
(``dyad``, ``align``, ``blocs``): day, week, month, quarter, year, with the
labels of ``period_label``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol, get_args

from communique.errors import ConfigError
from communique.records import ActorKind, Status

#: Statuses an event can have.
STATUSES: tuple[str, ...] = get_args(Status)
#: Kinds of canonical actors.
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
#: Periods of ``--by`` / ``by=`` (every grouping command takes them all).
PERIODS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
#: What ``dyad --count`` / ``count=`` counts.
COUNTS: tuple[str, ...] = ("clusters", "reports")
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: An API query pattern for days (the message of ``check_day`` explains a refusal).
DAY_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class FilterError(ConfigError):
    """A filter value that names nothing that can exist (an impossible date, an unknown type...)."""

    def __init__(self, field: str, value: object, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class UnknownActorError(FilterError):
    """An actor (code, canonical id or name) the store has never seen."""


class ActorLookup(Protocol):
    """What ``require_actor`` asks of a store."""

    def knows_actor(self, term: str) -> bool:
        """Tell whether ``term`` is an actor the store has seen."""
        ...


def require_actor(store: ActorLookup, term: str | None, field: str) -> str | None:
    """Return ``term`` (stripped) if the store knows it as a code, canonical actor id or name."""
    if term is None:
        return None
    term = term.strip()
    if not term or not store.knows_actor(term):
        raise UnknownActorError(field, term, f"no actor {term!r} in the store (give a code such as USA, "
                                             "a canonical actor id or a name)")
    return term


def _one_of(field: str, value: str, allowed: tuple[str, ...] | list[str]) -> FilterError:
    return FilterError(field, value, f"{value!r} is not one of {', '.join(allowed)}")


def check_day(value: str | None, field: str) -> str | None:
    """Return ``value`` if it is a day, month or year that exists (``2024-02-29`` yes, ``2024-13-45`` no)."""
    if value is None:
        return None
    match = _DAY.match(value)
    if not match:
        raise FilterError(field, value, f"{value!r} is not a date; use {DATE_FORMS}")
    year, month, day = match.groups()
    try:
        if day is not None:
            dt.date(int(year), int(month), int(day))
        elif month is not None and not 1 <= int(month) <= 12:
            raise ValueError(f"month {month}")
    except ValueError:
        raise FilterError(field, value, f"{value!r} is not a real date ({DATE_FORMS})") from None
    return value


def check_range(since: str | None, until: str | None) -> None:
    """Refuse a range whose first day comes after its last (``since=2025``, ``until=2024``)."""
    if since and until and since[: len(until)] > until:
        raise FilterError("until", until, f"{until!r} is before since {since!r}: the range holds no day")


def check_type(value: str | None, field: str = "type") -> str | None:
    """Return the PLOVER type named by ``value`` (any case), upper-cased."""
    if value is None:
        return None
    from communique.knowledge.events import plover_types

    types = list(plover_types())
    if value.upper() not in types:
        raise _one_of(field, value, types)
    return value.upper()


def check_status(value: str | None, field: str = "status") -> str | None:
    """Return the event status named by ``value`` (any case), lower-cased."""
    if value is None:
        return None
    if value.lower() not in STATUSES:
        raise _one_of(field, value, STATUSES)
    return value.lower()


def check_kind(value: str | None, field: str = "kind") -> str | None:
    """Return the actor kind named by ``value`` (any case), lower-cased."""
    if value is None:
        return None
    if value.lower() not in ACTOR_KINDS:
        raise _one_of(field, value, ACTOR_KINDS)
    return value.lower()


def check_sector(value: str | None, field: str = "actor_sector") -> str | None:
    """Return the PLOVER sector code named by ``value`` (any case), upper-cased."""
    if value is None:
        return None
    from communique.knowledge.codes import sector_codes

    codes = list(sector_codes())
    if value.upper() not in codes:
        raise _one_of(field, value, codes)
    return value.upper()


def check_period(value: str | None, field: str = "by", allowed: tuple[str, ...] = PERIODS) -> str | None:
    """Return ``value`` if it is one of the periods ``allowed`` (any case), lower-cased."""
    if value is None:
        return None
    if value.lower() not in allowed:
        raise _one_of(field, value, allowed)
    return value.lower()


def check_count(value: str, field: str = "count") -> str:
    """Return ``value`` if it is ``clusters`` or ``reports``."""
    if value.lower() not in COUNTS:
        raise _one_of(field, value, COUNTS)
    return value.lower()


def period_label(day: str, by: str) -> str:
    """The label of the period of ``by`` holding ``day``: 2024-07-11, 2024-W28, 2024-07, 2024Q3 or 2024.

    A date known only to the month or year falls in the period of its first day
    when the period is shorter than the date's precision allows (``2024`` by month is ``2024``).
    """
    if by not in PERIODS:
        raise _one_of("by", by, PERIODS)
    year = day[:4]
    if by == "year" or len(day) < 7:
        return year
    month = int(day[5:7])
    if by == "quarter":
        return f"{year}Q{(month - 1) // 3 + 1}"
    if by == "month" or len(day) < 10:
        return day[:7]
    if by == "day":
        return day[:10]
    iso = dt.date.fromisoformat(day[:10]).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def like_pattern(text: str) -> str:
    """``%text%`` for a LIKE with ``escape='\\\\'``: the text's own ``%``, ``_`` and ``\\`` match themselves."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


__all__ = [
    "ACTOR_KINDS",
    "COUNTS",
    "DATE_FORMS",
    "DAY_PATTERN",
    "PERIODS",
    "STATUSES",
    "ActorLookup",
    "FilterError",
    "UnknownActorError",
    "check_count",
    "check_day",
    "check_kind",
    "check_period",
    "check_range",
    "check_sector",
    "check_status",
    "check_type",
    "like_pattern",
    "period_label",
    "require_actor",
]
