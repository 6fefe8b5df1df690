"""LA11 Return interview offered after last missing episode."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import (
    CHILD_ID,
    LA_CEASED,
    LA_MISSING_EPISODES,
    LA_RETURN_INTERVIEW,
    LA_START,
)
from csc_measures.shapes import Context, open_on, snapshot_ratio


@measure(
    id="LA11",
    title="Return interview offered after last missing episode",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = looked after at as-of with missing episodes ≥ 1; N = return interview offered is Yes"
    ),
    uses={8: (CHILD_ID, LA_START, LA_CEASED, LA_MISSING_EPISODES, LA_RETURN_INTERVIEW)},
    default_target=100,
)
def la11(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the children looked after that day with at least
    one missing episode in the last 12 months, the percentage who were offered a return
    interview after the last one (`Was the Child Offered a Return Interview after the Last
    Missing Episode?` is Yes). A blank or unrecognised answer stays in the denominator.
    """
    cohort = open_on(LA_START, LA_CEASED, ctx.as_of) & (pl.col(LA_MISSING_EPISODES) >= 1)
    return snapshot_ratio(ctx, 8, cohort=cohort, numerator=pl.col(LA_RETURN_INTERVIEW))
