"""The date resolver: a table of expressions and article dates, and the finder."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.extract.dates import date_bounds, find_time_expressions, resolve_date, shift_date

THU = dt.date(2024, 7, 11)  # a Thursday
FRI = dt.date(2019, 6, 14)  # a Friday

CASES = [
    # expression, article date, future, expected
    # weekdays: past on or before, future on or after; the article's own weekday is the article date
    ("on Thursday", THU, False, "2024-07-11"),
    ("on Thursday", THU, True, "2024-07-11"),
    ("later Thursday", THU, True, "2024-07-11"),
    ("later Thursday", THU, False, "2024-07-11"),
    ("on Friday", THU, False, "2024-07-05"),
    ("on Friday", THU, True, "2024-07-12"),
    ("on Wednesday", THU, False, "2024-07-10"),
    ("late on Tuesday", THU, False, "2024-07-09"),
    ("on Wednesday night", THU, False, "2024-07-10"),
    ("on Friday evening", FRI, False, "2019-06-14"),
    ("Thursday morning", THU, False, "2024-07-11"),
    ("next Friday", FRI, True, "2019-06-21"),
    ("by next Friday", FRI, True, "2019-06-21"),
    ("last Friday", FRI, False, "2019-06-07"),
    ("since Monday", FRI, False, "2019-06-10"),
    ("on Monday", dt.date(2023, 1, 1), False, "2022-12-26"),  # across the year boundary
    ("on Saturday", dt.date(2024, 12, 30), True, "2025-01-04"),
    # day words, month ends, leap years
    ("today", THU, False, "2024-07-11"),
    ("tonight", THU, True, "2024-07-11"),
    ("yesterday", dt.date(2024, 3, 1), False, "2024-02-29"),
    ("yesterday", dt.date(2023, 3, 1), False, "2023-02-28"),
    ("tomorrow", dt.date(2024, 12, 31), True, "2025-01-01"),
    ("last night", dt.date(2025, 1, 1), False, "2024-12-31"),
    ("earlier in the day", THU, False, "2024-07-11"),
    # weeks give the month of the week (the month holding most of its days)
    ("last week", THU, False, "2024-07"),
    ("next week", THU, True, "2024-07"),
    ("this week", THU, False, "2024-07"),
    ("earlier this week", dt.date(2021, 3, 18), False, "2021-03"),
    ("last week", dt.date(2024, 10, 2), False, "2024-09"),
    ("this week", dt.date(2024, 10, 2), False, "2024-10"),
    ("next week", dt.date(2024, 12, 28), True, "2025-01"),
    ("by the end of the week", dt.date(2025, 8, 27), True, "2025-08"),
    ("at the weekend", dt.date(2024, 7, 10), False, "2024-07"),
    ("at the weekend", dt.date(2024, 7, 31), True, "2024-08"),
    # months
    ("last month", dt.date(2024, 1, 15), False, "2023-12"),
    ("next month", dt.date(2019, 12, 14), True, "2020-01"),
    ("next month", FRI, True, "2019-07"),
    ("this month", THU, False, "2024-07"),
    ("earlier this month", THU, False, "2024-07"),
    ("later this month", dt.date(2024, 2, 9), True, "2024-02"),
    ("in March", dt.date(2024, 2, 9), False, "2023-03"),
    ("in March", dt.date(2024, 2, 9), True, "2024-03"),
    ("in January", dt.date(2023, 4, 12), False, "2023-01"),
    ("in December", dt.date(2023, 1, 12), True, "2023-12"),
    ("in July", dt.date(2025, 8, 27), False, "2025-07"),
    ("in June", dt.date(2026, 3, 5), True, "2026-06"),
    ("in March last year", dt.date(2023, 10, 20), False, "2022-03"),
    ("in August 2017", dt.date(2019, 11, 19), False, "2017-08"),
    # years
    ("later this year", THU, True, "2024"),
    ("early next year", dt.date(2019, 11, 19), True, "2020"),
    ("last year", dt.date(2024, 1, 2), False, "2023"),
    ("next year", dt.date(2024, 12, 30), True, "2025"),
    ("by the end of the year", THU, True, "2024"),
    ("in 2023", THU, False, "2023"),
    ("2023", THU, False, "2023"),
    # explicit dates, with and without the year
    ("on March 3", dt.date(2024, 7, 11), False, "2024-03-03"),
    ("on March 3", dt.date(2024, 2, 11), False, "2023-03-03"),
    ("on March 3", dt.date(2024, 2, 11), True, "2024-03-03"),
    ("Dec. 1", dt.date(2024, 1, 15), False, "2023-12-01"),
    ("Dec. 1", dt.date(2024, 11, 20), True, "2024-12-01"),
    ("since Jan. 28", dt.date(2024, 2, 9), False, "2024-01-28"),
    ("since June 3", FRI, False, "2019-06-03"),
    ("3 March 2024", THU, False, "2024-03-03"),
    ("March 3, 2024", THU, False, "2024-03-03"),
    ("Feb. 29", dt.date(2025, 3, 1), False, "2024-02-29"),
    ("Feb. 29", dt.date(2025, 3, 1), True, "2028-02-29"),
    # ranges: the start unless told
    ("from Tuesday to Thursday", dt.date(2024, 7, 12), False, "2024-07-09"),
    ("from Tuesday to Thursday", dt.date(2024, 7, 8), True, "2024-07-09"),
    # offsets from the article date
    ("three days ago", THU, False, "2024-07-08"),
    ("two weeks ago", THU, False, "2024-06"),
]


@pytest.mark.parametrize(("expression", "base", "future", "expected"), CASES)
def test_resolve_date_table(expression: str, base: dt.date, future: bool, expected: str) -> None:
    assert resolve_date(expression, base, future=future) == expected


def test_range_end_when_asked() -> None:
    assert resolve_date("from Tuesday to Thursday", dt.date(2024, 7, 12), future=False, end=True) == "2024-07-11"


def test_offsets_count_from_the_anchor() -> None:
    assert resolve_date("two days after", THU, future=False, anchor="2022-10-25") == "2022-10-27"
    assert resolve_date("a day earlier", THU, future=False, anchor="2024-03-01") == "2024-02-29"
    assert resolve_date("the next day", THU, future=False, anchor="2024-12-31") == "2025-01-01"


def test_unknown_expression_is_none() -> None:
    assert resolve_date("for decades", THU, future=False) is None
    assert resolve_date("over the next five years", THU, future=True) is None


def test_finder_keeps_the_text_as_written() -> None:
    text = "Tanzania will lift its ban by next Friday, the minister said after talks on Friday."
    found = [(m.text, m.kind) for m in find_time_expressions(text)]
    assert found == [("by next Friday", "point"), ("on Friday", "point")]


def test_finder_kinds_and_offsets() -> None:
    text = "Protesters have blocked the bridge since Jan. 28, a day after the vote."
    found = {m.text: m.kind for m in find_time_expressions(text)}
    assert found == {"since Jan. 28": "since", "a day after": "offset"}
    start = text.index("since")
    assert [m.start for m in find_time_expressions(text)][0] == start


def test_finder_ignores_lookalikes() -> None:
    text = "Talks may resume at Mar-a-Lago; a 2017 deal was their first talks of the year."
    assert find_time_expressions(text) == []


def test_bounds_and_shift() -> None:
    assert date_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_bounds("2023") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert shift_date("2024-12-31", 1) == "2025-01-01"
    assert shift_date("2024-12", 1) == "2024-12"


# ---------------------------------------------------------------- the segmented scan is exact
# find_time_expressions runs each pattern only on the stretches of text that hold one of its
# anchor words; this checks it against running every pattern over the whole text.

from hypothesis import given, settings, strategies as st  # noqa: E402

from communique.extract import dates as dates_mod  # noqa: E402

_PIECES = ["on", "Tuesday", "late", "last", "next", "week", "weekend", "month", "year", "ago", "two", "days",
           "March", "Dec.", "Sept", "1", "12th", "31", "2024", "1999", "earlier", "this", "later", "since",
           "morning", "of", "the", "said", "in", ",", ".", ":", '"', "\u201c", "(", ")", "-", "'", " ", "  ",
           "\n", "\n\n", "ſ", "\u212a", "May", "may", "today", "yesterday", "tomorrow", "by", "until", "mid"]


def _whole_text_scan(text: str) -> list[tuple[int, int, str, str]]:
    found = []
    for name, pattern, _fn, kind in dates_mod._compiled():
        for m in pattern.finditer(text):
            kind_here = "since" if m.group(0).lower().startswith("since") else kind
            found.append(dates_mod.TimeMatch(m.group(0), m.start(), m.end(), name, kind_here))
    kept: list[dates_mod.TimeMatch] = []
    for match in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return [(t.start, t.end, t.pattern, t.kind) for t in sorted(kept, key=lambda t: t.start)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map(lambda parts: " ".join(parts)))
def test_segmented_scan_finds_what_a_whole_text_scan_finds(text):
    got = [(t.start, t.end, t.pattern, t.kind) for t in find_time_expressions(text)]
    assert got == _whole_text_scan(text)


def test_segmented_scan_on_the_example_corpus():
    from communique.config import examples_dir

    for path in sorted((examples_dir() / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        got = [(t.start, t.end, t.pattern, t.kind) for t in find_time_expressions(text)]
        assert got == _whole_text_scan(text), path.name
