"""Statutory returns uploaded (the CIN census, the SSDA903 return) and the figures accepted.

A :class:`ReturnImport` keeps the original files in private storage, the check report (issues
naming file, table, child, column, value) and the figures computed on the DfE's definitions;
accepting it stores those figures as :class:`ReturnFigure` rows, all at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReturnImport(models.Model):
    class Kind(models.TextChoices):
        CIN = "cin", "CIN census"
        SSDA903 = "ssda903", "SSDA903"

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked: accept or abandon"
        ACCEPTED = "accepted", "Accepted"
        REPLACED = "replaced", "Replaced by a later upload"
        ABANDONED = "abandoned", "Abandoned"
        FAILED = "failed", "Could not be read"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="return_imports"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    year = models.PositiveIntegerField(
        null=True, blank=True, help_text="The collection year's closing year: 2026 for 2025-26."
    )
    original_names = models.JSONField(default=list, help_text="The files as uploaded.")
    stored_folder = models.CharField(
        max_length=300, help_text="Folder in private storage holding the files."
    )
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="return_uploads",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="return_decisions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    fatal = models.TextField(blank=True)
    report = models.JSONField(
        default=dict,
        blank=True,
        help_text="The check: issues (file, table, child, column, value, reason), the figures "
        "computed and those that could not be.",
    )

    rules_job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dfe_rules = models.JSONField(
        default=dict,
        blank=True,
        help_text="The DfE's validation rules run on the files: the validator, its ruleset and "
        "the errors by rule code with the DfE's message (or why they were not run).",
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year_label} ({self.get_status_display()})"

    @property
    def year_label(self) -> str:
        return f"{self.year - 1}-{self.year % 100:02d}" if self.year else "year not known"

    @property
    def source(self) -> str:
        """What the figures say they come from: "CIN census 2025-26", "SSDA903 2025-26"."""
        return f"{self.get_kind_display()} {self.year_label}"


class ReturnFigure(models.Model):
    """One figure on a DfE definition, from an accepted return."""

    return_import = models.ForeignKey(
        ReturnImport, on_delete=models.CASCADE, related_name="figures"
    )
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="return_figures"
    )
    measure_id = models.CharField(max_length=20)
    period = models.DateField(help_text="The end of the collection year (31 March).")
    numerator = models.BigIntegerField(null=True, blank=True)
    denominator = models.BigIntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["measure_id", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["return_import", "measure_id"], name="return_figure_once_per_import"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.period}: {self.value}"
