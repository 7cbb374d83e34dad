"""The ``Article`` builder every reader ends with, and the article id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from communique.errors import EmptyInputError
from communique.ingest.repair import repair_text
from communique.ingest.storable import storable
from communique.records import Article

__all__ = ["article_id", "article_from_text", "normalise_newlines", "normalise_text"]

_SPACE = re.compile(r"\s")
_NEWLINES = re.compile(r"\r\n?")


def normalise_text(text: str) -> str:
    """NFC-normalise and collapse white space: the form the article id is taken from.

    ``str.split()`` cuts at the characters ``\\s`` matches (``str.isspace``), so joining
    the words with single spaces collapses runs and strips the ends, about twice as fast as
    a regular expression substitution.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``; nothing else changes."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def article_id(text: str) -> str:
    """Return the stable id of an article's text (``art_`` + 16 hex digits).

    The id is the SHA-256 of ``normalise_text(text)``, hashed piece by piece so
    that a very long text needs no second full-size copy.
    """
    hasher = hashlib.sha256()
    for piece in _normalised_pieces(text):
        hasher.update(piece.encode("utf-8"))
    return f"art_{hasher.hexdigest()[:16]}"


def _normalised_pieces(text: str, size: int = 1 << 16) -> Iterator[str]:
    """Yield ``normalise_text(text)`` in pieces, normalising ``size`` characters at a time.

    Pieces are cut just before a white-space character: NFC never composes
    across one, so each piece normalises as it would inside the whole text.
    """
    started = pending = False
    for chunk in _chunks_before_space(text, size):
        normalised = unicodedata.normalize("NFC", chunk)
        core = " ".join(normalised.split())  # as normalise_text
        if not core:
            pending = started
            continue
        if started and (pending or normalised[:1].isspace()):
            yield " "
        yield core
        started, pending = True, normalised[-1:].isspace()


def _chunks_before_space(text: str, size: int) -> Iterator[str]:
    start = 0
    while start < len(text):
        cut = _SPACE.search(text, start + size) if start + size < len(text) else None
        end = cut.start() if cut else len(text)
        yield text[start:end]
        start = end


def article_from_text(
    text: str,
    *,
    date: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = "en",
    meta: dict[str, Any] | None = None,
    repair: bool = True,
) -> Article:
    """Build an ``Article`` from a body text and its metadata.

    Characters no store can hold (NUL, lone surrogates) are replaced in the body and the
    title, and recorded in ``repairs`` (see ``ingest.storable``); a body of nothing else is
    refused with ``EmptyInputError``. Then, unless ``repair`` is False, the text is repaired
    (``ingest.repair``: mojibake, NFC, boilerplate lines, one-case text; issue 20). What was
    done is listed in ``Article.repairs`` too; the id is that of the repaired text. An article
    without a date takes the date of a dropped date line.
    """
    text, repairs = storable(text)
    if repairs:
        text = text.strip()  # a replaced character at either end is now white space
        if not text:
            raise EmptyInputError("nothing but characters no store can hold (NUL, lone surrogates)", source=source)
    if title is not None:
        title, title_repairs = storable(title)
        repairs += [f"title: {note}" for note in title_repairs]
    if repair:
        repaired = repair_text(text)
        text = repaired.text
        repairs += repaired.repairs
        if date is None and repaired.date is not None:
            date = repaired.date
            repairs.append(f"date: {date} from the dropped date line")
    return Article(
        id=article_id(text),
        title=title,
        date=date,
        source=source,
        url=url,
        language=language,
        text=text,
        meta=meta or {},
        repairs=repairs,
    )
