"""AS04 Open assessments past 45 working days."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import wd_expr
from csc_measures.registry import measure
from csc_measures.schema import ASSESS_AUTHORISED, ASSESS_START, CHILD_ID
from csc_measures.shapes import REF, Context, stock_count


@measure(
    id="AS04",
    title="Open assessments past 45 working days",
    kind="count",
    polarity="↓",
    basis="stock",
    definition=(
        "List 4 rows with start ≤ D, (authorisation blank or > D), and `wd(start, D) > 45`, "
        "at each month end D"
    ),
    uses={4: (CHILD_ID, ASSESS_START, ASSESS_AUTHORISED)},
)
def as04(ctx: Context) -> pl.DataFrame:
    """Assessments still open and already past 45 working days, at the last day of each month
    (the as-of date for the as-of month), D: List 4 rows with `Continuous Assessment Start Date`
    ≤ D, `Continuous Assessment Date of Authorisation` blank or after D, and more than 45
    working days from the start to D. As a stock measure it counts distinct children (a child
    with two such assessments counts once).
    """
    overdue = wd_expr(pl.col(ASSESS_START), pl.col(REF)) > 45
    return stock_count(ctx, 4, ASSESS_START, ASSESS_AUTHORISED, where=overdue)
