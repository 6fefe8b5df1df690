"""DL07 Care leavers aged 17-18 in suitable accommodation (SSDA903 OC3, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.looked_after import leavers, suitable
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, ratio_row


@return_measure(
    id="DL07",
    title="Care leavers aged 17-18 in suitable accommodation (DfE)",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = OC3 care leavers whose 17th to 18th birthday fell in the year; "
        "N = those whose status says their accommodation was suitable (`ACCOM` code "
        "ending in 1)"
    ),
    source="ssda903",
    uses={"oc3": ("CHILD", "DOB", "ACCOM")},
    default_target=90,
    dfe_benchmark="DL07",
)
def dl07(ctx: ReturnContext) -> pl.DataFrame:
    """The OC3 table holds the care leavers whose 17th to 21st birthday fell in the year, with
    their status around that birthday; those aged 17 to 18 at 31 March (from `DOB`) are the
    cohort. The numerator is those whose status says their accommodation was suitable (`ACCOM`
    code ending in 1). As the DfE counts, the denominator keeps those the authority was not in
    touch with or had no information on (they are not in the numerator).
    """
    _, ref = ctx.year("ssda903")
    rows = leavers(ctx.table("ssda903", "oc3"), ref, (17, 18)).select(
        pl.col("CHILD").alias(ID), (suitable(pl.col("ACCOM"))).alias(FLAG)
    )
    return ratio_row(ctx, "ssda903", rows)
