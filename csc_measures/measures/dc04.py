"""DC04 Second or subsequent child protection plans (CIN census, DfE definition)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, in_year, ratio_row

CHILD, KEY, START, PREVIOUS = "LAchildID", "CPPID", "CPPstartDate", "NumberOfPreviousCPP"


@return_measure(
    id="DC04",
    title="Child protection plans that are a second or subsequent plan (DfE)",
    kind="ratio",
    polarity="↓",
    basis="event",
    definition=(
        "D = child protection plans starting in the census year; N = those whose child had a "
        "plan before (ever)"
    ),
    source="cin",
    uses={"cp_plans": (CHILD, KEY, START, PREVIOUS)},
    dfe_benchmark="CP07",
)
def dc04(ctx: ReturnContext) -> pl.DataFrame:
    """Plans whose `CPPstartDate` falls in the census year. A plan is second or subsequent
    when `NumberOfPreviousCPP` is 1 or more (plans at any time before, in any authority, as the
    census records it) or the same child has an earlier plan in this census. A blank
    `NumberOfPreviousCPP` with no earlier plan in the census counts as a first plan.
    """
    start, end = ctx.year("cin")
    plans = ctx.table("cin", "cp_plans").filter(pl.col(START).is_not_null())
    first_start = plans.group_by(CHILD).agg(pl.col(START).min().alias("_first"))
    rows = (
        plans.filter(in_year(START, start, end))
        .join(first_start, on=CHILD, how="left")
        .select(
            pl.col(CHILD).alias(ID),
            ((pl.col(PREVIOUS).fill_null(0) >= 1) | (pl.col("_first") < pl.col(START))).alias(FLAG),
        )
    )
    return ratio_row(ctx, "cin", rows)
