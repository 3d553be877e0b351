from __future__ import annotations

from django import forms

from heard.core.forms import DATE_WIDGET, GovukFormMixin
from heard.privacy.models import DataSharingAgreement, FlagStatus, WordsUse


class FlagDecisionForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="What did you decide?",
        choices=[c for c in FlagStatus.choices if c[0] != FlagStatus.OPEN],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label="Notes",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you did and why. Do not copy the resident's words here.",
    )
    words = forms.ChoiceField(
        label="May the resident's words be used outside the host?",
        choices=WordsUse.choices,
        widget=forms.RadioSelect,
        help_text="In example quotes, reports, public pages and exports for sharing. Until you decide, they are "
        "held back from everyone but host staff and safeguarding leads. Words that are used always have personal "
        "details removed, and only with the resident's consent to be quoted and their partner's agreement.",
    )


class ConsentForm(GovukFormMixin, forms.Form):
    ACTIONS = [
        ("quote", "Stop quoting them"),
        ("contact", "Stop contacting them (their contact details are deleted)"),
        ("quote_and_contact", "Both"),
        ("erase", "Erase everything they told us (they withdrew consent to store it, or asked for erasure)"),
    ]
    action = forms.ChoiceField(label="What did the resident ask for?", choices=ACTIONS, widget=forms.RadioSelect)
    confirm = forms.BooleanField(
        required=False,
        label="I understand erasing cannot be undone",
        help_text="Only needed to erase.",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("action") == "erase" and not data.get("confirm"):
            self.add_error("confirm", "Tick to confirm: erasing a contribution cannot be undone.")
        return data


class AgreementForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DataSharingAgreement
        fields = ["organisation", "starts_on", "ends_on", "scope", "place_detail", "min_group_size", "notes"]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.RadioSelect,
            "place_detail": forms.RadioSelect,
        }
        labels = {"scope": "What may be shared outside the host"}

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be after the start date.")
        return data
