from __future__ import annotations

from typing import Any

from django import forms

from heard.analysis.models import Theme
from heard.core.forms import GovukFormMixin
from heard.engagement.models import Project
from heard.partners.models import Contact, Organisation
from heard.reporting.models import ReportRecommendation


class RecommendationForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ReportRecommendation
        fields = ["title", "text", "addressed_to", "addressed_to_person", "priority", "themes", "communities"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
            "communities": forms.CheckboxSelectMultiple,
        }
        labels = {
            "title": "What should change (one line)",
            "text": "Why, and what it would mean for residents",
            "addressed_to": "Addressed to",
            "addressed_to_person": "Who there (optional)",
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["addressed_to"].queryset = Organisation.objects.order_by("name")
        fields["addressed_to_person"].queryset = Contact.objects.select_related("organisation").order_by(
            "organisation__name", "name"
        )
        fields["addressed_to_person"].label_from_instance = lambda c: f"{c.name} ({c.organisation.name})"
        fields["themes"].queryset = Theme.objects.for_project(project.pk).order_by("name")
        fields["communities"].queryset = project.communities.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person = data.get("addressed_to_person")
        organisation = data.get("addressed_to")
        if person is not None and organisation is not None and person.organisation_id != organisation.pk:
            self.add_error("addressed_to_person", "Choose someone at the organisation the recommendation is for.")
        return data
