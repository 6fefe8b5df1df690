from __future__ import annotations

from typing import Any

from django import forms

from csc_measures import REGISTRY
from sightline.organisation.models import ReferenceAuthority

from .models import Region


class SharingForm(forms.Form):
    measure_ids = forms.MultipleChoiceField(
        label="Measures shared with this region",
        help_text="The region's viewers see these measures' latest authority-wide figures, "
        "small numbers suppressed. Nothing else: no teams, no children, no other module.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure_ids"].choices = [  # type: ignore[attr-defined]
            (m.id, f"{m.id} {m.title}") for m in REGISTRY.values()
        ]


class AuthorityAddForm(forms.Form):
    name = forms.CharField(label="Name of the authority", max_length=120)
    benchmark_as = forms.ModelChoiceField(
        label="Compared with the DfE figures of",
        queryset=ReferenceAuthority.objects.order_by("name"),
        help_text="The authority itself, or for a fictional one the real authority it "
        "benchmarks as.",
    )
    is_fictional = forms.BooleanField(
        label="A fictional authority (demonstration or training, synthetic data)", required=False
    )
    brand_colour = forms.CharField(
        label="Brand colour (optional)",
        max_length=7,
        required=False,
        help_text="As #rrggbb, for the header band; white text on it must be readable "
        "(contrast 4.5:1 or more). Blank: Sightline's purple.",
    )
    localities = forms.CharField(
        label="Localities and services",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line.",
        required=False,
    )
    teams = forms.CharField(
        label="Teams",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One a line, as in the data's Allocated Team, then | and its locality: "
        "Assessment Team North | North.",
        required=False,
    )
    admin_username = forms.CharField(label="First administrator's username", max_length=150)
    admin_email = forms.EmailField(
        label="First administrator's email address",
        help_text="They set their password from the link 'Forgotten your password?' sends.",
    )
    region = forms.ModelChoiceField(
        label="Region (optional)",
        queryset=Region.objects.order_by("name"),
        required=False,
        help_text="The authority still decides what, if anything, it shares with it.",
    )
