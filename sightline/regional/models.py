"""Regions (a regional improvement alliance, a DfE adviser's patch) and what each authority
shares with them.

A region sees nothing by itself: each authority grants it the measures it chooses to share
(``RegionGrant``), and takes the grant back the same way. Regional viewers belong to no
authority; they see the granted measures' figures for the authorities that granted them,
small numbers suppressed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Region(models.Model):
    name = models.CharField(max_length=120, unique=True)
    viewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="regions",
        blank=True,
        help_text="Regional viewers who compare the authorities sharing with this region.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionGrant(models.Model):
    """What one authority shares with one region: the measures whose authority-wide figures
    the region's viewers may see (none: nothing shared)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="grants")
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="region_grants"
    )
    measure_ids = models.JSONField(default=list, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region__name", "authority__name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "authority"], name="region_grant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.authority} → {self.region}"
