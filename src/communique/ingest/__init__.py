"""Readers: every input format becomes the same typed ``Article``.

Entry points:
- ``read_inputs(paths, date=..., title=..., stdin=...)``: files, directories,
  globs and ``-``; yields ``Article`` or ``InputError`` (the batch goes on).
- ``read_file(path)``, ``read_stream(stream, source)``, ``read_text(text, source)``:
  one input, format recognised by content (header, JSON Lines, JSON, HTML, text).
- ``article_from_text(text, date=..., title=..., source=...)``: one text.
- ``article_from_record(record, source=..., where=...)``: one JSON object
  (``text`` or ``html``, ``title``, ``date``, ``url``), e.g. an API request.
- ``article_id(text)``: the stable id of a text.
"""

from __future__ import annotations

from communique.ingest.article import article_from_text, article_id, normalise_text
from communique.ingest.dates import normalise_date
from communique.ingest.formats import Format
from communique.ingest.jsonl import article_from_record
from communique.ingest.language import detect_language
from communique.ingest.reader import read_file, read_inputs, read_stream, read_text

__all__ = [
    "Format",
    "article_from_record",
    "article_from_text",
    "article_id",
    "detect_language",
    "normalise_date",
    "normalise_text",
    "read_file",
    "read_inputs",
    "read_stream",
    "read_text",
]
