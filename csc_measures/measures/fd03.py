"""FD03 Contacts converted to referral."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CONTACT_DATE, REFERRAL_DATE
from csc_measures.shapes import LA, PERIOD, UNIT, Context, event_count


@measure(
    id="FD03",
    title="Contacts converted to referral",
    kind="ratio",
    polarity="·",
    basis="event",
    definition="N = FD02 in month, D = FD01 in month",
    uses={1: (CHILD_ID, CONTACT_DATE), 3: (CHILD_ID, REFERRAL_DATE)},
)
def fd03(ctx: Context) -> pl.DataFrame:
    """Referrals in the month as a percentage of contacts in the month: numerator = FD02
    (List 3 rows by `Date of Referral`), denominator = FD01 (List 1 rows by `Date of Contact`).
    The two are counted independently: a referral need not come from a contact in the same
    month, so the value can exceed 100. Teams are reported only when both lists carry
    `Allocated Team`; otherwise the authority only. No value when there were no contacts.
    """
    by_team = ctx.has_team(1) and ctx.has_team(3)
    contacts = event_count(ctx, 1, CONTACT_DATE, team=by_team)
    referrals = event_count(ctx, 3, REFERRAL_DATE, team=by_team)
    joined = contacts.select(
        PERIOD,
        UNIT,
        pl.col("numerator").alias("denominator"),
        pl.col("numerator_ids").alias("denominator_ids"),
    ).join(
        referrals.select(PERIOD, UNIT, "numerator", "numerator_ids"),
        on=[PERIOD, UNIT],
        how="full",
        coalesce=True,
    )
    empty = pl.lit([], dtype=pl.List(pl.String()))
    joined = joined.with_columns(
        pl.col("numerator").fill_null(0),
        pl.col("denominator").fill_null(0),
        pl.col("numerator_ids").fill_null(empty),
        pl.col("denominator_ids").fill_null(empty),
    )
    if not by_team:
        joined = joined.filter(pl.col(UNIT) == LA)
    return joined.with_columns(
        pl.when(pl.col("denominator") > 0)
        .then(100 * pl.col("numerator") / pl.col("denominator"))
        .otherwise(None)
        .alias("value")
    )
