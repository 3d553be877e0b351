from __future__ import annotations

import datetime
from typing import Any

from django import forms

from heard.analysis.models import Theme
from heard.core import languages
from heard.core.forms import GovukFormMixin
from heard.influence.models import Decision, EvidenceKind, Recommendation
from heard.influence.uploads import problem_with
from heard.lib import census
from heard.partners.models import Community, Organisation, OrganisationKind

ADDRESSED_TO = (OrganisationKind.COMMISSIONER, OrganisationKind.PROVIDER, OrganisationKind.STAKEHOLDER)
ACTION_ROWS = 3


class RecommendationForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Recommendation
        fields = [
            "title",
            "text",
            "organisation",
            "addressee_name",
            "addressee_email",
            "senior_name",
            "senior_email",
            "priority",
            "themes",
            "communities",
        ]
        labels = {
            "organisation": "Addressed to",
            "addressee_name": "Name of the person it goes to",
            "addressee_email": "Their e-mail address",
            "senior_name": "Senior contact (for escalation)",
            "senior_email": "Senior contact's e-mail address",
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "communities": forms.CheckboxSelectMultiple,
            "text": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(kind__in=ADDRESSED_TO)  # type: ignore[attr-defined]
        self.fields["themes"].queryset = Theme.objects.for_project(project.pk) if project else Theme.objects.none()  # type: ignore[attr-defined]
        self.fields["communities"].queryset = project.communities.all() if project else Community.objects.none()  # type: ignore[attr-defined]
        self.summary_languages = summary_languages(project)
        saved = self.instance.summary_translations or {}
        for code in self.summary_languages:
            name = census.label(census.LANGUAGES, code)
            self.fields[f"summary_{code}"] = forms.CharField(
                label=f"Plain-words summary in {name}",
                required=False,
                max_length=5000,
                initial=saved.get(code, ""),
                help_text=f"Shown to residents reading “you said, we did” in {name}, instead of the English summary.",
                widget=forms.Textarea(attrs={"rows": 3, "lang": languages.lang_attribute(code), "dir": "auto"}),
            )
            self.style_field(f"summary_{code}", self.fields[f"summary_{code}"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["summary_translations"] = {
            code: str(data.get(f"summary_{code}") or "").strip()
            for code in self.summary_languages
            if str(data.get(f"summary_{code}") or "").strip()
        }
        return data


def summary_languages(project: Any) -> list[str]:
    """The project's languages a recommendation's summary can be translated into: those residents' pages are shown
    in (not English, British Sign Language or "another language")."""
    if project is None:
        return []
    return [
        code
        for code in project.languages or []
        if code not in ("en", languages.NOT_A_LANGUAGE) and languages.page_language(code) != "en"
    ]


class ActionRowsMixin:
    """Up to ACTION_ROWS actions, each with what, who and by when (all three, or none)."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    doer = "you"  # "Action 1: what you will do"

    def add_action_rows(self) -> None:
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label=f"Action {n}: what {self.doer} will do", required=False, max_length=2000
            )
            self.fields[f"owner_{n}"] = forms.CharField(
                label=f"Action {n}: who will do it", required=False, max_length=200
            )
            self.fields[f"due_{n}"] = forms.DateField(
                label=f"Action {n}: by when",
                required=False,
                help_text="For example 2027-03-31.",
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            for name in (f"action_{n}", f"owner_{n}", f"due_{n}"):
                self.style_field(name, self.fields[name])  # type: ignore[attr-defined]

    def check_action_rows(self, data: dict[str, Any]) -> None:
        for n in range(1, ACTION_ROWS + 1):
            parts = [data.get(f"action_{n}"), data.get(f"owner_{n}"), data.get(f"due_{n}")]
            if any(parts) and not all(parts):
                self.add_error(  # type: ignore[attr-defined]
                    f"action_{n}", f"Give action {n}'s what, who and by when, or leave all three empty."
                )

    def actions(self) -> list[tuple[str, str, datetime.date]]:
        data = self.cleaned_data
        return [
            (data[f"action_{n}"], data[f"owner_{n}"], data[f"due_{n}"])
            for n in range(1, ACTION_ROWS + 1)
            if data.get(f"action_{n}")
        ]


class ResponseForm(ActionRowsMixin, GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(label="Your response", choices=Decision.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label="Your reasons", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, help_text="In plain words."
    )
    name = forms.CharField(label="Your name", max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_action_rows()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_action_rows(data)
        if data.get("decision") in (Decision.ACCEPTED, Decision.PARTLY_ACCEPTED) and not data.get("action_1"):
            self.add_error("action_1", "Tell us at least one action you will take.")
        return data


class EvidenceForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label="What this is", choices=EvidenceKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="What has happened", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    url = forms.URLField(label="A link to more (a web page, a published document)", required=False)
    file = forms.FileField(
        label="A file", required=False, help_text="A PDF, picture, Word, Excel, OpenDocument or text file, up to 20 MB."
    )
    name = forms.CharField(label="Your name", max_length=200)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            problem = problem_with(upload)
            if problem:
                raise forms.ValidationError(problem)
        return upload


class RegulatorForm(GovukFormMixin, forms.Form):
    on = forms.DateField(label="Escalated on", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="To whom, and why", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class BulkUpdateForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="The edited list", help_text="The .xlsx or .csv you exported, with statuses and notes changed."
    )
