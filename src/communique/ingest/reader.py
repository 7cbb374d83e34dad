"""Reading inputs: a byte stream is sniffed, decoded and handed to its format.

``read_inputs`` is the entry point of the command line; ``read_stream``,
``read_file`` and ``read_text`` read one input each. None of them raises for
a bad input: each failure is yielded as an ``InputError`` and the batch goes on.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any, BinaryIO

from communique.errors import DecodeError, EmptyInputError, InputError, SpecialFileError
from communique.ingest.decode import decode, sniff_encoding, strip_bom
from communique.ingest.formats import SURROGATE, Format, read_header, read_html, read_plain, sniff_format
from communique.ingest.jsonl import read_json_document, read_json_lines
from communique.ingest.paths import STDIN, expand_paths
from communique.records import Article

__all__ = ["read_inputs", "read_file", "read_stream", "read_text"]

logger = logging.getLogger(__name__)

#: Bytes read first to tell the encoding and the format.
SNIFF_BYTES = 1 << 16
#: Largest file read whole as one article (JSON Lines stream and have no limit).
MAX_ARTICLE_BYTES = 64 << 20

Result = Article | InputError


def read_inputs(
    paths: Sequence[str],
    *,
    date: str | None = None,
    title: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Result]:
    """Read every article named by ``paths``; yield it, or an error per bad input.

    Args:
        paths: files, directories (recursive), globs and ``-`` (standard input).
        date: publication date for inputs that carry none (plain text).
        title: title for inputs that carry none (plain text).
        stdin: the stream ``-`` reads (default: ``sys.stdin.buffer``).
    Yields:
        ``Article`` per article; ``InputError`` (``source`` = the path, or
        ``path:line N`` for a JSON Lines record) per input that fails.

    Example::

        for item in read_inputs(["news/", "feed.jsonl"], date="2024-07-11"):
            if isinstance(item, InputError):
                print(item)  # news/bad.txt: binary data: NUL byte at offset 12
    """
    for path in expand_paths(paths):
        if isinstance(path, InputError):
            yield path
        elif path == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded(read_stream(stream, STDIN, date=date, title=title), STDIN)
        else:
            yield from _guarded(read_file(path, date=date, title=title), path)


def read_file(path: str, *, date: str | None = None, title: str | None = None) -> Iterator[Result]:
    """Read one file (any format, recognised by content).

    A FIFO, device or socket is refused (``SpecialFileError``) without being
    opened: opening a FIFO with no writer, or reading a terminal, would block.
    """
    try:
        special = special_kind(os.stat(path).st_mode)
        if special:
            yield SpecialFileError(f"not a regular file ({special})", source=path)
            return
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield InputError(f"cannot open: {exc.strerror or exc}", source=path)
        return
    with handle:
        yield from read_stream(handle, path, date=date, title=title)


def read_stream(
    stream: IO[bytes], source: str, *, date: str | None = None, title: str | None = None
) -> Iterator[Result]:
    """Read one input from a byte stream; JSON Lines are streamed line by line.

    Args:
        stream: the input's bytes (a file, standard input, a BytesIO).
        source: its name for ``Article.source`` and error messages.
        date, title: defaults for inputs that carry none.
    """
    try:
        raw = _read_up_to(stream, SNIFF_BYTES)
        prefix, bom_encoding = strip_bom(raw)
        if bom_encoding and not prefix:
            raise EmptyInputError("empty input (only a byte-order mark)", source=source)
        encoding = bom_encoding or sniff_encoding(prefix, source, complete=len(raw) < SNIFF_BYTES)
        fmt = sniff_format(prefix[:8192].decode(encoding, errors="replace"))
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=source)
        return
    body = io.BufferedReader(_Prefixed(prefix, stream), buffer_size=SNIFF_BYTES)
    if fmt is Format.JSONL:
        yield from read_json_lines(body, source, encoding, date=date, title=title)
        return
    try:
        text, encoding = decode(_read_whole(body, source), encoding, source)
    except InputError as exc:
        yield exc
        return
    meta = {} if encoding == "utf-8" else {"encoding": encoding}
    yield from read_text(text, source, date=date, title=title, fmt=fmt, meta=meta)


def read_text(
    text: str,
    source: str,
    *,
    date: str | None = None,
    title: str | None = None,
    fmt: Format | None = None,
    meta: dict[str, Any] | None = None,
) -> Iterator[Result]:
    """Read one decoded input in any format (recognised from ``text`` unless ``fmt``).

    Args:
        text: the whole input, decoded.
        source: its name for ``Article.source`` and error messages.
        date, title: defaults for inputs that carry none.
        fmt: the format, when already known.
        meta: extra metadata for the article(s).
    """
    if not text.strip():
        yield EmptyInputError("empty input (white space only)", source=source)
        return
    if SURROGATE.search(text):
        yield DecodeError("invalid Unicode: the text holds lone surrogate code points", source=source)
        return
    fmt = fmt or sniff_format(text[:8192])
    if fmt is Format.JSONL:
        yield from read_json_lines(io.BytesIO(text.encode("utf-8")), source, "utf-8", date=date, title=title)
        return
    if fmt is Format.JSON:
        yield from read_json_document(text, source, date=date, title=title)
        return
    try:
        if fmt is Format.HEADER:
            yield read_header(text, source=source, meta=meta)
        elif fmt is Format.HTML:
            yield read_html(text, source=source, date=date, title=title, meta=meta)
        else:
            yield read_plain(text, source=source, date=date, title=title, meta=meta)
    except InputError as exc:
        yield exc


def special_kind(mode: int) -> str | None:
    """The kind of a file that is not a regular file or a directory ("FIFO", "character device", ...), else None."""
    for test, kind in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISSOCK, "socket")):
        if test(mode):
            return kind
    return None


def _guarded(results: Iterator[Result], source: str) -> Iterator[Result]:
    """Pass results on; an unexpected exception becomes an ``InputError`` for ``source``."""
    try:
        yield from results
    except Exception as exc:  # noqa: BLE001  # error boundary: an InputError naming the source is yielded
        logger.exception("unexpected error while reading %s", source)
        yield InputError(f"unexpected error while reading: {exc.__class__.__name__}: {exc}", source=source)


def _read_up_to(stream: IO[bytes], size: int) -> bytes:
    """Read ``size`` bytes, or fewer only at the end of the stream."""
    chunks: list[bytes] = []
    wanted = size
    while wanted > 0:
        chunk = stream.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def _read_whole(stream: IO[bytes], source: str) -> bytearray:
    """Read the rest of a one-article input, refusing more than ``MAX_ARTICLE_BYTES``.

    Read in blocks: one ``read(limit)`` would allocate the whole limit at once.
    """
    data = bytearray()
    while block := stream.read(SNIFF_BYTES * 16):
        data += block
        if len(data) > MAX_ARTICLE_BYTES:
            raise InputError(f"too large for one article (over {MAX_ARTICLE_BYTES} bytes)", source=source)
    return data


class _Prefixed(io.RawIOBase):
    """A raw stream that gives back the bytes already read, then the rest."""

    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._stream = stream

    def readable(self) -> bool:
        """Return True: this stream is read, never written."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the prefix first, then from the stream."""
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        read = getattr(self._stream, "read1", self._stream.read)
        data = read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
