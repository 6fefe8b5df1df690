"""Performance data. For now: the DfE published benchmarks, loaded from the shipped files.

Imports of Annex A, stored measure values, targets and the dashboard come next (issue 4).
"""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.db import models

from csc_measures.coverage import Coverage, coverage, list_coverage


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


class AnnexAImport(models.Model):
    """One uploaded Annex A extract: the original file, its validation report, its outcome."""

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking the file"
        NEEDS_DECISION = "needs_decision", "Problems found: accept or abandon"
        IMPORTING = "importing", "Computing the measures"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Could not be imported"
        ABANDONED = "abandoned", "Abandoned"
        REPLACED = "replaced", "Replaced by a later upload of the same extract date"
        ROLLED_BACK = "rolled_back", "Rolled back: its figures are not used"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="annex_a_imports"
    )
    extract_date = models.DateField(help_text="The date the lists were extracted (as-of).")
    period_start = models.DateField(null=True, blank=True)
    covered_from = models.DateField(
        null=True,
        blank=True,
        help_text="First day of the window the extract covers (declared or 12-month look-back).",
    )
    covered_to = models.DateField(
        null=True, blank=True, help_text="Last day the extract covers (its extract date)."
    )
    list_starts = models.JSONField(
        default=dict,
        blank=True,
        help_text="First day a list covers, for lists exported over a shorter period "
        '({"1": "2024-10-01"}); other lists cover the extract\'s window.',
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced",
        help_text="The later upload of the same extract date whose figures are used instead.",
    )
    original_name = models.CharField(max_length=255)
    stored_file = models.CharField(max_length=300, help_text="Path in private storage.")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKING)
    errors = models.PositiveIntegerField(default=0, help_text="Rows or values rejected.")
    warnings = models.PositiveIntegerField(default=0)
    issues = models.JSONField(default=list, help_text="The validation report (first 1,000).")
    fatal = models.TextField(blank=True, help_text="Why the file could not be read at all.")
    not_computable = models.JSONField(default=list)
    changes = models.JSONField(
        default=dict,
        blank=True,
        help_text="The authority-level figures it changes (sightline.performance.compare).",
    )
    figures = models.PositiveIntegerField(default=0)
    headers = models.JSONField(
        default=dict,
        blank=True,
        help_text="Per list: headers matching no column, and columns measures need not found.",
    )
    column_mapping = models.JSONField(
        default=dict, blank=True, help_text="The council's renamed columns the check applied."
    )
    mapping_file = models.JSONField(
        default=dict,
        blank=True,
        help_text="Renamed columns given with this upload (a command's --mapping file); they "
        "win over the authority's saved ones.",
    )
    children_file = models.CharField(
        max_length=300, blank=True, help_text="Parquet of the children behind each figure."
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rolled_back_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"Annex A extracted {self.extract_date:%d/%m/%Y} ({self.get_status_display()})"

    @property
    def coverage(self) -> Coverage:
        """The window the extract covers and its whole months (see csc_measures.coverage)."""
        return coverage(as_of=self.extract_date, period_start=self.period_start)

    @property
    def list_coverage(self) -> dict[int, Coverage]:
        """Each list's window (csc_measures.coverage.list_coverage)."""
        return list_coverage(
            as_of=self.extract_date,
            period_start=self.period_start,
            list_starts={int(n): date.fromisoformat(d) for n, d in self.list_starts.items()},
        )

    @property
    def list_windows(self) -> list[tuple[int, Coverage, bool]]:
        """(list, window, whether it is shorter than the extract's), by list."""
        extract = self.coverage
        return [(n, c, c != extract) for n, c in sorted(self.list_coverage.items())]


#: A month as the stored figures write it (``StoredMeasureValue.period``): YYYY-MM.
PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class StoredMeasureValue(models.Model):
    """One figure from the engine: measure × month × unit, from one import."""

    annex_import = models.ForeignKey(AnnexAImport, on_delete=models.CASCADE, related_name="values")
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    measure_id = models.CharField(
        max_length=255, help_text="The measure's ID; FD06 adds the contact source: FD06:<source>."
    )
    period = models.CharField(max_length=7, help_text="YYYY-MM")
    unit = models.CharField(max_length=255, help_text="la or team:<Allocated Team>")
    numerator = models.IntegerField()
    denominator = models.IntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["authority", "measure_id", "unit", "period"])]
        constraints = [
            models.UniqueConstraint(
                fields=["annex_import", "measure_id", "period", "unit"],
                name="stored_value_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.period} {self.unit} = {self.value}"


class SpcRebase(models.Model):
    """A month from which a measure's SPC chart starts a new baseline (new mean and limits),
    e.g. when an improvement action started or a definition changed. Kept per authority so
    every reader — dashboard, measure page, board paper — sees the same chart."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="spc_rebases"
    )
    measure_id = models.CharField(max_length=32)
    period = models.CharField(
        max_length=7, help_text="YYYY-MM: the first month of the new baseline"
    )
    reason = models.CharField(max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure_id", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "measure_id", "period"], name="one_rebase_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} rebased from {self.period}"


class ColumnMapping(models.Model):
    """A council's own header for a template column of one Annex A list, saved once so that
    its exports are read as they are (``csc_measures.mapping``)."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="column_mappings"
    )
    list_no = models.PositiveSmallIntegerField(help_text="The Annex A list (1-11).")
    header = models.CharField(max_length=255, help_text="The header as the council writes it.")
    header_key = models.CharField(
        max_length=255, help_text="The header folded (csc_measures.schema.normalise_header)."
    )
    column = models.CharField(max_length=255, help_text="The template column it means.")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["list_no", "header"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "list_no", "header_key"], name="one_mapping_per_header"
            )
        ]

    def __str__(self) -> str:
        return f"List {self.list_no}: '{self.header}' is '{self.column}'"
