"""Reads of the audits people do: what each person may see and must do, frameworks,
moderation, auditors, summaries, and the children a measure offers for sampling."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from sightline.accounts.models import User
from sightline.audits.frameworks import DEFAULT_FRAMEWORKS, framework_unsaved
from sightline.audits.models import (
    Audit,
    Framework,
    LearningSummary,
    Moderation,
    RemedialAction,
)
from sightline.audits.stats import median
from sightline.core.permissions import can_see_audit_cases
from sightline.core.roles import Role
from sightline.organisation.models import Authority, Team
from sightline.performance.children import DrillDownError, children_by_team
from sightline.performance.figures import latest_period

#: Targets from the council papers (DfE adviser's tracker).
TARGET_INADEQUATE_MAX = 0.12


TARGET_GOOD_MIN = 0.42


#: The framework the figures are about unless another is chosen.
MAIN_FRAMEWORK = "practice-fundamentals"


def _aid(*, user: User) -> int:
    """The user's authority (0, which matches nothing, for a platform superuser)."""
    return user.authority_id or 0


def audits_visible(*, user: User) -> QuerySet[Audit]:
    """The audits this person may see one by one (none for aggregates-only roles)."""
    qs = Audit.objects.filter(authority_id=_aid(user=user)).select_related(
        "team", "auditor", "framework"
    )
    if not can_see_audit_cases(user):
        return qs.none()
    if user.role in (Role.QA_LEAD, Role.DIRECTOR):
        return qs
    if user.role == Role.AUDITOR:
        return qs.filter(auditor=user)
    if user.role == Role.HEAD_OF_SERVICE:
        return qs.filter(Q(team__locality_id=user.locality_id) | Q(auditor=user))
    if user.role == Role.TEAM_MANAGER:
        return qs.filter(Q(team_id=user.team_id) | Q(auditor=user))
    return qs.none()


def audits_to_do(*, user: User) -> QuerySet[Audit]:
    """Audits assigned to this person and not completed, soonest due first."""
    return (
        Audit.objects.filter(authority_id=_aid(user=user), auditor=user)
        .exclude(status=Audit.Status.COMPLETED)
        .select_related("team", "framework")
        .order_by("due_date", "pk")
    )


def audits_overdue(*, authority: Authority, today: date | None = None) -> QuerySet[Audit]:
    today = today or timezone.localdate()
    return (
        Audit.objects.filter(authority=authority, due_date__lt=today)
        .exclude(status=Audit.Status.COMPLETED)
        .select_related("team", "auditor")
    )


def actions_visible(*, user: User) -> QuerySet[RemedialAction]:
    """Actions this person owns, plus those in their scope (team, locality, or all)."""
    qs = RemedialAction.objects.filter(authority_id=_aid(user=user)).select_related(
        "owner", "audit__team"
    )
    mine = Q(owner=user)
    if user.role in (Role.QA_LEAD, Role.DIRECTOR):
        return qs
    if user.role == Role.HEAD_OF_SERVICE:
        return qs.filter(mine | Q(audit__team__locality_id=user.locality_id))
    if user.role == Role.TEAM_MANAGER:
        return qs.filter(mine | Q(audit__team_id=user.team_id))
    if user.role == Role.AUDITOR:
        return qs.filter(mine | Q(audit__auditor=user))
    return qs.filter(mine)


def actions_overdue(
    *, qs: QuerySet[RemedialAction], today: date | None = None
) -> QuerySet[RemedialAction]:
    return qs.filter(status=RemedialAction.Status.OPEN, due_date__lt=today or timezone.localdate())


def actions_escalated_to(*, user: User, today: date | None = None) -> QuerySet[RemedialAction]:
    """Overdue actions that escalate to this person: to the head of service of the audited
    team's locality (the next manager up from team managers and social workers), and to the
    QA lead and director for every team."""
    today = today or timezone.localdate()
    qs = actions_overdue(
        qs=RemedialAction.objects.filter(authority_id=_aid(user=user)), today=today
    ).select_related("owner", "audit__team")
    if user.role in (Role.QA_LEAD, Role.DIRECTOR):
        return qs
    if user.role == Role.HEAD_OF_SERVICE:
        return qs.filter(Q(audit__team__locality_id=user.locality_id)).exclude(owner=user)
    return qs.none()


def current_frameworks(*, authority: Authority) -> list[Framework]:
    """The authority's current frameworks, with any default one it does not have yet as an
    unsaved row (the defaults are installed when an authority is created; a page that reads
    them never writes them)."""
    found = list(Framework.objects.filter(authority=authority, is_current=True))
    keys = set(Framework.objects.filter(authority=authority).values_list("key", flat=True))
    missing = [
        framework_unsaved(authority=authority, spec=spec)
        for spec in DEFAULT_FRAMEWORKS
        if spec["key"] not in keys
    ]
    if not missing:
        return found
    return sorted([*found, *missing], key=lambda f: (f.kind, f.title, -f.version))


def moderation_queue(*, authority: Authority) -> QuerySet[Moderation]:
    return Moderation.objects.filter(
        audit__authority=authority, completed_at__isnull=True
    ).select_related("audit__team", "audit__auditor")


def median_completion_minutes(*, authority: Authority, since: date | None = None) -> float | None:
    """Median minutes from first opening an audit to completing it (as the app records)."""
    qs = Audit.objects.filter(
        authority=authority, completed_at__isnull=False, started_at__isnull=False
    )
    if since:
        qs = qs.filter(completed_at__date__gte=since)
    minutes = [
        (done - started).total_seconds() / 60
        for started, done in qs.values_list("started_at", "completed_at")
        if started is not None and done is not None
    ]
    return median(minutes)


def learning_summaries(*, authority: Authority) -> QuerySet[LearningSummary]:
    return LearningSummary.objects.filter(authority=authority).select_related("published_by")


def assignable_auditors(*, audit: Audit) -> list[User]:
    """People who may be given this audit (never the case's own team manager)."""
    from sightline.audits.services import AUDITOR_ROLES, auditor_refusal

    people = User.objects.filter(
        authority_id=audit.authority_id, is_active=True, role__in=AUDITOR_ROLES
    ).order_by("last_name", "first_name")
    return [p for p in people if auditor_refusal(auditor=p, audit=audit) is None]


def candidates_from_measure(
    *, authority: Authority, measure_id: str, month: date | None, part: str
) -> dict[Team, list[str]]:
    """Each team's children counted in ``part`` of a measure's figure for ``month`` (the
    latest month with figures when None), from the performance module's stored imports.

    Raises a ValidationError when there are no figures or no children to sample from.
    """
    from django.core.exceptions import ValidationError

    period = (
        month.strftime("%Y-%m")
        if month
        else latest_period(authority=authority, measure_id=measure_id)
    )
    if period is None:
        raise ValidationError({"measure": f"There are no figures for {measure_id} yet."})
    try:
        found = children_by_team(
            authority=authority, measure_id=measure_id, period=period, part=part
        )
    except DrillDownError as exc:
        raise ValidationError({"measure": str(exc)}) from exc
    result: dict[Team, list[str]] = {
        team: list(found[team.name])
        for team in Team.objects.filter(authority=authority).order_by("name")
        if found.get(team.name)
    }
    if not result:
        raise ValidationError(
            {"measure": f"No children are counted in the {part} of {measure_id} in {period}."}
        )
    return result
