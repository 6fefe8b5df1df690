"""The one django-tasks task: run a :class:`Job` by its kind, recording progress and outcome."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Job
from .registry import handler_for

logger = logging.getLogger(__name__)


def _progress_for(job_id: str):  # type: ignore[no-untyped-def]
    last = {"done": -1}

    def progress(done: int, total: int, message: str = "") -> None:
        # Saved outside any transaction the handler holds, so the page sees it at once.
        if done == last["done"] and done != total:
            return
        last["done"] = done
        Job.objects.filter(pk=job_id).update(done=done, total=total, message=message[:300])

    return progress


@task()
def run_job(job_id: str) -> str:
    job = Job.objects.get(pk=job_id)
    if job.status != Job.Status.QUEUED:
        return job.status
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
    try:
        handler = handler_for(job.kind)
        result_file = handler(job, _progress_for(str(job.pk)))
    except Exception as exc:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return Job.Status.FAILED
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.SUCCEEDED,
            finished_at=timezone.now(),
            result_file=result_file,
            message="Finished",
        )
    return Job.Status.SUCCEEDED
