"""DC02 Assessments completed within 45 working days (CIN census, DfE definition)."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import wd_expr
from csc_measures.returns.registry import return_measure
from csc_measures.returns.shapes import FLAG, ID, ReturnContext, in_year, ratio_row

CHILD, START, DONE = "LAchildID", "AssessmentActualStartDate", "AssessmentAuthorisationDate"


@return_measure(
    id="DC02",
    title="Assessments completed within 45 working days (DfE)",
    kind="ratio",
    polarity="↑",
    basis="event",
    definition=(
        "D = assessments authorised in the census year; N = those authorised within 45 working "
        "days of their start"
    ),
    source="cin",
    uses={"assessments": (CHILD, START, DONE)},
    default_target=90,
    dfe_benchmark="AS02",
)
def dc02(ctx: ReturnContext) -> pl.DataFrame:
    """Assessments whose `AssessmentAuthorisationDate` (the date the assessment was completed)
    falls in the census year; the numerator is those completed within 45 working days of
    `AssessmentActualStartDate`: wd(start, authorisation) ≤ 45, counting Monday to Friday
    except bank holidays in England, the start day not counted. An assessment without a start
    date is in the denominator and not in the numerator.
    """
    start, end = ctx.year("cin")
    rows = (
        ctx.table("cin", "assessments")
        .filter(in_year(DONE, start, end))
        .select(pl.col(CHILD).alias(ID), (wd_expr(pl.col(START), pl.col(DONE)) <= 45).alias(FLAG))
    )
    return ratio_row(ctx, "cin", rows)
