"""The improvement plan: versioned plans, priorities, workstreams and actions with BRAG status,
dated progress updates, evidence, revised due dates and the measures each should move."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models


class Plan(models.Model):
    """One version of the authority's improvement plan (an accelerated plan after an inadequate
    judgement, a new plan after a re-inspection…). Older versions stay for the record."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        SUPERSEDED = "superseded", "Superseded"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    starts_on = models.DateField()
    reason = models.CharField(
        max_length=300, blank=True, help_text="Why this version exists, e.g. after an inspection."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "version"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    sro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="senior responsible officer",
    )
    audit_themes = models.ManyToManyField(
        "audits.LearningTheme",
        blank=True,
        related_name="plan_priorities",
        help_text="Case-file audit learning themes this priority should reduce.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique")
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"


class Workstream(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="workstreams")
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Brag(models.TextChoices):
    """BRAG. Blue means complete *and* its impact evidenced; complete without evidence of
    impact is a state of its own, so the board sees the "so what?"."""

    BLUE = "blue", "Blue: complete, impact evidenced"
    COMPLETE = "complete", "Complete: impact not yet evidenced"
    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: at risk"
    RED = "red", "Red: off track"


#: States in which an action is finished (never overdue).
DONE = frozenset({Brag.BLUE, Brag.COMPLETE})
#: govuk-tag colour classes for each state (the text always says the state too).
TAG_CLASS = {
    Brag.BLUE: "govuk-tag--blue",
    Brag.COMPLETE: "govuk-tag--purple",
    Brag.GREEN: "govuk-tag--green",
    Brag.AMBER: "govuk-tag--yellow",
    Brag.RED: "govuk-tag--red",
}
SHORT_LABEL = {
    Brag.BLUE: "Blue",
    Brag.COMPLETE: "Complete, no impact evidence",
    Brag.GREEN: "Green",
    Brag.AMBER: "Amber",
    Brag.RED: "Red",
}


class Action(models.Model):
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, related_name="plan_actions"
    )
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    workstream = models.ForeignKey(
        Workstream, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    reference = models.CharField(max_length=20, help_text="For example 2.3")
    description = models.TextField()
    sro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="plan_actions_sro",
        verbose_name="senior responsible officer",
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions_led",
    )
    start_date = models.DateField()
    due_date = models.DateField(help_text="The date first agreed (revisions are kept apart).")
    revised_due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Brag.choices, default=Brag.GREEN)
    percent_complete = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority__number", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "reference"], name="action_ref_unique"),
            models.CheckConstraint(
                condition=models.Q(percent_complete__lte=100), name="action_percent_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.reference}"

    @property
    def current_due(self) -> date:
        return self.revised_due_date or self.due_date

    @property
    def is_done(self) -> bool:
        return self.status in DONE

    def is_overdue(self, today: date) -> bool:
        return not self.is_done and self.current_due < today

    @property
    def tag_class(self) -> str:
        return TAG_CLASS[Brag(self.status)]

    @property
    def short_status(self) -> str:
        return SHORT_LABEL[Brag(self.status)]


class DueDateRevision(models.Model):
    """Every change of an action's due date, with its reason (none is ever overwritten)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="revisions")
    previous_due = models.DateField()
    new_due = models.DateField()
    reason = models.CharField(max_length=500)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.previous_due} → {self.new_due}"


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    status = models.CharField(max_length=10, choices=Brag.choices)
    percent_complete = models.PositiveSmallIntegerField()
    commentary = models.TextField()
    rating_reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"Update of {self.on}"

    @property
    def tag_class(self) -> str:
        return TAG_CLASS[Brag(self.status)]

    @property
    def short_status(self) -> str:
        return SHORT_LABEL[Brag(self.status)]


class Evidence(models.Model):
    """A file attached to an action as evidence. Stored under PRIVATE_STORAGE_ROOT (never
    web-served) and only ever downloaded as an attachment."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    description = models.CharField(max_length=300, blank=True)
    original_name = models.CharField(max_length=255)
    stored_file = models.CharField(max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.original_name


class MeasureLink(models.Model):
    """A measure a priority or an action should move, which way, and to what target."""

    class Direction(models.TextChoices):
        UP = "up", "Up"
        DOWN = "down", "Down"

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, null=True, blank=True, related_name="measure_links"
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="measure_links"
    )
    measure_id = models.CharField(max_length=32)
    direction = models.CharField(max_length=4, choices=Direction.choices)
    target = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["measure_id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(priority__isnull=False, action__isnull=True)
                    | models.Q(priority__isnull=True, action__isnull=False)
                ),
                name="measure_link_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} ({self.direction})"


class PlanImport(models.Model):
    """The workbook a plan version was imported from, kept as uploaded (private storage)."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="source")
    original_name = models.CharField(max_length=255)
    stored_file = models.CharField(max_length=300)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name
