"""Case-file audits: statistics, services, selectors and views."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.models import AccessLogEntry, AuditEvent
from sightline.audits import selectors, services
from sightline.audits.hooks import audit_attention
from sightline.audits.models import Audit, Framework, LearningTheme, Moderation, Programme
from sightline.audits.services import AuditInput
from sightline.audits.stats import longest_run, median, wilson_interval
from sightline.core.concurrency import version_of
from sightline.organisation.models import Authority, Team

from . import factories

# --- Pure statistics ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # Hand-computed: p=0.5, z²=3.8415; centre 0.5+0.19207=0.69207;
        # spread 1.95996·sqrt(0.025+0.0096036)=0.36460; divide by 1.38415.
        (5, 10, 0.23659, 0.76341),
        # p=0: centre z²/2n=0.19207, spread z·sqrt(z²/4n²)=0.19207 → low 0; high 0.38415/1.38415.
        (0, 10, 0.0, 0.27753),
        # p=0.8: centre 0.99207, spread 1.95996·sqrt(0.016+0.0096036)=0.31363.
        (8, 10, 0.49016, 0.94332),
        (12, 100, 0.06999, 0.19812),
    ],
)
def test_wilson_interval_matches_hand_computed_values(
    k: int, n: int, low: float, high: float
) -> None:
    interval = wilson_interval(k, n)
    assert interval is not None
    assert interval[0] == pytest.approx(low, abs=1e-5)
    assert interval[1] == pytest.approx(high, abs=1e-5)


def test_wilson_interval_edge_cases() -> None:
    assert wilson_interval(0, 0) is None
    low, high = wilson_interval(10, 10) or (0, 0)
    assert high == pytest.approx(1.0)
    assert low == pytest.approx(0.72247, abs=1e-5)
    with pytest.raises(ValueError, match="between 0 and 3"):
        wilson_interval(4, 3)


def test_median_and_runs() -> None:
    assert median([]) is None
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    assert longest_run([True, True, False, True]) == (2, 1)
    assert longest_run([False, True, True, True]) == (3, 3)
    assert longest_run([]) == (0, 0)


# --- Fixtures -------------------------------------------------------------------------------


@pytest.fixture
def fw(demo: Authority) -> Framework:
    return factories.framework(demo)


@pytest.fixture
def own_team(users: dict[str, User]) -> Team:
    team = users["manager"].team
    assert team is not None
    return team


@pytest.fixture
def other_team(demo: Authority, own_team: Team) -> Team:
    return Team.objects.filter(authority=demo).exclude(pk=own_team.pk).order_by("name")[0]


@pytest.fixture
def make_audit(fw: Framework, own_team: Team, users: dict[str, User]) -> Callable[..., Audit]:
    """An audit in the manager's team given to the auditor; keywords override."""

    def make(**kwargs: Any) -> Audit:
        fields: dict[str, Any] = {"framework": fw, "team": own_team, "auditor": users["auditor"]}
        return factories.audit(**(fields | kwargs))

    return make


@pytest.fixture
def complete_many(fw: Framework, own_team: Team, users: dict[str, User]) -> Callable[..., None]:
    """Completed audits in the manager's team, one per grade given; keywords override."""

    def make(grades: list[str], **kwargs: Any) -> None:
        fields: dict[str, Any] = {"team": own_team, "auditor": users["auditor"]}
        factories.completed_many(kwargs.pop("framework", fw), grades=grades, **(fields | kwargs))

    return make


# --- Frameworks -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_default_frameworks_are_installed_once(demo: Authority, fw: Framework) -> None:
    assert [a["title"] for a in fw.areas] == [
        "Supervision and management oversight",
        "Visiting and direct work",
        "Assessment of needs, risks and circumstances",
        "Planning and reviewing",
        "Case recording",
    ]
    for area in fw.areas:
        assert set(area["guidance"]) == {
            "outstanding",
            "good",
            "requires_improvement",
            "inadequate",
        }
    texts = " ".join(q["text"] for q in fw.questions)
    assert "child's voice" in texts
    assert "race, ethnicity, culture, language and religion" in texts
    assert "reflective" in texts
    assert services.frameworks_install_defaults(authority=demo) == 0
    assert Framework.objects.filter(authority=demo, kind="thematic").count() == 2
    assert LearningTheme.objects.filter(authority=demo).exists()


