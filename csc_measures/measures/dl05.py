"""DL05 Strengths and Difficulties Questionnaire completed (SSDA903 OC2, DfE)."""

from __future__ import annotations

import polars as pl

from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, age_at, ratio_row


@return_measure(
    id="DL05",
    title="SDQ score recorded: children aged 4-16 looked after 12 months or more (DfE)",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition=(
        "D = OC2 children aged 4 to 16 at 31 March; N = those with a Strengths and "
        "Difficulties Questionnaire score (`SDQ_SCORE`)"
    ),
    source="ssda903",
    uses={"oc2": ("CHILD", "DOB", "SDQ_SCORE")},
    default_target=80,
)
def dl05(ctx: ReturnContext) -> pl.DataFrame:
    """Of the OC2 children (looked after continuously for 12 months or more at 31 March) aged 4
    to 16 at 31 March (from `DOB`), the percentage with a `SDQ_SCORE`, as the DfE reports the
    SDQ return rate. A child without a date of birth cannot be placed in the age band and is
    left out.
    """
    _, ref = ctx.year("ssda903")
    rows = (
        ctx.table("ssda903", "oc2")
        .filter(age_at(pl.col("DOB"), ref).is_between(4, 16))
        .select(pl.col("CHILD").alias(ID), pl.col("SDQ_SCORE").is_not_null().alias(FLAG))
    )
    return ratio_row(ctx, "ssda903", rows)
