"""CP09 Children on a CP plan visited within 10 working days."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import wd_to
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CP_END, CP_LAST_VISIT, CP_START
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="CP09",
    title="Children on a CP plan visited within 10 working days",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = plans open at as-of; N = `Date of the Last Statutory Visit` present and "
        "`wd(visit, as-of) ≤ 10`"
    ),
    uses={7: (CHILD_ID, CP_START, CP_END, CP_LAST_VISIT)},
    default_target=90,
)
def cp09(ctx: Context) -> pl.DataFrame:
    """At the as-of date (reported for the as-of month only): of the child protection plans open
    that day (List 7 rows, start ≤ as-of and end blank or after as-of), the percentage whose
    `Date of the Last Statutory Visit` is present and no more than 10 working days before the
    as-of date (`wd(visit, as-of) ≤ 10`). A plan without a recorded visit is not in time.
    """
    cohort = open_on(CP_START, CP_END, ctx.as_of)
    visited = pl.col(CP_LAST_VISIT).is_not_null() & (wd_to(pl.col(CP_LAST_VISIT), ctx.as_of) <= 10)
    return snapshot_ratio(ctx, 7, cohort=cohort, numerator=visited)
