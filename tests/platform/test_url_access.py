"""Every URL pattern × every role: allowed or denied, as the permission table says.

A new URL pattern fails ``test_every_url_pattern_has_an_access_rule`` until it is added to
``RULES`` below, so each module is covered by this test the day it lands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from sightline.accounts.models import User
from sightline.home.demo import DEMO_USERS
from sightline.jobs.models import Job
from sightline.organisation.models import Authority, Team

ALL = frozenset(DEMO_USERS)
ORG_VIEWERS = frozenset({"admin", "director", "hos", "manager", "analyst", "qa"})
ADMIN = frozenset({"admin"})
TRAIL = frozenset({"admin", "director"})
IMPORTS = frozenset({"director", "analyst"})
FIGURES = ALL - {"admin"}

KwargsFactory = Callable[[User, Authority], dict[str, Any]]


def _user_pk(user: User, authority: Authority) -> dict[str, Any]:
    return {"pk": User.objects.get(username="manager").pk}


def _team_pk(user: User, authority: Authority) -> dict[str, Any]:
    return {"pk": Team.objects.filter(authority=authority).order_by("name")[0].pk}


def _an_import(user: User, authority: Authority) -> dict[str, Any]:
    from datetime import date

    from sightline.performance.models import AnnexAImport

    imp = AnnexAImport.objects.create(
        authority=authority,
        extract_date=date(2025, 3, 31),
        original_name="a.xlsx",
        stored_file="imports/a.xlsx",
        size=1,
        sha256="0" * 64,
        status=AnnexAImport.Status.IMPORTED,
    )
    return {"pk": imp.pk}


def _a_return(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.returns.models import ReturnImport

    imp = ReturnImport.objects.create(
        authority=authority, kind="cin", year=2026, stored_folder="returns/x", status="accepted"
    )
    return {"pk": imp.pk}


def _own_token(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.api.services import api_token_create

    token, _ = api_token_create(user=user, name="test")
    return {"pk": token.pk}


def _a_rebase(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.performance.models import SpcRebase

    rebase = SpcRebase.objects.create(
        authority=authority, measure_id="AS02", period="2025-01", reason="test"
    )
    return {"measure_id": "AS02", "pk": rebase.pk}


def _own_job(user: User, authority: Authority) -> dict[str, Any]:
    job = Job.objects.create(authority=authority, kind="x", title="t", created_by=user)
    return {"pk": job.pk}


#: answer a personal API token (or a signed-in session): anonymous callers get 401
TOKEN_AUTH = frozenset({"api:measures_csv", "api:measures_json"})


def _an_audit(user: User, authority: Authority) -> dict[str, Any]:
    """An audit of a case in the team manager's team, assigned to the auditor."""
    from sightline.audits.models import Audit, Framework
    from sightline.audits.services import frameworks_install_defaults

    frameworks_install_defaults(authority=authority)
    manager = User.objects.get(username="manager")
    audit = Audit.objects.create(
        authority=authority,
        framework=Framework.objects.get(authority=authority, key="practice-fundamentals"),
        team_id=manager.team_id,
        child_id="URL0001",
        auditor=User.objects.get(username="auditor"),
    )
    return {"pk": audit.pk}


def _an_action(user: User, authority: Authority) -> dict[str, Any]:
    from datetime import date

    from sightline.audits.models import Audit, RemedialAction

    audit = Audit.objects.get(pk=_an_audit(user, authority)["pk"])
    action = RemedialAction.objects.create(
        authority=authority,
        audit=audit,
        description="Update the chronology.",
        owner=User.objects.get(username="owner"),
        due_date=date(2030, 1, 1),
    )
    return {"pk": action.pk}


def _a_programme(user: User, authority: Authority) -> dict[str, Any]:
    from datetime import date

    from sightline.audits.models import Audit, Framework, Programme

    audit = Audit.objects.get(pk=_an_audit(user, authority)["pk"])
    programme = Programme.objects.create(
        authority=authority,
        month=date(2026, 1, 1),
        framework=Framework.objects.get(authority=authority, key="practice-fundamentals"),
        due_date=date(2026, 1, 31),
    )
    audit.programme = programme
    audit.save()
    return {"pk": programme.pk}


