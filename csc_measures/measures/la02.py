"""LA02 Children who started to be looked after."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, LA_START
from csc_measures.shapes import Context, event_count


@measure(
    id="LA02",
    title="Children who started to be looked after",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 8 rows by start date",
    uses={8: (CHILD_ID, LA_START)},
)
def la02(ctx: Context) -> pl.DataFrame:
    """Number of periods of care that started in the month: List 8 rows whose `Date Started to
    be Looked After` falls in the month.
    """
    return event_count(ctx, 8, LA_START)
