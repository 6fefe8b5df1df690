"""WF03 Workers holding 22 or fewer children."""

from __future__ import annotations

import polars as pl

from csc_measures.registry import measure
from csc_measures.schema import CHILD_ID, CIN_CLOSED, CIN_START, WORKER
from csc_measures.shapes import Context, worker_caseload_ratio


@measure(
    id="WF03",
    title="Workers holding 22 or fewer children",
    kind="ratio",
    polarity="↑",
    basis="snapshot",
    definition="as WF02 with ≤ 22",
    uses={6: (CHILD_ID, CIN_START, CIN_CLOSED, WORKER)},
    default_target=95,
    numerator_ids="worker",
    denominator_ids="worker",
)
def wf03(ctx: Context) -> pl.DataFrame:
    """At the as-of date (as-of month only): of the distinct workers (`Allocated Worker`, as
    written, trimmed) holding at least one child with a List 6 episode open that day, the
    percentage holding 22 or fewer distinct children. A worker's caseload counts every child
    they hold across the authority; per team, the worker is counted in each team where they
    hold an open child, with that whole caseload. Numerator and denominator list workers.
    """
    return worker_caseload_ratio(ctx, limit=22)
