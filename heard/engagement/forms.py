from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.text import slugify

from heard.accounts.models import User
from heard.core.forms import GovukFormMixin
from heard.engagement.models import (
    CONSENT_FIELDS,
    DEMOGRAPHIC_FIELDS,
    Activity,
    Answer,
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
        for _question, name in self.question_fields:
            if data.get(f"{name}__english") and not data.get(name):
                self.add_error(f"{name}__english", "Write their own words above the translation too.")
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


# Codes the standard columns of templates and exports use; a project's own question cannot take one.
RESERVED_CODES = frozenset(
    {
        "community",
        "activity",
        "collected_on",
        "postcode",
        "postcode_district",
        "ward_code",
        "reference",
        "partner",
        "channel",
        "source_file",
        "source_sheet",
        "source_row",
        *DEMOGRAPHIC_FIELDS,
        *CONSENT_FIELDS,
    }
)
CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


def _option_code(label: str) -> str:
    return slugify(label).replace("-", "_")[:40] or "option"


def parse_options(text: str, field: str, *, translation: bool = False) -> list[tuple[str, str]]:
    """Lines of "code = Label" (or just "Label", whose code is made from it) as (code, label) pairs. In a
    translation every line needs its code, and a blank label means "not translated yet"."""
    options: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if translation and "=" not in line:
            raise forms.ValidationError(f"{field}, line {number}: write it as 'code = answer', with a code above.")
        code, _sep, label = line.partition("=") if "=" in line else ("", "", line)
        code, label = code.strip(), label.strip()
        if not label and not translation:
            raise forms.ValidationError(f"{field}, line {number}: write the answer after the '='.")
        code = code or _option_code(label)
        if not re.fullmatch(r"[a-z0-9_]{1,40}", code):
            raise forms.ValidationError(
                f"{field}, line {number}: the code '{code}' may use only small letters, digits and _ (40 at most)."
            )
        if code in {c for c, _l in options}:
            raise forms.ValidationError(f"{field}, line {number}: the code '{code}' is used twice.")
        options.append((code, label))
    return options


def options_text(options: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"{code} = {label}" for code, label in options)


class QuestionForm(GovukFormMixin, forms.Form):
    """A project's own question, with its words in each of the project's languages. Once residents have answered
    it, its code and kind are fixed, and answers already chosen stay among the choices: saving makes a new
    version and keeps the old one with its answers."""

    text = forms.CharField(label="Question", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    code = forms.CharField(
        required=False,
        max_length=60,
        help_text="A short code spreadsheets carry in their headers, such as 'waiting_times'. Left blank, Heard "
        "makes one from the question. It cannot change once residents have answered.",
    )
    kind = forms.ChoiceField(label="Kind of answer", choices=QuestionKind.choices)
    help_text = forms.CharField(
        label="Hint for residents",
        max_length=500,
        required=False,
        help_text="Shown under the question on the residents' form and the record forms. Translate it too.",
    )
    staff_help_text = forms.CharField(
        label="Note for staff and partners",
        max_length=500,
        required=False,
        help_text="Shown only on the record forms staff and partners fill in, such as 'In their own words and "
        "language.' Residents never see it.",
    )
    choices = forms.CharField(
        label="Answers to choose from",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One a line, for single and multiple choice. Write 'code = Answer' to set the code, or just the "
        "answer.",
    )
    scale_min = forms.IntegerField(label="Rating scale from", min_value=0, max_value=10, initial=1, required=False)
    scale_max = forms.IntegerField(label="Rating scale to", min_value=1, max_value=10, initial=5, required=False)
    position = forms.IntegerField(
        label="Order", min_value=0, required=False, help_text="Questions are asked in this order (smallest first)."
    )

    def __init__(self, *args: Any, project: Project, question: Question | None = None, **kwargs: Any) -> None:
        self.project = project
        self.question = question
        # Answers to this version freeze it (a change makes a new version); answers to any version of the code
        # fix its kind and the choices residents picked.
        self.answered = question is not None and question.answers.exists()
        self.code_answers = (
            Answer.objects.filter(question__project=project, question__code=question.code)
            if question is not None
            else Answer.objects.none()
        )
        self.kind_fixed = self.code_answers.exists()
        if question is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "text": question.text,
                "code": question.code,
                "kind": question.kind,
                "help_text": question.help_text,
                "staff_help_text": question.staff_help_text,
                "choices": options_text((str(c), str(label)) for c, label in question.choices),
                "scale_min": question.scale_min,
                "scale_max": question.scale_max,
                "position": question.position,
                **{f"text_{lang}": question.translations.get(lang, {}).get("text", "") for lang in project.languages},
                **{
                    f"help_text_{lang}": question.translations.get(lang, {}).get("help_text", "")
                    for lang in project.languages
                },
                **{
                    f"choices_{lang}": options_text(
                        (str(c), str(question.translations.get(lang, {}).get("choices", {}).get(str(c), "")))
                        for c, _label in question.choices
                    )
                    for lang in project.languages
                },
            }
        super().__init__(*args, **kwargs)
        kind = question.kind if question is not None and self.kind_fixed else ""
        asks_choices = kind in ("", *CHOICE_KINDS)
        if not asks_choices:
            del self.fields["choices"]
        if kind not in ("", QuestionKind.RATING):
            del self.fields["scale_min"], self.fields["scale_max"]
        for lang in self.translated_languages:
            name = census.label(census.LANGUAGES, lang)
            self.fields[f"text_{lang}"] = forms.CharField(
                label=f"Question in {name}", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"help_text_{lang}"] = forms.CharField(label=f"Hint in {name}", max_length=500, required=False)
            self.fields[f"choices_{lang}"] = forms.CharField(
                label=f"Answers in {name}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="One a line as 'code = answer', with the codes above. Left blank, residents see English.",
            )
            self.style_field(f"text_{lang}", self.fields[f"text_{lang}"])
            self.style_field(f"help_text_{lang}", self.fields[f"help_text_{lang}"])
            self.style_field(f"choices_{lang}", self.fields[f"choices_{lang}"])
            if not asks_choices:
                del self.fields[f"choices_{lang}"]
        if question is not None:  # templates already sent out carry the code
            self.fields["code"].disabled = True
            self.fields["code"].help_text = "Fixed: spreadsheets carry it in their headers."
        if self.kind_fixed:
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = "Fixed: residents have answered this question."

    @property
    def translated_languages(self) -> list[str]:
        """The project's languages other than English (the question's own words)."""
        return [lang for lang in self.project.languages if lang != "en"]

    def clean_code(self) -> str:
        if self.question is not None:
            return self.question.code
        code = str(self.cleaned_data.get("code") or "").strip().lower()
        if not code:
            code = slugify(str(self.data.get("text", "")))[:50].replace("-", "_") or "question"
            base, n = code, 2
            while code in RESERVED_CODES or self.project.questions.filter(code=code).exists():
                code, n = f"{base}_{n}", n + 1
            return code
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,59}", code):
            raise forms.ValidationError("Use small letters, digits and _ only, starting with a letter.")
        if code in RESERVED_CODES:
            raise forms.ValidationError(f"'{code}' is one of the standard questions' codes; choose another.")
        if self.project.questions.filter(code=code).exists():
            raise forms.ValidationError(f"The project already has a question with the code '{code}'.")
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind") or (self.question.kind if self.question else "")
        try:
            options = parse_options(str(data.get("choices") or ""), "Answers to choose from")
        except forms.ValidationError as error:
            self.add_error("choices", error)
            return data
        if kind in CHOICE_KINDS and len(options) < 2:
            self.add_error("choices", "Give at least two answers to choose from, one a line.")
        if kind not in CHOICE_KINDS:
            options = []
        data["options"] = options
        low, high = data.get("scale_min"), data.get("scale_max")
        low = 1 if low is None else low
        high = 5 if high is None else high
        if kind == QuestionKind.RATING and low >= high:
            self.add_error("scale_max", "The scale must end above where it starts.")
        data["scale_min"], data["scale_max"] = low, high
        if self.kind_fixed and self.question is not None:
            self._keep_what_was_answered(kind, options, low, high)
        data["translations"] = self._translations(options)
        return data

    def _keep_what_was_answered(self, kind: str, options: list[tuple[str, str]], low: int, high: int) -> None:
        assert self.question is not None
        answers = self.code_answers
        if kind in CHOICE_KINDS:
            used = set(answers.exclude(text="").values_list("text", flat=True))
            for chosen in answers.exclude(choices=[]).values_list("choices", flat=True):
                used.update(chosen)
            kept = {code for code, _label in options}
            missing = sorted(c for c in used if c not in kept)
            if missing:
                labels = ", ".join(f"'{c}' ({self.question.choice_label(c)})" for c in missing)
                self.add_error(
                    "choices",
                    f"Residents chose {labels}: keep {'it' if len(missing) == 1 else 'them'} (change the words "
                    "if you need to).",
                )
        if kind == QuestionKind.RATING:
            numbers = [n for n in answers.exclude(number=None).values_list("number", flat=True) if n is not None]
            if numbers and (min(numbers) < low or max(numbers) > high):
                self.add_error(
                    "scale_max",
                    f"Residents gave ratings from {min(numbers)} to {max(numbers)}: keep the scale wide enough.",
                )

    def _translations(self, options: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
        codes = {code for code, _label in options}
        # Words in languages the project no longer lists are kept as they were.
        kept = self.question.translations.items() if self.question is not None else ()
        translations: dict[str, dict[str, Any]] = {
            lang: words for lang, words in kept if lang not in self.translated_languages
        }
        for lang in self.translated_languages:
            text = str(self.cleaned_data.get(f"text_{lang}") or "").strip()
            field = f"Answers in {census.label(census.LANGUAGES, lang)}"
            try:
                translated = [
                    (code, label)
                    for code, label in parse_options(
                        str(self.cleaned_data.get(f"choices_{lang}") or ""), field, translation=True
                    )
                    if label
                ]
            except forms.ValidationError as error:
                self.add_error(f"choices_{lang}", error)
                continue
            unknown = [code for code, _label in translated if code not in codes]
            if unknown:
                self.add_error(f"choices_{lang}", f"{field}: no answer has the code '{unknown[0]}'.")
                continue
            entry: dict[str, Any] = {}
            if text:
                entry["text"] = text
            hint = str(self.cleaned_data.get(f"help_text_{lang}") or "").strip()
            if hint:
                entry["help_text"] = hint
            if translated:
                entry["choices"] = dict(translated)
            if entry:
                translations[lang] = entry
        return translations
