"""Time: polling intervals ("30s", "15m", "2h", "1d") and retry backoff."""

from __future__ import annotations

import datetime as dt
import re

from communique.errors import ConfigError

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Return the seconds of an interval such as ``30s``, ``15m``, ``2h`` or ``1d`` (a bare number is seconds).

    Raises:
        ConfigError: not an interval, or zero.
    """
    match = _INTERVAL.match(text)
    if match is None:
        raise ConfigError(f"not an interval: {text!r} (use e.g. 30s, 15m, 2h)")
    seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
    if seconds <= 0:
        raise ConfigError(f"the interval must be positive: {text!r}")
    return seconds


def backoff(failures: int, *, base: float, cap: float) -> dt.timedelta:
    """Return the wait after the ``failures``-th failure in a row: ``base``, doubled each time, at most ``cap``."""
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, failures - 1)))


def utcnow() -> dt.datetime:
    """Return the current UTC time, naive (as the store keeps times)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
