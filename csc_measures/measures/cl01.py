"""CL01 Care leavers aged 19-21 in touch."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import age_expr
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CL_IN_TOUCH, DOB
from csc_measures.shapes import Context, is_yes, snapshot_ratio


@measure(
    id="CL01",
    title="Care leavers aged 19-21 in touch",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=("D = List 9 rows aged 19, 20 or 21; N = `LA in Touch` is Yes"),
    uses={9: (CHILD_ID, DOB, CL_IN_TOUCH)},
    default_target=95,
)
def cl01(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the care leavers in List 9 aged 19, 20 or 21, the
    percentage the authority is in touch with (`LA in Touch` is Yes; other answers such as No,
    Refused or Died, and blanks, are not in touch). Age is in completed years at the as-of date from
    `Date of Birth` (a birthday on the as-of date counts); a care leaver without a date of birth
    cannot be placed in an age band and is left out.
    """
    cohort = age_expr(pl.col(DOB), ctx.as_of).is_between(19, 21)
    return snapshot_ratio(ctx, 9, cohort=cohort, numerator=is_yes(pl.col(CL_IN_TOUCH)))
