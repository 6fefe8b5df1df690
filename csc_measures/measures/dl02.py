"""DL02 Long-term placement stability (SSDA903, DfE definition)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.looked_after import (
    ADOPTION_PLACEMENTS,
    CHILD,
    history,
    looked_after_at,
)
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, age_at, ratio_row


@return_measure(
    id="DL02",
    title="Long-term placement stability (DfE)",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = children under 16 at 31 March looked after continuously for 2.5 years or more; "
        "N = those in the same placement for 2 years or more (or placed for adoption, with "
        "their placement before it, for 2 years or more)"
    ),
    source="ssda903",
    uses={"episodes": (CHILD, "DECOM", "DEC", "RNE", "LS", "PLACE"), "header": (CHILD, "DOB")},
    default_target=70,
    dfe_benchmark="LA05",
)
def dl02(ctx: ReturnContext) -> pl.DataFrame:
    """At the year's end R (31 March): children looked after at R (short breaks excluded),
    aged under 16 (`DOB` in the header), whose current period of care started 30 months or
    more before R (the latest episode with `RNE` S; when the returns hold none for the child,
    its first episode, so a period that started before it counts from that episode: give the
    earlier years' returns too, `--ssda903-previous`, to match the DfE, who join earlier
    years). The numerator is those
    whose current placement (the latest episode not opened by a change of legal status alone)
    started 2 years or more before R; a child placed for adoption (A3-A6) counts from the start
    of the placement before, as the DfE counts a child adopted by their carers.
    """
    _, ref = ctx.year("ssda903")
    episodes = ctx.table("ssda903", "episodes").filter(pl.col("DECOM").is_not_null())
    born = ctx.table("ssda903", "header").select(CHILD, "DOB").unique(CHILD)
    two_years = pl.lit(ref).dt.offset_by("-2y")
    placement = (
        pl.when(pl.col("_place").is_in(ADOPTION_PLACEMENTS))
        .then(pl.coalesce("_previous_placement_start", "_placement_start"))
        .otherwise(pl.col("_placement_start"))
    )
    rows = (
        looked_after_at(episodes, ref)
        .select(CHILD)
        .join(history(episodes, ref), on=CHILD)
        .join(born, on=CHILD, how="left")
        .filter(
            (age_at(pl.col("DOB"), ref) < 16)
            & (pl.col("_period_start") <= pl.lit(ref).dt.offset_by("-30mo"))
        )
        .select(pl.col(CHILD).alias(ID), (placement <= two_years).alias(FLAG))
    )
    return ratio_row(ctx, "ssda903", rows)
