"""DL11 Care leavers aged 19-21 in education, employment or training (SSDA903 OC3, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.looked_after import EET, leavers
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, ratio_row


@return_measure(
    id="DL11",
    title="Care leavers aged 19-21 in education, employment or training (DfE)",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = OC3 care leavers whose 19th to 21th birthday fell in the year; "
        "N = those whose status says they were in education, employment or training "
        "(`ACTIV` F1, P1, F2, P2, F4, P4, F5, P5)"
    ),
    source="ssda903",
    uses={"oc3": ("CHILD", "DOB", "ACTIV")},
    default_target=60,
    dfe_benchmark="DL11",
)
def dl11(ctx: ReturnContext) -> pl.DataFrame:
    """The OC3 table holds the care leavers whose 17th to 21st birthday fell in the year, with
    their status around that birthday; those aged 19 to 21 at 31 March (from `DOB`) are the
    cohort. The numerator is those whose status says they were in education, employment or
    training (`ACTIV` F1, P1, F2, P2, F4, P4, F5, P5). As the DfE counts, the denominator keeps
    those the authority was not in touch with or had no information on (they are not in the
    numerator).
    """
    _, ref = ctx.year("ssda903")
    rows = leavers(ctx.table("ssda903", "oc3"), ref, (19, 21)).select(
        pl.col("CHILD").alias(ID), (pl.col("ACTIV").is_in(EET)).alias(FLAG)
    )
    return ratio_row(ctx, "ssda903", rows)
