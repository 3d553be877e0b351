from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from heard.core.forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your Heard administrator.",
    }


class TokenForm(GovukFormMixin, forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code, for example 123456.",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("The code is 6 digits, for example 123456.")
        return token


class ResetForm(GovukFormMixin, PasswordResetForm):
    pass


class NewPasswordForm(GovukFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    pass
