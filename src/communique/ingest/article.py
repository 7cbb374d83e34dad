"""The ``Article`` builder every reader ends with, and the article id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from communique.records import Article

__all__ = ["article_id", "article_from_text", "normalise_newlines", "normalise_text"]

_SPACES = re.compile(r"\s+")
_NEWLINES = re.compile(r"\r\n?")


def normalise_text(text: str) -> str:
    """NFC-normalise and collapse white space: the form the article id is taken from."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``; nothing else changes."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def article_id(text: str) -> str:
    """Return the stable id of an article's text (``art_`` + 16 hex digits)."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return f"art_{digest[:16]}"


def article_from_text(
    text: str,
    *,
    date: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = "en",
    meta: dict[str, Any] | None = None,
) -> Article:
    """Build an ``Article`` from a body text and its metadata."""
    return Article(
        id=article_id(text),
        title=title,
        date=date,
        source=source,
        url=url,
        language=language,
        text=text,
        meta=meta or {},
    )
