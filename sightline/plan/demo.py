"""Synthetic demo data: Anyshire's accelerated improvement plan (fictional people and text,
modelled on the shape of real council plans). Idempotent: seeds once per authority."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from csc_measures.dates import add_months, next_working_day
from sightline.accounts.models import User
from sightline.organisation.models import Authority

from . import services
from .models import Brag, Plan

B, C, G, A, R = Brag.BLUE, Brag.COMPLETE, Brag.GREEN, Brag.AMBER, Brag.RED

#: (number, title, SRO username, measures [(id, direction, target)], actions)
#: action: (description, lead username, start offset days, due offset days, status, %,
#:          revision (offset days, reason) or None)
PRIORITIES: list[
    tuple[int, str, str, list[tuple[str, str, float | None]], list[tuple[Any, ...]]]
] = [
    (
        1,
        "Practice fundamentals: strategy meetings, visits and supervision",
        "director",
        [("CP03", "up", 85.0), ("CP09", "up", 90.0)],
        [
            (
                (
                    "Agree multi-agency thresholds for strategy meetings with police and health, "
                    "and audit their application monthly"
                ),
                "hos",
                -420,
                -250,
                B,
                100,
                None,
            ),
            (
                (
                    "Strategy meetings held within 1 working day of the decision: daily tracker "
                    "reviewed by the front door manager"
                ),
                "hos",
                -400,
                -120,
                C,
                100,
                None,
            ),
            (
                (
                    "Case supervision every 4 weeks recorded on the child's file using the new "
                    "supervision template"
                ),
                "owner",
                -380,
                -30,
                A,
                70,
                (
                    -90,
                    "Template changes in the case management system were delayed by the supplier",
                ),
            ),
            (
                (
                    "Children on a child protection plan visited every 10 working days: weekly "
                    "exception report to team managers"
                ),
                "owner",
                -300,
                40,
                G,
                60,
                None,
            ),
            (
                "Practice standards refreshed and launched with every team, with a quick guide",
                "qa",
                -350,
                -200,
                B,
                100,
                None,
            ),
        ],
    ),
    (
        2,
        "The front door: fewer re-referrals, better first decisions",
        "owner",
        [("FD04", "down", 22.0), ("AS02", "up", 85.0)],
        [
            (
                "Step-down to early help agreed in every closure, with a named lead professional",
                "owner",
                -360,
                -60,
                R,
                45,
                (-150, "Early help capacity reduced after two locality teams merged"),
            ),
            (
                "Review every re-referral within 12 months at the weekly front door panel",
                "hos",
                -300,
                -10,
                A,
                80,
                None,
            ),
            (
                "Assessments completed within 45 working days: tracker and escalation at day 35",
                "owner",
                -280,
                25,
                G,
                75,
                None,
            ),
            (
                "Partner agencies trained on the threshold document (police, schools, health)",
                "qa",
                -330,
                -150,
                C,
                100,
                None,
            ),
            (
                "Audit 20 closed cases a quarter for the quality of the decision to close",
                "qa",
                -250,
                90,
                G,
                50,
                None,
            ),
        ],
    ),
    (
        3,
        "Placement stability and sufficiency",
        "director",
        [("LA04", "down", 10.0), ("LA05", "up", 70.0)],
        [
            (
                "Sufficiency strategy refreshed with the market position statement",
                "owner",
                -400,
                -220,
                B,
                100,
                None,
            ),
            (
                "Recruit 30 additional in-house foster carers through the new fostering campaign",
                "owner",
                -380,
                120,
                A,
                55,
                (-40, "Campaign launch moved to follow the allowances review"),
            ),
            (
                "Placement stability meetings for every child at risk of a placement ending",
                "hos",
                -300,
                -20,
                R,
                40,
                None,
            ),
            ("Open two small local children's homes", "owner", -350, 200, G, 35, None),
            (
                "Permanence tracking panel monthly for every child in care under 12",
                "hos",
                -280,
                -100,
                C,
                100,
                None,
            ),
        ],
    ),
    (
        4,
        "Care leavers: accommodation, personal advisers and pathway plans",
        "owner",
        [("CL02", "up", 90.0), ("CL06", "up", 100.0), ("CL05", "up", 90.0)],
        [
            (
                "Every care leaver aged 16 and over allocated a personal adviser",
                "owner",
                -360,
                -90,
                C,
                100,
                None,
            ),
            (
                "Joint housing protocol for care leavers with the district councils",
                "owner",
                -340,
                -40,
                A,
                75,
                (-120, "Two district councils asked for legal review of the protocol"),
            ),
            (
                "Pathway plans reviewed every 6 months, co-produced with the young person",
                "qa",
                -300,
                30,
                G,
                65,
                None,
            ),
            (
                "Care leavers' local offer published and reviewed with the Ambassadors",
                "owner",
                -320,
                -180,
                B,
                100,
                None,
            ),
            (
                "Staying close pilot for young people leaving residential care",
                "hos",
                -200,
                150,
                G,
                30,
                None,
            ),
        ],
    ),
    (
        5,
        "Workforce: a stable, permanent, well-supported workforce",
        "director",
        [("WF02", "up", 80.0), ("WF01", "down", 18.0)],
        [
            (
                (
                    "Social work academy: 25 newly qualified social workers a year with protected "
                    "caseloads"
                ),
                "owner",
                -420,
                -60,
                B,
                100,
                None,
            ),
            (
                "Reduce agency social workers below 15% of posts",
                "hos",
                -400,
                60,
                A,
                60,
                (-30, "Two team manager vacancies filled by agency staff while recruiting"),
            ),
            (
                "Caseloads of 18 or fewer for every social worker in the assessment teams",
                "hos",
                -300,
                10,
                R,
                35,
                None,
            ),
            (
                "Recruitment and retention payments reviewed against neighbouring councils",
                "owner",
                -320,
                -200,
                C,
                100,
                None,
            ),
            (
                "Exit interviews analysed quarterly and reported to the Improvement Board",
                "analyst",
                -250,
                100,
                G,
                40,
                None,
            ),
        ],
    ),
    (
        6,
        "Leadership, performance and IT systems",
        "director",
        [],
        [
            (
                "Monthly performance report to the Improvement Board following the child's journey",
                "analyst",
                -400,
                -250,
                B,
                100,
                None,
            ),
            (
                "Case management system forms simplified with practitioners",
                "owner",
                -380,
                -5,
                A,
                85,
                (-160, "The supplier's upgrade after the ransomware incident took priority"),
            ),
            (
                "Quality assurance framework: monthly audits with moderation and learning shared",
                "qa",
                -350,
                -210,
                C,
                100,
                None,
            ),
            ("Elected member training on corporate parenting", "director", -200, 5, G, 90, None),
        ],
    ),
]

UPDATES = {
    B: (
        "Completed and the difference is visible in the figures and in audits.",
        "The linked measures have improved for three months and audits confirm it.",
    ),
    C: (
        "All milestones are delivered.",
        "Complete, but the measures have not yet moved: impact not yet evidenced.",
    ),
    G: (
        "On track against the milestones agreed at the last board.",
        "Milestones met to date; no risks to the due date.",
    ),
    A: (
        "Some milestones have slipped; a recovery plan is agreed.",
        "At risk: the due date will be missed without the recovery plan.",
    ),
    R: (
        "Little progress since the last update.",
        "Off track: capacity has not been found; escalated to the DCS.",
    ),
}


def _people(authority: Authority) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(authority=authority)}


def _day(today: date, offset: int) -> date:
    """``offset`` days from today, moved to a working day (no plan starts, falls due or is
    updated on a weekend or a bank holiday)."""
    return next_working_day(today + timedelta(days=offset))


@transaction.atomic
def plan_seed(*, authority: Authority, today: date | None = None) -> Plan | None:
    """Create the demo plans unless the authority already has one."""
    if Plan.objects.filter(authority=authority).exists():
        return None
    today = today or timezone.localdate()
    people = _people(authority)
    director = people.get("director")
    if director is None:
        return None

    def person(username: str) -> User:
        return people.get(username) or director

    old = services.plan_create(
        by=director,
        authority=authority,
        title="Improvement Plan 2022 to 2024",
        starts_on=_day(today, -900),
        reason="Responding to the five recommendations of the 2022 inspection.",
    )
    first = services.priority_create(
        by=director, plan=old, number=1, title="Respond to the 2022 recommendations"
    )
    services.action_create(
        by=director,
        priority=first,
        reference="1.1",
        description="Submit the improvement plan to Ofsted within 70 working days",
        sro=director,
        start_date=_day(today, -900),
        due_date=_day(today, -820),
        status=C,
        percent_complete=100,
    )
    plan = services.plan_create(
        by=director,
        authority=authority,
        title="Accelerated Improvement Plan",
        starts_on=_day(today, -430),
        reason="Accelerated after the monitoring visit found practice fundamentals inconsistent.",
    )
    # the impact evidence of a completed action: a measure two and five months ago
    before, after = add_months(today, -5), add_months(today, -2)
    evidence = f"month,measure,value\n{before:%Y-%m},before,61.0\n{after:%Y-%m},after,78.5\n"
    for number, title, sro, measures, actions in PRIORITIES:
        priority = services.priority_create(
            by=director, plan=plan, number=number, title=title, sro=person(sro)
        )
        for measure_id, direction, target in measures:
            services.measure_link_add(
                by=director,
                priority=priority,
                measure_id=measure_id,
                direction=direction,
                target=target,
            )
        for index, (text, lead, start, due, status, pct, revision) in enumerate(actions, 1):
            action = services.action_create(
                by=director,
                priority=priority,
                reference=f"{number}.{index}",
                description=text,
                sro=person(sro),
                lead_officer=person(lead),
                start_date=_day(today, start),
                due_date=_day(today, revision[0] if revision else due),
            )
            if index == 1 and measures:
                services.measure_link_add(
                    by=director,
                    action=action,
                    measure_id=measures[0][0],
                    direction=measures[0][1],
                    target=measures[0][2],
                )
            if revision:
                services.action_revise_due(
                    by=director,
                    action=action,
                    seen_version=None,
                    new_due=_day(today, due),
                    reason=revision[1],
                )
            services.progress_update_add(
                by=person(lead),
                action=action,
                seen_version=None,
                on=min(_day(today, max(start + 60, -200)), today),
                status=G,
                percent_complete=min(pct, 30),
                commentary="Work started: project group formed and milestones agreed.",
                rating_reason="Milestones agreed and resourced.",
            )
            commentary, reason = UPDATES[status]
            files = []
            if status == B:
                files = [
                    SimpleUploadedFile(
                        f"impact-evidence-{number}-{index}.csv",
                        evidence.encode(),
                        content_type="text/csv",
                    )
                ]
            services.progress_update_add(
                by=person(lead),
                action=action,
                seen_version=None,
                on=_day(today, -7),
                status=status,
                percent_complete=pct,
                commentary=commentary,
                rating_reason=reason,
                files=files,
            )
    return plan


def demo_seed(*, authority: Authority, report: Callable[[str], None] = lambda _: None) -> None:
    """Seed the improvement plan (governance, above it, seeds its boards afterwards)."""
    plan = plan_seed(authority=authority)
    if plan is not None:
        report(f"Improvement plan seeded: {plan}.")
