"""Recognising a format by content, and the readers of whole-text formats.

Formats: the header format (`` date YYYY-MM-DD Title``, blank line, body),
HTML pages (main text, title and date by trafilatura), plain text, and JSON
(see ``jsonl``). Each reader takes decoded text and returns one ``Article``.
"""

from __future__ import annotations

import enum
import logging
import re
from typing import Any

from communique.errors import DecodeError, EmptyInputError, MalformedInputError
from communique.ingest.article import article_from_text, normalise_newlines
from communique.ingest.dates import normalise_date
from communique.ingest.language import detect_language
from communique.records import Article

__all__ = ["SURROGATE", "Format", "sniff_format", "build_article", "read_header", "read_plain", "read_html"]

logger = logging.getLogger(__name__)

SURROGATE = re.compile("[\ud800-\udfff]")
HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})(?:[ \t]+([^\n]*))?[ \t\r]*$")
_JSON_OBJECT_START = re.compile(r'\{\s*(?:"|\}|$)')
_JSON_ARRAY_START = re.compile(r"\[\s*(?:\{|\]|$)")
_HEADER_START = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}(?: |\s*$)")
_HTML_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h1)\b",
    re.IGNORECASE | re.DOTALL,
)

_HTML_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


class Format(enum.StrEnum):
    """The input formats, as recorded in ``Article.meta["format"]``."""

    HEADER = "header"
    JSONL = "jsonl"
    JSON = "json"
    HTML = "html"
    TEXT = "text"


def sniff_format(start: str) -> Format:
    """Tell the format from the start of a decoded file.

    Args:
        start: the first few kilobytes of the text.
    Returns:
        ``JSONL`` for ``{"`` (``jsonl`` tells lines from one pretty-printed
        object), ``JSON`` for ``[{`` or ``[]``, ``HEADER`` for a first (non-blank)
        line ``date YYYY-MM-DD ...``, ``HTML`` for markup, else ``TEXT``
        (so "{Reuters} ..." or "[UPDATE] ..." stay plain text).
    """
    stripped = start.lstrip()
    first_line = stripped.split("\n", 1)[0]
    if _JSON_OBJECT_START.match(stripped):
        return Format.JSONL
    if _JSON_ARRAY_START.match(stripped):
        return Format.JSON
    if _HEADER_START.match(first_line):
        return Format.HEADER
    if _HTML_START.match(stripped[:4096]):
        return Format.HTML
    return Format.TEXT


def build_article(
    body: str,
    *,
    source: str,
    fmt: Format,
    title: str | None = None,
    date: object = None,
    url: str | None = None,
    language: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """Build the ``Article`` of one body text; the last step of every reader.

    Newlines become ``\\n`` and white space around the body goes; the body is
    otherwise kept exactly (offsets are taken into it). An unparseable date is
    kept in ``meta["date_raw"]``; the language is detected unless given.

    Raises:
        EmptyInputError: the body is empty or white space only.
    """
    text = normalise_newlines(body).strip()
    if not text:
        raise EmptyInputError(f"no text ({fmt} input with an empty body)", source=source)
    if SURROGATE.search(text):
        raise DecodeError("invalid Unicode: the text holds lone surrogate code points", source=source)
    meta = {**(meta or {}), "format": str(fmt)}
    iso = normalise_date(date)
    if date not in (None, "") and iso is None:
        meta["date_raw"] = date if isinstance(date, (str, int, float)) else str(date)
    return article_from_text(
        text,
        date=iso,
        title=clean_title(title),
        source=source,
        url=url or None,
        language=language or detect_language(text),
        meta=meta,
    )


def clean_title(title: object) -> str | None:
    """Return a title on one line with single spaces, or None if there is none."""
    if title is None:
        return None
    cleaned = " ".join(SURROGATE.sub("\ufffd", str(title)).split())
    return cleaned or None


def read_header(text: str, *, source: str, meta: dict[str, Any] | None = None) -> Article:
    """Read the header format: `` date YYYY-MM-DD Title``, a blank line, the body.

    Raises:
        MalformedInputError: the first line is not a header.
        EmptyInputError: the header has no body.
    """
    first, _, body = normalise_newlines(text).lstrip().partition("\n")
    match = HEADER.match(first)
    if match is None:
        raise MalformedInputError("header format: first line is not 'date YYYY-MM-DD Title'", source=source)
    if not body.strip():
        raise EmptyInputError("header format: header but no body", source=source)
    return build_article(
        body, source=source, fmt=Format.HEADER, title=match.group(2), date=match.group(1), meta=meta
    )


def read_plain(
    text: str,
    *,
    source: str,
    date: str | None = None,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """Read plain text; date and title come from the caller (``--date``/``--title``)."""
    return build_article(text, source=source, fmt=Format.TEXT, title=title, date=date, meta=meta)


def read_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    date: object = None,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
    fmt: Format = Format.HTML,
) -> Article:
    """Read an HTML page: main text, title, date and URL by trafilatura.

    The page's own title and date win over ``title``/``date``; a first line
    repeating the title is dropped (headlines are metadata); paragraphs are
    separated by blank lines.

    Raises:
        MalformedInputError: trafilatura cannot parse the page.
        EmptyInputError: the page has no main text.
    """
    document = _extract(html, source=source, url=url)
    page_title = clean_title(getattr(document, "title", None)) or clean_title(title)
    text = getattr(document, "text", None) or ""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and page_title and clean_title(lines[0]) == page_title:
        lines = lines[1:]
    if not lines:
        raise EmptyInputError("HTML page with no main text", source=source)
    return build_article(
        "\n\n".join(lines),
        source=source,
        fmt=fmt,
        title=page_title,
        date=getattr(document, "date", None) or date,
        url=url or getattr(document, "url", None),
        meta=meta,
    )


def _extract(html: str, *, source: str, url: str | None) -> Any:
    """Run trafilatura; any failure inside it becomes ``MalformedInputError``."""
    import trafilatura

    if not _HTML_DOCUMENT.search(html[:4096]):
        html = f"<html><body>{html}</body></html>"  # a fragment (a JSON record's "html")
    try:
        return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted input
        raise MalformedInputError(f"HTML could not be parsed ({exc.__class__.__name__}: {exc})", source=source) from exc
