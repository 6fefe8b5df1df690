"""A year of synthetic case-file audits for the demo authority.

Early months look like the council papers (about 30% good or outstanding, 62% requires
improvement, 8% inadequate) and improve over the year, unevenly and more in some teams than
others. The children audited are synthetic children of the imported Annex A extracts, each
from the team the audit is for (``DEMO…`` IDs when no extract has been imported). Every date
a person would act on (an audit, a due date, a moderation, a published summary) is a working
day, and none is after today. Idempotent: it does nothing when the authority already has an
audit programme.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from csc_measures.dates import add_months, month_end, next_working_day
from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.organisation.models import Authority, Team
from sightline.performance.figures import latest_period

from .models import (
    GRADE_ORDER,
    Answer,
    Audit,
    Framework,
    LearningSummary,
    LearningTheme,
    Moderation,
    Programme,
    RemedialAction,
)
from .selectors import candidates_from_measure
from .services import auditor_refusal, frameworks_install_defaults

SEED = 5
MONTHS = 12
CASES_PER_TEAM = 2

_ACTIONS = (
    "Update the chronology and share it with the family.",
    "Hold a reflective supervision on this case within two weeks.",
    "Record the child's views in their own words after the next visit.",
    "Review the plan: make each action specific and timed.",
    "Complete direct work with the child and upload it to the record.",
    "Record how the child's culture, language and religion inform the plan.",
    "Convene a strategy discussion about the escalating concerns.",
)
_FINDINGS = {
    "outstanding": "Exemplary, child-centred practice; the child's voice runs through the record.",
    "good": "Purposeful work with a clear plan; minor gaps in recording.",
    "requires_improvement": "Visits are regular but the plan has drifted and oversight is "
    "task-focused.",
    "inadequate": "Risks are not recognised and management oversight is absent.",
}
#: The learning summary's advice to teams, by calendar month (January first): one point a
#: month, so that no two summaries of the year read alike.
_PRACTICE_POINTS = (
    "Teams should update chronologies after the holiday period: several stopped in December.",
    "Plans should name who does what by when; too many still say \u201cto be monitored\u201d.",
    "Managers should record why a case stays open, not only that it was discussed.",
    "Direct work should be uploaded to the child's record, with the child's own words.",
    "Strategy discussions should record each agency's view, not only the decision.",
    "Visits should be recorded within two working days, with what the child said and did.",
    "Before the summer break, check each child's plan has a named person covering contact.",
    "Return-home interviews after missing episodes should be on file within 72 hours.",
    "Plans for children starting a new school year should say who tells the school what.",
    "Supervision records should show reflection on the child's experience, not only tasks.",
    "Children's identity, culture and faith should shape the plan, not only be described.",
    "Before Christmas, make sure every child's contingency plan is clear to their carers.",
)


def _month_start(day: date, back: int) -> date:
    year, month = day.year, day.month - back
    while month <= 0:
        month += 12
        year -= 1
    return date(year, month, 1)


def _probabilities(progress: float, team_effect: float, rng: random.Random) -> list[float]:
    """Grade probabilities (outstanding, good, RI, inadequate) moving from the papers'
    baseline towards a better mix, with noise so the improvement is not smooth."""
    good = 0.27 + 0.22 * progress + team_effect + rng.uniform(-0.08, 0.08)
    inadequate = max(0.02, 0.08 - 0.04 * progress - team_effect / 3 + rng.uniform(-0.02, 0.03))
    good = min(max(good, 0.1), 0.8)
    outstanding = good * 0.12
    return [outstanding, good - outstanding, max(0.0, 1 - good - inadequate), inadequate]


def _near(grade: str, rng: random.Random) -> str:
    index = GRADE_ORDER.index(grade) + rng.choice((-1, 0, 0, 0, 1))
    return GRADE_ORDER[min(max(index, 0), 3)]


def _aware(day: date, minutes: int) -> datetime:
    start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=timezone.get_current_timezone())
    return start + timedelta(minutes=minutes)


def _working(moment: datetime) -> datetime:
    """The same time of day on the first working day on or after ``moment``'s date."""
    return moment + timedelta(days=(next_working_day(moment.date()) - moment.date()).days)


