"""The dashboard's first screen (selectors over the dashboard's rows, no writes, no queries).

- **The Making Data Count summary matrix**: every measure placed by its variation (special
  cause concerning, common cause, special cause improving, special cause with no better
  direction) and its assurance (consistently failing, hit or miss, consistently passing, no
  target), as NHS England's *Making Data Count* summary tables read.
- **What changed since the last month**: measures whose latest month shows a special cause the
  month before did not, whose RAG rating changed, or that missed a target they met the month
  before.
- **Rows a unit never records**: a team or locality has no figure for some measures at all
  (contacts are recorded by the front door, care leavers by the leaving care service): those
  rows are folded away on its page, with one line saying which and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from csc_measures.spc import AssuranceIcon, VariationIcon

from .dashboard import MeasureRow, Section
from .rag import Rag

#: Columns of the matrix: the variation of the latest point.
VARIATIONS: tuple[tuple[str, str], ...] = (
    ("concern", "Special cause: concerning"),
    ("common", "Common cause"),
    ("improvement", "Special cause: improving"),
    ("neutral", "Special cause: no better direction"),
)
#: Rows of the matrix: will the process meet its target?
ASSURANCES: tuple[tuple[str, str], ...] = (
    ("fail", "Consistently failing the target"),
    ("hit_or_miss", "Hit or miss"),
    ("pass", "Consistently passing the target"),
    ("none", "No target to assure against"),
)

_VARIATION_KEY = {
    VariationIcon.COMMON_CAUSE: "common",
    VariationIcon.IMPROVEMENT_HIGH: "improvement",
    VariationIcon.IMPROVEMENT_LOW: "improvement",
    VariationIcon.CONCERN_HIGH: "concern",
    VariationIcon.CONCERN_LOW: "concern",
    VariationIcon.NEITHER_HIGH: "neutral",
    VariationIcon.NEITHER_LOW: "neutral",
}
_ASSURANCE_KEY = {
    AssuranceIcon.FAILING: "fail",
    AssuranceIcon.HIT_OR_MISS: "hit_or_miss",
    AssuranceIcon.PASSING: "pass",
}


@dataclass(frozen=True)
class MatrixRow:
    key: str
    label: str
    cells: tuple[tuple[MeasureRow, ...], ...]
    """One cell per column of :data:`VARIATIONS`, in that order."""


@dataclass(frozen=True)
class Matrix:
    columns: tuple[tuple[str, str], ...]
    rows: tuple[MatrixRow, ...]
    without_chart: tuple[MeasureRow, ...]
    """Measures with too little data for a chart (not placed)."""

    @property
    def placed(self) -> int:
        return sum(len(cell) for row in self.rows for cell in row.cells)


def matrix_place(row: MeasureRow) -> tuple[str, str] | None:
    """(assurance key, variation key) of a measure's latest point, or None without one."""
    if row.chart is None:
        return None
    summary = row.chart.summary
    if summary.variation is None:
        return None
    assurance = _ASSURANCE_KEY[summary.assurance] if summary.assurance is not None else "none"
    return assurance, _VARIATION_KEY[summary.variation]


def spc_matrix(rows: Iterable[MeasureRow]) -> Matrix:
    """Every measure with a chart placed in its variation × assurance cell."""
    cells: dict[tuple[str, str], list[MeasureRow]] = {}
    without = []
    for row in rows:
        place = matrix_place(row)
        if place is None:
            without.append(row)
            continue
        cells.setdefault(place, []).append(row)
    return Matrix(
        columns=VARIATIONS,
        rows=tuple(
            MatrixRow(
                key=a_key,
                label=a_label,
                cells=tuple(tuple(cells.get((a_key, v_key), ())) for v_key, _ in VARIATIONS),
            )
            for a_key, a_label in ASSURANCES
        ),
        without_chart=tuple(without),
    )


@dataclass(frozen=True)
class Change:
    row: MeasureRow
    kinds: tuple[str, ...]
    """``special_cause``, ``rag`` and/or ``missed_target``."""
    previous_rag: Rag
    text: str


def _special(point: object) -> bool:
    variation = getattr(point, "variation", None)
    return variation is not None and variation.special_cause


def changes_since_last_month(rows: Iterable[MeasureRow]) -> list[Change]:
    """Measures whose state changed between the previous month and the latest: a new special
    cause (the latest point shows one, the previous did not), a different RAG rating, or a
    target met last month and missed this month (red or amber). Worst first: missed targets,
    then new special causes, then other rating changes."""
    found = []
    for row in rows:
        if row.latest is None or row.previous is None:
            continue
        kinds = []
        words = []
        if row.chart is not None and len(row.chart.points) >= 2:
            last, before = row.chart.points[-1], row.chart.points[-2]
            if _special(last) and not _special(before):
                kinds.append("special_cause")
                words.append(f"new {last.variation.label.lower()}")  # type: ignore[union-attr]
        previous_rag = row.target.rate(row.previous.value)
        if previous_rag is not row.rag and Rag.GREY not in (previous_rag, row.rag):
            if previous_rag is Rag.GREEN:
                kinds.append("missed_target")
                words.append(f"missed the target it met in {row.previous.period}")
            kinds.append("rag")
            words.append(
                f"rating {previous_rag.value} in {row.previous.period}, {row.rag.value} now"
            )
        if kinds:
            text = "; ".join(words)
            found.append(
                Change(
                    row=row,
                    kinds=tuple(kinds),
                    previous_rag=previous_rag,
                    text=text[:1].upper() + text[1:],
                )
            )
    order = {"missed_target": 0, "special_cause": 1, "rag": 2}
    return sorted(found, key=lambda c: (min(order[k] for k in c.kinds), c.row.measure_id))


@dataclass(frozen=True)
class Folded:
    measure_ids: tuple[str, ...]
    reason: str


def never_recorded(sections: Sequence[Section]) -> list[str]:
    """IDs of the measures with no figure in any month for the unit shown."""
    return [row.measure_id for s in sections for row in s.rows if not row.series]


def recorded_sections(sections: Sequence[Section]) -> tuple[Section, ...]:
    """The sections with only the rows the unit records (empty sections left out)."""
    kept = []
    for section in sections:
        rows = tuple(row for row in section.rows if row.series)
        if rows:
            kept.append(Section(title=section.title, rows=rows))
    return tuple(kept)


def fold_reason(*, measure_ids: Sequence[str], recorded_by: dict[str, list[str]]) -> str:
    """Why a unit has no figures for these measures: which teams record them instead.

    ``recorded_by``: measure ID → the teams (anywhere in the authority) that have figures."""
    teams = sorted({team for m in measure_ids for team in recorded_by.get(m, [])})
    if not teams:
        return "no extract has recorded them yet"
    if len(teams) > 3:
        return f"they are recorded by {', '.join(teams[:3])} and {len(teams) - 3} other teams"
    if len(teams) == 1:
        return f"they are recorded by {teams[0]}"
    return f"they are recorded by {', '.join(teams[:-1])} and {teams[-1]}"
