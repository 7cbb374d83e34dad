"""Query parameters of the API and the pages, checked by ``communique.filters`` like the command line.

Each type below is ``Annotated`` with a ``BeforeValidator`` that runs the
shared check first, so a refused value answers 422 with the same message as
the command line at ``["query", <name>]``; the ``Query`` pattern stays for the
OpenAPI schema. ``known_actor`` answers 404 for an actor the store does not
know; ``checked_range`` 422 for a range that ends before it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import HTTPException, Query
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from communique import filters as f
from communique.filters import DATE_FORMS, DAY_PATTERN, PERIODS, FilterError

_PERIODS = "|".join(PERIODS)


def _validator(check: Callable[[Any, str], Any]) -> BeforeValidator:
    """A pydantic validator running ``check`` and answering its message as a ``value_error``."""

    def run(value: Any) -> Any:
        if value is None:
            return None
        try:
            return check(value, "value")
        except FilterError as exc:
            raise PydanticCustomError("value_error", "{message}", {"message": exc.message}) from None

    return BeforeValidator(run)


IsoDate = Annotated[str | None, Query(pattern=DAY_PATTERN, description=f"{DATE_FORMS}, a day that exists."),
                    _validator(f.check_day)]
EventType = Annotated[str | None, Query(pattern=r"^[A-Z]{3,10}$", description="PLOVER type, e.g. CONSULT."),
                      _validator(f.check_type)]
Status = Annotated[str | None, Query(pattern=f"^({'|'.join(f.STATUSES)})$", description="Event status."),
                   _validator(f.check_status)]
Kind = Annotated[str | None, Query(pattern=f"^({'|'.join(f.ACTOR_KINDS)})$", description="Actor kind."),
                 _validator(f.check_kind)]
Sector = Annotated[str | None, Query(pattern=r"^[A-Z]{3}$", description="PLOVER sector code of the actor side."),
                   _validator(f.check_sector)]
Period = Annotated[str, Query(pattern=f"^({_PERIODS})$", description="day, week, month, quarter or year."),
                   _validator(f.check_period)]
Count = Annotated[str, Query(pattern=r"^(clusters|reports)$", description="Count happenings (clusters) or reports."),
                  _validator(f.check_count)]


def known_actor(store: Any, term: str | None, field: str) -> str | None:
    """Return ``term`` if the store knows it; else answer 404 naming it."""
    try:
        return f.require_actor(store, term, field)
    except FilterError as exc:
        raise HTTPException(404, exc.message) from None


def checked_range(since: str | None, until: str | None) -> None:
    """Answer 422 at ``until`` when the range ends before it starts."""
    try:
        f.check_range(since, until)
    except FilterError as exc:
        raise HTTPException(422, [{"loc": ["query", exc.field], "msg": exc.message, "type": "value_error"}]) from None
