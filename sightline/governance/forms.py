from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from sightline.accounts.models import User
from sightline.kernel.date_input import DateField
from sightline.plan.forms import PersonChoice, people_in
from sightline.plan.models import Action, Priority

from .models import (
    AgendaItem,
    Board,
    Framework,
    Inspection,
    InterventionStatus,
    RecommendationProgress,
    Risk,
)

LIKELIHOOD = [
    (1, "1 Rare"),
    (2, "2 Unlikely"),
    (3, "3 Possible"),
    (4, "4 Likely"),
    (5, "5 Almost certain"),
]
IMPACT = [(1, "1 Minor"), (2, "2 Moderate"), (3, "3 Significant"), (4, "4 Major"), (5, "5 Severe")]


def _priorities_field(label: str) -> forms.ModelMultipleChoiceField:  # type: ignore[type-arg]
    """Ticks for the plan priorities an item links to (the view or form sets the choices)."""
    return forms.ModelMultipleChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
    )


class MeasureIdsField(forms.CharField):
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip().upper() for part in text.replace(";", ",").split(",") if part.strip()]


class MeetingForm(forms.Form):
    date = DateField()
    location = forms.CharField(max_length=200, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=200)
    presenter = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    priorities = _priorities_field("Linked priorities")
    measure_ids = MeasureIdsField(
        required=False,
        label="Linked measures (optional)",
        help_text="Measure IDs separated by commas, for example FD04, CL02",
    )
    document_url = forms.URLField(
        required=False, label="Link to the paper (optional)", assume_scheme="https"
    )

    def __init__(self, *args: Any, priorities: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = priorities  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Decision")


class MeetingActionForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Action")
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="Agenda item (optional)"
    )
    owner = PersonChoice(queryset=User.objects.none(), required=False, label="Owner")
    owner_name = forms.CharField(
        max_length=200,
        required=False,
        label="Owner, if not a Sightline user",
        help_text="For example, a partner agency's representative.",
    )
    due_date = DateField()

    def __init__(self, *args: Any, meeting: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_in(meeting.board.authority_id)  # type: ignore[attr-defined]
        self.fields["item"].queryset = meeting.items.all()  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    closed_on = DateField(
        label="Closed on", initial=timezone.localdate, help_text="For example, 31 1 2027"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What was done")


class RiskForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    reference = forms.CharField(max_length=20, help_text="For example R7")
    title = forms.CharField(max_length=200, label="Risk")
    cause = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    consequence = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    likelihood = forms.TypedChoiceField(choices=LIKELIHOOD, coerce=int, widget=forms.RadioSelect)
    impact = forms.TypedChoiceField(choices=IMPACT, coerce=int, widget=forms.RadioSelect)
    trend = forms.ChoiceField(choices=Risk.Trend.choices, widget=forms.RadioSelect)
    owner = PersonChoice(queryset=User.objects.none())
    mitigations = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    review_date = DateField()
    status = forms.ChoiceField(choices=Risk.Status.choices, widget=forms.RadioSelect)
    priorities = _priorities_field("Linked priorities (optional)")
    measure_ids = MeasureIdsField(
        required=False,
        label="Linked measures (optional)",
        help_text="Measure IDs separated by commas, for example WF01, WF02",
    )

    def __init__(self, *args: Any, authority_id: int, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_in(authority_id)  # type: ignore[attr-defined]
        self.fields["priorities"].queryset = Priority.objects.filter(  # type: ignore[attr-defined]
            plan__authority_id=authority_id, plan__status="active"
        )
        if editing:
            del self.fields["reference"]
        else:
            del self.fields["status"]


class BoardForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Board.Kind.choices, widget=forms.RadioSelect)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class BoardMemberForm(forms.Form):
    name = forms.CharField(max_length=200)
    role = forms.CharField(max_length=200, help_text="For example: Leader of the Council")
    organisation = forms.CharField(max_length=200, required=False)
    user = PersonChoice(
        queryset=User.objects.none(),
        required=False,
        label="Sightline user (optional)",
        help_text="If the member signs in to Sightline.",
    )
    is_chair = forms.BooleanField(required=False, label="Chair of the board")
    is_independent = forms.BooleanField(required=False, label="Independent")

    def __init__(self, *args: Any, authority_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people_in(authority_id)  # type: ignore[attr-defined]


class InspectionForm(forms.Form):
    """An inspection event; one grade field per judgement area of the chosen framework."""

    kind = forms.ChoiceField(choices=Inspection.Kind.choices, widget=forms.RadioSelect)
    start_date = DateField()
    end_date = DateField(required=False, label="End date (optional)")
    published_on = DateField(required=False, label="Published on (optional)")
    letter_url = forms.URLField(
        required=False, label="Link to the letter or report (optional)", assume_scheme="https"
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any):
        super().__init__(*args, **kwargs)
        grades = [("", "Not graded at this event"), *[(g, g) for g in framework.grades]]
        for area in framework.areas.all():
            self.fields[f"grade_{area.key}"] = forms.ChoiceField(
                choices=grades, required=False, label=area.title
            )

    def judgements(self) -> dict[str, str]:
        return {
            name.removeprefix("grade_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("grade_") and value
        }


class RecommendationForm(forms.Form):
    number = forms.IntegerField(min_value=1, max_value=99)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Recommendation")
    priorities = _priorities_field("Priorities that answer it")
    actions = forms.ModelMultipleChoiceField(
        queryset=Action.objects.none(),
        required=False,
        label="Actions that answer it",
        help_text="Hold Ctrl (or Cmd) to choose several.",
    )

    def __init__(self, *args: Any, priorities: Any, actions: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = priorities  # type: ignore[attr-defined]
        self.fields["actions"].queryset = actions  # type: ignore[attr-defined]


class RecommendationProgressForm(forms.Form):
    on = DateField(label="Date")
    status = forms.ChoiceField(
        choices=RecommendationProgress.Status.choices, widget=forms.RadioSelect
    )
    visit = forms.ModelChoiceField(
        queryset=Inspection.objects.none(), required=False, label="At which visit (optional)"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, visits: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["visit"].queryset = visits  # type: ignore[attr-defined]


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=InterventionStatus.Kind.choices, widget=forms.RadioSelect, label="Status"
    )
    started_on = DateField(label="From")
    note = forms.CharField(max_length=500, required=False)
