"""Problems found in the input: row-level issues (returned) and fatal errors (raised)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # a rejected row or an impossible value: the figures are not trustworthy
    WARNING = "warning"  # reported and handled (duplicate dropped, unknown code kept as unknown)
    INFO = "info"  # for information only, nothing to decide (a column no measure uses)


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem in one place of the input.

    ``row`` is the row number as the user sees it in the file or sheet (the header's row for a
    problem with a column: row 1, unless title or note rows sit above the headers); ``None``
    when the problem concerns a whole list.
    """

    list_no: int | None
    row: int | None
    column: str | None
    value: str | None
    reason: str
    severity: Severity = Severity.ERROR

    def describe(self) -> str:
        """One line naming list, row, column and value."""
        parts = [f"List {self.list_no}" if self.list_no is not None else "Annex A"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        if self.value is not None:
            parts.append(f"value '{self.value}'")
        return f"{self.severity}: {', '.join(parts)}: {self.reason}"


class AnnexAError(Exception):
    """Fatal input problem (unreadable file, missing list…). ``problems`` lists every one."""

    def __init__(self, problems: Iterable[Issue]) -> None:
        self.problems: tuple[Issue, ...] = tuple(problems)
        #: list number → headers as written, for the lists read (when the file was read).
        self.headers: dict[int, tuple[str, ...]] = {}
        super().__init__("; ".join(p.describe() for p in self.problems) or "invalid Annex A")
