"""Quotation spans from quote marks alone, before any parsing.

Double quotes (straight ``"``, curly, guillemets) and single quotes used as
quote marks (headline style, nested) are told apart from apostrophes
("Russia's", "Workers' Party", "'90s"). The text is scanned paragraph by
paragraph, so a stray mark never spreads past its paragraph; a paragraph
that opens a quote without closing it continues into the next paragraph
when that one reopens it (the wire convention), giving one span in pieces.
A quote still open at the end of the text (an excerpt cut inside it) runs to the end of the
text (issue 20); one left open in an earlier paragraph is taken for a stray mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ALL_MARKS", "QuoteSpan", "paragraphs", "quote_spans"]

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE

#: Characters after which a straight single quote may open a quotation.
_SINGLE_OPEN_AFTER = " \t\n([{—–-/\"“"
#: Characters that may follow a closing single quote.
_SINGLE_CLOSE_BEFORE = " \t\n.,;:!?)]}—–-\"”"
#: The marks each scan stops at (every other character leaves its state unchanged).
_DOUBLE_MARK = re.compile(f"[{re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE)}]")
_SINGLE_OPEN_MARK = re.compile(f"[{re.escape(SINGLE_OPEN + STRAIGHT_SINGLE)}]")
_SINGLE_MARK = re.compile(f"[{re.escape(SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_SINGLE)}]")
#: Fewest words a quote without its closing mark must hold to be kept.
MIN_UNCLOSED_WORDS = 3
#: A decade after an apostrophe ('90s), looked for in the 7 characters after the mark.
_DECADE = re.compile(r"\d+s\b")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation found from its marks: the inner text of one or more paragraphs."""

    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        """Offset of the first quoted character."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """Offset just after the last quoted character."""
        return self.pieces[-1][1]

    def text(self, source: str) -> str:
        """Return the quoted words; paragraph pieces are joined with a space."""
        return " ".join(source[s:e] for s, e in self.pieces)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each paragraph.

    Paragraphs are split at blank lines; a text without blank lines is split
    at single line breaks.
    """
    breaks = re.compile(r"\n[ \t\r]*\n\s*") if re.search(r"\n[ \t\r]*\n", text) else re.compile(r"\n\s*")
    spans, start = [], 0
    for match in breaks.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def quote_spans(text: str, paras: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Return the quoted spans of ``text`` in order, nested quotes left inside their outer quote.

    ``paras`` are the text's :func:`paragraphs`, when the caller has them already.

    A paragraph that opens a double quote without closing it continues into
    the next paragraph when that one reopens it; otherwise the open mark is
    dropped and scanning starts afresh. A quote still open when the text ends (an
    excerpt cut inside it) runs to the end, when it holds at least ``MIN_UNCLOSED_WORDS`` words.

    >>> [s.text("He said \\"we go\\" and 'they stay'.") for s in quote_spans("He said \\"we go\\" and 'they stay'.")]
    ['we go', 'they stay']
    """
    spans: list[QuoteSpan] = []
    carry: list[tuple[int, int]] | None = None
    for start, end in paragraphs(text) if paras is None else paras:
        closed, carry = _scan_double(text, start, end, carry)
        spans.extend(closed)
        doubles = [(p[0] - 1, p[1] + 1) for s in closed for p in s.pieces]
        if carry:
            doubles.append((carry[-1][0] - 1, end))
        spans.extend(_scan_single(text, start, end, doubles))
    if carry and _kept_unclosed(text, carry):  # the text ends inside a quote (a cut excerpt)
        spans.append(QuoteSpan(tuple(carry)))
    return _outermost(spans)


def _kept_unclosed(text: str, pieces: list[tuple[int, int]]) -> bool:
    """Keep a quote whose closing mark never comes before the end of the text?

    Pattern: an excerpt cut inside a quote. Kept when the quoted words are at least
    ``MIN_UNCLOSED_WORDS``: a lone stray mark before a word or two is not.
    """
    return sum(len(text[s:e].split()) for s, e in pieces) >= MIN_UNCLOSED_WORDS


def _scan_double(
    text: str, start: int, end: int, carry: list[tuple[int, int]] | None
) -> tuple[list[QuoteSpan], list[tuple[int, int]] | None]:
    """Scan one paragraph for double-quoted spans; return them and a quote left open."""
    spans: list[QuoteSpan] = []
    pieces: list[tuple[int, int]] = []
    open_at: int | None = None
    if carry is not None:
        lead = start + len(text[start:end]) - len(text[start:end].lstrip())
        if lead < end and text[lead] in DOUBLE_OPEN + STRAIGHT_DOUBLE:
            pieces, open_at, start = carry, lead + 1, lead + 1
    for mark in _DOUBLE_MARK.finditer(text, start, end):
        i = mark.start()
        ch = text[i]
        if open_at is None:
            if ch in DOUBLE_OPEN or (ch == STRAIGHT_DOUBLE and not _closes_only(text, i, start, end)):
                open_at = i + 1
        elif ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE:
            piece = _trim(text, open_at, i)
            if piece:
                spans.append(QuoteSpan(tuple(pieces) + (piece,)))
            pieces, open_at = [], None
        elif ch in DOUBLE_OPEN:  # a second opening mark: the first one was stray
            pieces, open_at = [], i + 1
    if open_at is None:
        return spans, None
    piece = _trim(text, open_at, end)
    return spans, (pieces + [piece]) if piece else None


def _closes_only(text: str, i: int, start: int, end: int) -> bool:
    """Can the straight mark at ``i`` not open a quote (nothing quotable right after it: ``6" of rain``, `` " ``)?"""
    before_word = i + 1 < end and not text[i + 1].isspace() and text[i + 1] not in ".,;:!?)]}"
    return not before_word


def _scan_single(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Scan one paragraph for single-quoted spans outside the ``skip`` ranges."""
    spans: list[QuoteSpan] = []
    i = start
    while (mark := _SINGLE_OPEN_MARK.search(text, i, end)) is not None:
        i = mark.start()
        if not _opens_single(text, i, start, end) or _inside(i, skip):
            i += 1
            continue
        close = _single_close(text, i + 1, end, skip)
        if close is None:
            i += 1
            continue
        piece = _trim(text, i + 1, close)
        if piece:
            spans.append(QuoteSpan((piece,)))
        i = close + 1
    return spans


def _opens_single(text: str, i: int, start: int, end: int) -> bool:
    """Is the character at ``i`` a single quote mark that opens a quotation?"""
    ch = text[i]
    if ch not in SINGLE_OPEN + STRAIGHT_SINGLE or i + 1 >= end:
        return False
    if _DECADE.match(text, i + 1, i + 8):  # '90s, ‘90s
        return False
    if ch == SINGLE_OPEN:
        return not text[i + 1].isspace()
    before_ok = i == start or text[i - 1] in _SINGLE_OPEN_AFTER
    return before_ok and text[i + 1].isalpha()


def _single_close(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> int | None:
    """Return the position of the mark closing a single quote opened before ``start``.

    A mark after a plural "s" followed by a space ("the workers' demands") may
    be an apostrophe: a later close is preferred, unless a new quote opens first.
    """
    possessive: int | None = None
    for mark in _SINGLE_MARK.finditer(text, start, end):
        k = mark.start()
        if _inside(k, skip):
            continue
        if possessive is not None and _opens_single(text, k, start, end):
            return possessive
        after_ok = k + 1 == end or text[k + 1] in _SINGLE_CLOSE_BEFORE
        if not (after_ok and k > start and not text[k - 1].isspace()):
            continue
        if text[k - 1] in "sS" and k + 1 < end and text[k + 1] == " ":
            possessive = k if possessive is None else possessive
            continue
        return k
    return possessive


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink ``[start, end)`` past surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Sort spans and drop any that lies inside another one (a nested quote)."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    kept: list[QuoteSpan] = []
    reach = -1  # the furthest end of the kept spans, which all start at or before this one
    for span in ordered:
        if span.end > reach:
            kept.append(span)
            reach = span.end
    return kept
