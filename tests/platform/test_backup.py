"""`sightline backup` and `sightline restore`: a demo authority (its extracts and every module's
data) survives the round trip figure for figure and file for file; a damaged or mismatched
backup is refused before anything changes."""

from __future__ import annotations

import hashlib
import io
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from sightline.home.demo import demo_import_extracts, demo_seed_modules
from sightline.organisation.models import Authority
from sightline.performance.models import AnnexAImport, StoredMeasureValue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def private(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


def everything(private: Path) -> dict[str, Any]:
    """Every stored figure, every row count and every private file's checksum."""
    figures = sorted(
        StoredMeasureValue.objects.values_list(
            "pk",
            "annex_import_id",
            "authority_id",
            "measure_id",
            "period",
            "unit",
            "numerator",
            "denominator",
            "value",
        )
    )
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "auth", "sessions", "axes"}
    }
    files = {
        p.relative_to(private).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(private.rglob("*"))
        if p.is_file()
    }
    return {"figures": figures, "counts": counts, "files": files}


@pytest.mark.once
def test_backup_and_restore_round_trip_every_figure_and_file(
    demo: Authority, private: Path, tmp_path: Path
) -> None:
    demo_import_extracts(authority=demo, work_dir=tmp_path / "extracts", extracts=3, scale=0.3)
    demo_seed_modules(authority=demo)
    before = everything(private)
    assert len(before["figures"]) > 1000
    assert AnnexAImport.objects.count() == 3
    assert any(name.endswith(".parquet") for name in before["files"])

    archive = tmp_path / "sightline-backup.tar.gz"
    call_command("backup", str(archive))

    # The machine is lost: a new, empty database and no private files.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(private)
    assert StoredMeasureValue.objects.count() == 0

    call_command("restore", str(archive))
    assert everything(private) == before


def test_restore_refuses_a_damaged_backup_before_changing_anything(
    demo: Authority, private: Path, tmp_path: Path
) -> None:
    demo_import_extracts(authority=demo, work_dir=tmp_path / "extracts", extracts=1, scale=0.1)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    # Flip the last byte of one Parquet file inside the archive.
    name = ""
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.endswith(".parquet") and not name:
                name = member.name
                content = content[:-1] + bytes([content[-1] ^ 1])
            target.addfile(member, io.BytesIO(content))
    before = everything(private)

    with pytest.raises(CommandError, match=f"{name} does not match its checksum"):
        call_command("restore", str(damaged), "--replace")
    # A database holding authorities is only replaced when asked to.
    with pytest.raises(CommandError, match="already holds authorities"):
        call_command("restore", str(archive))
    assert everything(private) == before
    call_command("restore", str(archive), "--replace")
    assert everything(private) == before
