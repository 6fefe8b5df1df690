"""Case-file audits: versioned frameworks, monthly programmes, audits, moderation, remedial
actions, learning themes and monthly learning summaries.

An audit refers to a child by the case-management ID only; it never needs a name.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


#: Grades from best to worst; the score (1–4) is the position, lower is better.
GRADE_ORDER: tuple[str, ...] = tuple(g.value for g in Grade)
GOOD_OR_BETTER = frozenset({Grade.OUTSTANDING.value, Grade.GOOD.value})


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class Framework(models.Model):
    """One version of an audit framework. Its areas, grade guidance and prompt questions are
    data (``definition``); editing makes a new row with ``version + 1`` and the old row stays,
    so a completed audit always shows the questions it was answered against.

    ``definition`` = ``{"areas": [{"key", "title", "guidance": {grade: text}}],
    "questions": [{"key", "text"}]}``.
    """

    class Kind(models.TextChoices):
        PRACTICE = "practice", "Practice audit"
        THEMATIC = "thematic", "Thematic audit or dip sample"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="audit_frameworks"
    )
    key = models.SlugField(max_length=60, help_text="Stable across versions.")
    title = models.CharField(max_length=150)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PRACTICE)
    description = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    definition = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "key", "version"], name="audit_framework_unique_version"
            ),
            models.UniqueConstraint(
                fields=["authority", "key"],
                condition=Q(is_current=True),
                name="audit_framework_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def areas(self) -> list[dict[str, Any]]:
        return list(self.definition.get("areas", []))

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.definition.get("questions", []))


class Programme(models.Model):
    """The audits of one month: N cases per team sampled from a list of children."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="audit_programmes"
    )
    month = models.DateField(help_text="The first day of the month.")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="programmes")
    cases_per_team = models.PositiveSmallIntegerField(default=2)
    due_date = models.DateField()
    moderation_percent = models.PositiveSmallIntegerField(
        default=10, help_text="Share of completed audits sampled for moderation."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "framework__title"]

    def __str__(self) -> str:
        return f"{self.framework.title}, {self.month:%B %Y}"


class LearningTheme(models.Model):
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="learning_themes"
    )
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="learning_theme_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Audit(models.Model):
    """One case-file audit of one child's record, by one auditor, against one framework
    version."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    class Participation(models.TextChoices):
        CHILD_AND_FAMILY = "child_and_family", "Child and family"
        CHILD = "child", "Child only"
        FAMILY = "family", "Family only"
        NOT_POSSIBLE = "not_possible", "Not possible"
        NOT_YET = "", "Not recorded yet"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="audits"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="audits"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="audits")
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="audits")
    child_id = models.CharField("child ID", max_length=64)
    practitioner = models.CharField(
        max_length=120, blank=True, help_text="The allocated social worker, as recorded."
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audits_assigned",
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ASSIGNED)
    area_grades = models.JSONField(default=dict, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    overall_grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    findings = models.TextField(blank=True, help_text="What the auditor found, in brief.")
    practitioner_conversation = models.TextField(blank=True)
    participation = models.CharField(
        max_length=20, choices=Participation.choices, blank=True, default=""
    )
    participation_notes = models.TextField(blank=True)
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="audits")
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    autosaved_at = models.DateTimeField(null=True, blank=True)
    selected_for_moderation = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["authority", "status"]),
            models.Index(fields=["authority", "completed_at"]),
        ]

    def __str__(self) -> str:
        return f"Audit {self.pk} of child {self.child_id}"

    @property
    def final_grade(self) -> str:
        """The overall grade after moderation (the moderator's regrade when there is one)."""
        moderation = getattr(self, "moderation", None)
        if moderation is not None and moderation.completed_at and not moderation.agreed:
            return str(moderation.moderated_grade)
        return self.overall_grade


class Moderation(models.Model):
    """A second look at a completed audit. Both grades are kept: the auditor's on the audit,
    the moderator's here."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="moderation")
    reason_selected = models.CharField(max_length=60)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreed = models.BooleanField(null=True)
    moderated_grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Moderation of {self.audit}"


class RemedialAction(models.Model):
    """An action an audit raised: what, who, by when; closed only with evidence."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="remedial_actions"
    )
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="remedial_actions"
    )
    due_date = models.DateField()
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    evidence = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"Action {self.pk}: {self.description[:60]}"


class LearningSummary(models.Model):
    """The QA lead's short account of a month's learning, readable by team managers."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="learning_summaries"
    )
    month = models.DateField()
    body = models.TextField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-month"]
        verbose_name_plural = "learning summaries"
        constraints = [
            models.UniqueConstraint(fields=["authority", "month"], name="learning_summary_month")
        ]

    def __str__(self) -> str:
        return f"Learning summary {self.month:%B %Y}"
