"""DL04 Dental checks up to date for children looked after 12 months or more (SSDA903 OC2, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, ratio_row


@return_measure(
    id="DL04",
    title="Dental checks up to date: children looked after 12 months or more (DfE)",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = children looked after continuously for 12 months or more at 31 March (OC2); "
        "N = those whose dental check was up to date (`TEETH_CHECK` = 1)"
    ),
    source="ssda903",
    uses={"oc2": ("CHILD", "TEETH_CHECK")},
    default_target=85,
)
def dl04(ctx: ReturnContext) -> pl.DataFrame:
    """The OC2 table holds one row for every child looked after continuously for 12 months or
    more at 31 March (the DfE's cohort for outcomes). The numerator is those whose `TEETH_CHECK` is
    1 (their dental check was up to date); 0 and blank are not. The DfE publishes the same
    percentage in *Outcomes for children looked after*.
    """
    rows = ctx.table("ssda903", "oc2").select(
        pl.col("CHILD").alias(ID),
        (pl.col("TEETH_CHECK") == True).alias(FLAG),  # noqa: E712
    )
    return ratio_row(ctx, "ssda903", rows)
