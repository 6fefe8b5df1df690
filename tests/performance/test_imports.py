"""Annex A imports: upload, background check, report, accept or abandon, all-or-nothing store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from csc_measures import compute_catalogue, load_annex_a
from csc_measures.synth import generate_annex_a
from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.organisation.models import Authority
from sightline.performance import figures
from sightline.performance.models import AnnexAImport, StoredMeasureValue

pytestmark = pytest.mark.django_db(transaction=True)
AS_OF = date(2025, 3, 31)


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path: Path) -> Path:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


def _synthetic(tmp_path: Path, *, messy: bool = False, seed: int = 5) -> Path:
    return generate_annex_a(
        tmp_path / f"annex-{seed}-{messy}.xlsx",
        fmt="xlsx",
        as_of=AS_OF,
        months=12,
        scale=0.05,
        seed=seed,
        messy=messy,
    )


def _upload(client: Client, path: Path, extract: str = "31/03/2025"):
    with path.open("rb") as handle:
        return client.post(
            reverse("performance:imports"),
            {"file": SimpleUploadedFile(path.name, handle.read()), "extract_date": extract},
        )


def _worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay")


def test_a_clean_extract_is_checked_and_stored_whole(
    tmp_path: Path, client_for, demo: Authority, users: dict[str, User], private_storage
) -> None:
    path = _synthetic(tmp_path)
    response = _upload(client_for("analyst"), path)
    imp = AnnexAImport.objects.get()
    assert response["Location"] == reverse("performance:import_detail", args=[imp.pk])
    assert imp.status == AnnexAImport.Status.CHECKING
    assert (private_storage / imp.stored_file).read_bytes() == path.read_bytes()
    _worker()
    imp.refresh_from_db()
    assert imp.status == AnnexAImport.Status.IMPORTED, imp.fatal
    engine = compute_catalogue(load_annex_a(path, as_of=AS_OF)).results
    assert (
        imp.figures == StoredMeasureValue.objects.filter(annex_import=imp).count() == engine.height
    )
    fd01 = engine.filter((pl.col("measure_id") == "FD01") & (pl.col("unit") == "la"))
    stored = dict(
        StoredMeasureValue.objects.filter(measure_id="FD01", unit="la").values_list(
            "period", "numerator"
        )
    )
    assert stored == dict(fd01.select("period", "numerator").iter_rows())
    assert (private_storage / imp.children_file).exists()
    assert AuditEvent.objects.filter(action="annex_a.import", actor=users["analyst"]).exists()


def test_uploading_the_same_extract_date_again_replaces_its_figures(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(client, _synthetic(tmp_path, seed=5))
    _worker()
    first = AnnexAImport.objects.get()
    _upload(client, _synthetic(tmp_path, seed=5))  # the same extract sent again
    _worker()
    first.refresh_from_db()
    second = AnnexAImport.objects.exclude(pk=first.pk).get()
    assert (first.status, second.status) == ("replaced", "imported")
    assert first.replaced_by == second
    # The replaced import's figures are kept (so a rollback can restore them) but never read.
    assert StoredMeasureValue.objects.filter(annex_import=first).count() == first.figures
    assert {f.extract_date for f in figures.latest(authority=demo)} == {second.extract_date}
    assert sum(1 for _ in figures.latest(authority=demo)) == second.figures


def test_problems_wait_for_a_decision_with_a_report_naming_list_row_column_value(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(client, _synthetic(tmp_path, messy=True))
    _worker()
    imp = AnnexAImport.objects.get()
    assert imp.status == AnnexAImport.Status.NEEDS_DECISION
    assert imp.errors + imp.warnings > 0
    assert not StoredMeasureValue.objects.exists()
    page = client.get(reverse("performance:import_detail", args=[imp.pk])).content.decode()
    assert "Validation report" in page
    assert "Import anyway" in page
    first = imp.issues[0]
    assert {"list", "row", "column", "value", "reason"} <= set(first)
    # The director may read the report but not decide.
    director = client_for("director")
    assert (
        "Import anyway"
        not in director.get(reverse("performance:import_detail", args=[imp.pk])).content.decode()
    )
    refused = director.post(
        reverse("performance:import_detail", args=[imp.pk]), {"decision": "accept"}
    )
    assert refused.status_code == 403
    client.post(reverse("performance:import_detail", args=[imp.pk]), {"decision": "accept"})
    _worker()
    imp.refresh_from_db()
    assert imp.status == AnnexAImport.Status.IMPORTED
    assert StoredMeasureValue.objects.filter(annex_import=imp).count() == imp.figures > 0


def test_abandoning_leaves_the_figures_as_they_were(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(client, _synthetic(tmp_path))
    _worker()
    before = StoredMeasureValue.objects.count()
    _upload(client, _synthetic(tmp_path, messy=True, seed=9))
    _worker()
    messy = AnnexAImport.objects.get(status="needs_decision")
    client.post(reverse("performance:import_detail", args=[messy.pk]), {"decision": "abandon"})
    messy.refresh_from_db()
    assert messy.status == "abandoned"
    assert StoredMeasureValue.objects.count() == before


def test_an_unreadable_extract_fails_with_named_problems_and_changes_nothing(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(client, _synthetic(tmp_path))
    _worker()
    before = StoredMeasureValue.objects.count()
    broken = tmp_path / "only-list-1.xlsx"
    book = xlsxwriter.Workbook(broken)
    book.add_worksheet("List 1").write_row(0, 0, ["Child Unique ID", "Date of Contact"])
    book.close()
    _upload(client, broken, extract="30/04/2025")
    _worker()
    failed = AnnexAImport.objects.get(original_name="only-list-1.xlsx")
    assert failed.status == AnnexAImport.Status.FAILED
    assert "List 3" in failed.fatal
    page = client.get(reverse("performance:import_detail", args=[failed.pk])).content.decode()
    assert "This file could not be imported" in page
    assert StoredMeasureValue.objects.count() == before


def test_only_workbooks_and_zips_are_accepted(tmp_path: Path, client_for, demo) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"not an annex")
    response = _upload(client_for("analyst"), bad)
    assert response.status_code == 200
    assert "choose an Annex A workbook (.xlsx) or a zip" in response.content.decode()
    assert not AnnexAImport.objects.exists()


def test_only_the_analyst_uploads(tmp_path: Path, client_for, demo) -> None:
    response = _upload(client_for("director"), _synthetic(tmp_path))
    assert response.status_code == 403
    assert not AnnexAImport.objects.exists()


def test_a_zip_of_list_csvs_imports_and_archive_paths_are_ignored(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    import zipfile

    folder = generate_annex_a(
        tmp_path / "csv", fmt="csv", as_of=AS_OF, months=12, scale=0.05, seed=3, messy=False
    )
    archive = tmp_path / "annex-a.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for csv_file in sorted(folder.glob("*.csv")):
            # Paths inside an archive are never used: only the file name is.
            zipped.write(csv_file, arcname=f"../../export/{csv_file.name}")
    _upload(client_for("analyst"), archive)
    _worker()
    imp = AnnexAImport.objects.get()
    assert imp.status == AnnexAImport.Status.IMPORTED, imp.fatal
    assert imp.figures > 0
    assert not (tmp_path.parent / "export").exists()


def test_the_analyst_is_told_on_their_home_page(tmp_path: Path, client_for, demo) -> None:
    client = client_for("analyst")
    assert "No Annex A data imported yet" in client.get(reverse("home:home")).content.decode()
    _upload(client, _synthetic(tmp_path, messy=True))
    _worker()
    home = client.get(reverse("home:home")).content.decode()
    assert "Annex A extracted 31/03/2025: accept or abandon" in home
