"""Starting background jobs."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record

from .models import Job
from .registry import handler_for


@transaction.atomic
def job_start(*, by: User, kind: str, title: str, params: dict[str, Any] | None = None) -> Job:
    """Queue a job; the worker runs it once this transaction commits."""
    handler_for(kind)  # refuse unknown kinds before anything is written
    if by.authority is None:
        raise ValueError("Only people in an authority can start jobs.")
    job = Job.objects.create(
        authority=by.authority, kind=kind, title=title, params=params or {}, created_by=by
    )
    audit_record(actor=by, action="job.start", obj=job, changes={"kind": kind})

    def enqueue() -> None:
        from .tasks import run_job

        result = run_job.enqueue(str(job.pk))
        Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))

    transaction.on_commit(enqueue)
    return job
