"""A project's own question, with its answers to choose from and its words in each language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.text import slugify

from heard.core.forms import GovukFormMixin
from heard.engagement.models import CONSENT_FIELDS, DEMOGRAPHIC_FIELDS, Answer, Project, Question, QuestionKind
from heard.lib import census

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
    scale_min_label = forms.CharField(
        label="What the lowest number means",
        max_length=80,
        required=False,
        help_text="For example “not at all” or “very poor”. Shown beside the numbers on the record forms and in "
        "the returns template, so everyone knows which end is which.",
    )
    scale_max_label = forms.CharField(
        label="What the highest number means",
        max_length=80,
        required=False,
        help_text="For example “very well” or “excellent”.",
    )
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
                "scale_min_label": question.scale_min_label,
                "scale_max_label": question.scale_max_label,
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
            del self.fields["scale_min_label"], self.fields["scale_max_label"]
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
