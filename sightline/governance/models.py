"""Governance: boards and their meetings (agenda, minutes, decisions, meeting actions), the risk
register, and the inspection history (frameworks as data, events, judgements, recommendations,
intervention status)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models


class Board(models.Model):
    class Kind(models.TextChoices):
        IMPROVEMENT = "improvement", "Improvement Board"
        SCRUTINY = "scrutiny", "Scrutiny committee"
        CABINET = "cabinet", "Cabinet"
        TRANSFORMATION = "transformation", "Transformation board"
        OTHER = "other", "Other"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, related_name="boards"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    purpose = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="board_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class BoardMember(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, help_text="For example: Leader of the Council")
    organisation = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_chair = models.BooleanField(default=False)
    is_independent = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_chair", "name"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.board.name}, {self.date:%d %B %Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    presenter = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    priorities = models.ManyToManyField("plan.Priority", blank=True, related_name="agenda_items")
    measure_ids = models.JSONField(default=list, blank=True)
    document_url = models.URLField(blank=True, help_text="A link to the paper.")

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    text = models.TextField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


class MeetingAction(models.Model):
    """ "ACTION: <owner>" from a meeting, tracked to closure like a plan action."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
    )
    owner_name = models.CharField(max_length=200, blank=True, help_text="When not a user.")
    due_date = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    closure_note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"Meeting action {self.pk}"

    @property
    def owner_label(self) -> str:
        return self.owner.display_name if self.owner else (self.owner_name or "Not assigned")

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.OPEN and self.due_date < today


class Risk(models.Model):
    class Trend(models.TextChoices):
        RISING = "rising", "Rising"
        STABLE = "stable", "Stable"
        FALLING = "falling", "Falling"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, related_name="risks"
    )
    reference = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    cause = models.TextField()
    consequence = models.TextField()
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    trend = models.CharField(max_length=8, choices=Trend.choices, default=Trend.STABLE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="risks_owned"
    )
    mitigations = models.TextField(blank=True)
    review_date = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    priorities = models.ManyToManyField("plan.Priority", blank=True, related_name="risks")
    measure_ids = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "reference"], name="risk_ref_unique"),
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5),
                name="risk_likelihood_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(impact__gte=1, impact__lte=5), name="risk_impact_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return risk_band(self.score)


def risk_band(score: int) -> str:
    """Low 1–4, medium 5–9, high 10–14, very high 15–25 (a common council 5×5 matrix)."""
    if score >= 15:
        return "Very high"
    if score >= 10:
        return "High"
    if score >= 5:
        return "Medium"
    return "Low"


BAND_TAG = {
    "Very high": "govuk-tag--red",
    "High": "govuk-tag--orange",
    "Medium": "govuk-tag--yellow",
    "Low": "govuk-tag--green",
}


class Framework(models.Model):
    """An Ofsted inspection framework, as data: its judgement areas and grades."""

    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    in_force_from = models.DateField()
    in_force_to = models.DateField(null=True, blank=True)
    has_overall_judgement = models.BooleanField(default=True)
    grades = models.JSONField(default=list, help_text="The grades, best first.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-in_force_from"]

    def __str__(self) -> str:
        return self.name


class JudgementArea(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    key = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="judgement_area_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Inspection(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard", "Standard inspection"
        SHORT = "short", "Short inspection"
        FOCUSED = "focused", "Focused visit"
        MONITORING = "monitoring", "Monitoring visit"
        JTAI = "jtai", "Joint targeted area inspection"
        ANNUAL = "annual", "Annual engagement meeting"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, related_name="inspections"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    letter_url = models.URLField(blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.start_date:%B %Y}"


class Judgement(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=80)

    class Meta:
        ordering = ["area__order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="judgement_unique")
        ]

    def __str__(self) -> str:
        return self.grade


class Recommendation(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    priorities = models.ManyToManyField("plan.Priority", blank=True, related_name="recommendations")
    actions = models.ManyToManyField("plan.Action", blank=True, related_name="recommendations")

    class Meta:
        ordering = ["inspection", "number"]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class RecommendationProgress(models.Model):
    """What a later visit (or the council's own review) found about a recommendation."""

    class Status(models.TextChoices):
        NOT_MET = "not_met", "Insufficient progress"
        PROGRESS = "progress", "Progress made"
        MET = "met", "Met"

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="progress"
    )
    visit = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.status}"


class InterventionStatus(models.Model):
    """The authority's intervention status over time (one row per period)."""

    class Kind(models.TextChoices):
        STATUTORY_DIRECTION = "direction", "Statutory direction"
        IMPROVEMENT_NOTICE = "notice", "Improvement notice"
        SUPPORT = "support", "Support and supervision"
        ADVISER = "adviser", "DfE adviser"
        NONE = "none", "No intervention"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, related_name="interventions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.kind} from {self.started_on}"
