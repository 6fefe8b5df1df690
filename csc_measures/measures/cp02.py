"""CP02 ICPCs held."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, ICPC_DATE
from csc_measures.shapes import Context, event_count


@measure(
    id="CP02",
    title="ICPCs held",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 5 rows by `Date of Initial Child Protection Conference`",
    uses={5: (CHILD_ID, ICPC_DATE)},
)
def cp02(ctx: Context) -> pl.DataFrame:
    """Number of initial child protection conferences held in the month: List 5 rows whose
    `Date of Initial Child Protection Conference` falls in the month.
    """
    return event_count(ctx, 5, ICPC_DATE)
