from __future__ import annotations

from django import forms
from django.utils import timezone

from .models import Target


class TargetForm(forms.Form):
    target = forms.FloatField(required=False, help_text="Leave blank for no target.")
    tolerance = forms.FloatField(
        required=False,
        min_value=0,
        label="Tolerance (amber band)",
        help_text="How far short of the target still counts as amber, in the measure's unit.",
    )
    polarity = forms.ChoiceField(
        choices=Target.Polarity.choices, widget=forms.RadioSelect, label="Which way is better?"
    )
    effective_from = forms.DateField(
        label="From", help_text="For example, 01/04/2025", initial=timezone.localdate
    )
    reason = forms.CharField(
        max_length=300, required=False, help_text="Why it changed, for the history."
    )
