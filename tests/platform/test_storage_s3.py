"""Private files on S3-compatible object storage, end to end, across "machines".

The store is moto's S3 server (``moto.server.ThreadedMotoServer``): a real HTTP server speaking
the S3 API on a local port, which django-storages and boto3 talk to exactly as they talk to
AWS S3 or MinIO. It is not a mock of Sightline's code: every byte goes through HTTP.

A machine is its own working-copy folder (``SIGHTLINE_VAR_DIR/private-cache``): a file written
on one machine must be readable on another whose folder is empty, so nothing a request needs
lives only on the machine that wrote it (issue 17).
"""

from __future__ import annotations

import hashlib
import io
import socket
import tarfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import boto3  # type: ignore[import-untyped]
import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer

from csc_measures.synth import generate_annex_a
from csc_measures.synth.returns import generate_cin
from sightline.accounts.models import User
from sightline.auditlog.exports import EXPORT_KIND
from sightline.jobs.services import job_start
from sightline.kernel import storage
from sightline.organisation.models import Authority
from sightline.performance.models import AnnexAImport
from sightline.plan import services as plan_services
from sightline.plan.models import Evidence
from sightline.returns.models import ReturnImport
from sightline.workforce import imports as hr
from sightline.workforce.models import HRImport, StaffMember
from tests.plan.factories import plan_objects
from tests.workforce.factories import make_hr_csv, make_teams

BUCKET = "sightline-test"
AS_OF = date(2025, 3, 31)
PERIOD = "2025-02"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    """moto's S3 server on a free local port; its endpoint URL."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server: str, settings: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """Private storage as production.py sets it with SIGHTLINE_S3_BUCKET, on an empty bucket."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-west-2")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-west-2",
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": True,
            },
        },
    }
    # Nothing may be written to a shared folder: point it somewhere that must stay empty.
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "no-shared-folder"
    yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)
    assert not settings.PRIVATE_STORAGE_ROOT.exists()


@pytest.fixture
def machine(settings: Any, tmp_path: Path) -> Callable[[int], Path]:
    """``machine(n)`` makes this process machine ``n``: its own, initially empty, working
    copies. Returns that machine's working-copy folder."""

    def become(number: int) -> Path:
        settings.VAR_DIR = tmp_path / f"machine-{number}"
        return storage.private_root()

    return become


def _keys(client: Any) -> set[str]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"].removeprefix("private/") for item in listed}


def _worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay")


# --- the kernel's helpers, against the store ---------------------------------------------------


def test_writing_publishes_a_failure_leaves_nothing_and_deletes_reach_the_store(
    bucket: Any, machine: Callable[[int], Path]
) -> None:
    assert not storage.is_local()
    first = machine(1)
    with storage.private_writing("imports/7-lists") as folder:
        folder.mkdir()
        pl.DataFrame({"x": [1, 2]}).write_parquet(folder / "list_1.parquet")
        pl.DataFrame({"y": [3]}).write_parquet(folder / "list_2.parquet")

    def fail_half_way() -> None:
        with storage.private_writing("imports/8.xlsx") as path:
            path.write_bytes(b"half a file")
            raise RuntimeError("the disk filled up")

    with pytest.raises(RuntimeError, match="disk filled up"):
        fail_half_way()
    assert not (first / "imports/8.xlsx").exists()
    assert _keys(bucket) == {"imports/7-lists/list_1.parquet", "imports/7-lists/list_2.parquet"}

    # Machine 2 has nothing until it asks: a folder arrives whole.
    second = machine(2)
    assert not second.exists()
    lists = storage.private_path("imports/7-lists")
    assert sorted(p.name for p in lists.iterdir()) == ["list_1.parquet", "list_2.parquet"]
    assert pl.read_parquet(lists / "list_1.parquet")["x"].to_list() == [1, 2]
    assert storage.private_file("../../etc/passwd") is None
    assert storage.private_file("imports/unknown.csv") is None

    storage.private_delete("imports/7-lists")
    assert _keys(bucket) == set()
    assert not lists.exists()


# --- every writer, across machines -------------------------------------------------------------


def _children_ids(path: Path) -> list[str]:
    frame = pl.read_parquet(path).filter(
        (pl.col("measure_id") == "CP03") & (pl.col("period") == PERIOD) & (pl.col("unit") == "la")
    )
    return list(frame["numerator_ids"][0].to_list())


def _children_page(client: Client) -> str:
    url = reverse("performance:measure_children", args=["CP03"])
    response = client.get(f"{url}?period={PERIOD}&unit=la&part=numerator")
    assert response.status_code == 200
    return response.content.decode()


def _annex_a(bucket: Any, machine: Callable[[int], Path], client_for: Any, tmp: Path) -> list[str]:
    """Uploaded through machine 1's web server, checked and stored by machine 2's worker, read
    (the dashboard and the children behind a figure) through machine 3. The children's IDs."""
    extract = generate_annex_a(
        tmp / "annex.xlsx", fmt="xlsx", as_of=AS_OF, months=12, scale=0.05, seed=5, messy=False
    )
    machine(1)
    response = client_for("analyst").post(
        reverse("performance:imports"),
        {
            "file": SimpleUploadedFile(extract.name, extract.read_bytes()),
            "extract_date": "31/03/2025",
        },
    )
    assert response.status_code == 302
    imp = AnnexAImport.objects.get()
    assert imp.stored_file in _keys(bucket)
    machine(2)
    _worker()
    imp.refresh_from_db()
    assert imp.status == AnnexAImport.Status.IMPORTED, imp.fatal
    keys = _keys(bucket)
    assert imp.children_file in keys
    lists = imp.children_file.removesuffix("-children.parquet") + "-lists/"
    assert any(key.startswith(lists) for key in keys)

    third = machine(3)
    analyst = client_for("analyst")
    dashboard = analyst.get(reverse("performance:dashboard"))
    assert dashboard.status_code == 200
    assert "CP03" in dashboard.content.decode()
    page = _children_page(analyst)
    ids = _children_ids(third / imp.children_file)  # the working copy the page fetched
    assert ids
    assert all(child in page for child in ids)
    return ids


