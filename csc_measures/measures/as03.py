"""AS03 Assessments ending with no social care support."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import ASSESS_AUTHORISED, ASSESS_SUPPORT, CHILD_ID
from csc_measures.shapes import Context, event_ratio


@measure(
    id="AS03",
    title="Assessments ending with no social care support",
    kind="ratio",
    polarity="·",
    basis="event",
    definition=(
        "D = AS01 in month; N = `Was the child assessed as requiring LA children's social care "
        "support?` is No"
    ),
    uses={4: (CHILD_ID, ASSESS_AUTHORISED, ASSESS_SUPPORT)},
)
def as03(ctx: Context) -> pl.DataFrame:
    """Percentage of the assessments completed in the month (AS01) where the child was assessed
    as not requiring LA children's social care support (the answer is No/N in any case). A
    blank or unrecognised answer stays in the denominator and does not count as No.
    """
    return event_ratio(ctx, 4, ASSESS_AUTHORISED, numerator=~pl.col(ASSESS_SUPPORT))
