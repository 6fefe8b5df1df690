"""LA03 Children who ceased to be looked after."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, LA_CEASED
from csc_measures.shapes import Context, event_count


@measure(
    id="LA03",
    title="Children who ceased to be looked after",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 8 rows by ceased date",
    uses={8: (CHILD_ID, LA_CEASED)},
)
def la03(ctx: Context) -> pl.DataFrame:
    """Number of periods of care that ended in the month: List 8 rows whose `Date Ceased to be
    Looked After` falls in the month.
    """
    return event_count(ctx, 8, LA_CEASED)
