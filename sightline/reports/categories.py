"""The Ofsted reporting categories a DfE adviser's highlight report is structured by, as data
per inspection framework (the 2026 framework renames them), and the seed's definitions of the
Red, Amber and Green progress ratings.

A category is never edited in place: a renamed or new category belongs to a new framework
entry. Plan priorities are mapped to categories (``PriorityCategory``) per framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Category:
    key: str
    title: str
    #: Measure prefixes whose figures speak to the category (for the drafted summary).
    prefixes: tuple[str, ...]
    #: Reported only where the council reports it (adoption).
    optional: bool = False


_HELP = ("FD", "EH", "AS", "CP", "CN")
_CARE = ("LA",)
_LEAVERS = ("CL",)
_LEADERSHIP = ("WF",)

FRAMEWORKS: Final[dict[str, tuple[str, tuple[Category, ...]]]] = {
    "ILACS-2023": (
        "Inspecting local authority children's services (ILACS) 2023",
        (
            Category("help_protection", "Children in need of help and protection", _HELP),
            Category(
                "looked_after",
                "Children looked after and achieving permanence",
                _CARE,
            ),
            Category("care_leavers", "Experiences and progress of care leavers", _LEAVERS),
            Category("leadership", "Leadership, management and governance", _LEADERSHIP),
            Category("adoption", "Adoption performance", (), optional=True),
        ),
    ),
    "ILACS-2026": (
        "Inspecting local authority children's services (ILACS) 2026",
        (
            Category(
                "help_protection",
                "The experiences and progress of children who need help and protection",
                _HELP,
            ),
            Category("looked_after", "The experiences and progress of children in care", _CARE),
            Category("care_leavers", "The experiences and progress of care leavers", _LEAVERS),
            Category(
                "leadership",
                "The impact of leaders on social work practice with children and families",
                _LEADERSHIP,
            ),
            Category("adoption", "Adoption performance", (), optional=True),
        ),
    ),
}
DEFAULT_FRAMEWORK: Final = "ILACS-2026"

#: The DfE highlight report's definitions (seed 002), shown with the assessment table.
RAG_DEFINITIONS: Final[dict[str, str]] = {
    "red": (
        "Little progress against the improvement plan or significant concerns that the local "
        "authority will fail to complete the improvement plan and achieve Requires improvement "
        "when re-inspected, or high impact of external threats (for example financial, vacant "
        "leadership posts)."
    ),
    "amber": (
        "Some progress against the improvement plan or some concerns that the local authority "
        "may fail to complete the improvement plan and achieve Requires improvement when "
        "re-inspected, or moderate impact of external threats (for example financial, planned "
        "leadership change), or very early stages following an inadequate judgement."
    ),
    "green": (
        "Good progress against the improvement plan indicating that the local authority will "
        "complete the improvement plan and achieve Requires improvement when re-inspected, and "
        "low impact of external threats (for example financial, leadership stability)."
    ),
}


def framework_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, (name, _) in FRAMEWORKS.items()]


def categories_of(framework: str) -> tuple[Category, ...]:
    """The categories of ``framework`` (the default framework's when unknown)."""
    return FRAMEWORKS.get(framework, FRAMEWORKS[DEFAULT_FRAMEWORK])[1]


def category_for_prefix(framework: str, measure_id: str) -> Category | None:
    for category in categories_of(framework):
        if category.prefixes and measure_id.startswith(category.prefixes):
            return category
    return None
