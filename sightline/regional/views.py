"""The regional view, what an authority shares with regions, and adding an authority."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import (
    can_add_authority,
    can_manage_sharing,
    can_view_regional,
    disclosure_policy_for,
)
from sightline.kernel.disclosure import NOTE
from sightline.kernel.forms import form_add_service_errors

from . import selectors, services
from .forms import AuthorityAddForm, SharingForm
from .models import Region


@require(can_view_regional)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Each of the viewer's regions: the authorities sharing with it, side by side."""
    user = user_of(request)
    audience = disclosure_policy_for(user)
    comparisons = [
        selectors.comparison(region=region, policy=audience)
        for region in selectors.regions_for(viewer=user)
    ]
    return render(request, "regional/overview.html", {"comparisons": comparisons, "note": NOTE})


@require(can_manage_sharing)
@require_GET
def sharing(request: HttpRequest) -> HttpResponse:
    grants = selectors.grants_of(authority=authority_of(request))
    regions = [(r, grants.get(r.pk)) for r in Region.objects.order_by("name")]
    return render(request, "regional/sharing.html", {"regions": regions})


@require(can_manage_sharing)
@require_http_methods(["GET", "POST"])
def sharing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_object_or_404(Region, pk=pk)
    authority = authority_of(request)
    grant = selectors.grants_of(authority=authority).get(region.pk)
    form = SharingForm(
        request.POST or None, initial={"measure_ids": grant.measure_ids if grant else []}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.region_grant_set(
                by=user_of(request),
                authority=authority,
                region=region,
                measure_ids=form.cleaned_data["measure_ids"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"What {authority} shares with {region} was saved.")
            return redirect("regional:sharing")
    return render(
        request,
        "regional/form.html",
        {"form": form, "title": f"Share with {region}", "back": "regional:sharing"},
    )


@require(can_add_authority)
@require_http_methods(["GET", "POST"])
def authority_add(request: HttpRequest) -> HttpResponse:
    form = AuthorityAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.authority_onboard(
                by=user_of(request),
                name=data["name"],
                benchmark_as=data["benchmark_as"],
                is_fictional=data["is_fictional"],
                localities=data["localities"].splitlines(),
                teams=services.parse_teams(data["teams"]),
                admin_username=data["admin_username"],
                admin_email=data["admin_email"],
                region=data["region"],
                brand_colour=data["brand_colour"],
                effective=timezone.localdate(),
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"{made.authority} was added; {made.administrator.username} can now set a "
                "password from the sign-in page's 'Forgotten your password?'.",
            )
            return redirect("regional:authority_add")
    return render(
        request,
        "regional/form.html",
        {"form": form, "title": "Add an authority", "back": "home:home"},
    )
