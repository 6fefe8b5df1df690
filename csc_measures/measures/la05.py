"""LA05 Long-term stability."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import age_expr, months_back
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, DOB, LA_CEASED, LA_PLACEMENT_START, LA_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="LA05",
    title="Long-term stability",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = looked after at as-of, aged under 16 at as-of, started ≤ as-of - 30 months; "
        "N = `Start Date of Most Recent Placement` ≤ as-of - 24 months"
    ),
    uses={8: (CHILD_ID, DOB, LA_START, LA_CEASED, LA_PLACEMENT_START)},
    default_target=70,
)
def la05(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the children looked after that day, aged under
    16 in completed years at the as-of date, and looked after since as-of - 30 calendar months or
    earlier (`Date Started to be Looked After` on or before that day), the percentage whose
    current placement started on or before as-of - 24 calendar months. A child without a date of
    birth cannot be placed in the age band and is left out of the denominator.
    """
    cohort = (
        open_on(LA_START, LA_CEASED, ctx.as_of)
        & (age_expr(pl.col(DOB), ctx.as_of) < 16)
        & (pl.col(LA_START) <= months_back(ctx.as_of, 30))
    )
    stable = pl.col(LA_PLACEMENT_START) <= months_back(ctx.as_of, 24)
    return snapshot_ratio(ctx, 8, cohort=cohort, numerator=stable)
