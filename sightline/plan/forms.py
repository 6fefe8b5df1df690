from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from sightline.accounts.models import User
from sightline.audits.models import LearningTheme
from sightline.kernel.date_input import DateField
from sightline.kernel.forms import MultipleFileField, MultipleFileInput

from .models import Brag, MeasureLink, Priority, Workstream


def people_in(authority_id: int) -> Any:
    """The active people of an authority, by name: the choices for an owner."""
    return User.objects.filter(authority_id=authority_id, is_active=True).order_by(
        "first_name", "last_name"
    )


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.job_title})" if obj.job_title else obj.display_name


class ActionForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    reference = forms.CharField(max_length=20, help_text="For example 2.3")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    workstream = forms.ModelChoiceField(queryset=Workstream.objects.none(), required=False)
    sro = PersonChoice(queryset=User.objects.none(), label="Senior responsible officer")
    lead_officer = PersonChoice(queryset=User.objects.none(), required=False)
    start_date = DateField()
    due_date = DateField()

    def __init__(self, *args: Any, priority: Priority, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        people = people_in(priority.plan.authority_id)
        self.fields["sro"].queryset = people  # type: ignore[attr-defined]
        self.fields["lead_officer"].queryset = people  # type: ignore[attr-defined]
        self.fields["workstream"].queryset = priority.workstreams.all()  # type: ignore[attr-defined]
        if editing:
            # The reference and due date do not change here (the due date moves by revision).
            del self.fields["reference"]
            del self.fields["due_date"]


class RevisionForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    new_due = DateField(label="New due date")
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason for the change",
        help_text="Kept in the action's history and shown to the board.",
    )


class ProgressForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    on = DateField(
        label="Date of the update", initial=timezone.localdate, help_text="For example, 31 10 2026"
    )
    status = forms.ChoiceField(
        choices=Brag.choices,
        widget=forms.RadioSelect,
        label="Status",
        help_text="Blue only when the impact is evidenced: attach the evidence.",
    )
    percent_complete = forms.IntegerField(min_value=0, max_value=100, label="Percentage complete")
    commentary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Progress made")
    rating_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Why this rating"
    )
    evidence_files = MultipleFileField(
        required=False,
        label="Evidence (optional)",
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV; "
        "up to 10 MB each.",
        widget=MultipleFileInput(),
    )


class WorkstreamForm(forms.Form):
    title = forms.CharField(max_length=200, label="Workstream")


class PriorityForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(min_value=1, max_value=99)
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sro = PersonChoice(
        queryset=User.objects.none(), required=False, label="Senior responsible officer"
    )

    def __init__(self, *args: Any, authority_id: int, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["sro"].queryset = people_in(authority_id)  # type: ignore[attr-defined]
        if editing:
            del self.fields["number"]


class MeasureLinkForm(forms.Form):
    measure_id = forms.CharField(max_length=32, label="Measure ID", help_text="For example FD04")
    direction = forms.ChoiceField(
        choices=MeasureLink.Direction.choices,
        widget=forms.RadioSelect,
        label="Which way should it move?",
    )
    target = forms.FloatField(required=False, label="Target (optional)")

    def clean_measure_id(self) -> str:
        return str(self.cleaned_data["measure_id"]).strip().upper()


class PlanImportForm(forms.Form):
    title = forms.CharField(max_length=200, label="Plan title")
    starts_on = DateField(label="Plan starts on")
    reason = forms.CharField(max_length=300, required=False, label="Why this version")
    file = forms.FileField(
        label="Plan workbook (.xlsx)",
        help_text="One row per action. Up to 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class ThemesForm(forms.Form):
    themes: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Audit learning themes this priority should reduce",
        help_text="Themes the QA lead tags on case-file audits. Untick all to unlink.",
    )

    def __init__(self, *args: Any, authority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        self.fields["themes"].queryset = LearningTheme.objects.filter(  # type: ignore[attr-defined]
            authority_id=authority_id
        ).order_by("name")
