"""The forms for one resident's contribution and for filtering the records list."""

from __future__ import annotations

import datetime
import re
from typing import Any, cast

from django import forms

from heard.accounts.models import User
from heard.core.forms import DATE_WIDGET, GovukFormMixin
from heard.engagement.forms.common import not_in_future, partners_for
from heard.engagement.models import (
    CONSENT_FIELDS,
    DEMOGRAPHIC_FIELDS,
    Answer,
    Experience,
    Method,
    Project,
    Question,
    QuestionKind,
)
from heard.lib import census, postcodes
from heard.partners.models import Community, Organisation


class ExperienceForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """One resident's contribution, with the project's own questions added as fields named `q_<code>`."""

    postcode = forms.CharField(
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input govuk-input--width-10"}
        ),
    )

    class Meta:
        model = Experience
        fields = [
            "partner",
            "activity",
            "community",
            "collected_on",
            *DEMOGRAPHIC_FIELDS,
            "postcode",
            *CONSENT_FIELDS,
            "consent_method",
            "consent_given_on",
            "consent_recorded_by",
            "contact_details",
        ]
        widgets = {"collected_on": DATE_WIDGET, "consent_given_on": DATE_WIDGET}
        labels = {
            "collected_on": "Date heard",
            "age_band": "Age",
            "ethnic_group": "Ethnic group",
            "main_language": "Main language",
            "english_proficiency": "How well the person speaks English",
        }

    def __init__(self, *args: Any, project: Project, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        partner = cast(forms.ModelChoiceField, self.fields["partner"])  # type: ignore[type-arg]
        partner.queryset = partners_for(project, user)
        partner.empty_label = None if not user.is_host else "Choose a partner"
        activities = project.activities.all()
        if not user.is_host:
            activities = activities.filter(partner_id=user.organisation_id)
        cast(forms.ModelChoiceField, self.fields["activity"]).queryset = activities  # type: ignore[type-arg]
        cast(forms.ModelChoiceField, self.fields["community"]).queryset = project.communities.all()  # type: ignore[type-arg]
        self.fields["consent_store"].help_text = "Without this, nothing about the person can be kept."
        self.fields["postcode"].help_text = "Full (N1 9AR) or just the first part (N1). Never shown publicly."
        self.question_fields: list[tuple[Question, str]] = []
        existing: dict[str, Any] = {}  # by code, so answers to an earlier version of a question show
        if self.instance.pk:
            for answer in self.instance.answers.select_related("question"):
                existing[answer.question.code] = answer
        self.translation_fields: dict[str, list[str]] = {}
        for question in project.questions.filter(is_active=True):
            name = f"q_{question.code}"
            self.fields[name] = self._question_field(question)
            if question.staff_help_text:  # the note for staff and partners, never shown on the residents' form
                self.fields[name].help_text = " ".join(p for p in (question.help_text, question.staff_help_text) if p)
            if question.kind == QuestionKind.RATING and (question.scale_min_label or question.scale_max_label):
                # Which end is which, where the number is chosen.
                scale = f"{question.scale_words()}."
                self.fields[name].help_text = " ".join(p for p in (str(self.fields[name].help_text), scale) if p)
            answer = existing.get(question.code)
            if question.kind == QuestionKind.FREE_TEXT:
                self._add_translation_fields(question, name, answer)
            if answer is not None:
                if question.kind == QuestionKind.MULTIPLE_CHOICE:
                    self.initial[name] = answer.choices
                elif question.kind == QuestionKind.RATING:
                    self.initial[name] = answer.number
                else:
                    self.initial[name] = answer.text
            self.question_fields.append((question, name))
        for name in (n for _, n in self.question_fields):
            widget = self.fields[name].widget
            if isinstance(widget, forms.Textarea):
                widget.attrs["class"] = "govuk-textarea"
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "govuk-checkboxes__input"
            elif isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "govuk-radios__input"

    def _add_translation_fields(self, question: Question, name: str, answer: Answer | None) -> None:
        """The language the resident's words are in and their English translation, side by side with them."""
        self.fields[f"{name}__language"] = forms.ChoiceField(
            label="Language they used",
            required=False,
            choices=[("", "Not known (Heard will try to tell)"), *census.LANGUAGES],
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )
        self.fields[f"{name}__english"] = forms.CharField(
            label="English translation",
            required=False,
            max_length=20000,
            help_text="Leave empty if they spoke English. Theme suggestions read the translation.",
            widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea", "lang": "en"}),
        )
        if "translated_by" not in self.fields:
            self.fields["translated_by"] = forms.CharField(
                label="Translated by",
                required=False,
                max_length=200,
                help_text="Who translated their words (a person or a language service), if anyone did.",
                widget=forms.TextInput(attrs={"class": "govuk-input"}),
            )
        self.translation_fields[name] = [f"{name}__language", f"{name}__english"]
        if answer is not None:
            self.initial[f"{name}__language"] = answer.language
            self.initial[f"{name}__english"] = answer.english_text
            if answer.translated_by and not self.initial.get("translated_by"):
                self.initial["translated_by"] = answer.translated_by

    def translations(self) -> dict[Question, tuple[str, str, str]]:
        """For each free-text question: (language, English translation, who translated), as entered."""
        found: dict[Question, tuple[str, str, str]] = {}
        who = str(self.cleaned_data.get("translated_by") or "").strip()
        for question, name in self.question_fields:
            if name in self.translation_fields:
                language = str(self.cleaned_data.get(f"{name}__language") or "")
                english = str(self.cleaned_data.get(f"{name}__english") or "").strip()
                found[question] = (language, english, who if english else "")
        return found

    @staticmethod
    def _question_field(question: Question) -> forms.Field:
        if question.kind == QuestionKind.FREE_TEXT:
            return forms.CharField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=20000,
            )
        if question.kind == QuestionKind.RATING:
            scale = [(str(n), str(n)) for n in range(question.scale_min, question.scale_max + 1)]
            return forms.TypedChoiceField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                choices=scale,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        choices = [tuple(c) for c in question.choices]
        if question.kind == QuestionKind.MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
            )
        return forms.ChoiceField(
            label=question.text,
            help_text=question.help_text,
            required=False,
            choices=choices,
            widget=forms.RadioSelect,
        )

    def clean_collected_on(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["collected_on"]
        not_in_future(value, "The date heard")
        return value

    def clean_postcode(self) -> str:
        raw: str = self.cleaned_data.get("postcode", "")
        if not raw.strip():
            return ""
        normal = postcodes.normalise(raw)  # a full postcode, or a district such as N7
        if normal is None:
            raise forms.ValidationError("Enter a UK postcode like N1 9AR, or just the first part like N1.")
        return normal

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        activity = data.get("activity")
        partner = data.get("partner")
        if activity and partner and activity.partner_id != partner.pk:
            self.add_error("activity", "That activity was run by another partner. Choose one of this partner's.")
        if not data.get("consent_store"):
            self.add_error(
                "consent_store",
                "Heard can only keep a resident's contribution with their consent to store it. "
                "If they did not agree, do not record it.",
            )
        if (data.get("consent_store") or data.get("consent_quote") or data.get("consent_contact")) and not data.get(
            "consent_method"
        ):
            self.add_error("consent_method", "Say how the resident gave consent.")
        if data.get("contact_details") and not data.get("consent_contact"):
            self.add_error("contact_details", "Only keep contact details when the resident agreed to be contacted.")
        for _question, name in self.question_fields:
            if data.get(f"{name}__english") and not data.get(name):
                self.add_error(f"{name}__english", "Write their own words above the translation too.")
        if data.get("consent_given_on"):
            try:
                not_in_future(data["consent_given_on"], "The consent date")
            except forms.ValidationError as error:
                self.add_error("consent_given_on", error)
        return data

    SECTIONS = [
        ("Where it came from", "", ["partner", "activity", "community", "collected_on"]),
        (
            "About them",
            "Every question here is optional, and “Prefer not to say” is always fine.",
            [*DEMOGRAPHIC_FIELDS, "postcode"],
        ),
        (
            "Consent",
            "",
            [
                "consent_store",
                "consent_quote",
                "consent_contact",
                "consent_method",
                "consent_given_on",
                "consent_recorded_by",
                "contact_details",
            ],
        ),
    ]

    def sections(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """The form's fields in the order a partner fills them in, with the project's questions second."""
        where, about, consent = ((h, i, [self[n] for n in names]) for h, i, names in self.SECTIONS)
        told_fields = []
        for _question, name in self.question_fields:
            told_fields.append(self[name])
            told_fields += [self[n] for n in self.translation_fields.get(name, [])]
        if "translated_by" in self.fields:
            told_fields.append(self["translated_by"])
        told = (
            "What they told us",
            "Write their words as they said them, in their language, and their English translation below them.",
            told_fields,
        )
        return [where, told, about, consent] if self.question_fields else [where, about, consent]

    def answers(self) -> dict[Question, Any]:
        return {question: self.cleaned_data.get(name) for question, name in self.question_fields}


class ExperienceFilterForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False, empty_label="All")
    community = forms.ModelChoiceField(queryset=Community.objects.none(), required=False, empty_label="All")
    method = forms.ChoiceField(choices=[("", "All"), *Method.choices], required=False)
    quotable = forms.ChoiceField(
        choices=[("", "All"), ("yes", "Consent to quote"), ("no", "No consent to quote")],
        required=False,
        label="Quoting",
    )
    q = forms.CharField(required=False, label="Words in answers")
    reference = forms.CharField(
        required=False,
        max_length=20,
        label="Reference",
        help_text="The resident's reference from the thanks page (like R-7KQ3-M9), or a record's (like R-00042).",
    )

    def clean_reference(self) -> str:
        return re.sub(r"\s+", "", str(self.cleaned_data.get("reference") or "")).upper()

    def __init__(self, *args: Any, project: Project, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["partner"]).queryset = partners_for(project, user)  # type: ignore[type-arg]
        cast(forms.ModelChoiceField, self.fields["community"]).queryset = project.communities.all()  # type: ignore[type-arg]
        for field in self.fields.values():
            widget = field.widget
            widget.attrs["class"] = "govuk-select" if isinstance(widget, forms.Select) else "govuk-input"
