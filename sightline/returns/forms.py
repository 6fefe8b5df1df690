from __future__ import annotations

from typing import Any

from django import forms

from .models import ReturnImport


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ReturnUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which return?",
        choices=ReturnImport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the CIN census or the SSDA903 return."},
    )
    upload = MultipleFileField(
        label="Files",
        help_text="The CIN census: its XML file. The SSDA903 return: its CSV files (choose "
        "several), or one zip of them.",
        widget=MultipleFileInput(),
        error_messages={"required": "Choose the file or files to upload."},
    )
