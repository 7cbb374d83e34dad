"""Closed code lists the query filters check values against (``data/sector_codes.yaml``)."""

from __future__ import annotations

import functools

from communique.config import load_data_yaml


@functools.cache
def sector_codes() -> dict[str, str]:
    """PLOVER sector code -> what it covers (``GOV`` -> "government and executive")."""
    data = load_data_yaml("sector_codes.yaml")["sectors"]
    return {str(code): str(text) for code, text in data.items()}
