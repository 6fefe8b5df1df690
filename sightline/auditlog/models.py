"""The audit trail: who changed what and when, and who looked at child-level data.

Rows here are written only by :mod:`sightline.auditlog.services`, inside the same database
transaction as the change they describe, and are never updated or deleted by the application.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One write: who did it, to what, when, and what changed."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_username = models.CharField(
        max_length=150, help_text="Kept even if the account is later removed."
    )
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_repr}"


class AccessLogEntry(models.Model):
    """One view of child-level data: who saw which child or list, when, and through which page."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(max_length=150)
    path = models.CharField(max_length=500)
    subject_type = models.CharField(
        max_length=40, help_text="What was seen, e.g. child, child list, audit case."
    )
    subject_ids = models.JSONField(
        default=list, help_text="Child IDs (or other identifiers) shown on the page."
    )
    purpose = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} viewed {self.subject_type}"
