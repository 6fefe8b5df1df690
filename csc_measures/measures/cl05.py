"""CL05 Care leavers with a pathway plan reviewed in the last 6 months."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import months_back
from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CL_PATHWAY_REVIEW
from csc_measures.shapes import Context, snapshot_ratio


@measure(
    id="CL05",
    title="Care leavers with a pathway plan reviewed in the last 6 months",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = all List 9 rows; N = `Latest Pathway Plan Review Date` ≥ as-of - 6 months "
        "(needs the 2024 layout)"
    ),
    uses={9: (CHILD_ID, CL_PATHWAY_REVIEW)},
    default_target=90,
)
def cl05(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of all care leavers in List 9, the percentage whose
    `Latest Pathway Plan Review Date` is on or after as-of - 6 calendar months. The column exists
    only in the 2024 layout of List 9: with the older layout the measure is not computable.
    """
    reviewed = pl.col(CL_PATHWAY_REVIEW) >= months_back(ctx.as_of, 6)
    return snapshot_ratio(ctx, 9, cohort=pl.lit(value=True), numerator=reviewed)
