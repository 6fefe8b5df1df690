"""AS05 Child seen during assessment."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import ASSESS_AUTHORISED, ASSESS_SEEN, CHILD_ID
from csc_measures.shapes import Context, event_ratio


@measure(
    id="AS05",
    title="Child seen during assessment",
    kind="ratio",
    polarity="↑",
    basis="event",
    definition="D = AS01 in month; N = `Child Seen During Continuous Assessment` is Yes",
    uses={4: (CHILD_ID, ASSESS_AUTHORISED, ASSESS_SEEN)},
    default_target=100,
)
def as05(ctx: Context) -> pl.DataFrame:
    """Percentage of the assessments completed in the month (AS01) during which the child was
    seen (`Child Seen During Continuous Assessment` is Yes). A blank or unrecognised answer
    stays in the denominator and does not count as seen.
    """
    return event_ratio(ctx, 4, ASSESS_AUTHORISED, numerator=pl.col(ASSESS_SEEN))
