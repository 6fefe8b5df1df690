"""Working days in England (Monday to Friday, bank holidays of England and Wales excluded)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

import holidays


class WorkingDays:
    """Working days between two dates, as ordinals, with arithmetic in working days.

    Dates are handled as ``date.toordinal()`` integers on the hot path. Arithmetic that runs
    past the last known working day continues at five working days a week, which is only used
    for events after the extract date (they are blanked on output).
    """

    __slots__ = ("days", "first", "last")

    def __init__(self, first: date, last: date) -> None:
        bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first.year, last.year + 1))
        closed = {d.toordinal() for d in bank}
        self.first = first.toordinal()
        self.last = last.toordinal()
        self.days: list[int] = [
            o
            for o in range(self.first, self.last + 1)
            if o % 7 not in (6, 0) and o not in closed  # ordinal % 7: 6 Saturday, 0 Sunday
        ]

    def on_or_after(self, day: int) -> int:
        """The first working day on or after ``day``."""
        i = bisect_left(self.days, day)
        if i < len(self.days):
            return self.days[i]
        return day

    def on_or_before(self, day: int) -> int:
        """The last working day on or before ``day``."""
        i = bisect_right(self.days, day) - 1
        return self.days[max(i, 0)]

    def add(self, day: int, n: int) -> int:
        """The working day ``n`` working days after (or before, if negative) ``day``.

        ``day`` is first moved to the next working day when it is not one.
        """
        i = bisect_left(self.days, day) + n
        if i < 0:
            return self.days[0] - 1
        if i < len(self.days):
            return self.days[i]
        extra = i - len(self.days) + 1
        return self.days[-1] + (extra // 5) * 7 + extra % 5

    def between(self, start: int, end: int) -> int:
        """wd(start, end): the number of working days d with start < d <= end."""
        return bisect_right(self.days, end) - bisect_right(self.days, start)
