"""Jobs survive their worker (ADR 0019): a lease renewed by a heartbeat; a job whose lease ran
out is marked failed, its unfinished files removed, and the import can be retried or abandoned.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import User
from sightline.jobs.models import Job
from sightline.jobs.registry import Progress, job_kind
from sightline.jobs.services import job_start, jobs_recover_lost
from sightline.kernel.storage import private_path
from sightline.organisation.models import Authority
from sightline.performance.figures import children_file_for, lists_path
from sightline.performance.imports import COMPUTE_KIND, annex_a_abandon, annex_a_accept
from sightline.performance.models import AnnexAImport, StoredMeasureValue

pytestmark = pytest.mark.django_db(transaction=True)

SEEN: dict[str, object] = {}


@job_kind("test_lease_probe")
def _probe(job: Job, progress: Progress) -> str:
    progress(1, 2, "half way")
    SEEN["during"] = Job.objects.values("status", "lease_until", "heartbeat_at").get(pk=job.pk)
    return ""


def test_a_running_job_holds_a_lease_that_is_released_when_it_finishes(
    demo: Authority, users: dict[str, User]
) -> None:
    with transaction.atomic():
        job = job_start(by=users["director"], kind="test_lease_probe", title="probe")
    call_command("db_worker", "--batch", "--no-startup-delay")
    during = SEEN["during"]
    assert isinstance(during, dict)
    assert during["status"] == Job.Status.RUNNING
    assert during["lease_until"] > timezone.now()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.lease_until is None
    assert jobs_recover_lost() == []


def _stuck_import(demo: Authority, user: User, *, lease_until: object) -> tuple[AnnexAImport, Job]:
    """The finding: 'Computing the measures 66%', its worker gone, a Parquet file half written."""
    imp = AnnexAImport.objects.create(
        authority=demo,
        extract_date=date(2026, 3, 31),
        original_name="annex a.xlsx",
        stored_file="imports/a.xlsx",
        size=1,
        sha256="0" * 64,
        status=AnnexAImport.Status.IMPORTING,
        issues=[{"severity": "warning", "reason": "x"}],
        uploaded_by=user,
        decided_by=user,
    )
    job = Job.objects.create(
        authority=demo,
        kind=COMPUTE_KIND,
        title="Import Annex A",
        params={"import_id": imp.pk},
        created_by=user,
        status=Job.Status.RUNNING,
        started_at=timezone.now() - timedelta(minutes=10),
        done=2,
        total=3,
        message="Storing the figures",
        lease_until=lease_until,
    )
    AnnexAImport.objects.filter(pk=imp.pk).update(job=job)
    children = private_path(children_file_for(imp.pk))
    children.parent.mkdir(parents=True, exist_ok=True)
    children.write_bytes(b"PAR1 half written")
    lists = lists_path(children_file_for(imp.pk))
    lists.mkdir(parents=True, exist_ok=True)
    (lists / "list_1.parquet").write_bytes(b"PAR1")
    return imp, job


def test_an_import_whose_worker_died_is_recovered_when_its_page_asks_and_can_be_abandoned(
    demo: Authority, users: dict[str, User], settings, tmp_path: Path
) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    analyst = users["analyst"]
    imp, job = _stuck_import(demo, analyst, lease_until=timezone.now() - timedelta(seconds=1))
    # Before: accept and abandon both refused ("this upload is computing the measures").
    with pytest.raises(Exception, match="nothing to abandon"):
        annex_a_abandon(by=analyst, annex_import=imp)
    client = Client()
    client.force_login(analyst)
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["status"] == "failed"
    assert status["finished"] is True
    job.refresh_from_db()
    assert "stopped before it finished" in job.error
    imp.refresh_from_db()
    assert imp.status == AnnexAImport.Status.NEEDS_DECISION
    assert "Accept again to retry, or abandon" in imp.fatal
    assert not private_path(children_file_for(imp.pk)).exists()
    assert not lists_path(children_file_for(imp.pk)).exists()
    assert StoredMeasureValue.objects.count() == 0  # the figures held never changed
    page = client.get(reverse("performance:import_detail", args=[imp.pk])).content.decode()
    assert "Accept again to retry, or abandon" in page
    abandoned = annex_a_abandon(by=analyst, annex_import=imp)
    assert abandoned.status == AnnexAImport.Status.ABANDONED


def test_the_sweep_recovers_lost_jobs_and_an_accept_retries_them(
    demo: Authority, users: dict[str, User], settings, tmp_path: Path
) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    analyst = users["analyst"]
    imp, job = _stuck_import(demo, analyst, lease_until=timezone.now() - timedelta(minutes=1))
    alive_imp, alive = _stuck_import(
        demo, analyst, lease_until=timezone.now() + timedelta(minutes=1)
    )
    call_command("jobs_sweep", stdout=open(os.devnull, "w"))  # noqa: SIM115, PTH123
    job.refresh_from_db()
    alive.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert alive.status == Job.Status.RUNNING  # its worker still holds the lease
    alive_imp.refresh_from_db()
    assert alive_imp.status == AnnexAImport.Status.IMPORTING
    retried = annex_a_accept(by=analyst, annex_import=imp)
    assert retried.status == AnnexAImport.Status.IMPORTING
    assert retried.job is not None
    assert retried.job.status == Job.Status.QUEUED


def test_a_job_of_a_kind_with_no_tidy_up_is_still_marked_failed(
    demo: Authority, users: dict[str, User]
) -> None:
    job = Job.objects.create(
        authority=demo,
        kind="test_lease_probe",
        title="t",
        created_by=users["director"],
        status=Job.Status.RUNNING,
        started_at=timezone.now() - timedelta(hours=1),
        lease_until=None,  # started before leases existed
    )
    assert [j.pk for j in jobs_recover_lost()] == [job.pk]
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


_WORKER = """
import os, sys, time
import django
django.setup()
from sightline.jobs.registry import job_kind

