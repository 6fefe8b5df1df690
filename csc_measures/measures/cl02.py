"""CL02 Care leavers aged 19-21 in suitable accommodation."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import age_expr
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CL_SUITABILITY, DOB
from csc_measures.shapes import Context, snapshot_ratio


@measure(
    id="CL02",
    title="Care leavers aged 19-21 in suitable accommodation",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=("same D; N = `Suitability of Accommodation` is `Suitable`"),
    uses={9: (CHILD_ID, DOB, CL_SUITABILITY)},
    default_target=90,
)
def cl02(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the care leavers in List 9 aged 19, 20 or 21, the
    percentage whose `Suitability of Accommodation` is `Suitable` (letter prefix stripped, ignoring
    case). Unsuitable, not known and blank are not suitable. Age is in completed years at the as-of
    date from `Date of Birth` (a birthday on the as-of date counts); a care leaver without a date of
    birth cannot be placed in an age band and is left out.
    """
    cohort = age_expr(pl.col(DOB), ctx.as_of).is_between(19, 21)
    suitable = pl.col(CL_SUITABILITY).str.to_lowercase() == "suitable"
    return snapshot_ratio(ctx, 9, cohort=cohort, numerator=suitable)
