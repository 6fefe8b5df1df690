"""Problems found in a statutory return: issues (returned) and fatal errors (raised)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from csc_measures.issues import Severity


@dataclass(frozen=True, slots=True)
class ReturnIssue:
    """A problem in one place of a return: file, table, child, column, value and reason.

    ``row`` is the line in a CSV file (the header is line 1); ``None`` for the XML census,
    whose records are named by the child's ``LAchildID`` instead."""

    file: str
    table: str | None
    child: str | None
    column: str | None
    value: str | None
    reason: str
    severity: Severity = Severity.ERROR
    row: int | None = None

    def describe(self) -> str:
        """One line naming file, table, row, child, column and value."""
        parts = [f"file '{self.file}'"]
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.child is not None:
            parts.append(f"child '{self.child}'")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        if self.value is not None:
            parts.append(f"value '{self.value}'")
        return f"{self.severity}: {', '.join(parts)}: {self.reason}"


class ReturnError(Exception):
    """A return that cannot be read at all (not XML, a DOCTYPE, not a CSV…)."""

    def __init__(self, problems: Iterable[ReturnIssue]) -> None:
        self.problems: tuple[ReturnIssue, ...] = tuple(problems)
        super().__init__("; ".join(p.describe() for p in self.problems) or "unreadable return")


def issues_where(
    frame: pl.DataFrame,
    bad: pl.Expr,
    *,
    file: str,
    table: str,
    column: str,
    reason: str,
    child_col: str,
    row_col: str | None = None,
    severity: Severity = Severity.ERROR,
) -> list[ReturnIssue]:
    """One issue per row of ``frame`` where ``bad`` holds (vectorised check, few rows out)."""
    cols = [pl.col(child_col).alias("_child"), pl.col(column).alias("_value")]
    if row_col:
        cols.append(pl.col(row_col).alias("_line"))
    hits = frame.filter(bad.fill_null(value=False)).select(cols)
    out: list[ReturnIssue] = []
    for values in hits.iter_rows():
        child, value = values[0], values[1]
        out.append(
            ReturnIssue(
                file=file,
                table=table,
                child=None if child is None else str(child),
                column=column,
                value=None if value is None else str(value),
                reason=reason,
                severity=severity,
                row=values[2] if row_col else None,
            )
        )
    return out


def collection_year_label(end_year: int) -> str:
    """``2025`` → ``2024-25`` (the year from 1 April 2024 to 31 March 2025)."""
    return f"{end_year - 1}-{end_year % 100:02d}"


def collection_end_year(day: dt.date) -> int:
    """The collection year (by its closing year) a day falls in: April to March."""
    return day.year + 1 if day.month >= 4 else day.year
