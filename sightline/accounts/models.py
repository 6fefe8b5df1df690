"""People who sign in to Sightline, each with one role and a scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from sightline.core.roles import LOCALITY_SCOPED, TEAM_SCOPED, Role


class User(AbstractUser):
    """A person with one role, in one authority, scoped to a locality or team where the role is."""

    authority = models.ForeignKey(
        "organisation.Authority",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        help_text="Blank only for platform superusers.",
    )
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    locality = models.ForeignKey(
        "organisation.Locality",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        help_text="For heads of service: the locality or service they lead.",
    )
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        help_text="For team managers: the team they manage.",
    )
    job_title = models.CharField(max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["username"]

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else "No role"

    @property
    def scope_label(self) -> str:
        """The part of the organisation this person's role covers, in words."""
        if self.role in LOCALITY_SCOPED:
            return self.locality.name if self.locality else "no locality set"
        if self.role in TEAM_SCOPED:
            return self.team.name if self.team else "no team set"
        return self.authority.name if self.authority else "all authorities"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
