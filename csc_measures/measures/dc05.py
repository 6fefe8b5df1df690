"""DC05 Child protection plans ending in the year that lasted 2 years or more (CIN census)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, in_year, ratio_row

CHILD, START, END = "LAchildID", "CPPstartDate", "CPPendDate"


@return_measure(
    id="DC05",
    title="Child protection plans ending in the year that lasted 2 years or more (DfE)",
    kind="ratio",
    polarity="↓",
    basis="event",
    definition="D = plans ending in the census year; N = those that lasted 2 years or more",
    source="cin",
    uses={"cp_plans": (CHILD, START, END)},
)
def dc05(ctx: ReturnContext) -> pl.DataFrame:
    """Plans whose `CPPendDate` falls in the census year (the DfE's "plans ceasing during the
    year"); the numerator is those whose end date is on or after the same day two years after
    `CPPstartDate` (a plan from 29 February reaches two years on 28 February). A plan without
    a start date is in the denominator only.
    """
    start, end = ctx.year("cin")
    rows = (
        ctx.table("cin", "cp_plans")
        .filter(in_year(END, start, end))
        .select(
            pl.col(CHILD).alias(ID),
            (pl.col(END) >= pl.col(START).dt.offset_by("2y")).alias(FLAG),
        )
    )
    return ratio_row(ctx, "cin", rows)
