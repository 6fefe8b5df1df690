"""CP07 CP plans that are second or subsequent."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CP_PREVIOUS_PLANS, CP_START
from csc_measures.shapes import Context, event_ratio


@measure(
    id="CP07",
    title="CP plans that are second or subsequent",
    kind="ratio",
    polarity="↓",
    basis="event",
    definition="D = CP06 in month; N = `Number of Previous Child Protection Plans` ≥ 1",
    uses={7: (CHILD_ID, CP_START, CP_PREVIOUS_PLANS)},
    default_target=20,
)
def cp07(ctx: Context) -> pl.DataFrame:
    """Percentage of the plans started in the month (CP06) that are a second or subsequent plan
    for the child: `Number of Previous Child Protection Plans` is 1 or more (ever, not only
    within two years). A blank or unreadable number stays in the denominator and does not count.
    """
    return event_ratio(ctx, 7, CP_START, numerator=pl.col(CP_PREVIOUS_PLANS) >= 1)
