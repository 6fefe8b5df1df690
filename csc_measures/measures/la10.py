"""LA10 Missing from placement in the last 12 months."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, LA_CEASED, LA_MISSING_EPISODES, LA_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="LA10",
    title="Missing from placement in the last 12 months",
    kind="ratio",
    polarity="↓",
    basis="snapshot",
    definition="D = looked after at as-of; N = missing episodes ≥ 1",
    uses={8: (CHILD_ID, LA_START, LA_CEASED, LA_MISSING_EPISODES)},
)
def la10(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the children looked after that day, the
    percentage with at least one missing episode in the last 12 months (`Number of Missing
    Episodes in the Last 12 Months` ≥ 1). A blank or unreadable number does not count.
    """
    cohort = open_on(LA_START, LA_CEASED, ctx.as_of)
    return snapshot_ratio(ctx, 8, cohort=cohort, numerator=pl.col(LA_MISSING_EPISODES) >= 1)
