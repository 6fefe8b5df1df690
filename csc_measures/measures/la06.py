"""LA06 Visited within 6 weeks."""

from __future__ import annotations

import datetime as dt

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, LA_CEASED, LA_LAST_VISIT, LA_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="LA06",
    title="Visited within 6 weeks",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition="D = looked after at as-of; N = `Date of Last Social Work Visit` ≥ as-of - 42 days",
    uses={8: (CHILD_ID, LA_START, LA_CEASED, LA_LAST_VISIT)},
    default_target=95,
)
def la06(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the children looked after that day, the
    percentage whose `Date of Last Social Work Visit` is on or after as-of - 42 calendar days.
    No recorded visit is not in time.
    """
    cohort = open_on(LA_START, LA_CEASED, ctx.as_of)
    visited = pl.col(LA_LAST_VISIT) >= ctx.as_of - dt.timedelta(days=42)
    return snapshot_ratio(ctx, 8, cohort=cohort, numerator=visited)
