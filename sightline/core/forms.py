"""Form helpers shared by every module."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form


def form_add_service_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field it names when the form
    has that field, otherwise at the top (the error summary links to them either way)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
