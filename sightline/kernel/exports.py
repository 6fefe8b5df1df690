"""Safe spreadsheet exports: cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: Any) -> Any:
    """Prefix text that Excel or LibreOffice would treat as a formula with an apostrophe.

    Numbers stay numbers (a negative number is data, not a formula)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
