"""What a returns measure sees, and the shapes its figures are made of.

A return covers one collection year, 1 April to 31 March: every figure is one row for the
whole authority (unit ``la``), labelled with the month of the year's reference date
(``2025-03`` for 2024-25), in the catalogue's result columns
(:data:`csc_measures.shapes.RESULT_SCHEMA`), with the children behind the numerator and the
denominator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from csc_measures.dates import month_label
from csc_measures.returns.cin import CinCensus
from csc_measures.returns.ssda903 import Ssda903
from csc_measures.shapes import LA, PERIOD, UNIT, NotComputableError

ID = "_id"
FLAG = "_n"


@dataclass(frozen=True)
class ReturnContext:
    """The returns loaded (either may be absent) and whether the IDs are wanted."""

    cin: CinCensus | None = None
    ssda903: Ssda903 | None = None
    with_ids: bool = True

    def census(self) -> CinCensus:
        if self.cin is None:
            raise NotComputableError("no CIN census loaded")
        return self.cin

    def looked_after(self) -> Ssda903:
        if self.ssda903 is None:
            raise NotComputableError("no SSDA903 return loaded")
        return self.ssda903

    def table(self, source: str, name: str) -> pl.DataFrame:
        if source == "cin":
            return self.census().table(name)
        ret = self.looked_after()
        if not ret.has(name):
            raise NotComputableError(f"the SSDA903 return has no {name} table")
        return ret.table(name)

    def year(self, source: str) -> tuple[dt.date, dt.date]:
        """First and last day of the collection year of ``source``."""
        if source == "cin":
            census = self.census()
            return census.year_start, census.reference_date
        ret = self.looked_after()
        return ret.year_start, ret.reference_date

    def period(self, source: str) -> str:
        return month_label(self.year(source)[1])


def _ids(frame: pl.DataFrame, with_ids: bool) -> list[str] | None:
    if not with_ids:
        return None
    return frame.get_column(ID).drop_nulls().unique().sort().to_list()


def ratio_row(ctx: ReturnContext, source: str, rows: pl.DataFrame) -> pl.DataFrame:
    """One figure from rows with the child (:data:`ID`) and whether each meets the numerator
    (:data:`FLAG`): denominator = rows, numerator = rows flagged, value = percentage (none
    when there are no rows)."""
    rows = rows.with_columns(pl.col(FLAG).fill_null(value=False))
    denominator = rows.height
    numerator = int(rows.get_column(FLAG).sum())
    return _row(
        ctx,
        source,
        numerator=numerator,
        denominator=denominator,
        value=100.0 * numerator / denominator if denominator else None,
        numerator_ids=_ids(rows.filter(pl.col(FLAG)), ctx.with_ids),
        denominator_ids=_ids(rows, ctx.with_ids),
    )


def count_row(ctx: ReturnContext, source: str, rows: pl.DataFrame) -> pl.DataFrame:
    """One figure counting ``rows`` (the children, :data:`ID`, behind them listed)."""
    return _row(
        ctx,
        source,
        numerator=rows.height,
        denominator=None,
        value=float(rows.height),
        numerator_ids=_ids(rows, ctx.with_ids),
        denominator_ids=None,
    )


def average_row(ctx: ReturnContext, source: str, rows: pl.DataFrame, column: str) -> pl.DataFrame:
    """One figure averaging ``column`` over ``rows``: numerator = the total, denominator = the
    rows, value = the mean (none when there are no rows)."""
    total = int(rows.get_column(column).sum() or 0)
    return _row(
        ctx,
        source,
        numerator=total,
        denominator=rows.height,
        value=total / rows.height if rows.height else None,
        numerator_ids=_ids(rows, ctx.with_ids),
        denominator_ids=_ids(rows, ctx.with_ids),
    )


def _row(
    ctx: ReturnContext,
    source: str,
    *,
    numerator: int,
    denominator: int | None,
    value: float | None,
    numerator_ids: list[str] | None,
    denominator_ids: list[str] | None,
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            PERIOD: [ctx.period(source)],
            UNIT: [LA],
            "numerator": [numerator],
            "denominator": [denominator],
            "value": [value],
            "numerator_ids": [numerator_ids],
            "denominator_ids": [denominator_ids],
        },
        schema={
            PERIOD: pl.String(),
            UNIT: pl.String(),
            "numerator": pl.Int64(),
            "denominator": pl.Int64(),
            "value": pl.Float64(),
            "numerator_ids": pl.List(pl.String()),
            "denominator_ids": pl.List(pl.String()),
        },
    )


def in_year(column: str, start: dt.date, end: dt.date) -> pl.Expr:
    return pl.col(column).is_between(start, end)


def age_at(dob: pl.Expr, day: dt.date) -> pl.Expr:
    """Completed years at ``day``."""
    from csc_measures.dates import age_expr

    return age_expr(dob, day)
