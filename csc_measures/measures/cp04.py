"""CP04 ICPCs resulting in a child protection plan."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, ICPC_DATE, ICPC_PLAN
from csc_measures.shapes import Context, event_ratio


@measure(
    id="CP04",
    title="ICPCs resulting in a child protection plan",
    kind="ratio",
    polarity="·",
    basis="event",
    definition=(
        "D = CP02 in month; N = `Did the Initial Child Protection Conference Result in a Child "
        "Protection Plan` is Yes"
    ),
    uses={5: (CHILD_ID, ICPC_DATE, ICPC_PLAN)},
)
def cp04(ctx: Context) -> pl.DataFrame:
    """Percentage of the ICPCs held in the month (CP02) that resulted in a child protection
    plan (the answer is Yes). A blank or unrecognised answer stays in the denominator.
    """
    return event_ratio(ctx, 5, ICPC_DATE, numerator=pl.col(ICPC_PLAN))
