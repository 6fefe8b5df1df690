"""The clock every test runs at: pinned, so no test passes or fails with the real date.

Each test starts at 10:00 (London) on the ``--clock`` day (default ``DEFAULT_CLOCK``) and the
clock ticks from there. ``make test-dates`` runs the suite again at month ends, a year end and
29 February, so a test that only holds on some days is caught the day it is written. Nothing
here imports Django: the engine's tests run without it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

#: A plain mid-month weekday, far from a year end or a bank holiday.
DEFAULT_CLOCK = "2026-11-18"
LONDON = ZoneInfo("Europe/London")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        default=os.environ.get("SIGHTLINE_TEST_CLOCK", DEFAULT_CLOCK),
        help="The date (YYYY-MM-DD) every test runs on, at 10:00 London time "
        f"(default {DEFAULT_CLOCK}, or SIGHTLINE_TEST_CLOCK).",
    )


def pytest_report_header(config: pytest.Config) -> str:
    return f"clock: every test starts at 10:00 London time on {config.getoption('--clock')}"


@pytest.fixture(scope="session")
def clock_day(pytestconfig: pytest.Config) -> date:
    """The day the tests run on (the real date plays no part)."""
    value = pytestconfig.getoption("--clock")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(f"--clock must be a date as YYYY-MM-DD, not {value!r}") from None


@pytest.fixture(autouse=True)
def _pinned_clock(clock_day: date) -> Iterator[None]:
    with time_machine.travel(datetime.combine(clock_day, time(10), tzinfo=LONDON), tick=True):
        yield
