from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from .models import Authority, Locality


class LocalityForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(
        choices=Locality.Kind.choices,
        initial=Locality.Kind.LOCALITY,
        widget=forms.RadioSelect,
        label="Is it a locality or an authority-wide service?",
    )


class TeamForm(forms.Form):
    name = forms.CharField(
        max_length=120,
        help_text="Exactly as it appears in the Allocated Team column of your data.",
    )
    locality = forms.ModelChoiceField(
        queryset=Locality.objects.none(), required=False, empty_label="Not yet decided"
    )
    effective = forms.DateField(
        label="In this locality from",
        help_text="For example, 01/04/2025",
        initial=timezone.localdate,
    )

    def __init__(self, *args: Any, authority: Authority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(  # type: ignore[attr-defined]
            authority=authority, is_active=True
        )


class TeamMoveForm(forms.Form):
    locality = forms.ModelChoiceField(queryset=Locality.objects.none(), label="Move to")
    effective = forms.DateField(
        label="From", help_text="The first day in the new locality, for example 01/04/2025"
    )

    def __init__(self, *args: Any, authority: Authority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(  # type: ignore[attr-defined]
            authority=authority, is_active=True
        )
