from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from sightline.core.modules import modules_for
from sightline.core.permissions import can_view_imports


def sightline(request: HttpRequest) -> dict[str, Any]:
    """Service name, the user's authority and the header navigation on every page."""
    user = request.user
    nav: list[dict[str, Any]] = []
    if getattr(user, "is_authenticated", False):
        for module in modules_for(user):  # type: ignore[arg-type]
            if not module.in_header:
                continue
            try:
                url = reverse(module.url_name)
            except NoReverseMatch:
                continue
            nav.append({"title": module.title, "url": url, "current": request.path.startswith(url)})
    return {
        "show_imports": bool(getattr(user, "is_authenticated", False)) and can_view_imports(user),  # type: ignore[arg-type]
        "service_name": settings.SIGHTLINE_SERVICE_NAME,
        "authority": getattr(user, "authority", None),
        "nav_items": nav,
    }
