from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone

from heard.accounts.models import User
from heard.core.forms import GovukFormMixin
from heard.engagement.models import (
    CONSENT_FIELDS,
    DEMOGRAPHIC_FIELDS,
    Activity,
    Experience,
    Method,
    Project,
    Question,
    QuestionKind,
)
from heard.lib import census, postcodes
from heard.partners.models import Community, Organisation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(value: datetime.date | None, what: str) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{what} must be today or in the past.")


def partners_for(project: Project, user: User) -> Any:
    partners = Organisation.objects.filter(project_roles__project=project)
    if not user.is_host:
        partners = partners.filter(pk=user.organisation_id or 0)
    return partners


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
        existing: dict[int, Any] = {}
        if self.instance.pk:
            for answer in self.instance.answers.all():
                existing[answer.question_id] = answer
        for question in project.questions.filter(is_active=True):
            name = f"q_{question.code}"
            self.fields[name] = self._question_field(question)
            answer = existing.get(question.pk)
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
        _not_in_future(value, "The date heard")
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
        if data.get("consent_given_on"):
            try:
                _not_in_future(data["consent_given_on"], "The consent date")
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
        told = (
            "What they told us",
            "Write their words as they said them, in their language. Add an English translation separately.",
            [self[name] for _, name in self.question_fields],
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

    def __init__(self, *args: Any, project: Project, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["partner"]).queryset = partners_for(project, user)  # type: ignore[type-arg]
        cast(forms.ModelChoiceField, self.fields["community"]).queryset = project.communities.all()  # type: ignore[type-arg]
        for field in self.fields.values():
            widget = field.widget
            widget.attrs["class"] = "govuk-select" if isinstance(widget, forms.Select) else "govuk-input"


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
