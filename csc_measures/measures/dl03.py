"""DL03 Health checks up to date for children looked after 12 months or more (SSDA903 OC2, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, ratio_row


@return_measure(
    id="DL03",
    title="Health checks up to date: children looked after 12 months or more (DfE)",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = children looked after continuously for 12 months or more at 31 March (OC2); "
        "N = those whose health assessment was up to date (`HEALTH_CHECK` = 1)"
    ),
    source="ssda903",
    uses={"oc2": ("CHILD", "HEALTH_CHECK")},
    default_target=90,
)
def dl03(ctx: ReturnContext) -> pl.DataFrame:
    """The OC2 table holds one row for every child looked after continuously for 12 months or
    more at 31 March (the DfE's cohort for outcomes). The numerator is those whose `HEALTH_CHECK` is
    1 (their health assessment was up to date); 0 and blank are not. The DfE publishes the same
    percentage in *Outcomes for children looked after*.
    """
    rows = ctx.table("ssda903", "oc2").select(
        pl.col("CHILD").alias(ID),
        (pl.col("HEALTH_CHECK") == True).alias(FLAG),  # noqa: E712
    )
    return ratio_row(ctx, "ssda903", rows)