@pytest.mark.django_db
def test_revising_a_framework_makes_a_new_version_and_old_audits_keep_theirs(
    fw: Framework, users: dict[str, User], make_audit: Callable[..., Audit]
) -> None:
    audit = make_audit()
    definition = {**fw.definition, "questions": [{"key": "new", "text": "A new question?"}]}
    revised = services.framework_revise(
        by=users["qa"], framework=fw, title="Practice Fundamentals 2027", definition=definition
    )
    fw.refresh_from_db()
    audit.refresh_from_db()
    assert (revised.version, revised.is_current, fw.is_current) == (2, True, False)
    assert audit.framework_id == fw.pk
    assert audit.framework.questions[0]["key"] == "voice"
    with pytest.raises(ValidationError, match="not the current version"):
        services.framework_revise(by=users["qa"], framework=fw, title="x", definition=definition)
    broken = {"areas": [{"key": "a", "title": "A", "guidance": {"good": "x"}}], "questions": []}
    with pytest.raises(ValidationError, match="give guidance for Outstanding"):
        services.framework_revise(by=users["qa"], framework=revised, title="x", definition=broken)


# --- Programme and assignment ---------------------------------------------------------------


@pytest.mark.django_db
def test_candidates_parse_names_the_line_and_value(demo: Authority, own_team: Team) -> None:
    parsed = services.candidates_parse(
        authority=demo, text=f"{own_team.name}, C1\n\n{own_team.name.upper()}, C2\n"
    )
    assert parsed == {own_team: ["C1", "C2"]}
    with pytest.raises(ValidationError) as exc:
        services.candidates_parse(authority=demo, text="Nowhere Team, C1\nno comma here")
    messages = exc.value.message_dict["candidates"]
    assert "Line 1: no team called 'Nowhere Team'" in messages[0]
    assert "Line 2 ('no comma here')" in messages[1]


@pytest.mark.django_db
def test_programme_picks_n_cases_per_team_at_random(
    demo: Authority, fw: Framework, own_team: Team, other_team: Team, users: dict[str, User]
) -> None:
    candidates = {own_team: [f"A{i}" for i in range(10)], other_team: ["B1"]}
    programme = services.programme_create(
        by=users["qa"],
        authority=demo,
        month=date(2026, 11, 15),
        framework=fw,
        cases_per_team=3,
        due_date=date(2026, 11, 30),
        candidates=candidates,
        rng=random.Random(1),
    )
    assert programme.month == date(2026, 11, 1)
    picked = list(programme.audits.values_list("team_id", "child_id"))
    own = [c for t, c in picked if t == own_team.pk]
    assert len(own) == 3
    assert set(own) <= set(candidates[own_team])
    assert [c for t, c in picked if t == other_team.pk] == ["B1"]
    assert AuditEvent.objects.filter(action="audits.programme_create").count() == 1


@pytest.mark.django_db
def test_a_case_is_never_assigned_to_its_own_team_manager(
    users: dict[str, User], make_audit: Callable[..., Audit], other_team: Team
) -> None:
    audit = make_audit(auditor=None)
    with pytest.raises(ValidationError, match="never audited by its own team manager"):
        services.audit_assign(by=users["qa"], audit=audit, auditor=users["manager"])
    with pytest.raises(ValidationError, match="does not carry out audits"):
        services.audit_assign(by=users["qa"], audit=audit, auditor=users["board"])
    elsewhere = make_audit(auditor=None, team=other_team)
    services.audit_assign(by=users["qa"], audit=elsewhere, auditor=users["manager"])
    assert Audit.objects.get(pk=elsewhere.pk).auditor == users["manager"]
    assert users["manager"] not in selectors.assignable_auditors(audit=audit)


