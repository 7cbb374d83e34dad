"""JSON Lines and JSON documents: one article per object.

A record has ``text`` or ``html`` and optionally ``title``, ``date``, ``url``,
``language``; every other key (``id`` included) is kept in ``Article.meta``.
JSON Lines are read line by line, so a file of any size stays in bounded
memory; a bad line gives an ``InputError`` for ``path:line N`` and the rest
goes on.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from communique.errors import DecodeError, EmptyInputError, InputError, MalformedInputError
from communique.ingest.decode import check_text, detect_encoding
from communique.ingest.formats import Format, build_article, read_html
from communique.records import Article

__all__ = ["read_json_lines", "read_json_document", "article_from_record"]

#: Keys of a record that become Article fields rather than metadata.
RECORD_FIELDS = frozenset({"title", "date", "url", "text", "html", "language"})
#: Largest single (pretty-printed) JSON document read whole, in bytes.
MAX_DOCUMENT_BYTES = 256 << 20
_PRETTY_ENDINGS = ("{", "[", ",", ":")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def article_from_record(
    record: object,
    *,
    source: str,
    where: str,
    fmt: Format = Format.JSONL,
    date: str | None = None,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """Build the ``Article`` of one JSON record.

    Args:
        record: the parsed JSON value (must be an object).
        source: the file the record comes from (``Article.source``).
        where: the record's position for error messages (``path:line N``).
        fmt: ``JSONL`` or ``JSON``, recorded in ``meta["format"]``.
        date, title: used when the record has none.
        meta: extra metadata (the line or item number).
    Raises:
        MalformedInputError: not an object, or no usable ``text``/``html``.
        EmptyInputError: the text is empty.
    """
    if not isinstance(record, dict):
        raise MalformedInputError(f"a JSON {_kind(record)} where an object was expected", source=where)
    extra = {**{k: v for k, v in record.items() if k not in RECORD_FIELDS}, **(meta or {})}
    fields: dict[str, Any] = {
        "source": where,
        "fmt": fmt,
        "title": _text_field(record, "title", where) or title,
        "date": _text_field(record, "date", where) or date,
        "url": _string(record.get("url")),
        "meta": extra,
    }
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        article = build_article(text, language=_language(record.get("language")), **fields)
    elif isinstance(html, str) and html.strip():
        article = read_html(html, **fields)
    elif text is None and html is None:
        raise MalformedInputError("record has neither 'text' nor 'html'", source=where)
    elif not isinstance(text, (str, type(None))) or not isinstance(html, (str, type(None))):
        raise MalformedInputError("record's 'text'/'html' is not a string", source=where)
    else:
        raise EmptyInputError("record with an empty 'text'/'html'", source=where)
    check_text(article.text, where)
    return article.model_copy(update={"source": source})


def read_json_lines(
    stream: IO[bytes], source: str, encoding: str, *, date: str | None = None, title: str | None = None
) -> Iterator[Article | InputError]:
    """Read a file that starts with ``{``: JSON Lines, or one pretty-printed object.

    Args:
        stream: the file's bytes after any byte-order mark, positioned at the start.
        source: the file's name; records are named ``source:line N``.
        encoding: the encoding found from the file's start.
        date, title: defaults for records without them.
    Yields:
        An ``Article`` per good line, an ``InputError`` per bad one.
    """
    lines = _LineSource(stream, encoding, source)
    seen_record = False
    for number, line in lines:
        if isinstance(line, InputError):
            yield line
            continue
        stripped = line.strip()
        if not stripped:
            continue
        if not seen_record and stripped.endswith(_PRETTY_ENDINGS):
            rest = lines.rest()
            if isinstance(rest, InputError):
                yield rest
            else:
                yield from read_json_document(line + rest, source, date=date, title=title)
            return
        seen_record = True
        yield _line_article(stripped, number, source, date, title)
    if not seen_record:
        yield EmptyInputError("no JSON records (white space only)", source=source)


def _line_article(
    line: str, number: int, source: str, date: str | None, title: str | None
) -> Article | InputError:
    where = f"{source}:line {number}"
    try:
        record = _parse(line, where, one_line=True)
        return article_from_record(record, source=source, where=where, date=date, title=title, meta={"line": number})
    except InputError as exc:
        return exc


def read_json_document(
    text: str, source: str, *, date: str | None = None, title: str | None = None
) -> Iterator[Article | InputError]:
    """Read one JSON document: an object (one article) or an array of objects.

    Yields:
        An ``Article`` per object; an ``InputError`` for the whole file when it
        is not valid JSON, or for ``source:item N`` per bad array item.
    """
    try:
        value = _parse(text, source, one_line=False)
    except InputError as exc:
        yield exc
        return
    if isinstance(value, list):
        if not value:
            yield EmptyInputError("JSON array with no records", source=source)
        for index, item in enumerate(value, 1):
            yield _item_article(item, source, f"{source}:item {index}", {"item": index}, date, title)
    else:
        yield _item_article(value, source, source, {}, date, title)


def _item_article(
    item: object, source: str, where: str, meta: dict[str, Any], date: str | None, title: str | None
) -> Article | InputError:
    try:
        return article_from_record(item, source=source, where=where, fmt=Format.JSON, date=date, title=title, meta=meta)
    except InputError as exc:
        return exc


def _parse(text: str, where: str, *, one_line: bool) -> Any:
    """Parse JSON text; errors become ``MalformedInputError`` with the reason."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        place = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        kind = "truncated JSON (it ends inside an open string, object or array)" if _unclosed(text) else "invalid JSON"
        raise MalformedInputError(f"{kind}: {exc.msg} ({place})", source=where) from exc
    except (ValueError, RecursionError) as exc:
        raise MalformedInputError(f"invalid JSON: {exc.__class__.__name__}: {exc}", source=where) from exc


def _unclosed(text: str) -> bool:
    """Tell whether JSON text stops inside a string, object or array (a cut file)."""
    outside = _STRING.sub("", text)
    if '"' in outside:
        return True
    opened = outside.count("{") + outside.count("[")
    return opened > outside.count("}") + outside.count("]")


class _LineSource:
    """The lines of a JSON file, decoded one at a time, and the rest on demand."""

    def __init__(self, stream: IO[bytes], encoding: str, source: str) -> None:
        self.stream = stream
        self.encoding = encoding
        self.source = source
        self.wide = encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32"))
        self.text: io.StringIO | None = None

    def __iter__(self) -> Iterator[tuple[int, str | InputError]]:
        """Yield ``(line number, decoded line or DecodeError)``."""
        if self.wide:  # a byte-wise split would cut UTF-16/32 characters: decode whole (bounded)
            whole = self.rest()
            if isinstance(whole, InputError):
                yield 1, whole
                return
            self.text = io.StringIO(whole)
            yield from enumerate(self.text, 1)
            return
        for number, raw in enumerate(self.stream, 1):
            yield number, _decode_line(raw, self.encoding, f"{self.source}:line {number}")

    def rest(self) -> str | InputError:
        """Return the not yet read part of the file, decoded (at most MAX_DOCUMENT_BYTES)."""
        if self.text is not None:
            return self.text.read()
        data = self.stream.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            return MalformedInputError(f"JSON document over {MAX_DOCUMENT_BYTES} bytes is not read whole", source=self.source)
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            return DecodeError(f"undecodable: invalid {self.encoding} at byte {exc.start}", source=self.source)


def _decode_line(raw: bytes, encoding: str, where: str) -> str | InputError:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode(detect_encoding(raw, where))
    except (InputError, UnicodeDecodeError, LookupError):
        return DecodeError(f"undecodable: this line is not valid {encoding}", source=where)


def _text_field(record: dict[str, Any], name: str, where: str) -> str | None:
    """Return the record's ``name`` field: a string or null; any other JSON value is refused."""
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise MalformedInputError(f"record's {name!r} is a JSON {_kind(value)}, not a string", source=where)


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _language(value: object) -> str | None:
    """A record's own ``language`` (``en``, ``en-US``, ``fr_FR``) as a bare code."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower()


def _kind(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}
    return names.get(type(value), type(value).__name__)
