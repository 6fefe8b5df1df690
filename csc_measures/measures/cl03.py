"""CL03 Care leavers aged 19-21 in education, employment or training."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import age_expr
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CL_ACTIVITY, DOB, EET_CODES
from csc_measures.shapes import Context, activity_code, snapshot_ratio


@measure(
    id="CL03",
    title="Care leavers aged 19-21 in education, employment or training",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "same D; N = `Activity Status` code (the text before the colon, prefix stripped) is an "
        "education, employment or training code: F1, P1, F2, P2, F4, P4, F5, P5, or the older F3, "
        "P3"
    ),
    uses={9: (CHILD_ID, DOB, CL_ACTIVITY)},
    default_target=55,
)
def cl03(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the care leavers in List 9 aged 19, 20 or 21, the
    percentage in education, employment or training: the `Activity Status` code (the text before the
    colon, letter prefix stripped, ignoring case) is F1, P1, F2, P2, F4, P4, F5, P5 or the older F3,
    P3. Age is in completed years at the as-of date from `Date of Birth` (a birthday on the as-of
    date counts); a care leaver without a date of birth cannot be placed in an age band and is left
    out.
    """
    cohort = age_expr(pl.col(DOB), ctx.as_of).is_between(19, 21)
    eet = activity_code(pl.col(CL_ACTIVITY)).is_in(list(EET_CODES))
    return snapshot_ratio(ctx, 9, cohort=cohort, numerator=eet)
