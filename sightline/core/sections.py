"""Sections that a higher module adds to a page of a lower one.

A plan priority's page shows what children and families said about it, but the plan app sits
below voice and must not import it: voice registers a section for the page ``"plan.priority"``
in its ``hooks.py``, and the plan view draws whatever sections are registered for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString

SectionRenderer = Callable[[HttpRequest, Any], SafeString]
_SECTIONS: dict[str, list[SectionRenderer]] = {}


def page_section_register(page: str, renderer: SectionRenderer) -> SectionRenderer:
    """Add a section to ``page``: ``renderer(request, obj)`` returns its HTML (from
    ``render_to_string``). Sections are drawn in the order they were registered."""
    renderers = _SECTIONS.setdefault(page, [])
    if renderer not in renderers:
        renderers.append(renderer)
    return renderer


def page_sections(page: str, *, request: HttpRequest, obj: Any) -> list[SafeString]:
    """The HTML of every section registered for ``page``, about ``obj``."""
    return [renderer(request, obj) for renderer in _SECTIONS.get(page, [])]
