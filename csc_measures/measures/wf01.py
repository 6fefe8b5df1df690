"""WF01 Average caseload per allocated worker."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CIN_CLOSED, CIN_START, WORKER
from csc_measures.shapes import UNIT, Context, caseloads, finish_rows


@measure(
    id="WF01",
    title="Average caseload per allocated worker",
    kind="average",
    unit="children per worker",
    polarity="↓",
    basis="snapshot",
    definition=(
        "distinct children open in List 6 at as-of with a non-blank `Allocated Worker`, divided "
        "by the number of distinct such workers; numerator = children, denominator = workers"
    ),
    uses={6: (CHILD_ID, CIN_START, CIN_CLOSED, WORKER)},
    default_target=18,
    denominator_ids="worker",
)
def wf01(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): distinct children with a List 6 episode open that
    day (`CIN Start Date` ≤ as-of, `CIN Closure Date` blank or after) and a non-blank `Allocated
    Worker`, divided by the number of distinct such workers. Numerator = children (their IDs),
    denominator = workers (their names as written, trimmed), value = children per worker (not a
    percentage). Per team, both are counted within the team's open episodes.
    """
    allocations = caseloads(ctx)
    agg = allocations.group_by("period", UNIT).agg(
        pl.col(CHILD_ID).n_unique().cast(pl.Int64).alias("numerator"),
        pl.col(WORKER).n_unique().cast(pl.Int64).alias("denominator"),
        pl.col(CHILD_ID).unique().sort().alias("numerator_ids"),
        pl.col(WORKER).unique().sort().alias("denominator_ids"),
    )
    return finish_rows(agg, [ctx.as_of_label], ctx.units(6), ratio=True, scale=1.0)
