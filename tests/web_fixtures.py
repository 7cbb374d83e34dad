"""A store filled by the real pipeline from the bundled example corpus, for API and browser tests."""

from __future__ import annotations

from communique.config import examples_dir
from communique.ingest import read_inputs
from communique.store.api import Store
from communique.store.runner import ingest


def filled_store(url: str, *extra_paths: str) -> Store:
    """Open the store at ``url`` and ingest the example corpus (and ``extra_paths``) into it."""
    return ingested_store(url, str(examples_dir() / "articles"), *extra_paths)


def ingested_store(url: str, *paths: str) -> Store:
    """Open the store at ``url`` and ingest ``paths`` into it, as ``communique ingest PATHS`` does."""
    store = Store(url)
    writer = store.writer()
    writer.start_run("ingest", list(paths), "test")
    ingest(writer, read_inputs(list(paths)), workers=1)
    writer.finish_run()
    return store
