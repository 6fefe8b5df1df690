"""What the returns app adds: the job kind that checks an upload, the module on the home page
(beside Performance, whose dashboard links to it) and the uploads waiting for a decision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_import_data, can_view_imports
from sightline.core.sections import page_section_register

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.organisation.models import Authority


def returns_awaiting(user: User) -> Iterator[AttentionItem]:
    """For the analyst: checked returns waiting for a decision."""
    if not can_import_data(user) or user.authority is None:
        return
    from . import selectors

    for imp in selectors.imports_awaiting_decision(authority=user.authority)[:5]:
        yield AttentionItem(
            title=f"{imp.source} checked: accept or abandon",
            detail=f"{imp.errors} errors and {imp.warnings} warnings in the check report.",
            url=reverse("returns:import_detail", args=[imp.pk]),
            level="due",
        )


def dashboard_line(request: HttpRequest, authority: Authority) -> SafeString:
    """One line on the performance dashboard: the returns' figures and their sources."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or not can_view_imports(user):  # type: ignore[arg-type]
        return SafeString("")
    from . import selectors

    figures = selectors.accepted_figures(authority=authority)
    sources = sorted({f.source for f in figures})
    return SafeString(
        render_to_string(
            "returns/dashboard_line.html",
            {"count": len(figures), "sources": sources},
            request=request,
        )
    )


def register() -> None:
    from . import services  # noqa: F401 - registers the check job kind

    attention_register(returns_awaiting)
    page_section_register("performance.dashboard", dashboard_line)
    module_register(
        Module(
            key="returns",
            title="Statutory returns",
            url_name="returns:figures",
            description="Figures on the DfE's definitions from the CIN census and the SSDA903 "
            "return, each beside the DfE's published figure.",
            allowed=can_view_imports,
            order=110,
        )
    )
