"""Forms for case-file audits. The audit form is built from the framework version's data."""

from __future__ import annotations

from typing import Any

from django import forms

from sightline.accounts.models import User
from sightline.kernel.date_input import DateField, MonthField
from sightline.organisation.models import Authority

from .models import Answer, Audit, Framework, Grade, LearningTheme
from .services import AuditInput


class ProgrammeForm(forms.Form):
    month = MonthField()
    framework = forms.ModelChoiceField(queryset=Framework.objects.none(), empty_label=None)
    cases_per_team = forms.IntegerField(
        min_value=1, max_value=50, initial=2, label="Cases per team"
    )
    due_date = DateField(label="Audits due by")
    moderation_percent = forms.IntegerField(
        min_value=0,
        max_value=100,
        initial=10,
        label="Share moderated (%)",
        help_text="Every inadequate overall grade is moderated as well.",
    )
    source = forms.ChoiceField(
        choices=[
            ("list", "A list of children I paste below"),
            ("measure", "The children behind a performance measure (chosen below)"),
        ],
        initial="list",
        required=False,
        widget=forms.RadioSelect,
        label="Where the cases come from",
    )
    candidates = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        label="Children to sample from",
        help_text="One a line: team name, a comma, the child ID (for example "
        "'Amberwick Assessment Team, C1042'). Cases are picked at random from each team's list.",
    )
    measure = forms.ChoiceField(
        required=False,
        label="Measure",
        help_text="For example, the re-referrals of FD04: the cases are picked at random from "
        "each team's children counted in the measure, in the month below.",
    )
    measure_month = MonthField(
        required=False, label="Month of the figure", help_text="Blank: the latest month."
    )
    measure_part = forms.ChoiceField(
        choices=[("numerator", "Numerator"), ("denominator", "Denominator")],
        initial="numerator",
        required=False,
        widget=forms.RadioSelect,
        label="Which children of the figure",
        help_text="For a percentage, the numerator is the children who met the condition.",
    )

    def __init__(self, *args: Any, authority: Authority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.filter(  # type: ignore[attr-defined]
            authority=authority, is_current=True
        )
        from csc_measures import REGISTRY

        self.fields["measure"].choices = [("", "Choose a measure")] + [  # type: ignore[attr-defined]
            (spec.id, f"{spec.id} {spec.title}")
            for spec in REGISTRY.values()
            if spec.numerator_ids == "child"
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["source"] = data.get("source") or "list"
        if data.get("source") == "measure" and not data.get("measure"):
            self.add_error("measure", "Choose the measure whose children to sample from.")
        if data.get("source") == "list" and not (data.get("candidates") or "").strip():
            self.add_error("candidates", "List at least one child to sample from.")
        return data


class AssignForm(forms.Form):
    auditor = forms.ChoiceField(label="Auditor")
    due_date = DateField(required=False, label="Due by")

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["auditor"].choices = [("", "Choose an auditor")] + [  # type: ignore[attr-defined]
            (str(p.pk), f"{p.display_name} ({p.role_label})") for p in people
        ]


class AssignEvenlyForm(forms.Form):
    auditors = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Share the unassigned cases among",
        help_text="In turn; nobody is given a case from the team they manage.",
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["auditors"].choices = [  # type: ignore[attr-defined]
            (str(p.pk), f"{p.display_name} ({p.role_label})") for p in people
        ]


GRADE_CHOICES = list(Grade.choices)


class AuditForm(forms.Form):
    """Areas (graded, with guidance beside each grade), prompt questions (yes/partly/no and a
    comment), the overall grade, the conversations and the learning themes."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    practitioner = forms.CharField(
        required=False, max_length=120, label="Practitioner (allocated social worker)"
    )
    overall_grade = forms.ChoiceField(
        choices=GRADE_CHOICES, required=False, widget=forms.RadioSelect, label="Overall grade"
    )
    findings = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Summary of findings"
    )
    practitioner_conversation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Conversation with the practitioner",
    )
    participation = forms.ChoiceField(
        choices=Audit.Participation.choices,
        required=False,
        widget=forms.RadioSelect,
        label="Who took part besides the practitioner?",
    )
    participation_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="What the child and family said",
    )
    themes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Learning themes"
    )

    def __init__(self, *args: Any, audit: Audit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.audit = audit
        framework = audit.framework
        for area in framework.areas:
            self.fields[f"area_{area['key']}"] = forms.ChoiceField(
                choices=GRADE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                label=area["title"],
            )
        for question in framework.questions:
            self.fields[f"q_{question['key']}"] = forms.ChoiceField(
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
                label=question["text"],
            )
            self.fields[f"q_{question['key']}_comment"] = forms.CharField(
                required=False, label="Comment", widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields["themes"].choices = [  # type: ignore[attr-defined]
            (str(t.pk), t.name) for t in LearningTheme.objects.filter(authority=audit.authority)
        ]

    @staticmethod
    def initial_for(audit: Audit, version: str) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "version": version,
            "practitioner": audit.practitioner,
            "overall_grade": audit.overall_grade,
            "findings": audit.findings,
            "practitioner_conversation": audit.practitioner_conversation,
            "participation": audit.participation,
            "participation_notes": audit.participation_notes,
            "themes": [str(pk) for pk in audit.themes.values_list("pk", flat=True)],
        }
        for key, grade in audit.area_grades.items():
            initial[f"area_{key}"] = grade
        for key, answer in audit.answers.items():
            initial[f"q_{key}"] = answer.get("answer", "")
            initial[f"q_{key}_comment"] = answer.get("comment", "")
        return initial

    def to_input(self) -> AuditInput:
        data = self.cleaned_data
        framework = self.audit.framework
        return AuditInput(
            area_grades={a["key"]: data.get(f"area_{a['key']}", "") for a in framework.areas},
            answers={
                q["key"]: {
                    "answer": data.get(f"q_{q['key']}", ""),
                    "comment": data.get(f"q_{q['key']}_comment", ""),
                }
                for q in framework.questions
            },
            overall_grade=data.get("overall_grade", ""),
            findings=data.get("findings", ""),
            practitioner=data.get("practitioner", ""),
            practitioner_conversation=data.get("practitioner_conversation", ""),
            participation=data.get("participation", ""),
            participation_notes=data.get("participation_notes", ""),
            theme_ids=[int(pk) for pk in data.get("themes", [])],
        )

    def areas(self) -> list[dict[str, Any]]:
        """Each area with its bound field and the guidance for each grade, for the template."""
        out = []
        for area in self.audit.framework.areas:
            field = self[f"area_{area['key']}"]
            options = [
                {
                    "value": value,
                    "label": label,
                    "guidance": area["guidance"].get(value, ""),
                    "id": f"{field.auto_id}_{i}",
                    "checked": str(field.value() or "") == value,
                }
                for i, (value, label) in enumerate(GRADE_CHOICES)
            ]
            out.append(
                {"key": area["key"], "title": area["title"], "field": field, "options": options}
            )
        return out

    def questions(self) -> list[dict[str, Any]]:
        out = []
        for question in self.audit.framework.questions:
            field = self[f"q_{question['key']}"]
            options = [
                {
                    "value": value,
                    "label": label,
                    "id": f"{field.auto_id}_{i}",
                    "checked": str(field.value() or "") == value,
                }
                for i, (value, label) in enumerate(Answer.choices)
            ]
            out.append(
                {
                    "key": question["key"],
                    "text": question["text"],
                    "field": field,
                    "comment": self[f"q_{question['key']}_comment"],
                    "options": options,
                }
            )
        return out


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("agree", "I agree with the auditor's overall grade"),
            ("regrade", "I would grade it differently"),
        ],
        widget=forms.RadioSelect,
        label="Your decision",
    )
    grade = forms.ChoiceField(
        choices=[("", "Not applicable"), *GRADE_CHOICES],
        required=False,
        label="Your overall grade (if different)",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Reason",
        help_text="Required when you regrade.",
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="What needs to be done"
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(), label="Owner", empty_label="Choose who owns it"
    )
    due_date = DateField(label="Due by")

    def __init__(self, *args: Any, authority: Authority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            authority=authority, is_active=True
        ).exclude(role__in=["admin", "board_member", "elected_member", "dfe_adviser"])
        self.fields["owner"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.display_name} ({u.role_label})"
        )


class CloseActionForm(forms.Form):
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Evidence that it was done",
        help_text="For example: 'Chronology updated on 12 November; checked by the team manager.'",
    )


class SummaryForm(forms.Form):
    month = MonthField()
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        label="Learning summary",
        help_text="What the month's audits showed, and what teams should do.",
    )


class FrameworkReviseForm(forms.Form):
    title = forms.CharField(max_length=150)
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Prompt questions",
        help_text="One a line. Each is answered yes, partly or no, with a comment.",
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        for area in framework.areas:
            for value, label in GRADE_CHOICES:
                self.fields[f"g_{area['key']}_{value}"] = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 2}),
                    label=f"{area['title']}: guidance for {label}",
                    initial=area["guidance"].get(value, ""),
                )
        self.fields["title"].initial = framework.title
        self.fields["questions"].initial = "\n".join(q["text"] for q in framework.questions)

    def definition(self) -> dict[str, Any]:
        data = self.cleaned_data
        old = {q["text"]: q["key"] for q in self.framework.questions}
        questions, used = [], set()
        for number, line in enumerate(data["questions"].splitlines(), start=1):
            text = line.strip()
            if not text:
                continue
            key = old.get(text) or f"q{number}"
            while key in used:
                key = f"{key}x"
            used.add(key)
            questions.append({"key": key, "text": text})
        areas = [
            {**area, "guidance": {v: data[f"g_{area['key']}_{v}"] for v, _ in GRADE_CHOICES}}
            for area in self.framework.areas
        ]
        return {"areas": areas, "questions": questions}


class AnalyticsFilterForm(forms.Form):
    """The months the audit grades page shows: from and to, each as GOV.UK month and year
    boxes (``from_month``, ``from_year``…; a single ``from=2026-04`` as older links send is
    read too). Either may be left blank for an open end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = MonthField(
            label="From month", required=False, help_text="For example, 4 2026"
        )
        self.fields["to"] = MonthField(
            label="To month", required=False, help_text="For example, 3 2027"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", "The to month must be the same as or after the from month")
        return cleaned

    def full_clean(self) -> None:
        # Each message names its box ("From month: enter a month from 1 to 12"), as the error
        # summary lists both ends' errors together.
        super().full_clean()
        errors = self.errors
        for name in ("from", "to"):
            if name in errors:
                label = str(self.fields[name].label)
                texts = [str(msg) for msg in errors[name]]
                errors[name] = self.error_class(
                    [
                        text
                        if text.startswith("The to month")
                        else f"{label}: {text[0].lower()}{text[1:]}"
                        for text in texts
                    ],
                    renderer=self.renderer,
                )

    def months(self) -> tuple[Any, Any]:
        """The valid months (None for a blank or wrong box, which is shown as an error)."""
        if not self.is_bound:
            return None, None
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        start = None if "from" in self.errors else cleaned.get("from")
        end = None if "to" in self.errors else cleaned.get("to")
        return start, end
