# ruff: noqa: E501  (table-like test vectors read better on one line)
"""Workforce: services (audit, team history, locking), the HR import, selectors, pages and
the privacy rules (HR details, small-number suppression)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.core.concurrency import version_of
from sightline.core.permissions import (
    can_import_hr,
    can_view_hr_details,
    can_view_workforce,
    withholds_small_numbers,
)
from sightline.organisation.models import Authority
from sightline.organisation.units import unit_default, unit_resolve
from sightline.workforce import imports, selectors, services
from sightline.workforce.demo import demo_seed
from sightline.workforce.models import HRImport, StaffMember, TeamSpell, Vacancy
from tests.workforce.factories import HEADER, make_hr_csv, make_teams, make_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


# --- permissions --------------------------------------------------------------------------


def test_hr_details_for_director_admin_and_head_of_service_in_scope(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, outside = make_teams(demo, users)
    assert can_view_hr_details(users["director"], outside)
    assert can_view_hr_details(users["admin"], outside)
    assert can_view_hr_details(users["hos"], inside)
    assert not can_view_hr_details(users["hos"], outside)
    for name in ("manager", "analyst", "qa", "auditor", "owner", "board", "member", "adviser"):
        assert not can_view_hr_details(users[name]), name
        assert can_view_workforce(users[name]), name
    assert can_import_hr(users["director"])
    assert can_import_hr(users["admin"])
    assert not can_import_hr(users["hos"])
    suppressed = {n for n in users if withholds_small_numbers(users[n])}
    assert suppressed == {"member", "adviser"}  # the one disclosure setting (ADR 0018)


# --- services -----------------------------------------------------------------------------


def test_staff_create_records_team_history_and_audit(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, _ = make_teams(demo, users)
    staff = make_worker(demo, inside)
    spell = TeamSpell.objects.get(staff=staff)
    assert (spell.team, spell.valid_from, spell.valid_to) == (inside, date(2024, 1, 8), None)
    assert AuditEvent.objects.filter(action="workforce.staff_created").count() == 1


def test_duplicate_reference_is_refused(demo: Authority, users: dict[str, User]) -> None:
    inside, _ = make_teams(demo, users)
    make_worker(demo, inside)
    with pytest.raises(ValidationError, match="already has that employee reference"):
        make_worker(demo, inside, name="Another")


def test_moving_team_and_leaving_keep_history(demo: Authority, users: dict[str, User]) -> None:
    inside, outside = make_teams(demo, users)
    staff = make_worker(demo, inside)
    values = {f: getattr(staff, f) for f in services.STAFF_FIELDS}
    staff = services.staff_update(
        by=users["director"],
        staff=staff,
        seen_version=None,
        team=outside,
        moved_on=date(2024, 6, 1),
        **values,
    )
    values.update(leave_date=date(2024, 9, 30), leaving_reason="resigned")
    services.staff_update(
        by=users["director"], staff=staff, seen_version=None, team=outside, **values
    )
    spells = list(
        TeamSpell.objects.filter(staff=staff).values_list("team", "valid_from", "valid_to")
    )
    assert spells == [
        (inside.pk, date(2024, 1, 8), date(2024, 6, 1)),
        (outside.pk, date(2024, 6, 1), date(2024, 10, 1)),
    ]
    event = AuditEvent.objects.filter(action="workforce.staff_updated").latest("pk")
    assert event.changes["leave_date"]["to"] == "2024-09-30"


def test_stale_edit_is_refused(demo: Authority, users: dict[str, User]) -> None:
    inside, _ = make_teams(demo, users)
    staff = make_worker(demo, inside)
    stale = version_of(staff.updated_at)
    values = {f: getattr(staff, f) for f in services.STAFF_FIELDS}
    services.staff_update(by=None, staff=staff, seen_version=stale, team=inside, **values)
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.staff_update(by=None, staff=staff, seen_version=stale, team=inside, **values)


def test_vacancy_filled_before_it_opened_is_refused(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, _ = make_teams(demo, users)
    with pytest.raises(ValidationError):
        services.vacancy_create(
            by=None,
            authority=demo,
            team=inside,
            role="social_worker",
            fte=Decimal(1),
            opened_on=date(2025, 2, 1),
            filled_on=date(2025, 1, 1),
            agency_cover=False,
            note="",
        )


# --- HR import ----------------------------------------------------------------------------


def test_headers_are_mapped_by_their_usual_names() -> None:
    mapping = imports.guess_mapping(HEADER)
    assert mapping["reference"] == "Employee No"
    assert mapping["team"] == "Team Name"
    assert mapping["fte"] == "WTE"
    assert mapping["leave_date"] == "Date Left"


def test_good_csv_imports_everyone_then_updates_on_rerun(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, outside = make_teams(demo, users)
    rows = [
        ["H1", "Kit Marlowe", "Social worker", "Permanent", inside.name, "1", "01/04/2024", "", ""],
        ["H2", "Lee Oakes", "Advanced practitioner", "Agency", outside.name, "0.8", "2024-05-01",
         "31/07/2024", "Agency assignment ended"],
    ]  # fmt: skip
    director = users["director"]
    imp = imports.hr_upload(by=director, authority=demo, upload=make_hr_csv(rows))
    imp = imports.hr_apply(by=director, hr_import=imp, mapping=imp.mapping)
    assert imp.status == HRImport.Status.IMPORTED, imp.issues
    assert (imp.created, imp.updated) == (2, 0)
    lee = StaffMember.objects.get(reference="H2")
    assert (lee.contract, lee.fte, lee.leave_date) == ("agency", Decimal("0.80"), date(2024, 7, 31))
    assert lee.leaving_reason == "agency_ended"
    rows[0][1] = "Kit Marlowe-Oakes"
    again = imports.hr_upload(by=director, authority=demo, upload=make_hr_csv(rows))
    again = imports.hr_apply(by=director, hr_import=again, mapping=again.mapping)
    assert (again.created, again.updated) == (0, 2)
    assert StaffMember.objects.get(reference="H1").name == "Kit Marlowe-Oakes"


def test_bad_file_imports_nothing_and_names_each_problem(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, _ = make_teams(demo, users)
    rows = [
        ["H1", "Kit Marlowe", "Social worker", "Permanent", inside.name, "1", "01/04/2024", "", ""],
        ["H2", "Lee Oakes", "Social worker", "Permanent", "No Such Team", "1", "31/02/2024", "", ""],
        ["H1", "Sam Selby", "Wizard", "Permanent", inside.name, "2", "01/04/2024", "", ""],
    ]  # fmt: skip
    imp = imports.hr_upload(by=users["director"], authority=demo, upload=make_hr_csv(rows))
    imp = imports.hr_apply(by=users["director"], hr_import=imp, mapping=imp.mapping)
    assert imp.status == HRImport.Status.REJECTED
    assert not StaffMember.objects.filter(authority=demo).exists()
    found = {(i["row"], i["column"], i["value"]) for i in imp.issues}
    assert (3, "Team Name", "No Such Team") in found
    assert (3, "Start Date", "31/02/2024") in found
    assert (4, "Job Title", "Wizard") in found
    assert (4, "WTE", "2") in found
    assert (4, "Employee No", "H1") in found  # duplicate of row 2
    assert all(i["file"] == "hr_export.csv" for i in imp.issues)


def test_xlsx_workbook_is_read_with_its_sheet_named(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, _ = make_teams(demo, users)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Staff")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for col, name in enumerate(HEADER):
        sheet.write(0, col, name)
    sheet.write_row(1, 0, ["X1", "Ali Varley", "Team manager", "Permanent", inside.name, 1])
    from datetime import datetime

    sheet.write_datetime(1, 6, datetime(2023, 9, 4), date_format)  # noqa: DTZ001
    sheet.write_row(2, 0, ["X2", "Bo Thorne", "Social worker", "Permanent", inside.name, "lots"])
    sheet.write_datetime(2, 6, datetime(2023, 9, 4), date_format)  # noqa: DTZ001
    book.close()
    upload = SimpleUploadedFile("hr.xlsx", buffer.getvalue())
    imp = imports.hr_upload(by=users["admin"], authority=demo, upload=upload)
    assert imp.sheet == "Staff"
    imp = imports.hr_apply(by=users["admin"], hr_import=imp, mapping=imp.mapping)
    assert imp.status == HRImport.Status.REJECTED
    assert imp.issues == [
        {"file": "hr.xlsx", "sheet": "Staff", "row": 3, "column": "WTE", "value": "lots",
         "reason": "not a number"}
    ]  # fmt: skip
    # A file that is not a workbook at all is refused at upload, with its name.
    not_a_workbook = SimpleUploadedFile("not-a-workbook.xlsx", b"PK\x03\x04 broken")
    with pytest.raises(ValidationError, match="not a readable Excel workbook"):
        imports.hr_upload(by=users["admin"], authority=demo, upload=not_a_workbook)


def test_mapping_must_cover_the_required_fields(demo: Authority, users: dict[str, User]) -> None:
    imp = imports.hr_upload(by=users["director"], authority=demo, upload=make_hr_csv([]))
    mapping = dict(imp.mapping)
    mapping["team"] = ""
    with pytest.raises(ValidationError, match=r"hr_export\.csv: choose a column for: Team"):
        imports.hr_apply(by=users["director"], hr_import=imp, mapping=mapping)


@pytest.mark.django_db(transaction=True)
def test_import_pages_walk_through_upload_mapping_and_report_in_the_background(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    inside, _ = make_teams(demo, users)
    client = client_for("director")
    rows = [["H9", "Jo Yardley", "Social worker", "Agency", inside.name, "1", "01/04/2024", "", ""]]
    response = client.post(reverse("workforce:import_upload"), {"file": make_hr_csv(rows)})
    imp = HRImport.objects.get()
    assert response.status_code == 302
    assert imp.headers == []  # nothing read in the request
    url = reverse("workforce:import_detail", args=[imp.pk])
    page = client.get(url).content.decode()
    assert "Reading the file" in page
    assert "Which column holds which field?" not in page
    call_command("db_worker", "--batch", "--no-startup-delay")
    imp.refresh_from_db()
    page = client.get(url).content.decode()
    assert "Which column holds which field?" in page
    data = dict(imp.mapping.items())
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Checking and importing every row" in page
    assert not StaffMember.objects.filter(reference="H9").exists()
    call_command("db_worker", "--batch", "--no-startup-delay")
    page = client.get(url).content.decode()
    assert "1 added, 0 updated" in page
    assert StaffMember.objects.filter(reference="H9", contract="agency").exists()
    assert client.post(url, data).status_code == 403  # imported: nothing more to do


# --- selectors and pages ------------------------------------------------------------------


def test_head_of_service_sees_only_staff_in_their_locality(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    inside, outside = make_teams(demo, users)
    mine = make_worker(demo, inside, reference="A1", name="Inside Person")
    theirs = make_worker(demo, outside, reference="A2", name="Outside Person")
    assert list(selectors.staff_visible(user=users["hos"])) == [mine]
    client = client_for("hos")
    page = client.get(reverse("workforce:staff_list"))
    assert b"Inside Person" in page.content
    assert b"Outside Person" not in page.content
    assert client.get(reverse("workforce:staff_edit", args=[theirs.pk])).status_code == 404


def test_head_of_service_cannot_move_a_worker_out_of_scope(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    inside, outside = make_teams(demo, users)
    staff = make_worker(demo, inside)
    data = {f: getattr(staff, f) or "" for f in services.STAFF_FIELDS}
    data.update(team=outside.pk, start_date="08/01/2024", fte="1.00")
    response = client_for("hos").post(reverse("workforce:staff_edit", args=[staff.pk]), data)
    assert response.status_code == 200  # the team is not a choice in their scope
    staff.refresh_from_db()
    assert staff.team == inside


def test_add_a_worker_through_the_page(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    inside, _ = make_teams(demo, users)
    data = {
        "reference": "N1",
        "name": "Nat Pennock",
        "role": "social_worker",
        "contract": "permanent",
        "team": inside.pk,
        "fte": "1",
        "start_date": "01/09/2025",
        "asye_status": "in_progress",
        "asye_start": "01/09/2025",
    }
    response = client_for("hos").post(reverse("workforce:staff_create"), data)
    assert response.status_code == 302, response.content[:2000]
    assert StaffMember.objects.get(reference="N1").asye_status == "in_progress"


def test_measures_page_shows_rates_benchmarks_and_attribution(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    inside, _ = make_teams(demo, users)
    day = selectors.month_ends(day=timezone.localdate())[-1]
    for i in range(3):
        make_worker(demo, inside, reference=f"P{i}", start_date=day - timedelta(days=400))
    make_worker(
        demo, inside, reference="AG", contract="agency", start_date=day - timedelta(days=30)
    )
    page = client_for("director").get(reverse("workforce:overview"))
    text = page.content.decode()
    assert 'data-testid="workforce-latest"' in text
    assert "25%" in text  # agency 1 FTE / (1 + 3)
    assert "Open Government Licence" in text
    assert "Not available: no Annex A extract" in text  # 3+ workers: honest, not faked


def test_elected_member_sees_small_counts_suppressed(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    inside, _ = make_teams(demo, users)
    day = selectors.month_ends(day=timezone.localdate())[-1]
    for i in range(3):
        make_worker(demo, inside, reference=f"P{i}", start_date=day - timedelta(days=400))
    rows = selectors.team_stability(user=users["member"], authority=demo, day=day)
    row = next(r for r in rows if r.team == inside)
    assert row.permanent is None  # 3 people: fewer than 5
    rows = selectors.team_stability(user=users["director"], authority=demo, day=day)
    assert next(r for r in rows if r.team == inside).permanent == 3
    page = client_for("member").get(reverse("workforce:teams"))
    assert b"fewer than 5" in page.content
    assert b"Robin Ashdown" not in page.content


def test_caseloads_from_entered_counts_when_no_annex_a(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, _ = make_teams(demo, users)
    for i, load in enumerate((12, 19, 25)):
        make_worker(demo, inside, reference=f"C{i}", caseload=load)
    unit = unit_resolve(authority=demo, key=f"team:{inside.name}")
    assert unit is not None
    view = selectors.caseloads_for(authority=demo, unit=unit)
    assert view.source == "entered"
    assert view.summary.average == 18.67
    assert view.summary.at_or_under_18 == 33.33


def test_unknown_unit_is_not_found(client_for: Callable[[str], Client]) -> None:
    assert (
        client_for("director")
        .get(reverse("workforce:overview") + "?unit=team:No such team")
        .status_code
        == 404
    )


def test_demo_workforce_is_realistic_and_idempotent(
    demo: Authority, users: dict[str, User]
) -> None:
    created = demo_seed(authority=demo, report=lambda _: None)
    assert created > 300
    assert demo_seed(authority=demo, report=lambda _: None) == 0
    days = selectors.month_ends(day=timezone.localdate())
    unit = unit_resolve(authority=demo, key="la")
    assert unit is not None
    series = selectors.figures_series(
        unit=unit,
        days=days,
        spells=selectors.spells_for(authority=demo),
        vacancies=selectors.vacancies_for(authority=demo),
    )
    first, last = series[0].agency_rate, series[-1].agency_rate
    assert first is not None
    assert last is not None
    assert 10 <= first <= 25
    assert last < first
    assert Vacancy.objects.filter(authority=demo, filled_on__isnull=True).exists()
    assert not StaffMember.objects.exclude(authority=demo).exists()


def test_measure_page_draws_the_spc_chart_with_its_table(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    demo_seed(authority=demo, report=lambda _: None)
    page = client_for("director").get(reverse("workforce:measure", args=["agency_rate"]))
    text = page.content.decode()
    assert "<svg" in text
    assert text.count('<tr class="govuk-table__row">') >= 25  # header + 24 months
    assert (
        client_for("director").get(reverse("workforce:measure", args=["nope"])).status_code == 404
    )


def test_spc_is_not_drawn_when_it_would_reveal_small_numbers(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, _ = make_teams(demo, users)
    make_worker(demo, inside, reference="AG", contract="agency", start_date=date(2023, 1, 2))
    unit = unit_resolve(authority=demo, key=f"team:{inside.name}")
    assert unit is not None
    days = selectors.month_ends(day=timezone.localdate())
    series = selectors.figures_series(
        unit=unit,
        days=days,
        spells=selectors.spells_for(authority=demo),
        vacancies=selectors.vacancies_for(authority=demo),
    )
    board = selectors.measure_lines(user=users["member"], authority=demo, unit=unit, series=series)
    director = selectors.measure_lines(
        user=users["director"], authority=demo, unit=unit, series=series
    )
    assert next(x for x in board if x.key == "agency_rate").chart is None
    assert next(x for x in director if x.key == "agency_rate").chart is not None


def test_leavers_by_reason_counts_the_last_12_months(
    demo: Authority, users: dict[str, User]
) -> None:
    inside, _ = make_teams(demo, users)
    day = date(2025, 3, 31)
    for i, (left, reason) in enumerate(
        [
            (date(2025, 1, 10), "resigned"),
            (date(2024, 6, 1), "resigned"),
            (date(2024, 12, 1), "another_la"),
            (date(2024, 3, 1), "retired"),  # more than 12 months before: not counted
        ]
    ):
        make_worker(
            demo,
            inside,
            reference=f"L{i}",
            start_date=date(2020, 1, 1),
            leave_date=left,
            leaving_reason=reason,
        )
    unit = unit_resolve(authority=demo, key=f"team:{inside.name}")
    assert unit is not None
    rows = selectors.leavers_by_reason(authority=demo, unit=unit, day=day, hide=False)
    assert rows == [("Resigned", 2), ("Moved to another authority", 1)]
    hidden = selectors.leavers_by_reason(authority=demo, unit=unit, day=day, hide=True)
    assert hidden == [("Resigned", None), ("Moved to another authority", None)]


def test_home_page_asks_for_the_hr_import_until_there_is_staff(
    demo: Authority, users: dict[str, User]
) -> None:
    from sightline.core.attention import attention_for

    def titles(name: str) -> list[str]:
        return [item.title for item in attention_for(users[name])]

    assert "No workforce data yet" in titles("director")
    assert "No workforce data yet" not in titles("board")
    inside, _ = make_teams(demo, users)
    make_worker(demo, inside)
    assert "No workforce data yet" not in titles("director")


def test_people_start_on_their_own_team_or_locality(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    hos, manager = users["hos"], users["manager"]
    assert unit_default(user=hos) == f"locality:{hos.locality_id}"
    assert unit_default(user=manager) == f"team:{manager.team.name}"
    assert unit_default(user=users["director"]) == "la"
    page = client_for("manager").get(reverse("workforce:overview"))
    assert manager.team is not None
    assert f"Workforce measures: {manager.team.name}" in page.content.decode()


def test_analyst_sets_a_target_that_changes_the_rag(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    inside, _ = make_teams(demo, users)
    day = selectors.month_ends(day=timezone.localdate())[-1]
    for i in range(8):
        make_worker(demo, inside, reference=f"P{i}", start_date=day - timedelta(days=400))
    for i in range(2):
        make_worker(
            demo, inside, reference=f"A{i}", contract="agency", start_date=day - timedelta(days=400)
        )
    unit = unit_resolve(authority=demo, key="la")
    assert unit is not None
    series = selectors.figures_series(
        unit=unit,
        days=[day],
        spells=selectors.spells_for(authority=demo),
        vacancies=selectors.vacancies_for(authority=demo),
    )

    def agency_line() -> selectors.MeasureLine:
        lines = selectors.measure_lines(
            user=users["director"], authority=demo, unit=unit, series=series
        )
        return next(x for x in lines if x.key == "agency_rate")

    assert agency_line().latest == 20.0
    assert agency_line().rag.value == "red"  # default 10%, amber to 15%
    assert client_for("director").post(reverse("workforce:targets"), {}).status_code == 403
    response = client_for("analyst").post(
        reverse("workforce:targets"),
        {
            "measure": "agency_rate",
            "target": "18",
            "tolerance": "",
            "effective_from": (day - timedelta(days=1)).strftime("%d/%m/%Y"),
            "reason": "Regional average",
        },
    )
    assert response.status_code == 302
    assert agency_line().target == 18.0
    assert agency_line().rag.value == "amber"  # 2 points over, within 5
    assert AuditEvent.objects.filter(action="workforce.target_set").exists()
    page = client_for("board").get(reverse("workforce:targets")).content.decode()
    assert "Regional average" in page
    assert "Set a target" not in page


def test_target_outside_0_to_100_is_refused(demo: Authority, users: dict[str, User]) -> None:
    with pytest.raises(ValidationError, match="between 0 and 100"):
        services.workforce_target_set(
            by=users["analyst"],
            authority=demo,
            measure="agency_rate",
            target=120,
            tolerance=None,
            effective_from=date(2025, 1, 1),
        )


def test_team_stability_shows_each_teams_recent_audit_grades(
    demo: Authority, users: dict[str, User]
) -> None:
    from datetime import UTC, datetime

    from sightline.audits.models import Audit, Framework
    from sightline.audits.services import frameworks_install_defaults

    inside, other = make_teams(demo, users)
    frameworks_install_defaults(authority=demo)
    framework = Framework.objects.get(authority=demo, key="practice-fundamentals")
    day = date(2026, 9, 30)
    grades = ["good", "outstanding", "requires_improvement", "inadequate", "good", "good"]
    for n, grade in enumerate(grades):
        Audit.objects.create(
            authority=demo,
            framework=framework,
            team=inside,
            child_id=f"WF{n}",
            status=Audit.Status.COMPLETED,
            overall_grade=grade,
            completed_at=datetime(2026, 8, 10 + n, tzinfo=UTC),
        )
    Audit.objects.create(  # seven months before: outside the window
        authority=demo,
        framework=framework,
        team=other,
        child_id="OLD1",
        status=Audit.Status.COMPLETED,
        overall_grade="good",
        completed_at=datetime(2026, 2, 10, tzinfo=UTC),
    )
    rows = {
        r.team: r for r in selectors.team_stability(user=users["director"], authority=demo, day=day)
    }
    assert rows[inside].audit_grades == "4 of 6 good or better (67%)"
    assert rows[other].audit_grades is None
    board = {
        r.team: r for r in selectors.team_stability(user=users["board"], authority=demo, day=day)
    }
    assert board[inside].audit_grades == "4 of 6 good or better (67%)"


def test_children_with_three_or_more_workers_across_successive_extracts(
    demo: Authority, users: dict[str, User], tmp_path: Path, settings: Any
) -> None:
    from csc_measures import load_annex_a
    from csc_measures.synth import generate_annex_a_series
    from sightline.performance.imports import annex_a_import_now
    from sightline.workforce.measures import children_with_many_workers

    paths = generate_annex_a_series(
        tmp_path / "series",
        fmt="xlsx",
        as_of=date(2025, 3, 31),
        months=12,
        scale=0.05,
        seed=3,
        messy=False,
        extracts=4,
    )
    workers: dict[str, set[str]] = {}
    for path in paths:
        extract = date.fromisoformat(path.stem.removeprefix("annex_a_"))
        annex_a_import_now(by=None, authority=demo, path=path, extract_date=extract)
        annex = load_annex_a(path, as_of=extract)
        for list_no in (6, 7, 8):
            frame = annex.table(list_no)
            for child, worker in frame.select("Child Unique ID", "Allocated Worker").iter_rows():
                if worker and worker.strip():
                    workers.setdefault(child, set()).add(worker.strip())
    expected_many, expected_total = children_with_many_workers(workers)
    assert expected_total > 0
    unit = unit_resolve(authority=demo, key="la")
    assert unit is not None
    found = selectors.many_workers(
        user=users["director"], authority=demo, unit=unit, day=date(2025, 3, 31)
    )
    assert found is not None
    assert (found.children, found.of, found.extracts) == (expected_many, expected_total, 4)
    # a year later the extracts are out of the window
    later = selectors.many_workers(
        user=users["director"], authority=demo, unit=unit, day=date(2026, 6, 30)
    )
    assert later is None


def test_caseload_distribution_from_the_latest_import(
    demo: Authority, users: dict[str, User], tmp_path: Path, settings: Any, client_for: Any
) -> None:
    from csc_measures import load_annex_a
    from csc_measures.synth import generate_annex_a
    from sightline.performance.imports import annex_a_import_now
    from sightline.workforce.measures import caseload_bands

    as_of = date(2025, 3, 31)
    path = generate_annex_a(
        tmp_path / "annex_a.xlsx",
        fmt="xlsx",
        as_of=as_of,
        months=12,
        scale=0.05,
        seed=8,
        messy=False,
    )
    annex_a_import_now(by=None, authority=demo, path=path, extract_date=as_of)
    cin = load_annex_a(path, as_of=as_of).table(6)
    held: dict[str, set[str]] = {}
    for child, worker, closed in cin.select(
        "Child Unique ID", "Allocated Worker", "CIN Closure Date"
    ).iter_rows():
        if worker and worker.strip() and (closed is None or closed > as_of):
            held.setdefault(worker.strip(), set()).add(child)
    expected = caseload_bands([len(c) for c in held.values()])
    assert sum(n for _, n in expected) == len(held) > 0
    unit = unit_resolve(authority=demo, key="la")
    assert unit is not None
    found = selectors.caseload_distribution(user=users["director"], authority=demo, unit=unit)
    assert found is not None
    assert found.source == "annex_a"
    assert found.bands == expected
    board = selectors.caseload_distribution(user=users["member"], authority=demo, unit=unit)
    assert board is not None
    shown = [n for _, n in board.bands]
    assert all(s is None for s, (_, n) in zip(shown, expected, strict=True) if 1 <= n <= 4)
    # no withheld band is the workers holding children minus the other bands
    assert sum(s is None and n > 0 for s, (_, n) in zip(shown, expected, strict=True)) != 1
    page = client_for("director").get(reverse("workforce:overview")).content.decode()
    assert 'data-testid="caseload-bands"' in page
