"""Performance pages. So far: the DfE comparators for the authority's benchmark identity."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.accounts.models import User
from sightline.core.access import ensure
from sightline.core.permissions import can_view_aggregates

from . import selectors


@require_GET
def benchmarks(request: HttpRequest) -> HttpResponse:
    """Published DfE figures beside which the authority's own measures will be read."""
    user = cast(User, request.user)
    authority = user.authority
    ensure(authority is not None and can_view_aggregates(user, authority))
    assert authority is not None  # noqa: S101 - ensured above
    return render(
        request,
        "performance/benchmarks.html",
        {
            "rows": selectors.benchmark_table(authority=authority),
            "last_load": selectors.benchmark_last_load(),
            "reference": authority.benchmark_as,
        },
    )