def _a_moderation(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.audits.models import Audit, Moderation

    audit = Audit.objects.get(pk=_an_audit(user, authority)["pk"])
    audit.status = Audit.Status.COMPLETED
    audit.overall_grade = "good"
    audit.completed_at = timezone.now()
    audit.save()
    return {"pk": Moderation.objects.create(audit=audit, reason_selected="Random sample").pk}


def _a_framework(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.audits.models import Framework
    from sightline.audits.services import frameworks_install_defaults

    frameworks_install_defaults(authority=authority)
    return {"pk": Framework.objects.filter(authority=authority, is_current=True)[0].pk}


AUDIT_VIEWERS = frozenset({"director", "hos", "manager", "qa", "auditor"})
QA = frozenset({"qa"})


def _hos_team(authority: Authority) -> Team:
    hos = User.objects.get(username="hos")
    return Team.objects.filter(authority=authority, locality_id=hos.locality_id).order_by("name")[0]


def _staff(user: User, authority: Authority) -> dict[str, Any]:
    from datetime import date

    from sightline.workforce.models import StaffMember, TeamSpell

    team = _hos_team(authority)
    staff = StaffMember.objects.create(
        authority=authority,
        reference=f"T{StaffMember.objects.count() + 1}",
        name="Test Worker",
        role="social_worker",
        contract="permanent",
        team=team,
        fte=1,
        start_date=date(2024, 1, 1),
    )
    TeamSpell.objects.create(staff=staff, team=team, valid_from=staff.start_date)
    return {"pk": staff.pk}


def _vacancy(user: User, authority: Authority) -> dict[str, Any]:
    from datetime import date

    from sightline.workforce.models import Vacancy

    row = Vacancy.objects.create(
        authority=authority,
        team=_hos_team(authority),
        role="social_worker",
        fte=1,
        opened_on=date(2025, 1, 1),
    )
    return {"pk": row.pk}


def _post(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.workforce.models import Post

    row = Post.objects.create(
        authority=authority, team=_hos_team(authority), role="social_worker", fte=1
    )
    return {"pk": row.pk}


def _hr_import(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.workforce.models import HRImport

    row = HRImport.objects.create(
        authority=authority, original_name="hr.csv", stored_file="workforce/x.csv", sha256="0"
    )
    return {"pk": row.pk}


def _feedback(user: User, authority: Authority) -> dict[str, Any]:
    from datetime import date

    from sightline.voice.models import Feedback

    row = Feedback.objects.create(
        authority=authority,
        received_on=date(2025, 1, 1),
        source="child",
        channel="survey",
        words="Test words.",
        sentiment="positive",
    )
    return {"pk": row.pk}


def _impact(user: User, authority: Authority) -> dict[str, Any]:
    from datetime import date

    from sightline.voice.models import ImpactStatement

    row = ImpactStatement.objects.create(
        authority=authority,
        title="T",
        contributor="A parent",
        involvement="Forum",
        before="b",
        after="a",
        given_on=date(2025, 1, 1),
        consent_to_share=True,
    )
    return {"pk": row.pk}


def _submission(user: User, authority: Authority) -> dict[str, Any]:
    from datetime import date

    from sightline.voice.models import BoardSubmission

    row = BoardSubmission.objects.create(
        authority=authority,
        title="T",
        summary="s",
        meeting="Board",
        meeting_date=date(2025, 1, 1),
        response_due=date(2025, 2, 1),
    )
    return {"pk": row.pk}


def _region(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.regional.models import Region

    return {"pk": Region.objects.get_or_create(name="Test region")[0].pk}


HR = frozenset({"director", "hos", "admin"})
HR_IMPORT = frozenset({"director", "admin"})
VOICE_RECORD = frozenset({"director", "hos", "manager", "analyst", "qa"})


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    method: str = "GET"
    kwargs: KwargsFactory | None = None
    #: status an allowed role gets; denied roles always get 403
    ok_status: frozenset[int] = field(default_factory=lambda: frozenset({200}))


PUBLIC = frozenset(
    {
        "healthz",
        "core:accessibility",
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "organisation:brand_css",
    }
)

RULES: dict[str, Rule] = {
    "home:home": Rule(ALL),
    "core:about": Rule(ALL),
    "accounts:logout": Rule(ALL, method="POST", ok_status=frozenset({302})),
    "accounts:password_change": Rule(ALL),
    "accounts:profile": Rule(ALL),
    "accounts:user_list": Rule(ADMIN),
    "accounts:user_create": Rule(ADMIN),
    "accounts:user_edit": Rule(ADMIN, kwargs=_user_pk),
    "accounts:user_unlock": Rule(ADMIN, method="POST", kwargs=_user_pk, ok_status=frozenset({302})),
    "organisation:overview": Rule(ORG_VIEWERS),
    "organisation:locality_create": Rule(ADMIN),
    "organisation:team_create": Rule(ADMIN),
    "organisation:disclosure": Rule(ADMIN),
    "organisation:branding": Rule(ADMIN),
    # Everyone in the authority may fetch its logo; the demo authority has none here: 404.
    "organisation:logo": Rule(
        ALL, kwargs=lambda user, authority: {"pk": authority.pk}, ok_status=frozenset({404})
    ),
    "organisation:team_detail": Rule(ORG_VIEWERS, kwargs=_team_pk),
    "auditlog:trail": Rule(TRAIL),
    "auditlog:export": Rule(TRAIL, method="POST", ok_status=frozenset({302})),
    "performance:dashboard": Rule(FIGURES),
    "performance:measure": Rule(FIGURES, kwargs=lambda user, authority: {"measure_id": "CP03"}),
    "performance:measure_children": Rule(
        frozenset({"director", "analyst"}), kwargs=lambda user, authority: {"measure_id": "CP03"}
    ),
    "performance:benchmarks": Rule(FIGURES),
    "performance:workers": Rule(frozenset({"director", "analyst", "hos", "manager"})),
    "performance:measure_localities": Rule(
        FIGURES, kwargs=lambda user, authority: {"measure_id": "FD02"}
    ),
    "api:tokens": Rule(FIGURES),
    "api:token_revoke": Rule(FIGURES, method="POST", kwargs=_own_token, ok_status=frozenset({302})),
    "api:measures_csv": Rule(FIGURES),
    "api:measures_json": Rule(FIGURES),
    "performance:targets": Rule(FIGURES),
    "performance:imports": Rule(IMPORTS),
    "performance:import_detail": Rule(IMPORTS, kwargs=_an_import),
    "performance:column_mappings": Rule(frozenset({"analyst"})),
    "returns:figures": Rule(IMPORTS),
    "returns:imports": Rule(IMPORTS),
    "returns:import_detail": Rule(IMPORTS, kwargs=_a_return),
    "performance:rebase_add": Rule(
        frozenset({"analyst"}),
        method="POST",
        kwargs=lambda user, authority: {"measure_id": "AS02"},
        ok_status=frozenset({302}),
    ),
    "performance:rebase_remove": Rule(
        frozenset({"analyst"}),
        method="POST",
        kwargs=_a_rebase,
        ok_status=frozenset({302}),
    ),
    "performance:target_detail": Rule(
        FIGURES, kwargs=lambda user, authority: {"measure_id": "AS02"}
    ),
    "audits:home": Rule(FIGURES),
    "audits:audit_detail": Rule(AUDIT_VIEWERS, kwargs=_an_audit),
    "audits:audit_edit": Rule(frozenset({"auditor"}), kwargs=_an_audit),
    "audits:audit_autosave": Rule(frozenset({"auditor"}), method="POST", kwargs=_an_audit),
    "audits:audit_pdf": Rule(AUDIT_VIEWERS, kwargs=_an_audit),
    "audits:audit_assign": Rule(QA, kwargs=_an_audit),
    "audits:action_raise": Rule(frozenset({"qa", "auditor"}), kwargs=_an_audit),
    "audits:actions": Rule(FIGURES),
    "audits:action_close": Rule(frozenset({"qa", "owner"}), kwargs=_an_action),
    "audits:programmes": Rule(QA),
    "audits:programme_create": Rule(QA),
    "audits:programme_detail": Rule(QA, kwargs=_a_programme),
    "audits:moderation": Rule(QA),
    "audits:moderate": Rule(QA, kwargs=_a_moderation),
    "audits:analytics": Rule(FIGURES),
    "audits:themes": Rule(FIGURES),
    "audits:learning": Rule(FIGURES),
    "audits:learning_publish": Rule(QA),
    "audits:frameworks": Rule(FIGURES),
    "audits:framework_detail": Rule(FIGURES, kwargs=_a_framework),
    "audits:framework_revise": Rule(QA, kwargs=_a_framework),
    "audits:export_summary": Rule(FIGURES),
    "workforce:overview": Rule(ALL),
    "workforce:measure": Rule(ALL, kwargs=lambda user, authority: {"key": "agency_rate"}),
    "workforce:targets": Rule(ALL),
    "workforce:teams": Rule(ALL),
    "workforce:academy": Rule(ALL),
    "workforce:academy_record": Rule(HR),
    "workforce:staff_list": Rule(HR),
    "workforce:staff_create": Rule(HR),
    "workforce:staff_edit": Rule(HR, kwargs=_staff),
    "workforce:vacancy_list": Rule(HR),
    "workforce:vacancy_create": Rule(HR),
    "workforce:vacancy_edit": Rule(HR, kwargs=_vacancy),
    "workforce:post_list": Rule(HR),
    "workforce:post_create": Rule(HR),
    "workforce:post_edit": Rule(HR, kwargs=_post),
    "workforce:import_upload": Rule(HR_IMPORT),
    "workforce:import_detail": Rule(HR_IMPORT, kwargs=_hr_import),
    "voice:overview": Rule(FIGURES),
    "voice:feedback_list": Rule(VOICE_RECORD),
    "voice:feedback_create": Rule(VOICE_RECORD),
    "voice:feedback_edit": Rule(VOICE_RECORD, kwargs=_feedback),
    "voice:impact_list": Rule(FIGURES),
    "voice:impact_create": Rule(VOICE_RECORD),
    "voice:impact_edit": Rule(VOICE_RECORD, kwargs=_impact),
    "voice:event_list": Rule(FIGURES),
    "voice:event_create": Rule(VOICE_RECORD),
    "voice:submission_list": Rule(FIGURES),
    "voice:submission_create": Rule(VOICE_RECORD),
    "voice:submission_detail": Rule(FIGURES, kwargs=_submission),
    # Regional viewers and the deployment's administrator belong to no authority: no demo
    # user of Anyshire reaches those pages (tests/regional covers them).
    "regional:overview": Rule(frozenset()),
    "regional:authority_add": Rule(frozenset()),
    "regional:sharing": Rule(frozenset({"director", "admin"})),
    "regional:sharing_edit": Rule(frozenset({"director", "admin"}), kwargs=_region),
    "jobs:list": Rule(ALL),
    "jobs:detail": Rule(ALL, kwargs=_own_job),
    "jobs:status": Rule(ALL, kwargs=_own_job),
    # Allowed, but a job that made no file has nothing to download.
    "jobs:download": Rule(ALL, kwargs=_own_job, ok_status=frozenset({404})),
}

# --- Improvement plan and governance --------------------------------------------------------
PLAN_READ = frozenset({"director", "hos", "analyst", "qa", "owner", "board", "member", "adviser"})
PLAN_EVIDENCE = PLAN_READ - {"member", "adviser"}
DIRECTOR = frozenset({"director"})
ACTION_EDITORS = frozenset({"director", "owner"})  # the owner is the test action's SRO


def _priority(user: User, authority: Authority) -> dict[str, Any]:
    from tests.plan.factories import plan_objects

    return {"pk": plan_objects(authority).priority.pk}


def _plan_action(user: User, authority: Authority) -> dict[str, Any]:
    from tests.plan.factories import plan_objects

    return {"pk": plan_objects(authority).action.pk}


def _action_link(user: User, authority: Authority) -> dict[str, Any]:
    from sightline.plan.services import measure_link_add
    from tests.plan.factories import plan_objects

    link = measure_link_add(
        by=None, action=plan_objects(authority).action, measure_id="FD04", direction="down"
    )
    return {"pk": link.pk}


def _evidence(user: User, authority: Authority) -> dict[str, Any]:
    from tests.plan.factories import missing_evidence

    return {"pk": missing_evidence(authority).pk}


def _gov(attr: str) -> KwargsFactory:
    def make(user: User, authority: Authority) -> dict[str, Any]:
        from tests.governance.factories import gov_objects

        return {"pk": getattr(gov_objects(authority), attr).pk}

    return make


RULES.update(
    {
        "plan:index": Rule(PLAN_READ),
        "plan:actions": Rule(PLAN_READ),
        "plan:my_actions": Rule(PLAN_READ),
        "plan:import": Rule(DIRECTOR),
        "plan:priority_create": Rule(DIRECTOR),
        "plan:priority": Rule(PLAN_READ, kwargs=_priority),
        "plan:priority_measure_add": Rule(DIRECTOR, kwargs=_priority),
        "plan:priority_themes": Rule(DIRECTOR, kwargs=_priority),
        "plan:priority_edit": Rule(DIRECTOR, kwargs=_priority),
        "plan:workstream_create": Rule(DIRECTOR, kwargs=_priority),
        # POST: the owner may unlink a measure from their own action.
        "plan:measure_link_remove": Rule(
            ACTION_EDITORS, method="POST", kwargs=_action_link, ok_status=frozenset({302})
        ),
        "plan:action_create": Rule(DIRECTOR, kwargs=_priority),
        "plan:action": Rule(PLAN_READ, kwargs=_plan_action),
        "plan:action_edit": Rule(ACTION_EDITORS, kwargs=_plan_action),
        "plan:action_revise": Rule(ACTION_EDITORS, kwargs=_plan_action),
        "plan:action_progress": Rule(ACTION_EDITORS, kwargs=_plan_action),
        "plan:action_measure_add": Rule(ACTION_EDITORS, kwargs=_plan_action),
        # Allowed, but this evidence's file is not on disk.
        "plan:evidence_download": Rule(PLAN_EVIDENCE, kwargs=_evidence, ok_status=frozenset({404})),
        "governance:index": Rule(PLAN_READ),
        "governance:boards": Rule(PLAN_READ),
        "governance:board": Rule(PLAN_READ, kwargs=_gov("board")),
        "governance:meeting_create": Rule(DIRECTOR, kwargs=_gov("board")),
        "governance:meetings": Rule(PLAN_READ),
        "governance:meeting": Rule(PLAN_READ, kwargs=_gov("meeting")),
        "governance:meeting_pack": Rule(PLAN_READ, kwargs=_gov("meeting")),
        "governance:meeting_pack_pdf": Rule(PLAN_READ, kwargs=_gov("meeting")),
        "governance:agenda_item_add": Rule(DIRECTOR, kwargs=_gov("meeting")),
        "governance:meeting_minutes": Rule(DIRECTOR, kwargs=_gov("meeting")),
        "governance:decision_add": Rule(DIRECTOR, kwargs=_gov("meeting")),
        "governance:meeting_action_add": Rule(DIRECTOR, kwargs=_gov("meeting")),
        "governance:meeting_actions": Rule(PLAN_READ),
        "governance:meeting_action_close": Rule(ACTION_EDITORS, kwargs=_gov("owner_action")),
        "governance:risks": Rule(PLAN_READ),
        "governance:risk_create": Rule(DIRECTOR),
        "governance:risk": Rule(PLAN_READ, kwargs=_gov("risk")),
        "governance:risk_edit": Rule(DIRECTOR, kwargs=_gov("risk")),
        "governance:inspections": Rule(PLAN_READ),
        "governance:inspection": Rule(PLAN_READ, kwargs=_gov("inspection")),
        "governance:board_create": Rule(DIRECTOR),
        "governance:board_member_add": Rule(DIRECTOR, kwargs=_gov("board")),
        "governance:inspection_create": Rule(DIRECTOR),
        "governance:intervention_set": Rule(DIRECTOR),
        "governance:recommendation_add": Rule(DIRECTOR, kwargs=_gov("inspection")),
        "governance:recommendation_progress_add": Rule(DIRECTOR, kwargs=_gov("recommendation")),
    }
)

# --- Reports ---------------------------------------------------------------------------------
REPORT_USERS = ALL - {"admin"}
REPORT_EDITORS = frozenset({"director", "analyst", "hos"})
#: the DfE adviser and elected members prepare their own papers (DfE highlight, scrutiny dashboard)
REPORT_PREPARERS = REPORT_EDITORS | {"board", "adviser", "member"}
#: readers of a published board pack (elected members and the DfE read their own audiences')
BOARD_PACK_READERS = REPORT_USERS - {"member", "adviser"}
REDIRECT = frozenset({302})


def _report(status: str = "draft", section: bool = False) -> KwargsFactory:
    def make(user: User, authority: Authority) -> dict[str, Any]:
        from sightline.reports import services
        from tests.reports.factories import new_report

        director = User.objects.get(username="director")
        report = new_report(authority)
        if status != "draft":
            services.report_submit(by=director, report=report)
        if status in ("approved", "published"):
            services.report_approve(by=director, report=report)
        if status == "published":
            services.report_publish(by=director, report=report)
        target = report.sections.order_by("order")[1] if section else report
        return {"pk": target.pk}

    return make


RULES.update(
    {
        "reports:index": Rule(REPORT_USERS),
        "reports:report_create": Rule(REPORT_PREPARERS),
        "reports:categories": Rule(DIRECTOR),
        "reports:report": Rule(BOARD_PACK_READERS, kwargs=_report("published")),
        "reports:preview": Rule(BOARD_PACK_READERS, kwargs=_report("published")),
        "reports:report_edit": Rule(REPORT_EDITORS, kwargs=_report()),
        "reports:section_edit": Rule(REPORT_EDITORS, kwargs=_report(section=True)),
        "reports:section_add": Rule(
            REPORT_EDITORS, method="POST", kwargs=_report(), ok_status=REDIRECT
        ),
        "reports:section_move": Rule(
            REPORT_EDITORS, method="POST", kwargs=_report(section=True), ok_status=REDIRECT
        ),
        "reports:section_remove": Rule(
            REPORT_EDITORS, method="POST", kwargs=_report(section=True), ok_status=REDIRECT
        ),
        "reports:submit": Rule(REPORT_EDITORS, method="POST", kwargs=_report(), ok_status=REDIRECT),
        "reports:return": Rule(
            DIRECTOR, method="POST", kwargs=_report("in_review"), ok_status=REDIRECT
        ),
        "reports:approve": Rule(
            DIRECTOR, method="POST", kwargs=_report("in_review"), ok_status=REDIRECT
        ),
        "reports:publish": Rule(
            DIRECTOR, method="POST", kwargs=_report("approved"), ok_status=REDIRECT
        ),
        # The renderers (sightline.reports.render) arrive with the render branch.
        "reports:download_pdf": Rule(BOARD_PACK_READERS, kwargs=_report("published")),
        "reports:download_docx": Rule(BOARD_PACK_READERS, kwargs=_report("published")),
        "reports:download_xlsx": Rule(BOARD_PACK_READERS, kwargs=_report("published")),
        "reports:download_html": Rule(BOARD_PACK_READERS, kwargs=_report("published")),
    }
)

SAMPLE_KWARGS: dict[str, dict[str, Any]] = {
    "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
}


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from _walk(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def url_names() -> list[str]:
    return sorted(set(_walk(get_resolver())))


def test_every_url_pattern_has_an_access_rule() -> None:
    unknown = [name for name in url_names() if name not in RULES and name not in PUBLIC]
    assert unknown == [], f"add these URL names to RULES or PUBLIC: {unknown}"
    stale = [name for name in [*RULES, *PUBLIC] if name not in url_names()]
    assert stale == [], f"rules for URL names that no longer exist: {stale}"


def _request(client: Client, rule: Rule, url: str) -> int:
    response = client.post(url) if rule.method == "POST" else client.get(url)
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(ALL))
def test_each_role_is_allowed_or_denied_every_url(
    username: str, users: dict[str, User], demo: Authority
) -> None:
    user = users[username]
    failures = []
    for name, rule in sorted(RULES.items()):
        client = Client()
        client.force_login(user)
        kwargs = rule.kwargs(user, demo) if rule.kwargs else {}
        status = _request(client, rule, reverse(name, kwargs=kwargs))
        expected = rule.ok_status if username in rule.allowed else frozenset({403})
        if status not in expected:
            failures.append(f"{name}: got {status}, expected {sorted(expected)}")
    assert failures == [], f"{username}: " + "; ".join(failures)


@pytest.mark.django_db
def test_anonymous_requests_are_sent_to_sign_in(demo: Authority, users: dict[str, User]) -> None:
    login = reverse("accounts:login")
    for name, rule in sorted(RULES.items()):
        kwargs = rule.kwargs(users["admin"], demo) if rule.kwargs else {}
        url = reverse(name, kwargs=kwargs)
        response = Client().post(url) if rule.method == "POST" else Client().get(url)
        if name in TOKEN_AUTH:  # machines, not people: asked for a token, not sent to a form
            assert response.status_code == 401, name
            assert response["WWW-Authenticate"].startswith("Bearer"), name
            continue
        assert response.status_code == 302, name
        assert response["Location"].startswith(f"{login}?next="), name


@pytest.mark.django_db
def test_public_pages_answer_without_sign_in(demo: Authority) -> None:
    for name in sorted(PUBLIC):
        response = Client().get(reverse(name, kwargs=SAMPLE_KWARGS.get(name, {})))
        assert response.status_code == 200, name


@pytest.mark.django_db
def test_deactivated_people_are_treated_as_signed_out(users: dict[str, User]) -> None:
    director = users["director"]
    client = Client()
    client.force_login(director)
    director.is_active = False
    director.save()
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
