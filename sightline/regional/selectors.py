"""Reads for the regional view: always through a region the viewer may see, the grants each
authority made to it, and the figure store; small numbers suppressed (kernel.disclosure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from csc_measures import REGISTRY
from sightline.kernel.disclosure import MARK, Policy, Withheld
from sightline.organisation.models import Authority
from sightline.performance import figures

from .models import Region, RegionGrant

if TYPE_CHECKING:
    from sightline.accounts.models import User


@dataclass(frozen=True)
class Cell:
    text: str
    period: str = ""
    withheld: bool = False


@dataclass(frozen=True)
class Row:
    measure_id: str
    title: str
    unit: str
    cells: list[Cell]


@dataclass(frozen=True)
class Comparison:
    region: Region
    authorities: list[Authority]
    rows: list[Row]
    any_withheld: bool


def regions_for(*, viewer: User) -> QuerySet[Region]:
    """The regions this regional viewer was given."""
    return Region.objects.filter(viewers=viewer).order_by("name")


def grants_of(*, authority: Authority) -> dict[int, RegionGrant]:
    """What ``authority`` shares, by region."""
    return {g.region_id: g for g in RegionGrant.objects.filter(authority=authority)}


def _format(value: float | None, unit: str) -> str:
    if value is None:
        return "Not covered"
    if unit == "%":
        return f"{value:.1f}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _withheld(kind: str, found: figures.StoredFigure, policy: Policy) -> Withheld | None:
    """The policy's verdict on an authority-wide figure: a rate by the percentage rule (its
    count, its complement or its denominator small), an average by the number it is over, a
    count by itself."""
    if kind == "ratio":
        return policy.percentage(found.numerator, found.denominator)
    if kind == "average":
        return policy.primary(found.denominator)
    return policy.primary(found.numerator)


def comparison(*, region: Region, policy: Policy) -> Comparison:
    """Each measure shared by at least one authority, with each granting authority's latest
    authority-wide figure; "Not shared" where that authority keeps the measure to itself,
    "Not covered" where its data has no figure, withheld where a count is small."""
    grants = [
        g
        for g in RegionGrant.objects.filter(region=region).select_related("authority")
        if g.measure_ids
    ]
    authorities = [g.authority for g in grants]
    shared = {g.authority_id: set(g.measure_ids) for g in grants}
    measure_ids = [m for m in REGISTRY if any(m in ids for ids in shared.values())]
    latest: dict[tuple[int, str], figures.StoredFigure] = {}
    for grant in grants:
        for figure in figures.latest(
            authority=grant.authority,
            measure_ids=sorted(shared[grant.authority_id]),
            units=["la"],
            with_parts=False,
        ):
            latest[(grant.authority_id, figure.measure_id)] = figure  # ordered by month
    rows, any_withheld = [], False
    for measure_id in measure_ids:
        spec = REGISTRY[measure_id]
        cells = []
        for authority in authorities:
            if measure_id not in shared[authority.pk]:
                cells.append(Cell("Not shared"))
                continue
            found = latest.get((authority.pk, measure_id))
            if found is None:
                cells.append(Cell("Not covered"))
            elif _withheld(spec.kind, found, policy) is not None:
                any_withheld = True
                cells.append(Cell(MARK, period=found.period, withheld=True))
            else:
                cells.append(Cell(_format(found.value, spec.unit), period=found.period))
        rows.append(Row(measure_id=measure_id, title=spec.title, unit=spec.unit, cells=cells))
    return Comparison(region=region, authorities=authorities, rows=rows, any_withheld=any_withheld)
