from __future__ import annotations

from django import forms

from sightline.kernel.forms import MultipleFileField, MultipleFileInput

from .models import ReturnImport


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
