"""The store: articles, canonical actors, quotes and events in SQLite or PostgreSQL.

    import communique
    store = communique.open("sqlite:///communique.db")
    store.events(actor="USA", type="CONSULT", since="2024-07-01")

Modules: ``models`` (tables), ``migrations`` (Alembic, run on open), ``db``
(engines), ``writer`` (the one writer), ``queries``, ``exports``,
``runner`` (parallel ingest and reprocess).
"""

from __future__ import annotations

from communique.store.api import Store, open_store

open = open_store  # noqa: A001 - ``communique.open(url)`` is the public name

__all__ = ["Store", "open", "open_store"]
