"""The residents' verdict questions as forms: on a phone from a link (translated, with the public form's guards
against spam) and on a partner's signed-in page, entered on a resident's behalf."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from heard.core.forms import GovukFormMixin
from heard.engagement.public import ERROR_MESSAGES, MIN_SECONDS_ON_PAGE
from heard.influence.models.verdicts import QUESTIONS

SIGNER = signing.TimestampSigner(salt="heard.public-verdict")


def _answer_fields() -> dict[str, forms.ChoiceField]:
    return {
        name: forms.ChoiceField(label=question, choices=choices.choices, required=False, widget=forms.RadioSelect)
        for name, question, choices in QUESTIONS
    }


class VerdictAnswers(GovukFormMixin, forms.Form):
    """The four questions, each optional; at least one answered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = _answer_fields()
        for name, field in answers.items():
            field.error_messages.update(ERROR_MESSAGES)
            self.fields[name] = field
            self.style_field(name, field)
        self.order_fields([*answers, *(n for n in self.fields if n not in answers)])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name, _q, _c in QUESTIONS):
            raise forms.ValidationError(_("Please answer at least one question."))
        return data

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name, _q, _c in QUESTIONS}


class PublicVerdictForm(VerdictAnswers):
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data.get("website"):
            raise forms.ValidationError(_("Something went wrong. Please try again."))
        try:
            started = float(SIGNER.unsign(data.get("started", ""), max_age=86400))
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(_("This page is out of date. Please fill it in again.")) from None
        data = super().clean()  # an empty form says what is missing before anything is refused for speed
        if time.time() - started < MIN_SECONDS_ON_PAGE:
            raise forms.ValidationError(_("That was very quick. Please check your answers and send again."))
        return data

    @staticmethod
    def fresh_start() -> str:
        return SIGNER.sign(str(time.time()))


class PartnerVerdictForm(VerdictAnswers):
    """A partner entering a resident's answers (from a paper form, a phone call, a group session)."""

    partner = forms.ChoiceField(label="Partner who asked", choices=[])
    community = forms.ChoiceField(label="Community", required=False, choices=[])
    recommendation = forms.ChoiceField(label="About a recommendation", required=False, choices=[])
    given_on = forms.DateField(label="Date the resident answered", help_text="For example, 27/3/2026")

    def __init__(
        self,
        *args: Any,
        partners: list[tuple[int, str]],
        communities: list[tuple[int, str]],
        recommendations: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        partner_field = self.fields["partner"]
        assert isinstance(partner_field, forms.ChoiceField)
        partner_field.choices = [(str(pk), name) for pk, name in partners]
        if len(partners) == 1:
            partner_field.initial = str(partners[0][0])
        community_field = self.fields["community"]
        assert isinstance(community_field, forms.ChoiceField)
        community_field.choices = [("", "Not for one community"), *((str(pk), name) for pk, name in communities)]
        recommendation_field = self.fields["recommendation"]
        assert isinstance(recommendation_field, forms.ChoiceField)
        recommendation_field.choices = [
            ("", "The project as a whole"),
            *((str(pk), title) for pk, title in recommendations),
        ]
        self.fields["given_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]  # type: ignore[attr-defined]
