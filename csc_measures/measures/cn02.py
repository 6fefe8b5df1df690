"""CN02 Children on a CIN plan seen within 20 working days."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import wd_to
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CIN_CASE_STATUS, CIN_CLOSED, CIN_LAST_SEEN, CIN_START
from csc_measures.shapes import Context, open_on, snapshot_ratio

CIN_PLAN = "child in need plan"


@measure(
    id="CN02",
    title="Children on a CIN plan seen within 20 working days",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = List 6 rows open at as-of whose `Case Status` is `Child in need plan`; N = `Date "
        "Child Was Last Seen` present and `wd(seen, as-of) ≤ 20`"
    ),
    uses={6: (CHILD_ID, CIN_START, CIN_CLOSED, CIN_CASE_STATUS, CIN_LAST_SEEN)},
    default_target=90,
)
def cn02(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the List 6 rows open that day whose `Case
    Status` is `Child in need plan` (letter prefix stripped, compared ignoring case and extra
    spaces), the percentage whose `Date Child Was Last Seen` is present and no more than 20
    working days before the as-of date.
    """
    status = pl.col(CIN_CASE_STATUS).str.replace_all(r"\s+", " ").str.to_lowercase()
    cohort = open_on(CIN_START, CIN_CLOSED, ctx.as_of) & (status == CIN_PLAN)
    seen = pl.col(CIN_LAST_SEEN).is_not_null() & (wd_to(pl.col(CIN_LAST_SEEN), ctx.as_of) <= 20)
    return snapshot_ratio(ctx, 6, cohort=cohort, numerator=seen)
