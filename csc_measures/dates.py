"""Calendar arithmetic used by the measures: working days, calendar months back, age.

Working days are Monday to Friday that are not bank holidays in England and Wales: a table
shipped in :mod:`csc_measures.bank_holidays`, generated from the ``holidays`` package
(subdivision ``ENG``), which includes the one-off holidays such as the State Funeral of
19 September 2022 and the Coronation of 8 May 2023.

``wd(A, B)`` is the number of working days ``d`` with ``A < d <= B``. It is computed from a
cumulative count of working days over a fixed calendar, so that over polars columns it is two
array look-ups and a subtraction: ``wd(A, B) = cum[B] - cum[A]``. Dates outside the calendar
(before 1990 or after 2060) give no value.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import polars as pl

from csc_measures.bank_holidays import BANK_HOLIDAYS, FIRST_YEAR, LAST_YEAR

CALENDAR_START = dt.date(FIRST_YEAR, 1, 1)
CALENDAR_END = dt.date(LAST_YEAR, 12, 31)
_EPOCH = dt.date(1970, 1, 1)
_START_DAYS = (CALENDAR_START - _EPOCH).days
_N_DAYS = (CALENDAR_END - CALENDAR_START).days + 1


@lru_cache(maxsize=1)
def bank_holidays() -> frozenset[dt.date]:
    """Bank holidays in England and Wales over the whole calendar (the shipped table
    :mod:`csc_measures.bank_holidays`, generated from the ``holidays`` package)."""
    return frozenset(dt.date.fromisoformat(day) for day in BANK_HOLIDAYS)


@lru_cache(maxsize=1)
def _cumulative() -> pl.Series:
    """cum[i] = number of working days among CALENDAR_START + 0..i (inclusive)."""
    days = pl.date_range(CALENDAR_START, CALENDAR_END, interval="1d", eager=True)
    holiday_list = sorted(bank_holidays())
    working = (days.dt.weekday() <= 5) & ~days.is_in(
        pl.Series(holiday_list, dtype=pl.Date).implode()
    )
    return working.cast(pl.Int32).cum_sum().rename("cum_wd")


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in bank_holidays()


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, otherwise the first working day after it:
    a Saturday or Sunday gives the Monday, Christmas Day 2026 (a Friday) gives Tuesday
    29 December (Boxing Day is observed on the Monday)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _check_range(day: dt.date) -> int:
    if not CALENDAR_START <= day <= CALENDAR_END:
        raise ValueError(
            f"{day} is outside the working-day calendar {CALENDAR_START}-{CALENDAR_END}"
        )
    return (day - CALENDAR_START).days


def wd(start: dt.date, end: dt.date) -> int:
    """Working days d with start < d <= end (negative when end is before start)."""
    cum = _cumulative()
    return int(cum[_check_range(end)]) - int(cum[_check_range(start)])


def _index_expr(expr: pl.Expr) -> pl.Expr:
    idx = expr.cast(pl.Date).cast(pl.Int64) - _START_DAYS
    return pl.when((idx >= 0) & (idx < _N_DAYS)).then(idx).otherwise(None)


def wd_expr(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Vectorised ``wd(start, end)`` over polars date expressions (null if either is null)."""
    cum = pl.lit(_cumulative())
    return (cum.gather(_index_expr(end)) - cum.gather(_index_expr(start))).cast(pl.Int32)


def wd_to(start: pl.Expr, end: dt.date) -> pl.Expr:
    """Vectorised ``wd(start, end)`` for a fixed end date."""
    end_cum = int(_cumulative()[_check_range(end)])
    return (
        pl.lit(end_cum, dtype=pl.Int32) - pl.lit(_cumulative()).gather(_index_expr(start))
    ).cast(pl.Int32)


def wd_from(start: dt.date, end: pl.Expr) -> pl.Expr:
    """Vectorised ``wd(start, end)`` for a fixed start date."""
    start_cum = int(_cumulative()[_check_range(start)])
    return (
        pl.lit(_cumulative()).gather(_index_expr(end)) - pl.lit(start_cum, dtype=pl.Int32)
    ).cast(pl.Int32)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months forward (negative: back), day clamped to the month's last day.

    ``add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)``.
    """
    total = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(total, 12)
    month = month0 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def months_back(day: dt.date, months: int) -> dt.date:
    """``day`` minus ``months`` calendar months, day number clamped (31 Mar - 1 = 28/29 Feb)."""
    return add_months(day, -months)


def add_months_expr(expr: pl.Expr, months: int) -> pl.Expr:
    """Vectorised :func:`add_months` (polars clamps the day to the month's end)."""
    return expr.dt.offset_by(f"{months}mo")


def age(dob: dt.date, on: dt.date) -> int:
    """Completed years at ``on``. Someone born on 29 February turns a year older on 1 March
    in a common year (the anniversary has not yet come on 28 February)."""
    years = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        years -= 1
    return years


def age_expr(dob: pl.Expr, on: dt.date) -> pl.Expr:
    """Vectorised :func:`age` of a date-of-birth expression at a fixed date."""
    years = pl.lit(on.year) - dob.dt.year()
    before_birthday = (dob.dt.month() > on.month) | (
        (dob.dt.month() == on.month) & (dob.dt.day() > on.day)
    )
    return (years - before_birthday.cast(pl.Int32)).cast(pl.Int32)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_label(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def default_period_start(as_of: dt.date) -> dt.date:
    """The day after as-of minus 12 months."""
    return months_back(as_of, 12) + dt.timedelta(days=1)
