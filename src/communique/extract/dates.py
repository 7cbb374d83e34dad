"""Time expressions: find them in text and resolve them against the article date.

Pure functions over plain strings (no spaCy): a table of regular expressions,
compiled once, each with a small resolver. Dates come back as ISO strings at
the precision the text gives: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. A
week-level expression ("last week") gives the month of that week (the month
holding most of its days when it straddles two).

>>> resolve_date("on Thursday", dt.date(2024, 7, 11), future=False)
'2024-07-11'
>>> resolve_date("next month", dt.date(2019, 12, 14), future=True)
'2020-01'
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from communique.config import load_data_yaml
from communique.extract.spans import DisjointSpans

__all__ = [
    "TimeMatch",
    "date_bounds",
    "find_time_expressions",
    "parse_iso",
    "resolve_date",
    "resolve_match",
    "shift_date",
]

Resolver = Callable[[re.Match[str], dt.date, bool, bool, str | None], str | None]


@dataclass(frozen=True)
class TimeMatch:
    """One time expression found in a text.

    ``kind`` is ``point`` (a date or period), ``since`` (the start of an
    ongoing state: "since June 3"), ``range`` ("from Tuesday to Thursday")
    or ``offset`` ("two days after", "a day later": relative to another date).
    """

    text: str
    start: int
    end: int
    pattern: str
    kind: str = "point"


# ---------------------------------------------------------------- word tables


@functools.cache
def _words() -> dict[str, object]:
    """Load ``time_words.yaml`` once."""
    data: dict[str, object] = load_data_yaml("time_words.yaml")
    return data


def month_names() -> frozenset[str]:
    """Lower-case English month names (``time_words.yaml``)."""
    months: dict[str, int] = _words()["months"]  # type: ignore[assignment]
    return frozenset(name.lower() for name in months)


def _month_number(word: str) -> int:
    """Return 1..12 for a month name or abbreviation (with or without a dot)."""
    words = _words()
    name = word.rstrip(".")
    table: dict[str, int] = {**words["months"], **words["month_abbreviations"]}  # type: ignore[dict-item]
    return table[name.capitalize() if name.lower() != "sept" else "Sept"]


def _weekday_number(word: str) -> int:
    """Return 0 (Monday) .. 6 (Sunday) for a weekday name."""
    table: dict[str, int] = _words()["weekdays"]  # type: ignore[assignment]
    return table[word.lower()]


def _number(word: str) -> int | None:
    """Return the value of a digit string or number word; None when vague."""
    if word.isdigit():
        return int(word)
    table: dict[str, int | None] = _words()["numbers"]  # type: ignore[assignment]
    return table.get(word.lower())


# ---------------------------------------------------------------- date arithmetic


def parse_iso(value: str) -> tuple[int, int | None, int | None]:
    """Split an ISO date of any precision into (year, month or None, day or None)."""
    parts = [int(p) for p in value.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day covered by an ISO date of any precision."""
    year, month, day = parse_iso(value)
    if day is not None and month is not None:
        d = dt.date(year, month, day)
        return d, d
    if month is not None:
        return dt.date(year, month, 1), _month_end(year, month)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def shift_date(value: str, days: int) -> str:
    """Shift a day-precision ISO date by ``days``; coarser dates are returned as given."""
    year, month, day = parse_iso(value)
    if day is None or month is None:
        return value
    return (dt.date(year, month, day) + dt.timedelta(days=days)).isoformat()


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return first_next - dt.timedelta(days=1)


def _add_months(year: int, month: int, delta: int) -> str:
    index = year * 12 + (month - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _span_month(first: dt.date, last: dt.date) -> str:
    """Return the month holding most days of [first, last] (the later one on a tie)."""
    counts: Counter[tuple[int, int]] = Counter()
    day = first
    while day <= last:
        counts[(day.year, day.month)] += 1
        day += dt.timedelta(days=1)
    best = max(counts.items(), key=lambda item: (item[1], item[0]))[0]
    return f"{best[0]:04d}-{best[1]:02d}"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# ---------------------------------------------------------------- regex pieces

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# month before a day number or a year: abbreviations may drop their dot
MONTH = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)"
# a month standing alone ("in March"): full names, or abbreviations with their dot
MONTH_ALONE = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.)"
WEEKDAY = rf"(?i:{_WEEKDAY_NAMES})"
YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d,]*\d)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
PREP = r"(?i:on|in|by|since|from|until|till|through|during|before|after|as\s+of|starting|of|for)"
NUMBER = r"(?i:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
PART = r"(?i:morning|afternoon|evening|night)"
_ci = "(?i:{})".format  # case-insensitive group around a piece


