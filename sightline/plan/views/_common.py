"""Helpers shared by the plan pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from sightline.core.access import authority_of, ensure, user_of
from sightline.core.concurrency import version_of
from sightline.core.permissions import can_manage_plan, can_update_action
from sightline.plan import selectors
from sightline.plan.models import Action, Plan, Priority


def _plan_from(request: HttpRequest) -> Plan | None:
    authority = authority_of(request)
    version = request.GET.get("version", "")
    if version.isdigit():
        return get_object_or_404(Plan, authority=authority, version=int(version))
    return selectors.plan_current(authority=authority)


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    return {"can_manage": can_manage_plan(user), **extra}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _priority(request: HttpRequest, pk: int) -> Priority:
    return get_object_or_404(
        Priority.objects.select_related("plan"), pk=pk, plan__authority=authority_of(request)
    )


def _action_for_update(request: HttpRequest, pk: int) -> Action:
    action = get_object_or_404(
        Action.objects.select_related("priority", "priority__plan"),
        pk=pk,
        authority=authority_of(request),
    )
    ensure(can_update_action(user_of(request), action))
    return action


def _edit_initial(obj: Model | None, *fields: str) -> dict[str, Any] | None:
    """A form's initial values for editing ``obj`` (with the version it was read at), or
    ``None`` when a new one is being added."""
    if obj is None:
        return None
    return {"version": version_of(obj.updated_at), **model_to_dict(obj, fields=fields)}  # type: ignore[attr-defined]


def _without_version(data: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """(the version the form was read at, the other cleaned fields)."""
    fields = dict(data)
    return fields.pop("version", None) or None, fields
