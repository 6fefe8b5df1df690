"""The one small-number rule: which counts may be shown to an audience that must not see
small numbers (elected members, the public, the DfE), and how a hidden one is written.

Every output that such an audience can reach (pages, exports, the API, packs and reports)
asks this module; nothing else writes the rule. Who must not see small numbers is decided by
the permission layer (``sightline.core.permissions``); this module only says what is small and
how it reads once hidden. Following ONS and DfE practice, counts from 1 to ``threshold - 1``
are withheld; 0 is shown (an empty cell discloses nothing about a child).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Counts below this (and above 0) are withheld: 1 to 4 by default (the DfE's threshold).
DEFAULT_THRESHOLD: Final = 5
#: How a withheld count is written in spreadsheets and tables (the ONS / DfE convention).
MARK: Final = "[c]"
#: What a withheld figure reads as on a page.
TEXT: Final = "Fewer than 5 (suppressed)"
#: The footnote beside any output with a withheld cell.
NOTE: Final = "[c] = a count from 1 to 4, withheld to protect children's privacy."


@dataclass(frozen=True)
class Policy:
    """The rule for one audience: ``suppress`` says whether small counts are withheld."""

    suppress: bool
    threshold: int = DEFAULT_THRESHOLD

    def is_small(self, count: int | None) -> bool:
        """Whether ``count`` is a small number (1 to threshold - 1), whoever is reading."""
        return count is not None and 1 <= count < self.threshold

    def hides(self, *counts: int | None) -> bool:
        """Whether a figure built on these counts is withheld from this audience."""
        return self.suppress and any(self.is_small(c) for c in counts)

    def count(self, count: int | None) -> int | None:
        """The count as this audience may see it (``None`` when withheld)."""
        return None if self.hides(count) else count

    def cell(self, count: int | None) -> int | str | None:
        """The count for a table or spreadsheet cell: the number, or ``MARK`` when withheld."""
        return MARK if self.hides(count) else count


#: No suppression: for those who may see every child's record in the unit.
OPEN: Final = Policy(suppress=False)
#: Small counts withheld: for those who must not see them.
SUPPRESSED: Final = Policy(suppress=True)


def policy(*, suppress: bool) -> Policy:
    """The policy for an audience that does (or does not) have small counts withheld."""
    return SUPPRESSED if suppress else OPEN


def is_small(count: int | None) -> bool:
    """Whether ``count`` is a small number under the default threshold."""
    return SUPPRESSED.is_small(count)
