"""DL13 Missing incidents of children looked after (SSDA903, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.looked_after import CHILD
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import ID, ReturnContext, count_row, in_year


@return_measure(
    id="DL13",
    title="Missing incidents of children looked after (DfE)",
    kind="count",
    polarity="↓",
    basis="event",
    definition="missing table rows with `MISSING` M whose `MIS_START` falls in the year",
    source="ssda903",
    uses={"missing": (CHILD, "MISSING", "MIS_START")},
)
def dl13(ctx: ReturnContext) -> pl.DataFrame:
    """Every row of the missing table with `MISSING` M (missing from placement; A, away from
    placement without authorisation, is not counted) and `MIS_START` in the year is an
    incident; a child can have several. The children behind the count are listed once each.
    """
    start, ref = ctx.year("ssda903")
    rows = (
        ctx.table("ssda903", "missing")
        .filter((pl.col("MISSING") == "M") & in_year("MIS_START", start, ref))
        .select(pl.col(CHILD).alias(ID))
    )
    return count_row(ctx, "ssda903", rows)