@pytest.mark.django_db
def test_assigning_from_a_stale_page_is_refused(
    users: dict[str, User], make_audit: Callable[..., Audit]
) -> None:
    audit = make_audit(auditor=None)
    seen = version_of(audit.updated_at)
    services.audit_assign(by=users["qa"], audit=audit, auditor=users["auditor"], seen_version=seen)
    with pytest.raises(ValidationError, match="Someone else changed this audit"):
        services.audit_assign(by=users["qa"], audit=audit, auditor=users["qa"], seen_version=seen)
    assert Audit.objects.get(pk=audit.pk).auditor == users["auditor"]


# --- Doing an audit -------------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_is_resumable_and_records_when_it_started(
    fw: Framework, users: dict[str, User], make_audit: Callable[..., Audit]
) -> None:
    audit = make_audit()
    partial = AuditInput(area_grades={"visiting": "good"}, findings="Half done")
    saved = services.audit_save(by=users["auditor"], audit=audit, data=partial, autosave=True)
    assert saved.status == Audit.Status.IN_PROGRESS
    assert saved.started_at is not None
    assert saved.autosaved_at is not None
    started = saved.started_at
    again = services.audit_save(
        by=users["auditor"],
        audit=audit,
        data=factories.audit_input(fw),
        seen_version=version_of(saved.updated_at),
    )
    assert again.started_at == started
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.audit_save(
            by=users["auditor"], audit=audit, data=partial, seen_version=version_of(started)
        )
    with pytest.raises(ValidationError, match="Only the assigned auditor"):
        services.audit_save(by=users["qa"], audit=audit, data=partial)


@pytest.mark.django_db
def test_completing_needs_every_grade_and_sends_inadequate_to_moderation(
    fw: Framework, users: dict[str, User], make_audit: Callable[..., Audit]
) -> None:
    audit = make_audit()
    with pytest.raises(ValidationError) as exc:
        services.audit_complete(
            by=users["auditor"], audit=audit, data=AuditInput(area_grades={"visiting": "good"})
        )
    assert {"area_supervision", "overall_grade", "findings"} <= set(exc.value.message_dict)
    done = factories.completed(audit, "inadequate", seed=0)
    assert done.status == Audit.Status.COMPLETED
    assert done.completed_at is not None
    assert done.started_at is not None
    assert Moderation.objects.get(audit=done).reason_selected.startswith("Every inadequate")
    with pytest.raises(ValidationError, match="already completed"):
        services.audit_save(by=users["auditor"], audit=audit, data=factories.audit_input(fw))


@pytest.mark.django_db
def test_moderation_sample_follows_the_programme_share(
    demo: Authority, fw: Framework, users: dict[str, User], make_audit: Callable[..., Audit]
) -> None:
    for percent, expected in ((0, False), (100, True)):
        programme = factories.programme(
            fw, month=date(2026, 1, 1), due_date=date(2026, 1, 31), moderation_percent=percent
        )
        audit = make_audit(programme=programme)
        done = factories.completed(audit)
        assert done.selected_for_moderation is expected


@pytest.mark.django_db
def test_moderation_keeps_both_grades_and_reports_agreement(
    demo: Authority, fw: Framework, users: dict[str, User], make_audit: Callable[..., Audit]
) -> None:
    first = factories.completed(make_audit(), "inadequate")
    second = factories.completed(make_audit(child_id="T2"), "inadequate")
    m1, m2 = Moderation.objects.get(audit=first), Moderation.objects.get(audit=second)
    with pytest.raises(ValidationError) as exc:
        services.moderation_record(by=users["qa"], moderation=m1, agreed=False, grade="good")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError, match="Only the QA lead"):
        services.moderation_record(by=users["director"], moderation=m1, agreed=True)
    services.moderation_record(
        by=users["qa"], moderation=m1, agreed=False, grade="requires_improvement", reason="Safe."
    )
    services.moderation_record(by=users["qa"], moderation=m2, agreed=True)
    first.refresh_from_db()
    assert first.overall_grade == "inadequate"
    assert first.final_grade == "requires_improvement"
    rate = selectors.moderation_agreement(authority=demo)
    assert (rate.agreed, rate.moderated, rate.rate.share) == (1, 2, 0.5)


