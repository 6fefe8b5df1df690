"""Template helpers for the audit pages."""

from __future__ import annotations

from typing import Any

from django import template

from sightline.audits.models import Grade
from sightline.core.permissions import can_run_audit_programme, can_see_audit_cases
from sightline.kernel.disclosure import MARK, policy

register = template.Library()

_GRADES = dict(Grade.choices)


@register.simple_tag
def audits_nav(user: Any) -> list[tuple[str, str]]:
    """The audit module's sub-pages this person may open, in order."""
    items = [("audits:home", "Overview")]
    if can_run_audit_programme(user):
        items += [("audits:programmes", "Programmes"), ("audits:moderation", "Moderation")]
    items += [("audits:actions", "Actions"), ("audits:analytics", "Grades")]
    items += [("audits:themes", "Themes"), ("audits:learning", "Learning")]
    if can_see_audit_cases(user):
        items.append(("audits:frameworks", "Frameworks"))
    return items


@register.filter
def grade_label(value: str) -> str:
    return _GRADES.get(value or "", "Not graded")


@register.filter
def grade_tag(value: str) -> str:
    """GOV.UK tag colour for a grade."""
    return {
        "outstanding": "govuk-tag--green",
        "good": "govuk-tag--turquoise",
        "requires_improvement": "govuk-tag--yellow",
        "inadequate": "govuk-tag--red",
    }.get(value or "", "govuk-tag--grey")


@register.filter
def percent(value: float | None) -> str:
    """A share (0–1) as a percentage with no decimals, or a dash."""
    return "–" if value is None else f"{100 * value:.0f}%"


@register.filter
def interval(prop: Any) -> str:
    if prop is None or prop.low is None:
        return "–"
    return f"{100 * prop.low:.0f}–{100 * prop.high:.0f}%"


@register.filter
def count_or_c(value: int | None) -> str:
    return MARK if value is None else str(value)


@register.filter
def withheld(count: int | None, suppress: bool) -> bool:
    """Whether a figure built on ``count`` is withheld from a reader who must not see small
    numbers (``suppress``): the kernel's one small-number rule."""
    return policy(suppress=bool(suppress)).hides(count)


@register.filter
def cell(count: int | None, suppress: bool) -> int | str | None:
    """The count as this reader may see it in a table: the number, or [c] when withheld."""
    return policy(suppress=bool(suppress)).cell(count)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def share_withheld(prop: Any, rule: Any) -> bool:
    """Whether a share (a count of a total) is withheld by the disclosure policy ``rule``."""
    if rule is None or prop is None:
        return False
    return rule.percentage(prop.count, prop.total) is not None
