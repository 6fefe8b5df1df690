"""FD04 Re-referrals within 12 months."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, REFERRAL_DATE, REFERRALS_LAST_12
from csc_measures.shapes import CODE, Context, event_ratio


@measure(
    id="FD04",
    title="Re-referrals within 12 months",
    kind="ratio",
    polarity="↓",
    basis="event",
    definition=(
        "D = List 3 rows in month. N = those where the same child has another List 3 row dated "
        "1-365 days earlier, **or** `Number of Referrals in Last 12 Months` ≥ 1"
    ),
    uses={3: (CHILD_ID, REFERRAL_DATE, REFERRALS_LAST_12)},
    default_target=22,
)
def fd04(ctx: Context) -> pl.DataFrame:
    """Percentage of the month's referrals that are re-referrals. Denominator: List 3 rows whose
    `Date of Referral` falls in the month. Numerator: those where the same `Child Unique ID` has
    another List 3 row dated 1 to 365 days earlier (365 days, whatever the year's length: a
    referral exactly 365 days earlier counts, 366 days does not; another referral on the same
    day does not), or whose `Number of Referrals in Last 12 Months` is 1 or more. Earlier
    referrals anywhere in List 3 count, including before the reporting period. A blank or
    unreadable `Number of Referrals in Last 12 Months` does not make a re-referral by itself.
    """
    referrals, ids = ctx.rows_table(3)
    child = CHILD_ID if ids is None else CODE  # the integer code, when there is one, is faster
    # Each child's referral dates in order; the one before is the previous referral when the
    # row above is the same child (a shift over the sorted rows, not a window per child).
    previous = (
        referrals.select(child, REFERRAL_DATE)
        .unique()
        .sort(child, REFERRAL_DATE)
        .with_columns(
            pl.when(pl.col(child) == pl.col(child).shift(1))
            .then(pl.col(REFERRAL_DATE).shift(1))
            .alias("_previous")
        )
    )
    days_since = (pl.col(REFERRAL_DATE) - pl.col("_previous")).dt.total_days()
    flagged = referrals.join(previous, on=[child, REFERRAL_DATE], how="left").with_columns(
        (
            days_since.is_between(1, 365).fill_null(value=False)
            | (pl.col(REFERRALS_LAST_12) >= 1).fill_null(value=False)
        ).alias("_rereferral")
    )
    return event_ratio(
        ctx.with_table(3, flagged, ids=ids), 3, REFERRAL_DATE, numerator=pl.col("_rereferral")
    )
