"""A council's renamed columns, mapped once per authority: offered on the check page, listed
on their own page, read by every later check and by `sightline import annex-a --mapping`."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from csc_measures.schema import ICPC_DATE, S47_START
from csc_measures.templates import TEMPLATES
from csc_measures.tests.annex_builders import template_sheets, write_sheets
from sightline.auditlog.models import AuditEvent
from sightline.organisation.models import Authority
from sightline.performance.models import AnnexAImport, ColumnMapping
from sightline.performance.services import column_mapping_set

pytestmark = pytest.mark.django_db(transaction=True)
AS_OF = date(2025, 3, 31)
RENAMED = {S47_START: "S47 Strat Disc Date", ICPC_DATE: "ICPC held on"}
LOST = {"CP01", "CP02", "CP03", "CP04"}  # CP01 and CP03 need the strategy discussion date


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path: Path) -> Path:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


def renamed_workbook(tmp_path: Path) -> Path:
    """The 2024 template as a council saves it, with its own List 5 headers."""
    sheets = template_sheets(TEMPLATES["2024"], shipped=False)
    sheets["List 5"][0] = [RENAMED.get(h or "", h) for h in sheets["List 5"][0]]
    return write_sheets(tmp_path / "annex-renamed.xlsx", sheets)


def _upload(client: Client, path: Path) -> AnnexAImport:
    with path.open("rb") as handle:
        client.post(
            reverse("performance:imports"),
            {
                "file": SimpleUploadedFile(path.name, handle.read()),
                "extract_date": "31/03/2025",
                "period_start": "01/02/2025",  # what the small workbook covers
            },
        )
    _worker()
    return AnnexAImport.objects.latest("pk")


def _worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay")


def test_the_check_page_offers_the_mapping_and_checks_again_with_it(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    imp = _upload(client, renamed_workbook(tmp_path))
    assert imp.status == AnnexAImport.Status.NEEDS_DECISION
    assert imp.headers["5"] == {
        "unrecognised": ["S47 Strat Disc Date", "ICPC held on"],
        "missing": [S47_START, ICPC_DATE],
    }
    page = client.get(reverse("performance:import_detail", args=[imp.pk])).content.decode()
    assert "Columns not recognised" in page
    assert "List 5: ‘S47 Strat Disc Date’" in page
    # Two headers for one column are refused, nothing saved.
    url = reverse("performance:import_detail", args=[imp.pk])
    twice = client.post(url, {"decision": "map", "list_5_0": ICPC_DATE, "list_5_1": ICPC_DATE})
    assert twice.status_code == 200
    assert "choose one header per column" in twice.content.decode()
    assert not ColumnMapping.objects.exists()

    response = client.post(url, {"decision": "map", "list_5_0": S47_START, "list_5_1": ICPC_DATE})
    assert response.status_code == 302
    saved = {(m.list_no, m.header, m.column) for m in ColumnMapping.objects.filter(authority=demo)}
    assert saved == {(5, "S47 Strat Disc Date", S47_START), (5, "ICPC held on", ICPC_DATE)}
    assert AuditEvent.objects.filter(action="annex_a.column_mapping_set").count() == 2
    assert AuditEvent.objects.filter(action="annex_a.recheck", object_id=str(imp.pk)).exists()
    imp.refresh_from_db()
    assert imp.status == AnnexAImport.Status.CHECKING
    _worker()
    imp.refresh_from_db()
    # Clean once mapped: stored straight away, and the List 5 measures are computed.
    assert imp.status == AnnexAImport.Status.IMPORTED, (imp.fatal, imp.issues)
    assert "5" not in imp.headers
    assert imp.column_mapping["5"] == {"S47 Strat Disc Date": S47_START, "ICPC held on": ICPC_DATE}
    assert not LOST & {n["measure_id"] for n in imp.not_computable}


def test_a_later_upload_is_read_with_the_saved_mapping(
    tmp_path: Path, client_for, demo: Authority, users
) -> None:
    column_mapping_set(
        by=users["analyst"],
        authority=demo,
        list_no=5,
        header="s47 strat disc date",
        column=S47_START,
    )
    column_mapping_set(
        by=users["analyst"],
        authority=demo,
        list_no=5,
        header="ICPC HELD ON",
        column="Date of Initial Child Protection Conference",
    )
    imp = _upload(client_for("analyst"), renamed_workbook(tmp_path))
    assert imp.status == AnnexAImport.Status.IMPORTED, (imp.fatal, imp.issues)
    assert not LOST & {n["measure_id"] for n in imp.not_computable}


def test_without_the_mapping_cp01_and_cp03_are_not_computable(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    imp = _upload(client, renamed_workbook(tmp_path))
    client.post(reverse("performance:import_detail", args=[imp.pk]), {"decision": "accept"})
    _worker()
    imp.refresh_from_db()
    assert imp.status == AnnexAImport.Status.IMPORTED
    assert {"CP01", "CP03"} <= {n["measure_id"] for n in imp.not_computable}


def test_the_mappings_page_adds_changes_and_removes(client_for, demo: Authority) -> None:
    client = client_for("analyst")
    url = reverse("performance:column_mappings")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"header": "Team", "column": "5|No such column"})
    assert bad.status_code == 200
    assert not ColumnMapping.objects.exists()
    client.post(url, {"header": "S47 date", "column": f"5|{S47_START}"})
    mapping = ColumnMapping.objects.get()
    assert (mapping.authority, mapping.list_no, mapping.column) == (demo, 5, S47_START)
    page = client.get(url, {"edit": mapping.pk}).content.decode()
    assert "Change ‘S47 date’" in page
    client.post(f"{url}?edit={mapping.pk}", {"header": "S47 start", "column": f"5|{S47_START}"})
    assert list(ColumnMapping.objects.values_list("header", flat=True)) == ["S47 start"]
    client.post(url, {"remove": ColumnMapping.objects.get().pk})
    assert not ColumnMapping.objects.exists()
    assert AuditEvent.objects.filter(action="annex_a.column_mapping_delete").count() == 1
    assert client_for("director").get(url).status_code == 403


def test_the_import_command_takes_a_mapping_file(tmp_path: Path, demo: Authority) -> None:
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(
        f'list,header,column\n5,S47 Strat Disc Date,"{S47_START}"\n5,ICPC held on,{ICPC_DATE}\n',
        encoding="utf-8",
    )
    out, err = StringIO(), StringIO()
    call_command(
        "import",
        "annex-a",
        str(renamed_workbook(tmp_path)),
        "--authority",
        demo.name,
        "--as-of",
        AS_OF.isoformat(),
        "--period-start",
        "2025-02-01",
        "--mapping",
        str(mapping),
        stdout=out,
        stderr=err,
    )
    imp = AnnexAImport.objects.get()
    assert imp.status == AnnexAImport.Status.IMPORTED, err.getvalue()
    assert imp.mapping_file == {"5": {"S47 Strat Disc Date": S47_START, "ICPC held on": ICPC_DATE}}
    assert not LOST & {n["measure_id"] for n in imp.not_computable}
    assert not ColumnMapping.objects.exists()  # a file's mapping is for that import only
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"5": {"x": "Date of Contact"}}), encoding="utf-8")
    with pytest.raises(Exception, match="not a column of"):
        call_command(
            "import", "annex-a", str(renamed_workbook(tmp_path)), "--authority", demo.name,
            "--as-of", AS_OF.isoformat(), "--mapping", str(bad), stdout=out, stderr=err,
        )  # fmt: skip


def test_a_column_no_template_has_is_information_once_and_needs_no_decision(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    sheets = template_sheets(TEMPLATES["2024"], shipped=False)
    for name in ("List 1", "List 3"):
        sheets[name] = [
            [*sheets[name][0], "Locality"],
            *([*row, "North"] for row in sheets[name][1:]),
        ]
    imp = _upload(client_for("analyst"), write_sheets(tmp_path / "extra.xlsx", sheets))
    # Nothing to decide: stored straight away, the column reported once per list, not per row.
    assert imp.status == AnnexAImport.Status.IMPORTED, imp.issues
    assert (imp.errors, imp.warnings) == (0, 0)
    assert [(i["list"], i["severity"], i["value"]) for i in imp.issues] == [
        (1, "info", "'Locality'"),
        (3, "info", "'Locality'"),
    ]
