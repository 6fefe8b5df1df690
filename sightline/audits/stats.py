"""Small pure functions for audit figures (no Django): Wilson intervals and medians."""

from __future__ import annotations

import math
from collections.abc import Sequence

#: The 97.5th percentile of the standard normal distribution (two-sided 95%).
Z_95 = 1.959963984540054


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion ``successes / total`` (both as fractions).

    Unlike the normal approximation it stays inside [0, 1] and behaves on small samples, such
    as a team's handful of audits in a month. ``None`` when there is nothing to estimate.
    """
    if total <= 0:
        return None
    if successes < 0 or successes > total:
        raise ValueError(f"successes must lie between 0 and {total}, not {successes}")
    p = successes / total
    z2 = z * z
    centre = p + z2 / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total))
    denominator = 1 + z2 / total
    low = (centre - spread) / denominator
    high = (centre + spread) / denominator
    return max(0.0, low), min(1.0, high)


def median(values: Sequence[float]) -> float | None:
    """The middle value (mean of the two middle ones for an even count); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def longest_run(flags: Sequence[bool]) -> tuple[int, int]:
    """(longest run of True, current run of True ending at the last element)."""
    longest = current = 0
    for flag in flags:
        current = current + 1 if flag else 0
        longest = max(longest, current)
    return longest, current
