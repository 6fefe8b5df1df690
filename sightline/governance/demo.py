"""Synthetic demo data for governance: Anyshire's boards, a year of Improvement Board meetings
with actions, a risk register and an inspection history (fictional names and text)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from csc_measures.dates import next_working_day
from sightline.accounts.models import User
from sightline.organisation.models import Authority
from sightline.plan.models import Action, Plan, Priority

from . import services
from .frameworks import frameworks_ensure
from .models import Board, Framework, Inspection, RecommendationProgress, Risk

RI = "Requires improvement to be good"

RECOMMENDATIONS = [
    (
        (
            "The timeliness and application of consistent thresholds for child protection strategy "
            "meetings."
        ),
        1,
        ["1.1", "1.2"],
    ),
    (
        (
            "The suitability of accommodation for care leavers to meet their needs, including to "
            "feel safe."
        ),
        4,
        ["4.2"],
    ),
    (
        "The frequency and quality of case supervision, so that it drives children's plans.",
        1,
        ["1.3"],
    ),
    (
        "The allocation of personal advisers to care leavers at the earliest opportunity.",
        4,
        ["4.1"],
    ),
    (
        "The effectiveness of the IT systems in supporting practitioners to record their work.",
        6,
        ["6.2"],
    ),
]

#: Days from today of the Improvement Board's meetings (each moved to a working day); the last
#: is the next meeting, not yet held.
SCHEDULE = (-300, -210, -120, -35, 21)

#: What each meeting held so far minuted, decided and asked for, in the order of SCHEDULE:
#: (minutes, decision, actions as (description, owner: a demo username, or the name of a
#: partner who is not a user), the note closing the first action, or "" while it is open).
MEETINGS: tuple[tuple[str, str, tuple[tuple[str, str], ...], str], ...] = (
    (
        (
            "The chair welcomed members to the first meeting on the Accelerated Improvement Plan. "
            "The board agreed the measures and targets behind each priority and asked for the "
            "evidence of impact behind each action reported complete (the \u201cso what?\u201d)."
        ),
        (
            "Actions reported complete stay \u201ccomplete, impact not yet evidenced\u201d until "
            "the SRO shows the difference in the measures or in audits."
        ),
        (
            ("Bring a deep dive on re-referrals, with audit findings, to the next board.", "owner"),
            ("Circulate the workforce dashboard with agency rates by team.", "analyst"),
            (
                "Confirm the police attendance rate at strategy meetings.",
                "Detective Superintendent Kay Morrow",
            ),
        ),
        "Deep dive presented; findings added to priority 2.",
    ),
    (
        (
            "The board received the deep dive on re-referrals and the first workforce dashboard. "
            "Members challenged the pace of the fostering campaign and welcomed the fall in "
            "agency social workers in the assessment teams."
        ),
        (
            "Re-referrals within 12 months become a standing measure in every performance report, "
            "with the front door panel's findings."
        ),
        (
            (
                (
                    "Set out the fostering campaign's recruitment trajectory against the "
                    "sufficiency strategy."
                ),
                "owner",
            ),
            ("Report the findings of the multi-agency audit of strategy meetings.", "hos"),
            (
                (
                    "Share health partners' plan for initial health assessments within 20 working "
                    "days."
                ),
                "board",
            ),
        ),
        "Trajectory presented: 12 new carers approved against a target of 30; campaign extended.",
    ),
    (
        (
            "The board noted the fall in assessments completed within 45 working days after "
            "agency workers left the assessment teams, and asked for a recovery plan. The care "
            "leavers' accommodation recommendation is still not met."
        ),
        (
            "The assessment teams' caseload cap of 18 is kept while the recovery plan runs; the "
            "DCS reports on it at each meeting."
        ),
        (
            (
                (
                    "Bring the recovery plan for assessments within 45 working days, with weekly "
                    "figures."
                ),
                "owner",
            ),
            (
                "Report the care leavers' accommodation figures by district council.",
                "hos",
            ),
            (
                "Confirm police attendance at initial child protection conferences.",
                "Detective Superintendent Kay Morrow",
            ),
        ),
        "",
    ),
    (
        (
            "The board heard from two Ambassadors about changes of social worker, then received "
            "the performance report and the SRO updates. Assessment timeliness is recovering; "
            "placement stability remains the main concern."
        ),
        (
            "Priority 3 (placement stability) comes to the next meeting as a deep dive with the "
            "children's own accounts."
        ),
        (
            (
                "Prepare the placement stability deep dive with the Children in Care Council.",
                "hos",
            ),
            (
                (
                    "Add the number of children with three or more social workers in a year to "
                    "the performance report."
                ),
                "analyst",
            ),
            (
                (
                    "Present the evidence of impact behind the actions reported complete in "
                    "priorities 1 and 6."
                ),
                "director",
            ),
        ),
        "",
    ),
)


@transaction.atomic
def governance_seed(*, authority: Authority, today: date | None = None) -> bool:
    """Seed once per authority (after the plan); returns whether anything was created."""
    if Board.objects.filter(authority=authority).exists():
        return False
    people = {u.username: u for u in User.objects.filter(authority=authority)}
    director = people.get("director")
    if director is None:
        return False
    today = today or timezone.localdate()
    frameworks_ensure()
    plan = Plan.objects.filter(authority=authority, status=Plan.Status.ACTIVE).first()
    priorities = {p.number: p for p in Priority.objects.filter(plan=plan)} if plan else {}
    actions = {a.reference: a for a in Action.objects.filter(priority__plan=plan)} if plan else {}

    board = services.board_create(
        by=director,
        authority=authority,
        name="Children's Services Improvement Board",
        kind=Board.Kind.IMPROVEMENT,
        purpose="Oversees the Accelerated Improvement Plan every six weeks; senior "
        "responsible officers report by workstream.",
    )
    for name, role, org, user, chair, independent in [
        ("Professor Rowan Hartley", "Independent chair", "Independent", None, True, True),
        (
            "Councillor Iris Penhallow",
            "Leader of the Council",
            "Anyshire County Council",
            None,
            False,
            False,
        ),
        (
            "Dana Ashworth",
            "Director of Children's Services",
            "Anyshire County Council",
            director,
            False,
            False,
        ),
        (
            "Bernard Achebe",
            "Partner representative",
            "Anyshire Integrated Care Board",
            people.get("board"),
            False,
            False,
        ),
        (
            "Adrian Fairweather",
            "DfE adviser",
            "Department for Education",
            people.get("adviser"),
            False,
            True,
        ),
        (
            "Detective Superintendent Kay Morrow",
            "Partner representative",
            "Anyshire Police",
            None,
            False,
            False,
        ),
    ]:
        services.board_member_add(
            by=director,
            board=board,
            name=name,
            role=role,
            organisation=org,
            user=user,
            is_chair=chair,
            is_independent=independent,
        )
    scrutiny = services.board_create(
        by=director,
        authority=authority,
        name="Children and Families Overview and Scrutiny Committee",
        kind=Board.Kind.SCRUTINY,
        purpose="Elected members scrutinise the improvement journey quarterly.",
    )
    services.board_member_add(
        by=director,
        board=scrutiny,
        name="Councillor Meera Patel",
        role="Chair of the committee",
        organisation="Anyshire County Council",
        user=people.get("member"),
        is_chair=True,
    )
    services.board_create(
        by=director,
        authority=authority,
        name="Cabinet",
        kind=Board.Kind.CABINET,
        purpose="Approves the improvement plan and receives its progress reports.",
    )

    owner = people.get("owner") or director
    hos = people.get("hos") or director
    analyst = people.get("analyst") or director
    for index, offset in enumerate(SCHEDULE):
        meeting = services.meeting_create(
            by=director,
            board=board,
            date=next_working_day(today + timedelta(days=offset)),
            location="Council chamber, Shire Hall, and online",
        )
        services.agenda_item_add(
            by=director,
            meeting=meeting,
            title="Performance report: the child's journey",
            presenter="Anya Lindqvist, performance analyst",
            summary="Monthly measures with targets and signal or noise.",
            measure_ids=["FD04", "CP03", "CL02"],
        )
        services.agenda_item_add(
            by=director,
            meeting=meeting,
            title="Practice fundamentals and the front door (priorities 1 and 2)",
            presenter="Olwen Ng, senior responsible officer",
            priorities=[priorities[n] for n in (1, 2) if n in priorities],
            measure_ids=["CP09", "AS02"],
        )
        services.agenda_item_add(
            by=director,
            meeting=meeting,
            title="Care leavers and placements (priorities 3 and 4)",
            presenter="Harriet Osei, head of service",
            priorities=[priorities[n] for n in (3, 4) if n in priorities],
            measure_ids=["CL06", "LA04"],
        )
        if index >= len(MEETINGS):
            continue  # not held yet
        minutes, decision, meeting_actions, closing_note = MEETINGS[index]
        services.meeting_minutes_save(
            by=director, meeting=meeting, seen_version=None, minutes=minutes
        )
        services.decision_add(by=director, meeting=meeting, text=decision)
        due = next_working_day(meeting.date + timedelta(days=42))
        created = []
        for description, held_by in meeting_actions:
            user = None if " " in held_by else people.get(held_by) or director
            created.append(
                services.meeting_action_add(
                    by=director,
                    meeting=meeting,
                    description=description,
                    due_date=due,
                    owner=user,
                    owner_name="" if user else held_by,
                )
            )
        if closing_note:
            services.meeting_action_close(
                by=director,
                meeting_action=created[0],
                seen_version=None,
                closed_on=next_working_day(due - timedelta(days=3)),
                note=closing_note,
            )
    scrutiny_meeting = services.meeting_create(
        by=director,
        board=scrutiny,
        date=next_working_day(today - timedelta(days=60)),
        location="Shire Hall",
    )
    services.agenda_item_add(
        by=director,
        meeting=scrutiny_meeting,
        title="Improvement plan progress",
        presenter="Dana Ashworth, Director of Children's Services",
        priorities=list(priorities.values()),
    )
    services.meeting_action_add(
        by=director,
        meeting=scrutiny_meeting,
        description="Report the care leavers' accommodation figures by district.",
        owner=hos,
        due_date=next_working_day(today + timedelta(days=10)),
    )

    for ref, title, cause, consequence, lik, imp, trend, who, mitig, prios, measures in [
        (
            "R1",
            "Loss of case recording systems after a cyber attack on the ICT provider",
            "The ICT provider is a target for ransomware; recovery depends on the supplier.",
            "Practitioners cannot see or record children's information; reporting is delayed.",
            3,
            5,
            Risk.Trend.STABLE,
            analyst,
            "Offline contingency forms; daily backups tested; business continuity exercise.",
            [6],
            [],
        ),
        (
            "R2",
            "Recruitment and retention of permanent social workers",
            "A national shortage and higher pay in neighbouring councils.",
            "High caseloads, agency reliance, and children changing social worker.",
            4,
            4,
            Risk.Trend.RISING,
            hos,
            "Social work academy; retention payments; caseload cap in assessment teams.",
            [5],
            ["WF01", "WF02"],
        ),
        (
            "R3",
            "Rising demand at the front door",
            "More contacts from schools and police since the threshold training.",
            "Assessments go out of timescale and re-referrals rise.",
            4,
            3,
            Risk.Trend.RISING,
            owner,
            "Daily front door triage; early help step-down; partner threshold clinics.",
            [2],
            ["FD01", "FD04"],
        ),
        (
            "R4",
            "Insufficient local placements for children in care",
            "Few in-house foster carers and a tight residential market.",
            "Children placed far from home; placement moves; cost pressure.",
            3,
            4,
            Risk.Trend.STABLE,
            owner,
            "Fostering campaign; two small children's homes; sufficiency strategy.",
            [3],
            ["LA04"],
        ),
        (
            "R5",
            "Leadership capacity during the improvement journey",
            "Interim posts in the senior leadership team.",
            "Loss of pace and grip on the plan.",
            2,
            4,
            Risk.Trend.FALLING,
            director,
            "Permanent appointments made; succession plan.",
            [],
            [],
        ),
    ]:
        services.risk_create(
            by=director,
            authority=authority,
            reference=ref,
            title=title,
            cause=cause,
            consequence=consequence,
            likelihood=lik,
            impact=imp,
            trend=trend,
            owner=who,
            mitigations=mitig,
            review_date=next_working_day(today + timedelta(days=30 if ref != "R5" else -10)),
            priorities=[priorities[n] for n in prios if n in priorities],
            measure_ids=measures,
        )

    fw = {f.code: f for f in Framework.objects.all()}
    services.inspection_record(
        by=director,
        authority=authority,
        framework=fw["SIF-2013"],
        kind=Inspection.Kind.STANDARD,
        start_date=date(2017, 2, 6),
        end_date=date(2017, 3, 2),
        published_on=date(2017, 6, 14),
        summary="Services for children were judged inadequate overall.",
        judgements={
            "overall": "Inadequate",
            "help_protection": "Inadequate",
            "looked_after": "Inadequate",
            "adoption": "Good",
            "care_leavers": "Requires improvement to be good",
            "leadership": "Inadequate",
        },
    )
    for start, summary in [
        (date(2018, 3, 20), "First monitoring visit: the front door."),
        (date(2018, 10, 16), "Monitoring visit: children in need and child protection."),
        (date(2019, 4, 30), "Monitoring visit: children in care; progress noted."),
    ]:
        services.inspection_record(
            by=director,
            authority=authority,
            framework=fw["ILACS-2018"],
            kind=Inspection.Kind.MONITORING,
            start_date=start,
            summary=summary,
        )
    services.inspection_record(
        by=director,
        authority=authority,
        framework=fw["ILACS-2018"],
        kind=Inspection.Kind.FOCUSED,
        start_date=date(2020, 10, 6),
        summary="A change in tempo in the pace of improvement; guarded optimism.",
    )
    main = services.inspection_record(
        by=director,
        authority=authority,
        framework=fw["ILACS-2018"],
        kind=Inspection.Kind.STANDARD,
        start_date=date(2022, 2, 7),
        end_date=date(2022, 2, 18),
        published_on=date(2022, 4, 1),
        summary="No longer inadequate: overall effectiveness requires improvement to be good.",
        judgements={
            "overall": RI,
            "leaders": RI,
            "help_protection": RI,
            "in_care": RI,
        },
    )
    annual = services.inspection_record(
        by=director,
        authority=authority,
        framework=fw["ILACS-2023"],
        kind=Inspection.Kind.ANNUAL,
        start_date=date(2023, 6, 12),
        summary="Annual engagement meeting with Ofsted.",
    )
    focused = services.inspection_record(
        by=director,
        authority=authority,
        framework=fw["ILACS-2023"],
        kind=Inspection.Kind.FOCUSED,
        start_date=date(2024, 9, 10),
        summary="Focused visit: care leavers. Some progress; accommodation still a concern.",
    )
    for number, (text, priority_no, refs) in enumerate(RECOMMENDATIONS, start=1):
        rec = services.recommendation_add(
            by=director,
            inspection=main,
            number=number,
            text=text,
            priorities=[priorities[priority_no]] if priority_no in priorities else [],
            actions=[actions[r] for r in refs if r in actions],
        )
        services.recommendation_progress_add(
            by=director,
            recommendation=rec,
            on=annual.start_date,
            visit=annual,
            status=RecommendationProgress.Status.PROGRESS,
            note="Self-evaluation discussed with Ofsted.",
        )
        if number in (2, 4):
            services.recommendation_progress_add(
                by=director,
                recommendation=rec,
                on=focused.start_date,
                visit=focused,
                status=(
                    RecommendationProgress.Status.NOT_MET
                    if number == 2
                    else RecommendationProgress.Status.MET
                ),
                note="Found at the focused visit on care leavers.",
            )
    for kind, started, note in [
        ("direction", date(2017, 6, 20), "Statutory direction after the inadequate judgement."),
        ("adviser", date(2022, 4, 1), "DfE adviser oversight after the 2022 inspection."),
    ]:
        services.intervention_set(
            by=director, authority=authority, kind=kind, started_on=started, note=note
        )
    return True


def demo_seed(*, authority: Authority, report: Callable[[str], None] = lambda _: None) -> None:
    """Seed boards, meetings, risks and the inspection history (after the plan)."""
    if governance_seed(authority=authority):
        report("Boards, meetings, risks and the inspection history seeded.")