@job_kind("test_killed_mid_job")
def _slow(job, progress):
    progress(1, 3, "one third")
    time.sleep(600)
    return ""

from django.core.management import call_command
call_command("db_worker", "--no-startup-delay", "--interval", "0.2")
"""


@pytest.mark.once  # a real worker process, on the real clock
@pytest.mark.skipif(
    "DATABASE_URL" not in os.environ, reason="a second process needs a shared database"
)
def test_killing_a_real_worker_mid_job_is_noticed_and_recovered(
    demo: Authority, users: dict[str, User]
) -> None:
    from sightline.jobs import registry

    registry._HANDLERS.setdefault("test_killed_mid_job", _probe)  # known here, run there
    with transaction.atomic():
        job = job_start(by=users["director"], kind="test_killed_mid_job", title="slow")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", _WORKER],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # until the worker reports progress (at most a minute)
            job.refresh_from_db()
            if job.done == 1:
                break
            time.sleep(0.1)
        assert job.status == Job.Status.RUNNING
        assert job.done == 1
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING  # the finding: stuck for ever without a lease
    assert job.lease_until is not None
    assert jobs_recover_lost(now=job.lease_until - timedelta(seconds=1)) == []
    recovered = jobs_recover_lost(now=job.lease_until + timedelta(seconds=1))
    assert [j.pk for j in recovered] == [job.pk]
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "stopped before it finished" in job.error


def test_the_home_page_says_a_job_whose_worker_was_lost_failed(
    demo: Authority, users: dict[str, User]
) -> None:
    job = Job.objects.create(
        authority=demo,
        kind="test_lease_probe",
        title="Import the HR file staff.csv",
        created_by=users["director"],
        status=Job.Status.RUNNING,
        started_at=timezone.now() - timedelta(minutes=10),
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    client = Client()
    client.force_login(users["director"])
    page = client.get(reverse("home:home")).content.decode()
    assert "Import the HR file staff.csv: failed" in page
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_a_worker_starting_a_job_recovers_the_jobs_a_killed_worker_left(
    demo: Authority, users: dict[str, User]
) -> None:
    left = Job.objects.create(
        authority=demo,
        kind="test_lease_probe",
        title="left behind",
        created_by=users["director"],
        status=Job.Status.RUNNING,
        started_at=timezone.now() - timedelta(minutes=10),
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    with transaction.atomic():
        job_start(by=users["director"], kind="test_lease_probe", title="next")
    call_command("db_worker", "--batch", "--no-startup-delay")
    left.refresh_from_db()
    assert left.status == Job.Status.FAILED
