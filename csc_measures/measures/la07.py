"""LA07 Reviews in timescale."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import months_back, wd_to
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, LA_CEASED, LA_LATEST_REVIEW, LA_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="LA07",
    title="Reviews in timescale",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = looked after at as-of; N = `Date of Latest Statutory Review` ≥ as-of - 6 months, "
        "**or** started with `wd(start, as-of) ≤ 20`"
    ),
    uses={8: (CHILD_ID, LA_START, LA_CEASED, LA_LATEST_REVIEW)},
    default_target=95,
)
def la07(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the children looked after that day, the
    percentage in timescale for review: `Date of Latest Statutory Review` on or after as-of - 6
    calendar months, or looked after so recently that the first review is not yet due (no more
    than 20 working days from `Date Started to be Looked After` to the as-of date).
    """
    cohort = open_on(LA_START, LA_CEASED, ctx.as_of)
    in_time = (pl.col(LA_LATEST_REVIEW) >= months_back(ctx.as_of, 6)).fill_null(value=False) | (
        wd_to(pl.col(LA_START), ctx.as_of) <= 20
    ).fill_null(value=False)
    return snapshot_ratio(ctx, 8, cohort=cohort, numerator=in_time)
