"""Background jobs as people see them: what, who started it, progress, outcome.

The work itself runs in a django-tasks worker (``sightline db_worker``); this model is what the
pages show and what survives a reload.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    result_file = models.CharField(
        max_length=300, blank=True, help_text="Path in private storage of a file the job made."
    )
    task_result_id = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the worker running the job last said it was alive."
    )
    lease_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The worker holds the job until then; a running job past it has lost its worker.",
    )
    result = models.JSONField(
        default=dict, blank=True, help_text="What the job found, for the page that started it."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
