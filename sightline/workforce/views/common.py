"""What every workforce page shares: who may see HR details, the page context, and the
page that opens or changes a worker, a vacancy or a post."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sightline.accounts.models import User
from sightline.core.access import user_of
from sightline.core.permissions import can_import_hr, can_view_hr_details
from sightline.kernel.forms import form_add_service_errors
from sightline.workforce import selectors
from sightline.workforce.forms import PostForm, StaffForm, VacancyForm


def hr(user: User) -> bool:
    return can_view_hr_details(user)


def page_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    return {"can_hr": hr(user), "can_import": can_import_hr(user), **extra}


def edit_page(
    request: HttpRequest,
    *,
    form_class: type[StaffForm | VacancyForm | PostForm],
    instance: Any,
    save: Any,
    template_title: str,
    back: str,
) -> HttpResponse:
    user = user_of(request)
    teams_qs = selectors.teams_editable(user=user)
    if request.method == "POST":
        form = form_class(request.POST, instance=instance, teams=teams_qs)
        if form.is_valid():
            try:
                save(form)
            except ValidationError as exc:
                form_add_service_errors(cast("Form", form), exc)
            else:
                messages.success(request, "Saved.")
                return redirect(back)
    else:
        form = form_class(instance=instance, teams=teams_qs)
    return render(
        request,
        "workforce/edit.html",
        page_context(request, form=form, title=template_title, back=back, instance=instance),
    )
