"""DL09 Care leavers aged 19-21 in touch (SSDA903 OC3, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.looked_after import leavers
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, ratio_row


@return_measure(
    id="DL09",
    title="Care leavers aged 19-21 in touch (DfE)",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = OC3 care leavers whose 19th to 21th birthday fell in the year; "
        "N = those whose status says the authority was in touch with them (`IN_TOUCH` "
        "YES)"
    ),
    source="ssda903",
    uses={"oc3": ("CHILD", "DOB", "IN_TOUCH")},
    default_target=95,
    dfe_benchmark=None,
)
def dl09(ctx: ReturnContext) -> pl.DataFrame:
    """The OC3 table holds the care leavers whose 17th to 21st birthday fell in the year, with
    their status around that birthday; those aged 19 to 21 at 31 March (from `DOB`) are the
    cohort. The numerator is those whose status says the authority was in touch with them
    (`IN_TOUCH` YES). As the DfE counts, the denominator keeps those the authority was not in
    touch with or had no information on (they are not in the numerator).
    """
    _, ref = ctx.year("ssda903")
    rows = leavers(ctx.table("ssda903", "oc3"), ref, (19, 21)).select(
        pl.col("CHILD").alias(ID), (pl.col("IN_TOUCH") == "YES").alias(FLAG)
    )
    return ratio_row(ctx, "ssda903", rows)
