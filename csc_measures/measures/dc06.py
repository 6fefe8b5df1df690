"""DC06 Child protection plans open at 31 March for 2 years or more (CIN census, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, ratio_row

CHILD, START, END = "LAchildID", "CPPstartDate", "CPPendDate"


@return_measure(
    id="DC06",
    title="Child protection plans at 31 March lasting 2 years or more (DfE)",
    kind="ratio",
    polarity="↓",
    basis="snapshot",
    definition=("D = plans open at the census reference date; N = those open for 2 years or more"),
    source="cin",
    uses={"cp_plans": (CHILD, START, END)},
    dfe_benchmark="DC06",
)
def dc06(ctx: ReturnContext) -> pl.DataFrame:
    """Plans open at the reference date R (31 March): `CPPstartDate` ≤ R and `CPPendDate`
    blank or after R (the census basis of the DfE's table D5, plans at 31 March by length). The
    numerator is those that started on or before the same day two years before R.
    """
    _, ref = ctx.year("cin")
    rows = (
        ctx.table("cin", "cp_plans")
        .filter((pl.col(START) <= ref) & (pl.col(END).is_null() | (pl.col(END) > ref)))
        .select(pl.col(CHILD).alias(ID), (pl.col(START).dt.offset_by("2y") <= ref).alias(FLAG))
    )
    return ratio_row(ctx, "cin", rows)
