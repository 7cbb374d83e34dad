"""Loader for the chart colours of the 16 PLOVER types (``plover_colours.yaml``).

``plover_colours()`` -> {type: "#rrggbb"}, in PLOVER order (verbal cooperation
first, material conflict last), read once per process. The file must give
exactly one sRGB hex colour to each type of ``plover.yaml``.
"""

from __future__ import annotations

import functools
import re

from communique.config import load_data_yaml
from communique.errors import ConfigError
from communique.knowledge.events import plover_types

FILE = "plover_colours.yaml"
HEX = re.compile(r"^#[0-9a-f]{6}$")


@functools.cache
def plover_colours() -> dict[str, str]:
    """Return the colour of every PLOVER type, in the order of ``plover.yaml``.

    Raises:
        ConfigError: a type without a colour, a colour for an unknown type, or a
            value that is not ``#rrggbb``.
    """
    raw = (load_data_yaml(FILE) or {}).get("colours") or {}
    types = list(plover_types())
    unknown = sorted(set(raw) - set(types))
    if unknown:
        raise ConfigError(f"colours for unknown PLOVER types: {', '.join(unknown)}", source=FILE)
    missing = [t for t in types if t not in raw]
    if missing:
        raise ConfigError(f"no colour for PLOVER types: {', '.join(missing)}", source=FILE)
    colours = {t: str(raw[t]).lower() for t in types}
    bad = [f"{t}={v}" for t, v in colours.items() if not HEX.match(v)]
    if bad:
        raise ConfigError(f"colours must be #rrggbb: {', '.join(bad)}", source=FILE)
    return colours
