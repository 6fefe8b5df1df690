"""CN01 Children in need."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CIN_CLOSED, CIN_START
from csc_measures.shapes import Context, stock_count


@measure(
    id="CN01",
    title="Children in need",
    kind="count",
    polarity="·",
    basis="stock",
    definition="List 6, start = `CIN Start Date`, end = `CIN Closure Date`",
    uses={6: (CHILD_ID, CIN_START, CIN_CLOSED)},
)
def cn01(ctx: Context) -> pl.DataFrame:
    """Distinct children with a children in need episode open on the last day of each month
    (the as-of date for the as-of month): `CIN Start Date` ≤ that day and `CIN Closure Date`
    blank or after it. List 6 covers every open episode, including children on a plan or
    looked after, as Annex A does.
    """
    return stock_count(ctx, 6, CIN_START, CIN_CLOSED)
