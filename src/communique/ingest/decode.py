"""Bytes to text: byte-order marks, UTF-8, detected encodings, binary data.

Every failure is an ``InputError`` subclass naming the source and the reason.
"""

from __future__ import annotations

import codecs
import re

from communique.errors import BinaryInputError, DecodeError, EmptyInputError

__all__ = ["decode", "sniff_encoding", "strip_bom", "check_text"]

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Bytes given to the encoding detector at most (it samples; more adds little).
DETECT_BYTES = 1 << 20
#: Characters checked for control characters when deciding "binary".
BINARY_SAMPLE_CHARS = 1 << 16
#: Above this share of control characters (or U+FFFD) a text counts as binary.
MAX_CONTROL_SHARE = 0.1
#: Among encodings the detector finds equally likely, the most common for news text wins.
PREFERRED_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "gb18030", "shift_jis", "euc_kr")
_TIE = 0.01
#: Control characters (category Cc) other than layout and escape, and U+FFFD.
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")
#: Every byte but the ASCII ones ``_BINARY_CHARS`` matches (deleted to count those).
_NOT_ASCII_CONTROL = bytes(b for b in range(256) if not (b < 0x80 and _BINARY_CHARS.match(chr(b))))


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """Return ``data`` without its byte-order mark, and the encoding the mark names."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def sniff_encoding(prefix: bytes, source: str, *, complete: bool) -> str:
    """Return the encoding of a file from its first bytes (BOM already stripped).

    Args:
        prefix: the first bytes of the file.
        source: the file's name, for error messages.
        complete: True when ``prefix`` is the whole file.
    Raises:
        EmptyInputError: no bytes at all.
        BinaryInputError: NUL bytes (text in UTF-16/32 carries a BOM).
        DecodeError: neither UTF-8 nor any encoding the detector knows.
    """
    if not prefix:
        raise EmptyInputError("empty input (0 bytes)", source=source)
    if b"\x00" in prefix:
        offset = prefix.index(b"\x00")
        raise BinaryInputError(f"binary data: NUL byte at offset {offset}", source=source)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(prefix, final=complete)
    except UnicodeDecodeError as exc:
        _raise_if_cut_utf8(prefix, exc, source)
        return detect_encoding(prefix, source)
    return "utf-8"


def _raise_if_cut_utf8(data: bytes | bytearray, exc: UnicodeDecodeError, source: str) -> None:
    """Raise ``DecodeError`` for UTF-8 text cut inside its last character.

    Only when the text before the cut already holds multi-byte UTF-8: a legacy
    file ending in "caf\xe9" looks the same and is left to detection.
    """
    if exc.reason == "unexpected end of data" and exc.end == len(data) and not data[: exc.start].isascii():
        raise DecodeError(f"truncated: the input ends inside a UTF-8 character (byte {exc.start})", source=source)


def detect_encoding(sample: bytes, source: str) -> str:
    """Return the encoding charset-normalizer finds for ``sample``.

    Raises:
        DecodeError: the detector finds no plausible encoding.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample[:DETECT_BYTES]))
    if not matches or matches[0].encoding in (None, "utf_8"):
        raise DecodeError("undecodable: not UTF-8 and no other text encoding fits", source=source)
    best = matches[0]
    tied = [m.encoding for m in matches if m.chaos <= best.chaos + _TIE and m.coherence >= best.coherence - _TIE]
    preferred = [name for name in PREFERRED_ENCODINGS if name in tied]
    return preferred[0] if preferred else str(best.encoding)


def decode(data: bytes | bytearray, encoding: str, source: str) -> tuple[str, str]:
    """Decode a whole file; if ``encoding`` (guessed from its start) fails, detect again.

    Returns:
        The text and the encoding that decoded it.

    Raises:
        DecodeError: the bytes fit no encoding.
        BinaryInputError: the text is mostly control characters.
    """
    used = encoding
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as first:
        if encoding == "utf-8":
            _raise_if_cut_utf8(data, first, source)
        half = DETECT_BYTES // 2
        sample = bytes(data if len(data) <= DETECT_BYTES else data[:half] + data[first.start : first.start + half])
        used = retry = detect_encoding(sample, source)
        try:
            text = data.decode(retry)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(
                f"undecodable: invalid {encoding} at byte {first.start}, and not {retry} either ({exc.__class__.__name__})",
                source=source,
            ) from exc
    check_text(text, source)
    return text, used


def check_text(text: str, source: str) -> None:
    """Raise ``BinaryInputError`` if ``text`` is mostly control characters.

    Args:
        text: decoded text; only its first ``BINARY_SAMPLE_CHARS`` are checked.
        source: the input's name, for the message.
    """
    sample = text[:BINARY_SAMPLE_CHARS]
    if not sample:
        return
    controls = _count_binary_chars(sample)
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(
            f"binary data: {controls} of the first {len(sample)} characters are control characters",
            source=source,
        )


def _count_binary_chars(sample: str) -> int:
    """Count the characters of ``sample`` that ``_BINARY_CHARS`` matches.

    In UTF-8 the ASCII ones are single bytes that no multi-byte character contains, and the
    others (U+0080 to U+009F, U+FFFD) start with the bytes C2 or EF BF BD; so for a text with
    none of those, deleting every other byte counts them, many times faster than the pattern.
    """
    data = sample.encode("utf-8", "surrogatepass")
    if b"\xc2" in data or b"\xef\xbf\xbd" in data:
        return len(_BINARY_CHARS.findall(sample))
    return len(data.translate(None, _NOT_ASCII_CONTROL))