# --- Remedial actions -----------------------------------------------------------------------


@pytest.mark.django_db
def test_actions_close_with_evidence_and_overdue_ones_escalate(
    fw: Framework, users: dict[str, User], make_audit: Callable[..., Audit]
) -> None:
    audit = factories.completed(make_audit(), "requires_improvement")
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.remedial_action_raise(
            by=users["auditor"],
            audit=audit,
            description=" ",
            owner=users["manager"],
            due_date=today - timedelta(days=1),
        )
    assert {"description", "due_date"} <= set(exc.value.message_dict)
    action = factories.action(audit, by=users["auditor"], owner=users["manager"])
    titles = [i.title for i in audit_attention(users["manager"])]
    assert "1 open audit action you own" in titles
    # A week later than its due date it is overdue: urgent for the owner, escalated to the
    # head of service of the team's locality, red for the QA lead.
    type(action).objects.filter(pk=action.pk).update(due_date=today - timedelta(days=2))
    urgent = [i for i in audit_attention(users["manager"]) if i.level == "urgent"]
    assert urgent[0].title == "1 audit action you own overdue"
    escalated = [i.title for i in audit_attention(users["hos"])]
    assert "1 overdue audit action escalated to you" in escalated
    assert selectors.actions_escalated_to(user=users["qa"]).count() == 1
    assert not list(selectors.actions_escalated_to(user=users["auditor"]))
    with pytest.raises(ValidationError, match="Only the action's owner"):
        services.remedial_action_close(by=users["auditor"], action=action, evidence="x" * 20)
    with pytest.raises(ValidationError) as exc:
        services.remedial_action_close(by=users["manager"], action=action, evidence="done")
    assert "evidence" in exc.value.message_dict
    closed = services.remedial_action_close(
        by=users["manager"], action=action, evidence="Chronology updated and checked."
    )
    assert closed.status == "closed"
    assert closed.closed_by == users["manager"]


# --- Analytics ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_grade_distribution_with_wilson_intervals_and_suppression(
    demo: Authority,
    complete_many: Callable[..., None],
) -> None:
    grades = ["good"] * 4 + ["requires_improvement"] * 5 + ["inadequate"]
    complete_many(grades)
    [row] = selectors.grade_distribution(authority=demo, by="team")
    assert row.total == 10
    assert row.counts == {
        "outstanding": 0,
        "good": 4,
        "requires_improvement": 5,
        "inadequate": 1,
    }
    assert row.good.share == 0.4
    assert row.good.low == pytest.approx(0.16818, abs=1e-5)
    assert row.meets_good_target is False
    assert row.meets_inadequate_target is True
    [hidden] = selectors.grade_distribution(authority=demo, by="team", suppress=True)
    assert hidden.counts == {
        "outstanding": 0,
        "good": None,
        "requires_improvement": 5,
        "inadequate": None,
    }


@pytest.mark.django_db
def test_weakest_area_and_team_consistency(
    demo: Authority,
    fw: Framework,
    make_audit: Callable[..., Audit],
    complete_many: Callable[..., None],
) -> None:
    audit = make_audit()
    grades = dict.fromkeys((a["key"] for a in fw.areas), "good") | {"recording": "inadequate"}
    factories.completed(audit, area_grades=grades)
    groups, rows = selectors.area_grades(authority=demo)
    weakest = selectors.weakest_area(rows=rows)
    assert weakest is not None
    assert weakest.key == "recording"
    assert len(groups) == 1
    for month in range(1, 8):
        programme = factories.programme(fw, month=date(2026, month, 1))
        complete_many(["good"], programme=programme)
    [team] = selectors.team_consistency(authority=demo)
    assert team.current >= 6
    assert team.consistent


