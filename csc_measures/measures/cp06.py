"""CP06 CP plans started."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CP_START
from csc_measures.shapes import Context, event_count


@measure(
    id="CP06",
    title="CP plans started",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 7 rows by plan start date",
    uses={7: (CHILD_ID, CP_START)},
)
def cp06(ctx: Context) -> pl.DataFrame:
    """Number of child protection plans started in the month: List 7 rows whose `Child
    Protection Plan Start Date` falls in the month.
    """
    return event_count(ctx, 7, CP_START)
