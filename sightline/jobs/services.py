"""Starting background jobs."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record

from .models import Job
from .registry import handler_for, lost_handler_for
from .tasks import lease_seconds

logger = logging.getLogger(__name__)


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


LOST_MESSAGE = (
    "The background worker running this job stopped before it finished (it was restarted, "
    "or ran out of memory). Nothing it was doing was half-saved and its unfinished files "
    "were removed. Start it again, or abandon it."
)


def _lost(now: datetime) -> Q:
    grace = timedelta(seconds=lease_seconds())
    return Q(status=Job.Status.RUNNING) & (
        Q(lease_until__lt=now) | Q(lease_until__isnull=True, started_at__lt=now - grace)
    )


def job_recover_if_lost(*, job: Job, now: datetime | None = None) -> bool:
    """If this running job's lease ran out (its worker died), mark it failed, run its kind's
    tidy-up (partial files removed; what it was doing put back to retry or abandon) and say so.
    Returns True if the job was recovered now."""
    now = now or timezone.now()
    with transaction.atomic():
        marked = Job.objects.filter(_lost(now), pk=job.pk).update(
            status=Job.Status.FAILED,
            finished_at=now,
            lease_until=None,
            message="Stopped: the worker running it was lost",
            error=LOST_MESSAGE,
        )
        if not marked:
            return False
        job.refresh_from_db()
        tidy = lost_handler_for(job.kind)
        if tidy is not None:
            tidy(job)
        audit_record(
            actor=None,
            action="job.lost",
            obj=job,
            authority=job.authority,
            changes={"kind": job.kind, "done": job.done, "total": job.total},
            actor_label="sightline jobs",
        )
    logger.warning("job %s (%s) lost its worker: marked failed", job.pk, job.kind)
    return True


def jobs_recover_lost(*, now: datetime | None = None) -> list[Job]:
    """Every running job whose worker was lost (the sweep: ``sightline jobs_sweep``)."""
    now = now or timezone.now()
    return [
        job
        for job in Job.objects.filter(_lost(now)).select_related("authority")
        if job_recover_if_lost(job=job, now=now)
    ]
