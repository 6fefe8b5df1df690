"""The authority's disclosure setting (ADR 0018): which roles, besides elected members and
the DfE adviser (always), have counts of 1 to 4 withheld in every page and output, and the
threshold. The administrator edits it; ``core.permissions.disclosure_policy_for`` reads it.
Kept in its own module (form, service, view) beside the organisation pages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_edit_organisation
from sightline.core.roles import SUPPRESSED_AGGREGATES, Role
from sightline.kernel.forms import form_add_service_errors

from .models import Authority

#: Roles an authority may choose to withhold small numbers from (the rest always see them
#: or, like the administrator, see no figures at all).
CHOOSABLE = tuple(
    (role.value, role.label)
    for role in Role
    if role not in SUPPRESSED_AGGREGATES and role != Role.ADMIN
)


class DisclosureForm(forms.Form):
    withheld_roles = forms.MultipleChoiceField(
        choices=CHOOSABLE,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which other roles have small numbers withheld?",
        help_text="Elected members and the DfE adviser always have them withheld. "
        "The Improvement Board sees them unless you tick it.",
    )
    threshold = forms.IntegerField(
        min_value=2,
        max_value=20,
        label="Smallest count shown",
        help_text="Counts from 1 to one less than this are withheld. The DfE uses 5.",
    )


@transaction.atomic
def authority_disclosure_set(
    *, by: User | None, authority: Authority, withheld_roles: list[str], threshold: int
) -> Authority:
    """Change who has small numbers withheld, and from what count (audited)."""
    unknown = set(withheld_roles) - {value for value, _ in CHOOSABLE}
    if unknown:
        raise ValidationError({"withheld_roles": f"Unknown roles: {', '.join(sorted(unknown))}."})
    if not 2 <= threshold <= 20:
        raise ValidationError({"threshold": "Enter a number from 2 to 20."})
    before = {
        "withheld_roles": list(authority.disclosure_withheld_roles),
        "threshold": authority.disclosure_threshold,
    }
    authority.disclosure_withheld_roles = sorted(withheld_roles)
    authority.disclosure_threshold = threshold
    authority.save(update_fields=["disclosure_withheld_roles", "disclosure_threshold"])
    audit_record(
        actor=by,
        action="authority.disclosure",
        obj=authority,
        authority=authority,
        changes={
            "before": before,
            "after": {"withheld_roles": sorted(withheld_roles), "threshold": threshold},
        },
    )
    return authority


@require(can_edit_organisation)
@require_http_methods(["GET", "POST"])
def disclosure_edit(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = DisclosureForm(
        request.POST or None,
        initial={
            "withheld_roles": authority.disclosure_withheld_roles,
            "threshold": authority.disclosure_threshold,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            authority_disclosure_set(
                by=user_of(request),
                authority=authority,
                withheld_roles=form.cleaned_data["withheld_roles"],
                threshold=form.cleaned_data["threshold"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "The small-number setting was saved.")
            return redirect("organisation:overview")
    return render(
        request, "organisation/form.html", {"form": form, "title": "Small numbers (disclosure)"}
    )
