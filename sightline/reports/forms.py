from __future__ import annotations

from typing import Any

from django import forms

from csc_measures import REGISTRY

from .categories import framework_choices
from .types import AUDIENCES, KINDS


class ReportCreateForm(forms.Form):
    type = forms.ChoiceField(label="Type of report", widget=forms.RadioSelect)
    audience = forms.ChoiceField(
        label="Who it is for",
        required=False,
        help_text="Leave as it is for the type's usual audience. Reports for elected members, "
        "the DfE, Cabinet and the public never show a count from 1 to 4.",
    )
    period_start = forms.DateField(label="Period from", help_text="For example, 01/10/2026")
    period_end = forms.DateField(label="Period to", help_text="For example, 31/10/2026")
    next_update = forms.DateField(
        label="Date of next update (DfE highlight report)",
        required=False,
        help_text="For example, 15/01/2027",
    )
    start_from_last = forms.BooleanField(
        label="Start from the last report of this type (its sections and chosen measures)",
        required=False,
        initial=True,
    )

    def __init__(
        self,
        *args: Any,
        types: list[tuple[str, str]],
        forced_audience: str | None = None,
        **kwargs: Any,
    ) -> None:
        """``forced_audience`` (``permissions.forced_report_audience``): the person prepares
        for that audience only, so the form offers no other (the page says which)."""
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = types  # type: ignore[attr-defined]
        if "dfe_highlight" not in dict(types):
            del self.fields["next_update"]
        if forced_audience is not None:
            del self.fields["audience"]
            return
        self.fields["audience"].choices = [  # type: ignore[attr-defined]
            ("", "The type's usual audience"),
            *AUDIENCES.items(),
        ]


class ReportEditForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(max_length=200)
    next_update = forms.DateField(
        label="Date of next update", required=False, help_text="For example, 15/01/2027"
    )


class SectionAddForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of section", choices=list(KINDS.items()))
    title = forms.CharField(label="Title (optional)", required=False, max_length=200)


class SectionForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(max_length=200)
    narrative = forms.CharField(
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Blank lines separate paragraphs.",
    )


class MeasuresForm(SectionForm):
    measures = forms.MultipleChoiceField(
        label="Measures to show",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(m, f"{m} {spec.title}") for m, spec in REGISTRY.items()],
    )


class HeadlinesForm(SectionForm):
    chosen = forms.MultipleChoiceField(
        label="Proposed from the figures: tick those to include",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    extra = forms.CharField(
        label="Your own points (one a line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, proposals: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = proposals  # type: ignore[attr-defined]


RAG_CHOICES = [("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("grey", "Not rated")]


class AssessmentForm(SectionForm):
    """One R/A/G and one summary per Ofsted reporting category (fields added per category)."""

    def __init__(self, *args: Any, categories: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = categories
        for key, title in categories:
            self.fields[f"rag_{key}"] = forms.ChoiceField(
                label=f"{title}: progress R/A/G (against the improvement plan)",
                choices=RAG_CHOICES,
                widget=forms.RadioSelect,
            )
            self.fields[f"summary_{key}"] = forms.CharField(
                label=f"{title}: summary",
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )


class CategoriesForm(forms.Form):
    framework = forms.ChoiceField(choices=framework_choices(), widget=forms.HiddenInput)
