"""Translating a project's questions in the browser: English on the left, the language on the right, question by
question (its words, its hint for residents, its answers to choose from). Host staff only. Saving follows the
questions' versioning: new words for a question residents have answered make a new version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.models import User
from heard.core import languages
from heard.engagement import actions, translations
from heard.engagement.access import get_project_for_user
from heard.engagement.models import Question, QuestionKind
from heard.lib import census

CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


class TranslationForm(forms.Form):
    """One field for each English part of each question asked now: `text_<pk>`, `help_<pk>`, `choice_<pk>_<code>`."""

    def __init__(self, *args: Any, questions: list[Question], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.language = language
        attrs = {"lang": languages.lang_attribute(language), "dir": "auto", "class": "govuk-textarea", "rows": 2}
        input_attrs = {**attrs, "class": "govuk-input"}
        del input_attrs["rows"]
        self.rows: list[dict[str, Any]] = []
        for question in questions:
            words = question.translations.get(language, {})
            parts: list[tuple[str, str]] = []
            self.fields[f"text_{question.pk}"] = forms.CharField(
                label=question.text, required=False, max_length=500, widget=forms.Textarea(attrs=attrs)
            )
            self.initial[f"text_{question.pk}"] = words.get("text", "")
            parts.append(("Question", f"text_{question.pk}"))
            if question.help_text:
                self.fields[f"help_{question.pk}"] = forms.CharField(
                    label=question.help_text, required=False, max_length=500, widget=forms.TextInput(attrs=input_attrs)
                )
                self.initial[f"help_{question.pk}"] = words.get("help_text", "")
                parts.append(("Hint", f"help_{question.pk}"))
            if question.kind in CHOICE_KINDS:
                for code, label in question.choices:
                    name = f"choice_{question.pk}_{code}"
                    self.fields[name] = forms.CharField(
                        label=str(label), required=False, max_length=200, widget=forms.TextInput(attrs=input_attrs)
                    )
                    self.initial[name] = words.get("choices", {}).get(str(code), "")
                    parts.append(("Answer", name))
            self.rows.append({"question": question, "parts": [(what, self[name]) for what, name in parts]})

    def words(self) -> dict[Question, dict[str, Any]]:
        data = self.cleaned_data
        found: dict[Question, dict[str, Any]] = {}
        for question in self.questions:
            entry: dict[str, Any] = {"text": str(data.get(f"text_{question.pk}") or "").strip()}
            if question.help_text:
                entry["help_text"] = str(data.get(f"help_{question.pk}") or "").strip()
            choices = {
                str(code): str(data.get(f"choice_{question.pk}_{code}") or "").strip() for code, _ in question.choices
            }
            # Words kept for a choice no longer offered stay as they were.
            kept = question.translations.get(self.language, {}).get("choices", {})
            entry["choices"] = {
                **{c: w for c, w in kept.items() if c not in choices},
                **{code: label for code, label in choices.items() if label},
            }
            found[question] = entry
        return found


def translate_questions(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    user = request.user
    assert isinstance(user, User)
    if not user.is_host:
        raise PermissionDenied
    if language not in (project.languages or []) or language in ("en", languages.NOT_A_LANGUAGE, *languages.UNWRITTEN):
        raise Http404("The project does not ask in that language")
    questions = list(project.questions.filter(is_active=True))
    form = TranslationForm(request.POST or None, questions=questions, language=language)
    name = census.label(census.LANGUAGES, language)
    if request.method == "POST" and form.is_valid():
        changed = actions.translate_questions(actor=user, project=project, language=language, words=form.words())
        asked = {q.pk for q in questions}
        versions = [q for q in changed if q.pk not in asked]
        note = (
            f" {len(versions)} answered question{'s' if len(versions) != 1 else ''} got a new version: residents' "
            "answers stay with the words they saw."
            if versions
            else ""
        )
        plural = "s" if len(changed) != 1 else ""
        messages.success(request, f"{name} words saved for {len(changed)} question{plural}.{note}")
        return redirect("engagement:question-list", slug=project.slug)
    state = next((s for s in translations.states(project, questions) if s.code == language), None)
    return render(
        request,
        "engagement/question_translate.html",
        {
            "project": project,
            "form": form,
            "language": language,
            "language_name": name,
            "lang": languages.lang_attribute(language),
            "state": state,
            "section": "projects",
        },
    )
