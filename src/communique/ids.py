"""Stable identifiers: the same inputs always give the same id, locally and on Spark."""

from __future__ import annotations

import hashlib


def make_id(prefix: str, *parts: object, length: int = 16) -> str:
    """Return ``prefix`` + a hex digest of ``parts`` (e.g. ``ev_3f2a...``)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:length]}"
