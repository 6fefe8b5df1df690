"""CP03 ICPCs within 15 working days of the strategy discussion."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import wd_expr
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, ICPC_DATE, S47_START
from csc_measures.shapes import Context, event_ratio


@measure(
    id="CP03",
    title="ICPCs within 15 working days of the strategy discussion",
    kind="ratio",
    polarity="↑",
    basis="event",
    definition="D = CP02 in month; N = `wd(S47 start, ICPC date) ≤ 15`",
    uses={5: (CHILD_ID, S47_START, ICPC_DATE)},
    default_target=85,
)
def cp03(ctx: Context) -> pl.DataFrame:
    """Percentage of the ICPCs held in the month (CP02) that took place within 15 working days
    of the strategy discussion that started the section 47 enquiry: `wd(Strategy discussion
    initiating Section 47 Enquiry Start Date, Date of Initial Child Protection Conference) ≤
    15` (working days after the strategy discussion up to and including the conference day).
    """
    within = wd_expr(pl.col(S47_START), pl.col(ICPC_DATE)) <= 15
    return event_ratio(ctx, 5, ICPC_DATE, numerator=within)
