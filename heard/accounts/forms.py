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


class CodeForm(GovukFormMixin, forms.Form):
    """The two-factor check: a code from the authenticator app, or one of the person's recovery codes."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text=(
            "The 6-digit code, for example 123456. Without your phone, enter one of your recovery codes instead, "
            "for example abcd-2345."
        ),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )

    def clean_code(self) -> str:
        code: str = "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
        if len(code) == 6 and code.isdigit():
            return code
        if len(code) == 8 and code.isalnum() and code.isascii():
            return code
        raise forms.ValidationError(
            "Enter the 6-digit code from your app, for example 123456, or a recovery code of 8 letters and numbers."
        )


class ResetForm(GovukFormMixin, PasswordResetForm):
    pass


class NewPasswordForm(GovukFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    pass
