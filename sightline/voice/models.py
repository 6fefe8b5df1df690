"""The voice of children and families: feedback, impact statements, and the Ambassadors'
submissions to the Board with the Chair's response ("you said, we did").

A child's identity is never required: feedback is anonymous unless the person asked to be
named, and then only a first name or description is kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Theme(models.Model):
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="theme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Feedback(models.Model):
    class Source(models.TextChoices):
        CHILD = "child", "Child"
        YOUNG_PERSON = "young_person", "Young person"
        CARE_LEAVER = "care_leaver", "Care leaver"
        PARENT = "parent", "Parent"
        CARER = "carer", "Carer"

    class Channel(models.TextChoices):
        SURVEY = "survey", "Survey"
        CONVERSATION = "conversation", "Conversation"
        COMPLAINT = "complaint", "Complaint"
        COMPLIMENT = "compliment", "Compliment"
        PARTICIPATION = "participation", "Participation group"

    class Sentiment(models.TextChoices):
        POSITIVE = "positive", "Positive"
        MIXED = "mixed", "Mixed"
        NEGATIVE = "negative", "Negative"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    received_on = models.DateField("Date given")
    source = models.CharField("From", max_length=16, choices=Source.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    team = models.ForeignKey(
        "organisation.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    locality = models.ForeignKey(
        "organisation.Locality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Service or locality",
    )
    words = models.TextField("Their words", help_text="What they said, in their own words.")
    themes = models.ManyToManyField(Theme, blank=True, related_name="feedback")
    sentiment = models.CharField(max_length=8, choices=Sentiment.choices)
    consent_to_share = models.BooleanField(
        "They agreed their words can be shared with the Board", default=False
    )
    anonymous = models.BooleanField("Anonymous", default=True)
    attributed_to = models.CharField(
        "Name or description (optional)",
        max_length=80,
        blank=True,
        help_text="Only if they asked to be named. Never required.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} feedback, {self.received_on}"


class ImpactStatement(models.Model):
    """A care-experienced person's account of before and after their involvement."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=120)
    contributor = models.CharField(
        max_length=80, help_text="A description, not a name: for example 'A care leaver, 19'."
    )
    involvement = models.CharField(
        "Their involvement", max_length=200, help_text="What they took part in."
    )
    before = models.TextField("Before", help_text="How things were before.")
    after = models.TextField("After", help_text="What changed for them, in their words.")
    given_on = models.DateField("Date given")
    priority = models.CharField(
        "Improvement priority",
        max_length=120,
        blank=True,
        help_text="The improvement plan priority it speaks to (linked when the plan module "
        "is present).",
    )
    plan_priority = models.ForeignKey(
        "plan.Priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impact_statements",
        verbose_name="Priority in the improvement plan",
        help_text="The priority of the active improvement plan it speaks to: its page then "
        "shows this statement (when consent allows).",
    )
    consent_to_share = models.BooleanField(
        "They agreed it can be shared with the Board", default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class BoardSubmission(models.Model):
    """What a participation group (the Ambassadors) brought to the Board, and the response."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    group = models.CharField(max_length=80, default="Ambassadors")
    title = models.CharField(max_length=120)
    summary = models.TextField("What they said")
    link = models.URLField(
        "Link to the video or document", blank=True, help_text="Optional: where it is kept."
    )
    meeting = models.CharField(
        "Board meeting", max_length=120, help_text="For example, Improvement Board, 12 March 2026."
    )
    meeting_date = models.DateField("Date of the meeting")
    board_meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name="Meeting in Sightline",
        help_text="The meeting, when it is recorded under Governance: its page then lists this.",
    )
    response_due = models.DateField("Response due by")
    response = models.TextField("The Chair's response", blank=True)
    responded_on = models.DateField("Response given on", null=True, blank=True)
    we_did = models.TextField(
        "What we did", blank=True, help_text="What changed as a result (you said, we did)."
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-meeting_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.group}: {self.title}"

    def is_overdue(self, today: object) -> bool:
        return self.responded_on is None and self.response_due < today  # type: ignore[operator]


class ParticipationEvent(models.Model):
    """A participation session (Ambassadors, Children in Care Council, a parents' forum…):
    when, who took part (a count, never names), what was discussed and what came of it."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    group = models.CharField(max_length=80, help_text="For example, Ambassadors.")
    title = models.CharField(max_length=120)
    held_on = models.DateField("Date held")
    participants = models.PositiveSmallIntegerField(
        "How many took part", help_text="A number only: no names."
    )
    summary = models.TextField("What was discussed")
    outcome = models.TextField("What came of it", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.group}: {self.title} ({self.held_on})"
