"""FD05 Referrals with no further action."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, REFERRAL_DATE, REFERRAL_NFA
from csc_measures.shapes import Context, event_ratio


@measure(
    id="FD05",
    title="Referrals with no further action",
    kind="ratio",
    polarity="·",
    basis="event",
    definition="D = List 3 rows in month; N = `Referral NFA?` is Yes",
    uses={3: (CHILD_ID, REFERRAL_DATE, REFERRAL_NFA)},
)
def fd05(ctx: Context) -> pl.DataFrame:
    """Percentage of the month's referrals that ended in no further action. Denominator: List 3
    rows whose `Date of Referral` falls in the month. Numerator: those whose `Referral NFA?` is
    Yes (`Yes`/`Y` in any case, with or without a letter prefix). A blank or unrecognised answer
    stays in the denominator and never counts as Yes.
    """
    return event_ratio(ctx, 3, REFERRAL_DATE, numerator=pl.col(REFERRAL_NFA))
