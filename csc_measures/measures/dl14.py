"""DL14 Adoption timeliness: days from entering care to moving in with the adoptive family."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.looked_after import ADOPTION_PLACEMENTS, CHILD
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import ID, ReturnContext, average_row, in_year

ADOPTED = ("E11", "E12")


@return_measure(
    id="DL14",
    title="Average days from entering care to moving in with the adoptive family (DfE A1)",
    kind="average",
    unit="days",
    polarity="↓",
    basis="event",
    definition=(
        "children adopted in the year: mean days from the start of their period of care to "
        "moving in with their adoptive family"
    ),
    source="ssda903",
    uses={"episodes": (CHILD, "DECOM", "DEC", "RNE", "PLACE", "REC")},
    default_target=426,
)
def dl14(ctx: ReturnContext) -> pl.DataFrame:
    """Children whose episode ended in the year with `REC` E11 or E12 (adopted). For each:
    the days from the start of the period of care that ended in adoption (the latest episode
    with `RNE` S on or before the adoption, earlier years' returns included when given; else the
    first episode held)
    to the day they moved in with the adoptive family (the `DECOM` of the first placement for
    adoption, A3-A6, in that period; adopted by their foster carers (A3, A4 directly after a
    foster placement with the same carers) counts from that placement for adoption too, which
    can be later than the DfE, who count from the foster placement). Numerator = the total
    days, denominator = the children, value = the mean (the DfE's indicator A1; its published
    three-year average is not in `data/dfe/`).
    """
    start, ref = ctx.year("ssda903")
    episodes = ctx.table("ssda903", "episodes").filter(pl.col("DECOM").is_not_null())
    adopted = (
        episodes.filter(pl.col("REC").is_in(ADOPTED) & in_year("DEC", start, ref))
        .group_by(CHILD)
        .agg(pl.col("DEC").max().alias("_adopted"))
    )
    history = (
        episodes.join(adopted, on=CHILD)
        .filter(pl.col("DECOM") <= pl.col("_adopted"))
        .sort(CHILD, "DECOM")
        .group_by(CHILD, maintain_order=True)
        .agg(
            pl.coalesce(
                pl.col("DECOM").filter(pl.col("RNE") == "S").last(), pl.col("DECOM").first()
            ).alias("_entered"),
            pl.col("DECOM").filter(pl.col("PLACE").is_in(ADOPTION_PLACEMENTS)).alias("_placed"),
        )
    )
    rows = (
        history.explode("_placed")
        .filter(pl.col("_placed") >= pl.col("_entered"))
        .group_by(CHILD, maintain_order=True)
        .agg(pl.col("_entered").first(), pl.col("_placed").min())
        .select(
            pl.col(CHILD).alias(ID),
            (pl.col("_placed") - pl.col("_entered")).dt.total_days().alias("_days"),
        )
    )
    return average_row(ctx, "ssda903", rows, "_days")