#: Where a team's children come from in the imported extracts: the children on its social
#: workers' caseloads, then care leavers (the Leaving Care Service), then referrals (the front
#: door), as (measure, part of the figure).
CASE_SOURCES = (("WF01", "numerator"), ("CL06", "denominator"), ("FD02", "numerator"))


def _case_pools(authority: Authority, month: date) -> dict[int, list[str]]:
    """Team id → the IDs of children counted for the team in ``month`` (or in the latest month
    with figures) in the imported Annex A extracts; empty when none is imported."""

    pools: dict[int, dict[str, None]] = {}
    for measure_id, part in CASE_SOURCES:
        latest = latest_period(authority=authority, measure_id=measure_id)
        if latest is None:  # nothing imported
            continue
        # that month's figures, else the latest (an extract holds a snapshot measure such as
        # caseloads only in its own month)
        for when in (month, None) if f"{month:%Y-%m}" <= latest else (None,):
            try:
                found = candidates_from_measure(
                    authority=authority, measure_id=measure_id, month=when, part=part
                )
            except ValidationError:  # no children counted that month
                continue
            for team, ids in found.items():
                pools.setdefault(team.pk, {}).update(dict.fromkeys(ids))
            break
    return {team: list(ids) for team, ids in pools.items()}


def _pick_child(
    team: Team, pools: dict[int, list[str]], seen: tuple[set[str], set[str]], rng: random.Random
) -> str | None:
    """A child of the team, not audited before if possible and never twice in a month (of
    another team only when the team has no child left to audit this month). ``seen`` is the
    children audited (ever, this month), updated here."""
    ever, this_month = seen
    everyone = sorted({c for ids in pools.values() for c in ids})
    for candidates, exclude in (
        (pools.get(team.pk, []), ever),
        (pools.get(team.pk, []), this_month),
        (everyone, ever),
        (everyone, this_month),
    ):
        choices = [c for c in candidates if c not in exclude]
        if choices:
            child = rng.choice(choices)
            ever.add(child)
            this_month.add(child)
            return child
    return None


def _summary(month: date, audits: list[Audit], previous: float | None) -> tuple[str, float]:
    """The QA lead's learning summary of a month's completed audits, and its share of good or
    outstanding grades (to compare the next month with)."""
    grades = Counter(a.overall_grade for a in audits)
    total = sum(grades.values())
    good = grades["outstanding"] + grades["good"]
    share = 100 * good / total if total else 0.0
    if previous is None or round(share) == round(previous):
        change = ""
    else:
        change = (
            f", {'up' if share > previous else 'down'} from {round(previous)}% the month before"
        )
    themes = Counter(t.name for a in audits for t in a.themes.all()).most_common(2)
    found = " and ".join(f"\u201c{name}\u201d" for name, _ in themes) or "none"
    teams = len({a.team_id for a in audits})
    body = (
        f"In {month:%B %Y} {total} case files were audited across {teams} teams: {good} good or "
        f"outstanding ({round(share)}%{change}), {grades['requires_improvement']} requiring "
        f"improvement and {grades['inadequate']} inadequate. The themes auditors recorded most "
        f"often were {found}. {_PRACTICE_POINTS[month.month - 1]}"
    )
    return body, share


@dataclass(frozen=True)
class _Context:
    rng: random.Random
    framework: Framework
    themes: list[LearningTheme]
    people: dict[str, User]
    owners: list[User]
    qa: User
    manager: User | None
    today: date


