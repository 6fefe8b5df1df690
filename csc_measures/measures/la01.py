"""LA01 Children looked after."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, LA_CEASED, LA_START
from csc_measures.shapes import Context, stock_count


@measure(
    id="LA01",
    title="Children looked after",
    kind="count",
    polarity="·",
    basis="stock",
    definition=(
        "List 8, start = `Date Started to be Looked After`, end = `Date Ceased to be Looked After`"
    ),
    uses={8: (CHILD_ID, LA_START, LA_CEASED)},
)
def la01(ctx: Context) -> pl.DataFrame:
    """Distinct children looked after on the last day of each month (the as-of date for the
    as-of month): `Date Started to be Looked After` ≤ that day and `Date Ceased to be Looked
    After` blank or after it.
    """
    return stock_count(ctx, 8, LA_START, LA_CEASED)
