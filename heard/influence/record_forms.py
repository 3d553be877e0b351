"""The form host staff use to record a response that came by e-mail, letter, phone or in a meeting."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from heard.core.forms import DATE_WIDGET, GovukFormMixin
from heard.influence.forms import ActionRowsMixin
from heard.influence.models import Decision, Recommendation, Response, ResponseChannel

STAFF_CHANNELS = [(value, label) for value, label in ResponseChannel.choices if value != ResponseChannel.LINK]


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


class RecordResponseForm(ActionRowsMixin, GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(label="Their response", choices=Decision.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label="Their words",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="Copy their reasons from the e-mail or letter, or write down what they said in the meeting or call.",
    )
    received_on = forms.DateField(label="Date it was received", widget=DATE_WIDGET, help_text="For example 2026-11-27.")
    channel = forms.ChoiceField(label="How it came", choices=STAFF_CHANNELS, widget=forms.RadioSelect)
    responder_name = forms.CharField(
        label="Who it came from", max_length=200, help_text="Their name, and their role if it helps."
    )
    doer = "they"

    def __init__(self, *args: Any, rec: Recommendation, earlier: Response | None = None, **kwargs: Any) -> None:
        self.rec = rec
        self.earlier = earlier
        kwargs.setdefault("initial", {}).setdefault("responder_name", rec.addressee_name)
        super().__init__(*args, **kwargs)
        self.add_action_rows()

    def clean_received_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["received_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError(
                f"The date it was received cannot be in the future: give the day it came, {_day(today)} or before."
            )
        if self.earlier is not None:
            last = timezone.localtime(self.earlier.received_at).date()
            if day < last:
                raise forms.ValidationError(
                    f"Their last response came on {_day(last)}: give the day this later one came, on or after that."
                )
        if self.rec.sent_on and day < self.rec.sent_on:
            raise forms.ValidationError(
                f"The recommendation was sent on {_day(self.rec.sent_on)}: give the day the response came, "
                "on or after that."
            )
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_action_rows(data)
        return data
