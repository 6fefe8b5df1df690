"""DL01 Children looked after at 31 March with 3 or more placements in the year (SSDA903)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.looked_after import (
    CHILD,
    TEMPORARY_PLACEMENTS,
    looked_after_at,
)
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, ratio_row


@return_measure(
    id="DL01",
    title="Children looked after at 31 March with 3 or more placements in the year (DfE)",
    kind="ratio",
    polarity="↓",
    basis="snapshot",
    definition=(
        "D = children looked after at 31 March (short breaks excluded); N = those with 3 or "
        "more placements during the year"
    ),
    source="ssda903",
    uses={"episodes": (CHILD, "DECOM", "DEC", "RNE", "LS", "PLACE")},
    default_target=10,
    dfe_benchmark="LA04",
)
def dl01(ctx: ReturnContext) -> pl.DataFrame:
    """The denominator is the children with an episode open at the year's end R (31 March):
    `DECOM` ≤ R and `DEC` blank or after R, not under a short-break legal status (V3, V4). Their
    placements during the year are the episodes open at some time in the year (`DECOM` ≤ R and
    `DEC` blank or on or after 1 April), except an episode starting in the year with `RNE` L (a
    change of legal status only: the same placement goes on) and temporary placements (T0-T4).
    The numerator is those with 3 or more.
    """
    start, ref = ctx.year("ssda903")
    episodes = ctx.table("ssda903", "episodes").filter(pl.col("DECOM").is_not_null())
    counted = episodes.filter(
        (pl.col("DECOM") <= ref)
        & (pl.col("DEC").is_null() | (pl.col("DEC") >= start))
        & ~((pl.col("RNE") == "L") & (pl.col("DECOM") >= start))
        & ~pl.col("PLACE").fill_null("").is_in(TEMPORARY_PLACEMENTS)
    )
    placements = counted.group_by(CHILD).len("_placements")
    rows = (
        looked_after_at(episodes, ref)
        .select(CHILD)
        .join(placements, on=CHILD, how="left")
        .select(pl.col(CHILD).alias(ID), (pl.col("_placements").fill_null(0) >= 3).alias(FLAG))
    )
    return ratio_row(ctx, "ssda903", rows)
