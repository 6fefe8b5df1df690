from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from sightline.core.roles import Role
from sightline.organisation.models import Authority, Locality, Team

from .models import User


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter a correct username and password. Both are case-sensitive. "
            "After 5 failed attempts your account is locked for 30 minutes."
        ),
        "inactive": "This account has been deactivated. Ask your Sightline administrator.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class UserForm(forms.Form):
    """Create or edit a person: details, role and the scope the role needs."""

    username = forms.CharField(
        max_length=150,
        help_text="Letters, digits and @ . + - _ only. People sign in with this.",
    )
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(
        required=False, help_text="Used to send the link that sets or resets their password."
    )
    job_title = forms.CharField(max_length=120, required=False)
    # A regional viewer belongs to no authority: the deployment adds them, not an authority.
    role = forms.ChoiceField(
        choices=[("", "Choose a role"), *(c for c in Role.choices if c[0] != Role.REGIONAL_VIEWER)]
    )
    locality = forms.ModelChoiceField(
        queryset=Locality.objects.none(),
        required=False,
        empty_label="Not applicable",
        help_text="Heads of service only: the locality or service they lead.",
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        required=False,
        empty_label="Not applicable",
        help_text="Team managers only: the team they manage.",
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    is_active = forms.BooleanField(
        required=False, initial=True, label="Can sign in", help_text="Untick to deactivate."
    )

    def __init__(self, *args: Any, authority: Authority, editing: bool = False, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["locality"].queryset = Locality.objects.filter(  # type: ignore[attr-defined]
            authority=authority, is_active=True
        )
        self.fields["team"].queryset = Team.objects.filter(  # type: ignore[attr-defined]
            authority=authority, is_active=True
        )
        if editing:
            self.fields["username"].disabled = True
        else:
            del self.fields["is_active"]
            del self.fields["version"]


class PasswordLinkForm(PasswordResetForm):
    """Password reset that also reaches people who have not set a password yet (new users
    invited by an administrator), not only those with a usable password."""

    def get_users(self, email: str) -> Iterator[Any]:
        for user in User.objects.filter(email__iexact=email, is_active=True):
            if user.email.lower() == email.lower():
                yield user
