"""Repair on reading (issue 20): what real-world text needs before it is parsed.

``repair_text`` runs on every article body, whatever reader it came from (files, JSON Lines,
HTML, standard input, the API, feeds all end in ``article_from_text``):

1. mojibake and broken encodings (UTF-8 read as Windows-1252: ``â€™`` for ``’``) are repaired
   with ftfy, line by line, only on lines that are not plain ASCII;
2. the text is normalised to Unicode NFC;
3. boilerplate lines at the start and end of the body (a date line, a byline, a copyright
   notice, a page number: ``knowledge/data/boilerplate.yaml``) are dropped; the date of a dropped
   date line is kept for articles that have none;
4. text written all in lower or all in upper case is truecased (``ingest.truecase``).

Each repair made is recorded as a short line in ``Article.repairs``. Clean ASCII text takes the
fast path: no ftfy, no normalisation, only a look at its first and last lines and its case.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from communique.ingest.dates import normalise_date
from communique.ingest.truecase import letter_case, truecase
from communique.knowledge.reading import boilerplate

__all__ = ["Repaired", "repair_text"]

#: Longest piece of one line handed to ftfy at once (cut at a space; its own limit is 10^6).
FTFY_PIECE_CHARS = 1 << 16
#: Lines longer than this are never boilerplate (and are not matched against the patterns).
MAX_BOILERPLATE_CHARS = 300
#: The characters UTF-8 read as Windows-1252 or Latin-1 starts every garbled sequence with (the
#: lead bytes C2-F4 as those encodings show them) and C1 controls: a piece with none is left to be.
_MAYBE_MOJIBAKE = re.compile("[\x80-\x9f\xc2-\xf4]")
#: A run of characters outside ASCII: in a garbled piece, one mojibake sequence each.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_DATE_LABEL = re.compile(r"^\s*(?:posted|published|updated|last updated|date)\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Repaired:
    """A repaired text, what was done to it, and the date of a dropped date line."""

    text: str
    repairs: tuple[str, ...] = ()
    date: str | None = None


def repair_text(text: str) -> Repaired:
    """Repair ``text`` (see the module docstring).

    The result has no white space at its ends; a text that repair would leave empty (control
    characters only) is returned as it is, unrepaired.
    """
    original = text
    notes: list[str] = []
    if not text.isascii():
        text = _fix_encoding(text, notes)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
            notes.append("normalised: NFC")
    text, date = _drop_boilerplate(text, notes)
    case = letter_case(text)
    if case is not None:
        result = truecase(text, case)
        text = result.text
        unknown = f", {result.unknown} other words taken for names" if result.unknown else ""
        notes.append(f"case: all {case} case; truecased {result.names} names and {result.starts} sentence starts{unknown}")
    if not notes:
        return Repaired(text=original)
    text = text.strip()
    if not text:
        return Repaired(text=original)
    return Repaired(text=text, repairs=tuple(notes), date=date)


# ------------------------------------------------------------------ encoding


@functools.cache
def _ftfy_config() -> Any:
    """ftfy's settings: repair encodings only; quotes, ligatures, widths and entities stay as written."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(unescape_html=False, uncurl_quotes=False, fix_latin_ligatures=False,
                           fix_character_width=False, normalization=None, explain=True)


def _fix_encoding(text: str, notes: list[str]) -> str:
    """Repair mojibake piece by piece; note how many sequences (runs of non-ASCII characters
    in the pieces that changed) were fixed and how.

    A piece that is UTF-8 read as Windows-1252 throughout is repaired by one re-encoding (C
    speed); any other piece that is not ASCII goes through ftfy, which handles mixed and lossy
    cases. Pieces are whole lines grouped up to ``FTFY_PIECE_CHARS`` characters.
    """
    from ftfy import fix_and_explain

    config = _ftfy_config()
    fixed_pieces: list[str] = []
    sequences = 0
    steps: list[str] = []
    for piece in _pieces(text):
        if piece.isascii() or not _MAYBE_MOJIBAKE.search(piece):
            fixed_pieces.append(piece)
            continue
        fixed = _reencoded(piece)
        explanation: list[tuple[str, str]] = [("encode", "sloppy-windows-1252"), ("decode", "utf-8")]
        if fixed is None:
            result = fix_and_explain(piece, config)
            fixed, explanation = result.text, list(result.explanation or ())
        if fixed != piece:
            sequences += max(1, len(_NON_ASCII_RUN.findall(piece)))
            steps.extend(name for step in explanation if (name := f"{step[0]} {step[1]}") not in steps)
        fixed_pieces.append(fixed)
    if not sequences:
        return text
    how = f" ({', '.join(steps)})" if steps else ""
    notes.append(f"mojibake: fixed {sequences} sequences{how}")
    return "".join(fixed_pieces)


