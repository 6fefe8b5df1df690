"""Template helpers for plan and governance pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

register = template.Library()


@register.filter
def overdue(item: Any, today: date) -> bool:
    """An unfinished action (plan or meeting) whose due date has passed."""
    return bool(item.is_overdue(today))


@register.filter
def change_value(value: Any) -> str:
    """A history value as people read it."""
    if value is None or value == "":
        return "(blank)"
    return str(value)


@register.filter
def change_rows(changes: Any) -> list[str]:
    """An audit event's changes as sentences: "Status: green → amber"."""
    rows = []
    for name, change in (changes or {}).items():
        label = str(name).replace("_", " ").capitalize()
        if isinstance(change, dict) and ("from" in change or "to" in change):
            rows.append(
                f"{label}: {change_value(change.get('from'))} → {change_value(change.get('to'))}"
            )
        else:
            rows.append(f"{label}: {change_value(change)}")
    return rows