# --- Scope ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_selectors_filter_audits_by_scope(
    users: dict[str, User], make_audit: Callable[..., Audit], other_team: Team
) -> None:
    mine = make_audit()
    elsewhere = make_audit(team=other_team, auditor=users["qa"], child_id="FAR")
    assert set(selectors.audits_visible(user=users["qa"])) == {mine, elsewhere}
    assert set(selectors.audits_visible(user=users["auditor"])) == {mine}
    assert set(selectors.audits_visible(user=users["manager"])) == {mine}
    assert not selectors.audits_visible(user=users["board"]).exists()
    assert not selectors.audits_visible(user=users["analyst"]).exists()


# --- Views ----------------------------------------------------------------------------------


def _form_post(audit: Audit, grade: str = "good", **extra: str) -> dict[str, str]:
    data = {f"area_{a['key']}": grade for a in audit.framework.areas}
    data |= {f"q_{q['key']}": "partly" for q in audit.framework.questions}
    data |= {"overall_grade": grade, "findings": "Findings.", "participation": "child"}
    return data | extra


@pytest.mark.django_db
def test_the_auditor_saves_autosaves_and_completes_from_the_page(
    client_for: Callable[[str], Client], make_audit: Callable[..., Audit]
) -> None:
    audit = make_audit()
    client = client_for("auditor")
    page = client.get(reverse("audits:audit_edit", args=[audit.pk]))
    assert page.status_code == 200
    assert "Practice is consistently strong" in page.content.decode()
    assert AccessLogEntry.objects.filter(subject_ids=["T0001"]).exists()
    response = client.post(
        reverse("audits:audit_autosave", args=[audit.pk]), {"findings": "Draft", "version": ""}
    )
    assert response.json()["saved"] is True
    version = response.json()["version"]
    audit.refresh_from_db()
    assert audit.findings == "Draft"
    stale = client.post(
        reverse("audits:audit_autosave", args=[audit.pk]),
        {"findings": "Other", "version": "2000-01-01T00:00:00+00:00"},
    )
    assert stale.status_code == 409
    saved = client.post(
        reverse("audits:audit_edit", args=[audit.pk]),
        _form_post(audit, version=version, save="1"),
    )
    assert saved.status_code == 302
    audit.refresh_from_db()
    assert audit.status == Audit.Status.IN_PROGRESS
    assert audit.answers["voice"]["answer"] == "partly"
    done = client.post(
        reverse("audits:audit_edit", args=[audit.pk]),
        _form_post(audit, version=version_of(audit.updated_at), complete="1"),
    )
    assert done.status_code == 302
    audit.refresh_from_db()
    assert audit.status == Audit.Status.COMPLETED
    assert client.get(reverse("audits:audit_edit", args=[audit.pk])).status_code == 403