def _complete(
    audit: Audit, ctx: _Context, progress: float, team_effect: float, month: date
) -> None:
    """Fill in, complete and follow up one synthetic audit."""
    rng, framework = ctx.rng, ctx.framework
    weights = _probabilities(progress, team_effect, rng)
    grade = rng.choices(GRADE_ORDER, weights=weights)[0]
    start_day = next_working_day(month + timedelta(days=rng.randint(2, 24)))
    started = _aware(start_day, rng.randint(0, 420))
    minutes = max(6, int(rng.lognormvariate(2.95 - 0.25 * progress, 0.35)))
    audit.status = Audit.Status.COMPLETED
    audit.started_at = started
    audit.completed_at = started + timedelta(minutes=minutes)
    audit.overall_grade = grade
    audit.area_grades = {a["key"]: _near(grade, rng) for a in framework.areas}
    score = GRADE_ORDER.index(grade)
    audit.answers = {
        q["key"]: {
            "answer": rng.choices(Answer.values, weights=[4 - score, 2, 1 + score])[0],
            "comment": "",
        }
        for q in framework.questions
    }
    audit.findings = _FINDINGS[grade]
    audit.practitioner_conversation = (
        "Discussed the findings; the social worker reflected on the plan and agreed next steps."
    )
    audit.participation = rng.choice(Audit.Participation.values[:4])
    audit.participation_notes = "Views recorded in the audit conversation."
    audit.save()
    audit.themes.set(rng.sample(ctx.themes, rng.randint(1, 3)))
    _moderate(audit, ctx, grade)
    _follow_up(audit, ctx, grade)


def _moderate(audit: Audit, ctx: _Context, grade: str) -> None:
    rng, qa = ctx.rng, ctx.qa
    completed = audit.completed_at
    assert completed is not None  # noqa: S101 - completed by the caller
    sampled = grade == "inadequate" or rng.random() < 0.10
    if sampled:
        audit.selected_for_moderation = True
        audit.save(update_fields=["selected_for_moderation"])
        moderation = Moderation(
            audit=audit,
            reason_selected="Every inadequate grade is moderated"
            if grade == "inadequate"
            else "Random sample (10%)",
        )
        recent = completed.date() > ctx.today - timedelta(days=45)
        done_at = _working(completed + timedelta(days=5))
        if (not recent or rng.random() < 0.5) and done_at <= timezone.now():
            agreed = rng.random() < 0.8
            moderation.moderator = qa
            moderation.agreed = agreed
            moderation.moderated_grade = grade if agreed else _near(grade, rng)
            if moderation.moderated_grade == grade:
                moderation.agreed = True
            else:
                moderation.reason = "The record shows drift the auditor did not weigh."
            moderation.completed_at = done_at
        moderation.save()


def _follow_up(audit: Audit, ctx: _Context, grade: str) -> None:
    rng, manager, owners, today, team = ctx.rng, ctx.manager, ctx.owners, ctx.today, audit.team
    assert audit.completed_at is not None  # noqa: S101 - completed above
    if GRADE_ORDER.index(grade) >= 2 and rng.random() < 0.6:
        owner = manager if manager and team.pk == manager.team_id else rng.choice(owners)
        action_due = next_working_day(
            audit.completed_at.date() + timedelta(days=rng.randint(14, 42))
        )
        action = RemedialAction(
            authority_id=audit.authority_id,
            audit=audit,
            description=rng.choice(_ACTIONS),
            owner=owner,
            due_date=action_due,
            created_by=audit.auditor,
        )
        close_rate = 0.97 if action_due < today - timedelta(days=60) else 0.7
        if action_due < today and rng.random() < close_rate:
            action.status = RemedialAction.Status.CLOSED
            action.evidence = "Done and checked in supervision; see the case record."
            action.closed_by = owner
            closed_on = next_working_day(action_due - timedelta(days=rng.randint(0, 7)))
            action.closed_at = _aware(closed_on, 0)
        action.save()


def _publish_summary(
    programme: Programme, qa: User, today: date, previous: float | None
) -> float | None:
    """Publish the learning summary of a month's audits on about the tenth of the next month,
    unless that is not before today. Returns the month's share of good or outstanding grades
    (``previous`` when nothing is published)."""
    published = next_working_day(add_months(programme.month, 1) + timedelta(days=9))
    if published >= today:
        return previous
    done = list(
        Audit.objects.filter(programme=programme, status=Audit.Status.COMPLETED).prefetch_related(
            "themes"
        )
    )
    body, share = _summary(programme.month, done, previous)
    LearningSummary.objects.create(
        authority_id=programme.authority_id,
        month=programme.month,
        body=body,
        published_by=qa,
        published_at=_aware(published, 0),
    )
    return share


