"""People and posts: the establishment per team, staff with their team history, vacancies,
and the Academy (training programmes, completions). HR details: see core.permissions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    ADVANCED_PRACTITIONER = "advanced_practitioner", "Advanced practitioner"
    PRACTICE_SUPERVISOR = "practice_supervisor", "Practice supervisor"
    TEAM_MANAGER = "team_manager", "Team manager"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"


#: Roles counted as children and family social workers (as DfE's workforce census does;
#: personal advisers need not be registered social workers and are left out of the rates).
SOCIAL_WORK_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.ADVANCED_PRACTITIONER,
        Role.PRACTICE_SUPERVISOR,
        Role.TEAM_MANAGER,
    }
)


class Post(models.Model):
    """A funded post in a team's establishment."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=24, choices=Role.choices)
    fte = models.DecimalField("FTE", max_digits=4, decimal_places=2)
    reference = models.CharField(
        max_length=40, blank=True, help_text="The post number in the HR system, if it has one."
    )
    is_active = models.BooleanField("In the establishment", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["team__name", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.fte} FTE) in {self.team}"


class StaffMember(models.Model):
    """A worker, permanent (employed by the authority) or agency."""

    class Contract(models.TextChoices):
        PERMANENT = "permanent", "Permanent (employed)"
        AGENCY = "agency", "Agency"

    class Asye(models.TextChoices):
        NOT_APPLICABLE = "", "Not in the assessed year"
        IN_PROGRESS = "in_progress", "ASYE in progress"
        PASSED = "passed", "ASYE passed"
        EXTENDED = "extended", "ASYE extended"
        FAILED = "failed", "ASYE not passed"

    class LeavingReason(models.TextChoices):
        NONE = "", "Not left"
        RESIGNED = "resigned", "Resigned"
        ANOTHER_LA = "another_la", "Moved to another authority"
        AGENCY_ENDED = "agency_ended", "Agency assignment ended"
        RETIRED = "retired", "Retired"
        DISMISSED = "dismissed", "Dismissed"
        CAREER_CHANGE = "career_change", "Left social work"
        OTHER = "other", "Other"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    reference = models.CharField(
        "Employee reference", max_length=40, help_text="As in the HR system; unique."
    )
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=24, choices=Role.choices)
    contract = models.CharField(max_length=10, choices=Contract.choices)
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The team now (or when they left).",
    )
    fte = models.DecimalField("FTE", max_digits=4, decimal_places=2)
    start_date = models.DateField()
    leave_date = models.DateField(null=True, blank=True, help_text="Their last day.")
    leaving_reason = models.CharField(
        max_length=16, choices=LeavingReason.choices, blank=True, default=""
    )
    asye_status = models.CharField(
        "ASYE status", max_length=12, choices=Asye.choices, blank=True, default=""
    )
    asye_start = models.DateField("ASYE start", null=True, blank=True)
    accredited_on = models.DateField(
        "Accredited on",
        null=True,
        blank=True,
        help_text="Practice supervisor or child and family practitioner accreditation.",
    )
    caseload = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Children allocated now, if entered here (used when no Annex A data).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "reference"], name="staff_unique_reference"
            ),
            models.CheckConstraint(
                condition=Q(leave_date__isnull=True) | Q(leave_date__gte=models.F("start_date")),
                name="staff_leaves_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"


class TeamSpell(models.Model):
    """Which team a worker was in, from one date to another (their team history)."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="spells")
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField()
    valid_to = models.DateField(
        null=True, blank=True, help_text="The first day they were no longer in the team."
    )

    class Meta:
        ordering = ["staff", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff"], condition=Q(valid_to__isnull=True), name="one_open_team_spell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} in {self.team} from {self.valid_from}"


class Vacancy(models.Model):
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=24, choices=Role.choices)
    fte = models.DecimalField("FTE", max_digits=4, decimal_places=2)
    opened_on = models.DateField("Open from")
    filled_on = models.DateField("Filled on", null=True, blank=True)
    agency_cover = models.BooleanField("Covered by an agency worker", default=False)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "vacancies"
        ordering = ["-opened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} vacancy in {self.team} from {self.opened_on}"


class TrainingProgramme(models.Model):
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=120)
    is_core = models.BooleanField(
        "Core programme", default=False, help_text="Every social worker is expected to complete it."
    )
    description = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_core", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="programme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class TrainingCompletion(models.Model):
    programme = models.ForeignKey(
        TrainingProgramme, on_delete=models.CASCADE, related_name="completions"
    )
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="completions")
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "staff"], name="completion_once")
        ]

    def __str__(self) -> str:
        return f"{self.staff} completed {self.programme} on {self.completed_on}"


class HRImport(models.Model):
    """An HR spreadsheet export: stored, mapped, validated, then imported all-or-nothing."""

    class Status(models.TextChoices):
        MAPPING = "mapping", "Waiting for the column mapping"
        REJECTED = "rejected", "Rejected: nothing imported"
        IMPORTED = "imported", "Imported"

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    original_name = models.CharField(max_length=255)
    stored_file = models.CharField(max_length=300, help_text="Path in private storage.")
    sha256 = models.CharField(max_length=64)
    sheet = models.CharField(max_length=100, blank=True)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAPPING)
    issues = models.JSONField(default=list, help_text="The validation report (first 500).")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"


class WorkforceTarget(models.Model):
    """A target for one workforce measure from a date (history kept: newest in force)."""

    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.CASCADE, related_name="+"
    )
    measure = models.CharField(max_length=32)
    target = models.FloatField(null=True, blank=True, help_text="Blank: no target.")
    tolerance = models.FloatField(null=True, blank=True)
    effective_from = models.DateField()
    reason = models.CharField(max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "-effective_from", "-set_at"]

    def __str__(self) -> str:
        return f"{self.measure} target {self.target} from {self.effective_from}"
