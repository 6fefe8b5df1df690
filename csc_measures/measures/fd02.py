"""FD02 Referrals."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, REFERRAL_DATE
from csc_measures.shapes import Context, event_count


@measure(
    id="FD02",
    title="Referrals",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 3 rows by `Date of Referral`",
    uses={3: (CHILD_ID, REFERRAL_DATE)},
)
def fd02(ctx: Context) -> pl.DataFrame:
    """Number of referrals received in the month: List 3 rows whose `Date of Referral` falls in
    the month (a child referred twice counts twice). Reported for the authority and for each
    `Allocated Team` (a blank team counts under `team:(unallocated)`).
    """
    return event_count(ctx, 3, REFERRAL_DATE)
