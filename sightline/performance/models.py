"""Performance data. For now: the DfE published benchmarks, loaded from the shipped files.

Imports of Annex A, stored measure values, targets and the dashboard come next (issue 4).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BenchmarkFigure(models.Model):
    """One published DfE value: a measure, for an area (authority, region or England), a year.

    Shared reference data (not owned by one authority): every authority compares against it.
    """

    class AreaType(models.TextChoices):
        LA = "la", "Local authority"
        REGION = "region", "Region"
        ENGLAND = "england", "England"

    measure_id = models.CharField(max_length=32)
    area_type = models.CharField(max_length=8, choices=AreaType.choices)
    area_code = models.CharField(
        max_length=9,
        help_text="DfE 3-digit code for an authority; ONS code for a region or England.",
    )
    year = models.PositiveSmallIntegerField(
        help_text="Calendar year the DfE period ends in (2025 for 2024-25)."
    )
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure_id", "area_type", "area_code", "year"],
                name="benchmark_figure_unique",
            )
        ]
        indexes = [models.Index(fields=["measure_id", "area_type", "area_code"])]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.area_type}:{self.area_code} {self.year} = {self.value}"


class BenchmarkLoad(models.Model):
    """When the benchmark figures were last (re)loaded, by whom, and how many."""

    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    figures = models.PositiveIntegerField()
    measures = models.JSONField(default=list)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.figures} benchmark figures loaded {self.loaded_at:%Y-%m-%d %H:%M}"


class Target(models.Model):
    """A target for one measure in one authority, from a date. Rows are never edited: a new
    target is a new row, so the history of who set what, and when, is kept."""

    class Polarity(models.TextChoices):
        UP = "↑", "Higher is better"
        DOWN = "↓", "Lower is better"
        NONE = "·", "No good direction"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="targets"
    )
    measure_id = models.CharField(max_length=32)
    target = models.FloatField(null=True, blank=True, help_text="Blank: no target.")
    tolerance = models.FloatField(
        null=True, blank=True, help_text="How far from the target still counts as amber."
    )
    polarity = models.CharField(max_length=1, choices=Polarity.choices)
    effective_from = models.DateField()
    reason = models.CharField(max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure_id", "-effective_from", "-set_at"]
        indexes = [models.Index(fields=["authority", "measure_id", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.measure_id} target {self.target} from {self.effective_from}"
