"""What the jobs app adds to the navigation and to the home page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from sightline.core.attention import AttentionItem, attention_register
from sightline.core.modules import Module, module_register
from sightline.core.permissions import can_run_jobs

from . import selectors
from .models import Job
from .services import job_recover_if_lost

if TYPE_CHECKING:
    from sightline.accounts.models import User


def my_jobs(user: User) -> Iterator[AttentionItem]:
    """Jobs this person started that failed, or are still going, in the last week."""
    since = timezone.now() - timedelta(days=7)
    jobs = list(selectors.jobs_unfinished_or_failed(user=user, since=since)[:5])
    for job in jobs:
        if job.status == Job.Status.RUNNING and job_recover_if_lost(job=job):
            job.refresh_from_db()  # its worker was lost: say so, not "running"
        failed = job.status == Job.Status.FAILED
        yield AttentionItem(
            title=f"{job.title}: {job.get_status_display().lower()}",
            detail="It stopped with an error; nothing it was doing was half-saved."
            if failed
            else f"Started {timezone.localtime(job.created_at):%d/%m/%Y %H:%M}.",
            url=reverse("jobs:detail", args=[job.pk]),
            level="urgent" if failed else "info",
        )


def register() -> None:
    module_register(
        Module(
            key="jobs",
            title="Background jobs",
            url_name="jobs:list",
            description="Imports and exports running in the background, with their progress.",
            allowed=can_run_jobs,
            order=990,
            in_header=False,
        )
    )
    attention_register(my_jobs)
