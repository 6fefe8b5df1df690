"""Synthetic workforce for the demo authority (fictional people, generated, reproducible).

Each team has an establishment of posts; each post has a history of occupants over 30 months.
A permanent leaver opens a vacancy that stays open (covered by agency workers or not) until a
permanent worker is appointed. The agency share falls from about 20% of new appointments two
years ago to under 10% now; three teams have a recruitment dip in the last half-year, with
longer gaps and higher caseloads."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from csc_measures.dates import add_months
from sightline.auditlog.services import audit_record
from sightline.organisation.models import Authority, Team

from .models import (
    Post,
    Role,
    StaffMember,
    TeamSpell,
    TrainingCompletion,
    TrainingProgramme,
    Vacancy,
)

FIRST = [
    "Alex",
    "Sam",
    "Jo",
    "Priya",
    "Tomasz",
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hari",
    "Isla",
    "Jamal",
    "Kate",
    "Liam",
    "Maya",
    "Noor",
    "Owen",
    "Pippa",
    "Quinn",
    "Rosa",
    "Sunil",
    "Tara",
    "Uma",
    "Vic",
    "Wren",
    "Yusuf",
    "Zara",
    "Amira",
    "Bryn",
    "Cal",
    "Dara",
    "Ebony",
    "Finn",
    "Gina",
    "Hugo",
    "Ines",
    "Jude",
]
LAST = [
    "Ashdown",
    "Bramley",
    "Carrow",
    "Dunlin",
    "Eversley",
    "Fenwick",
    "Garrow",
    "Hollins",
    "Ibbotson",
    "Jessop",
    "Kettering",
    "Lathom",
    "Marlowe",
    "Nettleton",
    "Oakes",
    "Pennock",
    "Quarry",
    "Rowntree",
    "Selby",
    "Thorne",
    "Underwood",
    "Varley",
    "Wetherby",
    "Yardley",
    "Ackroyd",
    "Bexley",
    "Calder",
    "Denholm",
    "Elland",
    "Farrar",
]
SHAPE = (
    (Role.TEAM_MANAGER, 1),
    (Role.PRACTICE_SUPERVISOR, 1),
    (Role.ADVANCED_PRACTITIONER, 1),
    (Role.SOCIAL_WORKER, 5),
)
PROGRAMMES = (
    (
        "Anyshire practice framework",
        True,
        "The authority's model of practice: every social worker.",
    ),
    ("Direct work with children", True, "Hearing and recording the child's voice."),
    ("Practice supervisor development", False, "For practice supervisors and team managers."),
)


def _agency_chance(day: date, today: date, *, after_agency: bool) -> float:
    """The chance the next worker in a post is from an agency: higher two years ago than now
    (recruitment improves), and higher where an agency worker has just left (posts that
    agencies cover tend to stay covered)."""
    months_ago = max(0.0, (today - day).days / 30.4)
    base = 0.2 + 0.012 * months_ago
    return min(0.9, base + (0.45 if after_agency else 0.0))


def demo_seed(*, authority: Authority, report: Callable[[str], None] = print) -> int:  # noqa: PLR0912, PLR0915
    """Create the demo workforce once; returns the number of staff created (0 if present)."""
    if StaffMember.objects.filter(authority=authority).exists():
        return 0
    rng = random.Random(7)  # noqa: S311 - synthetic data, not security
    today = timezone.localdate()
    start = add_months(today, -30)
    teams = list(Team.objects.filter(authority=authority, is_active=True).order_by("name"))
    dip = {t.pk for t in teams[2::11]}  # three teams with a recruitment dip
    dip_from = add_months(today, -7)
    counter = 0
    staff_rows: list[tuple[StaffMember, list[tuple[Team, date, date | None]]]] = []
    vacancies: list[Vacancy] = []
    posts: list[Post] = []

    def person(role: str, contract: str, team: Team, begin: date, end: date | None) -> None:
        nonlocal counter
        counter += 1
        reason = ""
        if end is not None:
            reason = (
                "agency_ended"
                if contract == "agency"
                else rng.choice(["resigned", "another_la", "resigned", "retired", "career_change"])
            )
        fte = (
            Decimal("1.00")
            if rng.random() < 0.85
            else rng.choice([Decimal("0.60"), Decimal("0.80")])
        )
        asye = ""
        asye_start = None
        if role == Role.SOCIAL_WORKER and contract == "permanent" and rng.random() < 0.3:
            asye_start = begin
            asye = "in_progress" if (today - begin).days < 365 else "passed"
        accredited = None
        if role in (Role.PRACTICE_SUPERVISOR, Role.ADVANCED_PRACTITIONER) and rng.random() < 0.4:
            accredited = min(today, begin + timedelta(days=rng.randint(60, 500)))
        heavy = team.pk in dip
        caseload = None
        if end is None and role in (Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER):
            caseload = rng.randint(19, 27) if heavy else rng.randint(11, 21)
        staff = StaffMember(
            authority=authority,
            reference=f"E{10000 + counter}",
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            role=role,
            contract=contract,
            team=team,
            fte=fte,
            start_date=begin,
            leave_date=end,
            leaving_reason=reason,
            asye_status=asye,
            asye_start=asye_start,
            accredited_on=accredited,
            caseload=caseload,
        )
        spells: list[tuple[Team, date, date | None]] = []
        moved = end is None and rng.random() < 0.05 and (today - begin).days > 200
        if moved and team.locality_id:
            others = [t for t in teams if t.locality_id == team.locality_id and t.pk != team.pk]
            if others:
                first_team = rng.choice(others)
                move_on = begin + timedelta(days=rng.randint(60, (today - begin).days - 30))
                spells.append((first_team, begin, move_on))
                spells.append((team, move_on, None))
        if not spells:
            spells.append((team, begin, None if end is None else end + timedelta(days=1)))
        staff_rows.append((staff, spells))

    for team in teams:
        for role, count in SHAPE:
            for _ in range(count):
                posts.append(Post(authority=authority, team=team, role=role, fte=Decimal("1.00")))
                day = start - timedelta(days=rng.randint(0, 400))
                contract = "permanent" if rng.random() > 0.15 else "agency"
                vacancy: Vacancy | None = None
                if contract == "agency":  # an agency worker covers a vacant post
                    vacancy = Vacancy(
                        authority=authority,
                        team=team,
                        role=role,
                        fte=Decimal("1.00"),
                        opened_on=day,
                        agency_cover=True,
                    )
                while day <= today:
                    if contract == "agency":
                        tenure = rng.choice([50, 75, 150, 240, 365, 480, 600])
                    else:
                        tenure = rng.randint(300, 4200)
                    end = day + timedelta(days=tenure)
                    left = end if end <= today else None
                    person(role, contract, team, day, left)
                    if left is None:
                        break
                    if contract == "permanent" and vacancy is None:
                        vacancy = Vacancy(
                            authority=authority,
                            team=team,
                            role=role,
                            fte=Decimal("1.00"),
                            opened_on=left + timedelta(days=1),
                        )
                    gap = rng.randint(0, 60)
                    if team.pk in dip and left >= dip_from:
                        gap += 90
                    day = left + timedelta(days=1 + gap)
                    chance = _agency_chance(day, today, after_agency=contract == "agency")
                    if team.pk in dip and day >= dip_from:
                        chance += 0.2
                    contract = "agency" if rng.random() < chance else "permanent"
                    if vacancy is not None:
                        if contract == "agency":
                            vacancy.agency_cover = True
                        elif day <= today:
                            vacancy.filled_on = day
                            vacancies.append(vacancy)
                            vacancy = None
                if vacancy is not None:
                    vacancies.append(vacancy)

    with transaction.atomic():
        Post.objects.bulk_create(posts)
        StaffMember.objects.bulk_create([s for s, _ in staff_rows])
        TeamSpell.objects.bulk_create(
            [
                TeamSpell(staff=s, team=t, valid_from=a, valid_to=b)
                for s, spells in staff_rows
                for t, a, b in spells
            ]
        )
        Vacancy.objects.bulk_create(vacancies)
        current = [s for s, _ in staff_rows if s.leave_date is None]
        completions = []
        for name, core, description in PROGRAMMES:
            programme = TrainingProgramme.objects.create(
                authority=authority, name=name, is_core=core, description=description
            )
            for s in current:
                chance = 0.75 if core else (0.6 if s.role != Role.SOCIAL_WORKER else 0.0)
                if rng.random() < chance:
                    done = min(today, s.start_date + timedelta(days=rng.randint(30, 300)))
                    completions.append(
                        TrainingCompletion(programme=programme, staff=s, completed_on=done)
                    )
        TrainingCompletion.objects.bulk_create(completions)
        audit_record(
            actor=None,
            action="workforce.demo_seeded",
            authority=authority,
            actor_label="demo",
            changes={"staff": len(staff_rows), "vacancies": len(vacancies)},
        )
    report(f"Workforce: {len(staff_rows)} staff, {len(vacancies)} vacancies (synthetic).")
    return len(staff_rows)