@transaction.atomic
def demo_seed(*, authority: Authority, report: Callable[[str], None] = lambda _: None) -> int:
    """Seed a year of audits; returns how many audits were created (0 when already seeded)."""
    frameworks_install_defaults(authority=authority)
    if Programme.objects.filter(authority=authority).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - reproducible synthetic demo data, not security
    framework = Framework.objects.get(
        authority=authority, key="practice-fundamentals", is_current=True
    )
    people = {u.username: u for u in User.objects.filter(authority=authority)}
    # The QA lead moderates, so audits are done by the auditor, a head of service and a team
    # manager (never on their own locality's or team's cases).
    auditors = [people[n] for n in ("auditor", "auditor", "hos", "manager") if n in people]
    manager = people.get("manager")
    owners = [people[n] for n in ("owner", "hos") if n in people]
    qa = people.get("qa")
    if not auditors or qa is None:
        return 0
    teams = list(Team.objects.filter(authority=authority, is_active=True).order_by("name"))
    themes = list(LearningTheme.objects.filter(authority=authority))
    today = timezone.localdate()
    ctx = _Context(rng, framework, themes, people, owners, qa, manager, today)
    effects = {t.pk: rng.uniform(-0.12, 0.1) for t in teams}
    for strong in rng.sample(teams, 4):  # a few teams already practising well
        effects[strong.pk] = 0.3
    # Children are picked with their own generator, so the grades and dates are the same
    # whether or not extracts were imported.
    picker = random.Random(SEED + 1)  # noqa: S311 - reproducible synthetic demo data
    audited: set[str] = set()  # ever
    share: float | None = None
    created = 0
    for back in range(MONTHS, -1, -1):
        month = _month_start(today, back)
        progress = (MONTHS - back) / MONTHS
        due = next_working_day(month_end(month))
        pools = _case_pools(authority, month)
        seen = (audited, set[str]())
        programme = Programme.objects.create(
            authority=authority,
            month=month,
            framework=framework,
            cases_per_team=CASES_PER_TEAM,
            due_date=due,
            created_by=qa,
        )
        for team in teams:
            for _ in range(CASES_PER_TEAM):
                fallback = f"DEMO{rng.randint(100000, 999999)}"
                child_id = _pick_child(team, pools, seen, picker) or fallback
                auditor = rng.choice(auditors)
                if auditor_refusal(
                    auditor=auditor, audit=Audit(team=team, authority=authority)
                ) or (
                    auditor.role == "head_of_service" and team.locality_id == auditor.locality_id
                ):
                    auditor = auditors[0]
                audit = Audit(
                    authority=authority,
                    programme=programme,
                    framework=framework,
                    team=team,
                    child_id=child_id,
                    auditor=auditor,
                    due_date=due,
                    practitioner=f"Practitioner {rng.randint(1, 9)}",
                )
                # The current month is in progress; a few of last month's are overdue.
                in_progress = back == 0 or (back == 1 and rng.random() < 0.08)
                if in_progress:
                    started = _aware(next_working_day(month), rng.randint(0, 600))
                    if rng.random() < 0.4 and started <= timezone.now():
                        audit.status = Audit.Status.IN_PROGRESS
                        audit.started_at = started
                        audit.findings = "Draft: reading the record."
                    audit.save()
                    created += 1
                    continue
                _complete(audit, ctx, progress, effects[team.pk], month)
                created += 1
        if back >= 1:
            share = _publish_summary(programme, qa, today, share)
    audit_record(
        actor=None,
        action="audits.demo_seed",
        authority=authority,
        changes={"audits": {"from": 0, "to": created}},
        actor_label="demo",
    )
    report(f"Case-file audits: {created} synthetic audits over {MONTHS + 1} months.")
    return created
