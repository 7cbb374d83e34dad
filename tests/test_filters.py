"""The shared checks of query filter values (``communique.filters``)."""

from __future__ import annotations

import pytest

from communique import filters as f


@pytest.mark.parametrize("day", ["2024", "2024-01", "2024-12", "2024-02-29", "2000-02-29", "1999-12-31"])
def test_days_that_exist_pass(day: str) -> None:
    assert f.check_day(day, "since") == day


@pytest.mark.parametrize(("day", "why"), [
    ("2024-13-45", "not a real date"), ("2023-02-29", "not a real date"), ("1900-02-29", "not a real date"),
    ("2024-04-31", "not a real date"), ("2024-00", "not a real date"), ("2024-13", "not a real date"),
    ("2024-7", "not a date"), ("July", "not a date"), ("2024-07-11T10:00", "not a date"), ("", "not a date"),
])
def test_impossible_days_name_the_filter_and_value(day: str, why: str) -> None:
    with pytest.raises(f.FilterError) as caught:
        f.check_day(day, "until")
    assert caught.value.field == "until" and caught.value.value == day
    assert why in caught.value.message and repr(day) in caught.value.message


def test_none_means_no_filter() -> None:
    for check in (f.check_day, f.check_type, f.check_status, f.check_kind, f.check_sector, f.check_period):
        assert check(None, "x") is None


def test_closed_lists_in_any_case() -> None:
    assert f.check_type("consult") == "CONSULT"
    assert f.check_status("Alleged") == "alleged"
    assert f.check_kind("IGO") == "igo"
    assert f.check_sector("mil") == "MIL"
    assert f.check_period("Quarter") == "quarter"
    assert f.check_count("reports") == "reports"
    for check, value in ((f.check_type, "FOO"), (f.check_status, "maybe"), (f.check_kind, "foo"),
                         (f.check_sector, "XXX"), (f.check_period, "fortnight"), (f.check_count, "tweets")):
        with pytest.raises(f.FilterError, match="is not one of"):
            check(value, "x")


def test_ranges() -> None:
    f.check_range("2024", "2024-03")
    f.check_range("2024-07", "2024")
    f.check_range(None, "2020")
    with pytest.raises(f.FilterError) as caught:
        f.check_range("2025-01", "2024")
    assert caught.value.field == "until"


@pytest.mark.parametrize(("by", "label"), [("day", "2024-07-11"), ("week", "2024-W28"), ("month", "2024-07"),
                                           ("quarter", "2024Q3"), ("year", "2024")])
def test_period_labels(by: str, label: str) -> None:
    assert f.period_label("2024-07-11", by) == label


def test_period_of_a_date_known_to_the_month_or_year() -> None:
    assert f.period_label("2024-07", "day") == "2024-07"
    assert f.period_label("2024", "quarter") == "2024"


class _Store:
    def __init__(self, known: set[str]) -> None:
        self.known = known

    def knows_actor(self, term: str) -> bool:
        return term in self.known


def test_require_actor() -> None:
    store = _Store({"USA"})
    assert f.require_actor(store, " USA ", "actor") == "USA"
    assert f.require_actor(store, None, "actor") is None
    for term in ("XYZ", "  "):
        with pytest.raises(f.UnknownActorError) as caught:
            f.require_actor(store, term, "b")
        assert caught.value.field == "b"


def test_like_pattern_escapes_wildcards_and_the_escape() -> None:
    assert f.like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"