def _evidence(
    bucket: Any, machine: Callable[[int], Path], demo: Authority, client_for: Any
) -> None:
    """Plan evidence: uploaded on machine 1, downloaded on machine 2."""
    machine(1)
    objs = plan_objects(demo)
    pdf = b"%PDF-1.4\n% evidence of the audit programme\n%%EOF\n"
    evidence = plan_services.evidence_add(
        by=User.objects.get(username="owner"),
        action=objs.action,
        upload=SimpleUploadedFile("audit.pdf", pdf),
    )
    assert evidence.stored_file in _keys(bucket)
    machine(2)
    download = client_for("director").get(reverse("plan:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf


def _hr_import(
    bucket: Any, machine: Callable[[int], Path], demo: Authority, users: dict[str, User]
) -> None:
    """The HR import: stored on machine 1, read by machine 2's worker, applied on machine 3."""
    machine(1)
    inside, _outside = make_teams(demo, users)
    rows = [["H1", "Kit Marlowe", "Social worker", "Permanent", inside.name, "1", "01/04/2024",
             "", ""]]  # fmt: skip
    upload = hr.hr_upload_start(by=users["director"], authority=demo, upload=make_hr_csv(rows))
    assert upload.stored_file in _keys(bucket)
    machine(2)
    _worker()
    upload.refresh_from_db()
    assert upload.status == HRImport.Status.MAPPING, upload.issues
    machine(3)
    applied = hr.hr_apply(by=users["director"], hr_import=upload, mapping=upload.mapping)
    assert applied.status == HRImport.Status.IMPORTED, applied.issues
    assert StaffMember.objects.filter(reference="H1").exists()


def _return(bucket: Any, machine: Callable[[int], Path], client_for: Any, tmp: Path) -> None:
    """A statutory return: uploaded through machine 1, checked by machine 2's worker."""
    machine(1)
    cin = generate_cin(tmp / "cin.xml", as_of=date(2026, 3, 31), scale=0.02, seed=3)[0]
    client_for("analyst").post(
        reverse("returns:imports"),
        {"kind": "cin", "upload": [SimpleUploadedFile(cin.name, cin.read_bytes())]},
    )
    returned = ReturnImport.objects.get()
    assert f"{returned.stored_folder}/{cin.name}" in _keys(bucket)
    machine(2)
    _worker()
    returned.refresh_from_db()
    assert returned.status == ReturnImport.Status.CHECKED, returned.fatal


def _audit_export(
    bucket: Any, machine: Callable[[int], Path], users: dict[str, User], client_for: Any
) -> None:
    """The audit trail export: written by machine 2's worker, downloaded through machine 3."""
    machine(1)
    job = job_start(by=users["admin"], kind=EXPORT_KIND, title="Export the audit trail")
    machine(2)
    _worker()
    job.refresh_from_db()
    assert job.result_file in _keys(bucket)
    machine(3)
    csv = client_for("admin").get(reverse("jobs:download", args=[job.pk]))
    assert csv.status_code == 200
    assert b"annex_a.import" in b"".join(csv.streaming_content)


def _bucket_checksums(bucket: Any) -> dict[str, str]:
    return {
        key: hashlib.sha256(
            bucket.get_object(Bucket=BUCKET, Key=f"private/{key}")["Body"].read()
        ).hexdigest()
        for key in _keys(bucket)
    }


def _backup_and_restore(bucket: Any, tmp: Path) -> None:
    """Backup reads every file from the bucket; restore puts them back into an emptied one."""
    stored = _bucket_checksums(bucket)
    archive = tmp / "backup.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive, "r:gz") as tar:
        in_archive = {
            m.name.removeprefix("private/"): hashlib.sha256(
                tar.extractfile(m).read()  # type: ignore[union-attr]
            ).hexdigest()
            for m in tar.getmembers()
            if m.name.startswith("private/") and m.isfile()
        }
    assert in_archive == stored
    for key in stored:
        bucket.delete_object(Bucket=BUCKET, Key=f"private/{key}")
    call_command("restore", str(archive), "--replace", stdout=io.StringIO())
    assert _bucket_checksums(bucket) == stored


@pytest.mark.once
@pytest.mark.django_db(transaction=True)
def test_files_written_on_one_machine_are_read_on_another(  # noqa: PLR0917 - pytest fixtures
    bucket: Any,
    machine: Callable[[int], Path],
    demo: Authority,
    users: dict[str, User],
    client_for: Callable[[str], Client],
    tmp_path: Path,
) -> None:
    ids = _annex_a(bucket, machine, client_for, tmp_path)
    _evidence(bucket, machine, demo, client_for)
    _hr_import(bucket, machine, demo, users)
    _return(bucket, machine, client_for, tmp_path)
    _audit_export(bucket, machine, users, client_for)
    _backup_and_restore(bucket, tmp_path)
    # A fourth machine reads the restored files.
    machine(4)
    page = _children_page(client_for("analyst"))
    assert all(child in page for child in ids)
    assert Evidence.objects.count() == 1
