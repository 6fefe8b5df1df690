"""Caseloads: from the performance module's Annex A (WF01-WF03 and the kept lists) when
imported, else the counts entered here; and children with many workers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from csc_measures.allocations import caseloads_by_worker, many_workers_count
from csc_measures.dates import add_months
from sightline.accounts.models import User
from sightline.core.permissions import disclosure_policy_for
from sightline.kernel.disclosure import Policy, suppress_parts
from sightline.organisation.models import Authority
from sightline.organisation.units import Unit
from sightline.performance import figures
from sightline.workforce import measures
from sightline.workforce.measures import Caseloads
from sightline.workforce.models import StaffMember


@dataclass(frozen=True)
class CaseloadView:
    source: str
    """``annex_a`` (allocations in the latest Annex A import), ``entered`` or ``none``."""
    period: str
    summary: Caseloads


def caseloads_for(*, authority: Authority, unit: Unit) -> CaseloadView:
    """From Annex A (WF01-WF03 in the performance module) when imported, else entered counts."""
    series = figures.series(authority=authority, units=list(unit.figure_units))
    wf01 = series.get("WF01") or ()
    if wf01 and wf01[-1].denominator:
        latest = wf01[-1]

        def at(measure_id: str) -> float | None:
            points = [p for p in series.get(measure_id, ()) if p.period == latest.period]
            return points[0].value if points else None

        return CaseloadView(
            "annex_a",
            latest.period,
            Caseloads(
                workers=latest.denominator or 0,
                children=latest.numerator,
                average=latest.value,
                at_or_under_18=at("WF02"),
                at_or_under_22=at("WF03"),
            ),
        )
    counts = list(
        StaffMember.objects.filter(
            authority=authority,
            team_id__in=unit.team_ids,
            leave_date__isnull=True,
            caseload__isnull=False,
        ).values_list("caseload", flat=True)
    )
    summary = measures.caseload_summary([c for c in counts if c is not None])
    return CaseloadView("entered" if summary.workers else "none", "", summary)


# --- children with many workers ---------------------------------------------------------------


def annex_a_lists(
    *, authority: Authority, after: date | None = None, until: date | None = None
) -> list[tuple[date, Path]]:
    """The imported Annex A extracts that kept their lists, from the figure store (the one
    place this module reads the performance module's storage)."""
    return figures.imported_lists(authority=authority, after=after, until=until)


def _teams_of(unit: Unit) -> list[str] | None:
    """The performance module's team names of a unit (None for the whole authority)."""
    if unit.key == "la":
        return None
    return [u.removeprefix("team:") for u in unit.figure_units]


@dataclass(frozen=True)
class ManyWorkers:
    """Children allocated to 3 or more different workers across the extracts of 12 months."""

    children: int | None
    """with 3 or more workers (None: suppressed)"""
    of: int | None
    """children with any allocated worker in those extracts (None: suppressed)"""
    extracts: int
    first: date
    last: date

    @property
    def share(self) -> float | None:
        if self.children is None or not self.of:
            return None
        return round(100 * self.children / self.of, 1)


def many_workers(*, user: User, authority: Authority, unit: Unit, day: date) -> ManyWorkers | None:
    """From the successive Annex A imports of the 12 months to ``day``: each child's distinct
    ``Allocated Worker`` names in lists 6-8 (children in need, on a plan, looked after), and
    the share with 3 or more. None when no import of those months kept its lists."""
    found = many_workers_count(
        annex_a_lists(authority=authority, after=add_months(day, -12), until=day),
        teams=_teams_of(unit),
    )
    if found is None:
        return None
    shown = disclosure_policy_for(user)
    hidden = shown.percentage(found.children, found.of) is not None
    return ManyWorkers(
        children=None if hidden else found.children,
        of=None if hidden else found.of,
        extracts=len(found.extracts),
        first=found.extracts[0],
        last=found.extracts[-1],
    )


@dataclass(frozen=True)
class CaseloadDistribution:
    source: str
    """``annex_a`` (latest import's list 6) or ``entered``."""
    extract: date | None
    bands: list[tuple[str, int | None]]


def caseload_distribution(
    *, user: User, authority: Authority, unit: Unit
) -> CaseloadDistribution | None:
    """Workers by caseload band: from the latest Annex A import's children in need open on its
    extract date (list 6) per allocated worker, as WF01-WF03 count them; else entered counts.
    None when there are neither."""
    shown = disclosure_policy_for(user)
    kept = annex_a_lists(authority=authority)
    if kept:
        extract, folder = kept[-1]
        counts = caseloads_by_worker(folder, extract_date=extract, teams=_teams_of(unit))
        if counts is not None:
            bands = measures.caseload_bands(counts)
            return CaseloadDistribution(
                "annex_a",
                extract,
                _bands_shown(bands, shown),
            )
    entered = list(
        StaffMember.objects.filter(
            authority=authority,
            team_id__in=unit.team_ids,
            leave_date__isnull=True,
            caseload__gt=0,
        ).values_list("caseload", flat=True)
    )
    if not entered:
        return None
    bands = measures.caseload_bands([c for c in entered if c is not None])
    return CaseloadDistribution("entered", None, _bands_shown(bands, shown))


def _bands_shown(bands: list[tuple[str, int]], shown: Policy) -> list[tuple[str, int | None]]:
    """The bands add up to the workers holding children (shown beside them): withheld as parts
    of that total, so no band is the total minus the others (ADR 0018)."""
    _, verdicts = suppress_parts(sum(n for _, n in bands), [n for _, n in bands], policy=shown)
    return [(label, None if w else n) for (label, n), w in zip(bands, verdicts, strict=True)]
