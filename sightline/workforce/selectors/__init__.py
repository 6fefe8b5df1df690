"""Reads for the workforce module, always within the user's authority (and scope for HR
details). Measures come from :mod:`..measures`; caseloads from the performance module's
Annex A allocations (WF01-WF03) when an import exists, else from counts entered here.

One module per sub-area; every read is importable from here."""

from __future__ import annotations

from .academy import (
    ProgrammeRow,
    academy_summary,
    asye_cohort,
)
from .caseloads import (
    CaseloadDistribution,
    CaseloadView,
    ManyWorkers,
    annex_a_lists,
    caseload_distribution,
    caseloads_for,
    many_workers,
)
from .figures import (
    MONTHS_SHOWN,
    figures_series,
    leavers_by_reason,
    month_ends,
    spells_for,
    vacancies_for,
)
from .lines import (
    DEFAULT_TARGETS,
    MEASURE_KEYS,
    MeasureLine,
    TargetInForce,
    measure_lines,
    target_history,
    target_in_force,
)
from .scope import (
    posts_visible,
    staff_visible,
    teams_editable,
    vacancies_visible,
)
from .teams import (
    TeamRow,
    audit_grades_by_team,
    team_stability,
)

__all__ = [
    "DEFAULT_TARGETS",
    "MEASURE_KEYS",
    "MONTHS_SHOWN",
    "CaseloadDistribution",
    "CaseloadView",
    "ManyWorkers",
    "MeasureLine",
    "ProgrammeRow",
    "TargetInForce",
    "TeamRow",
    "academy_summary",
    "annex_a_lists",
    "asye_cohort",
    "audit_grades_by_team",
    "caseload_distribution",
    "caseloads_for",
    "figures_series",
    "leavers_by_reason",
    "many_workers",
    "measure_lines",
    "month_ends",
    "posts_visible",
    "spells_for",
    "staff_visible",
    "target_history",
    "target_in_force",
    "team_stability",
    "teams_editable",
    "vacancies_for",
    "vacancies_visible",
]
