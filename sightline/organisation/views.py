"""The organisation pages: localities and teams, and moving a team between localities."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_edit_organisation, can_view_organisation
from sightline.kernel.forms import form_add_service_errors

from . import selectors, services
from .forms import LocalityForm, TeamForm, TeamMoveForm
from .models import Team


@require(can_view_organisation)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    return render(
        request,
        "organisation/overview.html",
        {
            "localities": selectors.localities_with_teams(authority=authority),
            "unmapped": selectors.unmapped_teams(authority=authority),
            "can_edit": can_edit_organisation(user_of(request)),
        },
    )


@require(can_edit_organisation)
@require_http_methods(["GET", "POST"])
def locality_create(request: HttpRequest) -> HttpResponse:
    form = LocalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            locality = services.locality_create(
                by=user_of(request),
                authority=authority_of(request),
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"{locality} was added.")
            return redirect("organisation:overview")
    return render(request, "organisation/form.html", {"form": form, "title": "Add a locality"})


@require(can_edit_organisation)
@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = TeamForm(request.POST or None, authority=authority)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(
                by=user_of(request),
                authority=authority,
                name=form.cleaned_data["name"],
                locality=form.cleaned_data["locality"],
                effective=form.cleaned_data["effective"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"{team} was added.")
            return redirect("organisation:overview")
    return render(request, "organisation/form.html", {"form": form, "title": "Add a team"})


@require(can_view_organisation)
@require_http_methods(["GET", "POST"])
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    authority = authority_of(request)
    team = get_object_or_404(Team, pk=pk, authority=authority)
    user = user_of(request)
    can_edit = can_edit_organisation(user)
    form = TeamMoveForm(request.POST or None, authority=authority) if can_edit else None
    if request.method == "POST":
        if form is None:
            return render(request, "errors/403.html", status=403)
        if form.is_valid():
            try:
                services.team_move(
                    by=user,
                    team=team,
                    to=form.cleaned_data["locality"],
                    effective=form.cleaned_data["effective"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, f"{team} moved to {form.cleaned_data['locality']}.")
                return redirect("organisation:team_detail", pk=team.pk)
    return render(
        request,
        "organisation/team_detail.html",
        {"team": team, "history": selectors.team_history(team=team), "form": form},
    )
