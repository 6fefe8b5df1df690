"""Which months an extract covers: the months whose figures it may report as whole.

An extract covers the window from its period start (declared, or the default 12-month
look-back, :func:`csc_measures.dates.default_period_start`) to its as-of date. A month is
covered when the window holds its first day; every month after that up to the as-of month is
covered. The as-of month itself counts as covered up to the as-of date (the engine reports it
as a month to date, as it always has). A month whose first day is before the window starts,
such as February 2024 for a window starting on 29 February 2024, is **not** covered: the
extract saw only part of it, and its figure must not replace a whole month from another
extract.

Each list has its own window (:func:`list_coverage`): by default the extract's, or from a
start declared for the list when it was exported over a shorter period. A measure's figure
for a month is kept only when every list it reads covers that month (:func:`measure_covers`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from csc_measures.dates import add_months, default_period_start, month_label, month_start
from csc_measures.ingest.annex import AnnexA
from csc_measures.issues import Issue, Severity
from csc_measures.registry import REGISTRY
from csc_measures.schema import LISTS


@dataclass(frozen=True)
class Coverage:
    """An extract's window and the months it covers (``first_month`` to ``last_month``,
    as ``YYYY-MM``; both None when it covers no whole month)."""

    window_start: dt.date
    window_end: dt.date
    first_month: str | None
    last_month: str | None

    @property
    def first_month_start(self) -> dt.date | None:
        """The first day of the first covered month."""
        if self.first_month is None:
            return None
        return dt.date(int(self.first_month[:4]), int(self.first_month[5:]), 1)

    def covers(self, period: str) -> bool:
        """Whether the month ``YYYY-MM`` is covered."""
        if self.first_month is None or self.last_month is None:
            return False
        return self.first_month <= period <= self.last_month


def coverage(*, as_of: dt.date, period_start: dt.date | None = None) -> Coverage:
    """The coverage of an extract taken on ``as_of`` covering from ``period_start``."""
    start = default_period_start(as_of) if period_start is None else period_start
    first = start if start.day == 1 else add_months(month_start(start), 1)
    if first > as_of:
        return Coverage(start, as_of, None, None)
    return Coverage(start, as_of, month_label(first), month_label(as_of))


#: The event each list records by date: an extract covering a month has some in it.
_EVENTS = ((1, "Date of Contact"), (3, "Date of Referral"))


def window_issues(annex: AnnexA) -> list[Issue]:
    """Warn when the lists start well after the window they are read as covering: no contact
    and no referral in its first whole month means the extract probably covers less (a
    one-month extract read with the 12-month look-back), and months it never saw would be
    stored as having none."""
    window = coverage(as_of=annex.as_of, period_start=annex.period_start)
    if window.first_month is None:
        return []
    earliest: list[tuple[int, str, dt.date]] = []
    for list_no, column in _EVENTS:
        frame = annex.lists.get(list_no)
        if frame is None or column not in frame.columns:
            return []
        first = frame[column].min()
        if not isinstance(first, dt.date) or month_label(first) <= window.first_month:
            return []  # events in the first month: the window looks right
        earliest.append((list_no, column, first))
    return [
        Issue(
            list_no,
            None,
            column,
            first.strftime("%d/%m/%Y"),
            f"the earliest {column} is {first:%d/%m/%Y}, but the extract is read as covering "
            f"from {window.window_start:%d/%m/%Y}: months before {first:%B %Y} would be "
            "stored with none. If the lists cover less, abandon this upload and upload it "
            "again with the first day they cover.",
            Severity.WARNING,
        )
        for list_no, column, first in earliest
    ]


def list_coverage(
    *,
    as_of: dt.date,
    period_start: dt.date | None = None,
    list_starts: Mapping[int, dt.date] | None = None,
) -> dict[int, Coverage]:
    """Each list's window. Ofsted asks for different look-backs per list, and a council may
    export some lists over a shorter period: a list's declared start (``list_starts``) gives
    its window; the others share the extract's (``period_start`` or the default look-back).
    A list's start before the extract's period start is the extract's."""
    extract = coverage(as_of=as_of, period_start=period_start)
    windows: dict[int, Coverage] = {}
    for number in LISTS:
        start = (list_starts or {}).get(number)
        windows[number] = (
            extract
            if start is None or start <= extract.window_start
            else coverage(as_of=as_of, period_start=start)
        )
    return windows


def measure_lists(measure_id: str) -> tuple[int, ...]:
    """The lists a measure reads (``FD06:<source>`` reads those of FD06); none when unknown."""
    spec = REGISTRY.get(measure_id.split(":", 1)[0])
    return tuple(sorted(spec.uses)) if spec is not None else ()


def measure_covers(windows: Mapping[int, Coverage], measure_id: str, period: str) -> bool:
    """Whether every list the measure reads covers the month ``YYYY-MM`` whole: a figure
    from a list seen for only part of a month, or not at all, is not kept."""
    lists = measure_lists(measure_id) or tuple(windows)
    return all(windows[n].covers(period) for n in lists if n in windows)
