"""CL06 Care leavers with an allocated personal adviser."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CL_PERSONAL_ADVISER
from csc_measures.shapes import Context, snapshot_ratio


@measure(
    id="CL06",
    title="Care leavers with an allocated personal adviser",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = all List 9 rows; N = `Allocated Personal Advisor` not blank (needs the 2024 layout)"
    ),
    uses={9: (CHILD_ID, CL_PERSONAL_ADVISER)},
    default_target=100,
)
def cl06(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of all care leavers in List 9, the percentage with
    an `Allocated Personal Advisor` recorded (not blank after trimming). The column exists only
    in the 2024 layout of List 9: with the older layout the measure is not computable.
    """
    allocated = pl.col(CL_PERSONAL_ADVISER).is_not_null()
    return snapshot_ratio(ctx, 9, cohort=pl.lit(value=True), numerator=allocated)
