"""Selectors for the children behind a figure (the drill-down).

The IDs come from the Parquet file each import keeps beside its figures; the rows that explain
why each child was counted come from the normalised lists kept with it. The figure of a month
comes from the figure store (the latest imported extract that covers it, as on the dashboard),
per team.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from csc_measures import REGISTRY
from csc_measures.drilldown import ListRows, Part, ids_by_unit, lists_written, rows_behind
from sightline.kernel.storage import private_path
from sightline.organisation.models import Authority
from sightline.organisation.units import Scope, unit_resolve

from . import figures
from .models import PERIOD_RE

PARTS: tuple[Part, ...] = ("numerator", "denominator")


class DrillDownError(ValueError):
    """A request for children that cannot be answered (a bad month, unit or part)."""


@dataclass(frozen=True)
class ChildrenBehind:
    measure_id: str
    period: str
    unit: str
    part: Part
    numerator: int
    denominator: int | None
    ids: tuple[str, ...]
    lists: tuple[ListRows, ...]
    extract_dates: tuple[date, ...]
    #: False when an import predates keeping the lists (IDs only)
    lists_kept: bool
    #: "child", or "worker" for the caseload measures that count workers
    id_kind: str = "child"
    teams: dict[str, str] = field(default_factory=dict)
    """child ID → the team it was counted in (for a locality)."""

    @property
    def id_rows(self) -> list[tuple[str, str]]:
        return [(child, self.teams.get(child, "")) for child in self.ids]


def org_unit(*, authority: Authority, unit: str) -> Scope:
    """The part of the organisation a stored unit belongs to, for the permission check.

    A team in the data that is not (or no longer) in the organisation, and ``(unallocated)``,
    count as the whole authority: only people with authority-wide access may see them.
    """
    found = unit_resolve(authority=authority, key=unit)
    if found is None:
        if unit.startswith("locality:"):
            raise DrillDownError(f"There is no locality {unit!r} in {authority.name}.")
        raise DrillDownError(f"Unknown unit {unit!r}: use la, locality:<id> or team:<name>.")
    return found.scope


def check_request(*, measure_id: str, period: str, part: str) -> Part:
    if measure_id.split(":", 1)[0] not in REGISTRY:
        raise DrillDownError(f"There is no measure {measure_id!r}.")
    if not PERIOD_RE.match(period):
        raise DrillDownError(f"The month must be written YYYY-MM (got {period!r}).")
    if part not in PARTS:
        raise DrillDownError(f"Part must be numerator or denominator (got {part!r}).")
    return part  # type: ignore[return-value]


def children_behind(
    *,
    authority: Authority,
    measure_id: str,
    period: str,
    unit: str,
    part: str,
    with_rows: bool = True,
) -> ChildrenBehind:
    """The children counted in ``part`` of the figure for ``measure_id`` in ``period`` for
    ``unit`` (``la``, ``locality:<id>`` or ``team:<name>``); ``with_rows=False`` skips the
    list rows (IDs only, faster)."""
    checked = check_request(measure_id=measure_id, period=period, part=part)
    spec = REGISTRY[measure_id.split(":", 1)[0]]
    id_kind = spec.numerator_ids if checked == "numerator" else spec.denominator_ids
    winners = {
        f.unit: f
        for f in figures.latest(
            authority=authority,
            measure_ids=[measure_id],
            period=period,
            units=figures.units_for(authority=authority, unit=unit),
        )
    }
    by_file: dict[str, list[str]] = defaultdict(list)
    for row_unit, winner in winners.items():
        if winner.children_file:
            by_file[winner.children_file].append(row_unit)
    ids: set[str] = set()
    teams: dict[str, str] = {}
    lists: dict[int, list[ListRows]] = defaultdict(list)
    kept = True
    for children_file, file_units in sorted(by_file.items()):
        path = private_path(children_file)
        if not path.exists():
            kept = False
            continue
        per_unit = ids_by_unit(
            path, measure_id=measure_id, period=period, units=file_units, part=checked
        )
        found = sorted({child for unit_ids in per_unit.values() for child in unit_ids})
        ids.update(found)
        if len(file_units) > 1:  # a locality: say which of its teams counted each child
            for team_unit in file_units:
                for child in per_unit.get(team_unit, []):
                    teams.setdefault(child, team_unit.removeprefix("team:"))
        if id_kind != "child" or not with_rows:  # workers: their names are the answer
            continue
        lists_dir = figures.lists_path(children_file)
        if not lists_written(lists_dir, spec):
            kept = False
            continue
        for found_rows in rows_behind(lists_dir, spec=spec, ids=found, period=period):
            lists[found_rows.list_no].append(found_rows)
    merged = tuple(
        ListRows(
            list_no=list_no,
            title=parts[0].title,
            columns=parts[0].columns,
            rows=tuple(sorted({r for p in parts for r in p.rows})),
        )
        for list_no, parts in sorted(lists.items())
        if any(p.rows for p in parts)
    )
    numerators = [w.numerator for w in winners.values()]
    denominators = [w.denominator for w in winners.values() if w.denominator is not None]
    return ChildrenBehind(
        measure_id=measure_id,
        period=period,
        unit=unit,
        part=checked,
        numerator=sum(numerators),
        denominator=sum(denominators) if denominators else None,
        ids=tuple(sorted(ids)),
        lists=merged,
        extract_dates=tuple(sorted({w.extract_date for w in winners.values()})),
        lists_kept=kept and bool(winners),
        teams=teams,
        id_kind=id_kind,
    )


def children_by_team(
    *, authority: Authority, measure_id: str, period: str, part: str
) -> dict[str, tuple[str, ...]]:
    """Team name (as in the extracts' ``Allocated Team``) → the sorted IDs counted in ``part``
    of the team's figure for ``measure_id`` in ``period``, every team at once (one read of each
    stored file). Teams without a figure or without IDs, and imports whose file of children is
    gone, are absent."""
    checked = check_request(measure_id=measure_id, period=period, part=part)
    by_file: dict[str, list[str]] = defaultdict(list)
    for figure in figures.latest(
        authority=authority, measure_ids=[measure_id], period=period, teams_only=True
    ):
        if figure.children_file:
            by_file[figure.children_file].append(figure.unit)
    found: dict[str, tuple[str, ...]] = {}
    for children_file, units in sorted(by_file.items()):
        path = private_path(children_file)
        if not path.exists():
            continue
        per_unit = ids_by_unit(
            path, measure_id=measure_id, period=period, units=units, part=checked
        )
        for unit, ids in per_unit.items():
            if ids:
                found[unit.removeprefix("team:")] = tuple(ids)
    return found
