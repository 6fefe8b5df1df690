"""Who may read the authority's figures (shared by the performance pages)."""

from __future__ import annotations

from django.http import HttpRequest

from sightline.core.access import ensure, user_of
from sightline.core.permissions import (
    can_view_aggregates,
)
from sightline.organisation.models import Authority


def _authority_for_figures(request: HttpRequest) -> Authority:
    user = user_of(request)
    authority = user.authority
    ensure(authority is not None and can_view_aggregates(user, authority))
    assert authority is not None  # noqa: S101 - ensured above
    return authority
