"""DL12 Children looked after in the year who went missing (SSDA903, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.looked_after import CHILD, SHORT_BREAKS
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, in_year, ratio_row


@return_measure(
    id="DL12",
    title="Children looked after in the year who went missing (DfE)",
    kind="ratio",
    polarity="↓",
    basis="event",
    definition=(
        "D = children looked after at some time in the year; N = those with a missing "
        "incident (`MISSING` M) starting in the year"
    ),
    source="ssda903",
    uses={
        "episodes": (CHILD, "DECOM", "DEC", "LS"),
        "missing": (CHILD, "MISSING", "MIS_START"),
    },
    default_target=10,
)
def dl12(ctx: ReturnContext) -> pl.DataFrame:
    """The denominator is the children with an episode open at some time in the year
    (`DECOM` ≤ 31 March and `DEC` blank or on or after 1 April), short breaks (V3, V4)
    excluded, as in the DfE's *missing* tables. The numerator is those with a row in the
    missing table whose `MISSING` is M (missing, not "away without authorisation", A) and
    whose `MIS_START` falls in the year.
    """
    start, ref = ctx.year("ssda903")
    episodes = ctx.table("ssda903", "episodes")
    cohort = (
        episodes.filter(
            (pl.col("DECOM") <= ref)
            & (pl.col("DEC").is_null() | (pl.col("DEC") >= start))
            & ~pl.col("LS").is_in(SHORT_BREAKS)
        )
        .select(CHILD)
        .unique(maintain_order=True)
    )
    went = (
        ctx.table("ssda903", "missing")
        .filter((pl.col("MISSING") == "M") & in_year("MIS_START", start, ref))
        .get_column(CHILD)
        .unique()
    )
    rows = cohort.select(pl.col(CHILD).alias(ID), pl.col(CHILD).is_in(went.implode()).alias(FLAG))
    return ratio_row(ctx, "ssda903", rows)
