"""The loaded Annex A: typed lists, issues, extract date and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import polars as pl

from csc_measures.dates import CALENDAR_END, CALENDAR_START, default_period_start
from csc_measures.ingest.normalise import ROW, normalise_list
from csc_measures.ingest.readers import RawList, read_annex_a
from csc_measures.issues import AnnexAError, Issue, Severity
from csc_measures.mapping import ColumnMap, resolve_mapping
from csc_measures.schema import DUPLICATE_MARK, LISTS


@dataclass(frozen=True)
class AnnexA:
    """Typed Annex A lists (polars DataFrames keyed by list number 1-11), with the issues
    found while reading them. Each table keeps ``_row``, the row number in the source file."""

    lists: Mapping[int, pl.DataFrame]
    issues: Sequence[Issue]
    as_of: dt.date
    period_start: dt.date
    sources: Mapping[int, str] = field(default_factory=dict)
    #: Each list's headers as the file writes them (what a column mapping can fix).
    headers: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    def table(self, list_no: int) -> pl.DataFrame:
        return self.lists[list_no]

    def has_list(self, list_no: int) -> bool:
        return list_no in self.lists

    def has_column(self, list_no: int, column: str) -> bool:
        return list_no in self.lists and column in self.lists[list_no].columns

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]


def _check_period(as_of: dt.date, period_start: dt.date | None) -> dt.date:
    start = default_period_start(as_of) if period_start is None else period_start
    for name, day in (("as-of", as_of), ("period start", start)):
        if not CALENDAR_START <= day <= CALENDAR_END:
            raise AnnexAError(
                [
                    Issue(
                        None,
                        None,
                        name,
                        day.isoformat(),
                        f"outside the working-day calendar ({CALENDAR_START.year}-"
                        f"{CALENDAR_END.year})",
                    )
                ]
            )
    if start > as_of:
        raise AnnexAError(
            [
                Issue(
                    None,
                    None,
                    "period start",
                    start.isoformat(),
                    f"period start is after the extract date {as_of.isoformat()}",
                )
            ]
        )
    return start


def load_annex_a(
    path: str | Path,
    *,
    as_of: dt.date,
    period_start: dt.date | None = None,
    mapping: ColumnMap | None = None,
) -> AnnexA:
    """Read, check and type an Annex A workbook (.xlsx) or a folder of per-list CSV files.

    Row problems are returned in ``AnnexA.issues``; an unreadable file, a missing list (1-9) or
    a list without its identifier column raises :class:`AnnexAError` with every problem found
    (its ``headers`` then holds the headers of the lists read). ``mapping`` is the council's
    own headers (:mod:`csc_measures.mapping`), applied before the templates' headers.
    """
    start = _check_period(as_of, period_start)
    mapped = resolve_mapping(mapping)

    def normalise(raw: RawList) -> tuple[pl.DataFrame, list[Issue]] | AnnexAError:
        try:
            return normalise_list(
                raw.frame,
                LISTS[raw.list_no],
                as_of=as_of,
                spreadsheet=raw.from_spreadsheet,
                source=raw.source,
                may_have_nbsp=raw.may_have_nbsp,
                header_row=raw.header_row,
                mapping=mapped.get(raw.list_no),
            )
        except AnnexAError as exc:
            return exc

    # Each list is checked in the thread that read it, as soon as it is read, while other
    # threads read the rest.
    raw_lists, problems = read_annex_a(
        Path(path),
        then=normalise,
        keep_text=False,
        extra_headers={n: tuple(keys) for n, keys in mapped.items()},
    )
    headers = {n: _written(raw.frame.columns) for n, raw in raw_lists.items()}
    lists: dict[int, pl.DataFrame] = {}
    issues: list[Issue] = []
    for number, raw in sorted(raw_lists.items()):
        outcome = cast("tuple[pl.DataFrame, list[Issue]] | AnnexAError", raw.prepared)
        if isinstance(outcome, AnnexAError):
            problems.extend(outcome.problems)
            continue
        lists[number], list_issues = outcome
        issues.extend(list_issues)
    if problems:
        error = AnnexAError(problems)
        error.headers = headers
        raise error
    return AnnexA(
        lists=lists,
        issues=tuple(issues),
        as_of=as_of,
        period_start=start,
        sources={n: raw.source for n, raw in raw_lists.items()},
        headers=headers,
    )


def _written(columns: Sequence[str]) -> tuple[str, ...]:
    """Headers as the file writes them: no blank ones, no mark keeping repeats apart."""
    return tuple(c.replace(DUPLICATE_MARK, "") for c in columns if not c.startswith("__UNNAMED__"))


def annex_from_frames(
    frames: Mapping[int, pl.DataFrame | Mapping[str, Sequence[object]]],
    *,
    as_of: dt.date,
    period_start: dt.date | None = None,
) -> AnnexA:
    """Build an :class:`AnnexA` from in-memory lists (text columns as they would be read from
    a CSV file), running the same checks. Lists not given are absent: measures that need them
    are not computable. Useful in notebooks and tests."""
    start = _check_period(as_of, period_start)
    lists: dict[int, pl.DataFrame] = {}
    issues: list[Issue] = []
    for number, data in sorted(frames.items()):
        raw = data if isinstance(data, pl.DataFrame) else pl.DataFrame(dict(data))
        raw = raw.with_columns(
            [
                pl.col(c).cast(pl.String)
                if raw.schema[c] != pl.Date
                else pl.col(c).dt.strftime("%Y-%m-%d")
                for c in raw.columns
            ]
        )
        frame, list_issues = normalise_list(raw, LISTS[number], as_of=as_of, spreadsheet=False)
        lists[number] = frame
        issues.extend(list_issues)
    return AnnexA(lists=lists, issues=tuple(issues), as_of=as_of, period_start=start)


__all__ = ["ROW", "AnnexA", "annex_from_frames", "load_annex_a"]
