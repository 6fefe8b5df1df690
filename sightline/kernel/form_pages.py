"""A form's page: handled by ``handle_form`` or drawn (again), and one page that adds or edits.

Views build the form and the page's context (with their app's ``can_manage`` and the like);
these only join the kernel's form idiom to ``render`` so every app does it the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .forms import handle_form


def form_page(
    request: HttpRequest,
    form: BaseForm,
    template: str,
    context: Mapping[str, Any],
    *,
    save: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
    redirect_to: str | Callable[[Any], str],
) -> HttpResponse:
    """The redirect after a successful save, else ``template`` drawn with ``context`` and the
    form (a GET, an invalid form, or a service that refused)."""
    done = handle_form(request, form, save=save, success=success, redirect_to=redirect_to)
    return done or render(request, template, {**context, "form": form})


def add_or_edit(
    request: HttpRequest,
    form: BaseForm,
    template: str,
    context: Mapping[str, Any],
    *,
    create: Callable[..., Any],
    update: Callable[..., Any] | None,
    name: Callable[[Any], str],
    url_name: str,
) -> HttpResponse:
    """One page adds (``update`` None: ``create(**fields)``) or edits (``update(**fields,
    seen_version=...)``, the version read from the form's hidden ``version`` field), then says
    "<name> was added." or "... saved." and goes on to the saved object's page ``url_name``."""

    def save(data: dict[str, Any]) -> Any:
        fields = dict(data)
        seen = fields.pop("version", None) or None
        if update is None:
            return create(**fields)
        return update(**fields, seen_version=seen)

    verb = "added" if update is None else "saved"
    return form_page(
        request,
        form,
        template,
        context,
        save=save,
        success=lambda saved: f"{name(saved)} was {verb}.",
        redirect_to=lambda saved: reverse(url_name, args=[saved.pk]),
    )


def upload_page(
    request: HttpRequest,
    *,
    form_class: type[BaseForm],
    may_upload: bool,
    uploads: QuerySet[Any],
    template: str,
    upload: Callable[[Any], Any],
    url_name: str,
) -> HttpResponse:
    """An uploads page: the uploads, 25 a page (``page`` in the template) and, for someone
    who ``may_upload``, the form (None for readers: a POST from them is refused). A valid form
    is handed to ``upload`` (the app's service, which starts the background check) and the
    page goes on to the upload's own page ``url_name``, where the check's progress and report
    are shown."""
    if request.method == "POST" and not may_upload:
        raise PermissionDenied
    paginator: Paginator[Any] = Paginator(uploads, 25)
    page = paginator.get_page(request.GET.get("page"))
    if not may_upload:
        return render(request, template, {"page": page, "form": None})
    form = form_class(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        template,
        {"page": page},
        save=lambda _data: upload(form),
        success="Uploaded: the file is being checked.",
        redirect_to=lambda saved: reverse(url_name, args=[saved.pk]),
    )
