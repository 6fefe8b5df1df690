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


class AnnexAUploadForm(forms.Form):
    file = forms.FileField(
        label="Annex A file",
        help_text="The Annex A workbook (.xlsx), or a zip of one CSV file per list. Up to 100 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.zip"}),
    )
    extract_date = forms.DateField(
        label="Date the lists were extracted", help_text="For example, 31/03/2025"
    )
    period_start = forms.DateField(
        required=False,
        label="First day the lists cover (optional)",
        help_text="Leave blank for the 12 months to the extract date.",
    )


class RebaseForm(forms.Form):
    period = forms.ChoiceField(
        label="First month of the new baseline",
        help_text="The chart's mean and limits are worked out again from this month on.",
    )
    reason = forms.CharField(
        max_length=300,
        label="Why",
        help_text="For example, 'Front door restructure went live'. Shown under the chart.",
        error_messages={"required": "Say why the chart starts again from this month."},
    )

    def __init__(self, *args: object, periods: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["period"].choices = [(p, p) for p in periods]  # type: ignore[attr-defined]


class AnnexAAcceptForm(forms.Form):
    """Importing an extract with problems; when it changes figures a lot, say so and why."""

    confirm = forms.BooleanField(
        required=False,
        label="I have checked these changes: the new figures are right",
    )
    reason = forms.CharField(
        required=False,
        max_length=300,
        label="Why these figures change",
        help_text="For example, 'Referrals re-recorded after the March data cleanse'. "
        "Kept in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
