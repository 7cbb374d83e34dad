"""Publication dates: whatever a source writes, ISO ``YYYY-MM-DD`` where it can."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

__all__ = ["normalise_date"]

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_]|[+-]\d\d|Z)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^\s*(?:\w+,?\s+)??(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"^\s*(?:\w+,?\s+)??([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def normalise_date(raw: object) -> str | None:
    """Return ``raw`` as an ISO date ``YYYY-MM-DD``, or None if it is no full date.

    Args:
        raw: a date as a source writes it: ``2024-07-11``, ``2024-07-11T08:00Z``,
            ``2024/07/11``, ``20240711``, ``11 July 2024``, ``July 11, 2024`` or an
            e-mail style date (``Thu, 11 Jul 2024 08:00:00 +0000``).
    Returns:
        The ISO date, or None when ``raw`` is empty, not a string, or not a valid date.
    """
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 200:
        return None
    for parse in (_numeric, _worded, _rfc2822):
        found = parse(raw)
        if found is not None:
            return found
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric(raw: str) -> str | None:
    match = _ISO.match(raw) or _COMPACT.match(raw)
    return _valid(*map(int, match.groups())) if match else None


def _worded(raw: str) -> str | None:
    match = _DAY_MONTH_YEAR.match(raw)
    if match and match.group(2).lower() in _MONTHS:
        return _valid(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    match = _MONTH_DAY_YEAR.match(raw)
    if match and match.group(1).lower() in _MONTHS:
        return _valid(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    return None


def _rfc2822(raw: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
