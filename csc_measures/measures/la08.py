"""LA08 Health assessment in date."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import age_expr, months_back
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, DOB, LA_CEASED, LA_HEALTH, LA_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="LA08",
    title="Health assessment in date",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = looked after at as-of and started ≤ as-of - 12 months; N = `Date of Last Health "
        "Assessment` ≥ as-of - 6 months if aged under 5 at as-of, else ≥ as-of - 12 months"
    ),
    uses={8: (CHILD_ID, DOB, LA_START, LA_CEASED, LA_HEALTH)},
    default_target=90,
)
def la08(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the children looked after that day who have
    been looked after since as-of - 12 calendar months or earlier, the percentage whose `Date of
    Last Health Assessment` is on or after as-of - 6 calendar months for a child under 5 (in
    completed years at the as-of date), or on or after as-of - 12 calendar months otherwise. A
    child whose age cannot be established (no date of birth) is held to the stricter 6-month
    rule.
    """
    cohort = open_on(LA_START, LA_CEASED, ctx.as_of) & (
        pl.col(LA_START) <= months_back(ctx.as_of, 12)
    )
    age = age_expr(pl.col(DOB), ctx.as_of)
    threshold = (
        pl.when(age.is_null() | (age < 5))
        .then(pl.lit(months_back(ctx.as_of, 6)))
        .otherwise(pl.lit(months_back(ctx.as_of, 12)))
    )
    return snapshot_ratio(ctx, 8, cohort=cohort, numerator=pl.col(LA_HEALTH) >= threshold)
