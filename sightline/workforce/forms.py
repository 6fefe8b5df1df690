from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from sightline.organisation.models import Team

from .imports import FIELDS
from .models import Post, StaffMember, TrainingProgramme, Vacancy

DATE_HELP = "For example, 01/04/2025"


class _TeamScoped(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and not field.help_text:
                field.help_text = DATE_HELP
            if name == "version" and self.instance.pk:
                field.initial = self.instance.updated_at.isoformat()

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("team", None)
        data.pop("moved_on", None)
        return data


class StaffForm(_TeamScoped):
    moved_on = forms.DateField(
        required=False,
        label="If the team changed: in the new team from",
        help_text="Leave blank for today. " + DATE_HELP,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:  # a new worker has no move to date
            del self.fields["moved_on"]

    class Meta:
        model = StaffMember
        fields = (
            "reference",
            "name",
            "role",
            "contract",
            "team",
            "fte",
            "start_date",
            "leave_date",
            "leaving_reason",
            "asye_status",
            "asye_start",
            "accredited_on",
            "caseload",
        )


class VacancyForm(_TeamScoped):
    class Meta:
        model = Vacancy
        fields = ("team", "role", "fte", "opened_on", "filled_on", "agency_cover", "note")


class PostForm(_TeamScoped):
    class Meta:
        model = Post
        fields = ("team", "role", "fte", "reference", "is_active")


class ProgrammeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TrainingProgramme
        fields = ("name", "is_core", "description")


class CompletionForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=TrainingProgramme.objects.none())
    staff = forms.ModelChoiceField(queryset=StaffMember.objects.none(), label="Worker")
    completed_on = forms.DateField(label="Completed on", help_text=DATE_HELP)

    def __init__(
        self,
        *args: Any,
        programmes: QuerySet[TrainingProgramme],
        staff: QuerySet[StaffMember],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]


class HRUploadForm(forms.Form):
    file = forms.FileField(
        label="HR spreadsheet",
        help_text="An .xlsx workbook (first sheet) or a .csv file, one row per worker, with "
        "column names in the first row. Up to 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class MappingForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, headers: list[str], initial_map: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this file"), *[(h, h) for h in headers if h]]
        for field in FIELDS:
            self.fields[field.key] = forms.ChoiceField(
                choices=choices,
                required=field.required,
                label=field.label + ("" if field.required else " (optional)"),
                initial=initial_map.get(field.key, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {f.key: self.cleaned_data.get(f.key) or "" for f in FIELDS}


class WorkforceTargetForm(forms.Form):
    measure = forms.ChoiceField(
        choices=[
            ("agency_rate", "Agency rate"),
            ("vacancy_rate", "Vacancy rate"),
            ("turnover_rate", "Turnover rate"),
        ],
        label="Measure",
    )
    target = forms.FloatField(
        required=False, label="Target (%)", help_text="Lower is better. Leave blank for none."
    )
    tolerance = forms.FloatField(
        required=False,
        min_value=0,
        label="Tolerance (percentage points, amber band)",
        help_text="Leave blank for 5 points.",
    )
    effective_from = forms.DateField(label="From", help_text=DATE_HELP)
    reason = forms.CharField(
        max_length=300, required=False, help_text="Why it changed, for the history."
    )
