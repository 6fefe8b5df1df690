"""The demo's dates hold together whatever day it is built: run with ``--clock`` on month ends,
a year end and 29 February (``make test-dates``) as well as the default day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from csc_measures.dates import bank_holidays, is_working_day, next_working_day


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 4), date(2026, 12, 4)),  # a Friday: itself
        (date(2026, 12, 5), date(2026, 12, 7)),  # Saturday → Monday
        (date(2026, 12, 6), date(2026, 12, 7)),  # Sunday → Monday
        (date(2026, 12, 25), date(2026, 12, 29)),  # Christmas (Fri), Boxing Day observed Mon 28
        (date(2027, 1, 1), date(2027, 1, 4)),  # New Year's Day (Fri) → Monday
        (date(2027, 3, 26), date(2027, 3, 30)),  # Good Friday → over Easter Monday
        (date(2027, 2, 28), date(2027, 3, 1)),  # a Sunday at the end of February
        (date(2028, 2, 29), date(2028, 2, 29)),  # 29 February 2028, a Tuesday
        (date(2030, 6, 30), date(2030, 7, 1)),  # a Sunday at a month end
        (date(2023, 5, 8), date(2023, 5, 9)),  # the Coronation bank holiday
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


def test_next_working_day_is_the_first_working_day_on_or_after() -> None:
    day = date(2026, 1, 1)
    while day < date(2031, 1, 1):
        found = next_working_day(day)
        assert is_working_day(found)
        assert found >= day
        assert all(not is_working_day(day + timedelta(n)) for n in range((found - day).days))
        assert found not in bank_holidays()
        day += timedelta(days=1)
