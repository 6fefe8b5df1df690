from __future__ import annotations

from typing import Any

from django import forms

from sightline.governance.models import Meeting
from sightline.kernel.date_input import DateField
from sightline.organisation.models import Authority, Locality, Team
from sightline.plan.models import Plan, Priority

from .models import BoardSubmission, Feedback, ImpactStatement, ParticipationEvent
from .services import EVENT_FIELDS, IMPACT_FIELDS, SUBMISSION_FIELDS

DATE_HELP = "For example, 27 3 2025"


class _Versioned(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.updated_at.isoformat()
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.DateField):  # the GOV.UK date input, not a picker
                self.fields[name] = DateField(
                    label=field.label,
                    required=field.required,
                    initial=field.initial,
                    help_text=field.help_text or DATE_HELP,
                )

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class FeedbackForm(_Versioned):
    themes = forms.CharField(
        required=False,
        label="Themes",
        help_text="Separate themes with commas, for example: Being listened to, Changes of "
        "social worker.",
    )

    class Meta:
        model = Feedback
        fields = (
            "received_on",
            "source",
            "channel",
            "team",
            "locality",
            "words",
            "themes",
            "sentiment",
            "consent_to_share",
            "anonymous",
            "attributed_to",
        )
        widgets = {
            "source": forms.RadioSelect,
            "channel": forms.RadioSelect,
            "sentiment": forms.RadioSelect,
        }

    def __init__(self, *args: Any, authority: Authority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(  # type: ignore[attr-defined]
            authority=authority, is_active=True
        )
        self.fields["locality"].queryset = Locality.objects.filter(  # type: ignore[attr-defined]
            authority=authority, is_active=True
        )
        if self.instance.pk:
            self.initial["themes"] = ", ".join(t.name for t in self.instance.themes.all())

    def theme_names(self) -> list[str]:
        return [t for t in (self.cleaned_data.get("themes") or "").split(",") if t.strip()]

    def service_values(self) -> dict[str, Any]:
        data = super().service_values()
        data["themes"] = self.theme_names()
        return data


class ImpactForm(_Versioned):
    class Meta:
        model = ImpactStatement
        fields = IMPACT_FIELDS
        labels = {"priority": "Or describe the priority"}

    def __init__(self, *args: Any, authority: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        field = self.fields["plan_priority"]
        field.queryset = Priority.objects.filter(  # type: ignore[attr-defined]
            plan__authority=authority, plan__status=Plan.Status.ACTIVE
        ).order_by("number")
        field.label_from_instance = lambda p: f"{p.number}. {p.title}"  # type: ignore[attr-defined]
        field.empty_label = "None"  # type: ignore[attr-defined]
        self.fields["priority"].help_text = "Free text, when no plan priority fits."


class SubmissionForm(forms.ModelForm):  # type: ignore[type-arg]
    link = forms.URLField(
        label="Link to the video or document",
        required=False,
        assume_scheme="https",
        help_text="Optional: where it is kept.",
    )

    class Meta:
        model = BoardSubmission
        fields = SUBMISSION_FIELDS

    def __init__(self, *args: Any, authority: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        field = self.fields["board_meeting"]
        field.queryset = Meeting.objects.filter(  # type: ignore[attr-defined]
            board__authority=authority
        ).select_related("board")
        field.empty_label = "Not recorded in Sightline"  # type: ignore[attr-defined]
        self.fields["meeting"].required = False
        self.fields["meeting"].help_text = (
            "When the meeting is not recorded in Sightline, for example Improvement Board, "
            "12 March 2026."
        )
        for date_field in self.fields.values():
            if isinstance(date_field, DateField):
                date_field.help_text = DATE_HELP
        self.fields["meeting_date"].required = False
        self.fields[
            "meeting_date"
        ].help_text = f"Leave blank when you chose the meeting above. {DATE_HELP}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("board_meeting")
        if chosen is not None:
            data["meeting"] = data.get("meeting") or str(chosen)
            data["meeting_date"] = data.get("meeting_date") or chosen.date
        else:
            if not data.get("meeting"):
                self.add_error("meeting", "Choose the meeting, or name it here.")
            if not data.get("meeting_date"):
                self.add_error("meeting_date", "Enter the date of the meeting.")
        return data


class ResponseForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    response = forms.CharField(label="The Chair's response", widget=forms.Textarea)
    responded_on = DateField(label="Response given on", help_text=DATE_HELP)
    we_did = forms.CharField(
        label="What we did (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="What changed as a result, so the Ambassadors can see it.",
    )


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ParticipationEvent
        fields = EVENT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].help_text = DATE_HELP
