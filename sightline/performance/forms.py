from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from csc_measures.schema import LISTS

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
    short_lists = forms.TypedMultipleChoiceField(
        required=False,
        coerce=int,
        choices=[(n, f"List {n}: {spec.title}") for n, spec in sorted(LISTS.items())],
        widget=forms.CheckboxSelectMultiple,
        label="Lists exported over a shorter period (optional)",
        help_text="Tick them if some lists cover less than the rest: their measures keep "
        "figures only for the months they cover.",
    )
    short_start = forms.DateField(
        required=False,
        label="First day the ticked lists cover",
        help_text="For example, 01/10/2024",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("short_lists") and not data.get("short_start"):
            self.add_error("short_start", "Enter the first day the ticked lists cover.")
        return data

    def list_starts(self) -> dict[int, date]:
        """List → first day, for the lists ticked as covering a shorter period."""
        day: date | None = self.cleaned_data.get("short_start")
        if day is None:
            return {}
        return dict.fromkeys(self.cleaned_data.get("short_lists") or [], day)


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


class HeaderMappingForm(forms.Form):
    """On the check page: for each header of a list that matched no column, which of the
    list's missing columns it is (or none)."""

    def __init__(self, *args: object, gaps: dict[str, dict[str, list[str]]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.targets: dict[str, tuple[int, str]] = {}
        for list_no, gap in sorted(gaps.items(), key=lambda item: int(item[0])):
            if not gap.get("missing") or not gap.get("unrecognised"):
                continue
            for i, header in enumerate(gap["unrecognised"]):
                name = f"list_{list_no}_{i}"
                self.targets[name] = (int(list_no), header)
                self.fields[name] = forms.ChoiceField(
                    required=False,
                    label=f"List {list_no}: ‘{header}’",
                    choices=[("", "None of these: leave it out")]
                    + [(column, column) for column in gap["missing"]],
                )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        chosen: dict[tuple[int, str], str] = {}
        for name, (list_no, header) in self.targets.items():
            column = data.get(name)
            if not column:
                continue
            if (list_no, str(column)) in chosen:
                self.add_error(
                    name,
                    f"‘{chosen[(list_no, str(column))]}’ is already this column: choose one "
                    "header per column.",
                )
            chosen[(list_no, str(column))] = header
        if not chosen and not self.errors:
            raise forms.ValidationError("Choose the column of at least one header.")
        return data

    def choices(self) -> list[tuple[int, str, str]]:
        """(list, header, column) for every header given a column."""
        return [
            (list_no, header, str(self.cleaned_data[name]))
            for name, (list_no, header) in self.targets.items()
            if self.cleaned_data.get(name)
        ]


class ColumnMappingForm(forms.Form):
    """A renamed column, on the page listing them: the header and the list's column."""

    header = forms.CharField(
        max_length=255,
        label="Header in your export",
        help_text="As your export writes it: case, spacing and quotes do not matter.",
    )
    column = forms.ChoiceField(label="The Annex A column it is")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["column"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a column"),
            *(
                (
                    f"List {n}: {spec.title}",
                    [(f"{n}|{col.name}", col.name) for col in spec.columns],
                )
                for n, spec in sorted(LISTS.items())
            ),
        ]

    def list_and_column(self) -> tuple[int, str]:
        list_no, column = str(self.cleaned_data["column"]).split("|", 1)
        return int(list_no), column
