"""CP08 CP plans ended after 2 years or more."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import add_months_expr
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CP_END, CP_START
from csc_measures.shapes import Context, event_ratio


@measure(
    id="CP08",
    title="CP plans ended after 2 years or more",
    kind="ratio",
    polarity="↓",
    basis="event",
    definition="D = List 7 rows by plan end date in month; N = end ≥ start + 2 years",
    uses={7: (CHILD_ID, CP_START, CP_END)},
)
def cp08(ctx: Context) -> pl.DataFrame:
    """Percentage of the plans ended in the month (List 7 rows whose `Child Protection Plan End
    Date` falls in the month) that had lasted 2 years or more: end ≥ start + 2 calendar years
    (24 calendar months, a 29 February start reaching 2 years on 28 February).
    """
    two_years = pl.col(CP_END) >= add_months_expr(pl.col(CP_START), 24)
    return event_ratio(ctx, 7, CP_END, numerator=two_years)