# ---------------------------------------------------------------- resolvers


def _on_or_before(base: dt.date, weekday: int) -> dt.date:
    return base - dt.timedelta(days=(base.weekday() - weekday) % 7)


def _on_or_after(base: dt.date, weekday: int) -> dt.date:
    return base + dt.timedelta(days=(weekday - base.weekday()) % 7)


def _weekday_date(base: dt.date, weekday: int, *, future: bool, rel: str, mod: str) -> dt.date:
    """Resolve a named weekday: past on or before the base, future on or after."""
    rel = " ".join(rel.lower().split())
    if rel in ("last", "past", "this past"):
        return base - dt.timedelta(days=(base.weekday() - weekday) % 7 or 7)
    if rel in ("next", "coming", "this coming"):
        return base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
    if mod.lower() == "later" or future:
        return _on_or_after(base, weekday)
    return _on_or_before(base, weekday)


def _r_weekday(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    weekday = _weekday_number(m["wd"])
    return _weekday_date(base, weekday, future=future, rel=m["rel"] or "", mod=m["mod"] or "").isoformat()


def _r_weekday_range(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    first, last = _weekday_number(m["wd1"]), _weekday_number(m["wd2"])
    if future:
        start = _on_or_after(base, first)
        stop = start + dt.timedelta(days=(last - first) % 7)
    else:
        stop = _on_or_before(base, last)
        start = stop - dt.timedelta(days=(last - first) % 7)
    return (stop if end else start).isoformat()


def _year_for_day(base: dt.date, month: int, day: int, *, future: bool) -> dt.date | None:
    """Return the nearest valid date month/day on or before (past) or on or after (future) base."""
    step = 1 if future else -1
    for offset in range(0, 9):
        try:
            candidate = dt.date(base.year + step * offset, month, day)
        except ValueError:
            continue
        if (candidate >= base) if future else (candidate <= base):
            return candidate
    return None


def _r_month_day(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    month, day = _month_number(m["mon"]), int(re.sub(r"\D", "", m["day"]))
    if end and m.groupdict().get("day2"):
        day = int(m["day2"])
    if m["year"]:
        try:
            return dt.date(int(m["year"]), month, day).isoformat()
        except ValueError:
            return None
    found = _year_for_day(base, month, day, future=future)
    return found.isoformat() if found else None


def _month_year(base: dt.date, month: int, *, future: bool, rel: str) -> str:
    """Resolve a month name without a year, by tense or by 'last/next/this year'."""
    rel = rel.lower()
    if rel.endswith("year"):
        year = base.year + {"last": -1, "next": 1}.get(rel.split()[0], 0)
    elif rel == "last":
        year = base.year if month < base.month else base.year - 1
    elif rel == "next":
        year = base.year if month > base.month else base.year + 1
    elif future:
        year = base.year if month >= base.month else base.year + 1
    else:
        year = base.year if month <= base.month else base.year - 1
    return f"{year:04d}-{month:02d}"


def _r_month(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    month = _month_number(m["mon"])
    if m.groupdict().get("year"):
        return f"{int(m['year']):04d}-{month:02d}"
    rel = m.groupdict().get("rel") or m.groupdict().get("relyear") or ""
    if m.groupdict().get("relyear"):
        rel = f"{m['relyear']} year"
    return _month_year(base, month, future=future, rel=rel)


def _r_year(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    return m["year"]


def _r_day_word(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    word = (m["w"] or "").lower()
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    if word == "night" and (m["rel"] or "").lower() == "last":
        shift = -1
    return (base + dt.timedelta(days=shift)).isoformat()


def _week_span(base: dt.date, which: str, mod: str) -> tuple[dt.date, dt.date]:
    """Return the days a week-level expression covers."""
    which, mod = " ".join(which.lower().split()), mod.lower()
    if which in ("past", "the past", "previous", "the previous"):
        return base - dt.timedelta(days=7), base - dt.timedelta(days=1)
    if which in ("coming", "the coming"):
        return base + dt.timedelta(days=1), base + dt.timedelta(days=7)
    monday = _monday(base) + dt.timedelta(days={"last": -7, "next": 7}.get(which, 0))
    sunday = monday + dt.timedelta(days=6)
    if which in ("this", "the") and mod in ("earlier", "early"):
        return monday, max(monday, base - dt.timedelta(days=1))
    if which in ("this", "the") and mod in ("later", "late", "end"):
        return min(sunday, base + dt.timedelta(days=1)), sunday
    return monday, sunday


def _r_week(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    mod = m.groupdict().get("mod") or ("end" if m.groupdict().get("endof") else "")
    first, last = _week_span(base, m["which"], mod)
    return _span_month(first, last)


def _r_weekend(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    which = m["which"].lower()
    if which == "last" or (which in ("the", "this") and not future):
        saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)
        if which == "last" and base.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
    else:
        saturday = base + dt.timedelta(days=(5 - base.weekday()) % 7)
        if which == "next" and base.weekday() >= 5:
            saturday += dt.timedelta(days=7)
    return _span_month(saturday, saturday)


def _r_month_rel(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    delta = {"last": -1, "next": 1, "previous": -1, "past": -1, "coming": 1}.get(m["which"].lower(), 0)
    return _add_months(base.year, base.month, delta)


def _r_year_rel(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    delta = {"last": -1, "next": 1, "previous": -1, "past": -1, "coming": 1}.get(m["which"].lower(), 0)
    return f"{base.year + delta:04d}"


def _r_ago(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    count, unit = _number(m["n"]), m["unit"].lower().rstrip("s")
    if count is None:
        return None
    if unit == "day":
        return (base - dt.timedelta(days=count)).isoformat()
    if unit == "week":
        monday = _monday(base - dt.timedelta(days=7 * count))
        return _span_month(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        return _add_months(base.year, base.month, -count)
    return f"{base.year - count:04d}"


def _r_offset(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    count = _number(m["n"]) if m.groupdict().get("n") else 1
    direction = (m["dir"] or "").lower()
    if count is None:
        return None
    sign = -1 if direction in ("earlier", "before", "previously", "previous", "preceding") else 1
    unit = (m.groupdict().get("unit") or "day").lower().rstrip("s")
    start = anchor or base.isoformat()
    if unit == "week":
        count *= 7
    year, month, day = parse_iso(start)
    if day is None:
        return start
    return shift_date(start, sign * count)


def _r_season(m: re.Match[str], base: dt.date, future: bool, end: bool, anchor: str | None) -> str | None:
    delta = {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    return f"{base.year + delta:04d}"


# ---------------------------------------------------------------- the pattern table

_MOD = r"(?:(?P<mod>(?i:earlier|later|early|late))\s+)?"
_PATTERNS: list[tuple[str, str, Resolver, str]] = [
    # name, regex, resolver, kind
    ("weekday_range",
     rf"{_ci('from|between')}?\s*(?P<wd1>{WEEKDAY})\s+{_ci('to|until|till|through|thru|and')}\s+(?P<wd2>{WEEKDAY})",
     _r_weekday_range, "range"),
    ("month_day",
     rf"(?:{PREP}\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})(?:\s*(?:-|–|{_ci('to')})\s*(?P<day2>[12]\d|3[01]|0?[1-9]))?"
     rf"(?:,?\s+(?P<year>{YEAR}))?",
     _r_month_day, "point"),
    ("day_month",
     rf"(?:{PREP}\s+)?(?:{_ci('the')}\s+)?(?P<day>{DAYNUM})\s+(?:{_ci('of')}\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?",
     _r_month_day, "point"),
    ("month_year",
     rf"(?:{PREP}\s+)?(?:{_ci('early|late|mid')}[\s-]+)?(?P<mon>{MONTH})\s+(?P<year>{YEAR})",
     _r_month, "point"),
    ("month_alone",
     rf"{PREP}\s+(?:{_ci('early|late|mid')}[\s-]+)?(?P<mon>{MONTH_ALONE})(?:\s+(?P<relyear>{_ci('last|next|this')})\s+{_ci('year')})?"
     rf"(?!\s*\d)",
     _r_month, "point"),
    ("month_rel_name",
     rf"(?P<rel>{_ci('last|next|this')})\s+(?P<mon>{MONTH_ALONE})(?!\s*\d)",
     _r_month, "point"),
    ("year",
     rf"(?:{PREP}|{_ci('early|late|mid')})\s+(?:{_ci('early|late|mid')}[\s-]+)?(?P<year>{YEAR})",
     _r_year, "point"),
    ("weekday",
     rf"{_MOD}(?:{_ci('on|by|until|since|from|before|after')}\s+)?"
     rf"(?:(?P<rel>{_ci('last|next|this past|this coming|this|past|coming')})\s+)?(?P<wd>{WEEKDAY})(?:'s)?(?:\s+{PART})?",
     _r_weekday, "point"),
    ("day_word",
     rf"{_MOD}(?P<w>{_ci('today|tonight|yesterday|tomorrow')})(?:\s+{PART})?",
     _r_day_word, "point"),
    ("day_part",
     rf"(?:(?P<rel>{_ci('this|last')})\s+(?P<w>{_ci('morning|afternoon|evening|night')}))"
     rf"|(?:{_ci('early|late|later|earlier')}\s+{_ci('in|on')}\s+{_ci('the')}\s+{_ci('day|morning|afternoon|evening')})",
     _r_day_word, "point"),
    ("week",
     rf"{_MOD}(?P<which>{_ci('this|last|next|the past|the previous|the coming|past|previous|coming')})\s+{_ci('week')}(?!\s*end)",
     _r_week, "point"),
    ("week_end_of",
     rf"(?:{_ci('by|before|until|at|towards?')}\s+)?{_ci('the')}\s+(?P<endof>{_ci('end')})\s+{_ci('of')}\s+(?P<which>{_ci('the|this|next|last')})\s+{_ci('week')}",
     _r_week, "point"),
    ("week_in",
     rf"(?P<mod>{_ci('earlier|later')})\s+{_ci('in')}\s+(?P<which>{_ci('the')})\s+{_ci('week')}",
     _r_week, "point"),
    ("weekend",
     rf"(?:{_ci('at|over|during|on')}\s+)?(?P<which>{_ci('the|this|last|next')})\s+{_ci('weekend')}",
     _r_weekend, "point"),
    ("month_rel",
     rf"{_MOD}(?:(?:{_ci('by|before|until|at')}\s+)?{_ci('the')}\s+{_ci('end')}\s+{_ci('of')}\s+)?"
     rf"(?P<which>{_ci('this|last|next|the past|the previous|the coming')})\s+{_ci('month')}",
     _r_month_rel, "point"),
    ("month_end_of",
     rf"(?:(?:{_ci('by|before|until|at')}\s+)?{_ci('the')}\s+{_ci('end')}\s+{_ci('of')}\s+(?P<which>{_ci('the')})\s+{_ci('month')})"
     rf"|(?:{_ci('earlier|later')}\s+{_ci('in')}\s+(?P<which2>{_ci('the')})\s+{_ci('month')})",
     lambda m, b, f, e, a: _add_months(b.year, b.month, 0), "point"),
    ("year_rel",
     rf"{_MOD}(?:(?:{_ci('by|before|until|at')}\s+)?{_ci('the')}\s+{_ci('end')}\s+{_ci('of')}\s+)?"
     rf"(?P<which>{_ci('this|last|next|the past|the previous|the coming')})\s+{_ci('year')}",
     _r_year_rel, "point"),
    ("year_end_of",
     rf"(?:(?:{_ci('by|before|until|at')}\s+)?{_ci('the')}\s+{_ci('end')}\s+{_ci('of')}\s+{_ci('the')}\s+{_ci('year')})"
     rf"|(?:{_ci('earlier|later')}\s+{_ci('in')}\s+{_ci('the')}\s+{_ci('year')})",
     lambda m, b, f, e, a: f"{b.year:04d}", "point"),
    ("season",
     rf"(?P<which>{_ci('this|last|next')})\s+{_ci('spring|summer|autumn|fall|winter')}",
     _r_season, "point"),
    ("ago",
     rf"(?P<n>{NUMBER})\s+(?P<unit>{_ci('days?|weeks?|months?|years?')})\s+{_ci('ago')}",
     _r_ago, "point"),
    ("offset",
     rf"(?P<n>{NUMBER})\s+(?P<unit>{_ci('days?|weeks?')})\s+"
     rf"(?P<dir>{_ci('later|earlier|after|before|afterwards|previously')})",
     _r_offset, "offset"),
    ("offset_the_day",
     rf"{_ci('the')}\s+(?:(?P<dir>{_ci('next|following|previous|preceding')})\s+{_ci('day')}"
     rf"|{_ci('day')}\s+(?P<dir2>{_ci('before|after')})(?!\s+{_ci('the|a|an|its|their|his|her')}\b))",
     lambda m, b, f, e, a: _r_offset_the_day(m, b, a), "offset"),
]


def _r_offset_the_day(m: re.Match[str], base: dt.date, anchor: str | None) -> str | None:
    direction = (m["dir"] or m["dir2"] or "").lower()
    sign = -1 if direction in ("previous", "preceding", "before") else 1
    start = anchor or base.isoformat()
    return shift_date(start, sign)


_BARE_YEAR = re.compile(YEAR)


@functools.cache
def _compiled() -> list[tuple[str, re.Pattern[str], Resolver, str]]:
    """Compile the pattern table once (word boundaries added around each)."""
    return [(name, re.compile(rf"(?<![\w-])(?:{regex})(?![\w])"), fn, kind) for name, regex, fn, kind in _PATTERNS]


@functools.cache
def _by_name() -> dict[str, tuple[re.Pattern[str], Resolver]]:
    """The compiled patterns and their resolvers by name."""
    return {name: (pattern, fn) for name, pattern, fn, _kind in _compiled()}


# ---------------------------------------------------------------- scanning a long text
#
# Trying the ~20 patterns at every character of an article is slow, and two
# facts make most of that work unnecessary:
#
# - each pattern holds an anchor, a whole word every match contains (a month
#   name, a weekday, "week", "ago", a year: ``_ANCHORS``);
# - no match, nor what its lookarounds read, crosses a character outside
#   letters, digits, spaces, ``, ' - –`` and the dot of an abbreviated month.
#
# So the text is cut at those other characters (full stops, quotation marks,
# brackets, colons ...) into segments, and a pattern runs only on the segments
# that hold its anchor. A pattern added to the table needs its anchor here,
# and a new character inside an expression needs adding to ``_BARRIER``.

_MONTH_WORDS = f"{_MONTH_FULL}|{_MONTH_ABBR}"
#: Pattern name -> its anchor: an alternation of words (each starting with a plain
#: character) and whether it ignores case, as in the pattern.
_ANCHORS: dict[str, tuple[str, bool]] = {
    "weekday_range": (_WEEKDAY_NAMES, True),
    "month_day": (_MONTH_WORDS, False),
    "day_month": (_MONTH_WORDS, False),
    "month_year": (_MONTH_WORDS, False),
    "month_alone": (_MONTH_WORDS, False),
    "month_rel_name": (_MONTH_WORDS, False),
    "year": (r"1[89]\d\d|20\d\d", False),
    "weekday": (_WEEKDAY_NAMES, True),
    "day_word": ("today|tonight|yesterday|tomorrow", True),
    "day_part": ("morning|afternoon|evening|night|day", True),
    "week": ("week", True),
    "week_end_of": ("week", True),
    "week_in": ("week", True),
    "weekend": ("weekend", True),
    "month_rel": ("month", True),
    "month_end_of": ("month", True),
    "year_rel": ("year", True),
    "year_end_of": ("year", True),
    "season": ("spring|summer|autumn|fall|winter", True),
    "ago": ("ago", True),
    "offset": ("days?|weeks?", True),
    "offset_the_day": ("day", True),
}

#: A character no time expression holds (a dot is one unless it ends a month abbreviation).
_BARRIER = re.compile(r"[^\w\s,'\-–]" + "".join(rf"(?<!{abbr}\.)" for abbr in _MONTH_ABBR.split("|")))


def _anchor_regex(words: str, ignore_case: bool) -> str:
    return _ci(words) if ignore_case else f"(?:{words})"


@functools.cache
def _anchor_finder() -> re.Pattern[str]:
    """One regex for the whole words that are the anchor of some pattern.

    A lookahead on their first characters skips most other words before the
    alternatives are tried.
    """
    anchors = dict.fromkeys(_ANCHORS.values())
    folded = {word[0].lower() for words, ignore_case in anchors if ignore_case for word in words.split("|")}
    exact = {word[0] for words, ignore_case in anchors if not ignore_case for word in words.split("|")}
    initials = "(?={}|[{}])".format(_ci("[{}]".format("".join(sorted(folded)))), "".join(sorted(exact)))
    return re.compile(r"\b{}(?:{})\b".format(initials, "|".join(_anchor_regex(*anchor) for anchor in anchors)))


@functools.cache
def _anchored(word: str) -> tuple[int, ...]:
    """Return the positions in the pattern table of the patterns ``word`` is the anchor of."""
    return tuple(
        index
        for index, (name, *_rest) in enumerate(_PATTERNS)
        if re.fullmatch(_anchor_regex(*_ANCHORS[name]), word)
    )


def _segments_to_scan(text: str) -> dict[int, list[tuple[int, int]]]:
    """Return, for each pattern (by position in the table), the segments holding its anchor, in order."""
    anchors = list(_anchor_finder().finditer(text))
    if not anchors:
        return {}
    barriers = [m.start() for m in _BARRIER.finditer(text)]
    wanted: dict[int, list[tuple[int, int]]] = {}
    for anchor in anchors:
        after = bisect.bisect_right(barriers, anchor.start())
        segment = (barriers[after - 1] + 1 if after else 0, barriers[after] if after < len(barriers) else len(text))
        for index in _anchored(anchor.group()):
            spans = wanted.setdefault(index, [])
            if not spans or spans[-1] != segment:
                spans.append(segment)
    return wanted


# ---------------------------------------------------------------- public API


def find_time_expressions(text: str) -> list[TimeMatch]:
    """Return the time expressions in ``text``, left to right, without overlaps.

    Where two patterns overlap, the longer match wins ("late on Tuesday"
    over "Tuesday").
    """
    found: list[TimeMatch] = []
    wanted = _segments_to_scan(text)
    for index, (name, pattern, _fn, kind) in enumerate(_compiled()):
        for segment_start, segment_end in wanted.get(index, ()):
            for m in pattern.finditer(text, segment_start, segment_end):
                start, end = m.span()
                kind_here = "since" if m.group(0).lower().startswith("since") else kind
                found.append(TimeMatch(m.group(0), start, end, name, kind_here))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: DisjointSpans[TimeMatch] = DisjointSpans()
    for match in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        kept.add_if_free(match.start, match.end, match)
    return sorted(kept.items(), key=lambda t: t.start)


def resolve_match(
    match: TimeMatch, article_date: dt.date, *, future: bool, end: bool = False, anchor: str | None = None
) -> str | None:
    """Resolve a match from ``find_time_expressions`` (see ``resolve_date``)."""
    if match.pattern not in _by_name():
        return None
    pattern, fn = _by_name()[match.pattern]
    m = pattern.fullmatch(match.text)
    return fn(m, article_date, future, end, anchor) if m else None


def resolve_date(
    expression: str,
    article_date: dt.date,
    *,
    future: bool,
    end: bool = False,
    anchor: str | None = None,
) -> str | None:
    """Resolve a time expression to an ISO date at the precision the text gives.

    Args:
        expression: the expression as written ("on Thursday", "Dec. 1", "next week").
        article_date: the publication date the expression is relative to.
        future: True for planned or hypothetical acts ("on Thursday" is then on
            or after the article date), False for past acts (on or before).
        end: for ranges ("from Tuesday to Thursday"), return the end, not the start.
        anchor: ISO date that offsets ("a day later", "two days before") count from;
            the article date when None.

    Returns:
        "YYYY-MM-DD", "YYYY-MM" or "YYYY", or None when nothing is recognised.
    """
    text = " ".join(expression.split())
    if _BARE_YEAR.fullmatch(text):
        return text
    for _name, pattern, fn, _kind in _compiled():
        m = pattern.fullmatch(text)
        if m:
            return fn(m, article_date, future, end, anchor)
    matches = find_time_expressions(text)
    if not matches:
        return None
    return resolve_match(matches[0], article_date, future=future, end=end, anchor=anchor)
