"""The one way a view turns a valid form into a service call.

A view builds its form, then ``handle_form`` runs the service with the cleaned data: a
``ValidationError`` from the service is shown beside the field it names (or at the top), a
success adds the message and redirects. Views stay plain Django; only this idiom is shared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def form_add_service_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field it names when the form
    has that field, otherwise at the top (the error summary links to them either way)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def handle_form(
    request: HttpRequest,
    form: BaseForm,
    *,
    save: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
    redirect_to: str | Callable[[Any], str],
) -> HttpResponse | None:
    """On a POST with a valid form, call ``save(cleaned_data)``.

    Returns the redirect after a success (``success`` and ``redirect_to`` may be functions of
    what ``save`` returned), or ``None`` when the page is to be drawn again: a GET, an invalid
    form, or a service that refused (its errors are then on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as exc:
        form_add_service_errors(form, exc)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files (``<input type=file multiple>``)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files as a list (empty when none was chosen)."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []
