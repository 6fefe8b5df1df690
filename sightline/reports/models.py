"""One report model every paper is made from (ADR 0020): a type, an audience, a period and
ordered sections; a lifecycle draft → in review → approved → published with who and when; the
snapshot of every figure frozen at approval, so a later import never changes a paper the board
has read."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .categories import DEFAULT_FRAMEWORK
from .types import AUDIENCE_PHRASES, AUDIENCES, KINDS, TYPES


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, related_name="reports"
    )
    #: A key of ``types.TYPES`` (data, not choices: a new type needs no migration).
    type = models.CharField(max_length=24)
    #: A key of ``types.AUDIENCES``.
    audience = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    framework = models.CharField(
        "Inspection framework",
        max_length=20,
        default=DEFAULT_FRAMEWORK,
        help_text="Whose Ofsted reporting categories the DfE assessment uses.",
    )
    next_update = models.DateField("Date of next update", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    published_at = models.DateTimeField(null=True, blank=True)
    #: Every figure as it was at approval (``sightline.reports.snapshot.Snapshot``).
    snapshot = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def type_label(self) -> str:
        spec = TYPES.get(self.type)
        return spec.label if spec else self.type

    @property
    def audience_label(self) -> str:
        return AUDIENCES.get(self.audience, self.audience)

    @property
    def audience_phrase(self) -> str:
        """The audience as a sentence says it: "for the DfE", "for elected members"."""
        return AUDIENCE_PHRASES.get(self.audience, self.audience)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.IN_REVIEW)

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.PUBLISHED)


class ReportSection(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    #: A key of ``types.KINDS``.
    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    narrative = models.TextField(blank=True)
    #: What the section shows: chosen measure IDs, the drafter, chosen proposals, ratings.
    config = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


class PriorityCategory(models.Model):
    """Which Ofsted reporting category (of one framework) a plan priority serves."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    priority = models.ForeignKey(
        "plan.Priority", on_delete=models.CASCADE, related_name="report_categories"
    )
    framework = models.CharField(max_length=20)
    category = models.CharField(max_length=40)

    class Meta:
        ordering = ["priority__number", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "framework", "category"], name="priority_category_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.priority}: {self.category}"
