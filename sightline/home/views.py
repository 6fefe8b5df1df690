"""The page each person lands on. It reads the registries every app fills in (modules, "needs
your attention" items, and the panels an app's ``home_panels.py`` adds for the roles that act
on them), so it imports no app."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.core.access import user_of
from sightline.core.attention import attention_for, home_panels_for
from sightline.core.modules import modules_for
from sightline.core.roles import DESCRIPTIONS

#: With more panels than this (a director sees every module's), each shows this many lines.
BRIEF_AFTER = 3
BRIEF_LINES = 3


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What this person acts on first (their role's panels), what needs their attention, and
    where they can go."""
    user = user_of(request)
    panels = home_panels_for(user) if user.role else []
    if len(panels) > BRIEF_AFTER:
        panels = [
            replace(
                p,
                lines=p.lines[:BRIEF_LINES],
                lead=p.lead
                + (
                    f" The first {BRIEF_LINES} of {len(p.lines)}."
                    if len(p.lines) > BRIEF_LINES
                    else ""
                ),
            )
            for p in panels
        ]
    context = {
        "role_description": DESCRIPTIONS.get(user.role, "Your account has no role yet."),
        "panels": panels,
        "attention": attention_for(user) if user.role else [],
        "modules": [m for m in modules_for(user) if m.url_name != "home:home"],
    }
    return render(request, "home/home.html", context)
