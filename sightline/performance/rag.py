"""Red, amber, green against a target with a tolerance band (pure Python, no Django).

- Green: meets the target (at or above it when higher is better, at or below it when lower
  is better).
- Amber: misses it by no more than the tolerance (the boundary counts as amber).
- Red: misses it by more than the tolerance.
- Grey: no target, no direction (polarity ·), or no value this month.

RAG is always shown beside the SPC icons, never instead of them (DESIGN.md).
"""

from __future__ import annotations

import enum


class Rag(enum.Enum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def label(self) -> str:
        return {
            Rag.GREEN: "Green: meets the target",
            Rag.AMBER: "Amber: within tolerance of the target",
            Rag.RED: "Red: outside tolerance",
            Rag.GREY: "Grey: no target",
        }[self]


#: Default amber band: 5 percentage points for percentages, 10% of the target otherwise.
PERCENT_TOLERANCE = 5.0
RELATIVE_TOLERANCE = 0.10


def default_tolerance(*, target: float | None, unit: str) -> float | None:
    if target is None:
        return None
    if unit == "%":
        return PERCENT_TOLERANCE
    return round(abs(target) * RELATIVE_TOLERANCE, 4)


def rag_rate(
    *, value: float | None, target: float | None, tolerance: float | None, polarity: str
) -> Rag:
    """Rate ``value`` against ``target`` for a measure whose good direction is ``polarity``
    (``↑`` higher is better, ``↓`` lower is better, ``·`` none)."""
    if value is None or target is None or polarity not in ("↑", "↓"):
        return Rag.GREY
    band = tolerance or 0.0
    shortfall = target - value if polarity == "↑" else value - target
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= band:
        return Rag.AMBER
    return Rag.RED
