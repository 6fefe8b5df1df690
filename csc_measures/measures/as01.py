"""AS01 Assessments completed."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import ASSESS_AUTHORISED, CHILD_ID
from csc_measures.shapes import Context, event_count


@measure(
    id="AS01",
    title="Assessments completed",
    kind="count",
    polarity="·",
    basis="event",
    definition="List 4 rows by `Continuous Assessment Date of Authorisation`",
    uses={4: (CHILD_ID, ASSESS_AUTHORISED)},
)
def as01(ctx: Context) -> pl.DataFrame:
    """Number of assessments completed (authorised) in the month: List 4 rows whose
    `Continuous Assessment Date of Authorisation` falls in the month.
    """
    return event_count(ctx, 4, ASSESS_AUTHORISED)
