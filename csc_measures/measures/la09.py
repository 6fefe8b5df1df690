"""LA09 Dental check in date."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import months_back
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, LA_CEASED, LA_DENTAL, LA_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="LA09",
    title="Dental check in date",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition="same D as LA08; N = `Date of Last Dental Check` ≥ as-of - 12 months",
    uses={8: (CHILD_ID, LA_START, LA_CEASED, LA_DENTAL)},
    default_target=80,
)
def la09(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the children looked after that day who have
    been looked after since as-of - 12 calendar months or earlier (as LA08), the percentage
    whose `Date of Last Dental Check` is on or after as-of - 12 calendar months.
    """
    cohort = open_on(LA_START, LA_CEASED, ctx.as_of) & (
        pl.col(LA_START) <= months_back(ctx.as_of, 12)
    )
    in_date = pl.col(LA_DENTAL) >= months_back(ctx.as_of, 12)
    return snapshot_ratio(ctx, 8, cohort=cohort, numerator=in_date)
