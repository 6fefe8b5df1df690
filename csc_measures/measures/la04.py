"""LA04 Short-term stability: 3 or more placements in 12 months."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, LA_CEASED, LA_PLACEMENTS_12, LA_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="LA04",
    title="Short-term stability: 3 or more placements in 12 months",
    kind="ratio",
    polarity="↓",
    basis="snapshot",
    definition="D = looked after at as-of; N = `Number of Placements in the Last 12 months` ≥ 3",
    uses={8: (CHILD_ID, LA_START, LA_CEASED, LA_PLACEMENTS_12)},
    default_target=10,
)
def la04(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the List 8 rows looked after that day (start ≤
    as-of, ceased blank or after as-of), the percentage with 3 or more placements in the last
    12 months. A blank or unreadable number stays in the denominator and does not count.
    """
    cohort = open_on(LA_START, LA_CEASED, ctx.as_of)
    return snapshot_ratio(ctx, 8, cohort=cohort, numerator=pl.col(LA_PLACEMENTS_12) >= 3)
