"""Governance: boards, meetings and packs, meeting actions, risks, inspections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import User
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_manage_governance,
    can_update_meeting_action,
    can_view_governance,
)
from sightline.governance import selectors, services
from sightline.governance.hooks import meeting_actions_due
from sightline.governance.models import (
    Framework,
    Inspection,
    InterventionStatus,
    MeetingAction,
    Risk,
    risk_band,
)
from sightline.organisation.models import Authority
from tests.governance.factories import GovObjects, gov_objects
from tests.plan.factories import plan_objects


@pytest.fixture(autouse=True)
def private_root(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture
def gov(demo: Authority) -> GovObjects:
    return gov_objects(demo)


@pytest.mark.django_db
def test_governance_predicates(users: dict[str, User], gov: GovObjects) -> None:
    readers = {u for u, user in users.items() if can_view_governance(user)}
    assert readers == {"director", "hos", "analyst", "qa", "owner", "board", "member", "adviser"}
    assert {u for u, user in users.items() if can_manage_governance(user)} == {"director"}
    closers = {u for u, user in users.items() if can_update_meeting_action(user, gov.owner_action)}
    assert closers == {"director", "owner"}


# --- frameworks -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_frameworks_are_data_loaded_by_migration() -> None:
    codes = dict(Framework.objects.values_list("code", "has_overall_judgement"))
    assert codes == {
        "SIF-2013": True,
        "ILACS-2018": True,
        "ILACS-2023": True,
        "ILACS-2026": False,
    }
    ilacs23 = Framework.objects.get(code="ILACS-2023")
    assert "care_leavers" in set(ilacs23.areas.values_list("key", flat=True))
    ilacs26 = Framework.objects.get(code="ILACS-2026")
    assert "overall" not in set(ilacs26.areas.values_list("key", flat=True))


@pytest.mark.django_db
def test_an_inspection_only_takes_its_frameworks_judgements_and_grades(
    demo: Authority, users: dict[str, User]
) -> None:
    ilacs26 = Framework.objects.get(code="ILACS-2026")
    kwargs: dict[str, Any] = {
        "by": users["director"],
        "authority": demo,
        "framework": ilacs26,
        "kind": Inspection.Kind.STANDARD,
        "start_date": date(2026, 5, 1),
    }
    with pytest.raises(ValidationError, match="no judgement 'overall'"):
        services.inspection_record(**kwargs, judgements={"overall": "Good"})
    with pytest.raises(ValidationError, match="not a grade"):
        services.inspection_record(**kwargs, judgements={"leaders": "Excellent"})
    inspection = services.inspection_record(**kwargs, judgements={"care_leavers": "Good"})
    assert [j.grade for j in inspection.judgements.all()] == ["Good"]


@pytest.mark.django_db
def test_recommendations_link_to_the_plan_and_carry_status_at_later_visits(
    demo: Authority, users: dict[str, User], gov: GovObjects, client_for: Callable[[str], Client]
) -> None:
    objs = plan_objects(demo)
    rec = services.recommendation_add(
        by=users["director"],
        inspection=gov.inspection,
        number=1,
        text="Strategy meeting thresholds and timeliness.",
        priorities=[objs.priority],
        actions=[objs.action],
    )
    visit = services.inspection_record(
        by=users["director"],
        authority=demo,
        framework=Framework.objects.get(code="ILACS-2023"),
        kind=Inspection.Kind.MONITORING,
        start_date=date(2024, 10, 1),
    )
    services.recommendation_progress_add(
        by=users["director"], recommendation=rec, on=visit.start_date, visit=visit, status="met"
    )
    page = client_for("adviser").get(reverse("governance:inspection", args=[gov.inspection.pk]))
    text = page.content.decode()
    assert "action 1.1" in text
    assert "Met" in text
    assert "monitoring visit" in text


@pytest.mark.django_db
def test_intervention_status_over_time(demo: Authority) -> None:
    services.intervention_set(
        by=None, authority=demo, kind="direction", started_on=date(2017, 6, 1)
    )
    services.intervention_set(by=None, authority=demo, kind="adviser", started_on=date(2022, 4, 1))
    rows = list(InterventionStatus.objects.filter(authority=demo).order_by("started_on"))
    assert [(r.kind, r.ended_on) for r in rows] == [
        ("direction", date(2022, 3, 31)),
        ("adviser", None),
    ]
    assert selectors.intervention_now(authority=demo).kind == "adviser"  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        services.intervention_set(by=None, authority=demo, kind="none", started_on=date(2020, 1, 1))


# --- risks ----------------------------------------------------------------------------------


def test_risk_bands() -> None:
    assert [risk_band(s) for s in (1, 4, 5, 9, 10, 14, 15, 25)] == [
        "Low",
        "Low",
        "Medium",
        "Medium",
        "High",
        "High",
        "Very high",
        "Very high",
    ]


@pytest.mark.django_db
def test_risk_scores_are_1_to_5_each(demo: Authority, users: dict[str, User]) -> None:
    with pytest.raises(ValidationError):
        services.risk_create(
            by=None,
            authority=demo,
            reference="R9",
            title="t",
            cause="c",
            consequence="c",
            likelihood=6,
            impact=1,
            owner=users["director"],
            review_date=date(2027, 1, 1),
        )


@pytest.mark.django_db
def test_heat_map_places_each_open_risk_by_likelihood_and_impact(gov: GovObjects) -> None:
    heat = selectors.heat_map(risks=[gov.risk])
    assert [likelihood for likelihood, _ in heat] == [5, 4, 3, 2, 1]
    cell = heat[2][1][4]  # likelihood 3, impact 5
    assert (cell.likelihood, cell.impact, cell.score, cell.band) == (3, 5, 15, "Very high")
    assert cell.risks == (gov.risk,)
    assert sum(len(c.risks) for _, cells in heat for c in cells) == 1


@pytest.mark.django_db
def test_risk_register_page_has_a_text_heat_map(
    gov: GovObjects, client_for: Callable[[str], Client]
) -> None:
    page = client_for("member").get(reverse("governance:risks")).content.decode()
    assert "Likelihood 3" in page
    assert "15 Very high" in page  # colour plus text
    assert "R1 Ransomware at the ICT provider" in page


@pytest.mark.django_db
def test_rescoring_a_risk_is_recorded_and_stale_edits_are_refused(
    users: dict[str, User], gov: GovObjects
) -> None:
    seen = version_of(gov.risk.updated_at)
    fields: dict[str, Any] = {
        "title": gov.risk.title,
        "cause": gov.risk.cause,
        "consequence": gov.risk.consequence,
        "impact": 5,
        "trend": Risk.Trend.FALLING,
        "owner": users["director"],
        "mitigations": "Offline forms",
        "review_date": date(2027, 1, 1),
    }
    services.risk_update(
        by=users["director"], risk=gov.risk, seen_version=seen, likelihood=2, **fields
    )
    with pytest.raises(ValidationError, match="Someone else changed this risk"):
        services.risk_update(
            by=users["director"], risk=gov.risk, seen_version=seen, likelihood=5, **fields
        )
    gov.risk.refresh_from_db()
    assert gov.risk.score == 10
    from sightline.auditlog.models import AuditEvent

    event = AuditEvent.objects.filter(action="governance.risk.update").get()
    assert event.changes["likelihood"] == {"from": 3, "to": 2}


# --- meetings -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_meeting_actions_are_tracked_to_closure(
    users: dict[str, User], gov: GovObjects, client_for: Callable[[str], Client]
) -> None:
    items = list(meeting_actions_due(users["owner"]))
    assert [i.level for i in items] == ["urgent"]
    url = reverse("governance:meeting_action_close", args=[gov.owner_action.pk])
    assert client_for("board").get(url).status_code == 403
    owner = client_for("owner")
    version = owner.get(url).context["form"].initial["version"]
    response = owner.post(url, {"version": version, "closed_on": "01/01/2027", "note": ""})
    assert response.status_code == 200  # a note is required
    response = owner.post(
        url, {"version": version, "closed_on": "01/01/2027", "note": "Presented to the board"}
    )
    assert response.status_code == 302
    gov.owner_action.refresh_from_db()
    assert gov.owner_action.status == MeetingAction.Status.CLOSED
    assert list(meeting_actions_due(users["owner"])) == []
    # A second person closing from a stale page is refused.
    response = client_for("director").post(
        url, {"version": version, "closed_on": "02/01/2027", "note": "again"}
    )
    assert "Someone else changed this meeting action" in response.content.decode()


@pytest.mark.django_db
def test_a_meeting_action_needs_an_owner(users: dict[str, User], gov: GovObjects) -> None:
    with pytest.raises(ValidationError):
        services.meeting_action_add(
            by=None, meeting=gov.meeting, description="x", due_date=date(2027, 1, 1)
        )


@pytest.mark.django_db
def test_director_records_a_meeting_with_agenda_minutes_and_decisions(
    demo: Authority, gov: GovObjects, client_for: Callable[[str], Client]
) -> None:
    objs = plan_objects(demo)
    director = client_for("director")
    response = director.post(
        reverse("governance:meeting_create", args=[gov.board.pk]),
        {"date": "15/01/2027", "location": "Shire Hall"},
    )
    assert response.status_code == 302
    meeting = gov.board.meetings.get(date=date(2027, 1, 15))
    response = director.post(
        reverse("governance:agenda_item_add", args=[meeting.pk]),
        {
            "title": "Front door deep dive",
            "presenter": "Olwen Ng",
            "priorities": [objs.priority.pk],
            "measure_ids": "fd04, XX99",
        },
    )
    assert "Unknown measure IDs: XX99" in response.content.decode()
    response = director.post(
        reverse("governance:agenda_item_add", args=[meeting.pk]),
        {"title": "Front door deep dive", "presenter": "Olwen Ng",
         "priorities": [objs.priority.pk], "measure_ids": "fd04"},
    )  # fmt: skip
    assert response.status_code == 302
    assert meeting.items.get().measure_ids == ["FD04"]
    minutes_url = reverse("governance:meeting_minutes", args=[meeting.pk])
    version = director.get(minutes_url).context["form"].initial["version"]
    assert (
        director.post(minutes_url, {"version": version, "minutes": "Board noted."}).status_code
        == 302
    )
    director.post(
        reverse("governance:decision_add", args=[meeting.pk]), {"text": "Approve the plan."}
    )
    page = client_for("board").get(reverse("governance:meeting", args=[meeting.pk]))
    text = page.content.decode()
    assert "Front door deep dive" in text
    assert "Board noted." in text
    assert "Approve the plan." in text


@pytest.mark.django_db
def test_meeting_pack_html_and_pdf_assemble_the_linked_items(
    demo: Authority, users: dict[str, User], gov: GovObjects, client_for: Callable[[str], Client]
) -> None:
    objs = plan_objects(demo)
    services.agenda_item_add(
        by=None,
        meeting=gov.meeting,
        title="Practice fundamentals",
        presenter="Olwen Ng",
        priorities=[objs.priority],
        measure_ids=["CP03"],
    )
    pack = selectors.meeting_pack(meeting=gov.meeting, today=timezone.localdate())
    (item,) = pack.items
    (priority, row), = item.priorities  # fmt: skip
    assert priority == objs.priority
    assert row is not None
    assert (row.total, row.overdue) == (2, 1)
    assert item.measures[0].measure_id == "CP03"
    assert item.measures[0].value is None  # no performance data: shown as "No data yet"
    html = client_for("member").get(reverse("governance:meeting_pack", args=[gov.meeting.pk]))
    assert "Practice fundamentals" in html.content.decode()
    assert "No data yet" in html.content.decode()
    pdf = client_for("adviser").get(reverse("governance:meeting_pack_pdf", args=[gov.meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_other_authorities_meetings_are_not_found(users: dict[str, User], gov: GovObjects) -> None:
    other = Authority.objects.create(name="Otherham", benchmark_as=gov.board.authority.benchmark_as)
    outsider = User.objects.create_user(
        username="otherdcs", password="x", role="director", authority=other
    )
    client = Client()
    client.force_login(outsider)
    for name, pk in [
        ("governance:meeting", gov.meeting.pk),
        ("governance:risk", gov.risk.pk),
        ("governance:board", gov.board.pk),
        ("governance:inspection", gov.inspection.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name


@pytest.mark.django_db
def test_demo_governance_is_seeded_once(demo: Authority) -> None:
    from sightline.governance.demo import demo_seed as governance_seed
    from sightline.governance.models import Board, Meeting
    from sightline.plan.demo import demo_seed as plan_seed

    for _ in range(2):
        plan_seed(authority=demo)
        governance_seed(authority=demo)
    assert Board.objects.filter(authority=demo).count() == 3
    improvement = Board.objects.get(authority=demo, kind="improvement")
    chair = improvement.members.get(is_chair=True)
    assert chair.is_independent
    assert Meeting.objects.filter(board=improvement).count() == 5
    assert Risk.objects.filter(authority=demo).count() == 5
    kinds = list(
        Inspection.objects.filter(authority=demo)
        .order_by("start_date")
        .values_list("kind", flat=True)
    )
    assert kinds[0] == "standard"
    assert {"monitoring", "focused", "annual"} <= set(kinds)
    main = Inspection.objects.get(authority=demo, start_date=date(2022, 2, 7))
    assert main.recommendations.count() == 5
    assert all(r.actions.exists() for r in main.recommendations.all())
    assert MeetingAction.objects.filter(
        meeting__board=improvement, status="open", due_date__lt=timezone.localdate()
    ).exists()


@pytest.mark.django_db
def test_director_records_an_inspection_its_recommendations_and_their_status(
    demo: Authority, gov: GovObjects, client_for: Callable[[str], Client]
) -> None:
    objs = plan_objects(demo)
    director = client_for("director")
    chooser = director.get(reverse("governance:inspection_create"))
    assert "Under which framework?" in chooser.content.decode()
    form_page = director.get(reverse("governance:inspection_create") + "?framework=ILACS-2026")
    assert "no overall effectiveness judgement" in form_page.content.decode()
    assert "grade_overall" not in form_page.context["form"].fields
    response = director.post(
        reverse("governance:inspection_create"),
        {
            "framework": "ILACS-2026",
            "kind": "standard",
            "start_date": "02/03/2026",
            "letter_url": "https://reports.example/anyshire",
            "grade_care_leavers": "Good",
            "grade_leaders": "",
        },
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(authority=demo, start_date=date(2026, 3, 2))
    assert [(j.area.key, j.grade) for j in inspection.judgements.all()] == [
        ("care_leavers", "Good")
    ]
    response = director.post(
        reverse("governance:recommendation_add", args=[gov.inspection.pk]),
        {
            "number": 2,
            "text": "Strategy meetings held on time.",
            "priorities": [objs.priority.pk],
            "actions": [objs.action.pk],
        },
    )
    assert response.status_code == 302
    rec = gov.inspection.recommendations.get(number=2)
    assert list(rec.actions.all()) == [objs.action]
    response = director.post(
        reverse("governance:recommendation_progress_add", args=[rec.pk]),
        {"on": "02/03/2026", "status": "progress", "visit": inspection.pk, "note": "Better"},
    )
    assert response.status_code == 302
    assert rec.progress.get().visit == inspection
    response = director.post(
        reverse("governance:intervention_set"),
        {"kind": "support", "started_on": "01/04/2026", "note": "Support and supervision"},
    )
    assert response.status_code == 302
    assert selectors.intervention_now(authority=demo).kind == "support"  # type: ignore[union-attr]


@pytest.mark.django_db
def test_director_adds_a_board_with_an_independent_chair(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    from sightline.governance.models import Board

    director = client_for("director")
    response = director.post(
        reverse("governance:board_create"),
        {"name": "Transformation board", "kind": "transformation"},
    )
    assert response.status_code == 302
    board = Board.objects.get(authority=demo, name="Transformation board")
    url = reverse("governance:board_member_add", args=[board.pk])
    chair = {"name": "Dr Sam Ilori", "role": "Chair", "is_chair": "on", "is_independent": "on"}
    assert director.post(url, chair).status_code == 302
    second = director.post(url, {**chair, "name": "Another chair"})
    assert "already has a chair" in second.content.decode()
    assert board.members.get().is_independent


@pytest.mark.django_db
def test_risk_form_links_priorities_and_measures(
    demo: Authority, gov: GovObjects, client_for: Callable[[str], Client]
) -> None:
    objs = plan_objects(demo)
    director = client_for("director")
    url = reverse("governance:risk_edit", args=[gov.risk.pk])
    initial = director.get(url).context["form"].initial
    data = {
        **{k: v for k, v in initial.items() if k not in ("priorities", "owner", "review_date")},
        "owner": gov.risk.owner_id,
        "review_date": "01/03/2027",
        "likelihood": 4,
        "priorities": [objs.priority.pk],
        "measure_ids": "fd04, cp03",
    }
    response = director.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    gov.risk.refresh_from_db()
    assert gov.risk.measure_ids == ["FD04", "CP03"]
    assert list(gov.risk.priorities.all()) == [objs.priority]
    page = client_for("board").get(reverse("governance:risk", args=[gov.risk.pk])).content.decode()
    assert "Measure ids: (blank) → FD04, CP03" in page
    assert "Likelihood: 3 → 4" in page
