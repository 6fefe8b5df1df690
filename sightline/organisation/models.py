"""Authority → locality/service → team, with history of which locality a team sat in.

Every domain row in Sightline belongs to exactly one :class:`Authority` (the tenant).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReferenceAuthority(models.Model):
    """An English local authority as published by DfE and ONS (shipped in data/dfe).

    The reference list is what authorities are chosen from and what benchmarks are keyed by.
    """

    dfe_code = models.CharField("DfE code", max_length=3, unique=True)
    name = models.CharField(max_length=120)
    ons_code = models.CharField("ONS code", max_length=9)
    region_code = models.CharField(max_length=9)
    region_name = models.CharField(max_length=60)
    child_population = models.PositiveIntegerField("children aged 0 to 17", null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    statistical_neighbours = models.JSONField(
        default=list, help_text="DfE codes of the 10 statistical neighbours (May 2025 model)."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.dfe_code})"


def default_withheld_roles() -> list[str]:
    """Roles an authority withholds small numbers from by default, besides those always
    withheld (DESIGN.md: elected members, the public and the DfE; the board sees them)."""
    return []


class Authority(models.Model):
    """A local authority using Sightline: the tenant every other row belongs to."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, blank=True)
    dfe_code = models.CharField("DfE code", max_length=3, blank=True)
    benchmark_as = models.ForeignKey(
        ReferenceAuthority,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The published authority whose DfE figures, region and statistical "
        "neighbours this authority is compared with.",
    )
    is_fictional = models.BooleanField(
        default=False, help_text="A demonstration authority with synthetic data."
    )
    disclosure_withheld_roles = models.JSONField(
        "roles that have small numbers withheld",
        default=default_withheld_roles,
        blank=True,
        help_text="Besides elected members and the DfE adviser (always withheld), the roles "
        "that see counts from 1 to 4 withheld in every page and output.",
    )
    disclosure_threshold = models.PositiveSmallIntegerField(
        "smallest count shown",
        default=5,
        help_text="Counts from 1 to one less than this are withheld (5: the DfE's 1 to 4).",
    )
    brand_colour = models.CharField(
        "brand colour",
        max_length=7,
        blank=True,
        help_text="#rrggbb: the header band, cards and the reports' own colour; white text on "
        "it passes WCAG AA. Empty: Sightline's own colour.",
    )
    logo_alt = models.CharField(
        "logo's text alternative",
        max_length=150,
        blank=True,
        help_text="What the logo says, for people who cannot see it.",
    )
    logo_sha256 = models.CharField(
        max_length=64,
        blank=True,
        help_text="The logo's checksum (empty: no logo); names its version.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "authorities"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuthorityLogo(models.Model):
    """The council's logo (PNG, or SVG without scripts or outside references), kept in the
    database: never a file a web server serves, read only through the view that checks the
    reader belongs to the authority, and in every backup with the rows."""

    authority = models.OneToOneField(Authority, on_delete=models.CASCADE, related_name="logo")
    content = models.BinaryField()
    content_type = models.CharField(max_length=20)  # image/png or image/svg+xml
    width = models.PositiveIntegerField(help_text="pixels (PNG) or user units (SVG)")
    height = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.authority}: logo ({self.content_type})"


class Locality(models.Model):
    """A locality (a geographic area) or an authority-wide service, holding teams."""

    class Kind(models.TextChoices):
        LOCALITY = "locality", "Locality"
        SERVICE = "service", "Service"

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="localities")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LOCALITY)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "localities"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="locality_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team, named as in the data's `Allocated Team` column, mapped to a locality."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(
        max_length=120, help_text="Exactly as it appears in the Allocated Team column."
    )
    locality = models.ForeignKey(
        Locality,
        on_delete=models.PROTECT,
        related_name="teams",
        null=True,
        blank=True,
        help_text="Blank until someone maps the team to a locality.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class TeamPlacement(models.Model):
    """Which locality a team belonged to, from one date to another (history of moves)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="placements")
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField()
    valid_to = models.DateField(
        null=True, blank=True, help_text="The first day the team was no longer there."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"], condition=Q(valid_to__isnull=True), name="one_open_placement"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="placement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} in {self.locality} from {self.valid_from}"
