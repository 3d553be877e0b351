"""Forms for the partner register (centres, policies, policy templates) and selection (scores, weights)."""

from __future__ import annotations

from typing import Any

from django import forms

from heard.core.forms import DATE_WIDGET, GovukFormMixin
from heard.lib import doccheck, postcodes
from heard.partners.models import MAX_SCORE, Centre, Criterion, Decision, Policy, PolicyTemplate

SCORES = [(str(n), label) for n, label in enumerate(["0: not at all", "1: a little", "2: mostly", "3: fully"])]
assert len(SCORES) == MAX_SCORE + 1


def _checked_document(upload: Any) -> Any:
    try:
        doccheck.check(upload.name, upload.size, upload)
    except doccheck.BadDocument as error:
        raise forms.ValidationError(str(error)) from None
    return upload


class CentreForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Centre
        fields = ["name", "address", "postcode"]
        help_texts = {"postcode": "It places the centre on the map and its 2-mile patch."}

    def clean_postcode(self) -> str:
        raw: str = self.cleaned_data["postcode"]
        if not postcodes.is_valid(raw):
            raise forms.ValidationError("Enter a full UK postcode, like N1 9AR.")
        return postcodes.normalise(raw) or ""


class PolicyForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    upload = forms.FileField(label="The policy document", help_text=f"Upload {doccheck.ACCEPTED}, up to 20 MB.")

    class Meta:
        model = Policy
        fields = ["kind", "issued_on", "expires_on"]
        widgets = {"issued_on": DATE_WIDGET, "expires_on": DATE_WIDGET}
        labels = {"kind": "Which policy", "issued_on": "Date issued", "expires_on": "Review or expiry date"}

    def clean_upload(self) -> Any:
        return _checked_document(self.cleaned_data["upload"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", "The review or expiry date must be after the date it was issued.")
        return data


class PolicyTemplateForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    upload = forms.FileField(label="The template", help_text=f"Upload {doccheck.ACCEPTED}, up to 20 MB.")

    class Meta:
        model = PolicyTemplate
        fields = ["title", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_upload(self) -> Any:
        return _checked_document(self.cleaned_data["upload"])


class WeightsForm(GovukFormMixin, forms.Form):
    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        self.criteria = criteria
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            field = forms.IntegerField(
                label=criterion.name, min_value=0, max_value=5, initial=criterion.weight, help_text=criterion.guidance
            )
            self.fields[criterion.key] = field
            self.style_field(criterion.key, field)

    def weights(self) -> dict[Criterion, int]:
        return {c: self.cleaned_data[c.key] for c in self.criteria}


class AssessmentForm(GovukFormMixin, forms.Form):
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect, initial=Decision.UNDECIDED)

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        self.criteria = criteria
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            score = forms.ChoiceField(
                label=criterion.name, choices=SCORES, widget=forms.RadioSelect, help_text=criterion.guidance
            )
            note = forms.CharField(label=f"Why ({criterion.name.lower()})", required=False, max_length=500)
            self.fields[f"score_{criterion.key}"] = score
            self.fields[f"note_{criterion.key}"] = note
            self.style_field(f"score_{criterion.key}", score)
            self.style_field(f"note_{criterion.key}", note)
        # the criteria first, then the notes and the decision
        self.order_fields([*(f for c in criteria for f in (f"score_{c.key}", f"note_{c.key}")), "notes", "decision"])

    def scores(self) -> dict[Criterion, tuple[int, str]]:
        return {
            c: (int(self.cleaned_data[f"score_{c.key}"]), self.cleaned_data[f"note_{c.key}"]) for c in self.criteria
        }
