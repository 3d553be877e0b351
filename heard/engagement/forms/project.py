"""The forms for a project and its activities."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms

from heard.accounts.models import User
from heard.core.forms import DATE_WIDGET, GovukFormMixin
from heard.engagement.forms.common import partners_for
from heard.engagement.models import Activity, Project
from heard.lib import census
from heard.partners.models import Organisation


class ActivityForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    languages = forms.MultipleChoiceField(
        choices=census.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The languages the activity was held in.",
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "method",
            "partner",
            "community",
            "held_on",
            "languages",
            "people_count",
            "location",
            "notes",
        ]
        widgets = {"held_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"held_on": "Date", "people_count": "Number of people who took part"}

    def __init__(self, *args: Any, project: Project, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        partner = cast(forms.ModelChoiceField, self.fields["partner"])  # type: ignore[type-arg]
        partner.queryset = partners_for(project, user)
        partner.empty_label = None if not user.is_host else "Choose a partner"
        community = cast(forms.ModelChoiceField, self.fields["community"])  # type: ignore[type-arg]
        community.queryset = project.communities.all()
        community.required = False

    def clean_held_on(self) -> datetime.date:
        held_on: datetime.date = self.cleaned_data["held_on"]
        if self.project.starts_on and held_on < self.project.starts_on - datetime.timedelta(days=366):
            raise forms.ValidationError("That date is long before the project started. Check the year.")
        return held_on


LOCAL_AUTHORITIES = [
    ("E09000019", "Islington"),
    ("E09000012", "Hackney"),
    ("E09000007", "Camden"),
    ("E09000014", "Haringey"),
    ("E09000001", "City of London"),
    ("E09000030", "Tower Hamlets"),
    ("E09000031", "Waltham Forest"),
    ("E09000025", "Newham"),
]


class ProjectForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    languages = forms.MultipleChoiceField(
        choices=census.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Residents can answer in these languages.",
    )
    area_codes = forms.MultipleChoiceField(
        label="Local authorities",
        choices=LOCAL_AUTHORITIES,
        widget=forms.CheckboxSelectMultiple,
        help_text="The places the project covers; who was heard is compared with who lives there.",
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.partners(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Project
        fields = [
            "name",
            "description",
            "status",
            "starts_on",
            "ends_on",
            "languages",
            "area_codes",
            "communities",
            "partners",
            "retention_months",
        ]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "communities": forms.CheckboxSelectMultiple,
        }
        labels = {"retention_months": "Keep residents' contributions for (months after the project ends)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["partners"] = list(self.instance.project_partners.values_list("organisation_id", flat=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be after the start date.")
        if self.instance.pk and "partners" in data:
            keeping = {o.pk for o in data["partners"]}
            leaving = (
                self.instance.project_partners.exclude(organisation_id__in=keeping)
                .filter(organisation__experiences__project=self.instance)
                .select_related("organisation")
                .distinct()
            )
            names = ", ".join(role.organisation.name for role in leaving)
            if names:
                self.add_error("partners", f"{names} already sent residents' records, so cannot leave the project.")
        return data
