"""AS02 Assessments completed within 45 working days."""

from __future__ import annotations

import polars as pl

from csc_measures.dates import wd_expr
from csc_measures.registry import measure
from csc_measures.schema import ASSESS_AUTHORISED, ASSESS_START, CHILD_ID
from csc_measures.shapes import Context, event_ratio


@measure(
    id="AS02",
    title="Assessments completed within 45 working days",
    kind="ratio",
    polarity="↑",
    basis="event",
    definition="D = AS01 in month; N = `wd(start, authorisation) ≤ 45`",
    uses={4: (CHILD_ID, ASSESS_START, ASSESS_AUTHORISED)},
    default_target=85,
)
def as02(ctx: Context) -> pl.DataFrame:
    """Percentage of the assessments completed in the month (AS01) that were authorised within
    45 working days of their start: `wd(Continuous Assessment Start Date, Continuous Assessment
    Date of Authorisation) ≤ 45`, where wd counts the working days after the start up to and
    including the authorisation (Monday to Friday, England and Wales bank holidays excluded).
    """
    within = wd_expr(pl.col(ASSESS_START), pl.col(ASSESS_AUTHORISED)) <= 45
    return event_ratio(ctx, 4, ASSESS_AUTHORISED, numerator=within)
