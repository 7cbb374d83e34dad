"""Date of an event: the time expression that governs its trigger, else a default.

The first of: a time expression in the trigger's own clause; an offset to another
clause ("two days after"); one in a governing clause of the same tense; one
elsewhere in the sentence; a day named in an earlier sentence of the same
paragraph (past acts); the article date (past acts) or year (planned acts).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from communique.extract.context_parse import (
    PAST_PREPS,
    VERBAL_POS,
    Analysis,
    DocStep,
    DocTables,
    clause_head,
    is_modal,
)
from communique.extract.dates import (
    TimeMatch,
    date_bounds,
    find_time_expressions,
    resolve_match,
    shift_date,
)

#: A date this many days before the article date is historical background.
HISTORICAL_DAYS = 31

# words that point a time expression forward or back ("next week", "last week")
_FORWARD = re.compile(r"\b(?:next|coming|tomorrow|upcoming|following|later (?:this|in))\b", re.IGNORECASE)
_BACKWARD = re.compile(r"\b(?:last|ago|yesterday|previous|past|earlier (?:this|in))\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Time:
    """A time expression located in the parse."""

    match: TimeMatch
    start_i: int
    end_i: int  # exclusive
    attach_i: int  # the token it modifies
    clause_i: int  # clause head of that token
    sent_start: int


class DateSteps(DocStep):
    """Finds the time expressions of an article once; answers ``date(trigger)``."""

    def __init__(self, tables: DocTables, base: dt.date | None, analyse: Callable[[Token], Analysis]) -> None:
        super().__init__(tables)
        self._base = base
        self._analyse = analyse
        self._times = self._locate_times()
        self._time_at = {i: t for t in self._times for i in range(t.start_i, t.end_i)}
        self._by_clause: dict[int, list[_Time]] = {}
        self._by_sent: dict[int, list[_Time]] = {}
        for t in self._times:
            self._by_clause.setdefault(t.clause_i, []).append(t)
            self._by_sent.setdefault(t.sent_start, []).append(t)
        self._future_memo: dict[int, bool] = {}
        self._time_memo: dict[tuple[TimeMatch, bool, str | None], str | None] = {}

    def _locate_times(self) -> list[_Time]:
        """Find time expressions in the text and tie each to the token it modifies."""
        found: list[_Time] = []
        for match in find_time_expressions(self._text):
            span = self._doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            attach = _attachment(span)
            sent_start = self._sent_start(span.start)
            found.append(_Time(match, span.start, span.end, attach.i, clause_head(attach).i, sent_start))
        return found

    def date(self, trig: Token, start: Token, *, future: bool) -> tuple[str | None, str | None, str]:
        """Return (date, date_text, source) for the trigger.

        ``start`` is the trigger, or for a promise or threat worded in the
        future the clause that makes it (its date is when it was made).
        """
        if self._base is None:
            return self._date_without_base(trig)
        clause = clause_head(start)
        source = "own" if start == trig else "clause"
        found = (self._relation_date(trig) if start == trig else None) or self._pick(
            self._by_clause.get(clause.i, []), trig, future, source
        )
        found = found or self._climb_date(clause, trig, future)
        if not found and not _in_relative_clause(clause):  # background ("who was sentenced") keeps no other date
            found = self._sentence_date(trig, future) or (None if future else self._paragraph_date(trig))
        if found:
            return found
        default = f"{self._base.year:04d}" if future else self._base.isoformat()
        return default, None, "default"

    def _date_without_base(self, trig: Token) -> tuple[str | None, str | None, str]:
        """Without an article date only absolute expressions ("March 3, 2024") resolve."""
        for t in self._by_clause.get(clause_head(trig).i, []):
            one = resolve_match(t.match, dt.date(2000, 6, 15), future=False)
            two = resolve_match(t.match, dt.date(2010, 6, 15), future=False)
            if one and one == two:
                return one, t.match.text, "own"
        return None, None, "default"

    def _resolve_time(self, t: _Time, future: bool, anchor: str | None = None) -> str | None:
        assert self._base is not None
        key = (t.match, future, anchor)
        if key not in self._time_memo:
            self._time_memo[key] = resolve_match(t.match, self._base, future=future, anchor=anchor)
        return self._time_memo[key]

    def _compatible(self, t: _Time, value: str | None, future: bool) -> bool:
        """Past acts take dates that start on or before the article date; future acts the reverse."""
        if value is None or self._base is None:
            return False
        if (_BACKWARD if future else _FORWARD).search(t.match.text):
            return False
        first, last = date_bounds(value)
        return last >= self._base if future else first <= self._base

    def _pick(
        self, times: list[_Time], trig: Token, future: bool, source: str
    ) -> tuple[str, str, str] | None:
        """Return the compatible time nearest the trigger, as (date, text, source)."""
        best: tuple[int, str, str] | None = None
        for t in times:
            if t.match.kind == "offset":
                continue
            value = self._resolve_time(t, future)
            if not self._compatible(t, value, future):
                continue
            distance = min(abs(trig.i - t.start_i), abs(trig.i - (t.end_i - 1)))
            if best is None or distance < best[0]:
                best = (distance, value, t.match.text)  # type: ignore[assignment]
        return (best[1], best[2], source) if best else None

    def _relation_date(self, trig: Token) -> tuple[str, str, str] | None:
        """Date an act "two days after"/"a day before" another clause from that clause's date."""
        clauses = [clause_head(trig)]
        while clauses[-1].dep_ == "conj" and len(clauses) < 4:
            clauses.append(clause_head(clauses[-1].head))
        times = [t for c in clauses for t in self._by_clause.get(c.i, [])]
        for t in times:
            if t.match.kind != "offset":
                continue
            word = next((self._doc[i] for i in range(t.start_i, t.end_i) if self._doc[i].lower_ in ("after", "before")), None)
            if word is None:
                if self._doc[t.end_i - 1].lower_ in ("later", "earlier", "afterwards", "previously"):
                    value = self._resolve_time(t, False, self._previous_day(t, trig))
                    return (value, t.match.text, "relation") if value else None
                continue
            governed = word.head if word.dep_ == "mark" else word
            if trig not in list(governed.subtree) and trig != governed:
                continue
            outer = governed.head if word.dep_ == "mark" else word.head
            anchor = self._anchor_date(outer)
            if anchor is None:
                continue
            value = self._resolve_time(t, False, anchor)
            if value is None:
                continue
            return _flip(value, anchor), t.match.text, "relation"
        return None

    def _previous_day(self, offset: _Time, trig: Token) -> str | None:
        """The day named before an offset ("arrived on Tuesday and met him a day later")."""
        earlier = [
            t for t in self._by_sent.get(offset.sent_start, [])
            if t.end_i <= offset.start_i and t.match.kind == "point"
        ]
        for t in reversed(earlier):
            value = self._resolve_time(t, False)
            if value and len(value) == 10:
                return value
        found = self._paragraph_date(trig)
        return found[0] if found else None

    def _anchor_date(self, tok: Token) -> str | None:
        """The date of the clause ``tok`` belongs to (own or governing clauses), or the article date."""
        clause = clause_head(tok)
        for _ in range(6):
            found = self._pick(self._by_clause.get(clause.i, []), tok, False, "clause")
            if found:
                return found[0]
            if clause.head == clause:
                break
            clause = clause_head(clause.head)
        return self._base.isoformat() if self._base else None

    def _climb_date(self, clause: Token, trig: Token, future: bool) -> tuple[str, str, str] | None:
        """Look for the date in governing clauses of the same tense, then (future acts) in complements."""
        node, source = clause, "clause"
        for _ in range(6):
            if node.head == node or self._para(node.head) != self._para(trig):
                break
            if node.dep_ == "advcl" and {self._lemma(m) for m in self._children(node, "mark")} & (PAST_PREPS | {"before"}):
                source = "sentence"  # "X after Y": Y's day is not X's day
            parent_tok = node.head
            time = self._time_at.get(parent_tok.i)
            if time is not None and node.dep_ == "relcl":
                value = self._resolve_time(time, future)
                if self._compatible(time, value, future):
                    return value, time.match.text, "clause"  # type: ignore[return-value]
            if node.dep_ in ("relcl", "acl") and node.pos_ in VERBAL_POS:
                break
            parent = clause_head(parent_tok)
            same_frame = node.dep_ == "xcomp" and (
                self._lemma(parent_tok) in self._cues.light_heads
                or (self._lemma(parent_tok) in self._cues.plan_heads and (parent_tok.pos_ == "ADJ" or parent_tok.tag_ == "VBN"))
            )
            if not same_frame and self._clause_future(parent) != future:
                break
            found = self._pick(self._by_clause.get(parent.i, []), trig, future, source)
            if found:
                return found
            node = parent
        if future:
            for child in self._children(clause, "xcomp", "ccomp"):
                found = self._pick(self._by_clause.get(child.i, []), trig, future, "clause")
                if found:
                    return found
        return None

    def _clause_future(self, verb: Token) -> bool:
        """True when a clause is planned, conditional or hypothetical."""
        if verb.i not in self._future_memo:
            self._future_memo[verb.i] = is_modal(self._analyse(verb))
        return self._future_memo[verb.i]

    def _sentence_date(self, trig: Token, future: bool) -> tuple[str, str, str] | None:
        """A time anywhere in the sentence, outside relative clauses that do not hold the trigger."""
        usable = [
            t
            for t in self._by_sent.get(self._sent_start(trig.i), [])
            if not self._in_foreign_relcl(t, trig)
            and self._para(self._doc[t.start_i]) == self._para(trig)
            and self._clause_future(self._doc[t.clause_i]) == future
        ]
        return self._pick(usable, trig, future, "sentence")

    def _in_foreign_relcl(self, t: _Time, trig: Token) -> bool:
        tok = self._doc[t.attach_i]
        while tok.head != tok:
            if tok.dep_ == "relcl":
                return trig not in list(tok.subtree)
            tok = tok.head
        return False

    def _paragraph_date(self, trig: Token) -> tuple[str, str, str] | None:
        """The last day named in an earlier sentence of the same paragraph (past acts)."""
        paragraph, sent_start = self._para(trig), self._sent_start(trig.i)
        for t in reversed(self._times):
            if t.start_i >= sent_start or t.match.kind != "point":
                continue
            if self._para(self._doc[t.start_i]) != paragraph:
                break
            if self._clause_future(self._doc[t.clause_i]):
                continue
            value = self._resolve_time(t, False)
            if value and len(value) == 10 and self._compatible(t, value, False):
                return value, t.match.text, "paragraph"
        return None

    def historical(self, date: str | None, source: str) -> bool:
        if date is None or self._base is None or source not in ("own", "relation", "clause"):
            return False
        return date_bounds(date)[1] < self._base - dt.timedelta(days=HISTORICAL_DAYS)


def parse_base(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _attachment(span: Span) -> Token:
    """Return the token a time expression modifies (past its preposition)."""
    root = span.root
    tok = root.head if root.head != root else root
    while tok.i >= span.start and tok.i < span.end and tok.head != tok:
        tok = tok.head
    while tok.pos_ in ("ADP", "SCONJ") and tok.head != tok:
        tok = tok.head
    return tok


def _in_relative_clause(clause: Token) -> bool:
    """True when a clause is a relative clause or sits inside one."""
    return any(t.dep_ == "relcl" and t.pos_ in VERBAL_POS for t in [clause, *clause.ancestors])


def _flip(value: str, anchor: str) -> str:
    """Turn "anchor + n" into "anchor - n": the act in an after-clause precedes the anchor."""
    first, _ = date_bounds(value)
    base, _ = date_bounds(anchor)
    return shift_date(anchor, (base - first).days) if len(value) == 10 and len(anchor) == 10 else anchor
