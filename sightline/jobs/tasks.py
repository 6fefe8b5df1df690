"""The one django-tasks task: run a :class:`Job` by its kind, recording progress and outcome.

While the handler works, a heartbeat thread renews the job's lease (``Job.lease_until``) every
quarter of the lease; progress renews it too. If the worker dies (killed, out of memory, the
machine restarted) the lease runs out and :func:`sightline.jobs.services.jobs_recover_lost`
marks the job failed and tidies up after it (ADR 0019).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import task

from .models import Job
from .registry import handler_for

logger = logging.getLogger(__name__)


def lease_seconds() -> int:
    return int(getattr(settings, "SIGHTLINE_JOB_LEASE_SECONDS", 120))


def _renew(job_id: str, **extra: object) -> int:
    """Extend the lease of a job that is still running (0 if it is not: it was recovered)."""
    now = timezone.now()
    return Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
        heartbeat_at=now, lease_until=now + timedelta(seconds=lease_seconds()), **extra
    )


def _progress_for(job_id: str):  # type: ignore[no-untyped-def]
    last = {"done": -1}

    def progress(done: int, total: int, message: str = "") -> None:
        # Saved outside any transaction the handler holds, so the page sees it at once.
        if done == last["done"] and done != total:
            return
        last["done"] = done
        _renew(job_id, done=done, total=total, message=message[:300])

    return progress


class _Heartbeat(threading.Thread):
    """Renews the lease while the handler runs, even through long computations."""

    def __init__(self, job_id: str) -> None:
        super().__init__(name=f"job-heartbeat-{job_id}", daemon=True)
        self.job_id = job_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(max(1.0, lease_seconds() / 4)):
                try:
                    _renew(self.job_id)
                except Exception:  # a dropped connection: try again next beat
                    logger.warning("heartbeat for job %s failed", self.job_id, exc_info=True)
                    close_old_connections()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)


def _recover_others() -> None:
    """A worker starting a job first recovers jobs whose worker was lost (a restarted worker
    tidies up after the one that was killed)."""
    from .services import jobs_recover_lost

    try:
        jobs_recover_lost()
    except Exception:  # never stop the job for this; the sweep and the pages check too
        logger.warning("could not check for jobs that lost their worker", exc_info=True)


@task()
def run_job(job_id: str) -> str:
    _recover_others()
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        lease_until=now + timedelta(seconds=lease_seconds()),
    )
    job = Job.objects.get(pk=job_id)
    if not claimed:
        return job.status
    heartbeat = _Heartbeat(str(job.pk))
    heartbeat.start()
    try:
        handler = handler_for(job.kind)
        result_file = handler(job, _progress_for(str(job.pk)))
    except Exception as exc:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.FAILED,
            finished_at=timezone.now(),
            lease_until=None,
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return Job.Status.FAILED
    finally:
        heartbeat.stop()
    with transaction.atomic():
        Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.SUCCEEDED,
            finished_at=timezone.now(),
            lease_until=None,
            result_file=result_file,
            message="Finished",
        )
    return Job.Status.SUCCEEDED
