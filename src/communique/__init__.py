"""Communiqué: news articles in, geopolitical event data out.

Public Python API::

    import communique
    record = communique.extract_text(text, date="2024-07-11", title="...")
    store = communique.open("sqlite:///communique.db")
    store.events(actor="USA", since="2024-07-01")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communique.version import CODER_VERSION, __version__

if TYPE_CHECKING:
    from communique.records import ArticleResult
    from communique.store import Store

__all__ = ["CODER_VERSION", "__version__", "extract_text", "open"]


def extract_text(text: str, date: str | None = None, title: str | None = None, **meta: Any) -> ArticleResult:
    """Run the whole pipeline on one text and return its typed record.

    ``date`` (ISO 8601) anchors relative dates ("on Thursday"); ``title`` is
    metadata and is not scanned for events.
    """
    from communique.ingest import article_from_text
    from communique.pipeline import process_article

    return process_article(article_from_text(text, date=date, title=title, source="<text>", meta=meta))


def open(url: str | None = None, *, create: bool = True) -> Store:  # noqa: A001 - the public name INTERFACE.md fixes
    """Open (migrating as needed) the store at ``url``: queries as typed records.

    ``url`` is an SQLAlchemy URL (``sqlite:///communique.db``, ``postgresql://...``); None means
    ``$COMMUNIQUE_DB``, else ``sqlite:///communique.db``. A store that does not exist is
    created, unless ``create=False``: then ``StoreNotFoundError`` is raised and nothing is made.
    """
    from communique.store import open_store

    return open_store(url, create=create)
