"""CP05 Children subject to a CP plan."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CP_END, CP_START
from csc_measures.shapes import Context, stock_count


@measure(
    id="CP05",
    title="Children subject to a CP plan",
    kind="count",
    polarity="·",
    basis="stock",
    definition=(
        "List 7, start = `Child Protection Plan Start Date`, end = `Child Protection Plan End Date`"
    ),
    uses={7: (CHILD_ID, CP_START, CP_END)},
)
def cp05(ctx: Context) -> pl.DataFrame:
    """Distinct children subject to a child protection plan on the last day of each month (the
    as-of date for the as-of month): plan start ≤ that day and the end date blank or after it.
    A plan ending on the last day of the month is not counted at that month end.
    """
    return stock_count(ctx, 7, CP_START, CP_END)
