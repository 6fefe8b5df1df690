"""The page each person lands on. It reads the registries every app fills in its hooks
(modules, "needs your attention" items), so it imports no app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.core.access import user_of
from sightline.core.attention import attention_for
from sightline.core.modules import modules_for
from sightline.core.roles import DESCRIPTIONS


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What needs this person's attention, and where they can go."""
    user = user_of(request)
    context = {
        "role_description": DESCRIPTIONS.get(user.role, "Your account has no role yet."),
        "attention": attention_for(user) if user.role else [],
        "modules": [m for m in modules_for(user) if m.url_name != "home:home"],
    }
    return render(request, "home/home.html", context)
