"""CP10 CP plans reviewed in timescale."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import months_back
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CP_END, CP_LATEST_REVIEW, CP_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="CP10",
    title="CP plans reviewed in timescale",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = plans open at as-of; N = plan start > as-of - 3 months, **or** `Date of latest "
        "review conference` ≥ as-of - 6 months"
    ),
    uses={7: (CHILD_ID, CP_START, CP_END, CP_LATEST_REVIEW)},
    default_target=95,
)
def cp10(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the plans open that day, the percentage in
    timescale for review: the plan started after as-of - 3 calendar months (its first review is
    not yet due), or its `Date of latest review conference` is on or after as-of - 6 calendar
    months. Months back keep the day number, clamped to the month's end (31 March - 1 month =
    28/29 February).
    """
    cohort = open_on(CP_START, CP_END, ctx.as_of)
    in_time = (pl.col(CP_START) > months_back(ctx.as_of, 3)) | (
        pl.col(CP_LATEST_REVIEW) >= months_back(ctx.as_of, 6)
    ).fill_null(value=False)
    return snapshot_ratio(ctx, 7, cohort=cohort, numerator=in_time)
