from __future__ import annotations

from django import forms

from heard.core.forms import GovukFormMixin
from heard.lib import census, postcodes
from heard.partners.models import Community, Contact, Organisation


class OrganisationForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "sector",
            "description",
            "website",
            "email",
            "phone",
            "address",
            "postcode",
            "privacy_contact",
            "annual_income",
            "turnover_band",
            "staff",
            "volunteers",
            "charity_number",
            "company_number",
            "communities",
            "languages",
            "areas",
            "connected",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "communities": forms.CheckboxSelectMultiple,
        }
        labels = {"annual_income": "Annual income (£)", "turnover_band": "Annual turnover"}

    languages = forms.MultipleChoiceField(
        choices=census.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The languages the organisation works in.",
    )

    def clean_postcode(self) -> str:
        raw: str = self.cleaned_data["postcode"]
        if not raw.strip():
            return ""
        if not postcodes.is_valid(raw):
            raise forms.ValidationError("Enter a full UK postcode, like N1 9AR.")
        return postcodes.normalise(raw) or ""


class PartnerOrganisationForm(OrganisationForm):
    """What a partner member may change about their own organisation."""

    class Meta(OrganisationForm.Meta):
        fields = [
            "description",
            "website",
            "email",
            "phone",
            "address",
            "postcode",
            "turnover_band",
            "staff",
            "volunteers",
            "charity_number",
            "company_number",
            "communities",
            "languages",
            "areas",
        ]


class ContactForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Contact
        fields = ["name", "job_title", "email", "phone", "is_safeguarding_lead"]


class CommunityForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    languages = forms.MultipleChoiceField(
        choices=census.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The languages people in this community use.",
    )

    class Meta:
        model = Community
        fields = ["name", "description", "languages"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"name": "In the community's own words, for example “Deaf BSL users”. Avoid labels."}
