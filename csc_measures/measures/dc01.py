"""DC01 Re-referrals within 12 months (CIN census, DfE definition)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, in_year, ratio_row

CHILD, DATE, KEY = "LAchildID", "CINreferralDate", "CINdetailsID"


@return_measure(
    id="DC01",
    title="Re-referrals within 12 months (DfE)",
    kind="ratio",
    polarity="↓",
    basis="event",
    definition=(
        "D = referrals in the census year; N = those whose child had another referral in the "
        "12 months before"
    ),
    source="cin",
    uses={"cin_details": (CHILD, KEY, DATE)},
    dfe_benchmark="DC01",
)
def dc01(ctx: ReturnContext) -> pl.DataFrame:
    """Every `CINdetails` whose `CINreferralDate` falls in the census year (1 April to the
    reference date, 31 March) is a referral, NFA referrals included, as the DfE counts them.
    It is a re-referral when the same child (`LAchildID`) has another `CINdetails` whose
    referral date is before it and on or after the same day 12 months earlier (31 March - 12
    months = 31 March the year before; a 29 February date steps back to 28 February). The
    percentage is re-referrals of referrals. The earlier referrals looked at are those in this
    census and in the earlier censuses given with it (`--cin-previous`), as the DfE looks in
    earlier censuses: with this census alone, a referral whose previous one was closed before 1
    April of the year before is missed, and the figure is a little below the DfE's.
    """
    start, end = ctx.year("cin")
    details = ctx.table("cin", "cin_details").select(CHILD, KEY, DATE).drop_nulls()
    referrals = details.filter(in_year(DATE, start, end))
    earlier = details.select(CHILD, pl.col(DATE).alias("_prev"), pl.col(KEY).alias("_prev_key"))
    again = (
        referrals.join(earlier, on=CHILD)
        .filter(
            (pl.col("_prev_key") != pl.col(KEY))
            & (pl.col("_prev") < pl.col(DATE))
            & (pl.col("_prev") >= pl.col(DATE).dt.offset_by("-12mo"))
        )
        .get_column(KEY)
        .unique()
    )
    rows = referrals.select(pl.col(CHILD).alias(ID), pl.col(KEY).is_in(again.implode()).alias(FLAG))
    return ratio_row(ctx, "cin", rows)
