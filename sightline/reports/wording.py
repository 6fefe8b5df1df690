"""Figures as a lay reader reads them: units always shown, percentages changes in percentage
points, months as "Oct 2026" (pure Python, no Django)."""

from __future__ import annotations

from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: How each measure unit is named beside its figures.
UNIT_LABELS = {"%": "%", "count": "count", "children per worker": "children per worker"}


def month_label(period: str) -> str:
    """``2026-10`` → ``Oct 2026``."""
    year, month = period.split("-")[:2]
    return f"{_MONTHS[int(month) - 1]} {year}"


def day_label(day: date) -> str:
    """``4 Dec 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def period_label(start: date, end: date) -> str:
    """``October 2026`` for one whole month, else ``1 Sep 2026 to 31 Oct 2026``."""
    next_month = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    whole_month = start.day == 1 and start.replace(day=1) == end.replace(day=1)
    if whole_month and (next_month - end).days == 1:
        return f"{end:%B %Y}"
    return f"{day_label(start)} to {day_label(end)}"


def number(value: float, decimals: int = 1) -> str:
    """``26`` for 26.0, ``26.3`` for 26.31, ``1,024`` for 1024."""
    rounded = round(value, decimals)
    if float(rounded).is_integer():
        return f"{int(rounded):,}"
    return f"{rounded:,.{decimals}f}"


def figure(value: float | None, unit: str) -> str:
    """A measure's value with its unit: ``26%``, ``1,024``, ``17.3 per worker``."""
    if value is None:
        return "Not covered"
    if unit == "%":
        return f"{number(value)}%"
    if unit == "children per worker":
        return f"{number(value)} per worker"
    if unit.startswith("rate per 10,000"):
        return f"{number(value)} per 10,000 children"
    if unit.startswith("cases per FTE"):
        return f"{number(value)} per social worker"
    return number(value)


def change(delta: float | None, unit: str, since: str) -> str:
    """``up 2 percentage points since Sep 2026``; "" when there is no change to tell."""
    if delta is None:
        return ""
    if round(delta, 1) == 0:
        return f"no change since {since}"
    way = "up" if delta > 0 else "down"
    size = number(abs(delta))
    if unit == "%":
        points = "percentage point" if size == "1" else "percentage points"
        return f"{way} {size} {points} since {since}"
    return f"{way} {size} since {since}"
