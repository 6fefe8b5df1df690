"""What the performance module puts on each person's first screen (found by the home app).

- Team managers, heads of service and directors: the measures of their own unit (team,
  locality, authority) that need attention: a special cause of concern in the latest month,
  or outside the target's tolerance (red).
- Directors, board members and elected members: the Making Data Count matrix in counts.
- Analysts and directors: the newest imports and what they found (data quality).

Figures come from the dashboard's cached rows (one query for the figures version when
cached), with the reader's disclosure policy applied first.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from django.urls import reverse

from sightline.core.attention import HomePanel, PanelLine, home_panel_register
from sightline.core.permissions import (
    can_view_aggregates,
    can_view_imports,
    disclosure_policy_for,
)
from sightline.core.roles import Role

from . import dashboard, overview
from .cache import cached, figures_version
from .models import AnnexAImport
from .rag import Rag
from .templatetags.performance_tags import latest_text

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.organisation.models import Authority

#: Who acts on their own unit's figures.
UNIT_READERS = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR})
#: Who reads the whole authority's position.
OVERVIEW_READERS = frozenset({Role.DIRECTOR, Role.BOARD_MEMBER, Role.ELECTED_MEMBER})
MAX_LINES = 8


def month_label(period: str | None) -> str:
    """``2026-10`` as "Oct 2026" (as the reports write months)."""
    if not period:
        return ""
    year, month = (int(x) for x in period.split("-")[:2])
    return f"{date(year, month, 1):%b %Y}"


def _authority(user: User) -> Authority | None:
    authority = user.authority
    if authority is None or not can_view_aggregates(user, authority):
        return None
    return authority


def own_unit(user: User, choices: list[tuple[str, str]]) -> str:
    """A team manager's team, a head of service's locality, everyone else the authority (or
    the authority when their own unit has no figures)."""
    valid = dict(choices)
    own = []
    if user.team_id is not None and user.team is not None:
        own.append(f"team:{user.team.name}")
    if user.locality_id is not None:
        own.append(f"locality:{user.locality_id}")
    return next((unit for unit in own if unit in valid), "la")


def measures_needing_attention(user: User) -> HomePanel | None:
    authority = _authority(user)
    if authority is None or user.role not in UNIT_READERS:
        return None
    version = figures_version(authority=authority)
    choices = cached(
        version, ("choices", authority.pk), partial(dashboard.unit_choices, authority=authority)
    )
    unit = own_unit(user, choices)
    rule = disclosure_policy_for(user)
    lines, latest = cached(
        version,
        ("home_needs", authority.pk, unit, rule),
        partial(_needs_attention, authority=authority, unit=unit, rule=rule),
    )
    where = dict(choices)[unit]
    url = reverse("performance:dashboard") + (f"?unit={unit}" if unit != "la" else "")
    return HomePanel(
        key="performance.needs",
        title=f"Measures that need attention: {where}",
        lead=f"Latest month {month_label(latest)}: a special cause of concern, or outside "
        "the target's tolerance."
        if latest
        else "",
        lines=lines,
        empty=f"No measure for {where} shows a special cause of concern or is outside its "
        "target's tolerance."
        if latest
        else "No Annex A figures have been imported yet.",
        more_url=url,
        more_text=f"The dashboard for {where}",
        order=10,
    )


def _needs_attention(
    *, authority: Authority, unit: str, rule: object
) -> tuple[tuple[PanelLine, ...], str | None]:
    rows = [
        row
        for section in dashboard.disclose_sections(
            dashboard.dashboard(authority=authority, unit=unit),
            rule,  # type: ignore[arg-type]
            dashboard.unit_withheld(authority=authority, unit=unit, policy=rule),  # type: ignore[arg-type]
        )
        for row in section.rows
    ]
    latest = max((row.latest.period for row in rows if row.latest), default=None)
    found = []
    for row in rows:
        place = overview.matrix_place(row)
        concern = place is not None and place[1] == "concern"
        red = row.rag == Rag.RED
        if not (concern or red):
            continue
        tag = (
            "Concern and off target" if concern and red else "Concern" if concern else "Off target"
        )
        found.append(
            PanelLine(
                text=f"{row.measure_id} {row.title}",
                url=reverse("performance:measure", args=[row.measure_id])
                + (f"?unit={unit}" if unit != "la" else ""),
                detail=f"Latest: {latest_text(row, rule.suppress)}"  # type: ignore[attr-defined]
                + (f" ({month_label(row.latest.period)})" if row.latest else ""),
                tag=tag,
                tag_colour="red" if red else "yellow",
            )
        )
    found.sort(key=lambda line: (line.tag_colour != "red", line.text))
    return tuple(found[:MAX_LINES]), latest


def matrix_counts(user: User) -> HomePanel | None:
    authority = _authority(user)
    if authority is None or user.role not in OVERVIEW_READERS:
        return None
    rule = disclosure_policy_for(user)
    lines, latest = cached(
        figures_version(authority=authority),
        ("home_matrix", authority.pk, rule),
        partial(_matrix_lines, authority=authority, rule=rule),
    )
    return HomePanel(
        key="performance.matrix",
        title="Where the measures stand",
        lead=f"{authority.name}, latest month {month_label(latest)}, as NHS England's "
        "Making Data Count summary reads it."
        if latest
        else "",
        lines=lines,
        empty="No Annex A figures have been imported yet.",
        more_url=reverse("performance:dashboard") + "#overview",
        more_text="The matrix of every measure",
        order=20,
    )


def _matrix_lines(
    *, authority: Authority, rule: object
) -> tuple[tuple[PanelLine, ...], str | None]:
    rows = [
        row
        for section in dashboard.disclose_sections(
            dashboard.dashboard(authority=authority, unit="la"),
            rule,  # type: ignore[arg-type]
            dashboard.unit_withheld(authority=authority, unit="la", policy=rule),  # type: ignore[arg-type]
        )
        for row in section.rows
    ]
    latest = max((row.latest.period for row in rows if row.latest), default=None)
    if latest is None:
        return (), None
    places = [overview.matrix_place(row) for row in rows]
    variation = dict(overview.VARIATIONS)
    assurance = dict(overview.ASSURANCES)

    def count(n: int) -> str:
        return f"{n} measure{'' if n == 1 else 's'}"

    lines = [
        PanelLine(
            text=f"{count(sum(1 for p in places if p and p[1] == key))}: {variation[key].lower()}",
            tag=tag,
            tag_colour=colour,  # type: ignore[arg-type]
        )
        for key, tag, colour in (
            ("concern", "Concern", "red"),
            ("improvement", "Improving", "blue"),
            ("common", "Common cause", "grey"),
        )
    ]
    lines += [
        PanelLine(
            text=f"{count(sum(1 for p in places if p and p[0] == key))}: {assurance[key].lower()}",
            tag=tag,
            tag_colour=colour,  # type: ignore[arg-type]
        )
        for key, tag, colour in (
            ("fail", "Failing", "red"),
            ("hit_or_miss", "Hit or miss", "yellow"),
            ("pass", "Passing", "green"),
        )
    ]
    unplaced = sum(1 for p in places if p is None)
    if unplaced:
        lines.append(PanelLine(text=f"{count(unplaced)}: too few months for a chart"))
    return tuple(lines), latest


def import_status(user: User) -> HomePanel | None:
    """For those who import or oversee imports (analysts, directors): the newest extracts,
    what their checks found, what waits for a decision."""
    authority = user.authority
    if authority is None or not can_view_imports(user):
        return None
    recent = list(
        AnnexAImport.objects.filter(authority=authority)
        .order_by("-pk")[:5]
        .only("pk", "extract_date", "status", "errors", "warnings", "not_computable")
    )
    lines = []
    for imp in recent[:3]:
        waiting = imp.status == AnnexAImport.Status.NEEDS_DECISION
        missing = len(imp.not_computable or [])
        lines.append(
            PanelLine(
                text=f"Annex A extracted {imp.extract_date:%d/%m/%Y}: {imp.get_status_display()}",
                url=reverse("performance:import_detail", args=[imp.pk]),
                detail=f"{imp.errors} errors and {imp.warnings} warnings in the check"
                + (f"; {missing} measures could not be computed" if missing else "")
                + ".",
                tag="Decide" if waiting else "Failed" if imp.status == "failed" else "",
                tag_colour="yellow" if waiting else "red" if imp.status == "failed" else "",
            )
        )
    return HomePanel(
        key="performance.imports",
        title="Imports and data quality",
        lines=tuple(lines),
        empty="No Annex A extract has been uploaded yet.",
        more_url=reverse("performance:imports"),
        more_text="Every import",
        order=40,
    )


home_panel_register(measures_needing_attention)
home_panel_register(matrix_counts)
home_panel_register(import_status)
