from __future__ import annotations

from django import forms


class TrailSearchForm(forms.Form):
    who = forms.CharField(required=False, label="Username contains")
    text = forms.CharField(required=False, label="Action, object or page contains")
    date_from = forms.DateField(required=False, label="From", help_text="For example, 27/03/2025")
    date_to = forms.DateField(required=False, label="To", help_text="For example, 31/03/2025")
