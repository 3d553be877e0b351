"""Forms for the Learn stage's pages."""

from __future__ import annotations

from django import forms

from heard.core.forms import GovukFormMixin
from heard.governance.indicators import METRIC_CHOICES
from heard.governance.models import PULSE_QUESTIONS, ElementKind, LearningEntry
from heard.governance.models.learning import RATINGS, STANDARDS
from heard.governance.models.pulse import SCALE


class CharterForm(GovukFormMixin, forms.Form):
    purpose = forms.CharField(label="Purpose", widget=forms.Textarea(attrs={"rows": 3}))
    remit = forms.CharField(label="Remit", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    membership = forms.CharField(label="Membership", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    roles = forms.CharField(label="Roles", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    decisions = forms.CharField(
        label="How decisions are made", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    change_note = forms.CharField(label="What changed in this version", max_length=300, required=False)


class ApprovalForm(GovukFormMixin, forms.Form):
    approved_by = forms.CharField(label="Approved by", max_length=200, help_text="A meeting or a person.")
    approved_on = forms.DateField(label="Approved on (YYYY-MM-DD)")


class RoundForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    opens_on = forms.DateField(label="Opens on (YYYY-MM-DD)")
    closes_on = forms.DateField(label="Closes on (YYYY-MM-DD)")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing date is before the opening date.")
        return data


class PulseAnswerForm(GovukFormMixin, forms.Form):
    comment = forms.CharField(
        label="Anything you want to add",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Please do not name yourself or others: the group reads the comments as they are written.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name, text in reversed(PULSE_QUESTIONS):
            field = forms.TypedChoiceField(
                label=text, choices=SCALE, coerce=int, widget=forms.RadioSelect, required=True
            )
            self.fields = {name: field, **self.fields}
            self.style_field(name, field)


class StartVersionForm(GovukFormMixin, forms.Form):
    bold_challenge = forms.CharField(label="The bold challenge", widget=forms.Textarea(attrs={"rows": 3}))
    change_note = forms.CharField(label="Why a new version", max_length=300, required=False)


class ElementForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Type", choices=ElementKind.choices)
    text = forms.CharField(label="Statement", widget=forms.Textarea(attrs={"rows": 2}))
    assumptions = forms.CharField(label="Assumptions", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence = forms.CharField(label="Evidence", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class IndicatorForm(GovukFormMixin, forms.Form):
    metric = forms.ChoiceField(label="Indicator (computed from Heard's records)", choices=METRIC_CHOICES)
    target = forms.DecimalField(label="Target", required=False, max_digits=12, decimal_places=2)


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(label="Theory of change spreadsheet (.xlsx)")


class LearningEntryForm(GovukFormMixin, forms.ModelForm[LearningEntry]):
    class Meta:
        model = LearningEntry
        fields = [
            "happened_on",
            "title",
            "tried",
            "happened",
            "learned",
            "will_change",
            "went_wrong",
            "shared_with_partners",
        ]
        labels = {"happened_on": "When (YYYY-MM-DD)"}


class StandardsForm(GovukFormMixin, forms.Form):
    assessed_on = forms.DateField(label="Assessed on (YYYY-MM-DD)")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for key, label in STANDARDS:
            extra = {
                f"{key}_rating": forms.TypedChoiceField(
                    label=f"{label}: rating", choices=RATINGS, coerce=int, widget=forms.RadioSelect
                ),
                f"{key}_evidence": forms.CharField(
                    label=f"{label}: evidence", widget=forms.Textarea(attrs={"rows": 2}), required=False
                ),
                f"{key}_actions": forms.CharField(
                    label=f"{label}: actions", widget=forms.Textarea(attrs={"rows": 2}), required=False
                ),
            }
            for name, field in extra.items():
                self.fields[name] = field
                self.style_field(name, field)


class MeetingForm(GovukFormMixin, forms.Form):
    held_on = forms.DateField(label="Held on (YYYY-MM-DD)")
    title = forms.CharField(label="Title", max_length=200, initial="Steering group")
    agenda = forms.CharField(label="Agenda", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    minutes = forms.CharField(label="Minutes", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecisionForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 2}))
    rationale = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ActionItemForm(GovukFormMixin, forms.Form):
    action = forms.CharField(label="Action", max_length=300)
    owner = forms.CharField(label="Owner", max_length=200)
    due_on = forms.DateField(label="Due (YYYY-MM-DD)", required=False)


class PaperForm(GovukFormMixin, forms.Form):
    paper_title = forms.CharField(label="Paper title", max_length=200)
    paper = forms.FileField(label="The paper")
