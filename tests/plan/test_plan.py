"""The improvement plan: services, selectors, views, permissions, evidence safety, import."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_manage_plan,
    can_update_action,
    can_view_evidence,
    can_view_plan,
)
from sightline.kernel.disclosure import OPEN, SUPPRESSED
from sightline.organisation.models import Authority
from sightline.plan import selectors, services
from sightline.plan.hooks import actions_due
from sightline.plan.imports import PlanImportError, plan_import
from sightline.plan.models import Action, Brag, Evidence, MeasureLink, Plan
from tests.plan.factories import PlanObjects, plan_objects

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_root(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture
def objs(demo: Authority) -> PlanObjects:
    return plan_objects(demo)


def _pdf(name: str = "evidence.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


# --- permissions ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_predicates_follow_the_role_table(users: dict[str, User], objs: PlanObjects) -> None:
    readers = {u for u, user in users.items() if can_view_plan(user)}
    assert readers == {"director", "hos", "analyst", "qa", "owner", "board", "member", "adviser"}
    assert {u for u, user in users.items() if can_manage_plan(user)} == {"director"}
    editors = {u for u, user in users.items() if can_update_action(user, objs.action)}
    assert editors == {"director", "owner"}  # the owner is this action's SRO
    assert not can_update_action(users["owner"], objs.other_action)
    evidence = {u for u, user in users.items() if can_view_evidence(user)}
    assert evidence == readers - {"member", "adviser"}


@pytest.mark.django_db
def test_a_director_of_another_authority_cannot_update_the_action(
    users: dict[str, User], objs: PlanObjects
) -> None:
    other = Authority.objects.create(name="Otherham", benchmark_as=objs.plan.authority.benchmark_as)
    outsider = User.objects.create_user(
        username="otherdcs", password="x", role="director", authority=other
    )
    assert not can_update_action(outsider, objs.action)
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("plan:action", args=[objs.action.pk])).status_code == 404


# --- services -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_plan_version_supersedes_the_active_one(
    users: dict[str, User], objs: PlanObjects
) -> None:
    new = services.plan_create(
        by=users["director"],
        authority=objs.plan.authority,
        title="Plan after re-inspection",
        starts_on=date(2026, 4, 1),
    )
    objs.plan.refresh_from_db()
    assert new.version == objs.plan.version + 1
    assert objs.plan.status == Plan.Status.SUPERSEDED
    assert selectors.plan_current(authority=objs.plan.authority) == new


@pytest.mark.django_db
def test_action_create_refuses_a_due_date_before_the_start(
    users: dict[str, User], objs: PlanObjects
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.action_create(
            by=users["director"],
            priority=objs.priority,
            reference="1.9",
            description="x",
            sro=users["owner"],
            start_date=date(2026, 5, 1),
            due_date=date(2026, 4, 1),
        )
    assert "due_date" in exc.value.message_dict


@pytest.mark.django_db
def test_blue_needs_evidence_of_impact(users: dict[str, User], objs: PlanObjects) -> None:
    kwargs: dict[str, Any] = {
        "by": users["owner"],
        "action": objs.action,
        "seen_version": None,
        "on": timezone.localdate(),
        "status": Brag.BLUE,
        "percent_complete": 100,
        "commentary": "Done",
        "rating_reason": "Re-referrals fell",
    }
    with pytest.raises(ValidationError) as exc:
        services.progress_update_add(**kwargs)
    assert "impact" in str(exc.value)
    # Complete without evidence is its own state, and must be 100%.
    with pytest.raises(ValidationError):
        services.progress_update_add(**{**kwargs, "status": Brag.COMPLETE, "percent_complete": 90})
    services.progress_update_add(**{**kwargs, "status": Brag.COMPLETE})
    objs.action.refresh_from_db()
    assert objs.action.status == Brag.COMPLETE
    services.progress_update_add(**{**kwargs, "files": [_pdf()]})
    objs.action.refresh_from_db()
    assert objs.action.status == Brag.BLUE
    assert objs.action.evidence.count() == 1
    assert objs.action.updates.count() == 2


@pytest.mark.django_db
def test_every_due_date_revision_is_kept_with_its_reason(
    users: dict[str, User], objs: PlanObjects
) -> None:
    first_due = objs.action.due_date
    with pytest.raises(ValidationError):
        services.action_revise_due(
            by=users["owner"],
            action=objs.action,
            seen_version=None,
            new_due=first_due + timedelta(days=30),
            reason="  ",
        )
    services.action_revise_due(
        by=users["owner"],
        action=objs.action,
        seen_version=None,
        new_due=first_due + timedelta(days=30),
        reason="Supplier delay",
    )
    services.action_revise_due(
        by=users["owner"],
        action=objs.action,
        seen_version=None,
        new_due=first_due + timedelta(days=60),
        reason="Staff vacancy",
    )
    objs.action.refresh_from_db()
    assert objs.action.due_date == first_due  # the original is never overwritten
    assert objs.action.current_due == first_due + timedelta(days=60)
    assert [(r.previous_due, r.reason) for r in objs.action.revisions.all()] == [
        (first_due, "Supplier delay"),
        (first_due + timedelta(days=30), "Staff vacancy"),
    ]


@pytest.mark.django_db
def test_the_second_of_two_concurrent_edits_is_refused_and_nothing_is_overwritten(
    users: dict[str, User], objs: PlanObjects
) -> None:
    seen = version_of(objs.action.updated_at)  # both people opened the page now
    common = {
        "action": objs.action,
        "sro": users["owner"],
        "lead_officer": None,
        "start_date": objs.action.start_date,
    }
    services.action_update(
        by=users["director"], seen_version=seen, description="First person's text", **common
    )
    with pytest.raises(ValidationError, match="Someone else changed this action"):
        services.action_update(
            by=users["owner"], seen_version=seen, description="Second person's text", **common
        )
    objs.action.refresh_from_db()
    assert objs.action.description == "First person's text"


@pytest.mark.django_db
def test_concurrent_edit_through_the_pages(
    client_for: Callable[[str], Client], objs: PlanObjects
) -> None:
    url = reverse("plan:action_edit", args=[objs.action.pk])
    director, owner = client_for("director"), client_for("owner")
    version = director.get(url).context["form"].initial["version"]
    assert owner.get(url).context["form"].initial["version"] == version
    data = {
        "version": version,
        "description": "Director's change",
        "sro": objs.action.sro_id,
        "start_date": objs.action.start_date.strftime("%d/%m/%Y"),
    }
    assert director.post(url, data).status_code == 302
    response = owner.post(url, {**data, "description": "Owner's change"})
    assert response.status_code == 200
    assert "Someone else changed this action" in response.content.decode()
    objs.action.refresh_from_db()
    assert objs.action.description == "Director's change"


@pytest.mark.django_db
def test_the_history_records_every_field_change(
    users: dict[str, User], objs: PlanObjects, client_for: Callable[[str], Client]
) -> None:
    services.progress_update_add(
        by=users["owner"],
        action=objs.action,
        seen_version=None,
        on=timezone.localdate(),
        status=Brag.AMBER,
        percent_complete=40,
        commentary="Slipping",
        rating_reason="Vacancies",
    )
    events = list(selectors.action_history(action=objs.action))
    assert events[0].action == "plan.action.progress"
    assert events[0].changes["status"] == {"from": "green", "to": "amber"}
    assert events[0].actor == users["owner"]
    assert events[-1].action == "plan.action.create"
    page = client_for("board").get(reverse("plan:action", args=[objs.action.pk]))
    assert "Status: green → amber" in page.content.decode()


# --- selectors ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_on_a_page_counts_each_status_and_the_overdue(objs: PlanObjects) -> None:
    today = timezone.localdate()
    page = selectors.plan_on_a_page(plan=objs.plan, today=today)
    (row,) = page.rows
    counts = {cell.status: cell.count for cell in row.cells}
    assert counts == {"blue": 0, "complete": 0, "green": 2, "amber": 0, "red": 0}
    assert row.overdue == 1  # 1.1 was due five days ago
    assert page.total == 2


@pytest.mark.django_db
def test_action_list_filters(users: dict[str, User], objs: PlanObjects) -> None:
    today = timezone.localdate()
    authority = objs.plan.authority

    def refs(**filters: Any) -> list[str]:
        qs = selectors.action_list(authority=authority, plan=objs.plan, today=today, **filters)
        return [a.reference for a in qs]

    assert refs() == ["1.1", "1.2"]
    assert refs(overdue=True) == ["1.1"]
    assert refs(owner=users["owner"].pk) == ["1.1"]
    assert refs(status="amber") == []
    assert refs(priority=objs.priority.pk) == ["1.1", "1.2"]


@pytest.mark.django_db
def test_the_owner_sees_overdue_and_soon_due_actions_on_the_home_page(
    users: dict[str, User], objs: PlanObjects, client_for: Callable[[str], Client]
) -> None:
    services.action_create(
        by=users["director"],
        priority=objs.priority,
        reference="1.3",
        description="Due soon",
        sro=users["owner"],
        start_date=timezone.localdate() - timedelta(days=10),
        due_date=timezone.localdate() + timedelta(days=3),
    )
    items = list(actions_due(users["owner"]))
    assert [(i.title.split(" is")[0], i.level) for i in items] == [
        ("Action 1.1", "urgent"),
        ("Action 1.3", "due"),
    ]
    assert list(actions_due(users["board"])) == []  # owns nothing
    home = client_for("owner").get(reverse("home:home")).content.decode()
    assert "Action 1.1 is overdue" in home


@pytest.mark.django_db
def test_impact_without_performance_data_is_empty_not_zero(objs: PlanObjects) -> None:
    services.measure_link_add(
        by=None, action=objs.action, measure_id="FD04", direction="down", target=22
    )
    (impact,) = selectors.impact_for(
        authority=objs.plan.authority,
        links=list(objs.action.measure_links.all()),
        since=objs.action.start_date,
    )
    assert impact.known
    assert impact.latest_value is None
    assert impact.moved == "not enough data"


@pytest.mark.django_db
def test_impact_compares_before_and_after_the_start(objs: PlanObjects) -> None:
    from sightline.performance.models import AnnexAImport, StoredMeasureValue

    authority = objs.plan.authority
    imp = AnnexAImport.objects.create(
        authority=authority,
        extract_date=date(2026, 6, 30),
        original_name="a.xlsx",
        stored_file="imports/a.xlsx",
        size=1,
        sha256="0" * 64,
        status=AnnexAImport.Status.IMPORTED,
    )
    values = {"2026-01": 30.0, "2026-02": 28.0, "2026-03": 20.0, "2026-04": 18.0}
    StoredMeasureValue.objects.bulk_create(
        StoredMeasureValue(
            annex_import=imp,
            authority=authority,
            measure_id="FD04",
            period=period,
            unit="la",
            numerator=int(v),
            denominator=100,
            value=v,
        )
        for period, v in values.items()
    )
    link = MeasureLink(measure_id="FD04", direction="down", target=22)
    (impact,) = selectors.impact_for(
        authority=authority, links=[link], since=date(2026, 3, 5), policy=OPEN
    )
    assert (impact.before, impact.after) == (29.0, 19.0)
    assert impact.moved == "better"
    assert impact.latest_value == 18.0
    assert impact.target_met is True
    assert impact.variation_label  # the SPC reading is shown beside it
    up = MeasureLink(measure_id="FD04", direction="up")
    (wrong_way,) = selectors.impact_for(
        authority=authority, links=[up], since=date(2026, 3, 5), policy=OPEN
    )
    assert wrong_way.moved == "worse"


@pytest.mark.django_db
def test_linking_an_unknown_measure_is_refused(objs: PlanObjects) -> None:
    with pytest.raises(ValidationError):
        services.measure_link_add(
            by=None, priority=objs.priority, measure_id="XX99", direction="up"
        )


# --- evidence safety ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>", "cannot be attached"),
        ("page.svg", b"<svg onload=alert(1)>", "cannot be attached"),
        ("fake.pdf", b"<html><body>not a pdf</body></html>", "not a real .pdf"),
        ("notes.txt", b"<!DOCTYPE html><script>alert(1)</script>", "markup"),
        ("binary.txt", b"\xff\xfe\x00\x01", "not plain text"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_unsafe_evidence_is_refused(
    users: dict[str, User], objs: PlanObjects, name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(ValidationError, match=reason):
        services.evidence_add(by=users["owner"], action=objs.action, upload=_pdf(name, data))
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_evidence_over_10_mb_is_refused(users: dict[str, User], objs: PlanObjects) -> None:
    big = _pdf("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        services.evidence_add(by=users["owner"], action=objs.action, upload=big)


@pytest.mark.django_db
def test_evidence_is_stored_privately_and_only_downloaded_as_an_attachment(
    users: dict[str, User],
    objs: PlanObjects,
    client_for: Callable[[str], Client],
    private_root: Path,
) -> None:
    evidence = services.evidence_add(
        by=users["owner"], action=objs.action, upload=_pdf("../../Board <report>.pdf")
    )
    stored = private_root / evidence.stored_file
    assert stored.read_bytes() == PDF
    assert evidence.original_name == "Board _report_.pdf"  # no path, no markup
    static_root = Path(str(getattr(django_settings, "STATIC_ROOT", "") or "/nonexistent"))
    assert static_root not in stored.parents
    response = client_for("board").get(reverse("plan:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    # External readers see the plan but not the working files.
    denied = client_for("member").get(reverse("plan:evidence_download", args=[evidence.pk]))
    assert denied.status_code == 403


@pytest.mark.django_db
def test_text_evidence_is_served_as_plain_text_never_html(
    users: dict[str, User], objs: PlanObjects, client_for: Callable[[str], Client]
) -> None:
    evidence = services.evidence_add(
        by=users["owner"],
        action=objs.action,
        upload=SimpleUploadedFile("notes.txt", b"Audit found 8 of 10 good", "text/html"),
    )
    assert evidence.content_type.startswith("text/plain")  # never the browser's claim
    response = client_for("director").get(reverse("plan:evidence_download", args=[evidence.pk]))
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment;")


# --- views ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_journey_priority_action_update_with_evidence_board_view(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    director, owner, board = client_for("director"), client_for("owner"), client_for("board")
    services.plan_create(
        by=users["director"], authority=demo, title="Accelerated plan", starts_on=date(2026, 1, 1)
    )
    response = director.post(
        reverse("plan:priority_create"),
        {"number": 1, "title": "Care leavers", "sro": users["owner"].pk},
    )
    assert response.status_code == 302
    priority_url = response["Location"]
    priority_pk = int(priority_url.rstrip("/").split("/")[-1])
    response = director.post(
        reverse("plan:action_create", args=[priority_pk]),
        {
            "reference": "4.1",
            "description": "Allocate a personal adviser to every care leaver",
            "sro": users["owner"].pk,
            "lead_officer": users["hos"].pk,
            "start_date": "01/01/2026",
            "due_date": "30/06/2026",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(reference="4.1")
    progress_url = reverse("plan:action_progress", args=[action.pk])
    version = owner.get(progress_url).context["form"].initial["version"]
    response = owner.post(
        progress_url,
        {
            "version": version,
            "on": "31/07/2026",
            "status": "blue",
            "percent_complete": 100,
            "commentary": "Every care leaver now has a personal adviser.",
            "rating_reason": "CL06 rose from 81% to 100% and audits confirm it.",
            "evidence_files": [_pdf("CL06 audit.pdf")],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    board_page = board.get(reverse("plan:index")).content.decode()
    assert "Care leavers" in board_page
    action_page = board.get(reverse("plan:action", args=[action.pk])).content.decode()
    assert "CL06 audit.pdf" in action_page
    assert "Blue" in action_page
    # The board member can read but not report progress.
    assert board.get(progress_url).status_code == 403


@pytest.mark.django_db
def test_filtered_action_list_page(
    users: dict[str, User], objs: PlanObjects, client_for: Callable[[str], Client]
) -> None:
    page = client_for("adviser").get(reverse("plan:actions") + "?overdue=1").content.decode()
    assert "Strategy meetings within one working day" in page
    assert "Supervision every four weeks" not in page
    mine = client_for("owner").get(reverse("plan:my_actions")).content.decode()
    assert "Strategy meetings" in mine
    assert "Supervision every four weeks" not in mine


@pytest.mark.django_db
def test_pages_work_with_no_plan(client_for: Callable[[str], Client]) -> None:
    for name in ("plan:index", "plan:actions", "plan:my_actions"):
        response = client_for("director").get(reverse(name))
        assert response.status_code == 200
    assert (
        "no improvement plan yet" in client_for("board").get(reverse("plan:index")).content.decode()
    )


# --- import from Excel ----------------------------------------------------------------------

HEADER = ["Priority", "Priority title", "Ref", "Action", "SRO", "Lead officer", "Start date",
          "Due date", "BRAG", "% complete"]  # fmt: skip


def _workbook(rows: list[list[Any]], header: list[str] = HEADER, sheet: str = "Plan") -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for c, value in enumerate(header):
        ws.write(0, c, value)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, value, date_format)
            elif value is not None:
                ws.write(r, c, value)
    book.close()
    return out.getvalue()


def _upload(data: bytes, name: str = "plan.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


GOOD_ROWS = [
    [1, "Front door", "1.1", "Daily triage", "owner", "hos", date(2026, 1, 5), date(2026, 6, 30),
     "Green", 0.4],
    [1, "Front door", "1.2", "Threshold training", "owner", "", "05/01/2026", "31/03/2026",
     "Complete", 100],
    [2, "Care leavers", "2.1", "Housing protocol", "director", "", date(2026, 2, 1),
     date(2026, 9, 30), "amber", "60%"],
]  # fmt: skip


@pytest.mark.django_db
def test_a_valid_workbook_becomes_a_new_plan_version(
    demo: Authority, users: dict[str, User]
) -> None:
    data = _workbook(GOOD_ROWS)
    plan = plan_import(
        by=users["director"],
        authority=demo,
        upload=_upload(data),
        title="Imported plan",
        starts_on=date(2026, 1, 1),
    )
    actions = {a.reference: a for a in Action.objects.filter(priority__plan=plan)}
    assert set(actions) == {"1.1", "1.2", "2.1"}
    assert actions["1.1"].percent_complete == 40
    assert actions["1.1"].lead_officer == users["hos"]
    assert actions["1.2"].status == Brag.COMPLETE
    assert actions["1.2"].percent_complete == 100
    assert actions["2.1"].status == Brag.AMBER
    assert actions["2.1"].percent_complete == 60
    assert plan.priorities.count() == 2
    source = plan.source  # the workbook is kept as uploaded
    assert source.original_name == "plan.xlsx"
    stored = Path(django_settings.PRIVATE_STORAGE_ROOT) / source.stored_file
    assert stored.read_bytes() == data


@pytest.mark.django_db
def test_a_bad_workbook_is_reported_by_sheet_row_column_and_value_and_nothing_is_saved(
    demo: Authority, users: dict[str, User]
) -> None:
    rows = [
        *GOOD_ROWS,
        [3, "Workforce", "3.1", "Academy", "nobody", "", "31/02/2026", date(2026, 5, 1),
         "Purple", 150],
        [3, "Workforce", "3.1", "Duplicate", "owner", "", date(2026, 1, 1), date(2025, 1, 1),
         "Blue", 100],
    ]  # fmt: skip
    with pytest.raises(PlanImportError) as exc:
        plan_import(
            by=users["director"],
            authority=demo,
            upload=_upload(_workbook(rows)),
            title="Bad plan",
            starts_on=date(2026, 1, 1),
        )
    found = {(i.sheet, i.row, i.column, i.value) for i in exc.value.issues}
    assert ("Plan", 5, "SRO", "nobody") in found
    assert ("Plan", 5, "Start date", "31/02/2026") in found
    assert ("Plan", 5, "BRAG", "Purple") in found
    assert ("Plan", 5, "% complete", "150") in found
    assert ("Plan", 6, "Due date", "2025-01-01 00:00:00") in found or any(
        i.row == 6 and i.column == "Due date" for i in exc.value.issues
    )
    assert any(i.row == 6 and i.column == "Ref" for i in exc.value.issues)  # duplicate
    assert any(i.row == 6 and i.column == "BRAG" for i in exc.value.issues)  # Blue
    assert not Plan.objects.filter(authority=demo).exists()


@pytest.mark.django_db
def test_import_reports_a_missing_column_and_honours_a_column_mapping(
    demo: Authority, users: dict[str, User]
) -> None:
    header = ["Priority", "Priority title", "Action ref", "Action", "SRO", "Start date", "Due"]
    rows = [[1, "Front door", "1.1", "Triage", "owner", date(2026, 1, 1), date(2026, 2, 1)]]
    with pytest.raises(PlanImportError) as exc:
        plan_import(
            by=users["director"],
            authority=demo,
            upload=_upload(_workbook(rows, header)),
            title="x",
            starts_on=date(2026, 1, 1),
        )
    assert {(i.row, i.column) for i in exc.value.issues} == {(1, "Ref"), (1, "Due date")}
    plan = plan_import(
        by=users["director"],
        authority=demo,
        upload=_upload(_workbook(rows, header)),
        title="x",
        starts_on=date(2026, 1, 1),
        mapping={"reference": "action ref", "due_date": "Due"},
    )
    assert Action.objects.filter(priority__plan=plan).count() == 1


@pytest.mark.django_db(transaction=True)
def test_import_page_checks_and_imports_in_the_background_and_shows_the_report(
    demo: Authority, client_for: Callable[[str], Client], settings, tmp_path
) -> None:
    from django.core.management import call_command

    settings.PRIVATE_STORAGE_ROOT = tmp_path
    director = client_for("director")
    response = director.post(
        reverse("plan:import"),
        {"title": "Bad", "starts_on": "01/01/2026", "file": _upload(b"this is not a workbook")},
    )
    assert response.status_code == 302  # nothing is read in the request
    page = director.get(response["Location"]).content.decode()
    assert "Checking and importing plan.xlsx" in page
    call_command("db_worker", "--batch", "--no-startup-delay")
    page = director.get(response["Location"]).content.decode()
    assert "Nothing was imported: 1 problem in plan.xlsx" in page
    assert "this is not a readable Excel workbook (.xlsx)" in page
    response = director.post(
        reverse("plan:import"),
        {"title": "Good", "starts_on": "01/01/2026", "file": _upload(_workbook(GOOD_ROWS))},
    )
    assert response.status_code == 302
    assert not Plan.objects.filter(authority=demo).exists()
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert Plan.objects.get(authority=demo).title == "Good"
    page = director.get(response["Location"]).content.decode()
    assert "Good" in page
    assert "Good (version 1) was imported with 3 actions" in page
    assert not list((tmp_path / "plan-imports" / "pending").iterdir())  # no file left behind
    # Someone else cannot read the job's report.
    assert client_for("admin").get(response["Location"]).status_code in (403, 404)


# --- demo -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_seed_is_realistic_and_idempotent(demo: Authority) -> None:
    from sightline.plan.demo import demo_seed

    demo_seed(authority=demo)
    demo_seed(authority=demo)
    plan = Plan.objects.get(authority=demo, status=Plan.Status.ACTIVE)
    actions = Action.objects.filter(priority__plan=plan)
    assert plan.priorities.count() == 6
    assert actions.count() == 29
    statuses = set(actions.values_list("status", flat=True))
    assert statuses == set(Brag.values)
    today = timezone.localdate()
    assert sum(a.is_overdue(today) for a in actions) >= 5
    assert actions.filter(revised_due_date__isnull=False).count() >= 5
    for action in actions.filter(status=Brag.BLUE):
        assert action.evidence.exists()
    assert AuditEvent.objects.filter(action="plan.action.create").count() == 30


# --- weekly reminder ------------------------------------------------------------------------


@pytest.mark.django_db
def test_weekly_reminder_emails_owners_their_overdue_and_soon_due_actions(
    demo: Authority, objs: PlanObjects
) -> None:
    from django.core import mail
    from django.core.management import call_command

    from tests.governance.factories import gov_objects

    gov = gov_objects(demo)  # a meeting action for "owner", overdue
    out = io.StringIO()
    call_command("send_action_reminders", "--site-url", "https://sightline.example", stdout=out)
    assert "Reminder emails sent: 1." in out.getvalue()  # only the owner has anything due
    (email,) = mail.outbox
    assert email.to == ["owner@anyshire.example"]
    assert "Action 1.1" in email.body
    assert "Report on re-referrals" in email.body  # the meeting action
    assert "Supervision every four weeks" not in email.body  # the director's action
    assert "https://sightline.example/plan/my-actions/" in email.body
    # The same text as when the plan app read meeting actions itself: its own lines first, then
    # governance's (registered in sightline.core.reminders), with the subject counting both.
    meeting, meeting_action = gov.meeting, gov.owner_action
    assert email.subject == "Sightline: 2 overdue, 0 due soon"
    assert (
        "Overdue:\n"
        f"- Action 1.1 (due {objs.action.current_due:%d/%m/%Y}): {objs.action.description}\n"
        f"- {meeting.board.name} {meeting.date:%d/%m/%Y} (due {meeting_action.due_date:%d/%m/%Y}): "
        f"{meeting_action.description}\n\n"
        'Report progress or change a due date (with its reason) from "My actions"'
    ) in email.body


@pytest.mark.django_db
def test_director_edits_a_priority_adds_a_workstream_and_unlinks_a_measure(
    users: dict[str, User], objs: PlanObjects, client_for: Callable[[str], Client]
) -> None:
    director = client_for("director")
    url = reverse("plan:priority_edit", args=[objs.priority.pk])
    version = director.get(url).context["form"].initial["version"]
    data = {"version": version, "title": "Practice standards", "sro": users["owner"].pk}
    assert director.post(url, data).status_code == 302
    stale = director.post(url, {**data, "title": "Again"})
    assert "Someone else changed this priority" in stale.content.decode()
    objs.priority.refresh_from_db()
    assert objs.priority.title == "Practice standards"
    director.post(reverse("plan:workstream_create", args=[objs.priority.pk]), {"title": "Front"})
    assert list(objs.priority.workstreams.values_list("title", flat=True)) == ["Front"]
    link = services.measure_link_add(
        by=None, priority=objs.priority, measure_id="CP03", direction="up"
    )
    page = client_for("board").get(reverse("plan:priority", args=[objs.priority.pk]))
    assert "Unlink" not in page.content.decode()  # read-only for the board
    assert (
        client_for("owner").post(reverse("plan:measure_link_remove", args=[link.pk])).status_code
        == 403
    )  # a priority's links are the director's
    director.post(reverse("plan:measure_link_remove", args=[link.pk]))
    assert not MeasureLink.objects.filter(pk=link.pk).exists()
    assert AuditEvent.objects.filter(action="plan.measure_link.remove").count() == 1


def test_a_priority_shows_its_audit_themes_before_and_since_the_work_started(
    demo: Authority, client_for
) -> None:
    from datetime import UTC, datetime

    from sightline.audits.models import Audit, Framework, LearningTheme
    from sightline.audits.services import frameworks_install_defaults
    from sightline.organisation.models import Team
    from tests.plan.factories import plan_objects

    objects = plan_objects(demo)
    priority = objects.priority
    since = min(a.start_date for a in priority.actions.all())
    frameworks_install_defaults(authority=demo)
    framework = Framework.objects.get(authority=demo, key="practice-fundamentals")
    chronology = LearningTheme.objects.create(authority=demo, name="Chronology out of date")
    team = Team.objects.filter(authority=demo)[0]

    def audit(n: int, day: date) -> None:
        a = Audit.objects.create(
            authority=demo,
            framework=framework,
            team=team,
            child_id=f"T{n}",
            status=Audit.Status.COMPLETED,
            overall_grade="requires_improvement",
            completed_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        )
        a.themes.add(chronology)

    for n in range(3):
        audit(n, since - timedelta(days=20 + n))  # before the work started
    audit(9, since + timedelta(days=3))  # since

    director = client_for("director")
    url = reverse("plan:priority_themes", args=[priority.pk])
    assert client_for("board").post(url, {"themes": [chronology.pk]}).status_code == 403
    response = director.post(url, {"themes": [chronology.pk]})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="plan.priority.themes").count() == 1
    window = selectors.theme_window(since=since, today=timezone.localdate())
    assert window is not None
    [trend] = selectors.theme_trends(priority=priority, window=window, policy=OPEN)
    [hidden] = selectors.theme_trends(priority=priority, window=window, policy=SUPPRESSED)
    assert (hidden.before, hidden.since) == (None, None)  # 3 and 1: withheld from members
    assert hidden.withheld == "primary: a count from 1 to 4"
    assert (trend.name, trend.before, trend.since) == ("Chronology out of date", 3, 1)
    page = client_for("board").get(reverse("plan:priority", args=[priority.pk])).content.decode()
    assert "Chronology out of date" in page
    assert "Found less often" in page
    assert f"the {window.days} days before the work started on {since:%-d %B %Y}" in page


@pytest.mark.parametrize(
    ("since", "today", "before", "after"),
    [
        # six calendar months before (31 Aug - 6 months = 29 Feb 2024: 184 days), as many since
        (
            date(2024, 8, 31),
            date(2025, 6, 1),
            (date(2024, 2, 29), date(2024, 8, 30)),
            (date(2024, 8, 31), date(2025, 3, 2)),
        ),
        # a start late in a month, 48 days ago: 48 days each side, not whole calendar months
        (
            date(2026, 11, 24),
            date(2027, 1, 10),
            (date(2026, 10, 7), date(2026, 11, 23)),
            (date(2026, 11, 24), date(2027, 1, 10)),
        ),
        # across a year end
        (
            date(2027, 1, 1),
            date(2027, 12, 31),
            (date(2026, 7, 1), date(2026, 12, 31)),
            (date(2027, 1, 1), date(2027, 7, 3)),
        ),
        # started on 29 February, seen on 28 February next year
        (
            date(2028, 2, 29),
            date(2029, 2, 28),
            (date(2027, 8, 29), date(2028, 2, 28)),
            (date(2028, 2, 29), date(2028, 8, 30)),
        ),
        # started today: one day each side
        (
            date(2030, 6, 30),
            date(2030, 6, 30),
            (date(2030, 6, 29), date(2030, 6, 29)),
            (date(2030, 6, 30), date(2030, 6, 30)),
        ),
    ],
)
def test_audit_themes_are_compared_over_equal_windows_either_side_of_the_start_date(
    since: date, today: date, before: tuple[date, date], after: tuple[date, date]
) -> None:
    window = selectors.theme_window(since=since, today=today)
    assert window is not None
    assert (window.before_from, window.before_to) == before
    assert (window.since_from, window.since_to) == after
    assert (window.before_to - window.before_from) == (window.since_to - window.since_from)
    assert window.days == (window.since_to - window.since_from).days + 1
    assert window.since_to <= today


def test_audit_themes_have_no_window_before_the_work_starts() -> None:
    assert selectors.theme_window(since=date(2027, 1, 4), today=date(2026, 12, 31)) is None


def test_a_priority_page_draws_the_section_voice_registers(
    objs: PlanObjects, client_for: Callable[[str], Client]
) -> None:
    """The plan app does not import voice: voice registers its impact statements for the page
    "plan.priority" in sightline.core.sections, drawn where the plan page drew them itself."""
    url = reverse("plan:priority", args=[objs.priority.pk])
    board = client_for("board").get(url).content.decode()
    assert board.count("What children and families say") == 1
    assert "No impact statements are linked to this priority that you can read." in board
    director = client_for("director").get(url).content.decode()
    assert "No impact statements are linked to this priority. They are recorded under" in director
    assert director.index("Choose the audit themes") < director.index(
        "What children and families say"
    )
    assert director.rstrip().endswith("</html>")
