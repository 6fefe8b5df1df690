"""The demo: the fictional authority "Anyshire" with its organisation and one user per role,
its monthly Annex A extracts, and each module's synthetic data, seeded floor by floor.

Idempotent: running it again changes nothing but the demo users' password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import User
from sightline.accounts.services import user_create, user_set_password
from sightline.core.roles import Role
from sightline.organisation.models import Authority, Locality, ReferenceAuthority, Team
from sightline.organisation.services import authority_create, locality_create, team_create

DEMO_AUTHORITY = "Anyshire"
DEFAULT_BENCHMARK = "916"  # Gloucestershire
DEFAULT_PASSWORD = "Anyshire-demo-2026"  # noqa: S105 - documented demo password, synthetic data
ORGANISATION_START = date(2023, 4, 1)

#: username → (role, first name, last name, job title)
DEMO_USERS: dict[str, tuple[str, str, str, str]] = {
    "director": (Role.DIRECTOR, "Dana", "Ashworth", "Director of Children's Services"),
    "hos": (Role.HEAD_OF_SERVICE, "Harriet", "Osei", "Head of Service"),
    "manager": (Role.TEAM_MANAGER, "Malik", "Evans", "Team Manager"),
    "analyst": (Role.ANALYST, "Anya", "Lindqvist", "Performance Analyst"),
    "qa": (Role.QA_LEAD, "Quinn", "Adeyemi", "Quality Assurance Lead"),
    "auditor": (Role.AUDITOR, "Aled", "Dorsey", "Practice Auditor"),
    "owner": (Role.ACTION_OWNER, "Olwen", "Ng", "Senior Responsible Officer"),
    "board": (Role.BOARD_MEMBER, "Bernard", "Achebe", "Improvement Board member"),
    "member": (Role.ELECTED_MEMBER, "Councillor Meera", "Patel", "Scrutiny committee member"),
    "adviser": (Role.DFE_ADVISER, "Adrian", "Fairweather", "DfE adviser"),
    "admin": (Role.ADMIN, "Alex", "Mintoff", "Sightline administrator"),
}


DATA_EXTRACTS = 24
DATA_MONTHS = 12  # each extract's look-back
DATA_SCALE = 1.0
DATA_SEED = 2026


def data_as_of(today: date | None = None) -> date:
    """The as-of date of the demo's latest Annex A extract: the last month end before today
    (the latest complete month), so that the performance data is as recent as the audits, the
    plan and the meetings, which are dated from today."""
    day = today or timezone.localdate()
    return day.replace(day=1) - timedelta(days=1)


def demo_import_extracts(
    *,
    authority: Authority,
    work_dir: Path,
    extracts: int = DATA_EXTRACTS,
    scale: float = DATA_SCALE,
    report: Callable[[str], None] = lambda _: None,
) -> int:
    """Generate monthly synthetic extracts of Anyshire and import those not yet imported
    (so every chart has history). Returns how many were imported now."""
    from csc_measures.synth import generate_annex_a_series
    from sightline.performance.imports import annex_a_import_now
    from sightline.performance.models import AnnexAImport

    done = set(
        AnnexAImport.objects.filter(
            authority=authority, status=AnnexAImport.Status.IMPORTED
        ).values_list("extract_date", flat=True)
    )
    if len(done) >= extracts:
        return 0
    as_of = data_as_of()
    report(
        f"Simulating {extracts} monthly Annex A extracts of {authority.name} to {as_of:%d/%m/%Y}…"
    )
    paths = generate_annex_a_series(
        work_dir,
        fmt="xlsx",
        as_of=as_of,
        months=DATA_MONTHS,
        scale=scale,
        seed=DATA_SEED,
        messy=False,
        extracts=extracts,
    )
    imported = 0
    for number, path in enumerate(paths, start=1):
        extract_date = date.fromisoformat(path.stem.removeprefix("annex_a_"))
        if extract_date in done:
            continue
        annex_a_import_now(by=None, authority=authority, path=path, extract_date=extract_date)
        imported += 1
        report(f"  imported extract {number} of {len(paths)} ({extract_date:%d/%m/%Y})")
    return imported


@dataclass(frozen=True)
class DemoResult:
    authority: Authority
    usernames: list[str]
    created_users: int


def _organisation() -> dict[str, tuple[str, ...]]:
    from csc_measures.synth.organisation import LOCALITIES

    return {name: tuple(teams) for name, teams in LOCALITIES.items()}


@transaction.atomic
def demo_setup(*, password: str, benchmark_dfe_code: str = DEFAULT_BENCHMARK) -> DemoResult:
    benchmark = ReferenceAuthority.objects.filter(dfe_code=benchmark_dfe_code).first()
    if benchmark is None:
        raise LookupError(
            f"No English authority with DfE code {benchmark_dfe_code!r}: "
            "run `sightline load_reference_data` first."
        )
    authority = Authority.objects.filter(name=DEMO_AUTHORITY).first()
    if authority is None:
        authority = authority_create(
            by=None, name=DEMO_AUTHORITY, benchmark_as=benchmark, is_fictional=True
        )
    for locality_name, team_names in _organisation().items():
        locality = Locality.objects.filter(authority=authority, name=locality_name).first()
        if locality is None:
            kind = Locality.Kind.SERVICE if "service" in locality_name.lower() else "locality"
            locality = locality_create(by=None, authority=authority, name=locality_name, kind=kind)
        for team_name in team_names:
            if not Team.objects.filter(authority=authority, name=team_name).exists():
                team_create(
                    by=None,
                    authority=authority,
                    name=team_name,
                    locality=locality,
                    effective=ORGANISATION_START,
                )
    first_locality = Locality.objects.filter(authority=authority, kind="locality").order_by("name")[
        0
    ]
    first_team = Team.objects.filter(locality=first_locality).order_by("name")[0]
    created = 0
    for username, (role, first, last, title) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                by=None,
                authority=authority,
                username=username,
                role=role,
                first_name=first,
                last_name=last,
                email=f"{username}@anyshire.example",
                job_title=title,
                locality=first_locality if role == Role.HEAD_OF_SERVICE else None,
                team=first_team if role == Role.TEAM_MANAGER else None,
                password=password,
            )
            created += 1
        elif not user.check_password(password):
            user_set_password(by=None, user=user, password=password)
    return DemoResult(authority=authority, usernames=list(DEMO_USERS), created_users=created)


def demo_seed_modules(
    *,
    authority: Authority,
    report_months: int = 12,
    report: Callable[[str], None] = lambda _: None,
) -> None:
    """Each module's synthetic demo data (idempotent), floor by floor: the plan before
    governance (whose meetings discuss its priorities) and voice (whose impact statements link
    to them); ``report_months`` of published reports last."""
    from sightline.audits.demo import demo_seed as audits_seed
    from sightline.governance.demo import demo_seed as governance_seed
    from sightline.plan.demo import demo_seed as plan_seed
    from sightline.reports.demo import demo_seed as reports_seed
    from sightline.voice.demo import demo_seed as voice_seed
    from sightline.workforce.demo import demo_seed as workforce_seed

    audits_seed(authority=authority, report=report)
    plan_seed(authority=authority, report=report)
    governance_seed(authority=authority, report=report)
    workforce_seed(authority=authority, report=report)
    voice_seed(authority=authority, report=report)
    reports_seed(authority=authority, as_of=data_as_of(), months=report_months, report=report)


def demo_seed_region(
    *,
    authority: Authority,
    password: str,
    work_dir: Path,
    with_data: bool = True,
    report: Callable[[str], None] = lambda _: None,
) -> None:
    """Two more fictional authorities beside Anyshire in one fictional region, each sharing
    what it chooses, and the regional viewer (sightline/regional/demo.py)."""
    from sightline.regional.demo import demo_seed as regional_seed

    regional_seed(
        anyshire=authority,
        password=password,
        work_dir=work_dir,
        as_of=data_as_of(),
        with_data=with_data,
        report=report,
    )