@pytest.mark.django_db
def test_completing_with_gaps_shows_errors_beside_the_fields(
    client_for: Callable[[str], Client], make_audit: Callable[..., Audit]
) -> None:
    audit = make_audit()
    response = client_for("auditor").post(
        reverse("audits:audit_edit", args=[audit.pk]), {"complete": "1"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Grade case recording." in body


@pytest.mark.django_db
def test_managers_see_only_their_teams_audits(
    client_for: Callable[[str], Client],
    make_audit: Callable[..., Audit],
    other_team: Team,
    users: dict[str, User],
) -> None:
    far = make_audit(team=other_team, child_id="FAR1", auditor=users["qa"])
    assert (
        client_for("manager").get(reverse("audits:audit_detail", args=[far.pk])).status_code == 403
    )
    assert client_for("qa").get(reverse("audits:audit_detail", args=[far.pk])).status_code == 200
    home = client_for("board").get(reverse("audits:home")).content.decode()
    assert "FAR1" not in home


@pytest.mark.django_db
def test_pdf_and_excel_exports(
    client_for: Callable[[str], Client],
    complete_many: Callable[..., None],
) -> None:
    import openpyxl

    complete_many(["good", "good", "inadequate"])
    audit = Audit.objects.filter(status="completed").first()
    assert audit is not None
    pdf = client_for("qa").get(reverse("audits:audit_pdf", args=[audit.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    full = client_for("qa").get(reverse("audits:export_summary"))
    book = openpyxl.load_workbook(io.BytesIO(full.content))
    sheet = book["By team"]
    assert [c.value for c in sheet[2]][1:6] == [3, 0, 2, 0, 1]
    member = client_for("member").get(reverse("audits:export_summary"))
    sheet = openpyxl.load_workbook(io.BytesIO(member.content))["By team"]
    assert all(v in ("[c]", 0) for v in [c.value for c in sheet[2]][1:6])  # a 0 is shown


@pytest.mark.django_db
def test_programme_moderation_and_learning_pages_work_end_to_end(  # noqa: PLR0917
    client_for: Callable[[str], Client],
    demo: Authority,
    fw: Framework,
    own_team: Team,
    other_team: Team,
    users: dict[str, User],
) -> None:
    qa = client_for("qa")
    response = qa.post(
        reverse("audits:programme_create"),
        {
            "month": "2026-11",
            "framework": fw.pk,
            "cases_per_team": 1,
            "due_date": "2026-12-15",
            "moderation_percent": 100,
            "candidates": f"{own_team.name}, K1\n{other_team.name}, K2",
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(authority=demo)
    audit = programme.audits.get(team=own_team)
    refused = qa.post(
        reverse("audits:audit_assign", args=[audit.pk]), {"auditor": users["manager"].pk}
    )
    assert refused.status_code == 200
    assert (
        qa.post(
            reverse("audits:audit_assign", args=[audit.pk]), {"auditor": users["auditor"].pk}
        ).status_code
        == 302
    )
    auditor = client_for("auditor")
    auditor.post(reverse("audits:audit_edit", args=[audit.pk]), _form_post(audit, complete="1"))
    moderation = Moderation.objects.get(audit=audit)
    assert qa.get(reverse("audits:moderation")).status_code == 200
    assert (
        qa.post(
            reverse("audits:moderate", args=[moderation.pk]),
            {"decision": "regrade", "grade": "requires_improvement", "reason": "Plan drifted."},
        ).status_code
        == 302
    )
    assert (
        qa.post(
            reverse("audits:learning_publish"), {"month": "2026-11", "body": "Chronologies."}
        ).status_code
        == 302
    )
    assert "Chronologies." in client_for("manager").get(reverse("audits:learning")).content.decode()
    analytics = client_for("member").get(reverse("audits:analytics")).content.decode()
    assert "[c]" in analytics


@pytest.mark.django_db
def test_practitioner_view_is_for_managers_within_scope(
    users: dict[str, User],
    other_team: Team,
    complete_many: Callable[..., None],
) -> None:
    complete_many(["good", "inadequate"], practitioner="SW Ash")
    complete_many(["good"], practitioner="SW Far", team=other_team)
    mine = selectors.practitioner_grades(user=users["manager"])
    assert [(r.practitioner, r.good.count, r.good.total) for r in mine] == [("SW Ash", 1, 2)]
    assert {r.practitioner for r in selectors.practitioner_grades(user=users["qa"])} == {
        "SW Ash",
        "SW Far",
    }
    assert selectors.practitioner_grades(user=users["auditor"]) == []
    assert selectors.practitioner_grades(user=users["board"]) == []


@pytest.mark.django_db
def test_analytics_draws_the_spc_chart_of_the_monthly_share(
    client_for: Callable[[str], Client],
    demo: Authority,
    fw: Framework,
    complete_many: Callable[..., None],
) -> None:
    for month in (1, 2, 3):
        programme = factories.programme(fw, month=date(2026, month, 1))
        complete_many(["good"] * month + ["inadequate"], programme=programme)
    body = client_for("qa").get(reverse("audits:analytics")).content.decode()
    assert 'class="sl-spc"' in body
    assert "Jan 2026" in body


@pytest.mark.django_db
def test_the_qa_lead_edits_a_framework_into_a_new_version_in_the_browser(
    client_for: Callable[[str], Client], fw: Framework
) -> None:
    qa = client_for("qa")
    url = reverse("audits:framework_revise", args=[fw.pk])
    form = qa.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["questions"] = (
        "Is the child's voice and lived experience evident?\nIs there a safety plan?"
    )
    response = qa.post(url, data)
    assert response.status_code == 302
    revised = Framework.objects.get(key=fw.key, is_current=True)
    assert revised.version == 2
    assert [q["key"] for q in revised.questions] == ["voice", "q2"]
    detail = qa.get(reverse("audits:framework_detail", args=[revised.pk])).content.decode()
    assert "Is there a safety plan?" in detail
    assert client_for("manager").post(url, data).status_code == 403


@pytest.mark.django_db
def test_theme_frequency_by_team_and_month(
    demo: Authority,
    fw: Framework,
    users: dict[str, User],
    make_audit: Callable[..., Audit],
    client_for: Callable[[str], Client],
) -> None:
    voice = factories.theme(demo)
    for i in range(2):
        factories.completed(make_audit(child_id=f"TH{i}"), theme_ids=[voice.pk])
    table = selectors.theme_frequency(authority=demo, by="team")
    assert table.rows == [("Child's voice", [2], 2)]
    assert len(selectors.theme_frequency(authority=demo, by="month").columns) == 1
    member = client_for("member").get(reverse("audits:themes")).content.decode()
    assert "[c]" in member
    manager = client_for("manager").get(reverse("audits:themes")).content.decode()
    assert "Child&#x27;s voice" in manager or "Child's voice" in manager


@pytest.mark.django_db
def test_figures_for_a_period_and_a_thematic_framework(
    demo: Authority,
    fw: Framework,
    client_for: Callable[[str], Client],
    complete_many: Callable[..., None],
) -> None:
    for month, grade in ((1, "good"), (2, "inadequate"), (3, "good")):
        programme = factories.programme(fw, month=date(2026, month, 1))
        complete_many([grade], programme=programme)
    period = selectors.Period(date(2026, 2, 1), date(2026, 3, 1))
    rows = selectors.grade_distribution(authority=demo, by="month", period=period)
    assert [(r.label, r.total) for r in rows] == [("Feb 2026", 1), ("Mar 2026", 1)]
    assert period.label == "February 2026 to March 2026"
    neglect = Framework.objects.get(authority=demo, key="neglect-dip-sample")
    complete_many(["inadequate"], framework=neglect)
    [row] = selectors.grade_distribution(authority=demo, by="team", framework_key=neglect.key)
    assert row.counts["inadequate"] == 1
    page = client_for("qa").get(
        reverse("audits:analytics") + "?by=month&from=2026-02&to=2026-03&framework=x"
    )
    assert page.context["period"] == period
    assert page.context["framework"].key == "practice-fundamentals"
    assert len(page.context["rows"]) == 2
    export = client_for("qa").get(reverse("audits:export_summary") + "?from=2026-03")
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(export.content))["By month"]
    assert [c.value for c in sheet["A"]][1:] == ["Mar 2026"]


@pytest.mark.django_db
def test_assigning_a_programme_in_turn_skips_each_cases_own_team_manager(  # noqa: PLR0917
    demo: Authority,
    fw: Framework,
    own_team: Team,
    other_team: Team,
    users: dict[str, User],
    client_for: Callable[[str], Client],
) -> None:
    programme = services.programme_create(
        by=users["qa"],
        authority=demo,
        month=date(2026, 11, 1),
        framework=fw,
        cases_per_team=2,
        due_date=date(2026, 11, 30),
        candidates={own_team: ["A1", "A2"], other_team: ["B1", "B2"]},
    )
    response = client_for("qa").post(
        reverse("audits:programme_detail", args=[programme.pk]),
        {"auditors": [users["manager"].pk, users["auditor"].pk]},
    )
    assert response.status_code == 302
    by_team = {
        (a.team_id, a.auditor.username if a.auditor else None) for a in programme.audits.all()
    }
    assert (own_team.pk, "manager") not in by_team
    assert {name for _, name in by_team} == {"manager", "auditor"}
    assert not programme.audits.filter(auditor__isnull=True).exists()


# --- Weekly reminder by email ---------------------------------------------------------------


@pytest.mark.django_db
def test_weekly_email_reminds_auditors_owners_and_managers_and_names_no_child(
    fw: Framework, users: dict[str, User], make_audit: Callable[..., Audit]
) -> None:
    from django.core import mail
    from django.core.management import call_command

    today = timezone.localdate()
    late = make_audit(child_id="SECRET-CHILD-1", due_date=today - timedelta(days=3))
    make_audit(child_id="SECRET-CHILD-2", due_date=today + timedelta(days=2))
    make_audit(child_id="SECRET-CHILD-3", due_date=today + timedelta(days=30))  # not yet
    done = factories.completed(make_audit(child_id="SECRET-CHILD-4"), "requires_improvement")
    action = factories.action(
        done, by=users["auditor"], owner=users["manager"], due_date=today + timedelta(days=1)
    )
    type(action).objects.filter(pk=action.pk).update(due_date=today - timedelta(days=1))
    for name in ("auditor", "manager", "hos"):
        User.objects.filter(pk=users[name].pk).update(email=f"{name}@anyshire.example")

    out = io.StringIO()
    call_command("send_audit_reminders", "--site-url", "https://sightline.example/", stdout=out)
    by_to = {email.to[0]: email for email in mail.outbox}
    assert {"auditor@anyshire.example", "manager@anyshire.example", "hos@anyshire.example"} <= set(
        by_to
    )
    assert f"Audit reminder emails sent: {len(mail.outbox)}." in out.getvalue()
    auditor = by_to["auditor@anyshire.example"].body
    assert f"Audit {late.pk}, {late.team.name} (due {late.due_date:%d/%m/%Y})" in auditor
    assert auditor.index("Audits overdue") < auditor.index("Audits due in the next 7 days")
    assert auditor.count("- Audit ") == 2  # the one due in 30 days waits
    owner = by_to["manager@anyshire.example"]
    assert owner.subject == "Sightline audits: 1 overdue"
    assert f"Action on audit {done.pk}" in owner.body
    escalated = by_to["hos@anyshire.example"]
    assert "escalated to you" in escalated.subject
    assert "https://sightline.example/audits/actions/?show=overdue" in escalated.body
    for email in mail.outbox:  # an email leaves Sightline: no child's ID in it
        assert "SECRET-CHILD" not in email.subject + email.body
        assert "chronology" not in email.body.lower()
    assert AuditEvent.objects.filter(action="audits.reminders.send").exists()


@pytest.mark.django_db
def test_a_new_authority_starts_with_the_default_frameworks(demo: Authority) -> None:
    from sightline.organisation.services import authority_create

    other = authority_create(by=None, name="Otherham", benchmark_as=demo.benchmark_as)
    keys = set(Framework.objects.filter(authority=other).values_list("key", flat=True))
    assert keys == {"practice-fundamentals", "neglect-dip-sample", "care-leavers-pathway-plans"}
    assert LearningTheme.objects.filter(authority=other).exists()


@pytest.mark.django_db
def test_the_grades_page_and_summary_write_nothing_when_read(
    client_for: Callable[[str], Client], demo: Authority
) -> None:
    """An authority without its frameworks (one made before they were installed with it) sees
    the same Grades page, and neither the page nor the download writes anything."""
    import re

    Framework.objects.filter(authority=demo).delete()
    LearningTheme.objects.filter(authority=demo).delete()
    events = AuditEvent.objects.count()
    qa = client_for("qa")
    url = reverse("audits:analytics") + "?framework=neglect-dip-sample"
    without = qa.get(url)
    summary = qa.get(reverse("audits:export_summary"))
    assert without.status_code == summary.status_code == 200
    assert not Framework.objects.filter(authority=demo).exists()
    assert not LearningTheme.objects.filter(authority=demo).exists()
    assert AuditEvent.objects.count() == events
    services.frameworks_install_defaults(authority=demo)
    installed = qa.get(url)

    def page(response: object) -> str:  # the page without its per-request tokens
        text = response.content.decode()  # type: ignore[attr-defined]
        return re.sub(r'(nonce|csrfmiddlewaretoken" value)="[^"]*"', "", text)

    assert "Showing Neglect" in page(without)
    assert page(without) == page(installed)