def _reencoded(piece: str) -> str | None:
    """``piece`` read back as the UTF-8 it was before being decoded as Windows-1252, if it all was.

    None when the round trip fails, or when ftfy sees nothing suspicious in ``piece`` (clean
    text that happens to round-trip); its check stops at the first suspicious sequence.
    """
    import ftfy.bad_codecs  # noqa: F401 - registers the "sloppy-windows-1252" codec
    from ftfy.badness import is_bad

    try:
        fixed = piece.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return None
    return fixed if len(fixed) < len(piece) and is_bad(piece) else None


def _pieces(text: str) -> Iterator[str]:
    """Yield ``text`` in pieces of whole lines up to ``FTFY_PIECE_CHARS``; longer lines cut at a space."""
    start = 0
    size = len(text)
    while start < size:
        end = text.rfind("\n", start, start + FTFY_PIECE_CHARS) + 1
        if end <= start:  # no line end within reach: the line itself is longer
            end = text.find("\n", start) + 1 or size
            if end - start > FTFY_PIECE_CHARS:
                cut = text.rfind(" ", start + 1, start + FTFY_PIECE_CHARS)
                end = start + FTFY_PIECE_CHARS if cut < 0 else cut
        if size - start <= FTFY_PIECE_CHARS:
            end = size
        yield text[start:end]
        start = end


# ------------------------------------------------------------------ boilerplate


def _drop_boilerplate(text: str, notes: list[str]) -> tuple[str, str | None]:
    """Drop boilerplate lines at both ends of ``text``; return the text and a dropped line's date."""
    table = boilerplate()
    spans = _edge_lines(text, table.edge_lines)
    dropped: list[tuple[int, int, int, str]] = []  # (line number, start, end, kind)
    for run in (spans[0], spans[1]):
        for number, start, end in run:
            line = text[start:end]
            kind = table.kind_of(line) if len(line) <= MAX_BOILERPLATE_CHARS else None
            if kind is None:
                break
            dropped.append((number, start, end, kind))
    dropped = sorted(set(dropped))
    if not dropped:
        return text, None
    kept = _without(text, [(start, end) for _, start, end, _ in dropped]).strip()
    if not kept:
        return text, None
    date = None
    for number, start, end, kind in dropped:
        notes.append(f"boilerplate: dropped line {number} ({kind})")
        if kind == "date line" and date is None:
            date = normalise_date(_DATE_LABEL.sub("", text[start:end]))
    return kept, date


def _edge_lines(text: str, count: int) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """The first and the last ``count`` non-blank lines as ``(line number, start, end)``.

    Found without splitting the whole text; line numbers of the last lines count from the start.
    """
    first: list[tuple[int, int, int]] = []
    start, number = 0, 1
    while start <= len(text) and len(first) < count:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            first.append((number, start, end))
        start, number = end + 1, number + 1
    last: list[tuple[int, int, int]] = []
    end = len(text)
    while end > 0 and len(last) < count:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            last.append((-1, start, end))
        end = start - 1
    return first, [(text.count("\n", 0, start) + 1, start, end) for _, start, end in last]


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    last = 0
    for start, end in sorted(spans):
        pieces.append(text[last:start])
        last = max(last, end)
    pieces.append(text[last:])
    return "".join(pieces)
