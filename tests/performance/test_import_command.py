"""`sightline import annex-a`: the page's check and store, without a browser."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from csc_measures import compute_catalogue, load_annex_a
from csc_measures.synth import generate_annex_a
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


def _extract(tmp_path: Path, *, fmt: str = "csv", messy: bool = False) -> Path:
    suffix = ".xlsx" if fmt == "xlsx" else ""
    return generate_annex_a(
        tmp_path / f"annex-{fmt}-{messy}{suffix}",
        fmt=fmt,  # type: ignore[arg-type]
        as_of=AS_OF,
        months=12,
        scale=0.05,
        seed=5,
        messy=messy,
    )


def _import(path: Path, authority: str, *more: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(
        "import",
        "annex-a",
        str(path),
        "--authority",
        authority,
        "--as-of",
        AS_OF.isoformat(),
        *more,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_a_clean_folder_of_csv_files_is_checked_and_stored(
    tmp_path: Path, demo: Authority, private_storage: Path
) -> None:
    folder = _extract(tmp_path)
    out, _ = _import(folder, demo.benchmark_as.dfe_code, "--confirm-changes")
    imp = AnnexAImport.objects.get()
    assert imp.status == AnnexAImport.Status.IMPORTED, imp.fatal
    assert imp.authority == demo
    assert imp.uploaded_by is None
    assert imp.original_name == f"{folder.name}.zip"
    assert (private_storage / imp.stored_file).exists()
    engine = compute_catalogue(load_annex_a(folder, as_of=AS_OF)).results
    stored = StoredMeasureValue.objects.filter(annex_import=imp, authority=demo).count()
    assert imp.figures == stored == engine.height > 0
    assert f"{stored:,} figures stored" in out
    upload = AuditEvent.objects.get(action="annex_a.upload")
    assert (upload.actor, upload.actor_username) == (
        None,
        "command line (sightline import annex-a)",
    )
    assert upload.authority == demo
    assert upload.changes["file"] == imp.original_name
    recorded = AuditEvent.objects.get(action="annex_a.import", object_id=str(imp.pk))
    assert (recorded.actor, recorded.actor_username) == (
        None,
        "command line (sightline import annex-a)",
    )


def test_a_workbook_by_the_authority_name_replaces_the_earlier_import(
    tmp_path: Path, demo: Authority
) -> None:
    workbook = _extract(tmp_path, fmt="xlsx")
    _import(workbook, demo.name.upper())
    _import(workbook, demo.name)
    first, second = AnnexAImport.objects.order_by("pk")
    assert first.status == AnnexAImport.Status.REPLACED
    assert second.status == AnnexAImport.Status.IMPORTED
    # the replaced import's figures are kept (a rollback restores them) but never read
    assert StoredMeasureValue.objects.filter(annex_import=first).exists()
    assert not figures.imported(authority=demo).filter(annex_import=first).exists()
    assert StoredMeasureValue.objects.filter(annex_import=second).count() == second.figures > 0


def test_problems_are_printed_and_nothing_is_stored(tmp_path: Path, demo: Authority) -> None:
    messy = _extract(tmp_path, fmt="xlsx", messy=True)
    err = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "import",
            "annex-a",
            str(messy),
            "--authority",
            demo.name,
            "--as-of",
            AS_OF.isoformat(),
            stderr=err,
        )
    assert failed.value.returncode == 1
    assert messy.name in str(failed.value)
    assert "nothing stored" in str(failed.value)
    imp = AnnexAImport.objects.get()
    assert imp.status == AnnexAImport.Status.NEEDS_DECISION
    assert not StoredMeasureValue.objects.exists()
    first = imp.issues[0]
    printed = err.getvalue()
    assert f"{first['severity']}: List {first['list']}, row {first['row']}" in printed
    assert first["reason"] in printed


def test_a_file_that_cannot_be_read_fails_and_names_the_file(
    tmp_path: Path, demo: Authority
) -> None:
    folder = _extract(tmp_path)
    (folder / "list_3.csv").unlink()
    err = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "import",
            "annex-a",
            str(folder),
            "--authority",
            demo.name,
            "--as-of",
            AS_OF.isoformat(),
            stderr=err,
        )
    assert failed.value.returncode == 1
    assert str(folder) in str(failed.value)
    assert "could not be imported" in str(failed.value)
    assert "List 3" in err.getvalue()
    assert AnnexAImport.objects.get().status == AnnexAImport.Status.FAILED
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a workbook")
    with pytest.raises(CommandError, match=r"broken\.xlsx: this file could not be imported"):
        _import(broken, demo.name)
    assert AnnexAImport.objects.latest("pk").status == AnnexAImport.Status.FAILED
    assert not StoredMeasureValue.objects.exists()


def test_a_missing_path_or_a_wrong_kind_of_file_is_refused_before_anything_is_kept(
    tmp_path: Path, demo: Authority
) -> None:
    with pytest.raises(CommandError, match=r"nope\.xlsx: no such file or folder"):
        _import(tmp_path / "nope.xlsx", demo.name)
    text = tmp_path / "annex.txt"
    text.write_text("not an extract", encoding="utf-8")
    with pytest.raises(CommandError, match=r"annex\.txt: choose an Annex A workbook"):
        _import(text, demo.name)
    fake = tmp_path / "annex.zip"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(CommandError, match=r"annex\.zip: this is not a readable zip file"):
        _import(fake, demo.name)
    assert not AnnexAImport.objects.exists()


def test_an_unknown_authority_is_a_clear_error(tmp_path: Path, demo: Authority) -> None:
    with pytest.raises(CommandError) as failed:
        _import(_extract(tmp_path), "Nowhereshire")
    message = str(failed.value)
    assert "'Nowhereshire': no authority has this DfE code or name" in message
    assert f"{demo.name} ({demo.benchmark_as.dfe_code})" in message
    assert not AnnexAImport.objects.exists()
    assert not AuditEvent.objects.filter(action="annex_a.upload").exists()


def test_an_extract_that_rewrites_history_needs_confirm_changes(
    tmp_path: Path, demo: Authority
) -> None:
    code = demo.benchmark_as.dfe_code
    _import(_extract(tmp_path), code)
    first = AnnexAImport.objects.get()
    held = dict(
        StoredMeasureValue.objects.filter(annex_import=first, unit="la").values_list("id", "value")
    )
    # Another simulated authority's extract for the same months: most figures move a lot.
    other = generate_annex_a(
        tmp_path / "other", fmt="csv", as_of=AS_OF, months=12, scale=0.2, seed=99, messy=False
    )
    with pytest.raises(CommandError, match="would change by more than 10%"):
        _import(other, code)
    waiting = AnnexAImport.objects.exclude(pk=first.pk).get()
    assert waiting.status == AnnexAImport.Status.NEEDS_DECISION
    assert int(waiting.changes["large"]) > 0
    first.refresh_from_db()
    assert first.status == AnnexAImport.Status.IMPORTED  # history untouched
    assert (
        dict(
            StoredMeasureValue.objects.filter(annex_import=first, unit="la").values_list(
                "id", "value"
            )
        )
        == held
    )
    out, _ = _import(other, code, "--confirm-changes")
    confirmed = AnnexAImport.objects.order_by("-pk").first()
    assert confirmed is not None
    assert confirmed.status == AnnexAImport.Status.IMPORTED
    assert "figures stored" in out
    accept = AuditEvent.objects.get(action="annex_a.accept", object_id=str(confirmed.pk))
    assert accept.actor_username == "command line (sightline import annex-a)"
    assert "--confirm-changes" in accept.changes["reason"]
