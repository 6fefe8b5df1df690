"""Pages for each reader: workers in a team, and one measure's localities side by side."""

from __future__ import annotations

from functools import partial

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from csc_measures import REGISTRY
from sightline.auditlog.services import access_record
from sightline.core.access import ensure, user_of
from sightline.core.permissions import can_view_workers, withholds_small_numbers
from sightline.organisation.models import Authority, Locality, Team
from sightline.organisation.units import Scope, locality_key, team_key
from sightline.performance import localities, workers
from sightline.performance.cache import cached, figures_version

from .access import _authority_for_figures
from .figure_pages import reader_unit


def _worker_units(authority: Authority) -> list[tuple[str, str, Scope]]:
    """(unit, label, organisation unit) for every locality and team of the organisation."""
    units: list[tuple[str, str, Scope]] = [
        (locality_key(loc), loc.name, loc)
        for loc in Locality.objects.filter(authority=authority).order_by("name")
    ]
    units += [
        (team_key(team), team.name, team)
        for team in Team.objects.filter(authority=authority).order_by("name")
    ]
    return units


@require_GET
def workers_page(request: HttpRequest) -> HttpResponse:
    """Caseloads and timeliness by allocated worker, one table per team of the unit (a team
    or a locality), with the team's and the authority's figures beside it (logged)."""
    authority = _authority_for_figures(request)
    user = user_of(request)
    allowed = [
        (u, label) for u, label, org in _worker_units(authority) if can_view_workers(user, org)
    ]
    ensure(bool(allowed))
    unit = reader_unit(request, allowed)
    if unit == "la":
        unit = allowed[0][0]
    found = cached(
        figures_version(authority=authority),
        ("workers", authority.pk, unit),
        partial(workers.worker_tables, authority=authority, unit=unit),
    )
    access_record(
        user=user,
        path=request.get_full_path(),
        subject_type="worker",
        subject_ids=sorted({row.worker for table in found.tables for row in table.rows}),
        purpose=f"workers {unit}",
    )
    return render(
        request,
        "performance/workers.html",
        {"found": found, "choices": allowed, "unit": unit, "unit_label": dict(allowed)[unit]},
    )


@require_GET
def measure_localities(request: HttpRequest, measure_id: str) -> HttpResponse:
    """One measure for every locality, small multiples on one scale, with the rule used."""
    authority = _authority_for_figures(request)
    spec = REGISTRY.get(measure_id)
    if spec is None:
        raise Http404("No such measure.")
    user = user_of(request)
    suppress = withholds_small_numbers(user)
    version = figures_version(authority=authority)
    found = cached(
        version,
        ("localities", authority.pk, measure_id),
        partial(localities.locality_comparison, authority=authority, measure_id=measure_id),
    )
    shown = localities.comparison_disclosed(found, suppress=suppress)
    return render(
        request,
        "performance/localities.html",
        {
            "spec": spec,
            "measure_id": measure_id,
            "found": shown,
            "charts": [
                (panel, svg)
                for panel, (_, svg) in zip(
                    shown.panels,
                    localities.small_multiples_svg(shown, unit=spec.unit),
                    strict=False,
                )
            ],
            "suppress": suppress,
        },
    )
