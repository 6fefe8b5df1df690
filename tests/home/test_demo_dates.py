"""The demo's dates hold together whatever day it is built: run with ``--clock`` on month ends,
a year end and 29 February (``make test-dates``) as well as the default day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from csc_measures.dates import bank_holidays, is_working_day, next_working_day
from sightline.governance.models import Inspection
from sightline.organisation.models import Authority


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 4), date(2026, 12, 4)),  # a Friday: itself
        (date(2026, 12, 5), date(2026, 12, 7)),  # Saturday → Monday
        (date(2026, 12, 6), date(2026, 12, 7)),  # Sunday → Monday
        (date(2026, 12, 25), date(2026, 12, 29)),  # Christmas (Fri), Boxing Day observed Mon 28
        (date(2027, 1, 1), date(2027, 1, 4)),  # New Year's Day (Fri) → Monday
        (date(2027, 3, 26), date(2027, 3, 30)),  # Good Friday → over Easter Monday
        (date(2027, 2, 28), date(2027, 3, 1)),  # a Sunday at the end of February
        (date(2028, 2, 29), date(2028, 2, 29)),  # 29 February 2028, a Tuesday
        (date(2030, 6, 30), date(2030, 7, 1)),  # a Sunday at a month end
        (date(2023, 5, 8), date(2023, 5, 9)),  # the Coronation bank holiday
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


def test_next_working_day_is_the_first_working_day_on_or_after() -> None:
    day = date(2026, 1, 1)
    while day < date(2031, 1, 1):
        found = next_working_day(day)
        assert is_working_day(found)
        assert found >= day
        assert all(not is_working_day(day + timedelta(n)) for n in range((found - day).days))
        assert found not in bank_holidays()
        day += timedelta(days=1)


def _not_working(days: Iterable[date | None]) -> list[str]:
    """The days that fall on a weekend or an English bank holiday, with their weekday."""
    return sorted({f"{d:%a %d/%m/%Y}" for d in days if d is not None and not is_working_day(d)})


# --- governance ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_governance_dates_are_working_days_and_each_meeting_has_its_own_actions(
    demo: Authority, clock_day: date, tmp_path: Path, settings: Any
) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"  # the plan's evidence files
    from sightline.governance.demo import demo_seed as governance_seed
    from sightline.governance.models import (
        InterventionStatus,
        Meeting,
        MeetingAction,
        RecommendationProgress,
        Risk,
    )
    from sightline.plan.demo import demo_seed as plan_seed

    plan_seed(authority=demo)
    governance_seed(authority=demo)
    meetings = Meeting.objects.filter(board__authority=demo)
    actions = MeetingAction.objects.filter(meeting__board__authority=demo)
    inspections = Inspection.objects.filter(authority=demo)
    days = [
        *meetings.values_list("date", flat=True),
        *actions.values_list("due_date", flat=True),
        *actions.values_list("closed_on", flat=True),
        *Risk.objects.filter(authority=demo).values_list("review_date", flat=True),
        *inspections.values_list("start_date", flat=True),
        *inspections.values_list("end_date", flat=True),
        *inspections.values_list("published_on", flat=True),
        *RecommendationProgress.objects.values_list("on", flat=True),
        *InterventionStatus.objects.filter(authority=demo).values_list("started_on", flat=True),
    ]
    assert _not_working(days) == []
    board = meetings.filter(board__kind="improvement").order_by("date")
    assert board.count() == 5
    assert [m.date <= clock_day for m in board] == [True] * 4 + [False]  # the next one ahead
    held = [m for m in board if m.date <= clock_day]
    asked = [tuple(a.description for a in m.actions.order_by("pk")) for m in held]
    assert all(len(a) == 3 for a in asked)
    every = [d for a in asked for d in a]
    assert len(set(every)) == len(every)  # no action repeated from one meeting to the next
    minutes = [m.minutes for m in held]
    assert len(set(minutes)) == len(minutes)
    for action in actions.filter(status="closed"):
        assert action.closed_on is not None
        assert action.closed_on <= min(action.due_date, clock_day)


# --- plan --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_dates_are_working_days_and_no_update_is_ahead_of_today(
    demo: Authority, clock_day: date, tmp_path: Path, settings: Any
) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"  # the plan's evidence files
    from sightline.plan.demo import plan_seed
    from sightline.plan.models import Action, DueDateRevision, Plan, ProgressUpdate

    assert plan_seed(authority=demo) is not None
    actions = Action.objects.filter(priority__plan__authority=demo)
    updates = ProgressUpdate.objects.filter(action__in=actions)
    days = [
        *Plan.objects.filter(authority=demo).values_list("starts_on", flat=True),
        *actions.values_list("start_date", flat=True),
        *actions.values_list("due_date", flat=True),
        *actions.values_list("revised_due_date", flat=True),
        *DueDateRevision.objects.filter(action__in=actions).values_list("new_due", flat=True),
        *updates.values_list("on", flat=True),
    ]
    assert _not_working(days) == []
    assert max(updates.values_list("on", flat=True)) <= clock_day


# --- voice -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_voice_meetings_events_and_due_dates_are_working_days(
    demo: Authority, clock_day: date
) -> None:
    from sightline.voice.demo import demo_seed
    from sightline.voice.models import BoardSubmission, ImpactStatement, ParticipationEvent

    demo_seed(authority=demo, report=lambda _: None)
    submissions = BoardSubmission.objects.filter(authority=demo)
    days = [
        *submissions.values_list("meeting_date", flat=True),
        *submissions.values_list("response_due", flat=True),
        *submissions.values_list("responded_on", flat=True),
        *ParticipationEvent.objects.filter(authority=demo).values_list("held_on", flat=True),
        *ImpactStatement.objects.filter(authority=demo).values_list("given_on", flat=True),
    ]
    assert _not_working(days) == []
    assert max(d for d in days if d is not None) <= clock_day
    assert sum(s.is_overdue(clock_day) for s in submissions) == 1


# --- audits ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_audit_dates_are_working_days_and_nothing_is_published_ahead_of_today(
    demo: Authority, clock_day: date
) -> None:
    from django.utils import timezone

    from sightline.audits.demo import demo_seed
    from sightline.audits.models import (
        Audit,
        LearningSummary,
        Moderation,
        Programme,
        RemedialAction,
    )

    assert demo_seed(authority=demo) > 700
    now = timezone.now()
    audits = Audit.objects.filter(authority=demo)
    remedial = RemedialAction.objects.filter(authority=demo)
    moderations = Moderation.objects.filter(audit__authority=demo, completed_at__isnull=False)
    local = timezone.localtime
    days = [
        *Programme.objects.filter(authority=demo).values_list("due_date", flat=True),
        *audits.values_list("due_date", flat=True),
        *remedial.values_list("due_date", flat=True),
        *(local(a.started_at).date() for a in audits.filter(started_at__isnull=False)),
        *(local(m.completed_at).date() for m in moderations),
        *(local(r.closed_at).date() for r in remedial.filter(closed_at__isnull=False)),
    ]
    assert _not_working(days) == []
    for field in ("started_at", "completed_at"):
        assert not audits.filter(**{f"{field}__gt": now}).exists()
    assert not moderations.filter(completed_at__gt=now).exists()
    assert not remedial.filter(closed_at__gt=now).exists()
    # no audited child without an imported extract but the fictional DEMO IDs
    assert not audits.exclude(child_id__startswith="DEMO").exists()
    summaries = list(LearningSummary.objects.filter(authority=demo).order_by("month"))
    assert len(summaries) in (11, 12)  # last month's is out about the tenth of this month
    assert all(s.published_at < now for s in summaries)
    assert all(local(s.published_at).date() < clock_day for s in summaries)
    assert all(s.month < clock_day.replace(day=1) for s in summaries)
    assert _not_working(local(s.published_at).date() for s in summaries) == []
    bodies = [s.body for s in summaries]
    assert len(set(bodies)) == len(bodies)
    assert all(f"{s.month:%B %Y}" in s.body for s in summaries)


@pytest.mark.django_db
def test_audited_children_are_children_of_the_imported_extract_in_the_audited_team(
    demo: Authority, clock_day: date, tmp_path: Path, settings: Any
) -> None:
    from csc_measures.synth import generate_annex_a
    from sightline.audits.demo import _case_pools, demo_seed
    from sightline.audits.models import Audit
    from sightline.performance.imports import annex_a_import_now

    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    as_of = clock_day.replace(day=1) - timedelta(days=1)  # one extract, last month end
    path = generate_annex_a(
        tmp_path / "annex_a.xlsx",
        fmt="xlsx",
        as_of=as_of,
        months=12,
        scale=0.1,
        seed=3,
        messy=False,
    )
    annex_a_import_now(by=None, authority=demo, path=path, extract_date=as_of)
    demo_seed(authority=demo)
    audits = list(Audit.objects.filter(authority=demo).select_related("programme"))
    pools = {month: _case_pools(demo, month) for month in {a.programme.month for a in audits}}
    ids = [a.child_id for a in audits]
    assert [i for i in ids if not i.startswith("SYN")] == []
    every = {i for by_team in pools.values() for team in by_team.values() for i in team}
    assert set(ids) <= every
    by_month = Counter((a.programme_id, a.child_id) for a in audits)
    assert max(by_month.values()) == 1  # no child audited twice in a month
    # a child of another team only when every child of the team is audited that month
    month_ids: dict[int, set[str]] = {}
    for a in audits:
        month_ids.setdefault(a.programme_id, set()).add(a.child_id)
    in_team = 0
    for a in audits:
        team_ids = set(pools[a.programme.month].get(a.team_id, ()))
        if a.child_id in team_ids:
            in_team += 1
        else:
            assert team_ids <= month_ids[a.programme_id], a
    assert in_team >= 0.75 * len(audits)  # a small extract (scale 0.1): small teams run out


# --- the Annex A extracts ------------------------------------------------------------------


def test_the_extracts_are_as_of_the_last_month_end_before_today(clock_day: date) -> None:
    from csc_measures.dates import month_end
    from csc_measures.synth.generate import month_ends
    from sightline.home.demo import DATA_EXTRACTS, data_as_of

    as_of = data_as_of()
    assert as_of == month_end(as_of) < clock_day
    assert (clock_day - as_of).days <= 31
    assert data_as_of(date(2026, 12, 4)) == date(2026, 11, 30)
    assert data_as_of(date(2026, 11, 30)) == date(2026, 10, 31)  # November is not over
    assert data_as_of(date(2028, 3, 1)) == date(2028, 2, 29)
    dates = month_ends(as_of, DATA_EXTRACTS)
    assert len(set(dates)) == DATA_EXTRACTS
    assert dates[-1] == as_of
    assert all(d == month_end(d) for d in dates)
