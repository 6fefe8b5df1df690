"""What every workforce page shares: who may see HR details, the page context, and the page
with one form that opens or changes a worker, a vacancy or a post."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from sightline.accounts.models import User
from sightline.core.access import user_of
from sightline.core.permissions import can_import_hr, can_view_hr_details
from sightline.kernel.form_pages import form_page as kernel_form_page


def hr(user: User) -> bool:
    return can_view_hr_details(user)


def page_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    return {"can_hr": hr(user), "can_import": can_import_hr(user), **extra}


def list_page(
    request: HttpRequest, template: str, rows: QuerySet[Any], *, name: str, current: dict[str, Any]
) -> HttpResponse:
    """A list of ``rows`` (in the context as ``name``): only the ``current`` ones (a filter)
    unless ``?show=all``."""
    show_all = request.GET.get("show") == "all"
    if not show_all:
        rows = rows.filter(**current)
    return render(request, template, page_context(request, **{name: rows}, show_all=show_all))


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, or None (an unbound form) on a GET."""
    return request.POST if request.method == "POST" else None


def form_page(
    request: HttpRequest,
    *,
    form: BaseForm,
    save: Callable[[dict[str, Any]], object],
    title: str,
    back: str,
) -> HttpResponse:
    """Save a valid form through ``save`` and go ``back`` (a URL name), or draw the form."""
    return kernel_form_page(
        request,
        form,
        "includes/form_page.html",
        page_context(request, title=title, back=back, caption="Workforce"),
        save=save,
        success="Saved.",
        redirect_to=back,
    )
