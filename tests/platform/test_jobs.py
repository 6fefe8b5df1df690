"""Background jobs run in the django-tasks worker and show their progress."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.jobs.models import Job
from sightline.organisation.models import Authority

pytestmark = pytest.mark.django_db(transaction=True)


def test_audit_export_runs_in_the_worker_with_progress_and_a_safe_csv(
    demo: Authority, users: dict[str, User], settings, tmp_path
) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    with transaction.atomic():
        audit_record(actor=users["admin"], action='=HYPERLINK("http://x")', obj=demo)
    client = Client()
    client.force_login(users["director"])
    response = client.post(reverse("auditlog:export"))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for the background worker" in page

    call_command("db_worker", "--batch", "--no-startup-delay")

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.percent == 100
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["finished"] is True
    assert status["done"] == status["total"] > 0
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows[0][:3] == ["when", "who", "action"]
    actions = [row[2] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in actions  # formula neutralised
    assert len(rows) - 1 == status["total"]


def test_other_people_cannot_see_someone_elses_job(demo: Authority, users: dict[str, User]) -> None:
    job = Job.objects.create(authority=demo, kind="x", title="t", created_by=users["director"])
    snoop = Client()
    snoop.force_login(users["board"])
    assert snoop.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    admin = Client()
    admin.force_login(users["admin"])
    assert admin.get(reverse("jobs:detail", args=[job.pk])).status_code == 200


def test_a_failing_job_is_marked_failed_and_shown_on_the_home_page(
    demo: Authority, users: dict[str, User]
) -> None:
    from sightline.jobs.registry import job_kind
    from sightline.jobs.services import job_start

    @job_kind("test_explodes")
    def explodes(job, progress):  # type: ignore[no-untyped-def]
        progress(1, 4, "first quarter")
        raise RuntimeError("the file was unreadable")

    job = job_start(by=users["analyst"], kind="test_explodes", title="Import that fails")
    call_command("db_worker", "--batch", "--no-startup-delay")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "the file was unreadable" in job.error
    client = Client()
    client.force_login(users["analyst"])
    home = client.get(reverse("home:home")).content.decode()
    assert "Import that fails: failed" in home


def test_unknown_job_kinds_are_refused_before_anything_is_written(users: dict[str, User]) -> None:
    from sightline.jobs.services import job_start

    with pytest.raises(LookupError):
        job_start(by=users["analyst"], kind="no-such-kind", title="x")
    assert not Job.objects.exists()
