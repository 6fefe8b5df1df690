"""Pure calculations for the voice summaries (no Django), tested with hand-computed cases."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from datetime import date


def wilson_interval(successes: int, total: int, *, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score 95% interval for a proportion, as percentages (0-100).

    Used for the positive share: with a few dozen comments a month the plain percentage
    swings, and the interval shows how much."""
    if total <= 0:
        raise ValueError("no observations")
    if not 0 <= successes <= total:
        raise ValueError("successes must be between 0 and total")
    p = successes / total
    denom = 1 + z * z / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return round(100 * (centre - margin) / denom, 1), round(100 * (centre + margin) / denom, 1)


def quarter_of(day: date) -> str:
    """The financial-year quarter as councils report it: April-June 2025 is ``2025-26 Q1``."""
    start_year = day.year if day.month >= 4 else day.year - 1
    quarter = ((day.month - 4) % 12) // 3 + 1
    return f"{start_year}-{(start_year + 1) % 100:02d} Q{quarter}"


def theme_frequency(
    items: Iterable[tuple[date, Iterable[str]]],
) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """(quarters oldest first, [(theme, count per quarter)] most frequent theme first)."""
    by_theme: dict[str, Counter[str]] = {}
    quarters: set[str] = set()
    for day, themes in items:
        quarter = quarter_of(day)
        quarters.add(quarter)
        for theme in set(themes):
            by_theme.setdefault(theme, Counter())[quarter] += 1
    ordered = sorted(quarters)
    rows = [(theme, [counts[q] for q in ordered]) for theme, counts in by_theme.items()]
    rows.sort(key=lambda r: (-sum(r[1]), r[0]))
    return ordered, rows


def theme_by_group(
    items: Iterable[tuple[str, Iterable[str]]],
) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """(groups in name order, [(theme, count per group)] most frequent theme first): how often
    each theme is mentioned in each service (a comment counts once per theme)."""
    by_theme: dict[str, Counter[str]] = {}
    groups: set[str] = set()
    for group, themes in items:
        groups.add(group)
        for theme in set(themes):
            by_theme.setdefault(theme, Counter())[group] += 1
    ordered = sorted(groups)
    rows = [(theme, [counts[g] for g in ordered]) for theme, counts in by_theme.items()]
    rows.sort(key=lambda r: (-sum(r[1]), r[0]))
    return ordered, rows
