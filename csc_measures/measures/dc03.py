"""DC03 Initial child protection conferences within 15 working days (CIN census, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import wd_expr
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, in_year, ratio_row

CHILD, START, ICPC = "LAchildID", "S47ActualStartDate", "DateOfInitialCPC"


@return_measure(
    id="DC03",
    title="ICPCs within 15 working days of the section 47 enquiry (DfE)",
    kind="ratio",
    polarity="↑",
    basis="event",
    definition=(
        "D = initial child protection conferences held in the census year; N = those within 15 "
        "working days of the start of the section 47 enquiry"
    ),
    source="cin",
    uses={"section47": (CHILD, START, ICPC)},
    default_target=85,
    dfe_benchmark="CP03",
)
def dc03(ctx: ReturnContext) -> pl.DataFrame:
    """Section 47 enquiries whose `DateOfInitialCPC` falls in the census year; the numerator
    is those held within 15 working days of `S47ActualStartDate` (the strategy discussion that
    started the enquiry): wd(start, conference) ≤ 15, the start day not counted. Enquiries
    with `ICPCnotRequired` and no conference date are not conferences and are left out.
    """
    start, end = ctx.year("cin")
    rows = (
        ctx.table("cin", "section47")
        .filter(in_year(ICPC, start, end))
        .select(pl.col(CHILD).alias(ID), (wd_expr(pl.col(START), pl.col(ICPC)) <= 15).alias(FLAG))
    )
    return ratio_row(ctx, "cin", rows)
