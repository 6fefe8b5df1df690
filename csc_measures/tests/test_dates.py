"""Working days, months back and age, including property tests against naive references."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csc_measures.dates import (
    add_months,
    age,
    age_expr,
    bank_holidays,
    default_period_start,
    is_working_day,
    months_back,
    wd,
    wd_expr,
    wd_from,
    wd_to,
)

dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))


def naive_wd(a: dt.date, b: dt.date) -> int:
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    count = 0
    day = a + dt.timedelta(days=1)
    while day <= b:
        if day.weekday() < 5 and day not in bank_holidays():
            count += 1
        day += dt.timedelta(days=1)
    return sign * count


def test_bank_holidays_of_england_and_wales_are_not_working_days() -> None:
    for day in (
        dt.date(2022, 9, 19),  # State Funeral of Queen Elizabeth II
        dt.date(2023, 5, 8),  # Coronation
        dt.date(2024, 12, 25),
        dt.date(2024, 12, 26),
        dt.date(2025, 4, 18),  # Good Friday
        dt.date(2025, 4, 21),  # Easter Monday
        dt.date(2020, 12, 28),  # Boxing Day (substitute)
    ):
        assert not is_working_day(day), day
    assert is_working_day(dt.date(2025, 1, 2))
    assert not is_working_day(dt.date(2025, 1, 4))  # Saturday
    # St Andrew's Day (Scotland) and 12 July (Northern Ireland) are working days in England.
    assert is_working_day(dt.date(2023, 11, 30))
    assert is_working_day(dt.date(2024, 7, 12))


def test_shipped_bank_holiday_table_matches_the_holidays_package() -> None:
    import holidays

    from csc_measures import bank_holidays as table

    expected = holidays.country_holidays(
        "GB", subdiv="ENG", years=range(table.FIRST_YEAR, table.LAST_YEAR + 1)
    )
    assert bank_holidays() == frozenset(expected), (
        "regenerate csc_measures/bank_holidays.py: python -m csc_measures.bank_holidays"
    )
    assert table.generate() == Path(table.__file__).read_text(encoding="utf-8")


def test_wd_counts_days_after_start_up_to_and_including_end() -> None:
    # Fri 20 Dec 2024 → Thu 2 Jan 2025: 23, 24, 27, 30, 31 Dec and 2 Jan.
    assert wd(dt.date(2024, 12, 20), dt.date(2025, 1, 2)) == 6
    assert wd(dt.date(2025, 3, 3), dt.date(2025, 3, 3)) == 0
    assert wd(dt.date(2025, 3, 7), dt.date(2025, 3, 10)) == 1  # Fri → Mon
    assert wd(dt.date(2025, 3, 8), dt.date(2025, 3, 9)) == 0  # Sat → Sun
    assert wd(dt.date(2025, 3, 10), dt.date(2025, 3, 7)) == -1


def test_wd_expressions_match_scalar() -> None:
    frame = pl.DataFrame(
        {
            "a": [dt.date(2024, 12, 20), dt.date(2025, 4, 17), None],
            "b": [dt.date(2025, 1, 2), dt.date(2025, 4, 22), dt.date(2025, 1, 1)],
        }
    )
    out = frame.select(
        wd_expr(pl.col("a"), pl.col("b")).alias("ab"),
        wd_to(pl.col("a"), dt.date(2025, 4, 22)).alias("to"),
        wd_from(dt.date(2024, 12, 20), pl.col("b")).alias("from"),
    )
    assert out.get_column("ab").to_list() == [6, 1, None]  # 17 Apr → 22 Apr 2025: only 22nd
    assert out.get_column("to").to_list() == [
        wd(dt.date(2024, 12, 20), dt.date(2025, 4, 22)),
        1,
        None,
    ]
    assert out.get_column("from").to_list() == [
        6,
        wd(dt.date(2024, 12, 20), dt.date(2025, 4, 22)),
        wd(dt.date(2024, 12, 20), dt.date(2025, 1, 1)),
    ]


@given(dates, dates, dates)
def test_wd_is_additive(a: dt.date, b: dt.date, c: dt.date) -> None:
    assert wd(a, b) + wd(b, c) == wd(a, c)


@given(dates, st.integers(min_value=0, max_value=120))
def test_wd_matches_day_by_day_count(a: dt.date, span: int) -> None:
    b = a + dt.timedelta(days=span)
    assert wd(a, b) == naive_wd(a, b)


@given(st.lists(st.tuples(dates, dates), min_size=1, max_size=30))
def test_wd_expr_matches_scalar_for_any_dates(pairs: list[tuple[dt.date, dt.date]]) -> None:
    frame = pl.DataFrame({"a": [p[0] for p in pairs], "b": [p[1] for p in pairs]})
    got = frame.select(wd_expr(pl.col("a"), pl.col("b"))).to_series().to_list()
    assert got == [wd(a, b) for a, b in pairs]


def test_months_back_clamps_the_day() -> None:
    assert months_back(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert months_back(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_back(dt.date(2025, 5, 31), 1) == dt.date(2025, 4, 30)  # 31 → 30
    assert months_back(dt.date(2025, 3, 31), 6) == dt.date(2024, 9, 30)
    assert months_back(dt.date(2025, 1, 15), 3) == dt.date(2024, 10, 15)
    assert add_months(dt.date(2024, 2, 29), 24) == dt.date(2026, 2, 28)
    assert months_back(dt.date(2025, 3, 31), 30) == dt.date(2022, 9, 30)


def test_default_period_start_is_day_after_as_of_minus_12_months() -> None:
    assert default_period_start(dt.date(2025, 3, 31)) == dt.date(2024, 4, 1)
    assert default_period_start(dt.date(2024, 2, 29)) == dt.date(2023, 3, 1)
    assert default_period_start(dt.date(2025, 6, 15)) == dt.date(2024, 6, 16)


@pytest.mark.parametrize(
    ("dob", "on", "expected"),
    [
        (dt.date(2006, 3, 31), dt.date(2025, 3, 31), 19),  # birthday on the reference date
        (dt.date(2006, 4, 1), dt.date(2025, 3, 31), 18),
        (dt.date(2008, 2, 29), dt.date(2025, 2, 28), 16),  # leapling: not yet 17
        (dt.date(2008, 2, 29), dt.date(2025, 3, 1), 17),
        (dt.date(2008, 2, 29), dt.date(2024, 2, 29), 16),
    ],
)
def test_age_in_completed_years(dob: dt.date, on: dt.date, expected: int) -> None:
    assert age(dob, on) == expected
    got = pl.DataFrame({"d": [dob]}).select(age_expr(pl.col("d"), on)).item()
    assert got == expected


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)), dates)
def test_age_expr_matches_scalar(dob: dt.date, on: dt.date) -> None:
    got = pl.DataFrame({"d": [dob]}).select(age_expr(pl.col("d"), on)).item()
    assert got == age(dob, on)


@given(dates, st.integers(min_value=-40, max_value=40))
def test_add_months_matches_polars_offset(day: dt.date, months: int) -> None:
    got = pl.DataFrame({"d": [day]}).select(pl.col("d").dt.offset_by(f"{months}mo")).item()
    assert got == add_months(day, months)
